import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PREFLIGHT_MAX_AGE_SECONDS } from '../../../../src/server/middleware/cors.js'
import { clientFor, type Env } from '../helpers/env.js'
import { ORIGIN, uniqueThread } from '../helpers/client.js'

export function origins(env: Env) {
  describe('cross-origin use', () => {
    test('an allowed origin is echoed back; any other gets no CORS headers', async () => {
      const client = clientFor(env)
      const allowed = await client.list(uniqueThread())
      assert.equal(allowed.headers.get('access-control-allow-origin'), ORIGIN)
      assert.match(allowed.headers.get('vary') ?? '', /Origin/)
      assert.match(allowed.headers.get('access-control-expose-headers') ?? '', /Retry-After/)
      const other = await client.list(uniqueThread(), {}, { origin: 'https://evil.example' })
      assert.equal(other.status, 200)
      assert.equal(other.headers.get('access-control-allow-origin'), null)
      const lookalike = await client.list(uniqueThread(), {}, { origin: `${ORIGIN}.evil.example` })
      assert.equal(lookalike.headers.get('access-control-allow-origin'), null, 'exact match only')
    })

    test("every answer carries Hono's secure headers, set so the widget still works from other sites", async () => {
      const client = clientFor(env)
      for (const res of [
        await client.list(uniqueThread()),
        await client.call('GET', '/api/v1/nothing'),
        await client.post({ thread: uniqueThread() }, { origin: 'https://evil.example' }),
      ]) {
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
        assert.equal(res.headers.get('referrer-policy'), 'no-referrer')
        assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin')
        assert.equal(res.headers.get('strict-transport-security'), null, "HSTS is the TLS proxy's to set")
      }
    })

    test('a preflight from an allowed origin is answered with a max-age; others are refused', async () => {
      const client = clientFor(env)
      const headers = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key, x-palaver-tokens' }
      const ok = await client.call('OPTIONS', '/api/v1/comments', { headers })
      assert.equal(ok.status, 204)
      assert.equal(ok.headers.get('access-control-allow-origin'), ORIGIN)
      assert.equal(ok.headers.get('access-control-max-age'), String(PREFLIGHT_MAX_AGE_SECONDS))
      assert.equal(PREFLIGHT_MAX_AGE_SECONDS, 86_400)
      const allowHeaders = (ok.headers.get('access-control-allow-headers') ?? '').toLowerCase()
      for (const name of ['content-type', 'authorization', 'idempotency-key', 'x-palaver-tokens', 'last-event-id']) assert.ok(allowHeaders.includes(name), name)
      assert.match(ok.headers.get('access-control-allow-methods') ?? '', /PATCH/)
      const refused = await client.call('OPTIONS', '/api/v1/comments', { headers, origin: 'https://evil.example' })
      assert.equal(refused.status, 403)
      assert.equal(refused.headers.get('access-control-allow-origin'), null)
    })

    test("the Host header does not make an origin the server's own: Host evil.example with Origin http://evil.example is foreign", async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const headers = { host: 'evil.example' }
      const read = await client.call('GET', `http://evil.example/api/v1/comments?thread=${encodeURIComponent(thread)}`, {
        headers,
        origin: 'http://evil.example',
      })
      assert.equal(read.headers.get('access-control-allow-origin'), null)
      const formToken = await client.formToken(thread)
      const json = { thread, parentId: null, author: { name: 'Eve', email: 'eve@example.org', url: '' }, body: 'Planted', formToken, trap: '' }
      const write = await client.call('POST', 'http://evil.example/api/v1/comments', { json, headers, origin: 'http://evil.example' })
      assert.equal(write.status, 403)
      const proxied = clientFor(env, { trustProxy: true })
      const forwarded = await proxied.call('POST', 'http://comments.blog.example/api/v1/comments', {
        json,
        headers: { host: 'comments.blog.example', 'x-forwarded-proto': 'https' },
        origin: 'https://comments.blog.example',
      })
      assert.equal(forwarded.status, 403, 'nor do X-Forwarded-Proto and Host, even behind a trusted proxy')
    })

    test("--public-url is the server's own origin: its pages may use the API and create threads", async () => {
      const client = clientFor(env, { publicUrl: 'https://comments.blog.example' })
      const thread = uniqueThread()
      const own = { origin: 'https://comments.blog.example' }
      const read = await client.list(thread, {}, own)
      assert.equal(read.headers.get('access-control-allow-origin'), 'https://comments.blog.example')
      assert.equal((await client.post({ thread }, own)).status, 201)
    })

    test('a refused origin is logged once per ten minutes with the flag to add, and nothing else of the request', async () => {
      const client = clientFor(env)
      const thread = uniqueThread('secret-thread')
      const origin = 'https://unlisted-blog.example'
      await client.list(thread, {}, { origin })
      await client.post({ thread }, { origin })
      await client.admin('GET', '/comments', { origin })
      assert.deepEqual(client.logs, [
        `palaver: refused a request from ${origin}, which is not an allowed origin; to embed the widget there, start the server with --origin ${origin} (or add it to PALAVER_ORIGINS)`,
      ])
      client.clock.advance(10 * 60_000)
      await client.list(thread, {}, { origin })
      assert.equal(client.logs.length, 2)
      assert.ok(
        client.logs.every((line) => !line.includes('secret-thread') && !line.includes('203.0.113')),
        'no thread, no address',
      )
      await client.list(thread)
      assert.equal(client.logs.length, 2, 'allowed origins are not logged')
    })

    test('a write from an origin that is not allowed is 403 forbidden', async () => {
      const client = clientFor(env)
      const res = await client.post({ thread: uniqueThread() }, { origin: 'https://evil.example' })
      assert.equal(res.status, 403)
      assert.equal(res.json.kind, 'forbidden')
    })

    test('threads are created only from an allowed origin; an existing one takes posts without Origin', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const noOrigin = await client.post({ thread }, { origin: null })
      assert.equal(noOrigin.status, 403)
      assert.equal(noOrigin.json.kind, 'forbidden')
      const requestOrigin = await client.post({ thread: uniqueThread() }, { origin: 'http://localhost' })
      assert.equal(requestOrigin.status, 403, "the origin of the request URL is not the server's own (--public-url is)")
      assert.equal((await client.post({ thread })).status, 201)
      assert.equal((await client.post({ thread }, { origin: null })).status, 201)
    })
  })
}
