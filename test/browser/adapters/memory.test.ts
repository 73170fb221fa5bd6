/**
 * The memory adapter: the backend of the offline demo and the smallest example of the
 * adapter contract. It pages, nests, holds and validates like the reference server.
 */
import { expect } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { rejection } from '../helpers/errors.js'
import type { Comment } from '../../../src/model.js'
import { comment, draft } from '../helpers/comments.js'

/** a, b (with replies b1 and b1a), c, d: four top-level comments in creation order. */
const seeded = () =>
  new MemoryAdapter({
    threads: {
      '/t': {
        title: 'T',
        comments: [comment('a'), comment('b'), comment('b1', { parentId: 'b' }), comment('c'), comment('b1a', { parentId: 'b1' }), comment('d')],
      },
    },
  })

const ids = (comments: Comment[]) => comments.map((c) => c.id)

describe('MemoryAdapter', () => {
  describe('paging', () => {
    it("pages over top-level comments and brings each page's replies along", async () => {
      const adapter = seeded()
      const first = await adapter.list('/t', { limit: 2, sort: 'oldest' })
      expect(ids(first.comments)).to.deep.equal(['a', 'b', 'b1', 'b1a'])
      expect(first.nextCursor).to.not.equal(null)
      const second = await adapter.list('/t', { limit: 2, sort: 'oldest', cursor: first.nextCursor! })
      expect(ids(second.comments)).to.deep.equal(['c', 'd'])
      expect(second.nextCursor).to.equal(null)
    })

    it('pages newest first with sort "newest"', async () => {
      const adapter = seeded()
      const first = await adapter.list('/t', { limit: 3, sort: 'newest' })
      expect(ids(first.comments)).to.deep.equal(['d', 'c', 'b', 'b1', 'b1a'])
      const second = await adapter.list('/t', { limit: 3, sort: 'newest', cursor: first.nextCursor! })
      expect(ids(second.comments)).to.deep.equal(['a'])
    })

    it('counts every approved comment, replies included, on every page', async () => {
      const adapter = seeded()
      const page = await adapter.list('/t', { limit: 1, sort: 'oldest' })
      expect(page.thread.count).to.equal(6)
      expect(await adapter.count(['/t', '/nothing'])).to.deep.equal({ '/t': 6, '/nothing': 0 })
    })

    it('answers an unknown thread with an empty, open thread', async () => {
      const page = await new MemoryAdapter().list('/new', { limit: 10, sort: 'oldest' })
      expect(page).to.deep.equal({
        thread: { key: '/new', title: null, count: 0, open: true, requires: ['name', 'email'] },
        comments: [],
        nextCursor: null,
      })
    })
  })

  describe('pending comments', () => {
    it('shows a pending comment only to the reader holding its edit token, marked mine', async () => {
      const adapter = new MemoryAdapter({ moderate: true })
      const posted = await adapter.post('/t', draft({ body: 'Wait for me' }), { idempotencyKey: 'p1' })
      expect(posted.comment.status).to.equal('pending')

      const stranger = await adapter.list('/t', { limit: 10, sort: 'oldest' })
      const wrongToken = await adapter.list('/t', { limit: 10, sort: 'oldest', mine: ['not-it'] })
      const author = await adapter.list('/t', { limit: 10, sort: 'oldest', mine: [posted.editToken!] })
      expect(ids(stranger.comments)).to.deep.equal([])
      expect(ids(wrongToken.comments)).to.deep.equal([])
      expect(author.comments.map((c) => [c.id, c.status, c.mine])).to.deep.equal([['p1', 'pending', true]])
    })

    it('never counts a pending comment, not even for its author', async () => {
      const adapter = new MemoryAdapter({ moderate: true })
      const posted = await adapter.post('/t', draft(), { idempotencyKey: 'p1' })
      const page = await adapter.list('/t', { limit: 10, sort: 'oldest', mine: [posted.editToken!] })
      expect(page.thread.count).to.equal(0)
    })
  })

  describe('posting', () => {
    it('returns the same comment and token when the same idempotency key is posted twice', async () => {
      const adapter = new MemoryAdapter()
      const first = await adapter.post('/t', draft({ body: 'Once' }), { idempotencyKey: 'k1' })
      const again = await adapter.post('/t', draft({ body: 'Once' }), { idempotencyKey: 'k1' })
      expect(again.comment.id).to.equal(first.comment.id)
      expect(again.editToken).to.equal(first.editToken)
      const page = await adapter.list('/t', { limit: 10, sort: 'oldest' })
      expect(ids(page.comments)).to.deep.equal(['k1'])
    })

    it('turns the typed text into paragraphs and keeps no email address', async () => {
      const posted = await new MemoryAdapter().post('/t', draft({ body: 'One\n\nTwo <b>' }), { idempotencyKey: 'k1' })
      expect(posted.comment.html).to.equal('<p>One</p>\n<p>Two &lt;b&gt;</p>')
      expect(JSON.stringify(posted).includes('ann@example.org')).to.equal(false)
    })

    it('rejects missing and malformed fields with a field map', async () => {
      const error = await rejection(
        new MemoryAdapter().post('/t', { parentId: null, author: { name: '', email: 'nope', url: 'ftp://x' }, body: ' ' }, { idempotencyKey: 'k' }),
      )
      expect(error.kind).to.equal('validation')
      expect(Object.fromEntries(Object.entries(error.fields).map(([f, p]) => [f, p.code]))).to.deep.equal({
        name: 'required',
        email: 'invalid',
        url: 'invalid',
        body: 'required',
      })
    })

    it('rejects a reply to a comment that does not exist', async () => {
      const error = await rejection(seeded().post('/t', draft({ body: 'Hi', parentId: 'missing' }), { idempotencyKey: 'k' }))
      expect(error.kind).to.equal('validation')
    })

    it('rejects posts to a closed thread with kind closed', async () => {
      const adapter = new MemoryAdapter({ threads: { '/t': { open: false, comments: [] } } })
      const error = await rejection(adapter.post('/t', draft(), { idempotencyKey: 'k' }))
      expect(error.kind).to.equal('closed')
    })

    it('tells subscribers about approved comments', async () => {
      const adapter = new MemoryAdapter()
      const seen: string[] = []
      const stop = adapter.subscribe('/t', (c) => seen.push(c.id))
      await adapter.post('/t', draft(), { idempotencyKey: 'k1' })
      stop()
      await adapter.post('/t', draft(), { idempotencyKey: 'k2' })
      expect(seen).to.deep.equal(['k1'])
    })
  })

  describe('editing and removing', () => {
    it("edits with the comment's token and refuses another token", async () => {
      const adapter = new MemoryAdapter()
      const { editToken } = await adapter.post('/t', draft({ body: 'Before' }), { idempotencyKey: 'k1' })
      const edited = await adapter.edit('k1', 'After', editToken!)
      expect([edited.html, edited.editedAt !== null]).to.deep.equal(['<p>After</p>', true])
      const error = await rejection(adapter.edit('k1', 'Hijacked', 'wrong'))
      expect(error.kind).to.equal('forbidden')
    })

    it('leaves a deleted placeholder for a comment with replies and drops one without', async () => {
      const adapter = new MemoryAdapter()
      const parent = await adapter.post('/t', draft({ body: 'Parent' }), { idempotencyKey: 'p' })
      const lonely = await adapter.post('/t', draft({ body: 'Lonely' }), { idempotencyKey: 'l' })
      await adapter.post('/t', draft({ body: 'Reply', parentId: 'p' }), { idempotencyKey: 'r' })
      await adapter.remove('p', parent.editToken!)
      await adapter.remove('l', lonely.editToken!)
      const page = await adapter.list('/t', { limit: 10, sort: 'oldest' })
      expect(page.comments.map((c) => [c.id, c.status, c.author.name, c.html])).to.deep.equal([
        ['p', 'deleted', '', ''],
        ['r', 'approved', 'Ann', '<p>Reply</p>'],
      ])
    })

    it('answers not-found for an unknown comment', async () => {
      const error = await rejection(new MemoryAdapter().remove('nope', 'x'))
      expect(error.kind).to.equal('not-found')
    })
  })

  it('keeps its threads in localStorage under storageKey across instances', async () => {
    const storageKey = 'palaver:test-memory'
    localStorage.removeItem(storageKey)
    try {
      await new MemoryAdapter({ storageKey }).post('/t', draft({ body: 'Persisted' }), { idempotencyKey: 'k1' })
      const page = await new MemoryAdapter({ storageKey }).list('/t', { limit: 10, sort: 'oldest' })
      expect(ids(page.comments)).to.deep.equal(['k1'])
    } finally {
      localStorage.removeItem(storageKey)
    }
  })
})
