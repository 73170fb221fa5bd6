/**
 * Atom 1.0 feeds (RFC 4287): GET /api/v1/feed?thread=KEY for one thread, GET /api/v1/feed
 * for the whole site. The newest 50 approved comments, newest first; each entry's content
 * is the stored, sanitized HTML, its author the name (and website) readers see — never an
 * email. Permalinks point at the comment on the host page (site base + thread key +
 * #comment-ID, the widget's anchors) when the server knows the site (siteBase()); without
 * it, entries carry their content and no link, which Atom allows.
 *
 * Validators: a weak ETag from the threads' versions (bumped by every change, so the tag
 * is answered before any comment is read) and Last-Modified from the newest entry.
 */
import { createHash } from 'node:crypto'
import { Hono } from 'hono'
import { sql, type Kysely } from 'kysely'
import type { Schema } from '../db/schema.js'
import { threadParam } from '../http.js'
import { siteBase } from '../options.js'
import { publicUrl } from '../public-url.js'
import { escapeXml } from '../transfer/xml.js'
import type { Deps } from './deps.js'

export const FEED_ENTRIES = 50
const FEED_SCHEME = '1'
const EPOCH = '1970-01-01T00:00:00.000Z'

interface FeedRow {
  id: string
  thread_key: string
  thread_title: string | null
  author_name: string
  author_url: string | null
  body_html: string
  created_at: string
  edited_at: string | null
}

function newest(db: Kysely<Schema>, thread: string | null): Promise<FeedRow[]> {
  return db
    .selectFrom('comments')
    .innerJoin('threads', 'threads.key', 'comments.thread_key')
    .select([
      'comments.id',
      'comments.thread_key',
      sql<string | null>`coalesce(threads.owner_title, threads.title)`.as('thread_title'),
      'comments.author_name',
      'comments.author_url',
      'comments.body_html',
      'comments.created_at',
      'comments.edited_at',
    ])
    .where('comments.status', '=', 'approved')
    .$if(thread !== null, (q) => q.where('comments.thread_key', '=', thread!))
    .orderBy('comments.created_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(FEED_ENTRIES)
    .execute()
}

/** What the feed's ETag stands for: one thread's version, or every thread's (their sum only grows). */
async function feedVersion(db: Kysely<Schema>, thread: string | null): Promise<string> {
  const row = await db
    .selectFrom('threads')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('version'), eb.lit(0)).as('versions'), eb.fn.countAll<number>().as('threads')])
    .$if(thread !== null, (q) => q.where('key', '=', thread!))
    .executeTakeFirstOrThrow()
  return `${Number(row.versions)}.${Number(row.threads)}`
}

const httpDate = (iso: string) => new Date(iso).toUTCString()
const updatedOf = (row: FeedRow) => (row.edited_at && row.edited_at > row.created_at ? row.edited_at : row.created_at)

function entry(row: FeedRow, base: string | null): string {
  const topic = row.thread_title ?? row.thread_key
  const link = base ? `\n    <link rel="alternate" type="text/html" href="${escapeXml(`${new URL(row.thread_key, base).href}#comment-${row.id}`)}"/>` : ''
  const uri = row.author_url && /^https?:\/\//i.test(row.author_url) ? `<uri>${escapeXml(row.author_url)}</uri>` : ''
  return `  <entry>
    <id>urn:palaver:comment:${escapeXml(row.id)}</id>
    <title type="text">${escapeXml(`${row.author_name} on ${topic}`)}</title>
    <published>${row.created_at}</published>
    <updated>${updatedOf(row)}</updated>
    <author><name>${escapeXml(row.author_name)}</name>${uri}</author>${link}
    <content type="html">${escapeXml(row.body_html)}</content>
  </entry>`
}

export function feedRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, options } = deps

  app.get('/feed', async (c) => {
    const given = c.req.query('thread')
    const thread = given === undefined ? null : threadParam(given, options.limits.thread)
    const base = siteBase(options)
    const version = await feedVersion(store.db, thread)
    const etag = `W/"${createHash('sha1')
      .update([FEED_SCHEME, version, thread ?? '', base ?? ''].join('\n'))
      .digest('base64url')}"`
    c.header('ETag', etag)
    c.header('Cache-Control', 'no-cache')
    const ifNoneMatch = c.req.header('if-none-match')
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) return c.body(null, 304)

    const rows = await newest(store.db, thread)
    const threadRow = thread === null ? undefined : await store.thread(thread)
    // biome-ignore lint/complexity/useMathMinMax: ISO times, compared as text
    const updated = rows.map(updatedOf).reduce((a, b) => (a > b ? a : b), threadRow?.created_at ?? EPOCH)
    c.header('Last-Modified', httpDate(updated))
    const since = Date.parse(c.req.header('if-modified-since') ?? '')
    if (!ifNoneMatch && Number.isFinite(since) && Math.floor(Date.parse(updated) / 1000) * 1000 <= since) return c.body(null, 304)

    const title = thread === null ? `Comments${base ? ` on ${new URL(base).host}` : ''}` : `Comments on ${threadRow?.owner_title ?? threadRow?.title ?? thread}`
    const alternate = base ? `\n  <link rel="alternate" type="text/html" href="${escapeXml(thread === null ? base : new URL(thread, base).href)}"/>` : ''
    const id = thread === null ? 'urn:palaver:feed' : `urn:palaver:feed:${encodeURIComponent(thread)}`
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(id)}</id>
  <title type="text">${escapeXml(title)}</title>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(publicUrl(c, options))}"/>${alternate}
  <generator>Palaver</generator>
${rows.map((row) => entry(row, base)).join('\n')}
</feed>
`
    c.header('Content-Type', 'application/atom+xml; charset=utf-8')
    return c.body(xml)
  })

  return app
}
