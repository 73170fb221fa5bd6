/**
 * Atom feeds on SQLite and PostgreSQL, read with a real XML parser (fast-xml-parser's
 * validator and parser) and checked for what RFC 4287 requires: approved comments only,
 * newest first, at most 50, escaped names and content, no email, permalinks to the
 * comment on the host page, ETag and Last-Modified answered with 304.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { FEED_ENTRIES } from '../../../src/server/routes/feed.js'
import { ORIGIN, TestClient, type Res } from '../server/helpers/client.js'
import { eachDialect } from './helpers.js'

const THREAD = '/feeds/a-post'
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link'].includes(name), parseTagValue: false })

/** The feed as a feed reader gets it, after checking it is well-formed Atom with every required element. */
function atom(res: Res) {
  assert.equal(res.status, 200, res.text)
  assert.equal(res.headers.get('content-type'), 'application/atom+xml; charset=utf-8')
  assert.equal(XMLValidator.validate(res.text), true, 'well-formed XML')
  const feed = parser.parse(res.text).feed
  assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom')
  for (const required of ['id', 'title', 'updated']) assert.ok(feed[required], `feed ${required}`)
  assert.ok(feed.link.some((l: any) => l['@rel'] === 'self' && l['@type'] === 'application/atom+xml'))
  const entries: any[] = feed.entry ?? []
  for (const entry of entries) {
    for (const required of ['id', 'title', 'updated', 'published', 'content']) assert.ok(entry[required] !== undefined, `entry ${required}`)
    assert.ok(entry.author?.name, 'every entry has an author name (the feed has none)')
    assert.equal(entry.content['@type'], 'html')
    assert.match(entry.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
  }
  return { feed, entries }
}

const text = (value: any) => (typeof value === 'object' ? value['#text'] : value)

eachDialect('Atom feeds', (fresh) => {
  test('a thread’s feed holds its approved comments, newest first, with sanitized HTML content and author names', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    const first = await client.posted({
      thread: THREAD,
      title: 'A <post> & more',
      author: { name: 'Ann', email: 'ann@example.org', url: 'https://ann.example/' },
      body: 'Hello <script>x</script> & https://example.org',
    })
    client.clock.advance(1000)
    const second = await client.posted({
      thread: THREAD,
      parentId: first.comment.id,
      author: { name: '<b>"Tom & Jerry"</b>', email: 'tom@example.org' },
      body: 'A reply.',
    })
    client.clock.advance(1000)
    const spam = await client.posted({ thread: THREAD, author: { name: 'Spam', email: 'spam@example.org' }, body: 'Buy.' })
    await client.admin('POST', `/comments/${spam.comment.id}/spam`)
    const held = new TestClient(store, { moderation: 'all' }, client.clock)
    client.clock.advance(1000)
    await held.posted({ thread: THREAD, author: { name: 'Held', email: 'held@example.org' }, body: 'Not yet.' })
    client.clock.advance(1000)
    const removed = await client.posted({ thread: THREAD, author: { name: 'Gone', email: 'gone@example.org' }, body: 'Taken back.' })
    await client.admin('DELETE', `/comments/${removed.comment.id}`)

    const res = await client.call('GET', `/api/v1/feed?thread=${encodeURIComponent(THREAD)}`)
    const { feed, entries } = atom(res)
    assert.equal(text(feed.title), 'Comments on A <post> & more')
    assert.deepEqual(
      entries.map((e) => e.id),
      [`urn:palaver:comment:${second.comment.id}`, `urn:palaver:comment:${first.comment.id}`],
    )
    const [reply, hello] = entries
    assert.equal(reply.author.name, '<b>"Tom & Jerry"</b>', 'names are escaped text, read back as they were')
    assert.equal(text(reply.title), '<b>"Tom & Jerry"</b> on A <post> & more')
    assert.equal(hello.author.uri, 'https://ann.example/')
    assert.equal(text(hello.content), (await store.comment(first.comment.id))!.body_html, 'the stored, sanitized HTML')
    assert.match(text(hello.content), /&lt;script&gt;/)
    assert.doesNotMatch(res.text, /[\w.+-]+@[\w-]+\.[\w.]+/, 'no email address')
    assert.doesNotMatch(res.text, /Held|Spam|Gone|Taken back/)
  })

  test('entries link to the comment on the host page: --site-url, else the one allowed origin, else no link', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    const { comment } = await client.posted({ thread: THREAD, body: 'Linked.' })
    const path = `/api/v1/feed?thread=${encodeURIComponent(THREAD)}`
    const alternate = (res: Res, which: 'feed' | 'entry') => {
      const { feed, entries } = atom(res)
      return ((which === 'feed' ? feed.link : entries[0].link) ?? []).filter((l: any) => l['@rel'] === 'alternate').map((l: any) => l['@href'])
    }
    const withSite = await client.restarted({ siteUrl: 'https://www.blog.example/' }).call('GET', path)
    assert.deepEqual(alternate(withSite, 'entry'), [`https://www.blog.example${THREAD}#comment-${comment.id}`])
    assert.deepEqual(alternate(withSite, 'feed'), [`https://www.blog.example${THREAD}`])
    assert.deepEqual(alternate(await client.call('GET', path), 'entry'), [`${ORIGIN}${THREAD}#comment-${comment.id}`])
    assert.deepEqual(alternate(await client.restarted({ origins: [ORIGIN, 'https://other.example'] }).call('GET', path), 'entry'), [])
  })

  test('the site feed holds the newest 50 approved comments of every thread', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    for (let i = 0; i < FEED_ENTRIES + 5; i++) {
      client.clock.advance(1000)
      await client.posted({ thread: i % 2 ? '/feeds/odd' : '/feeds/even', title: i % 2 ? 'Odd' : 'Even', body: `Comment number ${i}.` })
    }
    const { feed, entries } = atom(await client.call('GET', '/api/v1/feed'))
    assert.equal(text(feed.title), 'Comments on blog.example')
    assert.equal(entries.length, FEED_ENTRIES)
    assert.match(text(entries[0].content), /Comment number 54\./)
    assert.match(text(entries[FEED_ENTRIES - 1].content), /Comment number 5\./)
    assert.equal(text(entries[0].title), 'Ann Example on Even')
    assert.equal(feed.updated, entries[0].updated)
  })

  test('ETag and Last-Modified answer 304 until the thread changes', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    await client.posted({ thread: THREAD, body: 'One.' })
    for (const path of [`/api/v1/feed?thread=${encodeURIComponent(THREAD)}`, '/api/v1/feed']) {
      const first = await client.call('GET', path)
      const etag = first.headers.get('etag')!
      const modified = first.headers.get('last-modified')!
      assert.match(etag, /^W\/"/)
      assert.equal(new Date(modified).toUTCString(), modified)
      assert.equal((await client.call('GET', path, { headers: { 'if-none-match': etag } })).status, 304)
      assert.equal((await client.call('GET', path, { headers: { 'if-modified-since': modified } })).status, 304)
    }
    const before = await client.call('GET', '/api/v1/feed')
    client.clock.advance(5000)
    await client.posted({ thread: THREAD, body: 'Two.' })
    const after = await client.call('GET', '/api/v1/feed', { headers: { 'if-none-match': before.headers.get('etag')! } })
    assert.equal(after.status, 200)
    assert.notEqual(after.headers.get('etag'), before.headers.get('etag'))
    assert.equal(atom(after).entries.length, 2)
  })

  test('text XML cannot hold is left out, and the feed stays well-formed', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    const { comment } = await client.posted({ thread: THREAD, body: 'Fine.' })
    await store.db
      .updateTable('comments')
      .set({ author_name: 'Bell\u0007 \uFFFF', body_html: '<p>a\u0001b \uFFFE c</p>' })
      .where('id', '=', comment.id)
      .execute()
    const res = await client.call('GET', `/api/v1/feed?thread=${encodeURIComponent(THREAD)}`)
    const { entries } = atom(res)
    assert.match(res.text, /<name>Bell <\/name>/)
    assert.equal(text(entries[0].content), '<p>ab  c</p>')
  })

  test('an unknown thread is an empty feed; a bad thread key is a problem', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    const { entries, feed } = atom(await client.call('GET', '/api/v1/feed?thread=%2Fnobody%2F'))
    assert.equal(entries.length, 0)
    assert.equal(feed.updated, '1970-01-01T00:00:00.000Z')
    const bad = await client.call('GET', `/api/v1/feed?thread=${'x'.repeat(501)}`)
    assert.equal(bad.status, 400)
    assert.equal(bad.json.codes.thread, 'too-long')
  })
})
