import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { uniqueThread } from '../helpers/client.js'

export function moderation(env: Env) {
  describe('moderation', () => {
    test('mode all: a new comment is pending, invisible and uncounted, except to the holder of its token', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread })
      assert.equal(comment.status, 'pending')
      assert.equal(comment.mine, true)

      const publicList = await client.list(thread)
      assert.deepEqual(publicList.json.comments, [])
      assert.equal(publicList.json.thread.count, 0)
      const counts = await client.call('GET', `/api/v1/counts?thread=${encodeURIComponent(thread)}`)
      assert.deepEqual(counts.json.counts, { [thread]: 0 })

      const own = await client.list(thread, {}, { headers: { 'x-palaver-tokens': `unrelated,${editToken}` } })
      assert.equal(own.json.comments.length, 1)
      assert.equal(own.json.comments[0].status, 'pending')
      assert.equal(own.json.comments[0].mine, true)
      assert.equal(own.json.thread.count, 0, 'pending never counts, not even for its author')
      assert.notEqual(own.headers.get('etag'), publicList.headers.get('etag'))
      const stranger = await client.list(thread, {}, { headers: { 'x-palaver-tokens': 'someone-elses-token' } })
      assert.deepEqual(stranger.json.comments, [])
    })

    test('an author sees their own pending reply under an approved comment, and may reply to their pending comment', async () => {
      const approve = clientFor(env)
      const thread = uniqueThread()
      const top = await approve.posted({ thread })
      const held = clientFor(env, { moderation: 'all' })
      const reply = await held.posted({ thread, parentId: top.comment.id })
      const tokens = { 'x-palaver-tokens': reply.editToken }
      const seen = await held.list(thread, {}, { headers: tokens })
      assert.deepEqual(
        seen.json.comments.map((c: any) => [c.id, c.status]),
        [
          [top.comment.id, 'approved'],
          [reply.comment.id, 'pending'],
        ],
      )

      const open = clientFor(env)
      const refused = await open.post({ thread, parentId: reply.comment.id })
      assert.equal(refused.status, 422, 'a stranger cannot reply to a pending comment')
      const own = await open.post({ thread, parentId: reply.comment.id }, { headers: tokens })
      assert.equal(own.status, 201)
      assert.equal(own.json.comment.status, 'pending', 'a reply to a held comment is held too')
    })

    test('mode first: an author is held until one of their comments is approved', async () => {
      const client = clientFor(env, { moderation: 'first' })
      const thread = uniqueThread()
      const author = { name: 'Newcomer', email: `newcomer-${thread.slice(3)}@example.org` }
      const first = await client.posted({ thread, author })
      assert.equal(first.comment.status, 'pending')
      assert.equal((await client.posted({ thread, author })).comment.status, 'pending')
      assert.equal((await client.admin('POST', `/comments/${first.comment.id}/approve`)).status, 200)
      assert.equal(
        (await client.posted({ thread, author: { name: '  NEWCOMER ', email: author.email.toUpperCase() } })).comment.status,
        'approved',
        'the same pair, normalized',
      )
      assert.equal((await client.posted({ thread, author: { name: 'Other', email: `other-${thread.slice(3)}@example.org` } })).comment.status, 'pending')
    })

    test('mode first: a known email with another name is held, and its answer does not confirm the email', async () => {
      const client = clientFor(env, { moderation: 'first' })
      const thread = uniqueThread()
      const victim = { name: 'Victim', email: `victim-${thread.slice(3)}@example.org` }
      const first = await client.posted({ thread, author: victim })
      await client.admin('POST', `/comments/${first.comment.id}/approve`)
      const [shown] = (await client.list(thread)).json.comments
      assert.ok(shown.author.avatar, 'an approved comment shows its seed')

      const known = await client.post({ thread, author: { name: 'Impostor', email: victim.email.toUpperCase() } })
      const unknown = await client.post({ thread, author: { name: 'Impostor', email: `nobody-${thread.slice(3)}@example.org` } })
      assert.equal(known.json.comment.status, 'pending', 'the email alone does not pass')
      const answer = (res: typeof known) => ({ status: res.status, commentStatus: res.json.comment.status, avatar: res.json.comment.author.avatar })
      assert.deepEqual(answer(known), answer(unknown), 'a guessed known email is answered like an unknown one')
      assert.equal(known.json.comment.author.avatar, null)
      const own = await client.list(thread, {}, { headers: { 'x-palaver-tokens': known.json.editToken } })
      assert.ok(
        own.json.comments.every((c: any) => c.status !== 'pending' || c.author.avatar === null),
        "nor does the author's own list",
      )
    })

    test("mode all: an author's edit of an approved comment sends it back to the queue and out of the count", async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread })
      assert.equal((await client.admin('POST', `/comments/${comment.id}/approve`)).status, 200)
      assert.equal((await client.list(thread)).json.thread.count, 1)
      const edit = await client.call('PATCH', `/api/v1/comments/${comment.id}`, {
        json: { body: 'Now abusive.' },
        headers: { authorization: `Bearer ${editToken}` },
      })
      assert.equal(edit.json.comment.status, 'pending')
      assert.equal((await client.list(thread)).json.thread.count, 0)
      const queued = (await client.admin('GET', `/comments?thread=${encodeURIComponent(thread)}`)).json.comments
      assert.deepEqual(
        queued.map((c: any) => [c.id, c.version]),
        [[comment.id, 1]],
      )
    })

    test('a comment that was held goes back to the queue when edited, in any mode', async () => {
      const client = clientFor(env, { moderation: 'first' })
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread, author: { name: 'Held Once', email: `held-${thread.slice(3)}@example.org` } })
      assert.equal(comment.status, 'pending')
      await client.admin('POST', `/comments/${comment.id}/approve`)
      const edit = await client.call('PATCH', `/api/v1/comments/${comment.id}`, {
        json: { body: 'Changed after review.' },
        headers: { authorization: `Bearer ${editToken}` },
      })
      assert.equal(edit.json.comment.status, 'pending')
      const open = clientFor(env, { moderation: 'none' })
      const free = await open.posted({ thread })
      const freeEdit = await open.call('PATCH', `/api/v1/comments/${free.comment.id}`, {
        json: { body: 'Fixed a typo.' },
        headers: { authorization: `Bearer ${free.editToken}` },
      })
      assert.equal(freeEdit.json.comment.status, 'approved', 'never held, not moderated: an edit stays published')
    })

    test('an approval names the version the owner read and is refused with 409 when the comment changed since', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const { comment, editToken } = await client.posted({ thread, body: 'What the owner reads.' })
      const [seen] = (await client.admin('GET', `/comments?thread=${encodeURIComponent(thread)}`)).json.comments
      assert.equal(seen.version, 0)
      await client.call('PATCH', `/api/v1/comments/${comment.id}`, {
        json: { body: 'What it says now, with https://spam.example' },
        headers: { authorization: `Bearer ${editToken}` },
      })
      const stale = await client.admin('POST', `/comments/${comment.id}/approve?version=${seen.version}`)
      assert.equal(stale.status, 409)
      assert.equal(stale.headers.get('content-type'), 'application/problem+json')
      assert.ok(stale.json.errors.version)
      assert.equal((await client.list(thread)).json.thread.count, 0, 'nothing was published')
      const staleBody = await client.admin('POST', `/comments/${comment.id}/approve`, { json: { version: 0 } })
      assert.equal(staleBody.status, 409)
      const bad = await client.admin('POST', `/comments/${comment.id}/approve?version=soon`)
      assert.equal(bad.status, 400)
      assert.ok(bad.json.errors.version)
      const current = await client.admin('POST', `/comments/${comment.id}/approve`, { json: { version: 1 } })
      assert.equal(current.status, 200)
      assert.equal(current.json.version, 1)
      assert.equal((await client.list(thread)).json.thread.count, 1)
    })

    test('approving without a version still works, for scripts', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const { comment } = await client.posted({ thread })
      const approved = await client.admin('POST', `/comments/${comment.id}/approve`)
      assert.equal(approved.status, 200)
      assert.equal(approved.json.status, 'approved')
    })

    test('more than two links hold a comment in any mode, also when an edit adds them', async () => {
      const client = clientFor(env, { moderation: 'none' })
      const thread = uniqueThread()
      const two = await client.posted({ thread, body: 'https://a.example https://b.example' })
      assert.equal(two.comment.status, 'approved')
      const three = await client.posted({ thread, body: 'https://a.example https://b.example <a href="https://c.example">c</a>' })
      assert.equal(three.comment.status, 'pending')
      const edit = await client.call('PATCH', `/api/v1/comments/${two.comment.id}`, {
        json: { body: 'https://a.example https://b.example https://c.example' },
        headers: { authorization: `Bearer ${two.editToken}` },
      })
      assert.equal(edit.json.comment.status, 'pending')
      assert.equal((await client.list(thread)).json.thread.count, 0)
    })

    test('the link hold counts every link readers will see: www. addresses too, not hrefless anchors or code', async () => {
      const client = clientFor(env, { moderation: 'none' })
      const thread = uniqueThread()
      const www = await client.posted({ thread, body: 'www.a.example, www.b.example and www.c.example' })
      assert.equal(www.comment.status, 'pending')
      const shown = await client.posted({ thread, body: 'https://a.example <a href="javascript:x()">b</a> <a href="/c">c</a> <code>https://d.example</code>' })
      assert.equal(shown.comment.status, 'approved', 'one link a reader can follow')
    })
  })
}
