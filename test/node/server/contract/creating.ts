import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { DEFAULT_LIMITS } from '../../../../src/server/options.js'
import { clientFor, type Env } from '../helpers/env.js'
import { ORIGIN, uniqueThread } from '../helpers/client.js'

export function creating(env: Env) {
  describe('posting a comment', () => {
    test('the thread keeps the page and language its first post gave; later posts fill in only what it lacks, and each shown post moves its version', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const send = (json: Record<string, unknown>) =>
        client.call('POST', '/api/v1/comments', {
          json: { thread, parentId: null, author: { name: 'Ann', email: 'ann@example.org', url: '' }, trap: '', ...json },
        })
      const token = await client.formToken(thread)
      assert.equal((await send({ body: 'First', formToken: token, page: `${ORIGIN}/post#comments` })).status, 201)
      const first = await client.store.thread(thread)
      assert.deepEqual([first?.url, first?.lang, first?.version], [`${ORIGIN}/post`, null, 1])
      assert.equal((await send({ body: 'Second', formToken: token, page: `${ORIGIN}/elsewhere`, lang: 'de' })).status, 201)
      const second = await client.store.thread(thread)
      assert.deepEqual([second?.url, second?.lang, second?.version], [`${ORIGIN}/post`, 'de', 2])
    })

    test('a post answers 201 with the comment (mine), an edit token and the end of the edit window', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const res = await client.post({ thread, title: 'A page', author: { name: 'Bea', url: 'https://bea.example/' }, body: 'Hello there' })
      assert.equal(res.status, 201)
      const { comment, editToken, editableUntil } = res.json
      assert.deepEqual(Object.keys(res.json).sort(), ['comment', 'editToken', 'editableUntil'])
      assert.equal(comment.mine, true)
      assert.equal(comment.status, 'approved')
      assert.equal(comment.kind, 'comment')
      assert.equal(comment.parentId, null)
      assert.equal(comment.editedAt, null)
      assert.deepEqual(Object.keys(comment.author).sort(), ['avatar', 'name', 'url'])
      assert.equal(comment.author.name, 'Bea')
      assert.equal(comment.author.url, 'https://bea.example/')
      assert.match(comment.author.avatar, /^[0-9a-f]{32}$/)
      assert.equal(comment.html, '<p>Hello there</p>')
      assert.equal(comment.createdAt, new Date(client.clock.t).toISOString())
      assert.equal(Date.parse(editableUntil) - Date.parse(comment.createdAt), 15 * 60_000)
      assert.ok(editToken.length >= 32)

      const list = await client.list(thread)
      assert.equal(list.json.thread.title, null, "the first post's title is a reader's: readers get the page's own (issue 13.8)")
      assert.equal((await client.store.thread(thread))?.title, 'A page', 'kept, for the owner, mail and feeds')
      assert.equal(list.json.thread.count, 1)
      assert.equal(list.json.comments[0].id, comment.id)
      assert.equal(list.json.comments[0].mine, undefined, 'mine only for the holder of the token')
    })

    test('the body is rendered: paragraphs, line breaks, linked bare URLs, allowed tags only', async () => {
      const client = clientFor(env)
      const body = 'First line\nsecond line\n\nSee https://example.org/a?b=1&c=2. <em>yes</em> <script>alert(1)</script>'
      const { comment } = await client.posted({ thread: uniqueThread(), body })
      assert.equal(
        comment.html,
        '<p>First line<br />\nsecond line</p>\n<p>See <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&amp;c=2</a>. <em>yes</em> &lt;script&gt;alert(1)&lt;/script&gt;</p>',
      )
      const stored = await env().store.comment(comment.id)
      assert.equal(stored?.body_text, body, 'the raw text is kept as typed')
    })

    test('invalid fields answer 422 with a field map of messages and codes', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const res = await client.post({
        thread,
        author: { name: 'x'.repeat(101), email: 'not-an-address', url: 'javascript:alert(1)' },
        body: '   ',
      })
      assert.equal(res.status, 422)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      assert.equal(res.json.kind, 'validation')
      assert.deepEqual(res.json.codes, { name: 'too-long', email: 'invalid', url: 'invalid', body: 'required' })
      for (const field of ['name', 'email', 'url', 'body']) assert.equal(typeof res.json.errors[field], 'string')

      const missing = await client.call('POST', '/api/v1/comments', { json: { thread, formToken: await client.formToken(thread), author: {} } })
      assert.equal(missing.status, 422)
      assert.deepEqual(missing.json.codes, { name: 'required', email: 'required', body: 'required' })

      const tooLong = await client.post({ thread, body: 'y'.repeat(20_001), author: { url: 'https://x.example/' + 'p'.repeat(2000) } })
      assert.deepEqual(tooLong.json.codes, { url: 'too-long', body: 'too-long' })
    })

    test('a name or comment that shows nothing is required: zero-width characters, U+3164 and other fillers', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      for (const blank of ['\u200B\u200B', '\u3164', '\u2800\uFFA0', '\u200D\u2060\uFEFF']) {
        const res = await client.post({ thread, author: { name: blank }, body: blank })
        assert.equal(res.status, 422, JSON.stringify(blank))
        assert.deepEqual(res.json.codes, { name: 'required', body: 'required' }, JSON.stringify(blank))
      }
      const { comment, editToken } = await client.posted({ thread })
      const edit = await client.call('PATCH', `/api/v1/comments/${comment.id}`, {
        json: { body: '\u3164\u200B' },
        headers: { authorization: `Bearer ${editToken}` },
      })
      assert.equal(edit.status, 422)
      assert.deepEqual(edit.json.codes, { body: 'required' })
    })

    test('email can be made optional, and the thread says which fields are required', async () => {
      const client = clientFor(env, { requireEmail: false })
      const thread = uniqueThread()
      assert.deepEqual((await client.list(thread)).json.thread.requires, ['name'])
      const res = await client.post({ thread, author: { name: 'No Mail', email: '' } })
      assert.equal(res.status, 201)
      assert.equal(res.json.comment.author.avatar, null)
    })

    test('the thread info carries the limits the server enforces, so the form can enforce the same', async () => {
      const client = clientFor(env, { limits: { ...DEFAULT_LIMITS, name: 20, url: 300, body: 50 } })
      const thread = uniqueThread()
      assert.deepEqual((await client.list(thread)).json.thread.limits, { name: 20, email: 254, url: 300, body: 50 })
      assert.equal((await client.post({ thread, body: 'x'.repeat(50) })).status, 201)
      const over = await client.post({ thread, body: 'y'.repeat(51), author: { name: 'n'.repeat(21) } })
      assert.deepEqual(over.json.codes, { name: 'too-long', body: 'too-long' })
    })

    test('a reply must name a comment of the same thread', async () => {
      const client = clientFor(env)
      const other = (await client.posted({ thread: uniqueThread() })).comment.id
      const thread = uniqueThread()
      for (const parentId of [other, 'no-such-comment']) {
        const res = await client.post({ thread, parentId })
        assert.equal(res.status, 422)
        assert.equal(res.json.codes.parentId, 'invalid')
      }
      const parent = (await client.posted({ thread })).comment.id
      const reply = await client.posted({ thread, parentId: parent })
      assert.equal(reply.comment.parentId, parent)
    })

    test('the same Idempotency-Key returns the first result instead of a second comment, also after a restart', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const input = { thread, body: 'Only once', formToken: await client.formToken(thread) }
      const first = await client.post(input, { key: 'key-1' })
      const second = await client.post(input, { key: 'key-1' })
      assert.equal(first.status, 201)
      assert.equal(second.status, 201)
      assert.deepEqual(second.json, first.json)
      const afterRestart = await client.restarted().post(input, { key: 'key-1' })
      assert.deepEqual(afterRestart.json, first.json)
      assert.equal((await client.list(thread)).json.comments.length, 1)

      const reused = await client.post({ ...input, body: 'Something else' }, { key: 'key-1' })
      assert.equal(reused.status, 422)
      assert.equal(reused.json.codes['Idempotency-Key'], 'invalid')

      // The token from a replay works like the first one.
      const edit = await client.call('PATCH', `/api/v1/comments/${first.json.comment.id}`, {
        json: { body: 'Edited' },
        headers: { authorization: `Bearer ${second.json.editToken}` },
      })
      assert.equal(edit.status, 200)
    })

    test('a retry gets its first result even after its form token expired and the thread closed', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const input = { thread, body: 'Sent once, answered late', formToken: await client.formToken(thread) }
      const first = await client.post(input, { key: 'late-retry' })
      assert.equal(first.status, 201)
      // Past the duplicate window and the form token's age: only the key still ties the retry to its post.
      client.clock.advance(3 * 3600_000)
      assert.equal((await client.admin('POST', `/threads/close?thread=${encodeURIComponent(thread)}`)).status, 200)
      const retried = await client.post(input, { key: 'late-retry' })
      assert.equal(retried.status, 201)
      assert.deepEqual(retried.json, first.json)
      const fresh = await client.post({ ...input, body: 'Another one' }, { key: 'new-key' })
      assert.equal(fresh.status, 422, 'a post with a new key is checked as ever')
      assert.equal(fresh.json.kind, 'too-soon')
    })

    test('concurrent posts with one Idempotency-Key create one comment', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const input = { thread, body: 'Raced', formToken: await client.formToken(thread) }
      const results = await Promise.all([1, 2, 3].map(() => client.post(input, { key: 'race' })))
      assert.deepEqual(
        results.map((r) => r.status),
        [201, 201, 201],
      )
      assert.equal(new Set(results.map((r) => r.json.comment.id)).size, 1)
      assert.equal((await client.list(thread)).json.comments.length, 1)
    })

    test('the same author posting the same text in a thread within 10 minutes is a 409 duplicate', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread, body: 'Me too' })
      const again = await client.post({ thread, body: 'Me too', author: { email: 'ANN@example.org' } })
      assert.equal(again.status, 409)
      assert.equal(again.json.kind, 'duplicate')
      assert.equal((await client.post({ thread, body: 'Me too', author: { name: 'Other', email: 'other@example.org' } })).status, 201)
      client.clock.advance(11 * 60_000)
      assert.equal((await client.post({ thread, body: 'Me too' })).status, 201)
    })

    test('duplicates are compared after normalizing white space and case', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread, body: 'Buy   cheap\nPills now' })
      for (const body of ['buy cheap pills now', '  BUY CHEAP PILLS NOW\n\n', 'Buy\tcheap\u00a0pills\u2003now', 'Buy cheap\u200b pills now']) {
        const again = await client.post({ thread, body })
        assert.equal(again.status, 409, JSON.stringify(body))
        assert.equal(again.json.kind, 'duplicate')
      }
      assert.equal((await client.post({ thread, body: 'Buy cheap pills later' })).status, 201, 'other words are another comment')
    })

    test('a name without email is compared the same way: case and spaces do not make another author', async () => {
      const client = clientFor(env, { requireEmail: false })
      const thread = uniqueThread()
      await client.posted({ thread, author: { name: 'Sam Spam', email: '' }, body: 'Same words' })
      assert.equal((await client.post({ thread, author: { name: ' sam  SPAM ', email: '' }, body: 'same words' })).status, 409)
      assert.equal((await client.post({ thread, author: { name: 'Someone Else', email: '' }, body: 'same words' })).status, 201)
    })

    test('20 identical posts at once with different Idempotency-Keys store exactly one comment', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const formToken = await client.formToken(thread)
      await client.posted({ thread, body: 'Opening the thread', formToken })
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.post({ thread, body: 'Raced twenty times', formToken }, { key: `key-${i}` })),
      )
      assert.deepEqual(results.map((r) => r.status).sort(), [201, ...Array<number>(19).fill(409)])
      const stored = await env()
        .store.db.selectFrom('comments')
        .select('id')
        .where('thread_key', '=', thread)
        .where('body_text', '=', 'Raced twenty times')
        .execute()
      assert.equal(stored.length, 1)
    })

    test('a filled honeypot field is refused', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const res = await client.post({ thread, trap: 'http://spam.example' })
      assert.equal(res.status, 422)
      assert.equal(res.json.codes.trap, 'invalid')
      assert.equal((await client.list(thread)).json.thread.count, 0)
    })

    test('a form token younger than --min-post-seconds is too soon, with Retry-After', async () => {
      const client = clientFor(env, { minPostSeconds: 3 })
      const thread = uniqueThread()
      const formToken = await client.formToken(thread)
      client.clock.advance(1000)
      const early = await client.post({ thread, formToken })
      assert.equal(early.status, 422)
      assert.equal(early.json.kind, 'too-soon')
      assert.equal(early.headers.get('retry-after'), '2')
      client.clock.advance(2000)
      assert.equal((await client.post({ thread, formToken })).status, 201)
    })

    test('a missing, forged, foreign or expired form token is too soon without Retry-After', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const foreign = await client.formToken(uniqueThread())
      const real = await client.formToken(thread)
      for (const formToken of ['', 'abc', `${real}x`, foreign, real.replace(/^\w+/, 'zzzzzz')]) {
        const res = await client.post({ thread, formToken })
        assert.equal(res.status, 422, formToken)
        assert.equal(res.json.kind, 'too-soon')
        assert.equal(res.headers.get('retry-after'), null)
      }
      client.clock.advance(8 * 24 * 3600_000)
      assert.equal((await client.post({ thread, formToken: real })).json.kind, 'too-soon')
    })

    test('a form token lives two hours, and a cached list never hands out one with less than an hour left', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const first = await client.list(thread)
      const token = first.json.thread.formToken
      client.clock.advance(2 * 3600_000 - 1000)
      assert.equal((await client.post({ thread, formToken: token })).status, 201, 'still valid just before two hours')
      client.clock.advance(2000)
      const late = await client.post({ thread, formToken: token })
      assert.equal(late.status, 422)
      assert.equal(late.json.kind, 'too-soon')
      assert.equal(late.headers.get('retry-after'), null)

      const fresh = await client.list(thread)
      const etag = fresh.headers.get('etag')!
      assert.equal((await client.list(thread, {}, { headers: { 'if-none-match': etag } })).status, 304)
      client.clock.advance(3600_000)
      const renewed = await client.list(thread, {}, { headers: { 'if-none-match': etag } })
      assert.equal(renewed.status, 200, 'an hour later the cached answer is not confirmed: its token would be running out')
      assert.equal((await client.post({ thread, formToken: renewed.json.thread.formToken })).status, 201)
    })
  })
}
