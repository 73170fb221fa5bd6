/**
 * Receiving Webmentions with real HTTP, on SQLite and PostgreSQL: source pages served by
 * the test on loopback, Palaver running on a port (loopback sources allowed by the test
 * flag), mentions sent, verified in the background, stored, updated and removed; the
 * endpoint's refusals; and every SSRF refusal of the source fetcher without that flag.
 */
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, test } from 'node:test'
import { serve } from '@hono/node-server'
import { createApp } from '../../../src/server/app.js'
import { appOptions, type AppOptions } from '../../../src/server/options.js'
import type { Store } from '../../../src/server/store.js'
import { sha256 } from '../../../src/server/tokens.js'
import { FETCH_LIMITS, FetchRefused, fetchSource } from '../../../src/server/webmention/fetch.js'
import { MENTIONS_PER_HOST } from '../../../src/server/routes/webmention.js'
import { ADMIN_TOKEN, ORIGIN, SECRET } from '../server/helpers/client.js'
import { eachDialect } from './helpers.js'

const TARGET = `${ORIGIN}/posts/hello/`

/** A web server for source pages: path → what it answers. */
interface Page {
  status?: number
  type?: string
  body?: string
  location?: string
  /** Never answer (for the timeout). */
  hang?: boolean
}

const pages = new Map<string, Page>()
let sources: Server
let sourceBase = ''

before(async () => {
  sources = createServer((request, response) => {
    const page = pages.get(request.url ?? '')
    if (!page) return void response.writeHead(404).end('not here')
    if (page.hang) return
    const headers: Record<string, string> = { 'content-type': page.type ?? 'text/html; charset=utf-8' }
    if (page.location) headers.location = page.location
    response.writeHead(page.status ?? 200, headers).end(page.body ?? '')
  })
  await new Promise<void>((resolve) => sources.listen(0, '127.0.0.1', resolve))
  sourceBase = `http://127.0.0.1:${(sources.address() as AddressInfo).port}`
})
after(() => {
  sources.closeAllConnections()
  sources.close()
})

const entryPage = (name: string, text: string, target = TARGET) => `<!doctype html>
<html><head><title>Page title of ${name}</title></head><body>
<article class="h-entry">
  <h1 class="p-name">${name}</h1>
  <a class="p-author h-card" href="https://writer.example/">Wendy Writer</a>
  <div class="e-content"><p>${text} <a class="u-in-reply-to" href="${target}">this post</a>.</p></div>
</article></body></html>`

