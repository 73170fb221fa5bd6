/**
 * Two real server processes on one PostgreSQL database: a comment posted to one reaches a
 * reader connected to the other's event stream (LISTEN/NOTIFY), and both see it listed;
 * the rate limits and token lockouts are one set of buckets, not one per process.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { CLIENT_V4, SseStream } from './helpers/client.js'
import { POSTGRES_SELECTED, postgresDatabase, type TestDatabase } from './helpers/dialects.js'
import { startServer, type Running } from './helpers/process.js'
import { recorder } from './helpers/recorder.js'

const ORIGIN = 'https://blog.example'
const ADMIN = 'scale-out-admin-token-0123456789'

/**
 * Two processes on a fresh database for the tests of the describe it is called in,
 * started one after the other: the second finds the schema and the shared secret in place.
 */
function twoServers(extra: string[] = []): Running[] {
  const servers: Running[] = []
  let database: TestDatabase | undefined
  before(async () => {
    database = await postgresDatabase()
    const args = ['--database', database.location, '--origin', ORIGIN, '--min-post-seconds', '0', '--admin-token', ADMIN, ...extra]
    servers.push(await startServer(args))
    servers.push(await startServer(args))
  })
  after(async () => {
    await Promise.all(servers.map((s) => s.stop()))
    await database?.drop()
  })
  return servers
}

async function postTo(server: Running, thread: string, body: string) {
  const res = await tryPost(server, thread, body)
  const text = await res.text()
  recorder.add('scale-out POST', text)
  assert.equal(res.status, 201, text)
  return JSON.parse(text) as { comment: { id: string } }
}

async function tryPost(server: Running, thread: string, body: string): Promise<Response> {
  const list = await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)
  const formToken = ((await list.json()) as any).thread.formToken
  return fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ thread, parentId: null, author: { name: 'Scale', email: 'scale@example.org', url: '' }, body, formToken }),
  })
}

async function subscribe(server: Running, thread: string) {
  const res = await fetch(`${server.url}/api/v1/events?thread=${encodeURIComponent(thread)}`, { headers: { origin: ORIGIN } })
  assert.equal(res.status, 200)
  return new SseStream(res)
}

// PostgreSQL only; DIALECTS=sqlite leaves it out (helpers/dialects.ts).
if (POSTGRES_SELECTED) {
  describe('two server processes on one PostgreSQL database', () => {
    const servers = twoServers()

    test('a comment posted to one process appears on the event stream of another', async () => {
      const [a, b] = servers as [Running, Running]
      const thread = '/scale-out'
      const onB = await subscribe(b, thread)
      const onA = await subscribe(a, thread)
      try {
        const posted = await postTo(a, thread, 'Posted to A')
        const heardOnB = await onB.next(5000)
        assert.equal(heardOnB?.data.id, posted.comment.id)
        assert.equal((await onA.next(5000))?.data.id, posted.comment.id, 'and on its own')

        const back = await postTo(b, thread, 'Posted to B')
        assert.equal((await onA.next(5000))?.data.id, back.comment.id)
        const listedOnB = (await (await fetch(`${b.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as any
        assert.deepEqual(
          listedOnB.comments.map((c: any) => c.id),
          [posted.comment.id, back.comment.id],
        )
      } finally {
        await onA.close()
        await onB.close()
      }
      assert.deepEqual(recorder.leaks([CLIENT_V4, '127.0.0.1']), [])
    })
  })
}

if (POSTGRES_SELECTED) {
  describe('two server processes share their rate limits through PostgreSQL', () => {
    const pair = twoServers(['--rate-burst', '3', '--rate-per-minute', '1'])

    test('writes from one network get one burst in total, whichever process they reach', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) {
        const res = await tryPost(pair[i % 2]!, '/scale-out-limits', `Post number ${i}`)
        recorder.add('scale-out POST', await res.text())
        statuses.push(res.status)
      }
      assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429])
    })

    test('failed admin tokens lock the network out on every process', async () => {
      const admin = (server: Running, token: string) =>
        fetch(`${server.url}/api/v1/admin/comments`, { headers: { authorization: `Bearer ${token}` } }).then(async (res) => {
          recorder.add('scale-out admin', await res.text())
          return res.status
        })
      // The default lockout: ten failures, then one more a minute.
      for (let i = 0; i < 10; i++) assert.equal(await admin(pair[i % 2]!, `guess-${i}`), 403)
      assert.equal(await admin(pair[0]!, ADMIN), 429)
      assert.equal(await admin(pair[1]!, ADMIN), 429, 'the other process too')
    })
  })
}
