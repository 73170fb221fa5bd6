/**
 * Comment rows written straight into the store, for tests that need more comments than
 * posting one by one would make in reasonable time (deep chains, huge subtrees), or that
 * test the store's transactions themselves.
 */
import type { CommentRow, Store } from '../../../../src/server/store.js'
import { newId } from '../../../../src/server/tokens.js'

let sequence = 0

/** An approved top-level comment of `thread`, a millisecond after the previous one made here. */
export function commentRow(thread: string, overrides: Partial<CommentRow> = {}): CommentRow {
  const id = overrides.id ?? newId()
  const n = ++sequence
  return {
    id,
    thread_key: thread,
    parent_id: null,
    root_id: id,
    depth: 0,
    kind: 'comment',
    author_name: `Writer ${n}`,
    author_email: `writer${n}@example.org`,
    author_url: null,
    author_key: null,
    body_text: `Row ${n}`,
    body_html: `<p>Row ${n}</p>`,
    status: 'approved',
    created_at: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
    edited_at: null,
    edit_token_hash: null,
    ip_prefix: null,
    dedupe_key: null,
    version: 0,
    held: 0,
    ...overrides,
  }
}

/** Inserts rows (and their thread) in chunks the drivers take in one statement. */
export async function insertRows(store: Store, rows: CommentRow[]): Promise<void> {
  const first = rows[0]
  if (!first) return
  await store.ensureThread(first.thread_key, null, first.created_at)
  for (let i = 0; i < rows.length; i += 500)
    await store.db
      .insertInto('comments')
      .values(rows.slice(i, i + 500))
      .execute()
}

/** A chain: `top` and then `levels` replies, each answering the one before, depths as stored. */
export function chainRows(thread: string, levels: number): CommentRow[] {
  const top = commentRow(thread)
  const rows = [top]
  for (let depth = 1; depth <= levels; depth++) {
    rows.push(commentRow(thread, { parent_id: rows[depth - 1]!.id, root_id: top.id, depth }))
  }
  return rows
}
