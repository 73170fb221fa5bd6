/**
 * The mail worker of `palaver serve`: drains the queue outside any request. It wakes when
 * this process queued mail (Store.onMailQueued), and every few seconds for mail queued by
 * other processes or due later (digests, retries). Each round claims a batch (queue.ts:
 * several processes never claim the same row), renders each mail from the comments as they
 * are now — a held comment already moderated, or a digest whose replies are all gone, is
 * skipped — and sends it. A failed send is tried again after 1, 2, 4 … minutes (at most 6
 * hours apart, 8 attempts in all); an answer that cannot change (5xx for the recipient or
 * the message) ends it at once. Failures are logged through logSafe(): no addresses.
 */
import { logSafe } from '../app.js'
import type { MailOptions } from '../options.js'
import type { Store } from '../store.js'
import { MODERATION_ACTIONS, moderationToken, unsubscribeToken, type ModerationAction } from './links.js'
import { mailMessages } from './messages.js'
import { MailQueue, type MailRow } from './queue.js'
import { ownerMail, repliesMail, type RenderedMail } from './templates.js'
import { permanentFailure, type MailTransport } from './transport.js'

export const MAX_ATTEMPTS = 8
const FIRST_RETRY_MS = 60_000
const MAX_RETRY_MS = 6 * 3_600_000

/** The wait after the n-th failed attempt. */
export const retryDelay = (attempt: number): number => Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS)

export interface MailWorkerOptions {
  secret: string
  /** Every link in mail starts with it (--public-url). */
  publicUrl: string
  mail: MailOptions
  now: () => number
  log: (line: string) => void
  /** How often to look for mail this process was not woken for. */
  pollMs?: number
  /** Rows claimed at once. */
  batch?: number
}

/** Shutdown waits this long for a send in flight; a row left 'sending' is free again when its claim lapses. */
const STOP_WAIT_MS = 5_000

const minutes = (ms: number) => (ms < 3_600_000 ? `${Math.round(ms / 60_000)}m` : `${Math.round(ms / 3_600_000)}h`)

export class MailWorker {
  private readonly queue: MailQueue
  private timers: NodeJS.Timeout[] = []
  private running: Promise<void> | null = null
  private again = false
  private stopped = false

  constructor(
    private readonly store: Store,
    private readonly transport: MailTransport,
    private readonly options: MailWorkerOptions,
  ) {
    this.queue = new MailQueue(store.db, store.dialect)
  }

  start(): void {
    this.store.onMailQueued = () => this.wake()
    const prune = () => void this.queue.prune(this.options.now(), this.options.mail.linkTtlMs).catch(() => {})
    this.timers = [setInterval(() => this.wake(), this.options.pollMs ?? 5_000), setInterval(prune, 3_600_000)]
    for (const timer of this.timers) timer.unref()
    prune()
    this.wake()
  }

  /** Wakes coalesce: one round at a time, and one more if woken meanwhile. */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.drain()
      .then(() => {})
      .catch((error) => this.options.log(`palaver: mail queue: ${logSafe(error)}`))
      .finally(() => {
        this.running = null
        if (this.again) {
          this.again = false
          this.wake()
        }
      })
  }

  /** Resolves once the current round (and any it started) is over. */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const timer of this.timers) clearInterval(timer)
    if (this.store.onMailQueued) this.store.onMailQueued = null
    await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())])
    this.transport.close()
  }

  /** Sends what is due now, batch after batch; resolves with how many mails it handled. */
  async drain(): Promise<number> {
    const batch = this.options.batch ?? 10
    let handled = 0
    while (!this.stopped) {
      const rows = await this.queue.claim(batch, this.options.now())
      for (const row of rows) await this.deliver(row)
      handled += rows.length
      if (rows.length < batch) break
    }
    return handled
  }

  private async deliver(mail: MailRow): Promise<void> {
    const { now, mail: settings } = this.options
    let rendered: RenderedMail | null
    try {
      rendered = await this.render(mail)
      if (rendered) await this.transport.sendMail({ from: settings.from, to: mail.recipient, ...rendered })
    } catch (error) {
      return this.failed(mail, error)
    }
    // Outside the try: a failure to record a sent mail must not send it again at once (the
    // row stays claimed; the round stops and is logged).
    await this.queue.finish(mail, rendered ? 'sent' : 'skipped', now())
  }

  private async failed(mail: MailRow, error: unknown): Promise<void> {
    const { now, log } = this.options
    const reason = logSafe(error)
    const what = `a ${mail.kind} mail (${mail.id})`
    if (permanentFailure(error) || mail.attempts >= MAX_ATTEMPTS) {
      await this.queue.finish(mail, 'failed', now(), reason)
      log(`palaver: mail: gave up on ${what} after ${mail.attempts} attempt(s): ${reason}`)
    } else {
      const delay = retryDelay(mail.attempts)
      await this.queue.retry(mail, now() + delay, reason)
      log(`palaver: mail: ${what} was not sent (attempt ${mail.attempts} of ${MAX_ATTEMPTS}, next in ${minutes(delay)}): ${reason}`)
    }
  }

  /** The mail as its comments are now; null when nothing is left to say. */
  private async render(mail: MailRow): Promise<RenderedMail | null> {
    const { secret, publicUrl, now } = this.options
    const content = await this.queue.content(mail)
    if (!content) return null
    const { thread } = content
    const m = mailMessages(thread.lang)
    if (mail.kind === 'replies') {
      if (!content.subscription) return null
      const replies = content.comments
        .filter((comment) => comment.status === 'approved')
        .map((comment) => ({ comment, parent: (comment.parent_id && content.parents.get(comment.parent_id)) || null }))
      if (replies.length === 0) return null
      const unsubscribeUrl = `${publicUrl}/mail/unsubscribe/${unsubscribeToken(secret, content.subscription.id)}`
      return repliesMail(m, { thread, replies, unsubscribeUrl })
    }
    const comment = content.comments[0]
    // A held comment the owner already moderated, or a published one that is gone: nothing to decide.
    if (!comment || comment.status !== (mail.kind === 'held' ? 'pending' : 'approved')) return null
    const expiresMs = now() + this.options.mail.linkTtlMs
    const actions: readonly ModerationAction[] = mail.kind === 'held' ? MODERATION_ACTIONS : ['spam', 'delete']
    const links = Object.fromEntries(
      actions.map((action) => [action, `${publicUrl}/mail/moderate/${moderationToken(secret, { commentId: comment.id, action, expiresMs, nonce: mail.id })}`]),
    )
    return ownerMail(m, { kind: mail.kind, comment, thread, links, expiresMs })
  }
}
