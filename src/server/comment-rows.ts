/**
 * Writes of comment rows that importing, GDPR erasure and Webmention share: what an erased
 * comment keeps (its place, nothing its author wrote — the store's own removal keeps the
 * edit time and duplicate key, erasure takes those too) and the version bump that tells
 * readers' caches a thread changed (for the importer, which writes outside Store.change()).
 */
import type { Kysely } from 'kysely'
import type { CommentTable, Schema } from './db/schema.js'

/** A removed comment: the row stays so replies keep their place; everything its author wrote goes. */
export const ERASED = {
  status: 'deleted',
  author_name: '',
  author_email: '',
  author_url: null,
  author_key: null,
  body_text: '',
  body_html: '',
  edited_at: null,
  edit_token_hash: null,
  ip_prefix: null,
  // A hash of author and text: gone with them.
  dedupe_key: null,
} as const satisfies Partial<CommentTable>

/** After a change of these threads' comments, never before (see ThreadTable.version). */
export async function bumpVersions(db: Kysely<Schema>, keys: Iterable<string>): Promise<void> {
  for (const key of new Set(keys)) {
    await db
      .updateTable('threads')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('key', '=', key)
      .execute()
  }
}
