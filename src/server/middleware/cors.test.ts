import assert from 'node:assert/strict'
import { test } from 'node:test'
import { miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { notFound } from '../problem.js'
import { crossOrigin, PREFLIGHT_MAX_AGE_SECONDS, refuseForeignPages } from './cors.js'

const ALLOWED = 'https://blog.example'
const app = miniApp()
app.use(
  '*',
  crossOrigin((origin) => origin === ALLOWED),
)
app.get('/x', (c) => c.text('read'))
app.post('/x', (c) => c.text('written'))
app.get('/fails', () => {
  throw notFound('Nothing here.')
})
app.get('/own', () => new Response('made by the handler', { headers: { 'content-type': 'text/plain' } }))

const call = (method: string, origin?: string, headers: Record<string, string> = {}) =>
  app.request('/x', { method, headers: { ...(origin ? { origin } : {}), ...headers } })

test('crossOrigin: an allowed origin is echoed with the exposed headers and Vary: Origin', async () => {
  const res = await call('GET', ALLOWED)
  assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED)
  assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag.*Retry-After/)
  assert.match(res.headers.get('vary') ?? '', /Origin/)
  assert.equal(res.headers.get('access-control-allow-credentials'), null)
})

test('crossOrigin: error answers and Responses a handler made itself carry the same headers (the widget reads problems across origins)', async () => {
  for (const path of ['/fails', '/own']) {
    const res = await app.request(path, { headers: { origin: ALLOWED } })
    assert.equal(res.headers.get('access-control-allow-origin'), ALLOWED, path)
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /ETag/, path)
    assert.match(res.headers.get('vary') ?? '', /Origin/, path)
  }
  assert.equal((await app.request('/fails', { headers: { origin: ALLOWED } })).status, 404)
})

test('crossOrigin: a read from another origin is answered without Access-Control-Allow-Origin', async () => {
  for (const origin of ['https://evil.example', `${ALLOWED}.evil.example`, 'null']) {
    const res = await call('GET', origin)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('access-control-allow-origin'), null, origin)
  }
})

test('crossOrigin: a preflight from an allowed origin is 204 with methods, headers and a day of max-age', async () => {
  const res = await call('OPTIONS', ALLOWED, { 'access-control-request-method': 'PATCH' })
  assert.equal(res.status, 204)
  assert.equal(res.headers.get('access-control-max-age'), String(PREFLIGHT_MAX_AGE_SECONDS))
  assert.equal(res.headers.get('access-control-allow-methods'), 'GET,POST,PATCH,DELETE')
  assert.match(res.headers.get('access-control-allow-headers') ?? '', /Authorization.*Idempotency-Key.*X-Palaver-Tokens.*Last-Event-ID/)
})

test('crossOrigin: preflights and writes from another origin are refused with a 403 problem', async () => {
  for (const method of ['OPTIONS', 'POST']) {
    const res = await call(method, 'https://evil.example')
    assert.equal(res.status, 403, method)
    assert.equal(res.headers.get('content-type'), 'application/problem+json')
    assert.equal(res.headers.get('access-control-allow-origin'), null)
  }
  assert.equal((await call('POST')).status, 200, 'a write without Origin (curl, a server) is not a browser on another site')
})

test("refuseForeignPages: other sites' pages are turned away, by Origin or, without one, by Sec-Fetch-Site", async () => {
  const admin = miniApp()
  admin.get(
    '/',
    refuseForeignPages((origin) => origin === ALLOWED),
    (c) => c.text('ok'),
  )
  const status = async (headers: Record<string, string>) => (await admin.request('/', { headers })).status
  assert.equal(await status({}), 200, 'curl and servers send neither')
  assert.equal(await status({ origin: ALLOWED, 'sec-fetch-site': 'cross-site' }), 200)
  assert.equal(await status({ 'sec-fetch-site': 'same-origin' }), 200)
  assert.equal(await status({ 'sec-fetch-site': 'none' }), 200, 'typed into the address bar')
  assert.equal(await status({ origin: 'https://evil.example' }), 403)
  assert.equal(await status({ 'sec-fetch-site': 'cross-site' }), 403)
  assert.equal(await status({ 'sec-fetch-site': 'same-site' }), 403)
})
