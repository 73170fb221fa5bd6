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
import { Store } from '../../../src/server/store.js'
import { DIALECTS, type TestDatabase } from './helpers/dialects.js'
import { commentRow } from './helpers/rows.js'

function rawKysely(database: TestDatabase): Kysely<any> {
  return new Kysely<any>({
    dialect: database.name === 'sqlite' ? new SqliteDialect({ database: new Database(database.location) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: database.location }) }),
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
      const db = rawKysely(database)
      const thread = '/upgraded'
      const row = commentRow(thread, { body_html: '<p>Before the upgrade</p>' })
      try {
        const { error } = await new Migrator({ db, provider: migrationProvider(database.name) }).migrateTo('002-thread-version')
        assert.equal(error, undefined)
        await db.insertInto('threads').values({ key: thread, title: null, open: 1, created_at: row.created_at }).execute()
        const { dedupe_key: _added, ...before } = row
        await db.insertInto('comments').values(before).execute()
        for (let i = 0; i < 3; i++) {
          await db.insertInto('events').values({ thread_key: thread, comment_json: JSON.stringify({ id: row.id, html: '<p>An old copy</p>' }), created_at: row.created_at }).execute()
        }
      } finally {
        await db.destroy()
      }

      const store = await Store.open(database.location)
      try {
        const replayed = await store.events.since(thread, 0)
        assert.deepEqual(replayed.map((e) => [e.id, e.comment.id, e.comment.html]), [[3, row.id, '<p>Before the upgrade</p>']], 'the current view, once')
        await store.change((change) => change.announce(row, row.created_at))
        const ids = (await store.db.selectFrom('events').select('id').orderBy('id').execute()).map((e) => Number(e.id))
        assert.deepEqual(ids, [1, 2, 3, 4])
      } finally {
        await store.close()
      }
    })
  })
}
