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
 * transaction. It cannot be undone. The address's reply subscriptions (mail/) end in the
 * same transaction, with the digests still waiting to be sent to it.
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

/** Reply subscriptions of the address: by the reader's key, or by the address they gave. */
function subscriptionsOf(db: Kysely<Schema>, secret: string, email: string) {
  const normalized = normalizeEmail(email)
  const key = avatarSeed(secret, normalized)
  return db
    .selectFrom('mail_subscriptions')
    .where((eb) => eb.or([...(key ? [eb('author_key', '=', key)] : []), eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', normalized)]))
}

/** A reply subscription as the reader's export shows it. */
export interface ExportedSubscription {
  thread: string
  email: string
  createdAt: string
}

export interface PersonalData {
  email: string
  exportedAt: string
  /** As in Palaver's export (export.schema.json), with the thread each belongs to. */
  comments: (ExportedComment & { thread: string; threadTitle: string | null })[]
  subscriptions: ExportedSubscription[]
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
  const subscriptions = await subscriptionsOf(db, secret, email).select(['thread_key', 'email', 'created_at']).orderBy('created_at').orderBy('id').execute()
  return {
    email: normalizeEmail(email),
    exportedAt: now,
    comments: rows.map(({ thread_title, ...row }) => ({ thread: row.thread_key, threadTitle: thread_title, ...exportedComment(row) })),
    subscriptions: subscriptions.map((s) => ({ thread: s.thread_key, email: s.email, createdAt: s.created_at })),
  }
}

export interface Erased {
  comments: number
  threads: number
  /** Reply subscriptions ended. */
  subscriptions: number
}

/** What erasing would touch, for the confirmation. */
export async function erasable(db: Kysely<Schema>, secret: string, email: string): Promise<Erased> {
  const rows = await ofAddress(db, secret, email).select(['id', 'thread_key']).execute()
  const subscriptions = await subscriptionsOf(db, secret, email).select('id').execute()
  return { comments: rows.length, threads: new Set(rows.map((r) => r.thread_key)).size, subscriptions: subscriptions.length }
}

/**
 * Erases every comment of the address in one transaction; irreversible. Readers who could
 * see one of them hear that it is gone (the event carries its view now: a placeholder).
 */
export async function eraseAddress(store: Store, secret: string, email: string, now: string): Promise<Erased> {
  const ids = (await ofAddress(store.db, secret, email).select('id').execute()).map((row) => row.id)
  return store.change(async (change) => {
    const normalized = normalizeEmail(email)
    const subscriptions = await change.mail.forgetAddress(normalized, avatarSeed(secret, normalized))
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
    return { comments: ids.length, threads: threads.size, subscriptions }
  })
}
