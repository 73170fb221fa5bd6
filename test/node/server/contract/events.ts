import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { uniqueThread } from '../helpers/client.js'

export function events(env: Env) {
  describe('server-sent events', () => {
    test('readers hear new, edited and removed comments, each with an id', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const stream = await client.sse(thread)
      try {
        assert.equal(stream.response.status, 200)
        assert.match(stream.response.headers.get('content-type') ?? '', /^text\/event-stream/)
        const { comment, editToken } = await client.posted({ thread, body: 'Live' })
        const created = await stream.next()
        assert.equal(created?.event, 'comment')
        assert.match(created?.id ?? '', /^\d+$/)
        assert.equal(created?.data.id, comment.id)
        assert.equal(created?.data.status, 'approved')
        assert.equal(created?.data.mine, undefined)

        await client.call('PATCH', `/api/v1/comments/${comment.id}`, { json: { body: 'Live, edited' }, headers: { authorization: `Bearer ${editToken}` } })
        const edited = await stream.next()
        assert.equal(edited?.data.html, '<p>Live, edited</p>')
        assert.ok(Number(edited?.id) > Number(created?.id))

        await client.call('DELETE', `/api/v1/comments/${comment.id}`, { headers: { authorization: `Bearer ${editToken}` } })
        const removed = await stream.next()
        assert.equal(removed?.data.id, comment.id)
        assert.equal(removed?.data.status, 'deleted')
        assert.equal(removed?.data.html, '')
      } finally {
        await stream.close()
      }
    })

    test('pending comments and other threads send nothing', async () => {
      const held = clientFor(env, { moderation: 'all' })
      const open = clientFor(env)
      const thread = uniqueThread()
      const stream = await open.sse(thread)
      try {
        await held.posted({ thread, body: 'Held back' })
        await open.posted({ thread: uniqueThread(), body: 'Elsewhere' })
        const visible = await open.posted({ thread, body: 'Visible' })
        const next = await stream.next()
        assert.equal(next?.data.id, visible.comment.id, 'the first event is the visible comment')
      } finally {
        await stream.close()
      }
    })

    test('Last-Event-ID replays what a reconnecting reader missed', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const first = await client.sse(thread)
      await client.posted({ thread, body: 'Seen' })
      const seen = await first.next()
      await first.close()
      const missed = [await client.posted({ thread, body: 'Missed 1' }), await client.posted({ thread, body: 'Missed 2' })]
      const again = await client.sse(thread, { 'last-event-id': seen!.id! })
      try {
        assert.equal((await again.next())?.data.id, missed[0]!.comment.id)
        assert.equal((await again.next())?.data.id, missed[1]!.comment.id)
        const live = await client.posted({ thread, body: 'Live again' })
        assert.equal((await again.next())?.data.id, live.comment.id)
      } finally {
        await again.close()
      }
    })

    test('a replay from the start shows only what the comments are now: no text, name or website taken back', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const auth = (token: string) => ({ authorization: `Bearer ${token}` })
      const post = (label: string) => client.posted({ thread, author: { name: `Name ${label}`, url: `https://${label}.example/` }, body: `Text ${label}` })
      const edited = await post('edited')
      const removed = await post('removed')
      const spam = await post('spam')
      const held = await post('held')
      await client.call('PATCH', `/api/v1/comments/${edited.comment.id}`, { json: { body: 'Now this' }, headers: auth(edited.editToken) })
      assert.equal((await client.call('DELETE', `/api/v1/comments/${removed.comment.id}`, { headers: auth(removed.editToken) })).status, 204)
      assert.equal((await client.admin('POST', `/comments/${spam.comment.id}/spam`)).status, 200)
      const links = 'https://a.example https://b.example https://c.example'
      const back = await client.call('PATCH', `/api/v1/comments/${held.comment.id}`, { json: { body: links }, headers: auth(held.editToken) })
      assert.equal(back.json.comment.status, 'pending', 'the edit sent it back to moderation')

      const stream = await client.sse(thread, { 'last-event-id': '0' })
      const replayed = []
      try {
        for (let event = await stream.next(1000); event; event = await stream.next(300)) replayed.push(event)
      } finally {
        await stream.close()
      }
      const text = JSON.stringify(replayed)
      for (const gone of ['Text edited', 'removed', 'spam', 'held', 'a.example']) assert.doesNotMatch(text, new RegExp(gone), gone)
      const byId = new Map(replayed.map((e) => [e.data.id, e.data]))
      assert.equal(byId.get(edited.comment.id)?.html, '<p>Now this</p>')
      assert.equal(byId.get(edited.comment.id)?.author.name, 'Name edited')
      for (const gone of [removed, spam, held]) {
        assert.equal(byId.get(gone.comment.id)?.status, 'deleted')
        assert.deepEqual(byId.get(gone.comment.id)?.author, { name: '', url: null, avatar: null })
      }
      assert.equal(replayed.length, 4, 'one event per comment: the latest')
      const ids = replayed.map((e) => Number(e.id))
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => a - b),
      )
    })

    test('an idle stream sends heartbeat comments', async () => {
      const client = clientFor(env, { heartbeatMs: 30 })
      const stream = await client.sse(uniqueThread())
      try {
        assert.ok(await stream.comment('ping', 1000))
      } finally {
        await stream.close()
      }
    })

    test('the event stream needs a thread', async () => {
      const res = await clientFor(env).call('GET', '/api/v1/events')
      assert.equal(res.status, 400)
      assert.equal(res.json.codes.thread, 'required')
    })
  })
}
