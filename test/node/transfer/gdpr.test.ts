/**
 * A reader's data on request, on SQLite and PostgreSQL: the admin API's export by address
 * (case and spaces do not matter) and erasure (irreversible, confirmed, the threads keep
 * their shape, readers see placeholders, logs never name the address), the same through
 * `palaver gdpr`, and the admin export endpoint.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { DEFAULT_MAIL_LINK_TTL_MS } from '../../../src/server/options.js'
import { exportJson } from '../../../src/server/transfer/export.js'
import { runCli } from '../server/helpers/process.js'
import { SECRET, TestClient } from '../server/helpers/client.js'
import { bySource, eachDialect, importInto, WXR } from './helpers.js'

const THREAD = '/gdpr/post'

async function discussion(client: TestClient) {
  const ann = await client.posted({
    thread: THREAD,
    title: 'A post',
    author: { name: 'Ann', email: 'Ann@Example.org', url: 'https://ann.example/' },
    body: 'Ann, first.',
  })
  client.clock.advance(1000)
  const bob = await client.posted({ thread: THREAD, parentId: ann.comment.id, author: { name: 'Bob', email: 'bob@example.org' }, body: 'Bob answers Ann.' })
  client.clock.advance(1000)
  const annAgain = await client.posted({
    thread: THREAD,
    parentId: bob.comment.id,
    author: { name: 'Ann E.', email: 'ann@example.ORG' },
    body: 'Ann again, other capitals.',
  })
  client.clock.advance(1000)
  await client.posted({ thread: '/gdpr/other', author: { name: 'Ann', email: 'ann@example.org' }, body: 'Ann elsewhere.' })
  return { ann, bob, annAgain }
}

eachDialect('GDPR export and erase', (fresh) => {
  test('GET /admin/gdpr?email= returns every comment of the address, whatever its capitals and spaces, and nobody else’s', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    await discussion(client)
    await importInto(store, WXR, { format: 'wxr' })
    const res = await client.admin('GET', `/gdpr?email=${encodeURIComponent('  ANN@example.org ')}`)
    assert.equal(res.status, 200)
    assert.equal(res.headers.get('cache-control'), 'no-store')
    assert.equal(res.json.email, 'ann@example.org')
    assert.deepEqual(
      res.json.comments.map((c: any) => [c.thread, c.author.name, c.body]),
      [
        [THREAD, 'Ann', 'Ann, first.'],
        [THREAD, 'Ann E.', 'Ann again, other capitals.'],
        ['/gdpr/other', 'Ann', 'Ann elsewhere.'],
      ],
    )
    const first = res.json.comments[0]
    assert.equal(first.threadTitle, 'A post')
    assert.equal(first.author.email, 'Ann@Example.org')
    assert.equal(first.author.url, 'https://ann.example/')
    assert.equal(first.ipPrefix, '203.0.113.0/24')
    assert.deepEqual(res.json.subscriptions, [])

    const imported = await client.admin('GET', `/gdpr?email=${encodeURIComponent('zoe.angstrom@example.org')}`)
    assert.deepEqual(
      imported.json.comments.map((c: any) => c.author.name),
      ['Zoë Ångström'],
      'imported comments are found too',
    )
  })

  test('the GDPR routes need the admin token and an address', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    assert.equal((await client.call('GET', '/api/v1/admin/gdpr?email=ann%40example.org')).status, 401)
    assert.equal((await client.call('POST', '/api/v1/admin/gdpr/erase', { json: { email: 'ann@example.org', confirm: 'ann@example.org' } })).status, 401)
    assert.equal((await client.call('GET', '/api/v1/admin/export')).status, 401)
    const missing = await client.admin('GET', '/gdpr')
    assert.equal(missing.status, 400)
    assert.equal(missing.json.codes.email, 'required')
    assert.equal((await client.admin('GET', '/gdpr?email=not-an-address')).json.codes.email, 'invalid')
  })

  test('erasing needs the address again, then erases every comment of it for good and keeps the threads’ shape', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    const { ann, bob, annAgain } = await discussion(client)
    const before = await client.list(THREAD)

    const unconfirmed = await client.admin('POST', '/gdpr/erase', { json: { email: 'ann@example.org' } })
    assert.equal(unconfirmed.status, 422)
    assert.equal(unconfirmed.json.codes.confirm, 'invalid')
    assert.equal((await store.comment(ann.comment.id))!.author_name, 'Ann', 'nothing erased without the confirmation')

    const res = await client.admin('POST', '/gdpr/erase', { json: { email: 'ANN@example.org', confirm: ' ann@example.org' } })
    assert.equal(res.status, 200)
    assert.deepEqual(res.json, { erased: 3, threads: 2, subscriptions: 0 })
    for (const id of [ann.comment.id, annAgain.comment.id]) {
      const row = (await store.comment(id))!
      assert.deepEqual(
        [row.status, row.author_name, row.author_email, row.author_url, row.author_key, row.body_text, row.body_html, row.ip_prefix, row.edit_token_hash],
        ['deleted', '', '', null, null, '', '', null, null],
      )
    }
    assert.equal((await store.comment(bob.comment.id))!.author_name, 'Bob', 'other people’s comments stay')

    const after = await client.list(THREAD, {}, { headers: { 'if-none-match': before.headers.get('etag')! } })
    assert.equal(after.status, 200, 'the thread changed: the old ETag no longer matches')
    assert.deepEqual(
      after.json.comments.map((c: any) => [c.status, c.author.name, c.parentId]),
      [
        ['deleted', '', null],
        ['approved', 'Bob', ann.comment.id],
      ],
      'Ann’s first comment is a placeholder holding Bob’s reply; her reply to Bob, without replies, is gone',
    )
    assert.equal((await client.admin('GET', '/gdpr?email=ann%40example.org')).json.comments.length, 0)
    assert.ok(client.logs.some((line) => /gdpr erase: 3 comments in 2 threads erased/.test(line)))
    assert.ok(
      client.logs.every((line) => !/ann@|Ann@/i.test(line)),
      'the log never names the address',
    )
  })

  test('the reader’s reply subscriptions are in the export, and erasing ends them with the digests still waiting for them', async () => {
    const store = await fresh.store()
    const mail = { from: 'Comments <c@blog.example>', notifyOwner: null, notifyOwnerAll: false, linkTtlMs: DEFAULT_MAIL_LINK_TTL_MS }
    const client = new TestClient(store, { publicUrl: 'https://comments.blog.example', mail })
    const ann = await client.posted({ thread: THREAD, author: { name: 'Ann', email: 'Ann@Example.org' }, body: 'Tell me about replies.', notify: true })
    await client.posted({ thread: '/gdpr/other', author: { name: 'Bob', email: 'bob@example.org' }, body: 'Me too.', notify: true })
    client.clock.advance(1000)
    await client.posted({ thread: THREAD, parentId: ann.comment.id, author: { name: 'Bob', email: 'bob@example.org' }, body: 'A reply for Ann.' })
    const queuedForAnn = () =>
      store.db.selectFrom('mail_queue').select('id').where('recipient', '=', 'Ann@Example.org').where('status', '=', 'queued').execute()
    assert.equal((await queuedForAnn()).length, 1, 'a digest waits for Ann')

    const exported = await client.admin('GET', `/gdpr?email=${encodeURIComponent('ann@example.org')}`)
    assert.deepEqual(
      exported.json.subscriptions.map((s: any) => [s.thread, s.email]),
      [[THREAD, 'Ann@Example.org']],
    )
    assert.equal(typeof exported.json.subscriptions[0].createdAt, 'string')

    const res = await client.admin('POST', '/gdpr/erase', { json: { email: 'ann@example.org', confirm: 'ann@example.org' } })
    assert.deepEqual(res.json, { erased: 1, threads: 1, subscriptions: 1 })
    assert.equal((await queuedForAnn()).length, 0, 'the waiting digest is gone')
    assert.equal((await store.db.selectFrom('mail_items').select('mail_id').execute()).length, 0, 'and its items')
    const left = await store.db.selectFrom('mail_subscriptions').select(['thread_key', 'email']).execute()
    assert.deepEqual(left, [{ thread_key: '/gdpr/other', email: 'bob@example.org' }], 'Bob’s subscription stays')
    assert.deepEqual((await client.admin('GET', '/gdpr?email=ann%40example.org')).json.subscriptions, [])
    assert.ok(client.logs.some((line) => /gdpr erase: 1 comments in 1 threads erased, 1 subscriptions ended/.test(line)))
  })

  test('an erased comment stays erased when the file it came from is imported again', async () => {
    const store = await fresh.store()
    await importInto(store, WXR, { format: 'wxr' })
    const client = new TestClient(store)
    await client.admin('POST', '/gdpr/erase', { json: { email: 'zoe.angstrom@example.org', confirm: 'zoe.angstrom@example.org' } })
    await importInto(store, WXR, { format: 'wxr' })
    const zoe = (await bySource(store, '/blog/2019/05/gruesse-aus-koeln')).get('wxr:101')!
    assert.deepEqual([zoe.status, zoe.author_name, zoe.body_text], ['deleted', '', ''])
  })

  test('GET /admin/export streams the same document as palaver export', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    await discussion(client)
    const res = await client.admin('GET', '/export')
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type')!, /^application\/json/)
    assert.match(res.headers.get('content-disposition')!, /attachment; filename="palaver-export.json"/)
    let expected = ''
    await exportJson(
      store.db,
      async (chunk) => {
        expected += chunk
      },
      { thread: null, now: JSON.parse(res.text).exportedAt },
    )
    assert.equal(res.text, expected)
    const wxr = await client.admin('GET', `/export?format=wxr&thread=${encodeURIComponent(THREAD)}`)
    assert.equal(wxr.status, 200)
    assert.equal(wxr.text.match(/<wp:comment>/g)?.length, 3)
    assert.equal((await client.admin('GET', '/export?format=csv')).json.codes.format, 'invalid')
  })

  test('palaver gdpr export and erase on the command line', async () => {
    const store = await fresh.store()
    await discussion(new TestClient(store))
    const database = ['--database', fresh.location(), '--secret', SECRET]
    const exported = await runCli(['gdpr', 'export', 'ANN@example.org', ...database])
    assert.equal(exported.code, 0, exported.stderr)
    assert.equal(JSON.parse(exported.stdout).comments.length, 3)

    const refused = await runCli(['gdpr', 'erase', 'ann@example.org', ...database])
    assert.equal(refused.code, 2, 'not on a terminal and without --yes')
    assert.match(refused.stderr, /^palaver: erasing cannot be undone: run it on a terminal to confirm, or add --yes\n$/)
    assert.equal((await runCli(['gdpr', 'erase', 'not-an-address', '--yes', ...database])).code, 2)

    const erased = await runCli(['gdpr', 'erase', 'ann@example.org', '--yes', ...database])
    assert.equal(erased.code, 0, erased.stderr)
    assert.equal(erased.stdout, 'Erased 3 comments in 2 threads; ended 0 reply subscriptions.\n')
    assert.doesNotMatch(erased.stdout + erased.stderr, /ann@/i)
    assert.equal(JSON.parse((await runCli(['gdpr', 'export', 'ann@example.org', ...database])).stdout).comments.length, 0)
    assert.equal((await runCli(['gdpr', 'erase', 'ann@example.org', '--yes', ...database])).stdout, 'Nothing is stored for that address.\n')
  })
})
