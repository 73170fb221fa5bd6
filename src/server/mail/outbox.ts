/**
 * The mail side of the outbox: what a change causes to be mailed is written in the change's
 * own transaction (Store.change → change.mail), so a comment and the mail about it commit
 * together or not at all, and no request ever waits for an SMTP server. The worker
 * (worker.ts) sends the rows later. Who gets what is decided in notifications.ts; this
 * holds the SQL.
 */
import type { Transaction } from 'kysely'
import type { Database } from '../db/database.js'
import type { MailKind, Schema } from '../db/schema.js'
import type { CommentRow } from '../store.js'
import { newId } from '../tokens.js'

/** At most one mail per thread per reader per hour: the replies of that hour go in one digest. */
export const DIGEST_INTERVAL_MS = 3_600_000

const later = (a: string, b: string | null): string => (b !== null && b > a ? b : a)

export class MailOutbox {
  constructor(
    private readonly tx: Transaction<Schema>,
    private readonly database: Database,
    private readonly queued: () => void,
  ) {}

  /**
   * The reader will hear of replies to their comments in this thread. One subscription per
   * reader and thread; the address last given is the one mailed.
   */
  async subscribe(thread: string, authorKey: string, email: string, now: string): Promise<void> {
    await this.tx
      .insertInto('mail_subscriptions')
      .values({ id: newId(), thread_key: thread, author_key: authorKey, email, created_at: now, next_digest_at: null })
      .onConflict((oc) => oc.columns(['thread_key', 'author_key']).doUpdateSet({ email }))
      .execute()
  }

  /**
   * Erasing an address (gdpr.ts): its subscriptions end, by the reader's key or the address
   * given, and the mail still queued for it goes — a digest being sent finishes, as when the
   * reader unsubscribes. Returns how many subscriptions ended.
   */
  async forgetAddress(normalizedEmail: string, authorKey: string | null): Promise<number> {
    const ids = (
      await this.tx
        .selectFrom('mail_subscriptions')
        .select('id')
        .where((eb) => eb.or([...(authorKey ? [eb('author_key', '=', authorKey)] : []), eb(eb.fn('lower', [eb.fn('trim', ['email'])]), '=', normalizedEmail)]))
        .execute()
    ).map((row) => row.id)
    const waiting = this.tx
      .selectFrom('mail_queue')
      .select('id')
      .where('status', '=', 'queued')
      .where((eb) =>
        eb.or([...(ids.length ? [eb('subscription_id', 'in', ids)] : []), eb(eb.fn('lower', [eb.fn('trim', ['recipient'])]), '=', normalizedEmail)]),
      )
    const queued = (await waiting.execute()).map((row) => row.id)
    if (queued.length) {
      await this.tx.deleteFrom('mail_items').where('mail_id', 'in', queued).execute()
      await this.tx.deleteFrom('mail_queue').where('id', 'in', queued).execute()
    }
    if (ids.length) await this.tx.deleteFrom('mail_subscriptions').where('id', 'in', ids).execute()
    return ids.length
  }

  /** One mail to the owner about one comment. */
  async toOwner(kind: Extract<MailKind, 'held' | 'new'>, row: CommentRow, recipient: string, now: string): Promise<void> {
    const id = newId()
    await this.tx
      .insertInto('mail_queue')
      .values({
        id,
        kind,
        recipient,
        thread_key: row.thread_key,
        subscription_id: null,
        status: 'queued',
        next_attempt_at: now,
        created_at: now,
        claimed_until: null,
        finished_at: null,
        last_error: null,
      })
      .execute()
    await this.tx.insertInto('mail_items').values({ mail_id: id, comment_id: row.id }).execute()
    this.queued()
  }

  /**
   * A reply was published. The author of the comment it answers hears of it when they
   * subscribed — never about their own reply — in the digest still waiting for them, or in a
   * new one that goes an hour after the last.
   */
  async reply(reply: CommentRow, now: string): Promise<void> {
    if (reply.parent_id === null) return
    const parent = await this.tx.selectFrom('comments').select('author_key').where('id', '=', reply.parent_id).executeTakeFirst()
    if (!parent?.author_key || parent.author_key === reply.author_key) return
    const found = await this.tx
      .selectFrom('mail_subscriptions')
      .select('id')
      .where('thread_key', '=', reply.thread_key)
      .where('author_key', '=', parent.author_key)
      .executeTakeFirst()
    if (!found) return
    // Two replies approved at once must not start two digests: one change at a time per reader.
    await this.database.lock(this.tx, `mail-digest:${found.id}`)
    const subscription = await this.tx.selectFrom('mail_subscriptions').selectAll().where('id', '=', found.id).executeTakeFirst()
    if (!subscription) return

    // A worker that claims the waiting digest at this moment either waits for this row lock
    // (and then sends the reply too) or took it first, and then this finds none and starts
    // the next digest (FOR UPDATE re-reads the status once the claim commits).
    const waiting = await this.tx
      .selectFrom('mail_queue')
      .select('id')
      .where('subscription_id', '=', subscription.id)
      .where('status', '=', 'queued')
      .$if(this.database.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst()
    let mailId = waiting?.id
    if (!mailId) {
      mailId = newId()
      const at = later(now, subscription.next_digest_at)
      await this.tx
        .insertInto('mail_queue')
        .values({
          id: mailId,
          kind: 'replies',
          recipient: subscription.email,
          thread_key: reply.thread_key,
          subscription_id: subscription.id,
          status: 'queued',
          next_attempt_at: at,
          created_at: now,
          claimed_until: null,
          finished_at: null,
          last_error: null,
        })
        .execute()
      const next = new Date(Date.parse(at) + DIGEST_INTERVAL_MS).toISOString()
      await this.tx.updateTable('mail_subscriptions').set({ next_digest_at: next }).where('id', '=', subscription.id).execute()
    }
    await this.tx
      .insertInto('mail_items')
      .values({ mail_id: mailId, comment_id: reply.id })
      .onConflict((oc) => oc.columns(['mail_id', 'comment_id']).doNothing())
      .execute()
    this.queued()
  }
}
