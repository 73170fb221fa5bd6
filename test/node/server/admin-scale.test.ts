/**
 * The admin queue at 10,000 pending comments (issue 10: "a queue of 10,000 pending
 * comments stays responsive"), on a real SQLite file and a real PostgreSQL database: the
 * first page, a page deep into the queue by cursor, one thread's queue and a search, each
 * timed through the app (the route, the query, the counts and the JSON). The times are
 * printed as diagnostics; the bounds are loose because the machine is shared.
 */
import assert from 'node:assert/strict'
import { performance } from 'node:perf_hooks'
import { after, before, describe, test } from 'node:test'
import { sql } from 'kysely'
import { Store } from '../../../src/server/store.js'
import { TestClient } from './helpers/client.js'
import { DIALECTS, type TestDatabase } from './helpers/dialects.js'
import { commentRow } from './helpers/rows.js'

const PENDING = 10_000
const THREADS = 50

for (const open of DIALECTS) {
  describe(`admin list at ${PENDING} pending (${open.name.replace('Database', '')})`, () => {
    let database: TestDatabase
    let store: Store
    let client: TestClient

    before(async () => {
      database = await open()
      store = await Store.open(database.location)
      const rows = []
      for (let i = 0; i < PENDING; i++) {
        const thread = `/scale/${i % THREADS}`
        rows.push(
          commentRow(thread, {
            status: 'pending',
            held: 1,
            hold_reason: 'moderation-all',
            body_text: `Pending number ${i} waits`,
            author_email: `w${i}@example.org`,
          }),
        )
        // As many published ones beside them, as a site with a backlog would have.
        rows.push(commentRow(thread))
      }
      for (let t = 0; t < THREADS; t++) await store.ensureThread(`/scale/${t}`, null, rows[0]!.created_at)
      for (let i = 0; i < rows.length; i += 500)
        await store.db
          .insertInto('comments')
          .values(rows.slice(i, i + 500))
          .execute()
      if (store.dialect === 'postgres') await sql`analyze comments`.execute(store.db)
      client = new TestClient(store)
    })

    after(async () => {
      await store?.close()
      await database?.drop()
    })

    /** The median of five runs of the request, in ms. */
    async function timed(path: string, check: (json: any) => void): Promise<number> {
      const times: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = performance.now()
        const res = await client.admin('GET', path)
        times.push(performance.now() - start)
        assert.equal(res.status, 200, res.text)
        check(res.json)
      }
      return times.sort((a, b) => a - b)[2]!
    }

    test('the first page, a deep page, one thread and a search stay fast', async (t) => {
      const first = await timed('/comments?status=pending&limit=50', (json) => {
        assert.equal(json.comments.length, 50)
        assert.equal(json.counts.pending, PENDING)
        assert.equal(json.counts.approved, PENDING)
      })
      let cursor: string | null = null
      for (let page = 0; page < 100; page++) {
        const res = await client.admin('GET', `/comments?status=pending&limit=50${cursor ? `&cursor=${cursor}` : ''}`)
        cursor = res.json.nextCursor
      }
      assert.ok(cursor)
      const deep = await timed(`/comments?status=pending&limit=50&cursor=${cursor}`, (json) => assert.equal(json.comments.length, 50))
      const thread = await timed(`/comments?status=pending&thread=${encodeURIComponent('/scale/7')}`, (json) => {
        assert.equal(json.comments.length, 50)
        assert.equal(json.counts.pending, PENDING / THREADS)
      })
      const search = await timed('/comments?status=pending&q=number%20777%20w', (json) => {
        assert.deepEqual(
          json.comments.map((c: any) => c.bodyText),
          ['Pending number 777 waits'],
        )
      })
      t.diagnostic(
        `${store.dialect}: first page ${first.toFixed(1)} ms, page 101 ${deep.toFixed(1)} ms, one thread ${thread.toFixed(1)} ms, search ${search.toFixed(1)} ms (median of 5)`,
      )
      console.log(
        `admin-scale ${store.dialect}: first ${first.toFixed(1)} ms, deep ${deep.toFixed(1)} ms, thread ${thread.toFixed(1)} ms, search ${search.toFixed(1)} ms`,
      )
      assert.ok(first < 300, `first page ${first} ms`)
      assert.ok(deep < 300, `deep page ${deep} ms`)
      assert.ok(thread < 300, `thread ${thread} ms`)
      assert.ok(search < 1500, `search ${search} ms`)
    })
  })
}
