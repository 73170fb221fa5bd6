/**
 * In-code migrations, run by Kysely's Migrator on start. The same list runs on both
 * dialects; the only difference (auto-increment ids) is decided by the dialect name.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely'
import { MAX_REPLY_DEPTH } from '../services/caps.js'
import { adminMigrations } from '../admin/migrations.js'
import { mailMigrations } from '../mail/migrations.js'
import { transferMigrations } from '../transfer/migrations.js'
import { normalizeThreadKey } from '../thread-key.js'

export type DialectName = 'sqlite' | 'postgres'

function migrations(dialect: DialectName): Record<string, Migration> {
  return {
    '001-initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('threads')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('title', 'text')
          .addColumn('open', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()

        await db.schema
          .createTable('comments')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('thread_key', 'text', (c) => c.notNull().references('threads.key'))
          .addColumn('parent_id', 'text')
          .addColumn('root_id', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('author_name', 'text', (c) => c.notNull())
          .addColumn('author_email', 'text', (c) => c.notNull())
          .addColumn('author_url', 'text')
          .addColumn('author_key', 'text')
          .addColumn('body_text', 'text', (c) => c.notNull())
          .addColumn('body_html', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('edited_at', 'text')
          .addColumn('edit_token_hash', 'text')
          .addColumn('ip_prefix', 'text')
          .execute()
        // Paging top-level comments of a thread in (created_at, id) order.
        await db.schema.createIndex('comments_thread_order').on('comments').columns(['thread_key', 'created_at', 'id']).execute()
        await db.schema.createIndex('comments_root').on('comments').column('root_id').execute()
        await db.schema.createIndex('comments_status').on('comments').columns(['status', 'created_at']).execute()
        await db.schema.createIndex('comments_author').on('comments').columns(['author_key', 'status']).execute()
        await db.schema.createIndex('comments_token').on('comments').column('edit_token_hash').execute()

        await db.schema
          .createTable('idempotency')
          .addColumn('key_hash', 'text', (c) => c.primaryKey())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('comment_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()

        const events = db.schema.createTable('events')
        await (dialect === 'postgres'
          ? events.addColumn('id', 'bigserial', (c) => c.primaryKey())
          : events.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        )
          .addColumn('thread_key', 'text', (c) => c.notNull())
          .addColumn('comment_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('events_thread').on('events').columns(['thread_key', 'id']).execute()

        await db.schema
          .createTable('settings')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .execute()
      },
      async down(db: Kysely<any>) {
        for (const table of ['settings', 'events', 'idempotency', 'comments', 'threads']) {
          await db.schema.dropTable(table).execute()
        }
      },
    },
    // A counter every change of a thread's comments bumps: the list's ETag is made from it,
    // so a 304 is answered without reading the comments.
    '002-thread-version': {
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('threads')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .execute()
      },
      async down(db: Kysely<any>) {
        await db.schema.alterTable('threads').dropColumn('version').execute()
      },
    },
    // Events name the comment instead of carrying a copy of it: a stream replays what the
    // comment is now, so an edit, a removal or a spam verdict also takes back what earlier
    // events said (the copies kept removed text for a day). The table keeps its rows and
    // its id sequence, so a reader's Last-Event-ID stays meaningful across the upgrade.
    '003-events-name-comments': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('events').addColumn('comment_id', 'text').execute()
        const idOf = dialect === 'postgres' ? sql`(comment_json::jsonb)->>'id'` : sql`json_extract(comment_json, '$.id')`
        await db.updateTable('events').set({ comment_id: idOf }).execute()
        await db.deleteFrom('events').where('comment_id', 'is', null).execute()
        await db.schema.alterTable('events').dropColumn('comment_json').execute()
      },
      async down(db: Kysely<any>) {
        await db.schema
          .alterTable('events')
          .addColumn('comment_json', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute()
        await db.schema.alterTable('events').dropColumn('comment_id').execute()
      },
    },
    // Duplicates are found by a key of thread, author and normalized text (services/
    // duplicates.ts), checked inside the insert transaction under a lock on that key.
    // Rows from before have none: at most one duplicate of them slips through in the ten
    // minutes after the upgrade, which is not worth recomputing every old row for.
    '004-duplicate-key': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('comments').addColumn('dedupe_key', 'text').execute()
        await db.schema.createIndex('comments_dedupe').on('comments').columns(['dedupe_key', 'created_at']).execute()
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('comments_dedupe').execute()
        await db.schema.alterTable('comments').dropColumn('dedupe_key').execute()
      },
    },
    // Every comment knows its depth below its top-level comment, so a reply can be capped
    // at MAX_REPLY_DEPTH by looking at its parent alone. Existing rows get theirs from a
    // recursive walk from the top-level comments; rows deeper than the cap (chains made
    // before it, thousands of levels long) are attached to their ancestor just above the
    // cap, exactly where a reply posted now would go.
    '005-reply-depth': {
      async up(db: Kysely<any>) {
        const D = MAX_REPLY_DEPTH
        await db.schema
          .alterTable('comments')
          .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(0))
          .execute()
        // The walk joins children to parents; without this index (and, on PostgreSQL,
        // fresh statistics) each step of the recursion scans the whole table.
        await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute()
        if (dialect === 'postgres') await sql`analyze comments`.execute(db)
        await sql`
          with recursive tree(id, depth, anchor) as (
            select id, 0, case when ${D - 1} = 0 then id end from comments where parent_id is null
            union all
            select comments.id, tree.depth + 1, case when tree.depth + 1 = ${D - 1} then comments.id else tree.anchor end
            from comments join tree on comments.parent_id = tree.id
          )
          update comments set
            depth = case when tree.depth > ${D} then ${D} else tree.depth end,
            parent_id = case when tree.depth > ${D} then tree.anchor else comments.parent_id end
          from tree
          where tree.id = comments.id and tree.depth > 0`.execute(db)
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('comments_parent').execute()
        await db.schema.alterTable('comments').dropColumn('depth').execute()
      },
    },
    ...mailMigrations(),
    ...transferMigrations(),
    // Every edit of a comment's text bumps its version, and a comment remembers that it was
    // ever held: an approval names the version the owner read (refused if the text changed
    // since), and an edit of a once-held comment goes back to the queue. Rows from before
    // count as held when they are still pending or spam; approved ones are taken as seen.
    '006-comment-version': {
      async up(db: Kysely<any>) {
        await db.schema
          .alterTable('comments')
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .execute()
        await db.schema
          .alterTable('comments')
          .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
          .execute()
        await db.updateTable('comments').set({ held: 1 }).where('status', 'in', ['pending', 'spam']).execute()
      },
      async down(db: Kysely<any>) {
        await db.schema.alterTable('comments').dropColumn('held').execute()
        await db.schema.alterTable('comments').dropColumn('version').execute()
      },
    },
    // Rate-limit buckets shared by every process on PostgreSQL (middleware/rate-limit.ts
    // StoredRateLimiter): tokens at a time in ms, and whether the last take got one. SQLite
    // has one process and keeps its buckets in memory; the table is there, unused.
    '007-rate-buckets': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('rate_buckets')
          .addColumn('key', 'text', (c) => c.primaryKey())
          .addColumn('tokens', 'double precision', (c) => c.notNull())
          .addColumn('at', 'double precision', (c) => c.notNull())
          .addColumn('taken', 'integer', (c) => c.notNull())
          .execute()
        await db.schema.createIndex('rate_buckets_at').on('rate_buckets').column('at').execute()
      },
      async down(db: Kysely<any>) {
        await db.schema.dropTable('rate_buckets').execute()
      },
    },
    // Thread keys are normalized where they enter (thread-key.ts): existing threads whose
    // key is not get it, and a thread that then names the same page as another is merged
    // into it (its comments and events move; the other's title and state stay).
    '008-normalized-thread-keys': {
      async up(db: Kysely<any>) {
        for (const thread of await db.selectFrom('threads').selectAll().execute()) {
          const key = normalizeThreadKey(thread.key)
          if (key === thread.key) continue
          const existing = await db.selectFrom('threads').select('key').where('key', '=', key).executeTakeFirst()
          if (existing) await db.updateTable('threads').set({ version: sql`version + 1` }).where('key', '=', key).execute()
          else
            await db
              .insertInto('threads')
              .values({ ...thread, key })
              .execute()
          await db.updateTable('comments').set({ thread_key: key }).where('thread_key', '=', thread.key).execute()
          await db.updateTable('events').set({ thread_key: key }).where('thread_key', '=', thread.key).execute()
          await db.deleteFrom('threads').where('key', '=', thread.key).execute()
        }
      },
      async down() {
        // The old spellings are not kept; the normalized keys work as they are.
      },
    },
    ...adminMigrations(),
  }
}

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return { getMigrations: async () => migrations(dialect) }
}

/** Used by health checks and the CLI's "is the database reachable" probe. */
export async function ping(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db)
}
