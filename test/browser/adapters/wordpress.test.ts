/**
 * WordPressAdapter with answers recorded from WordPress 6.1 (Debian's package): the cases
 * a live site makes awkward to reach. The real-WordPress tests are in test/wordpress/.
 */
import { expect } from '@open-wc/testing'
import { WordPressAdapter } from '../../../src/adapters/wordpress.js'
import { wordpressError } from '../../../src/adapters/wordpress/errors.js'
import { decodeHtml } from '../../../src/adapters/wordpress/map.js'
import type { Draft } from '../../../src/model.js'
import { fakeWordPress } from '../helpers/backends.js'
import { draft, wpComment, type WpCommentRecord } from '../helpers/comments.js'
import { rejection } from '../helpers/errors.js'
import { json } from '../helpers/responses.js'

const SITE = 'https://blog.example'

const page = { limit: 50, sort: 'oldest' as const }

/** `date_gmt` of the n-th minute after 2026-03-02 00:00 UTC, as WordPress writes it. */
const minute = (n: number) => new Date(Date.UTC(2026, 2, 2) + n * 60_000).toISOString().slice(0, 19)
/** n comments, one a minute. */
const many = (n: number) => Array.from({ length: n }, (_, i) => wpComment(i + 1, { date_gmt: minute(i) }))

