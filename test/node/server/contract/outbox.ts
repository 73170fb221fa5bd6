import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { sql } from 'kysely'
import pg from 'pg'
import { Store } from '../../../../src/server/store.js'
import { uniqueThread } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'
import { commentRow } from '../helpers/rows.js'

const eventsOf = (store: Store, thread: string) =>
  store.db.selectFrom('events').select(['id', 'comment_id']).where('thread_key', '=', thread).orderBy('id').execute()

export function outbox(env: Env) {
  describe('the event outbox', () => {
    test('an event is written in the transaction of its change: a failed change leaves neither', async () => {
      const { store } = env()
      const thread = uniqueThread()
      const row = commentRow(thread)
      await assert.rejects(
        store.change(async (change) => {
          await change.insert(row, null)
          await change.announce(row, row.created_at)
          throw new Error('the process died here')
        }),
        /died/,
      )
      assert.equal(await store.comment(row.id), undefined)
      assert.deepEqual(await eventsOf(store, thread), [])
    })

    test('a comment inserted and announced in one call makes its thread, is stored and heard; a failure after it undoes all three', async () => {
      const { store } = env()
      const [failed, kept] = [commentRow(uniqueThread()), commentRow(uniqueThread())]
      await assert.rejects(
        store.change(async (change) => {
          await change.insert(failed, 'Never', undefined, 'public')
          throw new Error('the process died here')
        }),
        /died/,
      )
      assert.equal(await store.thread(failed.thread_key), undefined)
      assert.equal(await store.comment(failed.id), undefined)
      assert.deepEqual(await eventsOf(store, failed.thread_key), [])

      await store.change((change) => change.insert(kept, 'Kept', { url: 'https://blog.example/kept', lang: 'de' }, 'public'))
      const thread = (await store.thread(kept.thread_key))!
      assert.deepEqual([thread.title, thread.url, thread.lang, Number(thread.version)], ['Kept', 'https://blog.example/kept', 'de', 1])
      assert.equal((await store.comment(kept.id))?.body_text, kept.body_text)
      assert.deepEqual(
        (await eventsOf(store, kept.thread_key)).map((event) => event.comment_id),
        [kept.id],
      )
    })

    test("on PostgreSQL, a reader's post is six round trips: the duplicate check claims the key, the thread, comment and event are written in one (SQLite has no round trips: skipped there)", async (t) => {
      if (env().dialect !== 'postgres') return t.skip('SQLite has no round trips')
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread }) // the thread exists, the settings are read and cached
      const formToken = await client.formToken(thread)
      const statements: string[] = []
      const query = pg.Client.prototype.query
      // Counted at the driver: every query is a round trip. The event hub's read after the
      // commit (woken by NOTIFY, whenever it arrives) is not part of the post.
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text
        if (!/^select "id", "thread_key", "comment_id", "admin_only" from "events"/.test(text)) statements.push(text.split(/\s+/).slice(0, 4).join(' '))
        return (query as (...a: unknown[]) => unknown).apply(this, args)
      } as typeof query
      try {
        assert.equal((await client.post({ thread, formToken }, { key: 'counted' })).status, 201)
      } finally {
        pg.Client.prototype.query = query
      }
      // The thread's row, BEGIN, the duplicate lock, the duplicate check with the
      // Idempotency-Key's claim, the thread's upsert with the comment and its event, COMMIT.
      assert.equal(statements.length, 6, statements.join('\n'))
      assert.match(statements[3]!, /^insert into "idempotency"/)
      assert.match(statements[4]!, /^with write0 as/)
    })

    test('a committed event is there for every process, also one that started after it (no event lost to a crash)', async () => {
      const { store } = env()
      const thread = uniqueThread()
      const row = commentRow(thread, { body_html: '<p>Committed</p>' })
      await store.change(async (change) => {
        await change.insert(row, null)
        await change.announce(row, row.created_at)
      })
      // What a process started after a crash sees: the same database, a fresh hub.
      const restarted = await Store.open(env().location)
      try {
        const replayed = await restarted.events.since(thread, 0)
        assert.deepEqual(
          replayed.map((e) => [e.comment.id, e.comment.html]),
          [[row.id, '<p>Committed</p>']],
        )
      } finally {
        await restarted.close()
      }
    })

    test('event ids follow commit order: a change announcing while another holds the events lock waits for it', async () => {
      const { store } = env()
      const thread = uniqueThread()
      const [a, b] = [commentRow(thread), commentRow(thread)]
      let release = () => {}
      const gate = new Promise<void>((resolve) => (release = resolve))
      let aAnnounced = () => {}
      const announced = new Promise<void>((resolve) => (aAnnounced = resolve))
      const order: string[] = []
      const first = store.change(async (change) => {
        await change.insert(a, null)
        await change.announce(a, a.created_at)
        aAnnounced()
        await gate
        order.push('a commits')
      })
      await announced
      const second = store.change(async (change) => {
        await change.announce(b, b.created_at)
        order.push('b announced')
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      assert.deepEqual(order, [], 'b waits while a holds the lock')
      release()
      await Promise.all([first, second])
      assert.deepEqual(order, ['a commits', 'b announced'])
      const ids = await eventsOf(store, thread)
      assert.deepEqual(
        ids.map((e) => e.comment_id),
        [a.id, b.id],
      )
      assert.ok(Number(ids[0]!.id) < Number(ids[1]!.id))
    })

    test('on PostgreSQL, a change waiting for the events lock has not drawn its event id yet (SQLite has one writer: skipped there)', async (t) => {
      if (env().dialect !== 'postgres') return t.skip('SQLite has one writer')
      const { store } = env()
      // Two threads: b must not wait for a's row of the thread, only for the events lock.
      const [threadA, threadB] = [uniqueThread(), uniqueThread()]
      const [a, b] = [commentRow(threadA), commentRow(threadB)]
      const draw = async () =>
        Number((await sql<{ next: string }>`select nextval(pg_get_serial_sequence('events', 'id')) as next`.execute(store.db)).rows[0]!.next)
      let release = () => {}
      const gate = new Promise<void>((resolve) => (release = resolve))
      let aAnnounced = () => {}
      const announced = new Promise<void>((resolve) => (aAnnounced = resolve))
      const before = await draw()
      const first = store.change(async (change) => {
        await change.insert(a, null)
        await change.announce(a, a.created_at)
        aAnnounced()
        await gate
      })
      await announced
      const second = store.change(async (change) => {
        await change.insert(b, null)
        await change.announce(b, b.created_at)
      })
      await new Promise((resolve) => setTimeout(resolve, 100))
      // a drew before + 1. Had b drawn its id before waiting, this draw would be before + 3,
      // and b's id could be below one an earlier-committing change had already sent.
      assert.equal(await draw(), before + 2)
      release()
      await Promise.all([first, second])
      const [eventA, eventB] = [(await eventsOf(store, threadA))[0]!, (await eventsOf(store, threadB))[0]!]
      assert.deepEqual([Number(eventA.id), Number(eventB.id)], [before + 1, before + 3])
    })
  })
}
