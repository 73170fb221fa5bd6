import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { sqliteDatabase, type TestDatabase } from '../../../test/node/server/helpers/dialects.js'
import { AdminSessions, SESSION_COOKIE } from '../admin/sessions.js'
import { Store } from '../store.js'
import { sha256 } from '../tokens.js'
import { adminAuth, CSRF_HEADER } from './admin-auth.js'

const TOKEN = 'the-admin-token-0123456789abcdef'
const OWN = 'https://comments.example'
let database: TestDatabase
let store: Store
let sessions: AdminSessions
let now = Date.parse('2026-12-03T08:00:00.000Z')
let app: ReturnType<typeof miniApp>

before(async () => {
  database = await sqliteDatabase()
  store = await Store.open(database.location)
  sessions = new AdminSessions(store.db)
  app = miniApp()
  app.use('*', adminAuth({ tokenHash: sha256(TOKEN), sessions, now: () => now, ownOrigins: () => [OWN] }))
  app.get('/x', (c) => c.text((c.get('admin' as never) as { via: string }).via))
  app.post('/x', (c) => c.text('changed'))
})

after(async () => {
  await store.close()
  await database.drop()
})

const call = (method: string, headers: Record<string, string>) => app.request('/x', { method, headers })
const cookie = (value: string) => ({ cookie: `${SESSION_COOKIE}=${value}` })

test('adminAuth: the right bearer token lets a script in; a wrong one is refused as a failed guess (403)', async () => {
  assert.equal(await (await call('GET', { authorization: `Bearer ${TOKEN}` })).text(), 'bearer')
  assert.equal((await call('POST', { authorization: `Bearer ${TOKEN}` })).status, 200, 'scripts need no CSRF header')
  assert.equal((await call('GET', { authorization: 'Bearer guess' })).status, 403)
})

test('adminAuth: neither token nor session is 401, and so is an unknown or malformed cookie', async () => {
  assert.equal((await call('GET', {})).status, 401)
  assert.equal((await call('GET', cookie('x'.repeat(43)))).status, 401)
  assert.equal((await call('GET', cookie('not a session'))).status, 401)
})

test('adminAuth: a live session reads; a write needs the header and no foreign Origin', async () => {
  const { value } = await sessions.create(now, 3_600_000)
  assert.equal(await (await call('GET', cookie(value))).text(), 'session')
  const bare = await call('POST', cookie(value))
  assert.equal(bare.status, 403)
  assert.equal(((await bare.json()) as { kind: string }).kind, 'csrf')
  assert.equal((await call('POST', { ...cookie(value), [CSRF_HEADER]: '1' })).status, 200, 'without an Origin, as from a non-browser client')
  assert.equal((await call('POST', { ...cookie(value), [CSRF_HEADER]: '1', origin: OWN })).status, 200)
  const foreign = await call('POST', { ...cookie(value), [CSRF_HEADER]: '1', origin: 'https://blog.example' })
  assert.equal(foreign.status, 403, 'an allowed embedding origin is still not the server itself')
  assert.equal((await call('GET', { ...cookie(value), origin: 'https://evil.example' })).status, 403, 'reads from another origin too')
})

test('adminAuth: a session stops working when it expires and when it is ended', async () => {
  const { value } = await sessions.create(now, 60_000)
  assert.equal((await call('GET', cookie(value))).status, 200)
  now += 60_000
  assert.equal((await call('GET', cookie(value))).status, 401, 'expired')
  const second = await sessions.create(now, 60_000)
  await sessions.end(second.value)
  assert.equal((await call('GET', cookie(second.value))).status, 401, 'ended')
})

test('adminAuth: only the hash of the cookie value is stored', async () => {
  const { value } = await sessions.create(now, 60_000)
  const rows = await store.db.selectFrom('admin_sessions').select('id_hash').execute()
  assert.ok(rows.some((row) => row.id_hash === sha256(value)))
  assert.ok(!rows.some((row) => row.id_hash === value))
})
