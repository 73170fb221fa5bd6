import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MAX_REPLIES_PER_PAGE, MAX_REPLY_DEPTH } from '../../../../src/server/services/caps.js'
import type { CommentRow } from '../../../../src/server/store.js'
import { uniqueThread } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'
import { chainRows, commentRow, insertRows } from '../helpers/rows.js'

/** `count` replies under `root`, oldest first, straight into the store. */
const repliesOf = (root: CommentRow, count: number): CommentRow[] =>
  Array.from({ length: count }, () => commentRow(root.thread_key, { parent_id: root.id, root_id: root.id, depth: 1 }))

export function shape(env: Env) {
  describe('deep and crowded threads', () => {
    test('a chain 10,000 levels deep is listed, its hidden levels as placeholders above the one shown reply', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      // Written straight into the store, as chains from before the depth cap still are.
      const chain = chainRows(thread, 10_000).map((row, i, all) => (i < all.length - 1 ? { ...row, status: 'spam' as const } : row))
      await insertRows(env().store, chain)
      const first = await client.list(thread)
      assert.equal(first.status, 200, first.text.slice(0, 200))
      assert.equal(first.json.comments.length, 1 + MAX_REPLIES_PER_PAGE)
      assert.ok(first.json.comments.every((c: any) => c.status === 'deleted' && c.html === ''))
      let cursor = first.json.moreReplies[0].cursor
      const rest: any[] = []
      while (cursor) {
        const more = await client.call('GET', `/api/v1/comments/${chain[0]!.id}/replies?cursor=${cursor}`)
        assert.equal(more.status, 200)
        rest.push(...more.json.comments)
        cursor = more.json.nextCursor
      }
      const all = [...first.json.comments, ...rest]
      assert.deepEqual(
        all.map((c) => c.id),
        chain.map((r) => r.id),
      )
      assert.equal(all[all.length - 1].html, chain[chain.length - 1]!.body_html)
    })

    test(`replies nest at most ${MAX_REPLY_DEPTH} levels: a reply to a comment at the deepest level goes beside it`, async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const chain = chainRows(thread, MAX_REPLY_DEPTH)
      await insertRows(env().store, chain)
      const deepest = chain[MAX_REPLY_DEPTH]!
      const aboveIt = chain[MAX_REPLY_DEPTH - 1]!
      const reply = await client.posted({ thread, parentId: deepest.id })
      assert.equal(reply.comment.parentId, aboveIt.id, 'attached to the deepest ancestor that may take replies')
      const beside = await client.posted({ thread, parentId: aboveIt.id })
      assert.equal(beside.comment.parentId, aboveIt.id)
      for (const { comment } of [reply, beside]) assert.equal((await env().store.comment(comment.id))?.depth, MAX_REPLY_DEPTH)
      const shallow = await client.posted({ thread, parentId: chain[1]!.id })
      assert.equal((await env().store.comment(shallow.comment.id))?.depth, 2)
      const listed = new Map((await client.list(thread)).json.comments.map((c: any) => [c.id, c.parentId]))
      assert.equal(listed.get(reply.comment.id), aboveIt.id)
    })

    test(`one answer carries at most ${MAX_REPLIES_PER_PAGE} replies; the rest of a crowded comment's come from /comments/:id/replies`, async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const crowded = commentRow(thread)
      const replies = repliesOf(crowded, MAX_REPLIES_PER_PAGE + 250)
      // A removed reply just inside the first answer, whose own reply comes much later: it
      // is shown as a placeholder there, though what keeps it comes in the rest.
      const removed = replies[MAX_REPLIES_PER_PAGE - 1]!
      replies[MAX_REPLIES_PER_PAGE - 1] = { ...removed, status: 'deleted', body_html: '', author_name: '' }
      replies.push(commentRow(thread, { parent_id: removed.id, root_id: crowded.id, depth: 2 }))
      const later = commentRow(thread)
      await insertRows(env().store, [crowded, ...replies, later, ...repliesOf(later, 3)])

      const first = await client.list(thread, { limit: '10' })
      const ids = first.json.comments.map((c: any) => c.id)
      assert.equal(ids.length, 1 + MAX_REPLIES_PER_PAGE)
      assert.deepEqual(ids, [crowded.id, ...replies.slice(0, MAX_REPLIES_PER_PAGE).map((r) => r.id)])
      assert.equal(first.json.comments[MAX_REPLIES_PER_PAGE].status, 'deleted')
      assert.deepEqual(
        first.json.moreReplies.map((m: any) => m.parentId),
        [crowded.id],
      )
      assert.ok(first.json.nextCursor, 'the next top-level comment did not fit beside them')

      const rest = await client.call('GET', `/api/v1/comments/${crowded.id}/replies?cursor=${first.json.moreReplies[0].cursor}`)
      assert.deepEqual(
        rest.json.comments.map((c: any) => c.id),
        replies.slice(MAX_REPLIES_PER_PAGE).map((r) => r.id),
      )
      assert.equal(rest.json.nextCursor, null)

      const second = await client.list(thread, { limit: '10', cursor: first.json.nextCursor })
      assert.equal(second.json.comments.length, 4)
      assert.equal(second.json.comments[0].id, later.id)
      assert.deepEqual(second.json.moreReplies, [])
      assert.equal(second.json.nextCursor, null)
    })

    test('top-level comments join a page while their replies fit, whole', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const half = Math.ceil(MAX_REPLIES_PER_PAGE * 0.6)
      const [a, b, c] = [commentRow(thread), commentRow(thread), commentRow(thread)]
      await insertRows(env().store, [a, ...repliesOf(a, half), b, ...repliesOf(b, half), c])
      const pages: string[][] = []
      let cursor: string | null = null
      do {
        const res = await client.list(thread, { limit: '50', ...(cursor ? { cursor } : {}) })
        assert.deepEqual(res.json.moreReplies, [])
        pages.push(res.json.comments.filter((x: any) => x.parentId === null).map((x: any) => x.id))
        cursor = res.json.nextCursor
      } while (cursor)
      assert.deepEqual(pages, [[a.id], [b.id, c.id]])
    })

    test('/comments/:id/replies names a top-level comment and takes only its cursors', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const top = await client.posted({ thread })
      const reply = await client.posted({ thread, parentId: top.comment.id })
      const all = await client.call('GET', `/api/v1/comments/${top.comment.id}/replies`)
      assert.deepEqual(
        all.json.comments.map((c: any) => c.id),
        [reply.comment.id],
      )
      for (const id of [reply.comment.id, 'no-such-comment']) assert.equal((await client.call('GET', `/api/v1/comments/${id}/replies`)).status, 404)
      const bad = await client.call('GET', `/api/v1/comments/${top.comment.id}/replies?cursor=nope`)
      assert.equal(bad.status, 400)
      assert.equal(bad.json.codes.cursor, 'invalid')
    })
  })
}