describe('WordPressAdapter (recorded answers)', () => {
  beforeEach(() => localStorage.clear())

  it('reads the title with its entities decoded, and open/requires from the plugin field when present', async () => {
    const site = fakeWordPress({ comments: [], post: { palaver: { open: false, requires: ['email'] } } })
    const result = await new WordPressAdapter(SITE, { fetch: site.fetch }).list('7', page)
    expect(result.thread).to.deep.equal({ key: '7', title: 'Hello & welcome', count: 0, open: false, requires: ['email'] })
  })

  it("falls back to the post's comment_status without the plugin field", async () => {
    const site = fakeWordPress({ comments: [], post: { comment_status: 'closed' } })
    expect((await new WordPressAdapter(SITE, { fetch: site.fetch }).list('7', page)).thread.open).to.equal(false)
  })

  it('resolves a slug once, also from a path', async () => {
    const site = fakeWordPress({ comments: [wpComment(1)] })
    const adapter = new WordPressAdapter(SITE, { fetch: site.fetch })
    await adapter.list('/2026/03/hello/', page)
    await adapter.list('/2026/03/hello/', page)
    expect(site.asked.filter((u) => u.includes('slug=hello')).length).to.equal(1)
  })

  it('says not found for a slug no post or page has', async () => {
    const site = fakeWordPress({ comments: [] })
    const error = await rejection(new WordPressAdapter(SITE, { fetch: site.fetch }).list('nope', page))
    expect(error.kind).to.equal('not-found')
  })

  it('pages through without totals when a proxy hides them', async () => {
    const comments = Array.from({ length: 230 }, (_, i) => wpComment(i + 1))
    const site = fakeWordPress({ comments, hideTotals: true })
    const result = await new WordPressAdapter(SITE, { fetch: site.fetch }).list('7', { limit: 500, sort: 'oldest' })
    expect(result.comments.length).to.equal(230)
    expect(result.thread.count).to.equal(230)
  })

  it('asks for at most 20 pages per batch, 4 at a time, however many pages WordPress claims', async () => {
    const site = fakeWordPress({ comments: many(2500), totalPages: 2000 })
    const adapter = new WordPressAdapter(SITE, { fetch: site.fetch })
    const commentRequests = () => site.asked.filter((u) => new URL(u).pathname === '/wp-json/wp/v2/comments').length
    const first = await adapter.list('7', page)
    expect(commentRequests()).to.equal(20)
    expect(site.mostAtOnce).to.be.at.most(4)
    expect(first.comments.length).to.equal(50)
    expect(first.thread.count, "WordPress's total while pages remain").to.equal(200_000)
    // "Load more" reads what was loaded, until it runs out: then the next batch, no more.
    await adapter.list('7', { ...page, cursor: '1900' })
    expect(commentRequests()).to.equal(20)
    const later = await adapter.list('7', { ...page, cursor: '1980' })
    expect(commentRequests()).to.equal(40)
    expect(site.mostAtOnce).to.be.at.most(4)
    expect(later.comments.map((c) => c.id).slice(0, 2)).to.deep.equal(['1981', '1982'])
    expect(later.nextCursor).to.equal('2030')
  })

  it('pages through a post of several batches: every comment once, a reply from a later batch with it', async () => {
    const roots = many(2300)
    // A late reply (in the second batch) to the first comment, and a reply to that.
    const late = [wpComment(5000, { parent: 1, date_gmt: minute(3000) }), wpComment(5001, { parent: 5000, date_gmt: minute(3001) })]
    const site = fakeWordPress({ comments: [...roots, ...late] })
    const adapter = new WordPressAdapter(SITE, { fetch: site.fetch })
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const result = await adapter.list('7', { limit: 500, sort: 'oldest', ...(cursor ? { cursor } : {}) })
      seen.push(...result.comments.map((c) => c.id))
      expect(result.thread.count).to.equal(2302)
      cursor = result.nextCursor ?? undefined
    } while (cursor)
    expect(seen.length).to.equal(2302)
    expect(new Set(seen).size).to.equal(2302)
    expect(seen.slice(0, 3)).to.deep.equal(['1', '2', '3'])
    expect(seen).to.include.members(['5000', '5001'])
  })

  it('loads the newest comments first for sort "newest"', async () => {
    const site = fakeWordPress({ comments: many(2100) })
    const result = await new WordPressAdapter(SITE, { fetch: site.fetch }).list('7', { limit: 3, sort: 'newest' })
    expect(result.comments.map((c) => c.id)).to.deep.equal(['2100', '2099', '2098'])
    expect(site.asked.every((u) => !u.includes('/wp/v2/comments') || u.includes('order=desc'))).to.equal(true)
  })

  it('shows a reply whose parent is not visible (held, trashed) at the top level', async () => {
    const site = fakeWordPress({ comments: [wpComment(1), wpComment(2, { parent: 99 }), wpComment(3, { parent: 1 })] })
    const result = await new WordPressAdapter(SITE, { fetch: site.fetch }).list('7', page)
    expect(result.comments.map((c) => [c.id, c.parentId])).to.deep.equal([
      ['1', null],
      ['2', null],
      ['3', '1'],
    ])
  })

  it('speaks ?rest_route= on sites without pretty permalinks', async () => {
    const site = fakeWordPress({ comments: [wpComment(1)] })
    const adapter = new WordPressAdapter(SITE, { fetch: site.fetch, restRoot: `${SITE}/?rest_route=` })
    expect((await adapter.list('7', page)).comments.length).to.equal(1)
    expect(site.asked[0]).to.match(/^https:\/\/blog\.example\/\?rest_route=\/wp\/v2\//)
  })

  it('sends the text as text: markup characters are escaped, not interpreted', async () => {
    let sent: Record<string, unknown> = {}
    const site = fakeWordPress({
      comments: [],
      onPost: (body) => {
        sent = body
        return json(wpComment(50, { content: { rendered: '<p>a &lt;b&gt; &amp; c</p>' } }), 201)
      },
    })
    await new WordPressAdapter(SITE, { fetch: site.fetch }).post('7', draft({ body: 'a <b> & c' }), { idempotencyKey: 'k' })
    expect(sent).to.deep.include({ post: 7, parent: 0, author_name: 'Ann', author_email: 'ann@example.org', content: 'a &lt;b&gt; &amp; c' })
  })

  it('keeps a held comment for its author without the email, and drops it once WordPress lists it', async () => {
    const comments: WpCommentRecord[] = []
    const site = fakeWordPress({ comments, onPost: () => json(wpComment(60, { status: 'hold', author_email: 'ann@example.org' }), 201) })
    const adapter = new WordPressAdapter(SITE, { fetch: site.fetch })
    const posted = await adapter.post('7', draft(), { idempotencyKey: 'k' })
    expect(posted.comment).to.deep.include({ id: '60', status: 'pending', mine: true })
    expect(JSON.stringify({ ...localStorage })).to.not.contain('ann@example.org')

    const fresh = new WordPressAdapter(SITE, { fetch: site.fetch })
    const held = (await fresh.list('7', page)).comments
    expect(held.map((c) => [c.id, c.status, c.mine])).to.deep.equal([['60', 'pending', true]])
    expect((await fresh.list('7', page)).thread.count, 'pending is not counted').to.equal(0)

    comments.push(wpComment(60))
    const listed = (await fresh.list('7', page)).comments
    expect(listed.map((c) => [c.id, c.status, c.mine])).to.deep.equal([['60', 'approved', undefined]])
    expect(Object.keys(localStorage).filter((k) => k.startsWith('palaver:wordpress:held:'))).to.deep.equal([])
  })

  it('does not pass on a draft whose hidden trap field was filled', async () => {
    let posts = 0
    const site = fakeWordPress({ comments: [], onPost: () => (posts++, json(wpComment(70), 201)) })
    const error = await rejection(new WordPressAdapter(SITE, { fetch: site.fetch }).post('7', draft({ trap: 'https://spam.example' }), { idempotencyKey: 'k' }))
    expect(error.kind).to.equal('validation')
    expect(posts).to.equal(0)
  })

  it('turns a network failure into a retryable error', async () => {
    const adapter = new WordPressAdapter(SITE, { fetch: () => Promise.reject(new TypeError('Failed to fetch')) })
    const error = await rejection(adapter.list('7', page))
    expect(error.kind).to.equal('network')
    expect(error.retryable).to.equal(true)
  })

  it('calls an answer that is not JSON a server problem, naming the REST root', async () => {
    const adapter = new WordPressAdapter(SITE, { fetch: async () => new Response('<html>Hello</html>') })
    const error = await rejection(adapter.list('7', page))
    expect(error.kind).to.equal('server')
    expect(error.message).to.contain('https://blog.example/wp-json')
  })
})

