/**
 * The threads as the admin page lists them: each with its counts per status and its last
 * comment, the most recently active first, a page at a time. A thread's `title` is the
 * owner's (owner_title: shown to readers, over the page's own); `pageTitle` is what the
 * first post said the page was called (title) — for the owner to read, never shown to
 * readers (issue 13.8).
 */
import { sql, type Kysely } from 'kysely'
import type { Schema, StoredStatus } from '../db/schema.js'
import { fieldProblem } from '../problem.js'
import { bumpVersion, type ThreadRow } from '../store.js'

export interface AdminThread {
  key: string
  title: string | null
  pageTitle: string | null
  url: string | null
  open: boolean
  counts: Record<StoredStatus, number>
  lastCommentAt: string | null
}

/** Where the next page of threads starts: after this activity time and key. */
export interface ThreadCursor {
  at: string
  key: string
}

export const encodeThreadCursor = (cursor: ThreadCursor | null): string | null =>
  cursor ? Buffer.from(JSON.stringify([cursor.at, cursor.key])).toString('base64url') : null

export function decodeThreadCursor(value: string | undefined): ThreadCursor | null {
  if (value === undefined || value === '') return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(parsed[0]) && parsed[1].length <= 1000) return { at: parsed[0], key: parsed[1] }
    }
  } catch {
    // below
  }
  throw fieldProblem(400, 'cursor', 'invalid', 'The cursor is not one this server issued.')
}

export class AdminThreads {
  constructor(private readonly db: Kysely<Schema>) {}

  async list(cursor: ThreadCursor | null, limit: number): Promise<{ threads: AdminThread[]; next: ThreadCursor | null }> {
    // A thread's activity: its last comment, or its creation when it has none.
    const activity = sql<string>`coalesce((select max(c.created_at) from comments c where c.thread_key = t.key), t.created_at)`
    const rows = await this.db
      .selectFrom('threads as t')
      .selectAll('t')
      .select(activity.as('activity'))
      .$if(cursor !== null, (q) => q.where(sql<boolean>`(${activity} < ${cursor!.at} or (${activity} = ${cursor!.at} and t.key < ${cursor!.key}))`))
      .orderBy(activity, 'desc')
      .orderBy('t.key', 'desc')
      .limit(limit + 1)
      .execute()
    const page = rows.slice(0, limit)
    const threads = await this.withCounts(page)
    const last = page[page.length - 1]
    return { threads, next: rows.length > limit && last ? { at: last.activity, key: last.key } : null }
  }

  async one(key: string): Promise<AdminThread | null> {
    const row = await this.db.selectFrom('threads').selectAll().where('key', '=', key).executeTakeFirst()
    return row ? ((await this.withCounts([row]))[0] ?? null) : null
  }

  /** The owner's changes: the title (null: none, readers see the page's own) and whether it is open. */
  async update(key: string, changes: { title?: string | null; open?: boolean }, now: string): Promise<AdminThread> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .insertInto('threads')
        .values({ key, title: null, open: 1, created_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute()
      const set: { owner_title?: string | null; open?: number } = {}
      if (changes.title !== undefined) set.owner_title = changes.title
      if (changes.open !== undefined) set.open = changes.open ? 1 : 0
      if (Object.keys(set).length > 0) {
        await tx.updateTable('threads').set(set).where('key', '=', key).execute()
        await bumpVersion(tx, key)
      }
    })
    return (await this.one(key))!
  }

  private async withCounts(rows: ThreadRow[]): Promise<AdminThread[]> {
    const keys = rows.map((row) => row.key)
    const counts = new Map<string, Record<StoredStatus, number>>(keys.map((key) => [key, { pending: 0, approved: 0, spam: 0, deleted: 0 }]))
    const last = new Map<string, string>()
    if (keys.length > 0) {
      const grouped = await this.db
        .selectFrom('comments')
        .select(['thread_key', 'status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('created_at').as('last')])
        .where('thread_key', 'in', keys)
        .groupBy(['thread_key', 'status'])
        .execute()
      for (const row of grouped) {
        const entry = counts.get(row.thread_key)
        if (entry && row.status in entry) entry[row.status] = Number(row.n)
        const at = String(row.last)
        if (!last.has(row.thread_key) || at > last.get(row.thread_key)!) last.set(row.thread_key, at)
      }
    }
    return rows.map((row) => ({
      key: row.key,
      title: row.owner_title ?? null,
      pageTitle: row.title,
      url: row.url,
      open: row.open === 1,
      counts: counts.get(row.key)!,
      lastCommentAt: last.get(row.key) ?? null,
    }))
  }
}
