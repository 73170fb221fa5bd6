/**
 * The tables mail needs, kept apart from db/migrations.ts (which spreads them in) as the
 * transfer migrations are. Numbered 030 so they sort after the server's own and transfer's.
 */
import type { Kysely, Migration } from 'kysely'

export function mailMigrations(): Record<string, Migration> {
  return {
    // Mail (src/server/mail/): the thread's page address and language (mail links to the
    // page and is written in its language), readers' reply subscriptions, the mail queue
    // (a row per mail, filled in the transaction of the change that causes it, drained by
    // the worker) with the comments each mail is about, and the one-click links already used.
    '030-mail': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('threads').addColumn('url', 'text').execute()
        await db.schema.alterTable('threads').addColumn('lang', 'text').execute()

        await db.schema
          .createTable('mail_subscriptions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('thread_key', 'text', (c) => c.notNull())
          .addColumn('author_key', 'text', (c) => c.notNull())
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('next_digest_at', 'text')
          .addUniqueConstraint('mail_subscriptions_reader', ['thread_key', 'author_key'])
          .execute()

        await db.schema
          .createTable('mail_queue')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('recipient', 'text', (c) => c.notNull())
          .addColumn('thread_key', 'text', (c) => c.notNull())
          .addColumn('subscription_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'text', (c) => c.notNull())
          .addColumn('claimed_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('finished_at', 'text')
          .addColumn('last_error', 'text')
          .execute()
        // The worker's question: what is due now.
        await db.schema.createIndex('mail_queue_due').on('mail_queue').columns(['status', 'next_attempt_at']).execute()
        await db.schema.createIndex('mail_queue_subscription').on('mail_queue').columns(['subscription_id', 'status']).execute()

        await db.schema
          .createTable('mail_items')
          .addColumn('mail_id', 'text', (c) => c.notNull())
          .addColumn('comment_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('mail_items_pk', ['mail_id', 'comment_id'])
          .execute()

        await db.schema
          .createTable('mail_link_uses')
          .addColumn('nonce', 'text', (c) => c.primaryKey())
          .addColumn('used_at', 'text', (c) => c.notNull())
          .execute()
      },
      async down(db: Kysely<any>) {
        for (const table of ['mail_link_uses', 'mail_items', 'mail_queue', 'mail_subscriptions']) await db.schema.dropTable(table).execute()
        await db.schema.alterTable('threads').dropColumn('lang').execute()
        await db.schema.alterTable('threads').dropColumn('url').execute()
      },
    },
  }
}
