/** The token-bucket behaviour every Limiter must show (memory and PostgreSQL alike). */
import assert from 'node:assert/strict'
import type { BucketOptions, Limiter } from '../../../../src/server/middleware/rate-limit.js'

export const BUCKET = { burst: 2, perMinute: 6 } as const satisfies BucketOptions

/** `limiter` is fresh, built with BUCKET on a clock that `advance` moves. */
export async function behavesAsBucket(limiter: Limiter, advance: (ms: number) => void): Promise<void> {
  assert.equal(await limiter.peek('a'), 0)
  assert.equal(await limiter.take('a'), 0)
  assert.equal(await limiter.take('a'), 0)
  assert.equal(await limiter.take('a'), 10)
  assert.equal(await limiter.peek('a'), 10)
  assert.equal(await limiter.take('b'), 0, 'buckets are per key')
  advance(10_000)
  assert.equal(await limiter.peek('a'), 0)
  assert.equal(await limiter.peek('a'), 0, 'peeking twice still leaves the token')
  assert.equal(await limiter.take('a'), 0)
  assert.equal(await limiter.take('a'), 10)
}
