/**
 * Isso's SQLite database (comments.db), opened read-only: `threads` (id, uri, title) and
 * `comments` (tid, id, parent, created and modified as Unix seconds, mode, remote_addr,
 * text, author, email, website, …). Modes: 1 published, 2 waiting for moderation, 4
 * deleted but kept because it has replies. The text is what the commenter typed (Isso
 * renders Markdown at display time); Palaver renders it as typed text. One thread is one
 * batch.
 */
import type { StoredStatus } from '../db/schema.js'
import { authorName, authorUrl, cleanText, ipPrefix, isoTime } from './fields.js'
import { threadKeyFor, type MapRule } from './map.js'
import { emptyBatch, SourceError, type Batch, type SourceComment } from './records.js'

const MODES: Record<number, StoredStatus> = { 1: 'approved', 2: 'pending', 4: 'deleted' }

interface IssoThread {
  id: number
  uri: string | null
  title: string | null
}

interface IssoComment {
  id: number
  parent: number | null
  created: number
  modified: number | null
  mode: number | null
  remote_addr: string | null
  text: string | null
  author: string | null
  email: string | null
  website: string | null
}

export async function* readIsso(file: string, rules: readonly MapRule[]): AsyncGenerator<Batch> {
  const { default: SQLite } = await import('better-sqlite3')
  let db: import('better-sqlite3').Database
  let threads: IssoThread[]
  let comments: import('better-sqlite3').Statement<[number], IssoComment>
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw new SourceError(`cannot open ${file} as an SQLite database: ${(error as Error).message}`)
  }
  try {
    threads = db.prepare<[], IssoThread>('select id, uri, title from threads order by id').all()
    comments = db.prepare<[number], IssoComment>(
      'select id, parent, created, modified, mode, remote_addr, text, author, email, website from comments where tid = ? order by id',
    )
  } catch (error) {
    db.close()
    throw new SourceError(`not an Isso database (no threads and comments tables as Isso makes them): ${(error as Error).message}`)
  }
  try {
    for (const thread of threads) {
      const batch = emptyBatch(true)
      const rows = comments.all(thread.id)
      if (rows.length === 0) continue
      const mapped = threadKeyFor(thread.uri ?? '', rules)
      if ('error' in mapped) {
        batch.skipped.push(...rows.map((row) => ({ reason: `thread without a usable uri: ${mapped.error}`, where: `comment ${row.id}` })))
      } else {
        batch.threads.push({ key: mapped.key, title: cleanText(thread.title).trim() || null, open: null, createdAt: null })
        for (const row of rows) {
          const made = issoComment(mapped.key, row)
          if ('reason' in made) batch.skipped.push(made)
          else batch.comments.push(made)
        }
      }
      yield batch
    }
  } finally {
    db.close()
  }
}

function issoComment(thread: string, row: IssoComment): SourceComment | { reason: string; where: string } {
  const where = `comment ${row.id}`
  const status = MODES[row.mode ?? 0]
  if (!status) return { reason: `unknown mode ${row.mode}`, where }
  const createdAt = isoTime(row.created)
  if (!createdAt) return { reason: 'no date', where }
  const text = cleanText(row.text).replace(/\r\n?/g, '\n').trim()
  if (text === '' && status !== 'deleted') return { reason: 'empty comment', where }
  return {
    thread,
    sourceId: `isso:${row.id}`,
    id: null,
    parent: row.parent === null ? null : `isso:${row.parent}`,
    kind: 'comment',
    status,
    author: { name: authorName(row.author, 'Anonymous'), email: cleanText(row.email).trim(), url: authorUrl(row.website) },
    text,
    createdAt,
    editedAt: row.modified ? isoTime(row.modified) : null,
    ipPrefix: ipPrefix(row.remote_addr),
    editTokenHash: null,
    where,
  }
}
