import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { groupCommit } from './group-commit.js'

interface Notes {
  notes: { id: string; parent: string | null }
}

const dir = mkdtempSync(join(tmpdir(), 'palaver-group-commit-'))
after(() => rmSync(dir, { recursive: true, force: true }))
let files = 0

/** A real SQLite file in WAL mode, Kysely over it counting COMMITs, and a second connection that reads only what is committed. */
function open() {
  const file = join(dir, `notes-${files++}.sqlite`)
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.exec('create table notes (id text primary key, parent text references notes(id) deferrable initially deferred)')
  let commits = 0
  const db = new Kysely<Notes>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query' && event.query.sql === 'commit') commits++
    },
  })
  const reader = new SQLite(file, { readonly: true })
  const committed = () => (reader.prepare('select id from notes order by id').all() as { id: string }[]).map((row) => row.id)
  const close = async () => {
    reader.close()
    await db.destroy()
  }
  return { db, transact: groupCommit(db), commits: () => commits, committed, close }
}

test('changes asked for in the same turn of the event loop share one commit, and each settles only once it is committed', async () => {
  const { db, transact, commits, committed, close } = open()
  const ids = Array.from({ length: 10 }, (_, i) => `n${i}`)
  const seenAtSettle = await Promise.all(
    ids.map((id) => transact((tx) => tx.insertInto('notes').values({ id, parent: null }).execute()).then(() => committed().includes(id))),
  )
  assert.deepEqual(
    seenAtSettle,
    ids.map(() => true),
    'a second connection sees each change when its promise settles',
  )
  assert.deepEqual(committed(), ids)
  // All ten were asked for in the same turn of the event loop: one transaction, one commit.
  assert.equal(commits(), 1)
  assert.equal((await db.selectFrom('notes').select('id').execute()).length, 10)
  await close()
})

test('a change that fails in a shared transaction is rolled back alone; the others commit', async () => {
  const { transact, committed, close } = open()
  const results = await Promise.allSettled(
    ['a', 'b', 'c', 'd', 'e'].map((id) =>
      transact(async (tx) => {
        await tx.insertInto('notes').values({ id, parent: null }).execute()
        if (id === 'c') throw new Error('c changed its mind')
        return id
      }),
    ),
  )
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ['a', 'b', 'c changed its mind', 'd', 'e'],
  )
  assert.deepEqual(committed(), ['a', 'b', 'd', 'e'])
  await close()
})

test('changes in one batch run in order: a later one sees what an earlier one wrote', async () => {
  const { transact, committed, close } = open()
  const claim = () =>
    transact(async (tx) => {
      if (await tx.selectFrom('notes').select('id').where('id', '=', 'once').executeTakeFirst()) return 'taken'
      await tx.insertInto('notes').values({ id: 'once', parent: null }).execute()
      return 'stored'
    })
  assert.deepEqual(await Promise.all([claim(), claim(), claim(), claim()]), ['stored', 'taken', 'taken', 'taken'])
  assert.deepEqual(committed(), ['once'])
  await close()
})

test('when the shared COMMIT fails, every change of the batch fails and none is stored', async () => {
  const { transact, committed, close } = open()
  await transact((tx) => tx.insertInto('notes').values({ id: 'alone', parent: null }).execute())
  // Three in one transaction, whose deferred foreign key (b's parent does not exist) fails only at COMMIT.
  const results = await Promise.allSettled(
    [
      ['a', null],
      ['b', 'nobody'],
      ['c', null],
    ].map(([id, parent]) => transact((tx) => tx.insertInto('notes').values({ id: id!, parent }).execute())),
  )
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'rejected', 'rejected'],
  )
  assert.match(String((results[0] as PromiseRejectedResult).reason), /FOREIGN KEY/i)
  assert.deepEqual(committed(), ['alone'])
  // The connection is usable again afterwards.
  await transact((tx) => tx.insertInto('notes').values({ id: 'later', parent: null }).execute())
  assert.deepEqual(committed(), ['alone', 'later'])
  await close()
})
