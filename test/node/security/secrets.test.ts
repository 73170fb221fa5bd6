/**
 * Secrets and tokens against the real server process (bin/palaver.js on loopback, SQLite
 * and PostgreSQL): wrong, expired and someone else's edit tokens are refused; failed admin
 * logins lock a network out, even for the right token; and nothing the server sends or
 * writes — responses, headers, the event stream, its stdout and stderr — carries an
 * email address, the client's address, a token hash or a stack trace.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { describeLocation } from '../../../src/server/db/connect.js'
import { Store } from '../../../src/server/store.js'
import { sha256 } from '../../../src/server/tokens.js'
import { TestClient } from '../server/helpers/client.js'
import { DIALECTS, type TestDatabase } from '../server/helpers/dialects.js'
import { startServer, type Running } from '../server/helpers/process.js'
import { Recorder } from '../server/helpers/recorder.js'

const ORIGIN = 'https://blog.example'
const CLIENT = '198.51.100.77'
const OTHER_CLIENT = '192.0.2.200'
const ADMIN = 'admin-token-of-the-secrets-test-0123456789'
const EMAILS = ['alice.private@example.org', 'bob.private@example.org']

for (const open of DIALECTS) {
  describe(`secrets and tokens, through a port, on ${open.name.replace('Database', '')}`, () => {
    let database: TestDatabase
    let server: Running
    const recorder = new Recorder()
    const thread = `/secrets/${Date.now().toString(36)}`

    async function call(method: string, path: string, init: { json?: unknown; token?: string; ip?: string; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { origin: ORIGIN, 'x-forwarded-for': init.ip ?? CLIENT, ...init.headers }
      if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`
      if (init.json !== undefined) headers['content-type'] = 'application/json'
      const response = await fetch(`${server.url}${path}`, { method, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) })
      const text = await response.text()
      recorder.addResponse(`${method} ${path}`, response, text)
      return { status: response.status, json: text ? (JSON.parse(text) as any) : undefined }
    }

    async function post(name: string, email: string, body: string, key: string) {
      const list = await call('GET', `/api/v1/comments?thread=${encodeURIComponent(thread)}`)
      const res = await call('POST', '/api/v1/comments', {
        json: { thread, parentId: null, author: { name, email, url: 'https://example.org/' }, body, formToken: list.json.thread.formToken, trap: '' },
        headers: { 'idempotency-key': key },
      })
      assert.equal(res.status, 201, JSON.stringify(res.json))
      return res.json as { comment: { id: string }; editToken: string }
    }

    before(async () => {
      database = await open()
      server = await startServer([
        '--database',
        database.location,
        '--origin',
        ORIGIN,
        '--admin-token',
        ADMIN,
        '--edit-window',
        '2s',
        '--min-post-seconds',
        '0',
        '--trust-proxy',
        'yes',
        '--rate-burst',
        '0',
      ])
    })

    after(async () => {
      await server?.stop()
      await database?.drop()
    })

    test("edit tokens: none is 401; wrong, someone else's and expired ones are refused; the own one works in its window", async () => {
      // Every event the thread sends while this runs is kept and scanned at the end.
      const events = await fetch(`${server.url}/api/v1/events?thread=${encodeURIComponent(thread)}`, { headers: { origin: ORIGIN, 'x-forwarded-for': CLIENT } })
      const reader = events.body!.getReader()
      const streamed: string[] = []
      const reading = (async () => {
        const decoder = new TextDecoder()
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
          if (done) return
          streamed.push(decoder.decode(value))
        }
      })()

      const alice = await post('Alice', EMAILS[0]!, 'Alice writes.', 'key-alice')
      const bob = await post('Bob', EMAILS[1]!, 'Bob writes.', 'key-bob')
      const path = `/api/v1/comments/${alice.comment.id}`
      assert.equal((await call('PATCH', path, { json: { body: 'x' } })).status, 401)
      assert.equal((await call('PATCH', path, { json: { body: 'x' }, token: 'not-a-token' })).status, 403)
      assert.equal((await call('PATCH', path, { json: { body: 'x' }, token: bob.editToken })).status, 403, "Bob's token on Alice's comment")
      assert.equal((await call('DELETE', path, { token: bob.editToken })).status, 403)
      assert.equal((await call('PATCH', path, { json: { body: 'x' }, token: `${alice.editToken}x` })).status, 403)
      assert.equal((await call('PATCH', path, { json: { body: 'Alice edits.' }, token: alice.editToken })).status, 200)

      await new Promise((r) => setTimeout(r, 2200))
      const expired = await call('PATCH', path, { json: { body: 'too late' }, token: alice.editToken })
      assert.equal(expired.status, 403)
      assert.match(expired.json.detail, /over/)
      assert.equal((await call('DELETE', `/api/v1/comments/${bob.comment.id}`, { token: bob.editToken })).status, 403)

      await reader.cancel().catch(() => {})
      await reading
      const stream = streamed.join('')
      assert.match(stream, /event: comment/)
      recorder.add('SSE', stream)
    })

    test('admin token: wrong ones are refused and then lock the network out, even for the right token; others are not locked out', async () => {
      assert.equal((await call('GET', '/api/v1/admin/comments?status=approved')).status, 401)
      let locked = 0
      for (let i = 0; i < 15; i++) {
        const res = await call('GET', '/api/v1/admin/comments?status=approved', { token: `wrong-${i}` })
        if (res.status === 429) locked++
        else assert.equal(res.status, 403)
      }
      assert.ok(locked >= 4, `only ${locked} of 15 failures were rate limited`)
      assert.equal((await call('GET', '/api/v1/admin/comments?status=approved', { token: ADMIN })).status, 429, 'the right token from a locked-out network')
      const other = await call('GET', `/api/v1/admin/comments?status=approved&thread=${encodeURIComponent(thread)}`, { token: ADMIN, ip: OTHER_CLIENT })
      assert.equal(other.status, 200)
      assert.equal(other.json.comments.length, 2)
    })

    test('errors a client can cause do not echo what it sent', async () => {
      const list = await call('GET', `/api/v1/comments?thread=${encodeURIComponent(thread)}`)
      const bad = await call('POST', '/api/v1/comments', {
        json: { thread, author: { name: 'Eve', email: `broken@@${EMAILS[0]}`, url: 'javascript:alert(1)' }, body: 'x', formToken: list.json.thread.formToken },
      })
      assert.equal(bad.status, 422)
      await call('POST', '/api/v1/comments', { json: '[' as unknown as object })
      await call('GET', `/api/v1/comments?thread=${encodeURIComponent(thread)}&cursor=${encodeURIComponent(EMAILS[0]!)}`)
    })

    test('no response, header, event or log line carries an email, the client address, a token hash or a stack trace', async () => {
      // What the database holds that must never leave it.
      const store = await Store.open(database.location)
      try {
        const rows = await store.db.selectFrom('comments').select(['edit_token_hash', 'author_email', 'ip_prefix']).execute()
        assert.equal(rows.length, 2)
        for (const row of rows) {
          recorder.forbidden.add(row.edit_token_hash ?? '')
          // Only the owner may see these: in the admin API's answers, nowhere else.
          recorder.private.add(row.author_email)
          assert.equal(row.ip_prefix, '198.51.100.0/24', 'only the network is stored')
          recorder.private.add(row.ip_prefix!)
        }
        recorder.forbidden.add((await store.setting('secret')) ?? '')
      } finally {
        await store.close()
      }
      recorder.forbidden.add(sha256(ADMIN))
      recorder.forbidden.add(ADMIN)
      // The start line names the database as given (password masked): user@host is not a reader's email.
      const location = describeLocation(database.location)
      for (const line of `${server.stdout()}${server.stderr()}`.split('\n').filter(Boolean)) recorder.add('log', line.replace(location, '<database>'))
      assert.ok(
        recorder.records.some((r) => r.what === 'log'),
        'the server wrote its start line',
      )
      assert.ok(recorder.records.length > 30)
      assert.deepEqual(recorder.leaks([CLIENT, '198.51.100.', OTHER_CLIENT]), [])
    })
  })
}

describe('a failure inside the server', () => {
  test('is logged as one line without the values it was about: no email, address, token or stack', async () => {
    const database = await DIALECTS[0]!()
    const store = await Store.open(database.location)
    try {
      const message =
        `invalid input syntax for type json: "${EMAILS[0]}" from ${CLIENT} with 'Bearer ${ADMIN}' and ${sha256(ADMIN)}\n` +
        '    at Store.thread (/work/src/server/store.ts:71:5)'
      const failing = new Proxy(store, {
        get: (target, key, receiver) => (key === 'thread' ? () => Promise.reject(new Error(message)) : Reflect.get(target, key, receiver)),
      })
      const client = new TestClient(failing)
      const res = await client.list('/broken')
      assert.equal(res.status, 500)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      assert.equal(client.logs.length, 1)
      const recorder = new Recorder()
      recorder.add('log', client.logs[0]!)
      recorder.add('response', res.text)
      recorder.forbidden.add(ADMIN)
      recorder.forbidden.add(sha256(ADMIN))
      assert.deepEqual(recorder.leaks([CLIENT]), [])
      assert.match(client.logs[0]!, /invalid input syntax for type json/, 'the kind of failure is still there')
    } finally {
      await store.close()
      await database.drop()
    }
  })
})
