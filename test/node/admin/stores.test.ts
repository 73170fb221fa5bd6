/**
 * The queue's bookkeeping of comments that change under it (actions' answers and the live
 * stream): what joins, what leaves, in which order, and stale news ignored.
 */
import assert from 'node:assert/strict'
import { beforeEach, test } from 'node:test'
import type { AdminComment } from '../../../src/admin/api.js'
import { $queue, $view, applyComment, inView, viewFromHash } from '../../../src/admin/stores.js'

const comment = (id: string, createdAt: string, change: Partial<AdminComment> = {}): AdminComment => ({
  id,
  thread: '/a',
  threadTitle: null,
  threadUrl: null,
  parentId: null,
  status: 'pending',
  version: 0,
  createdAt,
  editedAt: null,
  author: { name: 'Ann', email: 'ann@example.org', url: null },
  ipPrefix: null,
  links: 0,
  holdReason: 'moderation-all',
  bodyHtml: '<p>hello</p>',
  bodyText: 'hello',
  ...change,
})

const ids = () => $queue.get().comments.map((c) => c.id)

beforeEach(() => {
  $view.set({ section: 'queue', status: 'pending', thread: '', q: '' })
  $queue.set({
    load: 'ready',
    comments: [comment('b', '2026-12-02'), comment('d', '2026-12-01')],
    nextCursor: null,
    counts: { pending: 2, approved: 0, spam: 0, deleted: 0 },
  })
})

test('a new comment of the view joins newest first, in its place by time', () => {
  assert.equal(applyComment(comment('a', '2026-12-03')), true)
  assert.equal(applyComment(comment('c', '2026-12-01T12:00:00Z')), true)
  assert.deepEqual(ids(), ['a', 'b', 'c', 'd'])
})

test('a comment that left the view (approved elsewhere) leaves the list; one of another view never joins', () => {
  applyComment(comment('b', '2026-12-02', { status: 'approved' }))
  assert.deepEqual(ids(), ['d'])
  assert.equal(applyComment(comment('x', '2026-12-04', { status: 'spam' })), false)
  assert.deepEqual(ids(), ['d'])
})

test('news older than what the list holds (a lower version, same status) is ignored', () => {
  applyComment(comment('b', '2026-12-02', { version: 2, bodyText: 'new' }))
  applyComment(comment('b', '2026-12-02', { version: 1, bodyText: 'old' }))
  assert.equal($queue.get().comments[0]!.bodyText, 'new')
})

test('a comment older than everything loaded waits for its page while more pages wait', () => {
  $queue.set({ ...$queue.get(), nextCursor: 'more' })
  assert.equal(applyComment(comment('z', '2026-11-01')), false)
  assert.deepEqual(ids(), ['b', 'd'])
})

test('the thread filter and the search decide as the server does: substring of name, email or text, any case', () => {
  const view = { section: 'queue' as const, status: 'pending' as const, thread: '/a', q: 'ANN@' }
  assert.equal(inView(comment('a', '2026-12-03'), view), true)
  assert.equal(inView(comment('a', '2026-12-03', { thread: '/b' }), view), false)
  assert.equal(inView(comment('a', '2026-12-03'), { ...view, q: 'hell' }), true)
  assert.equal(inView(comment('a', '2026-12-03'), { ...view, q: 'nobody' }), false)
})

test('the view is read back from the address fragment; nonsense falls back to the queue of pending comments', () => {
  assert.deepEqual(viewFromHash('#section=threads&status=spam&thread=%2Fa&q=x'), { section: 'threads', status: 'spam', thread: '/a', q: 'x' })
  assert.deepEqual(viewFromHash('#section=evil&status=nope'), { section: 'queue', status: 'pending', thread: '', q: '' })
  assert.deepEqual(viewFromHash(''), { section: 'queue', status: 'pending', thread: '', q: '' })
})
