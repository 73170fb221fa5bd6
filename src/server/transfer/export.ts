/**
 * Everything out: Palaver's own JSON (palaver-json.ts describes it; docs/export.md and
 * docs/export.schema.json document it) and WordPress's WXR, so comments can move into
 * WordPress. Both are written to a sink as they are read — threads in pages, comments a
 * thread at a time — so a large site exports with flat memory (a thread's comments are
 * the most it holds). Threads come in key order, comments in (created_at, id) order, so
 * the same database always exports to the same file.
 */
import type { Kysely, Selectable } from 'kysely'
import type { CommentTable, Schema, ThreadTable } from '../db/schema.js'
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedComment, type ExportedThread } from './palaver-json.js'
import { isSecretSetting } from './writer.js'
import { cdata, element, escapeXml } from './xml.js'

/** Where the export goes; resolves when the chunk may be followed by the next. */
export type Sink = (chunk: string) => Promise<void>

const THREAD_PAGE = 200
const COMMENT_PAGE = 1000

type ThreadRow = Selectable<ThreadTable>
type CommentRow = Selectable<CommentTable>

/** The threads (one, with `only`), a page at a time, each with all its comments. */
async function* threadsWithComments(db: Kysely<Schema>, only: string | null): AsyncGenerator<{ thread: ThreadRow; comments: CommentRow[] }> {
  let after: string | null = null
  for (;;) {
    const page: ThreadRow[] = await db
      .selectFrom('threads')
      .selectAll()
      .$if(only !== null, (q) => q.where('key', '=', only!))
      .$if(after !== null, (q) => q.where('key', '>', after!))
      .orderBy('key')
      .limit(THREAD_PAGE)
      .execute()
    for (const thread of page) yield { thread, comments: await commentsOf(db, thread.key) }
    if (page.length < THREAD_PAGE) return
    after = page[page.length - 1]!.key
  }
}

async function commentsOf(db: Kysely<Schema>, key: string): Promise<CommentRow[]> {
  const all: CommentRow[] = []
  for (;;) {
    const last = all[all.length - 1]
    const page = await db
      .selectFrom('comments')
      .selectAll()
      .where('thread_key', '=', key)
      .$if(last !== undefined, (q) =>
        q.where((eb) => eb.or([eb('created_at', '>', last!.created_at), eb.and([eb('created_at', '=', last!.created_at), eb('id', '>', last!.id)])])),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(COMMENT_PAGE)
      .execute()
    all.push(...page)
    if (page.length < COMMENT_PAGE) return all
  }
}

export function exportedComment(row: CommentRow): ExportedComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as ExportedComment['kind'],
    status: row.status,
    author: { name: row.author_name, email: row.author_email, url: row.author_url, role: row.author_role === 'owner' ? 'owner' : null },
    body: row.body_text,
    html: row.body_html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    ipPrefix: row.ip_prefix,
    editTokenHash: row.edit_token_hash,
    sourceId: row.source_id ?? null,
  }
}

export interface ExportCounts {
  threads: number
  comments: number
}

/** Palaver's JSON: the header on the first line, then one thread per line. */
export async function exportJson(db: Kysely<Schema>, sink: Sink, options: { thread: string | null; now: string }): Promise<ExportCounts> {
  const settings: Record<string, string> = {}
  for (const row of await db.selectFrom('settings').selectAll().orderBy('name').execute()) {
    if (!isSecretSetting(row.name)) settings[row.name] = row.value
  }
  const header = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: options.now, settings }
  await sink(`${JSON.stringify(header).slice(0, -1)},"threads":[\n`)
  const counts = { threads: 0, comments: 0 }
  for await (const { thread, comments } of threadsWithComments(db, options.thread)) {
    const exported: ExportedThread = {
      key: thread.key,
      // The owner's title (readers see it) and the one the first post gave, apart.
      title: thread.owner_title ?? null,
      pageTitle: thread.title,
      open: thread.open === 1,
      createdAt: thread.created_at,
      comments: comments.map(exportedComment),
    }
    await sink(`${counts.threads > 0 ? ',\n' : ''}${JSON.stringify(exported)}`)
    counts.threads++
    counts.comments += comments.length
  }
  await sink(`${counts.threads > 0 ? '\n' : ''}]}\n`)
  return counts
}

