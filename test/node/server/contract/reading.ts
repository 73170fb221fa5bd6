import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Store } from '../../../../src/server/store.js'
import { clientFor, type Env } from '../helpers/env.js'
import { TestClient, uniqueThread } from '../helpers/client.js'

export function reading(env: Env) {
  describe('reading a thread', () => {
    test('an unknown thread is an empty, open thread with a form token', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const res = await client.list(thread)
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/)
      const { formToken, ...info } = res.json.thread
      assert.deepEqual(info, {
        key: thread,
        title: null,
        count: 0,
        open: true,
        requires: ['name', 'email'],
        limits: { name: 100, email: 254, url: 2000, body: 20_000 },
        feed: `/api/v1/feed?${new URLSearchParams({ thread })}`,
      })
      assert.match(formToken, /^[0-9a-z]+\.[\w-]+$/)
      const feed = await client.call('GET', info.feed)
      assert.equal(feed.status, 200, 'the feed it names is there')
      assert.match(feed.headers.get('content-type') ?? '', /^application\/atom\+xml/)
      assert.deepEqual(res.json.comments, [])
      assert.equal(res.json.nextCursor, null)
    })

    test('counts follow every change, asked again and again (they are remembered per thread version)', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const other = uniqueThread()
      const counted = async () => {
        const counts = (await client.call('GET', `/api/v1/counts?thread=${encodeURIComponent(thread)}&thread=${encodeURIComponent(other)}`)).json.counts
        const listed = (await client.list(thread)).json.thread.count
        assert.equal(listed, counts[thread], 'the list and the counts agree')
        return [counts[thread], counts[other]]
      }
      assert.deepEqual(await counted(), [0, 0])
      const first = await client.posted({ thread })
      assert.deepEqual(await counted(), [1, 0])
      assert.deepEqual(await counted(), [1, 0], 'asked again, the same')
      await client.posted({ thread: other })
      const second = await client.posted({ thread })
      assert.deepEqual(await counted(), [2, 1])
      assert.equal((await client.admin('POST', `/comments/${second.comment.id}/spam`)).status, 200)
      assert.deepEqual(await counted(), [1, 1], 'a verdict moves the count')
      const removed = await client.call('DELETE', `/api/v1/comments/${first.comment.id}`, { headers: { authorization: `Bearer ${first.editToken}` } })
      assert.equal(removed.status, 204)
      assert.deepEqual(await counted(), [0, 1], "its author's removal too")
    })

    test('NFC and NFD spellings and a trailing slash name the same thread', async () => {
      const client = clientFor(env)
      const base = `${uniqueThread()}/caf\u00e9`
      const nfd = `${base.normalize('NFD')}/`
      const posted = await client.posted({ thread: nfd })
      for (const key of [base, `${base}/`, nfd, base.normalize('NFD')]) {
        const res = await client.list(key)
        assert.equal(res.json.thread.key, base, JSON.stringify(key))
        assert.deepEqual(
          res.json.comments.map((c: any) => c.id),
          [posted.comment.id],
          JSON.stringify(key),
        )
      }
      const counts = await client.call(
        'GET',
        `/api/v1/counts?${new URLSearchParams([
          ['thread', base],
          ['thread', nfd],
        ])}`,
      )
      assert.deepEqual(counts.json.counts, { [base]: 1, [nfd]: 1 }, 'answered under the keys as asked')
      assert.equal((await client.posted({ thread: `${base}/` })).comment.status, 'approved', 'a post under another spelling joins it')
      assert.equal((await client.list(base)).json.thread.count, 2)
    })

    test('pages walk the top-level comments once each, every page carrying their replies', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const tops: string[] = []
      const replies = new Map<string, string[]>()
      for (let i = 0; i < 5; i++) {
        client.clock.advance(1000)
        const top = (await client.posted({ thread })).comment.id
        tops.push(top)
        replies.set(top, [])
      }
      // Replies come later in time than every top-level comment, and a reply to a reply.
      for (const top of [tops[0]!, tops[3]!]) {
        client.clock.advance(1000)
        const reply = (await client.posted({ thread, parentId: top })).comment.id
        client.clock.advance(1000)
        const deeper = (await client.posted({ thread, parentId: reply })).comment.id
        replies.get(top)!.push(reply, deeper)
      }

      const seenTops: string[] = []
      let cursor: string | null = null
      let pages = 0
      do {
        const res = await client.list(thread, { limit: '2', ...(cursor ? { cursor } : {}) })
        assert.equal(res.status, 200)
        assert.equal(res.json.thread.count, 9)
        const ids = res.json.comments.map((c: any) => c.id)
        const pageTops = res.json.comments.filter((c: any) => c.parentId === null).map((c: any) => c.id)
        assert.ok(pageTops.length <= 2)
        for (const top of pageTops) for (const reply of replies.get(top)!) assert.ok(ids.includes(reply), 'replies travel with their top-level comment')
        seenTops.push(...pageTops)
        cursor = res.json.nextCursor
        pages++
      } while (cursor)
      assert.deepEqual(seenTops, tops)
      assert.equal(pages, 3)
    })

    test('sort=newest turns the top-level order around', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const ids: string[] = []
      for (let i = 0; i < 3; i++) {
        client.clock.advance(1000)
        ids.push((await client.posted({ thread })).comment.id)
      }
      const newest = await client.list(thread, { sort: 'newest', limit: '2' })
      assert.deepEqual(
        newest.json.comments.map((c: any) => c.id),
        [ids[2], ids[1]],
      )
      const rest = await client.list(thread, { sort: 'newest', limit: '2', cursor: newest.json.nextCursor })
      assert.deepEqual(
        rest.json.comments.map((c: any) => c.id),
        [ids[0]],
      )
      assert.equal(rest.json.nextCursor, null)
    })

    test('comments posted in the same millisecond are ordered by id and paged without loss', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const ids: string[] = []
      for (let i = 0; i < 4; i++) ids.push((await client.posted({ thread })).comment.id)
      const first = await client.list(thread, { limit: '2' })
      const second = await client.list(thread, { limit: '2', cursor: first.json.nextCursor })
      const seen = [...first.json.comments, ...second.json.comments].map((c: any) => c.id)
      assert.deepEqual(seen, [...ids].sort())
    })

    test('bad query parameters are 400 problems naming the parameter', async () => {
      const client = clientFor(env)
      const cases: [Record<string, string>, string, string][] = [
        [{}, 'thread', 'required'],
        [{ thread: '/x', limit: '0' }, 'limit', 'invalid'],
        [{ thread: '/x', limit: '201' }, 'limit', 'invalid'],
        [{ thread: '/x', limit: 'ten' }, 'limit', 'invalid'],
        [{ thread: '/x', sort: 'random' }, 'sort', 'invalid'],
        [{ thread: '/x', cursor: 'not-a-cursor' }, 'cursor', 'invalid'],
        [{ thread: 'x'.repeat(501) }, 'thread', 'too-long'],
      ]
      for (const [query, field, code] of cases) {
        const res = await client.call('GET', `/api/v1/comments?${new URLSearchParams(query)}`)
        assert.equal(res.status, 400, JSON.stringify(query))
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
        assert.equal(res.json.kind, 'validation')
        assert.equal(res.json.codes[field], code)
        assert.equal(typeof res.json.errors[field], 'string')
      }
    })

    test('a list carries an ETag, no-cache, and answers 304 while nothing changed', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread })
      const first = await client.list(thread)
      const etag = first.headers.get('etag')
      assert.ok(etag)
      assert.equal(first.headers.get('cache-control'), 'no-cache')
      client.clock.advance(5000) // a newer form token must not change the tag
      const again = await client.list(thread, {}, { headers: { 'if-none-match': etag } })
      assert.equal(again.status, 304)
      assert.equal(again.text, '')
      await client.posted({ thread })
      const changed = await client.list(thread, {}, { headers: { 'if-none-match': etag } })
      assert.equal(changed.status, 200)
      assert.notEqual(changed.headers.get('etag'), etag)
    })

    test("a held comment leaves the public ETag alone (it would tell of queue activity); its author's tag follows it", async () => {
      const client = clientFor(env)
      const held = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      await client.posted({ thread })
      const before = (await client.list(thread)).headers.get('etag')!
      const pending = await held.posted({ thread })
      await held.call('PATCH', `/api/v1/comments/${pending.comment.id}`, {
        json: { body: 'Edited while held.' },
        headers: { authorization: `Bearer ${pending.editToken}` },
      })
      assert.equal((await client.list(thread, {}, { headers: { 'if-none-match': before } })).status, 304, 'the public list did not change')
      for (const tokens of ['a-guessed-token', 'x,y']) {
        const guessed = await client.list(thread, {}, { headers: { 'x-palaver-tokens': tokens } })
        const etag = guessed.headers.get('etag')!
        await held.posted({ thread })
        assert.equal(
          (await client.list(thread, {}, { headers: { 'x-palaver-tokens': tokens, 'if-none-match': etag } })).status,
          304,
          'nor does it for made-up tokens',
        )
      }
      const mine = { 'x-palaver-tokens': pending.editToken }
      const own = await held.list(thread, {}, { headers: mine })
      assert.equal(own.json.comments.find((c: any) => c.id === pending.comment.id).html, '<p>Edited while held.</p>')
      const ownTag = own.headers.get('etag')!
      await held.call('PATCH', `/api/v1/comments/${pending.comment.id}`, {
        json: { body: 'Edited again.' },
        headers: { authorization: `Bearer ${pending.editToken}` },
      })
      const again = await held.list(thread, {}, { headers: { ...mine, 'if-none-match': ownTag } })
      assert.equal(again.status, 200, 'the author sees their own edit')
      await held.admin('POST', `/comments/${pending.comment.id}/approve`)
      assert.equal((await client.list(thread, {}, { headers: { 'if-none-match': before } })).status, 200, 'an approval changes the public list')
    })

    test('every change of a thread or its comments that readers see ends its 304s: edit, removal, approval, spam, closing', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const first = await client.posted({ thread })
      const second = await client.posted({ thread })
      const auth = (token: string) => ({ authorization: `Bearer ${token}` })
      const changes: Array<[string, () => Promise<unknown>]> = [
        ['an edit', () => client.call('PATCH', `/api/v1/comments/${first.comment.id}`, { json: { body: 'Edited.' }, headers: auth(first.editToken) })],
        ['a removal by its author', () => client.call('DELETE', `/api/v1/comments/${second.comment.id}`, { headers: auth(second.editToken) })],
        ['a spam verdict', () => client.admin('POST', `/comments/${first.comment.id}/spam`)],
        ['an approval', () => client.admin('POST', `/comments/${first.comment.id}/approve`)],
        ['closing the thread', () => client.admin('POST', `/threads/close?thread=${encodeURIComponent(thread)}`)],
      ]
      for (const [change, make] of changes) {
        const before = (await client.list(thread)).headers.get('etag')!
        assert.equal((await client.list(thread, {}, { headers: { 'if-none-match': before } })).status, 304, `unchanged before ${change}`)
        await make()
        const after = await client.list(thread, {}, { headers: { 'if-none-match': before } })
        assert.equal(after.status, 200, `no 304 after ${change}`)
        assert.notEqual(after.headers.get('etag'), before)
      }
    })

    test('a page answered again comes from the cache and is what a fresh process answers, after every change readers see', async () => {
      const client = clientFor(env)
      const held = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const first = await client.posted({ thread })
      const second = await client.posted({ thread })
      await client.posted({ thread, parentId: first.comment.id })
      const pending = await held.posted({ thread })
      const auth = (token: string) => ({ authorization: `Bearer ${token}` })
      const same = async (after: string) => {
        for (const query of [{}, { limit: '1' }, { sort: 'newest' }] as Array<Record<string, string>>) {
          const cached = await client.list(thread, query)
          // A new app has an empty cache: what the page holds now, computed fresh.
          const fresh = await clientFor(env).list(thread, query)
          assert.equal(cached.status, 200)
          const { formToken: _a, ...cachedThread } = cached.json.thread
          const { formToken: _b, ...freshThread } = fresh.json.thread
          assert.deepEqual({ ...cached.json, thread: cachedThread }, { ...fresh.json, thread: freshThread }, `${after}, ${JSON.stringify(query)}`)
        }
      }
      await same('at first')
      await same('asked again')
      const changes: Array<[string, () => Promise<unknown>]> = [
        ['a post', () => client.posted({ thread })],
        ['a reply', () => client.posted({ thread, parentId: second.comment.id })],
        ['an edit', () => client.call('PATCH', `/api/v1/comments/${first.comment.id}`, { json: { body: 'Edited.' }, headers: auth(first.editToken) })],
        ['an approval', () => client.admin('POST', `/comments/${pending.comment.id}/approve`)],
        ['a spam verdict', () => client.admin('POST', `/comments/${first.comment.id}/spam`)],
        ['a removal by its author', () => client.call('DELETE', `/api/v1/comments/${second.comment.id}`, { headers: auth(second.editToken) })],
        ['a post through another process', () => clientFor(env).posted({ thread })],
        ['closing the thread', () => client.admin('POST', `/threads/close?thread=${encodeURIComponent(thread)}`)],
      ]
      const shown = async () => {
        const { formToken: _token, ...info } = (await client.list(thread)).json.thread
        return JSON.stringify({ ...(await client.list(thread)).json, thread: info })
      }
      for (const [change, make] of changes) {
        const before = await shown()
        await make()
        assert.notEqual(await shown(), before, `${change} shows at once`)
        await same(`after ${change}`)
      }
    })

    test('the tag tells pages, orders and readers apart', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      for (let i = 0; i < 3; i++) {
        client.clock.advance(1000)
        await client.posted({ thread })
      }
      const tags = await Promise.all([
        client.list(thread, { limit: '1' }),
        client.list(thread, { limit: '2' }),
        client.list(thread, { limit: '1', sort: 'newest' }),
        client.list(thread, { limit: '1' }, { headers: { 'x-palaver-tokens': 'someone' } }),
      ]).then((answers) => answers.map((a) => a.headers.get('etag')))
      assert.equal(new Set(tags).size, tags.length)
      const first = await client.list(thread, { limit: '1' })
      const next = await client.list(thread, { limit: '1', cursor: first.json.nextCursor })
      assert.notEqual(next.headers.get('etag'), first.headers.get('etag'))
    })

    test('what another process writes to the database is seen by the next read: the thread, its count, a closed thread', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread })
      const counts = async () => (await client.call('GET', `/api/v1/counts?${new URLSearchParams({ thread })}`)).json.counts[thread]
      // Read twice here first: on SQLite the second answer is the reused read.
      for (let i = 0; i < 2; i++) {
        assert.equal((await client.list(thread)).json.thread.count, 1)
        assert.equal(await counts(), 1)
      }
      const other = new TestClient(await Store.open(env().location), {})
      try {
        await other.posted({ thread })
        assert.equal((await client.list(thread)).json.thread.count, 2)
        assert.equal(await counts(), 2)
        await other.store.setThreadOpen(thread, false, new Date().toISOString())
        assert.equal((await client.list(thread)).json.thread.open, false)
        assert.equal((await client.post({ thread })).json.kind, 'closed', 'a post here hears it too')
      } finally {
        await other.store.close()
      }
    })
  })
}
