/**
 * A reader's data, on request (GDPR articles 15 and 17): everything stored about one email
 * address, as JSON, and erasing it. Addresses are compared trimmed and case-insensitively,
 * by the stored address itself and by its avatar seed (the keyed hash of the same
 * normalized address), so comments are found also when the address was stored with other
 * spacing or capitals.
 *
 * Erasing is what removing a comment does, for every comment of the address at once: the
 * row stays (replies keep their place, readers see a "deleted" placeholder where there are
 * replies) but name, email, website, network prefix, text and edit token are gone, in one
 * transaction. It cannot be undone. Palaver keeps no subscriptions yet (no reply mails):
 * the export's `subscriptions` is empty, and there is none to end.
 */
import type { Kysely } from 'kysely'
import type { CommentTable, Schema } from './db/schema.js'
import { avatarSeed } from './tokens.js'

export const normalizeEmail = (email: string): string => email.trim().toLowerCase()

/** Comments whose address is this one, trimmed and case-insensitively. */
function ofAddress(db: Kysely<Schema>, secret: string, email: string) {
  const normalized = normalizeEmail(email)
  const key = avatarSeed(secret, normalized)
  return db
    .selectFrom('comments')
    .where((eb) => eb.or([...(key ? [eb('author_key', '=', key)] : []), eb(eb.fn('lower', [eb.fn('trim', ['author_email'])]), '=', normalized)]))
}

export interface PersonalData {
  email: string
  exportedAt: string
  comments: {
    id: string
    thread: string
    threadTitle: string | null
    parentId: string | null
    kind: string
    status: CommentTable['status']
    author: { name: string; email: string; url: string | null }
    body: string
    html: string
    createdAt: string
    editedAt: string | null
    ipPrefix: string | null
  }[]
  subscriptions: never[]
}

/** Everything stored about the address (empty lists when nothing is). */
export async function personalData(db: Kysely<Schema>, secret: string, email: string, now: string): Promise<PersonalData> {
  const rows = await ofAddress(db, secret, email)
    .innerJoin('threads', 'threads.key', 'comments.thread_key')
    .selectAll('comments')
    .select('threads.title as thread_title')
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute()
  return {
    email: normalizeEmail(email),
    exportedAt: now,
    comments: rows.map((row) => ({
      id: row.id,
      thread: row.thread_key,
      threadTitle: row.thread_title,
      parentId: row.parent_id,
      kind: row.kind,
      status: row.status,
      author: { name: row.author_name, email: row.author_email, url: row.author_url },
      body: row.body_text,
      html: row.body_html,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      ipPrefix: row.ip_prefix,
    })),
    subscriptions: [],
  }
}

export interface Erased {
  comments: number
  threads: number
}

/** What erasing would touch, for the confirmation. */
export async function erasable(db: Kysely<Schema>, secret: string, email: string): Promise<Erased> {
  const rows = await ofAddress(db, secret, email).select(['id', 'thread_key']).execute()
  return { comments: rows.length, threads: new Set(rows.map((r) => r.thread_key)).size }
}

/** Erases every comment of the address in one transaction; irreversible. */
export async function eraseAddress(db: Kysely<Schema>, secret: string, email: string): Promise<Erased> {
  return db.transaction().execute(async (tx) => {
    const rows = await ofAddress(tx, secret, email).select(['id', 'thread_key']).execute()
    const ids = rows.map((r) => r.id)
    const threads = [...new Set(rows.map((r) => r.thread_key))]
    for (let i = 0; i < ids.length; i += 500) {
      await tx
        .updateTable('comments')
        .set({
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
        })
        .where('id', 'in', ids.slice(i, i + 500))
        .execute()
    }
    // After the change, never before: readers' ETags follow the version (see ThreadTable.version).
    for (const key of threads) await tx.updateTable('threads').set((eb) => ({ version: eb('version', '+', 1) })).where('key', '=', key).execute()
    return { comments: ids.length, threads: threads.length }
  })
}