const WP_STATUS = { approved: '1', pending: '0', spam: 'spam', deleted: 'trash' } as const
const WP_TYPE: Record<string, string> = { comment: '', pingback: 'pingback', trackback: 'trackback', webmention: 'webmention' }

/** "2026-11-27T13:14:04.733Z" → "2026-11-27 13:14:04", as WordPress writes times. */
const wordpressTime = (iso: string) => iso.slice(0, 19).replace('T', ' ')

/** The address a network prefix stands for ("203.0.113.0/24" → "203.0.113.0"): WordPress keeps one address. */
const prefixAddress = (prefix: string | null) => (prefix && prefix !== 'unknown' ? prefix.replace(/\/\d+$/, '') : '')

/**
 * WXR 1.2, as WordPress's importer reads it: one post per thread (title, link, date,
 * comment status), its comments with numeric ids and parents. Times are written as UTC
 * for both the local and the GMT fields (Palaver does not know the blog's time zone).
 * Links are `siteUrl` + thread key; without a site URL, the key alone.
 */
export async function exportWxr(
  db: Kysely<Schema>,
  sink: Sink,
  options: { thread: string | null; now: string; siteUrl: string | null },
): Promise<ExportCounts> {
  const site = options.siteUrl ?? ''
  await sink(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">',
      '<channel>',
      element('title', 'Comments exported from Palaver'),
      element('link', site),
      element('description', ''),
      element('pubDate', new Date(options.now).toUTCString()),
      '<wp:wxr_version>1.2</wp:wxr_version>',
      element('wp:base_site_url', site),
      element('wp:base_blog_url', site),
      '',
    ].join('\n'),
  )
  const counts = { threads: 0, comments: 0 }
  let commentNumber = 0
  for await (const { thread, comments } of threadsWithComments(db, options.thread)) {
    counts.threads++
    const numbers = new Map(comments.map((c) => [c.id, ++commentNumber]))
    const link = site ? new URL(thread.key, site).href : thread.key
    const slug = thread.key.split('/').filter(Boolean).pop() ?? ''
    const lines = [
      '<item>',
      element('title', thread.owner_title ?? thread.title ?? ''),
      element('link', link),
      element('pubDate', new Date(thread.created_at).toUTCString()),
      `<guid isPermaLink="false">${escapeXml(`palaver:${thread.key}`)}</guid>`,
      `<content:encoded>${cdata('')}</content:encoded>`,
      element('wp:post_id', String(counts.threads)),
      element('wp:post_date', wordpressTime(thread.created_at)),
      element('wp:post_date_gmt', wordpressTime(thread.created_at)),
      element('wp:comment_status', thread.open === 1 ? 'open' : 'closed'),
      element('wp:ping_status', 'closed'),
      element('wp:post_name', slug),
      element('wp:status', 'publish'),
      element('wp:post_parent', '0'),
      element('wp:menu_order', '0'),
      element('wp:post_type', 'post'),
    ]
    for (const c of comments) {
      lines.push(
        '<wp:comment>',
        element('wp:comment_id', String(numbers.get(c.id))),
        `<wp:comment_author>${cdata(c.author_name)}</wp:comment_author>`,
        element('wp:comment_author_email', c.author_email),
        element('wp:comment_author_url', c.author_url ?? ''),
        element('wp:comment_author_IP', prefixAddress(c.ip_prefix)),
        element('wp:comment_date', wordpressTime(c.created_at)),
        element('wp:comment_date_gmt', wordpressTime(c.created_at)),
        `<wp:comment_content>${cdata(c.body_text)}</wp:comment_content>`,
        element('wp:comment_approved', WP_STATUS[c.status]),
        element('wp:comment_type', WP_TYPE[c.kind] ?? ''),
        element('wp:comment_parent', String((c.parent_id && numbers.get(c.parent_id)) || 0)),
        element('wp:comment_user_id', '0'),
        '</wp:comment>',
      )
      counts.comments++
    }
    lines.push('</item>', '')
    await sink(lines.join('\n'))
  }
  await sink('</channel>\n</rss>\n')
  return counts
}
