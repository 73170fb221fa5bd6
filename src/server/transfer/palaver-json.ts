/**
 * Palaver's own export (docs/export.md, docs/export.schema.json): one JSON document,
 *
 *   {"format":"palaver-export","version":1,"exportedAt":…,"settings":{…},"threads":[
 *   {"key":…,"title":…,"open":…,"createdAt":…,"comments":[…]},
 *   …
 *   ]}
 *
 * written with each thread on a line of its own (export.ts), so it is read back a thread
 * at a time with flat memory. A file laid out otherwise (pretty-printed by hand or by a
 * tool) is still the same document: it is read whole. Every record is checked (valibot)
 * before anything of it is used.
 */
import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import * as v from 'valibot'
import type { CommentKind } from '../../model.js'
import type { StoredStatus } from '../db/schema.js'
import { authorUrl, cleanText } from './fields.js'
import { SourceError, type Batch, type SourceComment } from './records.js'

export const EXPORT_FORMAT = 'palaver-export'
export const EXPORT_VERSION = 1

const KINDS = ['comment', 'pingback', 'trackback', 'webmention'] as const satisfies readonly CommentKind[]
const STATUSES = ['approved', 'pending', 'spam', 'deleted'] as const satisfies readonly StoredStatus[]
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

const time = v.pipe(v.string(), v.regex(ISO, 'must be an ISO time like 2026-11-27T13:14:04.733Z'))
const id = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'must be 1 to 64 letters, digits, - or _'))

export const exportedComment = v.strictObject({
  id,
  parentId: v.nullable(id),
  kind: v.picklist(KINDS),
  status: v.picklist(STATUSES),
  author: v.strictObject({
    name: v.string(),
    email: v.string(),
    url: v.nullable(v.string()),
    /** 'owner' on the owner's own replies (the admin page), null for everyone else; absent in older exports. */
    role: v.optional(v.nullable(v.picklist(['owner']))),
  }),
  body: v.string(),
  html: v.string(),
  createdAt: time,
  editedAt: v.nullable(time),
  ipPrefix: v.nullable(v.string()),
  editTokenHash: v.nullable(v.string()),
  sourceId: v.nullable(v.string()),
})

export const exportedThread = v.strictObject({
  key: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  title: v.nullable(v.string()),
  /** What the first post said the page was called (exports since the owner's title was kept apart). */
  pageTitle: v.optional(v.nullable(v.string())),
  open: v.boolean(),
  createdAt: time,
  comments: v.array(exportedComment),
})

export const exportHeader = v.strictObject({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  exportedAt: time,
  settings: v.record(v.string(), v.string()),
})

export type ExportedComment = v.InferOutput<typeof exportedComment>
export type ExportedThread = v.InferOutput<typeof exportedThread>
export type ExportHeader = v.InferOutput<typeof exportHeader>

/** "threads[3].comments[0].createdAt: must be an ISO time …" */
function problem(where: string, issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!
  const path = (issue.path ?? []).map((item) => (typeof item.key === 'number' ? `[${item.key}]` : `.${String(item.key)}`)).join('')
  return `${where}${path}: ${issue.message}`
}

function check<T extends v.GenericSchema>(schema: T, value: unknown, where: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value)
  if (!result.success) throw new SourceError(problem(where, result.issues))
  return result.output
}

function threadBatch(thread: ExportedThread): Batch {
  const comments: SourceComment[] = thread.comments.map((c) => ({
    thread: thread.key,
    sourceId: c.sourceId,
    id: c.id,
    parent: c.parentId,
    kind: c.kind,
    status: c.status,
    author: {
      name: cleanText(c.author.name),
      email: cleanText(c.author.email),
      url: authorUrl(c.author.url),
      ...(c.author.role === 'owner' ? { role: 'owner' as const } : {}),
    },
    text: cleanText(c.body),
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    ipPrefix: c.ipPrefix,
    editTokenHash: c.editTokenHash,
    where: `comment ${c.id}`,
  }))
  return {
    whole: true,
    threads: [
      {
        key: thread.key,
        ...(thread.pageTitle === undefined ? { title: thread.title } : { title: thread.pageTitle, ownerTitle: thread.title }),
        open: thread.open,
        createdAt: thread.createdAt,
      },
    ],
    comments,
    skipped: [],
  }
}

const HEADER_LINE = /^(\{.*"threads":\[)$/

/**
 * The header, then one batch per thread. `onHeader` sees the header (settings) before
 * the first thread.
 */
export async function* readPalaverJson(
  file: string,
  onHeader: (header: ExportHeader) => void,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<Batch> {
  const stream = createReadStream(file, { encoding: 'utf8' })
  const lines = createInterface({ input: stream, crlfDelay: Infinity })
  let lineNumber = 0
  let layout: 'lines' | 'whole' | null = null
  let ended = false
  try {
    for await (const line of lines) {
      lineNumber++
      if (layout === null) {
        const header = HEADER_LINE.exec(line)
        if (!header) {
          layout = 'whole'
          break
        }
        layout = 'lines'
        const { threads: _none, ...fields } = parseJson(`${header[1]}]}`, 'line 1') as { threads?: unknown }
        onHeader(check(exportHeader, fields, 'header'))
        continue
      }
      if (ended) {
        if (line.trim() !== '') throw new SourceError(`line ${lineNumber}: text after the end of the document`)
        continue
      }
      if (line === ']}') {
        ended = true
        continue
      }
      const value = parseJson(line.replace(/,$/, ''), `line ${lineNumber}`)
      yield threadBatch(check(exportedThread, value, `line ${lineNumber}: thread`))
      onBytes(stream.bytesRead)
    }
  } catch (error) {
    if (error instanceof SourceError) throw error
    throw new SourceError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  } finally {
    lines.close()
    stream.destroy()
  }
  if (layout === 'lines') {
    if (!ended) throw new SourceError(`the document ends early (after line ${lineNumber}): no closing ]}`)
    return
  }
  // Not our own layout: the same document, read whole.
  const document = parseJson(await readFile(file, 'utf8'), 'the file')
  if (typeof document !== 'object' || document === null || !('threads' in document)) {
    throw new SourceError(`not a Palaver export: no "format": "${EXPORT_FORMAT}" document with threads`)
  }
  const { threads, ...header } = document as { threads: unknown }
  onHeader(check(exportHeader, header, 'header'))
  const list = check(v.array(v.unknown()), threads, 'threads')
  for (const [index, thread] of list.entries()) yield threadBatch(check(exportedThread, thread, `threads[${index}]`))
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    throw new SourceError(`${where}: not valid JSON (${(error as Error).message.split('\n')[0]})`)
  }
}