describe('wordpressError', () => {
  const recorded = (code: string, message: string, status: number, data: Record<string, unknown> = {}) =>
    JSON.stringify({ code, message, data: { status, ...data } })

  const cases: Array<{ title: string; status: number; body: string; draft?: Draft; kind: string; fields?: Record<string, string> }> = [
    {
      title: 'duplicate',
      status: 409,
      body: recorded('comment_duplicate', 'Duplicate comment detected; it looks as though you&#8217;ve already said that!', 409),
      kind: 'duplicate',
    },
    { title: 'flood', status: 400, body: recorded('comment_flood', 'You are posting comments too quickly. Slow down.', 400), kind: 'rate-limited' },
    { title: 'closed', status: 403, body: recorded('rest_comment_closed', 'Sorry, comments are closed for this item.', 403), kind: 'closed' },
    {
      title: 'no such post',
      status: 403,
      body: recorded('rest_comment_invalid_post_id', 'Sorry, you are not allowed to create this comment without a post.', 403),
      kind: 'not-found',
    },
    { title: 'login required', status: 401, body: recorded('rest_comment_login_required', 'Sorry, you must be logged in to comment.', 401), kind: 'forbidden' },
    {
      title: 'name and email missing',
      status: 400,
      body: recorded('rest_comment_author_data_required', 'Creating a comment requires valid author name and email values.', 400),
      draft: draft({ author: { name: ' ', email: '', url: '' } }),
      kind: 'validation',
      fields: { name: 'required', email: 'required' },
    },
    {
      title: 'email missing',
      status: 400,
      body: recorded('rest_comment_author_data_required', 'Creating a comment requires valid author name and email values.', 400),
      draft: draft({ author: { name: 'Ann', email: '', url: '' } }),
      kind: 'validation',
      fields: { email: 'required' },
    },
    {
      title: 'email invalid',
      status: 400,
      body: recorded('rest_invalid_param', 'Invalid parameter(s): author_email', 400, {
        params: { author_email: 'Invalid email address.' },
        details: { author_email: { code: 'rest_invalid_email', message: 'Invalid email address.', data: null } },
      }),
      kind: 'validation',
      fields: { email: 'invalid' },
    },
    {
      title: 'body empty',
      status: 400,
      body: recorded('rest_comment_content_invalid', 'Invalid comment content.', 400),
      draft: draft({ body: '' }),
      kind: 'validation',
      fields: { body: 'required' },
    },
    {
      title: 'body too long',
      status: 400,
      body: recorded('comment_content_column_length', 'Comment field exceeds maximum length allowed.', 400),
      kind: 'validation',
      fields: { body: 'too-long' },
    },
    { title: 'a PHP error page', status: 500, body: '<b>Fatal error</b>', kind: 'server' },
    { title: 'not the REST API', status: 404, body: recorded('rest_no_route', 'No route was found matching the URL and request method.', 404), kind: 'config' },
  ]

  for (const c of cases) {
    it(`maps ${c.title} to ${c.kind}${c.fields ? ` on ${Object.keys(c.fields).join(' and ')}` : ''}`, () => {
      const error = wordpressError(c.status, c.body, c.draft ?? draft())
      expect(error.kind).to.equal(c.kind)
      expect(error.status).to.equal(c.status)
      expect(Object.fromEntries(Object.entries(error.fields).map(([f, p]) => [f, p!.code]))).to.deep.equal(c.fields ?? {})
      expect(error.message).to.not.match(/&#?\w+;|<\w/)
    })
  }
})

describe('decodeHtml (WordPress text without an HTML parser)', () => {
  const cases: Array<[string, string]> = [
    ['Tom &amp; Jerry', 'Tom & Jerry'],
    ['It&#8217;s &#8220;quoted&#8221; &#x2014; really&#8230;', 'It’s “quoted” — really…'],
    ['&lt;b&gt;not a tag&lt;/b&gt;', '<b>not a tag</b>'],
    ['<strong>Bold</strong> name', 'Bold name'],
    ['&amp;lt; stays one level', '&lt; stays one level'],
    ['&#x1F600; &#128512;', '😀 😀'],
    ['&#0; &#xD800; &#x110000;', '\ufffd \ufffd \ufffd'],
    ['&eacute;t&eacute; &raquo; &hellip; &constructor; & alone', 'été » … &constructor; & alone'],
    ['A&nbsp;B', 'A\u00a0B'],
  ]
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => expect(decodeHtml(input)).to.equal(expected))
  }
})
