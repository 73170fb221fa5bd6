/**
 * The migrations data in and out needs, kept apart from db/migrations.ts (which spreads
 * them in) so the list there stays one line longer, not a screen. Numbered from 010 so
 * they sort after the server's own.
 */
import type { Kysely, Migration } from 'kysely'

export function transferMigrations(): Record<string, Migration> {
  return {
    // Where an imported comment came from ("wxr:123", "disqus:456", "isso:7"), unique per
    // thread: importing the same file again finds each comment and leaves it alone.
    '010-transfer-source-ids': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('comments').addColumn('source_id', 'text').execute()
        await db.schema.createIndex('comments_source').unique().on('comments').columns(['thread_key', 'source_id']).execute()
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('comments_source').execute()
        await db.schema.alterTable('comments').dropColumn('source_id').execute()
      },
    },
  }
}
