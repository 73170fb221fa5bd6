import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Store } from '../../../../src/server/store.js'
import { ADMIN_TOKEN, CLIENT_V4, ORIGIN, SseStream, TestClient, uniqueThread, type SseEvent } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'

/** The admin stream, with the bearer token (the page's cookie is the same route behind admin-auth). */
async function adminStream(client: TestClient, headers: Record<string, string> = {}): Promise<SseStream> {
  const response = await client.app.request('/api/v1/admin/events', {
    headers: { origin: ORIGIN, 'x-forwarded-for': CLIENT_V4, authorization: `Bearer ${ADMIN_TOKEN}`, ...headers },
  })
  return new SseStream(response, 'SSE /api/v1/admin/events')
}

/** The next event about this comment, skipping other tests' events on the shared database. */
async function nextAbout(stream: SseStream, id: string): Promise<SseEvent | null> {
  for (;;) {
    const event = await stream.next(3000)
    if (event === null || event.data?.id === id) return event
  }
}

export function adminEvents(env: Env) {
  describe('the admin event stream', () => {
    test('every change of any status reaches the admin stream as an AdminComment; readers hear only what they may see', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const admin = await adminStream(client)
      const readers = await client.sse(thread)
      try {
        assert.equal(admin.response.status, 200)
        assert.match(admin.response.headers.get('content-type') ?? '', /text\/event-stream/)
        const { comment } = await client.posted({ thread, author: { email: 'held@example.org' } })
        const held = await nextAbout(admin, comment.id)
        assert.equal(held?.event, 'comment')
        assert.equal(held?.data.status, 'pending')
        assert.equal(held?.data.author.email, 'held@example.org')
        assert.equal(held?.data.holdReason, 'moderation-all')
        assert.ok(Number(held?.id) > 0)
        await client.admin('PATCH', `/comments/${comment.id}`, { json: { body: 'Owner-edited while held' } })
        assert.equal((await nextAbout(admin, comment.id))?.data.bodyText, 'Owner-edited while held')
        await client.admin('POST', `/comments/${comment.id}/approve`)
        assert.equal((await nextAbout(admin, comment.id))?.data.status, 'approved')
        const publicEvent = await readers.next()
        assert.equal(publicEvent?.data.id, comment.id, "the readers' first event is the approval: nothing of the held comment before it")
        assert.equal(publicEvent?.data.author.email, undefined)
        await client.admin('POST', `/comments/${comment.id}/spam`)
        assert.equal((await nextAbout(admin, comment.id))?.data.status, 'spam')
        await client.admin('DELETE', `/comments/${comment.id}`)
        assert.equal((await nextAbout(admin, comment.id))?.data.status, 'deleted')
      } finally {
        await admin.close()
        await readers.close()
      }
    })

    test('Last-Event-ID replays what the admin missed, as the comments are now', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const first = await adminStream(client)
      const { comment } = await client.posted({ thread: uniqueThread() })
      const seen = await nextAbout(first, comment.id)
      await first.close()
      const later = await client.posted({ thread: uniqueThread() })
      const resumed = await adminStream(client, { 'last-event-id': seen!.id! })
      try {
        const replayed = await nextAbout(resumed, later.comment.id)
        assert.equal(replayed?.data.status, 'pending')
      } finally {
        await resumed.close()
      }
    })

    test('without a session or token the stream is 401', async () => {
      const client = clientFor(env)
      const res = await client.call('GET', '/api/v1/admin/events')
      assert.equal(res.status, 401)
    })

    test('on PostgreSQL, a change made by another process reaches this one’s admin stream (SQLite has one process: skipped there)', async (t) => {
      if (env().dialect !== 'postgres') return t.skip('SQLite has one process')
      const here = clientFor(env, { moderation: 'all' })
      const elsewhere = new TestClient(await Store.open(env().location), { moderation: 'all' })
      const stream = await adminStream(here)
      try {
        const { comment } = await elsewhere.posted({ thread: uniqueThread() })
        const event = await nextAbout(stream, comment.id)
        assert.equal(event?.data.status, 'pending', 'heard through NOTIFY and the shared outbox')
      } finally {
        await stream.close()
        await elsewhere.store.close()
      }
    })
  })
}
