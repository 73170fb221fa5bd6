/**
 * The public reading endpoints: one page of a thread, and counts for many threads.
 */
import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import type { Sort, ThreadInfo } from '../../model.js'
import { decodeCursor, encodeCursor, idParam, limitParam, threadParam } from '../http.js'
import { preReadEtag } from '../middleware/etag.js'
import { PageCache } from '../page-cache.js'
import { fieldProblem } from '../problem.js'
import type { Cursor } from '../store.js'
import { formTokenEpoch, sha256 } from '../tokens.js'
import { threadInfo, type Deps } from './deps.js'

const MAX_READER_TOKENS = 50
const MAX_COUNT_THREADS = 100

/** X-Palaver-Tokens: the edit tokens this browser holds for the thread, comma-separated. */
export function readerTokenHashes(header: string | undefined): string[] {
  if (!header) return []
  const tokens = header
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && t.length <= 200)
  return [...new Set(tokens)].slice(0, MAX_READER_TOKENS).map(sha256)
}

/** Changes when what a list answer holds for the same version changes (a new field, another view). */
const ETAG_SCHEME = '4'

/** A cache validator, not a secret: SHA-1 is enough. */
function weakHash(parts: string[]): string {
  const hash = createHash('sha1')
  for (const part of parts) hash.update(part).update('\n')
  return hash.digest('base64url')
}

interface ListRequest {
  key: string
  limit: number
  sort: Sort
  cursor: Cursor | null
  tokensHeader: string | undefined
  thread: ThreadInfo
  version: number
  /** The ETag, set by the middleware that answers 304s: it names the cached page too. */
  tag?: string
}

type ListEnv = { Variables: { list: ListRequest } }

export function readRoutes(deps: Deps) {
  const app = new Hono<ListEnv>()
  const { store, threads, options } = deps
  // Per app: what a page holds is computed once per tag (page-cache.ts says why that is safe).
  const pages = new PageCache()

  app.get(
    '/comments',
    async (c, next) => {
      const key = threadParam(c.req.query('thread'), options.limits.thread)
      const limit = limitParam(c.req.query('limit'), 50, 200)
      const sort = c.req.query('sort') ?? 'oldest'
      if (sort !== 'oldest' && sort !== 'newest') throw fieldProblem(400, 'sort', 'invalid', 'sort is oldest or newest.')
      const cursor = decodeCursor(c.req.query('cursor'))
      const { row, count } = await threads.summary(key)
      const thread = threadInfo(deps, key, row, count)
      c.set('list', { key, limit, sort, cursor, tokensHeader: c.req.header('x-palaver-tokens'), thread, version: row?.version ?? 0 })
      c.header('Cache-Control', 'no-cache')
      c.header('Vary', 'X-Palaver-Tokens', { append: true })
      await next()
    },
    // The tag stands for the thread's version (bumped after every change readers can see),
    // what the thread says, the page asked for and the reader's tokens with what their own
    // comments are now (they change what is shown; held comments move nothing else), so a
    // 304 is answered before the page is read. The form
    // token changes every second and is left out; only the half of its life the token is in
    // counts (tokens.ts formTokenEpoch), so a cached one always has an hour left.
    preReadEtag<ListEnv>(async (c) => {
      const { thread, version, limit, sort, tokensHeader } = c.var.list
      const { formToken: _fresh, ...stable } = thread
      const epoch = String(formTokenEpoch(options.now()))
      const own = JSON.stringify(await store.ownRows(readerTokenHashes(tokensHeader)))
      const tag = `W/"${weakHash([ETAG_SCHEME, String(version), epoch, JSON.stringify(stable), c.req.query('cursor') ?? '', String(limit), sort, tokensHeader ?? '', own])}"`
      c.var.list.tag = tag
      return tag
    }),
    async (c) => {
      const { key, limit, sort, cursor, tokensHeader, thread, tag } = c.var.list
      // The thread part holds a fresh form token each time; the page part is what is cached.
      // One slot per page a reader can ask for; the tag says whether what it holds is current.
      const slot = weakHash([key, c.req.query('cursor') ?? '', String(limit), sort, tokensHeader ?? ''])
      let rest = tag === undefined ? undefined : pages.get(slot, tag)
      if (rest === undefined) {
        const page = await threads.page(key, { cursor, limit, sort, tokenHashes: readerTokenHashes(tokensHeader) })
        const moreReplies = page.moreReplies.map(({ parentId, after }) => ({ parentId, cursor: encodeCursor(after) }))
        rest = `"comments":${JSON.stringify(page.comments)},"nextCursor":${JSON.stringify(encodeCursor(page.next))},"moreReplies":${JSON.stringify(moreReplies)}}`
        if (tag !== undefined) pages.set(slot, tag, rest)
      }
      c.header('Content-Type', 'application/json')
      return c.body(`{"thread":${JSON.stringify(thread)},${rest}`)
    },
  )

  // The rest of a top-level comment's replies, when a page could not carry them all.
  app.get('/comments/:id/replies', async (c) => {
    const id = idParam(c.req.param('id'))
    const replies = await threads.replies(id, decodeCursor(c.req.query('cursor')), readerTokenHashes(c.req.header('x-palaver-tokens')))
    c.header('Cache-Control', 'no-cache')
    c.header('Vary', 'X-Palaver-Tokens', { append: true })
    return c.json({ comments: replies.comments, nextCursor: encodeCursor(replies.next) })
  })

  app.get('/counts', async (c) => {
    const keys = [...new Set(c.req.queries('thread') ?? [])]
    if (keys.length === 0) throw fieldProblem(400, 'thread', 'required', 'Name at least one thread: ?thread=A&thread=B.')
    if (keys.length > MAX_COUNT_THREADS) throw fieldProblem(400, 'thread', 'too-long', `At most ${MAX_COUNT_THREADS} threads per request.`)
    // Answered under the keys as asked: the widget looks its counts up by them.
    const normalized = keys.map((key) => threadParam(key, options.limits.thread))
    const counts = await threads.counts([...new Set(normalized)])
    c.header('Cache-Control', 'no-cache')
    return c.json({ counts: Object.fromEntries(keys.map((key, i) => [key, counts[normalized[i]!] ?? 0])) })
  })

  return app
}
