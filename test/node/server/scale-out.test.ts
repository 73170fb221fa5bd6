/**
 * Two real server processes on one PostgreSQL database: a comment posted to one reaches a
 * reader connected to the other's event stream (LISTEN/NOTIFY), and both see it listed.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { CLIENT_V4, SseStream } from './helpers/client.js'
import { POSTGRES_SELECTED, postgresDatabase, type TestDatabase } from './helpers/dialects.js'
import { startServer, type Running } from './helpers/process.js'
import { recorder } from './helpers/recorder.js'

const ORIGIN = 'https://blog.example'
let database: TestDatabase
const servers: Running[] = []

async function postTo(server: Running, thread: string, body: string) {
  const list = await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)
  const formToken = ((await list.json()) as any).thread.formToken
  const res = await fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ thread, parentId: null, author: { name: 'Scale', email: 'scale@example.org', url: '' }, body, formToken }),
  })
  const text = await res.text()
  recorder.add('scale-out POST', text)
  assert.equal(res.status, 201, text)
  return JSON.parse(text) as { comment: { id: string } }
}

async function subscribe(server: Running, thread: string) {
  const res = await fetch(`${server.url}/api/v1/events?thread=${encodeURIComponent(thread)}`, { headers: { origin: ORIGIN } })
  assert.equal(res.status, 200)
  return new SseStream(res)
}

// PostgreSQL only; DIALECTS=sqlite leaves it out (helpers/dialects.ts).
if (POSTGRES_SELECTED) {
  describe('two server processes on one PostgreSQL database', () => {
    before(async () => {
      database = await postgresDatabase()
      const args = ['--database', database.location, '--origin', ORIGIN, '--min-post-seconds', '0', '--admin-token', 'scale-out-admin-token-0123456789']
      // One after the other: the second finds the schema and the shared secret in place.
      servers.push(await startServer(args))
      servers.push(await startServer(args))
    })

    after(async () => {
      await Promise.all(servers.map((s) => s.stop()))
      await database?.drop()
    })

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
        assert.deepEqual(listedOnB.comments.map((c: any) => c.id), [posted.comment.id, back.comment.id])
      } finally {
        await onA.close()
        await onB.close()
      }
      assert.deepEqual(recorder.leaks([CLIENT_V4, '127.0.0.1']), [])
    })
  })
}
