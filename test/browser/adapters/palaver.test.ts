/**
 * The palaver adapter against a stubbed fetch: the requests it makes and how it reads the
 * answers, without a server. The same adapter against the real server runs in the server's
 * end-to-end tests.
 */
import { expect } from '@open-wc/testing'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import { PalaverError } from '../../../src/core/errors.js'
import { stubFetch } from '../helpers/backends.js'
import { rejection } from '../helpers/errors.js'
import { json, problem } from '../helpers/responses.js'
import type { Page } from '../../../src/model.js'
import { comment, draft } from '../helpers/comments.js'

const c1 = comment('c1')

const page = (formToken?: string): Page => ({
  thread: { key: '/post', title: 'Post', count: 1, open: true, requires: ['name', 'email'], ...(formToken ? { formToken } : {}) },
  comments: [c1],
  nextCursor: null,
})

describe('PalaverAdapter (stubbed fetch)', () => {
  describe('list', () => {
    it('asks for the thread, limit and sort under /api/v1/comments of the server (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json(page()))
      await new PalaverAdapter('https://comments.example.org/', { fetch }).list('/post?x=1&y', { limit: 20, sort: 'newest' })
      const url = calls[0]!.url
      expect(url.origin + url.pathname).to.equal('https://comments.example.org/api/v1/comments')
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ thread: '/post?x=1&y', limit: '20', sort: 'newest' })
      expect(calls[0]!.method).to.equal('GET')
    })

    it('makes the server’s feed path absolute on the server, and drops a feed anywhere else (stubbed fetch)', async () => {
      const adapter = (feed: unknown) =>
        new PalaverAdapter('https://example.org/comments', { fetch: stubFetch(json({ ...page(), thread: { ...page().thread, feed } })).fetch })
      const own = await (await adapter('/api/v1/feed?thread=%2Fpost')).list('/post', { limit: 5, sort: 'oldest' })
      expect(own.thread.feed).to.equal('https://example.org/comments/api/v1/feed?thread=%2Fpost')
      for (const foreign of ['https://evil.example/feed', 'javascript:alert(1)', '//evil.example/api/v1/feed?', 42]) {
        const listed = await (await adapter(foreign)).list('/post', { limit: 5, sort: 'oldest' })
        expect(listed.thread.feed, String(foreign)).to.equal(undefined)
      }
    })

    it('keeps a server path and sends the cursor of the next page (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json(page()))
      await new PalaverAdapter('https://example.org/comments', { fetch }).list('/post', { limit: 5, sort: 'oldest', cursor: 'abc=' })
      expect(calls[0]!.url.pathname).to.equal('/comments/api/v1/comments')
      expect(calls[0]!.url.searchParams.get('cursor')).to.equal('abc=')
    })

    it('resolves a relative server against the page (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json(page()))
      await new PalaverAdapter('/', { fetch }).list('/post', { limit: 5, sort: 'oldest' })
      expect(calls[0]!.url.origin).to.equal(location.origin)
      expect(calls[0]!.url.pathname).to.equal('/api/v1/comments')
    })

    it('sends X-Palaver-Tokens only when the reader holds edit tokens (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json(page()))
      const adapter = new PalaverAdapter('https://example.org', { fetch })
      await adapter.list('/post', { limit: 5, sort: 'oldest' })
      await adapter.list('/post', { limit: 5, sort: 'oldest', mine: [] })
      await adapter.list('/post', { limit: 5, sort: 'oldest', mine: ['t1', 't2'] })
      expect(calls.map((c) => c.headers.get('X-Palaver-Tokens'))).to.deep.equal([null, null, 't1,t2'])
    })

    it('sends no cookies (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json(page()))
      await new PalaverAdapter('https://example.org', { fetch }).list('/post', { limit: 5, sort: 'oldest' })
      expect(calls[0]!.credentials).to.equal('omit')
    })

    it('returns the page as the server sent it (stubbed fetch)', async () => {
      const { fetch } = stubFetch(json(page('ft')))
      const result = await new PalaverAdapter('https://example.org', { fetch }).list('/post', { limit: 5, sort: 'oldest' })
      expect(result).to.deep.equal(page('ft'))
    })
  })

  describe('post', () => {
    it('fetches a fresh form token when the server refuses the old one without Retry-After (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(
        json(page('stale')),
        problem(422, { kind: 'too-soon', detail: 'The form token has expired.' }),
        json(page('fresh')),
        json({ comment: c1, editToken: 'e' }, 201),
      )
      const adapter = new PalaverAdapter('https://example.org', { fetch })
      await adapter.list('/post', { limit: 5, sort: 'oldest' })
      const error = await rejection(adapter.post('/post', draft(), { idempotencyKey: 'k' }))
      expect(error.kind).to.equal('too-soon')
      expect(error.retryable).to.equal(true)
      await adapter.post('/post', draft(), { idempotencyKey: 'k' })
      expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).to.deep.equal([
        'GET /api/v1/comments',
        'POST /api/v1/comments',
        'GET /api/v1/comments',
        'POST /api/v1/comments',
      ])
      expect(JSON.parse(calls[3]!.body!).formToken).to.equal('fresh')
    })

    it('reads Retry-After into the error and keeps the form token then (stubbed fetch)', async () => {
      const tooSoon = new Response(JSON.stringify({ type: 'x', title: 'Too soon', status: 422, kind: 'too-soon' }), {
        status: 422,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '2' },
      })
      const { fetch, calls } = stubFetch(json(page('t')), tooSoon)
      const adapter = new PalaverAdapter('https://example.org', { fetch })
      await adapter.list('/post', { limit: 5, sort: 'oldest' })
      const error = await rejection(adapter.post('/post', draft(), { idempotencyKey: 'k' }))
      expect(error.retryAfter).to.equal(2)
      expect(calls.length).to.equal(2)
    })

    it('posts JSON with the Idempotency-Key header (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json({ comment: c1, editToken: 'e1' }, 201))
      const adapter = new PalaverAdapter('https://example.org', { fetch, title: () => 'The post' })
      const posted = await adapter.post('/post', draft({ trap: '' }), { idempotencyKey: 'key-1' })
      const call = calls[0]!
      expect(call.method).to.equal('POST')
      expect(call.url.pathname).to.equal('/api/v1/comments')
      expect(call.headers.get('Content-Type')).to.equal('application/json')
      expect(call.headers.get('Idempotency-Key')).to.equal('key-1')
      expect(JSON.parse(call.body!)).to.deep.equal({
        thread: '/post',
        title: 'The post',
        parentId: null,
        author: { name: 'Ann', email: 'ann@example.org', url: '' },
        body: 'Hello',
        formToken: '',
        trap: '',
        page: location.href.split('#')[0],
      })
      expect(posted.editToken).to.equal('e1')
    })

    it('sends "notify me of replies" and the widget’s language when the draft has them (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json({ comment }, 201))
      await new PalaverAdapter('https://example.org', { fetch }).post('/post', draft({ notify: true, lang: 'de' }), { idempotencyKey: 'k' })
      const sent = JSON.parse(calls[0]!.body!)
      expect(sent.notify).to.equal(true)
      expect(sent.lang).to.equal('de')
    })

    it('sends back the form token of the last list of that thread (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(
        json(page('first')),
        json(page('second')),
        json({ ...page('other'), thread: { ...page('other').thread, key: '/other' } }),
        json({ comment: c1 }, 201),
      )
      const adapter = new PalaverAdapter('https://example.org', { fetch })
      await adapter.list('/post', { limit: 5, sort: 'oldest' })
      await adapter.list('/post', { limit: 5, sort: 'oldest' })
      await adapter.list('/other', { limit: 5, sort: 'oldest' })
      await adapter.post('/post', draft(), { idempotencyKey: 'k' })
      expect(JSON.parse(calls[3]!.body!).formToken).to.equal('second')
    })
  })

  describe('crowded comments', () => {
    it('follows moreReplies, and stops after 100 pages when a server never ends (stubbed fetch)', async () => {
      const root = comment('root')
      const { fetch, calls } = stubFetch(
        json({
          thread: { key: '/post', title: null, count: 3, open: true, requires: [] },
          comments: [root],
          nextCursor: null,
          moreReplies: [{ parentId: 'root', cursor: 'c0' }],
        }),
        json({ comments: [comment('r1', { parentId: 'root' })], nextCursor: 'c1' }),
        json({ comments: [], nextCursor: 'again' }),
      )
      const page = await new PalaverAdapter('https://example.org', { fetch }).list('/post', { limit: 5, sort: 'oldest', mine: ['tok'] })
      expect(page.comments.map((c) => c.id)).to.deep.equal(['root', 'r1'])
      expect(calls.slice(0, 3).map((c) => `${c.url.pathname}${c.url.search}`)).to.deep.equal([
        '/api/v1/comments?thread=%2Fpost&limit=5&sort=oldest',
        '/api/v1/comments/root/replies?cursor=c0',
        '/api/v1/comments/root/replies?cursor=c1',
      ])
      expect(calls.length).to.equal(1 + 100)
      expect(calls[1]!.headers.get('X-Palaver-Tokens')).to.equal('tok')
    })
  })

  describe('errors', () => {
    it('maps a 422 problem with errors and codes to validation with a field map (stubbed fetch)', async () => {
      const { fetch } = stubFetch(
        problem(422, {
          detail: 'Some fields are not valid.',
          errors: { email: 'E-Mail is required.', body: 'Too long.', unknown: 'ignored' },
          codes: { email: 'required', body: 'too-long' },
        }),
      )
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect(error.kind).to.equal('validation')
      expect(error.status).to.equal(422)
      expect(error.message).to.equal('Some fields are not valid.')
      expect(error.fields).to.deep.equal({
        email: { code: 'required', message: 'E-Mail is required.' },
        body: { code: 'too-long', message: 'Too long.' },
      })
      expect(error.retryable).to.equal(false)
    })

    it('maps the server\'s 403 "edit window over" to edit-expired, and a wrong token stays forbidden (stubbed fetch)', async () => {
      const late = stubFetch(problem(403, { kind: 'forbidden', detail: 'The time for editing this comment is over.' }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch: late.fetch }).edit('c1', 'new', 'tok'))
      expect(error.kind).to.equal('edit-expired')
      const wrong = stubFetch(problem(403, { kind: 'forbidden', detail: 'This edit token is not valid.' }))
      expect((await rejection(new PalaverAdapter('https://example.org', { fetch: wrong.fetch }).edit('c1', 'new', 'tok'))).kind).to.equal('forbidden')
    })

    it('gives a field without a code the code "other" and keeps the server\'s words (stubbed fetch)', async () => {
      const { fetch } = stubFetch(problem(422, { errors: { name: 'Bitte einen Namen.' } }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect(error.fields).to.deep.equal({ name: { code: 'other', message: 'Bitte einen Namen.' } })
    })

    it('maps 409 to duplicate (stubbed fetch)', async () => {
      const { fetch } = stubFetch(problem(409, { detail: 'Already posted.' }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect([error.kind, error.status, error.retryable]).to.deep.equal(['duplicate', 409, false])
    })

    it('maps 429 to rate-limited, which is worth retrying (stubbed fetch)', async () => {
      const { fetch } = stubFetch(problem(429, { detail: 'Slow down.' }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect([error.kind, error.status, error.retryable]).to.deep.equal(['rate-limited', 429, true])
    })

    it("lets the problem's kind win over the status: 403 closed (stubbed fetch)", async () => {
      const { fetch } = stubFetch(problem(403, { kind: 'closed', detail: 'Comments are closed.' }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect([error.kind, error.status, error.message]).to.deep.equal(['closed', 403, 'Comments are closed.'])
    })

    it('maps 403 without a kind to forbidden and 404 to not-found (stubbed fetch)', async () => {
      const { fetch } = stubFetch(problem(403, {}), problem(404, {}))
      const adapter = new PalaverAdapter('https://example.org', { fetch })
      const kinds = [(await rejection(adapter.remove('c1', 't'))).kind, (await rejection(adapter.remove('c1', 't'))).kind]
      expect(kinds).to.deep.equal(['forbidden', 'not-found'])
    })

    it("maps a proxy's HTML 502 page to server, worth retrying (stubbed fetch)", async () => {
      const { fetch } = stubFetch(
        () => new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 502, headers: { 'Content-Type': 'text/html' } }),
      )
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).list('/post', { limit: 5, sort: 'oldest' }))
      expect([error.kind, error.status, error.retryable]).to.deep.equal(['server', 502, true])
      expect(error.message).to.equal('The comment server answered 502.')
    })

    it('maps a 200 answer that is not JSON to server (stubbed fetch)', async () => {
      const { fetch } = stubFetch(() => new Response('<!doctype html><p>Welcome</p>', { status: 200 }))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).list('/post', { limit: 5, sort: 'oldest' }))
      expect([error.kind, error.status]).to.deep.equal(['server', 200])
    })

    it('maps a rejected fetch to network, worth retrying (stubbed fetch)', async () => {
      const { fetch } = stubFetch(new TypeError('Failed to fetch'))
      const error = await rejection(new PalaverAdapter('https://example.org', { fetch }).post('/post', draft(), { idempotencyKey: 'k' }))
      expect([error.kind, error.retryable, error.status]).to.deep.equal(['network', true, undefined])
    })
  })

  describe('count, edit and remove', () => {
    it('asks for counts of several threads in one request (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(json({ counts: { '/a': 3, '/b': 0 } }))
      const counts = await new PalaverAdapter('https://example.org', { fetch }).count(['/a', '/b'])
      expect(counts).to.deep.equal({ '/a': 3, '/b': 0 })
      expect(calls[0]!.url.pathname).to.equal('/api/v1/counts')
      expect(calls[0]!.url.searchParams.getAll('thread')).to.deep.equal(['/a', '/b'])
    })

    it('edits with PATCH, the Bearer token and the new body (stubbed fetch)', async () => {
      const edited = { ...c1, html: '<p>Changed</p>', editedAt: '2026-05-01T10:05:00Z' }
      const { fetch, calls } = stubFetch(json({ comment: edited }))
      const result = await new PalaverAdapter('https://example.org', { fetch }).edit('c/1', 'Changed', 'tok-1')
      expect(calls[0]!.method).to.equal('PATCH')
      expect(calls[0]!.url.pathname).to.equal('/api/v1/comments/c%2F1')
      expect(calls[0]!.headers.get('Authorization')).to.equal('Bearer tok-1')
      expect(JSON.parse(calls[0]!.body!)).to.deep.equal({ body: 'Changed' })
      expect(result).to.deep.equal(edited)
    })

    it('removes with DELETE and the Bearer token, accepting 204 (stubbed fetch)', async () => {
      const { fetch, calls } = stubFetch(() => new Response(null, { status: 204 }))
      const result = await new PalaverAdapter('https://example.org', { fetch }).remove('c1', 'tok-2')
      expect(result === undefined).to.equal(true)
      expect(calls[0]!.method).to.equal('DELETE')
      expect(calls[0]!.url.pathname).to.equal('/api/v1/comments/c1')
      expect(calls[0]!.headers.get('Authorization')).to.equal('Bearer tok-2')
    })
  })

  it('refuses to be made without a server, with a config error (stubbed fetch)', () => {
    let kind = ''
    try {
      new PalaverAdapter('')
    } catch (error) {
      kind = error instanceof PalaverError ? error.kind : 'other'
    }
    expect(kind).to.equal('config')
  })
})
