/**
 * The one query that loads comments as the admin API shows them (comment-view.ts
 * adminComment): the comment with its thread's title and page. Used by the store (lists,
 * answers after a change) and by the event hub (the admin stream sends what a comment is now).
 */
import { sql, type Kysely } from 'kysely'
import type { AdminRow } from '../comment-view.js'
import type { Schema } from '../db/schema.js'

export async function adminRowsOf(db: Kysely<Schema>, ids: readonly string[]): Promise<AdminRow[]> {
  if (ids.length === 0) return []
  const rows: AdminRow[] = []
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = await db
      .selectFrom('comments as c')
      .innerJoin('threads as t', 't.key', 'c.thread_key')
      .selectAll('c')
      .select([sql<string | null>`coalesce(t.owner_title, t.title)`.as('thread_title'), 't.url as thread_url'])
      .where('c.id', 'in', ids.slice(i, i + 500))
      .execute()
    rows.push(...(chunk as AdminRow[]))
  }
  return rows
}
