/**
 * The mail queue: retries with backoff, giving up, a dead SMTP server costing the poster
 * nothing (measured), a claim that lapses when a worker died mid-send, and — on one
 * PostgreSQL database — two workers that never send a mail twice, also while replies are
 * being added to the digest they claim.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { MailQueue } from '../../../src/server/mail/queue.js'
import { smtpTransport } from '../../../src/server/mail/transport.js'
import { MAX_ATTEMPTS, MailWorker, retryDelay } from '../../../src/server/mail/worker.js'
import { DEFAULT_MAIL_LINK_TTL_MS } from '../../../src/server/options.js'
import { Store } from '../../../src/server/store.js'
import { SECRET, uniqueThread } from '../server/helpers/client.js'
import { POSTGRES_SELECTED, postgresDatabase, type TestDatabase } from '../server/helpers/dialects.js'
import { ANN, BOB, eachDialect, FROM, freePort, harness, HOUR, OWNER, PUBLIC_URL, withHarness } from './helpers/harness.js'
import { commentOf, deadSmtp, SMTP_PASSWORD, TestSmtp } from './helpers/smtp.js'

const rows = (store: Store) => store.db.selectFrom('mail_queue').selectAll().orderBy('created_at').execute()

/** Anything shaped like an address (logSafe() leaves "…@…" where one was). */
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

eachDialect('mail queue', (store, dialect) => {
  test('a temporary refusal (451) is tried again a minute later and then arrives once; the log names no address', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      h.smtp.refusals.push({ code: 451, message: `Mailbox ${OWNER} busy, try again later` })
      await h.post({ thread: uniqueThread('retry') })
      assert.equal(await h.drain(), 1)
      assert.equal(h.smtp.received.length, 0)
      const [row] = await rows(store())
      assert.equal(row?.status, 'queued')
      assert.equal(row?.attempts, 1)
      assert.equal(h.client.logs.length, 1)
      assert.match(h.client.logs[0]!, /^palaver: mail: a held mail \(\w+\) was not sent \(attempt 1 of 8, next in 1m\): .*451/)
      assert.ok(!EMAIL.test(h.client.logs[0]!), h.client.logs[0])
      assert.ok(!EMAIL.test(row!.last_error!))

      assert.equal(await h.drain(), 0, 'not due yet')
      h.client.clock.advance(retryDelay(1))
      assert.equal(await h.drain(), 1)
      assert.deepEqual((await h.smtp.next()).to, [OWNER])
      h.client.clock.advance(HOUR)
      assert.equal(await h.drain(), 0)
      assert.equal(h.smtp.received.length, 1)
    })
  })

  test('a permanent refusal (550) ends the mail at once, logged without the address', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      h.smtp.refusals.push({ code: 550, message: `No such user ${OWNER}` })
      await h.post({ thread: uniqueThread('permanent') })
      await h.drain()
      const [row] = await rows(store())
      assert.equal(row?.status, 'failed')
      assert.equal(row?.recipient, '', 'a finished row keeps no address')
      assert.match(h.client.logs[0]!, /gave up on a held mail \(\w+\) after 1 attempt\(s\): .*550/)
      assert.ok(!EMAIL.test(h.client.logs.join('\n')))
      h.client.clock.advance(24 * HOUR)
      assert.equal(await h.drain(), 0)
    })
  })

  test('an unreachable SMTP server: retries back off 1, 2, 4 … minutes and give up after 8 attempts', async () => {
    await withHarness(store(), { app: { moderation: 'all' }, smtpUrl: `smtp://palaver:${SMTP_PASSWORD}@127.0.0.1:${await freePort()}` }, async (h) => {
      await h.post({ thread: uniqueThread('unreachable') })
      const waits: number[] = []
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.equal(await h.drain(), 1, `attempt ${attempt}`)
        const [row] = await rows(store())
        if (attempt < MAX_ATTEMPTS) {
          assert.equal(row?.status, 'queued')
          const wait = Date.parse(row!.next_attempt_at) - h.client.clock.now()
          waits.push(wait)
          h.client.clock.advance(wait)
        } else assert.equal(row?.status, 'failed')
      }
      assert.deepEqual(
        waits.map((ms) => ms / 60_000),
        [1, 2, 4, 8, 16, 32, 64],
      )
      assert.equal(h.client.logs.length, MAX_ATTEMPTS)
      assert.match(h.client.logs.at(-1)!, /gave up .* after 8 attempt\(s\)/)
      for (const line of h.client.logs) assert.ok(!line.includes(SMTP_PASSWORD) && !EMAIL.test(line), line)
    })
  })

  test('a dead SMTP server (it accepts and never answers) costs the poster nothing', async () => {
    const dead = await deadSmtp()
    const h = await harness(store(), { app: { moderation: 'all' }, smtpUrl: dead.url, timeouts: { connectionMs: 3000, greetingMs: 3000, socketMs: 3000 } })
    try {
      const thread = uniqueThread('dead')
      await h.post({ thread }) // warms the thread and the statements up
      h.worker.start()
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.ok(dead.connections() > 0, 'the worker is stuck talking to the dead server')
      const latencies: number[] = []
      for (let i = 0; i < 15; i++) {
        const started = performance.now()
        await h.post({ thread })
        latencies.push(performance.now() - started)
      }
      const max = Math.max(...latencies)
      console.log(
        `# post latency with the SMTP server dead (${dialect}): median ${median(latencies).toFixed(1)} ms, max ${max.toFixed(1)} ms over ${latencies.length} posts (SMTP greeting timeout 3000 ms)`,
      )
      assert.ok(max < 1000, `no post waited for SMTP (max ${max.toFixed(0)} ms)`)
      assert.equal((await rows(store())).length, 16, 'every mail is queued, none lost')
    } finally {
      await h.close()
      await dead.close()
    }
  })

  test('a worker that died while sending frees its mail once the claim lapses (10 minutes), and it is sent then', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      await h.post({ thread: uniqueThread('lapsed') })
      const dying = new MailQueue(store().db, store().dialect)
      assert.equal((await dying.claim(10, h.client.clock.now())).length, 1)
      assert.equal(await h.drain(), 0, 'claimed by the other')
      h.client.clock.advance(9 * 60_000)
      assert.equal(await h.drain(), 0)
      h.client.clock.advance(2 * 60_000)
      assert.equal(await h.drain(), 1)
      assert.deepEqual((await h.smtp.next()).to, [OWNER])
    })
  })

  test('replies published while a worker claims the digest each reach the reader exactly once', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('race')
      const ann = await h.post({ thread, author: ANN, notify: true })
      const replies: string[] = []
      const posting = (async () => {
        for (let i = 0; i < 12; i++) {
          const results = await Promise.all([0, 1].map(() => h.post({ thread, author: BOB, parentId: ann.id })))
          replies.push(...results.map((r) => r.id))
        }
      })()
      let draining = true
      // Round after round, each in a turn of the event loop of its own, as the real worker's
      // rounds are (woken by posts and timers): a loop of microtasks alone would starve the
      // rest, group commit's turn (setImmediate) among them.
      const drains = (async () => {
        while (draining) {
          await h.drain()
          await new Promise((resolve) => setImmediate(resolve))
        }
      })()
      await posting
      draining = false
      await drains
      h.client.clock.advance(HOUR)
      await h.drain()
      const mailed = h.smtp.received.flatMap((r) => [...r.mail.text!.matchAll(/#comment-(\w+)/g)].map((m) => m[1]!))
      assert.deepEqual([...mailed].sort(), [...replies].sort(), 'every reply once, none twice')
      assert.ok(h.smtp.received.length <= 2, `one digest now and one an hour later, not ${h.smtp.received.length}`)
    })
  })
})

