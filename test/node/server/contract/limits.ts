import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { CLIENT_V6, uniqueThread } from '../helpers/client.js'

export function limits(env: Env) {
  describe('limits and malformed requests', () => {
    test('a request body over 64 KiB is 413 before parsing, with or without Content-Length', async () => {
      const client = clientFor(env)
      const big = JSON.stringify({ thread: '/x', body: 'z'.repeat(70_000) })
      const declared = await client.call('POST', '/api/v1/comments', { body: big, headers: { 'content-type': 'application/json' } })
      assert.equal(declared.status, 413)
      assert.equal(declared.json.status, 413)

      // Chunked: no Content-Length, and the bytes never end in valid JSON.
      let sent = 0
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent > 200_000) return controller.close()
          sent += 16_384
          controller.enqueue(new Uint8Array(16_384).fill(0x7b))
        },
      })
      const chunked = await client.call('POST', '/api/v1/comments', { body: stream, headers: { 'content-type': 'application/json' } })
      assert.equal(chunked.status, 413)
      assert.ok(sent < 200_000, 'reading stopped at the limit')
    })

    test('a wrong content type is 415, broken JSON 400, a non-object 422', async () => {
      const client = clientFor(env)
      const form = await client.call('POST', '/api/v1/comments', { body: 'thread=/x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
      assert.equal(form.status, 415)
      const none = await client.call('POST', '/api/v1/comments', { body: '{}' })
      assert.equal(none.status, 415)
      const broken = await client.call('POST', '/api/v1/comments', { body: '{"thread": ', headers: { 'content-type': 'application/json' } })
      assert.equal(broken.status, 400)
      assert.equal(broken.json.kind, 'validation')
      const badUtf8 = await client.call('POST', '/api/v1/comments', {
        body: new Uint8Array([0x7b, 0xff, 0x7d]),
        headers: { 'content-type': 'application/json' },
      })
      assert.equal(badUtf8.status, 400)
      for (const json of [[], 'text', 42, null]) {
        const res = await client.call('POST', '/api/v1/comments', { json })
        assert.equal(res.status, 422, JSON.stringify(json))
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
      }
    })

    test('no input makes the server fail: odd shapes and values get 4xx problems', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const formToken = await client.formToken(thread)
      const odd: unknown[] = [
        { thread: 42 },
        { thread, author: 'Ann', body: 'x', formToken },
        { thread, author: { name: ['a'], email: {}, url: 7 }, body: 'x', formToken },
        { thread, author: { name: 'A', email: 'a@example.org' }, body: { html: '<b>' }, formToken },
        { thread, parentId: 12, author: { name: 'A', email: 'a@example.org' }, body: 'x', formToken },
        { thread, title: ['t'], author: { name: 'A', email: 'a@example.org' }, body: 'x', formToken },
        { thread, author: { name: 'A', email: 'a@example.org' }, body: 'x', formToken: 5, trap: false },
        { __proto__: { polluted: true }, constructor: { prototype: {} }, thread },
        { thread: '\u0000', author: { name: '\ud800', email: 'a@example.org' }, body: '\u0000', formToken },
      ]
      for (const json of odd) {
        const res = await client.call('POST', '/api/v1/comments', { json })
        assert.ok(res.status >= 400 && res.status < 500, `${res.status} for ${JSON.stringify(json)}`)
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
      }
      const paths = [
        ['GET', '/api/v1/comments/%E0%A4%A'],
        ['GET', '/api/v1/comments?thread=%'],
        ['GET', '/api/v1/comments?thread=%00'],
        ['GET', '/api/v1/comments?thread=/x&cursor=WyIyMDI2IiwiXHUwMDAwIl0'],
        ['GET', '/api/v1/counts?thread'],
        ['GET', '/api/v1/counts?thread=a%00'],
        ['GET', '/api/v1/events'],
        ['PATCH', '/api/v1/comments/%00'],
        ['DELETE', '/api/v1/comments/' + 'x'.repeat(5000)],
        ['POST', '/api/v1/admin/comments/%00/approve'],
      ]
      for (const [method, path] of paths) {
        const res = await client.call(method!, path!, { headers: { authorization: 'Bearer x' } })
        assert.ok(res.status < 500, `${res.status} for ${method} ${path}`)
        if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json')
      }
      const nul = await client.post({ thread, body: 'a\u0000b' })
      assert.equal(nul.status, 400)
      assert.deepEqual(client.logs, [], 'nothing failed inside')
    })

    test('a client that goes away mid-request is not logged as a failure', async () => {
      const client = clientFor(env)
      const gone = new AbortController()
      let sent = false
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!sent) {
            sent = true
            controller.enqueue(new TextEncoder().encode('{"thread":"/aborted","body":"half'))
            return
          }
          // What Node's request stream does when the connection closes before the body ends.
          gone.abort()
          controller.error(new Error('aborted'))
        },
      })
      const res = await client.app.request('/api/v1/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://blog.example', 'x-forwarded-for': '203.0.113.57' },
        body,
        signal: gone.signal,
        duplex: 'half',
      } as RequestInit)
      await res.text()
      assert.deepEqual(client.logs, [])
    })

    test('unknown routes and ids are 404 problems', async () => {
      const client = clientFor(env)
      const route = await client.call('GET', '/api/v1/nothing')
      assert.equal(route.status, 404)
      assert.equal(route.json.kind, 'not-found')
      const patch = await client.call('PATCH', '/api/v1/comments/nope', { json: { body: 'x' }, headers: { authorization: 'Bearer abc' } })
      assert.equal(patch.status, 404)
      assert.equal(patch.json.kind, 'not-found')
    })

    test('writes are limited per client network by a token bucket, with Retry-After', async () => {
      const client = clientFor(env, { writeLimit: { burst: 2, perMinute: 6 } })
      const thread = uniqueThread()
      assert.equal((await client.post({ thread })).status, 201)
      assert.equal((await client.post({ thread, body: 'the second' }, { ip: '203.0.113.99' })).status, 201, 'same /24, same bucket')
      const third = await client.post({ thread })
      assert.equal(third.status, 429)
      assert.equal(third.json.kind, 'rate-limited')
      assert.equal(third.headers.get('retry-after'), '10')
      assert.equal((await client.post({ thread }, { ip: '198.51.100.7' })).status, 201, 'another network has its own bucket')

      assert.equal((await client.post({ thread }, { ip: CLIENT_V6 })).status, 201)
      assert.equal((await client.post({ thread }, { ip: '2001:db8:85a3:ffff::9' })).status, 201, 'same /48')
      assert.equal((await client.post({ thread }, { ip: '2001:db8:85a3:1::1' })).status, 429, 'the /48 bucket is empty')
      client.clock.advance(10_000)
      assert.equal((await client.post({ thread })).status, 201, 'a token came back')
    })

    test('the stored client address is only its network prefix', async () => {
      const client = clientFor(env)
      const v4 = await client.posted({ thread: uniqueThread() })
      const v6 = await client.post({ thread: uniqueThread() }, { ip: CLIENT_V6 })
      assert.equal((await env().store.comment(v4.comment.id))?.ip_prefix, '203.0.113.0/24')
      assert.equal((await env().store.comment(v6.json.comment.id))?.ip_prefix, '2001:db8:85a3::/48')
    })
  })
}
