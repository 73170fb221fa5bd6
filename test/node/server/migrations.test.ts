/**
 * Upgrades of a database that already holds data, on both dialects: each migration is
 * applied to rows written in the shape before it, the way a running site upgrades.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import { migrationProvider } from '../../../src/server/db/migrations.js'
import { MAX_REPLY_DEPTH } from '../../../src/server/services/caps.js'
import { Store, type CommentRow } from '../../../src/server/store.js'
import { DIALECTS, type TestDatabase } from './helpers/dialects.js'
import { chainRows, commentRow } from './helpers/rows.js'

/** A row as the comments table held it at 002: without the columns added since. */
function asBefore(row: CommentRow): Omit<CommentRow, 'dedupe_key' | 'depth' | 'version' | 'held'> {
  const { dedupe_key: _004, depth: _005, version: _006, held: _006b, ...before } = row
  return before
}

/** A database brought up to `migration` only, for rows in the shape of that time. */
async function migratedTo(database: TestDatabase, migration: string): Promise<Kysely<any>> {
  const db = rawKysely(database)
  const { error } = await new Migrator({ db, provider: migrationProvider(database.name) }).migrateTo(migration)
  assert.equal(error, undefined)
  return db
}

function rawKysely(database: TestDatabase): Kysely<any> {
  return new Kysely<any>({
    dialect:
      database.name === 'sqlite'
        ? new SqliteDialect({ database: new Database(database.location) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: database.location }) }),
  })
}

for (const open of DIALECTS) {
  describe(`migrations on ${open.name.replace('Database', '')}`, () => {
    let database: TestDatabase
    before(async () => {
      database = await open()
    })
    after(async () => {
      await database?.drop()
    })

    test('003: events name their comment; old rows keep their ids, and new ones continue after them', async () => {
      const db = await migratedTo(database, '002-thread-version')
      const thread = '/upgraded'
      const row = commentRow(thread, { body_html: '<p>Before the upgrade</p>' })
      try {
        await db.insertInto('threads').values({ key: thread, title: null, open: 1, created_at: row.created_at }).execute()
        await db.insertInto('comments').values(asBefore(row)).execute()
        for (let i = 0; i < 3; i++) {
          await db
            .insertInto('events')
            .values({ thread_key: thread, comment_json: JSON.stringify({ id: row.id, html: '<p>An old copy</p>' }), created_at: row.created_at })
            .execute()
        }
      } finally {
        await db.destroy()
      }

      const store = await Store.open(database.location)
      try {
        const replayed = await store.events.since(thread, 0)
        assert.deepEqual(
          replayed.map((e) => [e.id, e.comment.id, e.comment.html]),
          [[3, row.id, '<p>Before the upgrade</p>']],
          'the current view, once',
        )
        await store.change((change) => change.announce(row, row.created_at))
        const ids = (await store.db.selectFrom('events').select('id').orderBy('id').execute()).map((e) => Number(e.id))
        assert.deepEqual(ids, [1, 2, 3, 4])
      } finally {
        await store.close()
      }
    })

    test(`005: every comment gets its depth; a chain deeper than ${MAX_REPLY_DEPTH} is attached just above the cap`, async () => {
      const thread = '/deep-before-the-cap'
      const chain = chainRows(thread, MAX_REPLY_DEPTH + 50)
      const side = commentRow(thread, { parent_id: chain[2]!.id, root_id: chain[0]!.id })
      const db = await migratedTo(database, '004-duplicate-key')
      try {
        await db.insertInto('threads').values({ key: thread, title: null, open: 1, created_at: chain[0]!.created_at }).execute()
        for (const row of [...chain, side]) await db.insertInto('comments').values(asBefore(row)).execute()
      } finally {
        await db.destroy()
      }
      const store = await Store.open(database.location)
      try {
        const rows = new Map(
          (await store.db.selectFrom('comments').select(['id', 'parent_id', 'depth']).where('thread_key', '=', thread).execute()).map((r) => [r.id, r]),
        )
        assert.equal(rows.get(side.id)?.depth, 3)
        assert.equal(rows.get(side.id)?.parent_id, chain[2]!.id)
        for (let depth = 0; depth <= MAX_REPLY_DEPTH; depth++) {
          const row = rows.get(chain[depth]!.id)!
          assert.deepEqual([row.depth, row.parent_id], [depth, depth === 0 ? null : chain[depth - 1]!.id], `level ${depth} stays`)
        }
        for (const deeper of chain.slice(MAX_REPLY_DEPTH + 1)) {
          const row = rows.get(deeper.id)!
          assert.deepEqual([row.depth, row.parent_id], [MAX_REPLY_DEPTH, chain[MAX_REPLY_DEPTH - 1]!.id], 'beside the comment at the cap')
        }
      } finally {
        await store.close()
      }
    })

    test('006: comments start at version 0; those still pending or spam count as held, approved ones as seen', async () => {
      const thread = '/versions-before'
      const rows = (['approved', 'pending', 'spam'] as const).map((status) => commentRow(thread, { status }))
      const db = await migratedTo(database, '005-reply-depth')
      try {
        await db.insertInto('threads').values({ key: thread, title: null, open: 1, created_at: rows[0]!.created_at }).execute()
        for (const row of rows) {
          const { version: _v, held: _h, ...before } = row
          await db.insertInto('comments').values(before).execute()
        }
      } finally {
        await db.destroy()
      }
      const store = await Store.open(database.location)
      try {
        const after = await store.db
          .selectFrom('comments')
          .select(['status', 'version', 'held'])
          .where('thread_key', '=', thread)
          .orderBy('created_at')
          .execute()
        assert.deepEqual(
          after.map((r) => [r.status, r.version, r.held]),
          [
            ['approved', 0, 0],
            ['pending', 0, 1],
            ['spam', 0, 1],
          ],
        )
      } finally {
        await store.close()
      }
    })

    test('008: thread keys are normalized, and two spellings of one page become one thread', async () => {
      const slash = commentRow('/merge/')
      const plain = commentRow('/merge')
      const nfd = commentRow('/cafe\u0301')
      const db = await migratedTo(database, '007-rate-buckets')
      try {
        for (const row of [slash, plain, nfd]) {
          await db
            .insertInto('threads')
            .values({ key: row.thread_key, title: row.thread_key === '/merge' ? 'Kept' : null, open: 1, created_at: row.created_at })
            .execute()
          await db.insertInto('comments').values(row).execute()
        }
      } finally {
        await db.destroy()
      }
      const store = await Store.open(database.location)
      try {
        const threads = await store.db.selectFrom('threads').select(['key', 'title']).where('key', 'like', '/merge%').execute()
        assert.deepEqual(threads, [{ key: '/merge', title: 'Kept' }])
        const merged = await store.db.selectFrom('comments').select('id').where('thread_key', '=', '/merge').orderBy('id').execute()
        assert.deepEqual(merged.map((r) => r.id).sort(), [slash.id, plain.id].sort())
        assert.equal((await store.comment(nfd.id))?.thread_key, '/caf\u00e9')
        assert.ok(await store.thread('/caf\u00e9'))
      } finally {
        await store.close()
      }
    })
  })
}
