/**
 * Who is mailed about what, decided once. The comments service calls these hooks inside
 * the Store.change() of each post and verdict, so the mail is queued in the same
 * transaction as the change (outbox.ts); nothing here talks to an SMTP server.
 *
 * - The owner (--notify-owner): one mail per held comment, and with --notify-owner-all one
 *   per comment published at once.
 * - A reader who ticked "Notify me of replies": a digest of the published replies to their
 *   comments in that thread, at most one per hour, never about their own replies. A held
 *   reply mails nobody until it is approved.
 */
import type { AppOptions, MailOptions } from '../options.js'
import type { Change, CommentRow } from '../store.js'

export class Notifications {
  constructor(private readonly mail: MailOptions) {}

  /** A comment was stored: the poster's subscription, the owner's mail, and the replied-to reader's. */
  async posted(change: Change, row: CommentRow, notify: boolean): Promise<void> {
    if (notify && row.author_key && row.author_email) await change.mail.subscribe(row.thread_key, row.author_key, row.author_email, row.created_at)
    if (row.status === 'pending') await this.tellOwner(change, 'held', row, row.created_at)
    else {
      if (this.mail.notifyOwnerAll) await this.tellOwner(change, 'new', row, row.created_at)
      await change.mail.reply(row, row.created_at)
    }
  }

  /** An edit sent a published comment back into moderation: it waits for the owner again. */
  held(change: Change, row: CommentRow, now: string): Promise<void> {
    return this.tellOwner(change, 'held', row, now)
  }

  /** The owner published a held comment: only now does the reader it answers hear of it. */
  published(change: Change, row: CommentRow, now: string): Promise<void> {
    return change.mail.reply(row, now)
  }

  private async tellOwner(change: Change, kind: 'held' | 'new', row: CommentRow, now: string): Promise<void> {
    if (this.mail.notifyOwner) await change.mail.toOwner(kind, row, this.mail.notifyOwner, now)
  }
}

/** Null without SMTP: then nothing is queued at all. */
export const notificationsFor = (options: AppOptions): Notifications | null => (options.mail ? new Notifications(options.mail) : null)
