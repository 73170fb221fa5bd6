import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { CLIENT_V4, uniqueThread } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'

const q = (params: Record<string, string>) => `/comments?${new URLSearchParams(params)}`

export function adminList(env: Env) {
  describe('admin comment list', () => {
    test('an AdminComment carries what the owner judges by: email, website, network, links, why it was held, the body as readers get it and as written', async () => {
      const client = clientFor(env, { moderation: 'all', siteUrl: 'https://blog.example/' })
      const thread = uniqueThread()
      const body = 'See https://one.example and <b>this</b> <script>x</script>'
      const { comment } = await client.posted({ thread, title: 'A title', body, author: { name: 'Ann', email: 'ann@example.org', url: 'https://ann.example' } })
      const res = await client.admin('GET', q({ thread }))
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('cache-control'), 'no-store')
      const [admin] = res.json.comments
      assert.deepEqual(Object.keys(admin).sort(), [
        'author',
        'bodyHtml',
        'bodyText',
        'createdAt',
        'editedAt',
        'holdReason',
        'id',
        'ipPrefix',
        'kind',
        'links',
        'parentId',
        'status',
        'thread',
        'threadTitle',
        'threadUrl',
        'version',
      ])
      assert.equal(admin.id, comment.id)
      assert.deepEqual(admin.author, { name: 'Ann', email: 'ann@example.org', url: 'https://ann.example' }, 'no role: a reader')
      assert.equal(admin.ipPrefix, `${CLIENT_V4.split('.').slice(0, 3).join('.')}.0/24`)
      assert.equal(admin.links, 1)
      assert.equal(admin.holdReason, 'moderation-all')
      assert.equal(admin.bodyText, body)
      assert.equal(admin.bodyHtml, comment.html, 'the HTML readers get')
      assert.ok(!admin.bodyHtml.includes('<script'))
      assert.deepEqual(res.json.counts, { pending: 1, approved: 0, spam: 0, deleted: 0 })
    })

    test('each hold is told apart: links, first comment, a held parent, an edit of a once-held comment', async () => {
      const client = clientFor(env, { moderation: 'first' })
      const thread = uniqueThread()
      const reason = async (id: string) => (await client.admin('GET', q({ thread }))).json.comments.find((c: any) => c.id === id)?.holdReason
      const first = await client.posted({ thread, author: { name: 'New Person', email: 'new@example.org' } })
      assert.equal(await reason(first.comment.id), 'first-comment')
      const links = await client.posted({ thread, body: 'a https://a.example b https://b.example c https://c.example' })
      assert.equal(await reason(links.comment.id), 'links')
      const child = await client.posted(
        { thread, parentId: first.comment.id, author: { name: 'New Person', email: 'new@example.org' } },
        { headers: { 'x-palaver-tokens': first.editToken } },
      )
      assert.equal(await reason(child.comment.id), 'held-parent')
      await client.admin('POST', `/comments/${first.comment.id}/approve`)
      const edited = await client.call('PATCH', `/api/v1/comments/${first.comment.id}`, {
        json: { body: 'Changed after approval' },
        headers: { authorization: `Bearer ${first.editToken}` },
      })
      assert.equal(edited.json.comment.status, 'pending')
      assert.equal(await reason(first.comment.id), 'edited')
    })

    test('q searches name, email and text, case-insensitively, as a substring (no wildcards); counts follow the search', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread, author: { name: 'Zelda Findme', email: 'z@example.org' }, body: 'First text' })
      client.clock.advance(1000)
      await client.posted({ thread, author: { name: 'Other', email: 'searchable.Address@example.org' }, body: 'Second text' })
      client.clock.advance(1000)
      await client.posted({ thread, author: { name: 'Third', email: 't@example.org' }, body: 'Has 100% of the NEEDLE_word' })
      const found = async (term: string) => (await client.admin('GET', q({ thread, status: 'approved', q: term }))).json.comments.map((c: any) => c.author.name)
      assert.deepEqual(await found('findme'), ['Zelda Findme'])
      assert.deepEqual(await found('SEARCHABLE.address'), ['Other'])
      assert.deepEqual(await found('needle_WORD'), ['Third'])
      assert.deepEqual(await found('100%'), ['Third'])
      assert.deepEqual(await found('%'), ['Third'], '% is a character, not a wildcard')
      assert.deepEqual(await found('_'), ['Third'])
      assert.deepEqual(await found('text'), ['Other', 'Zelda Findme'])
      assert.deepEqual(await found('nothing like it'), [])
      const counted = await client.admin('GET', q({ thread, status: 'pending', q: 'text' }))
      assert.deepEqual(counted.json.counts, { pending: 0, approved: 2, spam: 0, deleted: 0 })
    })

    test('the thread filter and counts per status; pages of the limit with cursors, newest first', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const thread = uniqueThread()
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        client.clock.advance(1000)
        ids.push((await client.posted({ thread })).comment.id)
      }
      await client.posted({ thread: uniqueThread() })
      await client.admin('POST', `/comments/${ids[0]}/spam`)
      await client.admin('POST', `/comments/${ids[1]}/approve`)
      await client.admin('DELETE', `/comments/${ids[2]}`)
      const first = await client.admin('GET', q({ thread, limit: '1' }))
      assert.deepEqual(first.json.counts, { pending: 2, approved: 1, spam: 1, deleted: 1 })
      assert.deepEqual(
        first.json.comments.map((c: any) => c.id),
        [ids[4]],
      )
      const second = await client.admin('GET', q({ thread, limit: '1', cursor: first.json.nextCursor }))
      assert.deepEqual(
        second.json.comments.map((c: any) => c.id),
        [ids[3]],
      )
      assert.equal(second.json.nextCursor, null)
      const deleted = await client.admin('GET', q({ thread, status: 'deleted' }))
      assert.equal(deleted.json.comments[0].bodyText, '', 'a removed comment keeps nothing of what was written')
    })

    test('bad parameters are 400 problems with a field map', async () => {
      const client = clientFor(env)
      for (const [params, field] of [
        [{ status: 'nonsense' }, 'status'],
        [{ limit: '0' }, 'limit'],
        [{ limit: '201' }, 'limit'],
        [{ cursor: 'garbage' }, 'cursor'],
        [{ q: 'x'.repeat(201) }, 'q'],
        [{ thread: '' }, 'thread'],
      ] as const) {
        const res = await client.admin('GET', q(params))
        assert.equal(res.status, 400, JSON.stringify(params))
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
        assert.ok(res.json.codes[field], field)
      }
    })
  })
}
