import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BUCKET, behavesAsBucket } from '../../../test/node/server/helpers/buckets.js'
import { miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { HttpProblem, TokenRejected } from '../problem.js'
import { lockout, rateLimit, RateLimiter } from './rate-limit.js'

function clock() {
  let t = 1_000_000
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

test('RateLimiter: a burst passes, then Retry-After seconds until a token is back; peek takes nothing', async () => {
  const time = clock()
  await behavesAsBucket(new RateLimiter(BUCKET, time.now), time.advance)
})

test('RateLimiter: burst 0 turns the limit off', async () => {
  const limiter = new RateLimiter({ burst: 0, perMinute: 0 }, Date.now)
  for (let i = 0; i < 100; i++) assert.equal(await limiter.take('a'), 0)
})

test('rateLimit: every request takes a token; an empty bucket is a 429 problem with Retry-After', async () => {
  const app = miniApp()
  app.post(
    '/',
    rateLimit(new RateLimiter({ burst: 1, perMinute: 1 }, clock().now), (c) => c.req.header('x-net') ?? ''),
    (c) => c.text('ok'),
  )
  assert.equal((await app.request('/', { method: 'POST', headers: { 'x-net': 'a' } })).status, 200)
  const limited = await app.request('/', { method: 'POST', headers: { 'x-net': 'a' } })
  assert.equal(limited.status, 429)
  assert.equal(limited.headers.get('retry-after'), '60')
  assert.equal(((await limited.json()) as any).kind, 'rate-limited')
  assert.equal((await app.request('/', { method: 'POST', headers: { 'x-net': 'b' } })).status, 200)
})

test('lockout: only refused tokens count; once empty, every attempt waits, the right token too', async () => {
  const time = clock()
  const app = miniApp()
  const failed = (error: Error | undefined) => error instanceof TokenRejected
  app.get(
    '/',
    lockout(new RateLimiter({ burst: 2, perMinute: 1 }, time.now), () => 'net', failed),
    (c) => {
      const token = c.req.header('authorization')
      if (token === 'other') throw new HttpProblem(400, 'validation', 'Not a token check.')
      if (token !== 'right') throw new TokenRejected('Wrong token.')
      return c.text('ok')
    },
  )
  const call = async (authorization: string) => (await app.request('/', { headers: { authorization } })).status
  for (let i = 0; i < 5; i++) assert.equal(await call('other'), 400, 'other errors do not count')
  assert.equal(await call('wrong'), 403)
  assert.equal(await call('right'), 200)
  assert.equal(await call('wrong'), 403)
  assert.equal(await call('right'), 429)
  time.advance(60_000)
  assert.equal(await call('right'), 200)
})
