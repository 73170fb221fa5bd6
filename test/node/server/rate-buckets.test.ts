/**
 * The rate-limit buckets PostgreSQL keeps for every process (StoredRateLimiter): the same
 * arithmetic as the in-memory ones, and atomic when requests race for the last tokens.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { StoredRateLimiter } from '../../../src/server/middleware/rate-limit.js'
import { Store } from '../../../src/server/store.js'
import { BUCKET, behavesAsBucket } from './helpers/buckets.js'
import { POSTGRES_SELECTED, postgresDatabase, type TestDatabase } from './helpers/dialects.js'

if (POSTGRES_SELECTED) {
  describe('rate-limit buckets in PostgreSQL', () => {
    let database: TestDatabase
    let store: Store
    let t = 1_000_000
    const now = () => t

    before(async () => {
      database = await postgresDatabase()
      store = await Store.open(database.location)
    })

    after(async () => {
      await store?.close()
      await database?.drop()
    })

    test('a burst passes, then Retry-After seconds until a token is back; peek takes nothing', async () => {
      await behavesAsBucket(new StoredRateLimiter(store, 'writes', BUCKET, now), (ms) => (t += ms))
      assert.equal(await new StoredRateLimiter(store, 'other', BUCKET, now).take('a'), 0, 'buckets are per limiter too')
    })

    test('of 20 racing takes on a burst of 5, exactly 5 pass', async () => {
      const limiter = new StoredRateLimiter(store, 'race', { burst: 5, perMinute: 1 }, now)
      const waits = await Promise.all(Array.from({ length: 20 }, () => limiter.take('net')))
      assert.equal(waits.filter((wait) => wait === 0).length, 5)
    })
  })
}
