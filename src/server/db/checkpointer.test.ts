import assert from 'node:assert/strict'
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import SQLite from 'better-sqlite3'
import { startCheckpointer } from './checkpointer.js'

const dir = mkdtempSync(join(tmpdir(), 'palaver-checkpoint-'))
after(() => rmSync(dir, { recursive: true, force: true }))

const until = async (done: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !done(); await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (Date.now() - start > ms) throw new Error('timed out')
  }
}

/** What the database file holds by itself: a copy of it without its -wal opens with only what was checkpointed. */
const rowsInFileAlone = (file: string, name: string) => {
  const copy = join(dir, `${name}-copy.sqlite`)
  copyFileSync(file, copy)
  const alone = new SQLite(copy, { readonly: true })
  try {
    return (alone.prepare('select count(*) as n from t').get() as { n: number }).n
  } finally {
    alone.close()
  }
}

test('commits reach the database file through the checkpoint thread, while the connection that commits never checkpoints', async () => {
  const file = join(dir, 'main.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.exec('create table t (x integer)')
  sqlite.pragma('wal_checkpoint(TRUNCATE)') // the table is in the file; its rows will not be, but by the thread
  assert.equal(rowsInFileAlone(file, 'main'), 0)
  const checkpointer = startCheckpointer(sqlite, file, 50)
  try {
    assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 0)
    const insert = sqlite.prepare('insert into t values (?)')
    for (let i = 0; i < 100; i++) insert.run(i) // 100 commits, far below the 1,000 pages of an automatic checkpoint
    await until(() => rowsInFileAlone(file, 'main') === 100)
  } finally {
    await checkpointer.close()
    sqlite.close()
  }
})

test('when the checkpoint thread cannot run, the connection checkpoints itself again', async () => {
  const file = join(dir, 'fallback.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  const logged: string[] = []
  const error = console.error
  console.error = (line: string) => logged.push(line)
  // The thread opens a file in a folder that does not exist: its connection fails at once.
  const checkpointer = startCheckpointer(sqlite, join(dir, 'no-such-folder', 'x.sqlite'), 50)
  try {
    await until(() => sqlite.pragma('wal_autocheckpoint', { simple: true }) === 1000)
    assert.match(logged.join('\n'), /checkpoint thread stopped/)
  } finally {
    console.error = error
    await checkpointer.close()
    sqlite.close()
  }
})
