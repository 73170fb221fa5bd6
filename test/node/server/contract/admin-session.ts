import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { uniqueThread } from '../helpers/client.js'
import { CONSOLE_ORIGIN, ConsoleClient, signedIn } from '../helpers/console.js'

export function adminSession(env: Env) {
  describe('admin sessions', () => {
    test('signing in sets an HttpOnly, SameSite=Strict cookie on the admin path that lasts --admin-session; the answer names the owner', async () => {
      const page = new ConsoleClient(clientFor(env, { publicUrl: 'http://comments.example', adminSessionMs: 30 * 60_000, ownerName: 'Jo Owner' }))
      const res = await page.client.call('POST', '/api/v1/admin/session', {
        json: { token: 'admin-token-for-tests-0123456789' },
        origin: 'http://comments.example',
        headers: { 'x-palaver-admin': '1' },
      })
      assert.equal(res.status, 200)
      assert.equal(res.headers.get('cache-control'), 'no-store')
      assert.deepEqual(res.json.owner, { name: 'Jo Owner' })
      assert.equal(res.json.expiresAt, new Date(page.client.clock.now() + 30 * 60_000).toISOString())
      const cookie = res.headers.get('set-cookie') ?? ''
      assert.match(cookie, /^palaver_admin=[\w-]{43};/)
      for (const part of ['HttpOnly', 'SameSite=Strict', 'Path=/api/v1/admin', 'Max-Age=1800']) assert.ok(cookie.includes(part), part)
      assert.ok(!cookie.includes('Secure'), 'plain http has no Secure cookie')
      const https = await signedIn(env)
      assert.ok(https.cookie)
      const again = await https.signIn()
      assert.match(again.headers.get('set-cookie') ?? '', /; Secure/, '--public-url https: Secure')
    })

    test('the cookie signs the page in for every admin route; GET /session tells the page it is', async () => {
      const page = await signedIn(env)
      const session = await page.call('GET', '/session')
      assert.equal(session.status, 200)
      assert.equal(typeof session.json.expiresAt, 'string')
      assert.equal((await page.call('GET', '/comments')).status, 200)
      assert.equal((await page.call('GET', '/comments', { headers: { 'x-palaver-admin': '' } })).status, 200, 'reads need no header')
    })

    test('no session and no bearer is 401, on every route and on GET /session', async () => {
      const page = new ConsoleClient(clientFor(env, { publicUrl: CONSOLE_ORIGIN }))
      for (const [method, path] of [
        ['GET', '/session'],
        ['GET', '/comments'],
        ['POST', '/comments/abc/approve'],
        ['GET', '/threads'],
        ['GET', '/settings'],
        ['GET', '/events'],
      ] as const) {
        const res = await page.call(method, path)
        assert.equal(res.status, 401, `${method} ${path}`)
        assert.equal(res.headers.get('content-type'), 'application/problem+json')
      }
    })

    test('a cookie without the header, or from an origin that is not the server itself, changes nothing (403 csrf)', async () => {
      const page = await signedIn(env, { moderation: 'all' })
      const { comment } = await page.client.posted({ thread: uniqueThread() })
      const approve = `/comments/${comment.id}/approve`
      const noHeader = await page.call('POST', approve, { headers: { 'x-palaver-admin': '' } })
      assert.equal(noHeader.status, 403)
      assert.equal(noHeader.json.type, 'urn:palaver:problem:csrf')
      const embedding = await page.call('POST', approve, { origin: 'https://blog.example' })
      assert.equal(embedding.status, 403, 'an allowed embedding origin is not the console')
      assert.equal(embedding.json.kind, 'csrf')
      const foreign = await page.call('POST', approve, { origin: 'https://evil.example' })
      assert.equal(foreign.status, 403)
      assert.equal((await page.client.store.comment(comment.id))?.status, 'pending', 'nothing was approved')
      assert.equal((await page.call('POST', approve)).status, 200, 'the page itself may')
      const signInNoHeader = await page.client.call('POST', '/api/v1/admin/session', { json: { token: 'x' }, origin: CONSOLE_ORIGIN })
      assert.equal(signInNoHeader.json.kind, 'csrf', 'signing in needs the header too')
    })

    test('an expired session is 401', async () => {
      const page = await signedIn(env, { adminSessionMs: 60_000 })
      page.client.clock.advance(59_000)
      assert.equal((await page.call('GET', '/comments')).status, 200)
      page.client.clock.advance(1_000)
      assert.equal((await page.call('GET', '/comments')).status, 401)
      assert.equal((await page.call('GET', '/session')).status, 401)
    })

    test('signing out deletes the session: the cookie works nowhere after, in no process', async () => {
      const page = await signedIn(env)
      const other = new ConsoleClient(page.client.restarted())
      other.cookie = page.cookie
      assert.equal((await other.call('GET', '/comments')).status, 200, 'another process knows the session')
      const out = await page.call('DELETE', '/session')
      assert.equal(out.status, 204)
      assert.match(out.headers.get('set-cookie') ?? '', /palaver_admin=;.*Max-Age=0/)
      assert.equal((await page.call('GET', '/comments')).status, 401)
      assert.equal((await other.call('GET', '/comments')).status, 401)
      assert.equal((await page.call('DELETE', '/session', { headers: { 'x-palaver-admin': '' } })).json.kind, 'csrf')
    })

    test('a wrong token at sign-in is 401 and counts toward the lockout like a wrong bearer', async () => {
      const page = new ConsoleClient(clientFor(env, { publicUrl: CONSOLE_ORIGIN, tokenFailureLimit: { burst: 3, perMinute: 1 } }))
      for (let i = 0; i < 3; i++) {
        const res = await page.signIn(`guess-${i}`)
        assert.equal(res.status, 401)
        assert.equal(res.headers.get('set-cookie'), null)
      }
      assert.equal((await page.signIn()).status, 429, 'locked out, even with the right token')
      assert.equal((await page.client.admin('GET', '/comments')).status, 429, 'bearer and sign-in share the count')
      const bad = await page.client.call('POST', '/api/v1/admin/session', { json: { token: 5 }, origin: CONSOLE_ORIGIN, headers: { 'x-palaver-admin': '1' } })
      assert.equal(bad.status, 429)
      const fresh = new ConsoleClient(clientFor(env, { publicUrl: CONSOLE_ORIGIN }))
      const wrongShape = await fresh.client.call('POST', '/api/v1/admin/session', {
        json: { token: 5 },
        origin: CONSOLE_ORIGIN,
        headers: { 'x-palaver-admin': '1' },
      })
      assert.equal(wrongShape.status, 422)
      assert.equal(wrongShape.json.codes.token, 'invalid')
    })
  })
}