// Several processes share one PostgreSQL: each is a Store with its own pool and its own worker.
if (POSTGRES_SELECTED) {
  describe('two mail workers on one PostgreSQL database', () => {
    let database: TestDatabase
    let stores: Store[] = []

    before(async () => {
      database = await postgresDatabase()
      stores = [await Store.open(database.location), await Store.open(database.location)]
    })
    after(async () => {
      for (const store of stores) await store.close()
      await database?.drop()
    })

    test('never send the same mail twice, and between them send every one', async () => {
      const smtp = await TestSmtp.start()
      const h = await harness(stores[0]!, { app: { moderation: 'all' }, smtp })
      const mail = { from: FROM, notifyOwner: OWNER, notifyOwnerAll: false, linkTtlMs: DEFAULT_MAIL_LINK_TTL_MS }
      const workers = stores.map(
        (store) =>
          new MailWorker(store, smtpTransport(smtp.url), {
            secret: SECRET,
            publicUrl: PUBLIC_URL,
            mail,
            now: h.client.clock.now,
            log: (line) => h.client.logs.push(line),
            batch: 3,
          }),
      )
      try {
        const thread = uniqueThread('two-workers')
        const posted: string[] = []
        for (let i = 0; i < 40; i++) posted.push((await h.post({ thread, body: `Held comment ${i}` })).id)
        const handled = await Promise.all(workers.flatMap((worker) => [worker.drain(), worker.drain()]))
        assert.equal(
          handled.reduce((a, b) => a + b, 0),
          40,
          `claimed once each: ${handled.join(', ')}`,
        )
        assert.ok(handled[0]! + handled[1]! > 0 && handled[2]! + handled[3]! > 0, `both processes sent some: ${handled.join(', ')}`)

        const mailed = smtp.received.map((r) => commentOf(r.mail.text!))
        assert.equal(mailed.length, 40)
        assert.equal(new Set(mailed).size, 40, 'no comment mailed twice')
        assert.deepEqual([...mailed].sort(), [...posted].sort())
        assert.deepEqual(h.client.logs, [])
        assert.deepEqual(
          (await rows(stores[1]!)).map((r) => r.status).filter((s) => s !== 'sent'),
          [],
        )
      } finally {
        for (const worker of workers) await worker.stop()
        await h.close()
        await smtp.close()
      }
    })
  })
}
