import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { uniqueThread } from '../helpers/client.js'
import { signedIn } from '../helpers/console.js'
import { clientFor, type Env } from '../helpers/env.js'

const threadQuery = (key: string) => `/threads?${new URLSearchParams({ thread: key })}`

export function adminThreads(env: Env) {
  describe('admin threads and title squatting', () => {
    test("a reader's title never becomes the thread's title: the page keeps its own until the owner sets one, and the owner's wins", async () => {
      const client = clientFor(env)
      const thread = uniqueThread('unpublished')
      // The plant: a script posts first, to a page not yet published, with a title of its choosing.
      await client.posted({ thread, title: 'Buy pills at spam.example' })
      const before = await client.list(thread)
      assert.equal(before.json.thread.title, null, 'readers get no title: the widget shows the page’s own')
      assert.ok(!(await client.call('GET', `/api/v1/threads/html?${new URLSearchParams({ thread })}`)).text.includes('Buy pills'), 'nor in the HTML')

      const set = await client.admin('PATCH', threadQuery(thread), { json: { title: '  My real post  ' } })
      assert.equal(set.status, 200)
      assert.equal(set.json.thread.title, 'My real post')
      assert.equal(set.json.thread.pageTitle, 'Buy pills at spam.example', 'the owner can read what the first post claimed')
      await client.posted({ thread, title: 'Another claim' })
      assert.equal((await client.list(thread)).json.thread.title, 'My real post', 'the owner’s title wins over every later post')
      const cleared = await client.admin('PATCH', threadQuery(thread), { json: { title: null } })
      assert.equal(cleared.json.thread.title, null)
      assert.equal((await client.list(thread)).json.thread.title, null)
      const [admin] = (await client.admin('GET', `/comments?status=approved&thread=${encodeURIComponent(thread)}`)).json.comments
      assert.equal(admin.threadTitle, 'Buy pills at spam.example', 'without an owner title, the admin list shows the one the post gave')
      await client.admin('PATCH', threadQuery(thread), { json: { title: 'Mine' } })
      const [again] = (await client.admin('GET', `/comments?status=approved&thread=${encodeURIComponent(thread)}`)).json.comments
      assert.equal(again.threadTitle, 'Mine')
      assert.ok(
        (await client.call('GET', `/api/v1/feed?${new URLSearchParams({ thread })}`)).text.includes('Comments on Mine'),
        'the feed names the owner’s title',
      )
    })

    test('the threads list: counts per status, open state, last comment, most recent activity first, paged', async () => {
      const page = await signedIn(env, { moderation: 'all' })
      const [a, b] = [uniqueThread('a'), uniqueThread('b')]
      page.client.clock.advance(1000 * 86_400_000)
      // (Far beyond the session's life: the bearer token from here on.)
      const one = await page.client.posted({ thread: a })
      await page.client.posted({ thread: a })
      await page.client.admin('POST', `/comments/${one.comment.id}/approve`)
      page.client.clock.advance(1000)
      await page.client.posted({ thread: b })
      const first = await page.client.admin('GET', '/threads?limit=1')
      assert.equal(first.status, 200)
      assert.equal(first.json.threads.length, 1)
      assert.equal(first.json.threads[0].key, b)
      assert.deepEqual(first.json.threads[0].counts, { approved: 0, pending: 1, spam: 0, deleted: 0 })
      assert.ok(first.json.nextCursor)
      const second = await page.client.admin('GET', `/threads?limit=1&cursor=${first.json.nextCursor}`)
      const thread = second.json.threads[0]
      assert.equal(thread.key, a)
      assert.deepEqual(thread.counts, { approved: 1, pending: 1, spam: 0, deleted: 0 })
      assert.equal(thread.open, true)
      assert.equal(typeof thread.lastCommentAt, 'string')
      assert.deepEqual(Object.keys(thread).sort(), ['counts', 'key', 'lastCommentAt', 'open', 'pageTitle', 'title', 'url'])
    })

    test('PATCH closes and opens a thread (also one without comments yet); bad input is a field map', async () => {
      const page = await signedIn(env)
      const thread = uniqueThread()
      const closed = await page.call('PATCH', threadQuery(thread), { json: { open: false, title: 'Soon' } })
      assert.equal(closed.status, 200)
      assert.equal(closed.json.thread.open, false)
      assert.equal((await page.client.post({ thread })).json.kind, 'closed')
      assert.equal((await page.call('PATCH', threadQuery(thread), { json: { open: true } })).json.thread.open, true)
      for (const [json, field] of [
        [{ open: 'yes' }, 'open'],
        [{ title: 5 }, 'title'],
        [{ title: 'x'.repeat(301) }, 'title'],
      ] as const) {
        const bad = await page.call('PATCH', threadQuery(thread), { json })
        assert.equal(bad.status, 422, JSON.stringify(json).slice(0, 40))
        assert.ok(bad.json.codes[field], field)
      }
      assert.equal((await page.call('PATCH', '/threads', { json: { open: true } })).json.codes.thread, 'required')
      assert.equal((await page.call('GET', '/threads?cursor=nonsense')).json.codes.cursor, 'invalid')
      assert.equal((await page.call('PATCH', threadQuery(thread), { json: { open: false }, headers: { 'x-palaver-admin': '' } })).json.kind, 'csrf')
    })
  })
}
