/**
 * The contract suite: every API behaviour, run in-process against each storage dialect
 * (SQLite file and PostgreSQL — both mandatory), then one scan of every response the
 * suite saw for anything private.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Store } from '../../../src/server/store.js'
import { sha256 } from '../../../src/server/tokens.js'
import { ADMIN_TOKEN, CLIENT_V4, CLIENT_V6, SECRET } from './helpers/client.js'
import { DIALECTS, type TestDatabase } from './helpers/dialects.js'
import type { ContractEnv } from './helpers/env.js'
import { Recorder, recorder } from './helpers/recorder.js'
import { admin } from './contract/admin.js'
import { adminEvents } from './contract/admin-events.js'
import { adminList } from './contract/admin-list.js'
import { adminOwner } from './contract/admin-owner.js'
import { adminSession } from './contract/admin-session.js'
import { adminSettings } from './contract/admin-settings.js'
import { adminThreads } from './contract/admin-threads.js'
import { creating } from './contract/creating.js'
import { editing } from './contract/editing.js'
import { events } from './contract/events.js'
import { limits } from './contract/limits.js'
import { moderation } from './contract/moderation.js'
import { origins } from './contract/origins.js'
import { outbox } from './contract/outbox.js'
import { preview } from './contract/preview.js'
import { privacy } from './contract/privacy.js'
import { reading } from './contract/reading.js'
import { threadHtml } from './contract/thread-html.js'
import { shape } from './contract/shape.js'

const GROUPS = [
  reading,
  shape,
  creating,
  limits,
  origins,
  editing,
  moderation,
  events,
  outbox,
  admin,
  adminSession,
  adminList,
  adminOwner,
  adminThreads,
  adminSettings,
  adminEvents,
  preview,
  privacy,
  threadHtml,
]

for (const open of DIALECTS) {
  describe(open.name.replace('Database', ''), () => {
    let database: TestDatabase
    let current: ContractEnv | undefined
    const env = () => {
      if (!current) throw new Error('the database for this dialect did not open')
      return current
    }

    before(async () => {
      database = await open()
      current = { dialect: database.name, location: database.location, store: await Store.open(database.location) }
    })

    after(async () => {
      if (current) {
        // Whatever the database holds that must never be sent: token hashes, emails.
        const rows = await current.store.db.selectFrom('comments').select(['edit_token_hash', 'author_email', 'ip_prefix']).execute()
        for (const row of rows) {
          if (row.edit_token_hash) recorder.forbidden.add(row.edit_token_hash)
          if (row.author_email) recorder.private.add(row.author_email)
          if (row.ip_prefix && row.ip_prefix !== 'unknown') recorder.private.add(row.ip_prefix)
        }
        await current.store.close()
      }
      await database?.drop()
    })

    for (const group of GROUPS) group(env)
  })
}

test('no response, header or event of the suite carries an email, a client address, a hash or a stack trace', () => {
  recorder.forbidden.add(sha256(ADMIN_TOKEN))
  recorder.forbidden.add(SECRET)
  assert.ok(recorder.records.length > 100, `only ${recorder.records.length} responses were recorded`)
  assert.deepEqual(recorder.leaks([CLIENT_V4, '203.0.113.', CLIENT_V6, '2001:db8']), [])
  const owners = recorder.records.filter((record) => Recorder.forOwner(record.what))
  assert.ok(
    owners.some((record) => record.text.includes('"email":"')),
    'the admin answers were recorded (and do show emails, so the scan above could have found one)',
  )
})
