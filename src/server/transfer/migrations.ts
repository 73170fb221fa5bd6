/**
 * The migrations data in and out (and Webmention) need, kept apart from db/migrations.ts (which spreads
 * them in) so the list there stays one line longer, not a screen. Numbered from 010 so
 * they sort after the server's own.
 */
import type { Kysely, Migration } from 'kysely'

type Then = Kysely<any>

export function transferMigrations(): Record<string, Migration> {
  return {
    // Where an imported comment came from ("wxr:123", "disqus:456", "isso:7"), unique per
    // thread: importing the same file again finds each comment and leaves it alone.
    '010-transfer-source-ids': {
      async up(db: Then) {
        await db.schema.alterTable('comments').addColumn('source_id', 'text').execute()
        await db.schema.createIndex('comments_source').unique().on('comments').columns(['thread_key', 'source_id']).execute()
      },
      async down(db: Then) {
        await db.schema.dropIndex('comments_source').execute()
        await db.schema.alterTable('comments').dropColumn('source_id').execute()
      },
    },
    '011-webmentions': {
      async up(db: Then) {
        await db.schema
          .createTable('webmentions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('thread_key', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('detail', 'text')
          .addColumn('comment_id', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('webmentions_pair').unique().on('webmentions').columns(['source', 'target']).execute()
      },
      async down(db: Then) {
        await db.schema.dropTable('webmentions').execute()
      },
    },
  }
}
