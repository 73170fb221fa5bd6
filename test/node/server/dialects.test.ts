import assert from 'node:assert/strict'
import { test } from 'node:test'
import { postgresDatabase, selectDialects, sqliteDatabase } from './helpers/dialects.js'

test('DIALECTS picks the dialects the contract suite runs on; unset means both, a typo is an error', () => {
  assert.deepEqual(selectDialects(undefined), [sqliteDatabase, postgresDatabase])
  assert.deepEqual(selectDialects(''), [sqliteDatabase, postgresDatabase])
  assert.deepEqual(selectDialects('sqlite'), [sqliteDatabase])
  assert.deepEqual(selectDialects(' Postgres '), [postgresDatabase])
  assert.deepEqual(selectDialects('postgres,sqlite'), [postgresDatabase, sqliteDatabase])
  assert.throws(() => selectDialects('sqlite,mysql'), /unknown dialect "mysql"/)
})
