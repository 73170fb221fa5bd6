/**
 * Disqus's XML export: <category>s, then <thread dsq:id>s (a page: link, title, createdAt,
 * isClosed, isDeleted), then <post dsq:id>s — each naming its thread (<thread dsq:id/>)
 * and maybe its parent (<parent dsq:id/>), with message (HTML), createdAt, isDeleted,
 * isSpam and the author (name, email when the export has it, isAnonymous).
 *
 * Posts are not grouped by thread, so the threads (small: an address and a title) are
 * kept in memory and posts go out in batches of BATCH_SIZE. A post whose thread comes
 * later in the file than the post waits for it until the end.
 */
import type { StoredStatus } from '../db/schema.js'
import { authorName, cleanText, ipPrefix, isoTime, plainText, typedFromHtml } from './fields.js'
import { threadKeyFor, type MapRule } from './map.js'
import { emptyBatch, SourceError, type Batch, type SourceComment, type SourceThread } from './records.js'
import { readXml, type Element, type XmlReader } from './xml-source.js'

export const BATCH_SIZE = 1000

const THREAD_FIELDS = new Set(['link', 'title', 'createdAt', 'isClosed', 'isDeleted'])
const POST_FIELDS = new Set(['message', 'createdAt', 'isDeleted', 'isSpam', 'ipAddress'])
const AUTHOR_FIELDS = new Set(['name', 'email', 'isAnonymous', 'username'])

interface Post {
  id: string
  thread: string
  parent: string | null
  fields: Record<string, string>
  author: Record<string, string>
  line: number
}

type KnownThread = { thread: SourceThread; deleted: boolean } | { error: string }

function disqusReader(rules: readonly MapRule[]): XmlReader<Batch> {
  const threads = new Map<string, KnownThread>()
  const waiting: Post[] = []
  let thread: { id: string; fields: Record<string, string>; line: number } | null = null
  let post: Post | null = null
  let batch = emptyBatch(false)
  const inBatch = new Set<string>()
  const ready: Batch[] = []
  const parentName = (stack: readonly Element[]) => stack[stack.length - 2]?.name

  const flush = () => {
    if (batch.comments.length + batch.skipped.length === 0) return
    ready.push(batch)
    batch = emptyBatch(false)
    inBatch.clear()
  }

  const place = (p: Post, known: KnownThread) => {
    const where = `post ${p.id} (line ${p.line})`
    if ('error' in known) batch.skipped.push({ reason: `thread without a usable link: ${known.error}`, where })
    else if (known.deleted) batch.skipped.push({ reason: 'its thread was deleted', where })
    else {
      if (!inBatch.has(known.thread.key)) {
        inBatch.add(known.thread.key)
        batch.threads.push(known.thread)
      }
      const made = disqusComment(known.thread.key, p)
      if ('reason' in made) batch.skipped.push(made)
      else batch.comments.push(made)
    }
    if (batch.comments.length >= BATCH_SIZE) flush()
  }

  return {
    ready,
    wantsText(name, stack) {
      const parent = parentName(stack)
      if (parent === 'thread' && stack.length === 3) return THREAD_FIELDS.has(name)
      if (parent === 'post') return POST_FIELDS.has(name)
      return parent === 'author' && stack[stack.length - 3]?.name === 'post' && AUTHOR_FIELDS.has(name)
    },
    open(element, stack) {
      if (stack.length === 0 && element.name !== 'disqus') throw new SourceError(`not a Disqus export: the document is <${element.name}>, not <disqus>`)
      const id = element.attributes['dsq:id'] ?? ''
      if (stack.length === 1 && element.name === 'thread') thread = { id, fields: {}, line: element.line }
      else if (stack.length === 1 && element.name === 'post') post = { id, thread: '', parent: null, fields: {}, author: {}, line: element.line }
      else if (post && stack.length === 2 && element.name === 'thread') post.thread = id
      else if (post && stack.length === 2 && element.name === 'parent') post.parent = id || null
    },
    close(element, text, stack) {
      const parent = stack[stack.length - 1]?.name
      if (stack.length === 1 && element.name === 'thread' && thread) {
        threads.set(thread.id, knownThread(thread.fields, rules))
        thread = null
      } else if (stack.length === 1 && element.name === 'post' && post) {
        const known = threads.get(post.thread)
        if (known) place(post, known)
        else waiting.push(post)
        post = null
      } else if (thread && parent === 'thread' && stack.length === 2) {
        thread.fields[element.name] = text
      } else if (post && parent === 'post') {
        post.fields[element.name] = text
      } else if (post && parent === 'author') {
        post.author[element.name] = text
      }
    },
    end() {
      for (const p of waiting) place(p, threads.get(p.thread) ?? { error: `thread ${p.thread || '?'} is not in the file` })
      flush()
    },
  }
}

function knownThread(fields: Record<string, string>, rules: readonly MapRule[]): KnownThread {
  const mapped = threadKeyFor(fields.link ?? '', rules)
  if ('error' in mapped) return mapped
  const yes = (name: string) => (fields[name] ?? '').trim() === 'true'
  return {
    thread: { key: mapped.key, title: plainText(fields.title) || null, open: yes('isClosed') ? false : null, createdAt: isoTime(fields.createdAt?.trim()) },
    deleted: yes('isDeleted'),
  }
}

function disqusComment(thread: string, post: Post): SourceComment | { reason: string; where: string } {
  const where = `post ${post.id || '?'} (line ${post.line})`
  if (!post.id) return { reason: 'no dsq:id', where }
  const createdAt = isoTime(post.fields.createdAt?.trim())
  if (!createdAt) return { reason: 'no date', where }
  const yes = (name: string) => (post.fields[name] ?? '').trim() === 'true'
  const status: StoredStatus = yes('isSpam') ? 'spam' : yes('isDeleted') ? 'deleted' : 'approved'
  const text = typedFromHtml(post.fields.message ?? '')
  if (text === '' && status !== 'deleted') return { reason: 'empty comment', where }
  const anonymous = (post.author.isAnonymous ?? '').trim() === 'true'
  return {
    thread,
    sourceId: `disqus:${post.id}`,
    id: null,
    parent: post.parent ? `disqus:${post.parent}` : null,
    kind: 'comment',
    status,
    author: {
      name: authorName(post.author.name, anonymous ? 'Guest' : authorName(post.author.username, 'Guest')),
      email: cleanText(post.author.email).trim(),
      url: null,
    },
    text,
    createdAt,
    editedAt: null,
    ipPrefix: ipPrefix(post.fields.ipAddress),
    editTokenHash: null,
    where,
  }
}

export function readDisqus(file: string, rules: readonly MapRule[], onBytes?: (bytes: number) => void): AsyncGenerator<Batch> {
  return readXml(file, disqusReader(rules), onBytes)
}
