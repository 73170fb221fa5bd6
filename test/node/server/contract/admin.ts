import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sha256, tokenMatches } from '../../../../src/server/tokens.js'
import { clientFor, type Env } from '../helpers/env.js'
import { ADMIN_TOKEN, uniqueThread, type TestClient } from '../helpers/client.js'

export function admin(env: Env) {
  describe('admin', () => {
    test('the admin API wants the admin token: none is 401, a wrong one 403', async () => {
      const client = clientFor(env)
      const none = await client.call('GET', '/api/v1/admin/comments')
      assert.equal(none.status, 401)
      assert.equal(none.json.kind, 'forbidden')
      for (const token of ['wrong', ADMIN_TOKEN.slice(0, -1), `${ADMIN_TOKEN}x`, ADMIN_TOKEN.toUpperCase()]) {
        const res = await client.call('GET', '/api/v1/admin/comments', { headers: { authorization: `Bearer ${token}` } })
        assert.equal(res.status, 403, token)
      }
      assert.equal((await client.admin('GET', '/comments')).status, 200)
      const disabled = clientFor(env, { adminTokenHash: null })
      assert.equal((await disabled.admin('GET', '/comments')).status, 403, 'no admin token configured, no admin API')
    })

    test('the token check compares hashes of equal length in constant time', () => {
      const hash = sha256(ADMIN_TOKEN)
      assert.equal(tokenMatches(ADMIN_TOKEN, hash), true)
      for (const guess of ['', 'a', ADMIN_TOKEN.slice(1), ADMIN_TOKEN + ADMIN_TOKEN]) assert.equal(tokenMatches(guess, hash), false)
      assert.equal(tokenMatches(ADMIN_TOKEN, null), false)
      assert.equal(tokenMatches(ADMIN_TOKEN, 'not-hex'), false, 'a malformed stored hash never matches and never throws')
    })

    test('repeated failures from one network lock it out, even for the right token', async () => {
      const client = clientFor(env, { tokenFailureLimit: { burst: 5, perMinute: 1 } })
      for (let i = 0; i < 5; i++) {
        assert.equal((await client.call('GET', '/api/v1/admin/comments', { headers: { authorization: `Bearer guess${i}` } })).status, 403)
      }
      const locked = await client.admin('GET', '/comments')
      assert.equal(locked.status, 429)
      assert.equal(locked.json.kind, 'rate-limited')
      assert.equal((await client.admin('GET', '/comments', { ip: '198.51.100.20' })).status, 200, 'other networks are not affected')
      client.clock.advance(60_000)
      assert.equal((await client.admin('GET', '/comments')).status, 200)
    })

    test('requests without a token never lock the owner out (a foreign page can make those)', async () => {
      const client = clientFor(env, { tokenFailureLimit: { burst: 3, perMinute: 1 } })
      for (let i = 0; i < 12; i++) assert.equal((await client.call('GET', '/api/v1/admin/comments', { origin: null })).status, 401)
      assert.equal((await client.admin('GET', '/comments')).status, 200)
    })

    test("other sites' pages are refused before any token is counted: a foreign Origin, or no Origin and Sec-Fetch-Site: cross-site", async () => {
      const client = clientFor(env, { tokenFailureLimit: { burst: 3, perMinute: 1 } })
      const wrong = { authorization: 'Bearer guess' }
      const foreign: Array<[string, Parameters<TestClient['call']>[2]]> = [
        ['a foreign Origin', { origin: 'https://evil.example', headers: wrong }],
        ['an <img> on another site', { origin: null, headers: { ...wrong, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' } }],
        ['an <img> on a sibling site', { origin: null, headers: { ...wrong, 'sec-fetch-site': 'same-site' } }],
      ]
      for (const [what, call] of foreign) {
        for (let i = 0; i < 5; i++) {
          const res = await client.call('GET', '/api/v1/admin/comments', call)
          assert.equal(res.status, 403, what)
          assert.equal(res.json.kind, 'forbidden')
        }
      }
      assert.equal((await client.admin('GET', '/comments')).status, 200, 'none of them counted')
      const allowed = await client.admin('GET', '/comments', { headers: { 'sec-fetch-site': 'cross-site' } })
      assert.equal(allowed.status, 200, 'a page of an allowed origin sends its Origin and may call')
      const sameOrigin = await client.admin('GET', '/comments', { origin: null, headers: { 'sec-fetch-site': 'same-origin' } })
      assert.equal(sameOrigin.status, 200)
    })

    test('failed admin and edit tokens count apart: guessing one never locks out the other', async () => {
      const client = clientFor(env, { tokenFailureLimit: { burst: 3, perMinute: 1 } })
      const { comment, editToken } = await client.posted({ thread: uniqueThread() })
      const edit = (token: string) =>
        client.call('PATCH', `/api/v1/comments/${comment.id}`, { json: { body: 'Edited' }, headers: { authorization: `Bearer ${token}` } })
      for (let i = 0; i < 3; i++) assert.equal((await edit(`guess-${i}`)).status, 403)
      assert.equal((await edit(editToken)).status, 429, 'edit tokens are locked out')
      assert.equal((await client.admin('GET', '/comments')).status, 200, 'the admin is not')
      for (let i = 0; i < 3; i++)
        assert.equal((await client.call('GET', '/api/v1/admin/comments', { headers: { authorization: `Bearer guess-${i}` } })).status, 403)
      assert.equal((await client.admin('GET', '/comments')).status, 429)
      client.clock.advance(60_000)
      assert.equal((await edit(editToken)).status, 200)
    })

    test('pending comments are listed, approved into public view, or marked as spam', async () => {
      const held = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const a = await held.posted({ thread, body: 'Approve me' })
      held.clock.advance(1000)
      const b = await held.posted({ thread, body: 'Spam me' })
      const stream = await held.sse(thread)
      try {
        const pending = await held.admin('GET', `/comments?status=pending&thread=${encodeURIComponent(thread)}`)
        assert.equal(pending.status, 200)
        assert.deepEqual(
          pending.json.comments.map((c: any) => c.id),
          [b.comment.id, a.comment.id],
          'newest first',
        )
        assert.equal(pending.json.comments[0].thread, thread)
        assert.equal(pending.json.comments[0].status, 'pending')
        assert.equal(pending.json.nextCursor, null)

        const approved = await held.admin('POST', `/comments/${a.comment.id}/approve`)
        assert.equal(approved.json.status, 'approved')
        assert.equal((await stream.next())?.data.id, a.comment.id, 'approval is announced')
        const spam = await held.admin('POST', `/comments/${b.comment.id}/spam`)
        assert.equal(spam.json.status, 'spam')

        const list = await held.list(thread, {}, { headers: { 'x-palaver-tokens': b.editToken } })
        assert.deepEqual(
          list.json.comments.map((c: any) => c.id),
          [a.comment.id],
          'spam is shown to nobody',
        )
        assert.equal(list.json.thread.count, 1)
        const spamList = await held.admin('GET', `/comments?status=spam&thread=${encodeURIComponent(thread)}`)
        assert.deepEqual(
          spamList.json.comments.map((c: any) => c.id),
          [b.comment.id],
        )

        assert.equal((await held.admin('POST', `/comments/${a.comment.id}/spam`)).status, 200)
        const gone = await stream.next()
        assert.equal(gone?.data.id, a.comment.id)
        assert.equal(gone?.data.status, 'deleted', 'readers see a comment turned spam as removed')
      } finally {
        await stream.close()
      }
    })

    test('the admin lists page with a cursor and check their parameters', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      for (let i = 0; i < 3; i++) {
        client.clock.advance(1000)
        await client.posted({ thread })
      }
      const q = `status=approved&thread=${encodeURIComponent(thread)}&limit=2`
      const first = await client.admin('GET', `/comments?${q}`)
      assert.equal(first.json.comments.length, 2)
      const second = await client.admin('GET', `/comments?${q}&cursor=${first.json.nextCursor}`)
      assert.equal(second.json.comments.length, 1)
      assert.equal(second.json.nextCursor, null)
      assert.equal((await client.admin('GET', '/comments?status=nonsense')).json.codes.status, 'invalid')
      assert.equal((await client.admin('POST', '/comments/no-such-id/approve')).status, 404)
    })

    test('the admin removes any comment', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const { comment } = await client.posted({ thread })
      assert.equal((await client.admin('DELETE', `/comments/${comment.id}`)).status, 204)
      assert.equal((await client.list(thread)).json.comments.length, 0)
      assert.equal((await client.admin('DELETE', `/comments/${comment.id}`)).status, 404)
    })

    test('closing a thread refuses new comments and edits; opening takes them again', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread })
      const closed = await client.admin('POST', `/threads/close?thread=${encodeURIComponent(thread)}`)
      assert.equal(closed.status, 200)
      assert.equal(closed.json.thread.open, false)
      assert.equal(closed.json.thread.formToken, undefined)
      assert.equal((await client.list(thread)).json.thread.open, false)
      const refused = await client.post({ thread })
      assert.equal(refused.status, 403)
      assert.equal(refused.json.kind, 'closed')
      const edit = await client.call('PATCH', `/api/v1/comments/${comment.id}`, { json: { body: 'x' }, headers: { authorization: `Bearer ${editToken}` } })
      assert.equal(edit.json.kind, 'closed')

      assert.equal((await client.admin('POST', `/threads/open?thread=${encodeURIComponent(thread)}`)).json.thread.open, true)
      assert.equal((await client.post({ thread })).status, 201)
      const fresh = uniqueThread()
      await client.admin('POST', `/threads/close?thread=${encodeURIComponent(fresh)}`)
      assert.equal((await client.post({ thread: fresh })).json.kind, 'closed', 'a thread can be closed before its first comment')
    })
  })
}
