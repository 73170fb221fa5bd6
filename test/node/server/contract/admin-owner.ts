import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { uniqueThread } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'
import { signedIn } from '../helpers/console.js'

export function adminOwner(env: Env) {
  describe("the owner's voice and bulk actions", () => {
    test("the owner's reply is published at once as role owner under --owner-name, counts, and arrives live", async () => {
      const client = clientFor(env, { moderation: 'all', ownerName: 'Jo Owner' })
      const thread = uniqueThread()
      const { comment } = await client.posted({ thread })
      await client.admin('POST', `/comments/${comment.id}/approve`)
      const stream = await client.sse(thread)
      try {
        const res = await client.admin('POST', `/comments/${comment.id}/reply`, { json: { body: 'Thanks, *reader*!' } })
        assert.equal(res.status, 201)
        assert.equal(res.json.status, 'approved', 'never held, whatever the moderation')
        assert.equal(res.json.parentId, comment.id)
        assert.equal(res.json.holdReason, null)
        assert.deepEqual(res.json.author, { name: 'Jo Owner', email: '', url: null, role: 'owner' })
        assert.equal(res.json.bodyHtml, '<p>Thanks, <em>reader</em>!</p>')
        // The approval just before may arrive first: the reply's own event is the one to read.
        let event = await stream.next()
        if (event?.data.id === comment.id) event = await stream.next()
        assert.equal(event?.data.id, res.json.id)
        assert.deepEqual(event?.data.author.role, 'owner', 'readers get the role live')
        const list = await client.list(thread)
        const reply = list.json.comments.find((c: any) => c.id === res.json.id)
        assert.equal(reply.author.role, 'owner')
        assert.equal(reply.author.name, 'Jo Owner')
        assert.equal(list.json.comments.find((c: any) => c.id === comment.id).author.role, undefined, 'readers have no role')
        assert.equal(list.json.thread.count, 2)
      } finally {
        await stream.close()
      }
    })

    test('replying to a held comment approves it first; spam and removed comments take no reply', async () => {
      const page = await signedIn(env, { moderation: 'all' })
      const thread = uniqueThread()
      const held = await page.client.posted({ thread })
      const reply = await page.call('POST', `/comments/${held.comment.id}/reply`, { json: { body: 'Welcome' } })
      assert.equal(reply.status, 201)
      assert.equal((await page.client.store.comment(held.comment.id))?.status, 'approved')
      assert.equal((await page.client.list(thread)).json.thread.count, 2)
      const spam = await page.client.posted({ thread })
      await page.call('POST', `/comments/${spam.comment.id}/spam`)
      const refused = await page.call('POST', `/comments/${spam.comment.id}/reply`, { json: { body: 'No' } })
      assert.equal(refused.status, 422)
      assert.equal(refused.json.codes.parentId, 'invalid')
      assert.equal((await page.call('POST', '/comments/nosuchid/reply', { json: { body: 'x' } })).status, 404)
      for (const [json, code] of [
        [{ body: '' }, 'required'],
        [{ body: '   ' }, 'required'],
        [{ body: 'x'.repeat(20_001) }, 'too-long'],
        [{}, 'required'],
        [{ body: 5 }, 'invalid'],
      ] as const) {
        const bad = await page.call('POST', `/comments/${held.comment.id}/reply`, { json })
        assert.equal(bad.status, 422, JSON.stringify(json))
        assert.equal(bad.json.codes.body, code)
      }
    })

    test("the owner's edit changes the text and its version, not the status; readers see it", async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const { comment } = await client.posted({ thread, body: 'Typo hre' })
      const res = await client.admin('PATCH', `/comments/${comment.id}`, { json: { body: 'Typo here' } })
      assert.equal(res.status, 200)
      assert.equal(res.json.bodyText, 'Typo here')
      assert.equal(res.json.status, 'approved')
      assert.equal(res.json.version, 1)
      assert.ok(res.json.editedAt)
      assert.equal((await client.list(thread)).json.comments[0].html, '<p>Typo here</p>')
      assert.equal((await client.admin('POST', `/comments/${comment.id}/approve?version=0`)).status, 409)
      assert.equal((await client.admin('PATCH', `/comments/${comment.id}`, { json: { body: '' } })).json.codes.body, 'required')
      assert.equal((await client.admin('PATCH', '/comments/nosuchid', { json: { body: 'x' } })).status, 404)
    })

    test('no public request can set the role: a reader who types the owner name, or sends role fields, is a reader', async () => {
      const client = clientFor(env, { ownerName: 'Jo Owner' })
      const thread = uniqueThread()
      const formToken = await client.formToken(thread)
      const res = await client.call('POST', '/api/v1/comments', {
        json: {
          thread,
          formToken,
          parentId: null,
          role: 'owner',
          author_role: 'owner',
          author: { name: 'Jo Owner', email: 'fake@example.org', url: '', role: 'owner' },
          body: 'I am the owner, honest',
        },
      })
      assert.equal(res.status, 201)
      assert.equal(res.json.comment.author.role, undefined)
      const edit = await client.call('PATCH', `/api/v1/comments/${res.json.comment.id}`, {
        json: { body: 'Still me', role: 'owner', author: { role: 'owner' } },
        headers: { authorization: `Bearer ${res.json.editToken}` },
      })
      assert.equal(edit.status, 200)
      assert.equal(edit.json.comment.author.role, undefined)
      const listed = (await client.list(thread)).json.comments[0]
      assert.equal(listed.author.name, 'Jo Owner')
      assert.equal(listed.author.role, undefined, 'the same name, no role')
      assert.equal((await client.store.comment(res.json.comment.id))?.author_role, null)
    })

    test('bulk actions go one by one: each result says done or why not; bad requests are 422', async () => {
      const page = await signedIn(env, { moderation: 'all' })
      const thread = uniqueThread()
      const ids: string[] = []
      for (let i = 0; i < 3; i++) ids.push((await page.client.posted({ thread })).comment.id)
      const approve = await page.call('POST', '/comments/bulk', { json: { action: 'approve', ids: [...ids, 'nosuchid'] } })
      assert.equal(approve.status, 200)
      assert.deepEqual(
        approve.json.results.map((r: any) => [r.id, r.ok, r.comment?.status]),
        [...ids.map((id) => [id, true, 'approved']), ['nosuchid', false, undefined]],
      )
      assert.equal(approve.json.results[3].problem.status, 404)
      const spam = await page.call('POST', '/comments/bulk', { json: { action: 'spam', ids: [ids[0]] } })
      assert.equal(spam.json.results[0].comment.status, 'spam')
      const removed = await page.call('POST', '/comments/bulk', { json: { action: 'delete', ids: [ids[1], ids[2]] } })
      assert.deepEqual(removed.json.results, [
        { id: ids[1], ok: true },
        { id: ids[2], ok: true },
      ])
      assert.equal((await page.client.list(thread)).json.thread.count, 0)
      for (const [json, field] of [
        [{ action: 'burn', ids }, 'action'],
        [{ action: 'approve', ids: [] }, 'ids'],
        [{ action: 'approve', ids: Array.from({ length: 201 }, (_, i) => `id${i}`) }, 'ids'],
        [{ action: 'approve', ids: ['../x'] }, 'ids'],
        [{ action: 'approve', ids: [5] }, 'ids'],
      ] as const) {
        const bad = await page.call('POST', '/comments/bulk', { json })
        assert.equal(bad.status, 422, JSON.stringify(json).slice(0, 60))
        assert.ok(bad.json.codes[field], JSON.stringify(bad.json.codes))
      }
      assert.equal((await page.call('POST', '/comments/bulk', { json: { action: 'approve', ids }, headers: { 'x-palaver-admin': '' } })).json.kind, 'csrf')
    })
  })
}
