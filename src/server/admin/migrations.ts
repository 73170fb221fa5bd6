/**
 * The tables and columns the owner's console needs (src/server/admin/), kept apart from
 * db/migrations.ts (which spreads them in) as mail's and transfer's are. Numbered from 040
 * so they sort after every migration before them.
 */
import type { Kysely, Migration } from 'kysely'

type Then = Kysely<any>

export function adminMigrations(): Record<string, Migration> {
  return {
    // Signed-in admin pages: a row per session, named by the SHA-256 of the cookie's value
    // (the value itself is never stored), with the time it stops working.
    '040-admin-sessions': {
      async up(db: Then) {
        await db.schema
          .createTable('admin_sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('admin_sessions_expiry').on('admin_sessions').column('expires_at').execute()
      },
      async down(db: Then) {
        await db.schema.dropTable('admin_sessions').execute()
      },
    },
    // Why a comment was held (for the queue) and who wrote it as what ('owner' for the
    // owner's replies), and the indexes the admin lists page by: newest first per status,
    // overall and per thread, with the id breaking ties as the cursor does.
    '041-comment-hold-reason-and-role': {
      async up(db: Then) {
        await db.schema.alterTable('comments').addColumn('hold_reason', 'text').execute()
        await db.schema.alterTable('comments').addColumn('author_role', 'text').execute()
        await db.schema.createIndex('comments_status_order').on('comments').columns(['status', 'created_at', 'id']).execute()
        await db.schema.createIndex('comments_thread_status_order').on('comments').columns(['thread_key', 'status', 'created_at', 'id']).execute()
        await db.schema.dropIndex('comments_status').execute()
      },
      async down(db: Then) {
        await db.schema.createIndex('comments_status').on('comments').columns(['status', 'created_at']).execute()
        await db.schema.dropIndex('comments_thread_status_order').execute()
        await db.schema.dropIndex('comments_status_order').execute()
        await db.schema.alterTable('comments').dropColumn('author_role').execute()
        await db.schema.alterTable('comments').dropColumn('hold_reason').execute()
      },
    },
    // Title squatting (issue 13.8): the title a first post gives (`title`, as before) is a
    // reader's word for the page: kept for the owner, mail and feeds, never shown to readers
    // over the page's own. The owner's own title (admin API) goes here and always wins.
    // Readers of existing threads see the page's own title until the owner sets one.
    '042-owner-title': {
      async up(db: Then) {
        await db.schema.alterTable('threads').addColumn('owner_title', 'text').execute()
      },
      async down(db: Then) {
        await db.schema.alterTable('threads').dropColumn('owner_title').execute()
      },
    },
    // The admin stream (GET /api/v1/admin/events) hears of every change, held comments
    // too; readers' streams only of what they could see. Events now say which.
    '043-admin-events': {
      async up(db: Then) {
        await db.schema
          .alterTable('events')
          .addColumn('admin_only', 'integer', (c) => c.notNull().defaultTo(0))
          .execute()
      },
      async down(db: Then) {
        await db.schema.alterTable('events').dropColumn('admin_only').execute()
      },
    },
  }
}