/** Palaver on a port, as it runs; `allowLoopback` is the test flag. */
async function running(store: Store, overrides: Partial<AppOptions> = {}) {
  const options = appOptions({
    secret: SECRET,
    adminTokenHash: sha256(ADMIN_TOKEN),
    origins: [ORIGIN],
    webmentionAllowLoopback: true,
    log: () => {},
    ...overrides,
  })
  const server = serve({ fetch: createApp(options, store).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    mention: (source: string, target = TARGET, type = 'application/x-www-form-urlencoded') =>
      fetch(`${url}/webmention`, { method: 'POST', headers: { 'content-type': type }, body: new URLSearchParams({ source, target }).toString() }),
    /** The status page once verification has ended. */
    async settled(location: string) {
      for (let i = 0; i < 200; i++) {
        const status = (await (await fetch(location)).json()) as { status: string; detail: string | null }
        if (status.status !== 'queued') return status
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw new Error('the mention stayed queued')
    },
    list: async (thread = '/posts/hello') => (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as any,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

let page = 0
const newPath = () => `/source-${++page}`

eachDialect('Webmention receiver', (fresh) => {
  test('a mention is accepted with 202 and a status URL, verified, and shown as a webmention with its h-entry', async () => {
    const store = await fresh.store()
    const palaver = await running(store)
    try {
      const path = newPath()
      pages.set(path, { body: entryPage('A reply from Wendy', 'I liked <b>reading</b> &amp; answering') })
      // Read first, so the server holds the empty page: the stored mention must end it (page cache).
      assert.deepEqual((await palaver.list()).comments, [])
      const res = await palaver.mention(`${sourceBase}${path}`)
      assert.equal(res.status, 202)
      const location = res.headers.get('location')!
      assert.match(location, new RegExp(`^${palaver.url}/webmention/[\\w-]+$`))
      assert.deepEqual(await res.json(), { status: 'queued', location })
      const status = await palaver.settled(location)
      assert.deepEqual(status, { source: `${sourceBase}${path}`, target: TARGET, status: 'accepted', detail: null, updatedAt: (status as any).updatedAt })

      const listed = await palaver.list()
      assert.equal(listed.thread.count, 1)
      const [comment] = listed.comments
      assert.equal(comment.kind, 'webmention')
      assert.equal(comment.author.name, 'A reply from Wendy')
      assert.equal(comment.author.url, `${sourceBase}${path}`)
      assert.equal(comment.author.avatar, null)
      assert.equal(comment.html, '<p>I liked reading &amp; answering this post.</p>')
    } finally {
      await palaver.close()
    }
  })

  test('the same source again updates its mention; a source that is gone or no longer links removes it', async () => {
    const store = await fresh.store()
    const palaver = await running(store)
    try {
      const path = newPath()
      const source = `${sourceBase}${path}`
      pages.set(path, { body: entryPage('First version', 'Before') })
      await palaver.settled((await palaver.mention(source)).headers.get('location')!)
      const first = (await palaver.list()).comments[0]

      pages.set(path, { body: entryPage('Second version', 'After') })
      const again = await palaver.mention(source)
      assert.equal((await palaver.settled(again.headers.get('location')!)).status, 'accepted')
      const updated = (await palaver.list()).comments
      assert.equal(updated.length, 1)
      assert.equal(updated[0].id, first.id, 'the same comment')
      assert.equal(updated[0].author.name, 'Second version')
      assert.ok(updated[0].editedAt)

      pages.set(path, { body: '<html><head><title>Rewritten</title></head><body><p>No link any more.</p></body></html>' })
      const unlinked = await palaver.settled((await palaver.mention(source)).headers.get('location')!)
      assert.deepEqual([unlinked.status, unlinked.detail], ['removed', 'the source does not link to the target'])
      assert.equal((await palaver.list()).comments.length, 0)
      const row = (await store.comment(first.id))!
      assert.deepEqual([row.status, row.author_name, row.body_text], ['deleted', '', ''])

      pages.set(path, { body: entryPage('Back again', 'Linked once more') })
      await palaver.settled((await palaver.mention(source)).headers.get('location')!)
      assert.equal((await palaver.list()).comments[0].author.name, 'Back again')
      pages.set(path, { status: 410, body: 'gone' })
      const gone = await palaver.settled((await palaver.mention(source)).headers.get('location')!)
      assert.deepEqual([gone.status, gone.detail], ['removed', 'the source answers 410'])
      assert.equal((await palaver.list()).comments.length, 0)
    } finally {
      await palaver.close()
    }
  })

  test('a source that does not link, or is not a page, is rejected; plain text with the address is accepted', async () => {
    const store = await fresh.store()
    const palaver = await running(store)
    try {
      const unlinked = newPath()
      pages.set(unlinked, { body: entryPage('Elsewhere', 'About another post', `${ORIGIN}/posts/other/`) })
      const rejected = await palaver.settled((await palaver.mention(`${sourceBase}${unlinked}`)).headers.get('location')!)
      assert.deepEqual([rejected.status, rejected.detail], ['rejected', 'the source does not link to the target'])
      const image = newPath()
      pages.set(image, { type: 'image/png', body: TARGET })
      assert.match((await palaver.settled((await palaver.mention(`${sourceBase}${image}`)).headers.get('location')!)).detail!, /image\/png, not HTML or text/)
      const text = newPath()
      pages.set(text, { type: 'text/plain', body: `See ${TARGET} for the post.` })
      assert.equal((await palaver.settled((await palaver.mention(`${sourceBase}${text}`)).headers.get('location')!)).status, 'accepted')
      const missing = await palaver.settled((await palaver.mention(`${sourceBase}/nothing-here`)).headers.get('location')!)
      assert.deepEqual([missing.status, missing.detail], ['rejected', 'the source answers 404'])
      const listed = await palaver.list()
      assert.deepEqual(
        listed.comments.map((c: any) => c.author.name),
        ['127.0.0.1'],
        'a text source is named by its host',
      )
    } finally {
      await palaver.close()
    }
  })

  test('a page without microformats is named by its <title> and has no excerpt', async () => {
    const store = await fresh.store()
    const palaver = await running(store)
    try {
      const path = newPath()
      pages.set(path, {
        body: `<html><head><title>Tom &amp; Jerry’s   links</title></head><body><ul><li><a href="${TARGET}">a post</a></li></ul></body></html>`,
      })
      assert.equal((await palaver.settled((await palaver.mention(`${sourceBase}${path}`)).headers.get('location')!)).status, 'accepted')
      const [comment] = (await palaver.list()).comments
      assert.deepEqual([comment.author.name, comment.html], ['Tom & Jerry’s links', ''])
    } finally {
      await palaver.close()
    }
  })

  test('with moderation, a mention waits for the owner', async () => {
    const store = await fresh.store()
    const palaver = await running(store, { moderation: 'all' })
    try {
      const path = newPath()
      pages.set(path, { body: entryPage('Held mention', 'Wait for it') })
      await palaver.settled((await palaver.mention(`${sourceBase}${path}`)).headers.get('location')!)
      assert.equal((await palaver.list()).comments.length, 0)
      const held = await store.db.selectFrom('comments').select(['kind', 'status']).where('thread_key', '=', '/posts/hello').execute()
      assert.deepEqual(held, [{ kind: 'webmention', status: 'pending' }])
    } finally {
      await palaver.close()
    }
  })

  test('the endpoint refuses what is not a mention of this site: 400 with the field, 415, 429 per source host', async () => {
    const store = await fresh.store()
    const palaver = await running(store)
    try {
      const field = async (res: Response) => {
        assert.equal(res.status, 400)
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
        return ((await res.json()) as any).codes
      }
      assert.deepEqual(await field(await palaver.mention('')), { source: 'required' })
      assert.deepEqual(await field(await palaver.mention('ftp://files.example/x')), { source: 'invalid' })
      assert.deepEqual(await field(await palaver.mention(`${sourceBase}/a`, 'https://not-this-site.example/post/')), { target: 'invalid' })
      assert.deepEqual(await field(await palaver.mention(TARGET, `${TARGET}#again`)), { source: 'invalid' })
      assert.equal((await palaver.mention(`${sourceBase}/a`, TARGET, 'application/json')).status, 415)

      for (let i = 0; i < MENTIONS_PER_HOST.burst; i++) assert.equal((await palaver.mention(`https://busy.example/${i}`)).status, 202)
      const limited = await palaver.mention('https://busy.example/one-more')
      assert.equal(limited.status, 429)
      assert.ok(Number(limited.headers.get('retry-after')) > 0)
      assert.equal((await palaver.mention(`https://quiet.example/`)).status, 202, 'another host has its own bucket')
      assert.equal((await fetch(`${palaver.url}/webmention/nope`)).status, 404)
    } finally {
      await palaver.close()
    }
  })

  test('pages and feeds advertise the endpoint in a Link header', async () => {
    const store = await fresh.store()
    const palaver = await running(store, { publicUrl: 'https://comments.blog.example' })
    try {
      const feed = await fetch(`${palaver.url}/api/v1/feed`)
      assert.equal(feed.headers.get('link'), '<https://comments.blog.example/webmention>; rel="webmention"')
      const list = await fetch(`${palaver.url}/api/v1/comments?thread=%2F`)
      assert.equal(list.headers.get('link'), null, 'not on JSON answers')
    } finally {
      await palaver.close()
    }
  })

  test('without the test flag, a loopback source is refused and the refusal is the status', async () => {
    const store = await fresh.store()
    const palaver = await running(store, { webmentionAllowLoopback: false })
    try {
      const path = newPath()
      pages.set(path, { body: entryPage('Local', 'From loopback') })
      const status = await palaver.settled((await palaver.mention(`${sourceBase}${path}`)).headers.get('location')!)
      assert.deepEqual([status.status, status.detail], ['rejected', '127.0.0.1 is not a public address'])
      assert.equal((await palaver.list()).comments.length, 0)
    } finally {
      await palaver.close()
    }
  })
})

describe('the source fetcher’s SSRF guard', () => {
  const refused = async (url: string, pattern: RegExp, limits = FETCH_LIMITS) => {
    await assert.rejects(fetchSource(url, limits), (error: Error) => {
      assert.ok(error instanceof FetchRefused, `${url}: ${error}`)
      assert.match(error.message, pattern, url)
      return true
    })
  }

  test('refuses loopback, private, link-local, metadata and other non-public addresses given as IPs', async () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '[::1]',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.100.100.200',
      '0.0.0.0',
      '[fd00:ec2::254]',
      '[fe80::1]',
      '[::ffff:127.0.0.1]',
      '[::ffff:169.254.169.254]',
      '[64:ff9b::a9fe:a9fe]',
      '224.0.0.1',
      '192.0.2.1',
    ]) {
      await refused(`http://${host}:${new URL(sourceBase).port}/x`, /is not a public address/)
    }
  })

  test('refuses a host name that resolves to loopback (the check runs on the resolved address)', async () => {
    await refused(`http://localhost:${new URL(sourceBase).port}/`, /localhost resolves to an address that is not public/)
  })

  test('refuses other schemes, credentials, and a redirect to a private address, another scheme or too many hops', async () => {
    await refused('file:///etc/passwd', /file: addresses are not fetched/)
    await refused('gopher://example.org/', /gopher: addresses are not fetched/)
    await refused('http://user:secret@example.org/', /credentials/)
    const loopbackOk = { ...FETCH_LIMITS, allowLoopback: true }
    // Loopback is allowed here, so these fail only because each redirect is checked again.
    for (const [location, pattern] of [
      ['http://10.0.0.1/admin', /10\.0\.0\.1 is not a public address/],
      ['http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is not a public address/],
      ['file:///etc/passwd', /file: addresses are not fetched/],
    ] as const) {
      const path = newPath()
      pages.set(path, { status: 302, location })
      await refused(`${sourceBase}${path}`, pattern, loopbackOk)
    }
    const chain = Array.from({ length: 7 }, newPath)
    for (const [i, path] of chain.entries()) pages.set(path, { status: 301, location: chain[i + 1] ?? '/end' })
    await refused(`${sourceBase}${chain[0]}`, /more than 5 redirects/, loopbackOk)
    const five = chain.slice(2)
    pages.set('/end', { body: 'arrived' })
    assert.equal((await fetchSource(`${sourceBase}${five[0]}`, loopbackOk)).body, 'arrived', 'five redirects are followed')
  })

  test('gives up after the timeout and beyond 1 MiB', async () => {
    const slow = newPath()
    pages.set(slow, { hang: true })
    const started = Date.now()
    await refused(`${sourceBase}${slow}`, /no answer within 0.3 s/, { ...FETCH_LIMITS, allowLoopback: true, timeoutMs: 300 })
    assert.ok(Date.now() - started < 2000)
    assert.equal(FETCH_LIMITS.timeoutMs, 5000)
    const big = newPath()
    pages.set(big, { body: 'x'.repeat(FETCH_LIMITS.maxBytes + 1) })
    await refused(`${sourceBase}${big}`, /larger than 1024 KiB/, { ...FETCH_LIMITS, allowLoopback: true })
  })
})
