/**
 * The mail queue as the worker and the mail pages use it: claiming due rows, recording
 * how each send went, what a mail is about, used one-click links, unsubscribing, pruning.
 * (Rows are written by outbox.ts, inside the change that causes them.)
 *
 * Claiming is one UPDATE … RETURNING over the rows a CTE picks; on PostgreSQL the CTE takes
 * them `FOR UPDATE SKIP LOCKED`, so two processes claiming at once get disjoint rows (a row
 * another claim holds is skipped, one it has taken is no longer due). A claim lasts
 * CLAIM_MS: a worker that died mid-send frees its rows then (far longer than a send may
 * take, see transport.ts), and a finish is recorded only by the claim that made it.
 */
import type { Kysely, Selectable } from 'kysely'
import type { DialectName } from '../db/migrations.js'
import type { MailQueueTable, MailSubscriptionTable, Schema } from '../db/schema.js'
import type { CommentRow, ThreadRow } from '../store.js'

export type MailRow = Selectable<MailQueueTable>
export type SubscriptionRow = Selectable<MailSubscriptionTable>

export const CLAIM_MS = 10 * 60_000
/** Finished rows (without their address, see finish()) are kept this long for the operator. */
export const KEEP_FINISHED_MS = 7 * 86_400_000

const iso = (ms: number) => new Date(ms).toISOString()

/** What one mail is about, as it is now (not as it was when queued). */
export interface MailContent {
  thread: ThreadRow
  /** The comments of the mail that still exist, oldest first. */
  comments: CommentRow[]
  /** For a digest: the comments the replies answer, by id. */
  parents: Map<string, CommentRow>
  subscription: SubscriptionRow | null
}

export class MailQueue {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly dialect: DialectName,
  ) {}

  /** Up to `limit` rows due at `nowMs`, now this worker's (status 'sending') until the claim lapses. */
  async claim(limit: number, nowMs: number): Promise<MailRow[]> {
    const now = iso(nowMs)
    const until = iso(nowMs + CLAIM_MS)
    return (
      this.db
        // A CTE, not `id in (select …)`: PostgreSQL may run such a sub-select once per row it
        // updates, each time picking other rows, and claim far more than `limit`. A locking
        // CTE runs once.
        .with('due', (db) =>
          db
            .selectFrom('mail_queue')
            .select('id')
            .where((eb) =>
              eb.or([
                eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
                eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
              ]),
            )
            .orderBy('next_attempt_at')
            .orderBy('id')
            .limit(limit)
            .$if(this.dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
        )
        .updateTable('mail_queue')
        .set((eb) => ({ status: 'sending', claimed_until: until, attempts: eb('mail_queue.attempts', '+', 1) }))
        .from('due')
        .whereRef('mail_queue.id', '=', 'due.id')
        .returningAll() // on PostgreSQL with due.id too: the same value
        .execute()
    )
  }

  /** Sent, skipped or given up: the address is dropped at once, the row kept a week. */
  async finish(mail: MailRow, status: 'sent' | 'skipped' | 'failed', nowMs: number, error: string | null = null): Promise<void> {
    await this.mine(mail)
      .set({ status, finished_at: iso(nowMs), claimed_until: null, recipient: '', last_error: error })
      .execute()
  }

  /** Back in the queue, due again at `atMs`. */
  async retry(mail: MailRow, atMs: number, error: string): Promise<void> {
    await this.mine(mail)
      .set({ status: 'queued', next_attempt_at: iso(atMs), claimed_until: null, last_error: error })
      .execute()
  }

  private mine(mail: MailRow) {
    return this.db.updateTable('mail_queue').where('id', '=', mail.id).where('status', '=', 'sending').where('claimed_until', '=', mail.claimed_until)
  }

  async content(mail: MailRow): Promise<MailContent | null> {
    const thread = await this.db.selectFrom('threads').selectAll().where('key', '=', mail.thread_key).executeTakeFirst()
    if (!thread) return null
    const comments = await this.db
      .selectFrom('comments')
      .selectAll()
      .where('id', 'in', this.db.selectFrom('mail_items').select('comment_id').where('mail_id', '=', mail.id))
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    const parentIds = [...new Set(comments.flatMap((c) => (c.parent_id ? [c.parent_id] : [])))]
    const parents = parentIds.length ? await this.db.selectFrom('comments').selectAll().where('id', 'in', parentIds).execute() : []
    const subscription = mail.subscription_id ? ((await this.subscription(mail.subscription_id)) ?? null) : null
    return { thread, comments, parents: new Map(parents.map((p) => [p.id, p])), subscription }
  }

  subscription(id: string): Promise<SubscriptionRow | undefined> {
    return this.db.selectFrom('mail_subscriptions').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** The subscription and the digests still waiting for it go; a digest being sent finishes. */
  async unsubscribe(id: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const waiting = tx.selectFrom('mail_queue').select('id').where('subscription_id', '=', id).where('status', '=', 'queued')
      await tx.deleteFrom('mail_items').where('mail_id', 'in', waiting).execute()
      await tx.deleteFrom('mail_queue').where('subscription_id', '=', id).where('status', '=', 'queued').execute()
      await tx.deleteFrom('mail_subscriptions').where('id', '=', id).execute()
    })
  }

  /** Spends a one-click link's nonce; false when it was already spent (the first use wins). */
  async useLink(nonce: string, nowMs: number): Promise<boolean> {
    const result = await this.db
      .insertInto('mail_link_uses')
      .values({ nonce, used_at: iso(nowMs) })
      .onConflict((oc) => oc.column('nonce').doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async linkUsed(nonce: string): Promise<boolean> {
    return (await this.db.selectFrom('mail_link_uses').select('nonce').where('nonce', '=', nonce).executeTakeFirst()) !== undefined
  }

  /**
   * Finished rows after a week; used-link records once every link they spent has expired
   * (a link lives at most linkTtlMs, and was used after it was made).
   */
  async prune(nowMs: number, linkTtlMs: number): Promise<void> {
    const old = this.db
      .selectFrom('mail_queue')
      .select('id')
      .where('finished_at', '<', iso(nowMs - KEEP_FINISHED_MS))
    await this.db.deleteFrom('mail_items').where('mail_id', 'in', old).execute()
    await this.db
      .deleteFrom('mail_queue')
      .where('finished_at', '<', iso(nowMs - KEEP_FINISHED_MS))
      .execute()
    await this.db
      .deleteFrom('mail_link_uses')
      .where('used_at', '<', iso(nowMs - linkTtlMs))
      .execute()
  }
}
