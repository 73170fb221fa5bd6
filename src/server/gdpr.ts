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
import { exportedComment } from './transfer/export.js'
import type { ExportedComment } from './transfer/palaver-json.js'
import { ERASED, type Store } from './store.js'
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
  /** As in Palaver's export (export.schema.json), with the thread each belongs to. */
  comments: (ExportedComment & { thread: string; threadTitle: string | null })[]
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
    comments: rows.map(({ thread_title, ...row }) => ({ thread: row.thread_key, threadTitle: thread_title, ...exportedComment(row) })),
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

/**
 * Erases every comment of the address in one transaction; irreversible. Readers who could
 * see one of them hear that it is gone (the event carries its view now: a placeholder).
 */
export async function eraseAddress(store: Store, secret: string, email: string, now: string): Promise<Erased> {
  const ids = (await ofAddress(store.db, secret, email).select('id').execute()).map((row) => row.id)
  return store.change(async (change) => {
    const threads = new Set<string>()
    const visible: CommentTable[] = []
    for (const id of ids) {
      const row = await change.comment(id)
      if (!row) continue
      await change.update(row, ERASED)
      threads.add(row.thread_key)
      if (row.status === 'approved') visible.push(row)
    }
    for (const row of visible) await change.announce(row, now)
    return { comments: ids.length, threads: threads.size }
  })
}
