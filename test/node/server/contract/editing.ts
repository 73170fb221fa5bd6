import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { ADMIN_TOKEN, uniqueThread, type TestClient } from '../helpers/client.js'

const patch = (client: TestClient, id: string, token: string | null, body: unknown = { body: 'Changed *text*' }) =>
  client.call('PATCH', `/api/v1/comments/${id}`, { json: body, headers: token ? { authorization: `Bearer ${token}` } : {} })
const remove = (client: TestClient, id: string, token: string) =>
  client.call('DELETE', `/api/v1/comments/${id}`, { headers: { authorization: `Bearer ${token}` } })

export function editing(env: Env) {
  describe('editing and removing', () => {
    test('the edit token changes the body within the edit window', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread, body: 'Original' })
      client.clock.advance(60_000)
      const res = await patch(client, comment.id, editToken, { body: 'Changed\n\nhttps://example.org' })
      assert.equal(res.status, 200)
      assert.equal(res.json.comment.id, comment.id)
      assert.equal(res.json.comment.mine, true)
      assert.equal(res.json.comment.editedAt, new Date(client.clock.t).toISOString())
      assert.match(res.json.comment.html, /<p>Changed<\/p>\n<p><a href="https:\/\/example.org\/"/, 'the href as the URL parser writes it')
      const listed = (await client.list(thread)).json.comments[0]
      assert.equal(listed.html, res.json.comment.html)
    })

    test('no token is 401, a wrong or foreign token 403, a bad body 422', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const mine = await client.posted({ thread })
      const theirs = await client.posted({ thread })
      assert.equal((await patch(client, mine.comment.id, null)).status, 401)
      const wrong = await patch(client, mine.comment.id, 'guess')
      assert.equal(wrong.status, 403)
      assert.equal(wrong.json.kind, 'forbidden')
      assert.equal((await patch(client, mine.comment.id, theirs.editToken)).status, 403)
      assert.equal((await patch(client, mine.comment.id, ADMIN_TOKEN)).status, 403, 'the admin removes, it does not edit')
      const empty = await patch(client, mine.comment.id, mine.editToken, { body: '' })
      assert.equal(empty.status, 422)
      assert.equal(empty.json.codes.body, 'required')
    })

    test('after the edit window the token no longer edits or removes; the admin still removes', async () => {
      const client = clientFor(env, { editWindowMs: 5 * 60_000 })
      const { comment, editToken, editableUntil } = await client.posted({ thread: uniqueThread() })
      assert.equal(Date.parse(editableUntil) - Date.parse(comment.createdAt), 5 * 60_000)
      client.clock.advance(5 * 60_000 + 1)
      const late = await patch(client, comment.id, editToken)
      assert.equal(late.status, 403)
      assert.equal(late.json.kind, 'forbidden')
      assert.equal((await remove(client, comment.id, editToken)).status, 403)
      assert.equal((await remove(client, comment.id, ADMIN_TOKEN)).status, 204)
    })

    test('a removed comment without replies disappears; with replies it stays as an empty placeholder', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const lonely = await client.posted({ thread, author: { name: 'Lonely' } })
      const parent = await client.posted({ thread, author: { name: 'Parent Person', url: 'https://parent.example/' } })
      const reply = await client.posted({ thread, parentId: parent.comment.id })
      assert.equal((await remove(client, lonely.comment.id, lonely.editToken)).status, 204)
      assert.equal((await remove(client, parent.comment.id, parent.editToken)).status, 204)

      const list = await client.list(thread)
      assert.equal(list.json.thread.count, 1, 'only the reply counts')
      assert.deepEqual(
        list.json.comments.map((c: any) => c.id),
        [parent.comment.id, reply.comment.id],
      )
      assert.deepEqual(list.json.comments[0], {
        id: parent.comment.id,
        parentId: null,
        kind: 'comment',
        author: { name: '', url: null, avatar: null },
        html: '',
        createdAt: parent.comment.createdAt,
        editedAt: null,
        status: 'deleted',
      })
      assert.doesNotMatch(list.text, /Parent Person|parent\.example|Lonely/)
      const stored = await env().store.comment(parent.comment.id)
      assert.equal(stored?.body_text, '', 'the text is gone from the database too')
      assert.equal(stored?.author_email, '')
      assert.equal((await remove(client, parent.comment.id, parent.editToken)).status, 403, 'the token died with the comment')
    })

    test('failed token checks from one network are rate limited', async () => {
      const client = clientFor(env, { tokenFailureLimit: { burst: 3, perMinute: 1 } })
      const { comment, editToken } = await client.posted({ thread: uniqueThread() })
      for (let i = 0; i < 3; i++) assert.equal((await patch(client, comment.id, `guess-${i}`)).status, 403)
      const locked = await patch(client, comment.id, editToken)
      assert.equal(locked.status, 429, 'even the right token waits')
      assert.ok(Number(locked.headers.get('retry-after')) > 0)
      client.clock.advance(60_000)
      assert.equal((await patch(client, comment.id, editToken)).status, 200)
    })
  })
}
