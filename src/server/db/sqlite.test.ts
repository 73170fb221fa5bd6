import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import SQLite from 'better-sqlite3'
import { withStatementCache } from './sqlite.js'

const dir = mkdtempSync(join(tmpdir(), 'palaver-statements-'))
after(() => rmSync(dir, { recursive: true, force: true }))

test('the same SQL gets the same compiled statement back; beyond the bound the least recently used is compiled again', () => {
  const sqlite = new SQLite(join(dir, 'statements.sqlite'))
  let compiled = 0
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((sql: string) => {
    compiled++
    return prepare(sql)
  }) as typeof sqlite.prepare
  const cache = withStatementCache(sqlite, 2)
  const one = cache.prepare('select 1')
  assert.equal(cache.prepare('select 1'), one)
  cache.prepare('select 2')
  cache.prepare('select 1') // used: select 2 is now the least recently used
  cache.prepare('select 3') // pushes select 2 out
  assert.equal(compiled, 3)
  assert.equal(cache.prepare('select 1'), one, 'kept')
  cache.prepare('select 2')
  assert.equal(compiled, 4, 'select 2 was compiled again')
  // A kept statement runs again with other parameters, as Kysely runs it.
  const add = cache.prepare('select ? + ? as n')
  assert.deepEqual(add.all([1, 2]), [{ n: 3 }])
  assert.deepEqual(cache.prepare('select ? + ? as n').all([20, 22]), [{ n: 42 }])
  cache.close()
})
