/**
 * POST /api/v1/admin/import on SQLite and PostgreSQL: the admin page's upload runs the
 * CLI's importer on the body — a WXR file imports, the same file again changes nothing,
 * a dry run stores nothing, the format is told from the file, a malformed file is one
 * 422, a body over --max-import is 413; the cookie needs the page's header, no session is 401.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { TestClient } from '../server/helpers/client.js'
import { CONSOLE_ORIGIN, ConsoleClient } from '../server/helpers/console.js'
import type { Store } from '../../../src/server/store.js'
import { DISQUS, eachDialect, issoDatabase, snapshot, WXR } from './helpers.js'

const wxr = readFileSync(WXR)

async function page(store: Store, overrides = {}): Promise<ConsoleClient> {
  const console = new ConsoleClient(new TestClient(store, { publicUrl: CONSOLE_ORIGIN, ...overrides }))
  const res = await console.signIn()
  assert.equal(res.status, 200)
  return console
}

eachDialect('admin import route', (fresh) => {
  test('a WXR upload imports and answers the summary; the same file again changes nothing', async () => {
    const store = await fresh.store()
    const admin = await page(store)
    const first = await admin.call('POST', '/import?format=wxr', { body: wxr, headers: { 'content-type': 'application/xml' } })
    assert.equal(first.status, 200, first.text)
    assert.equal(first.headers.get('cache-control'), 'no-store')
    assert.equal(first.json.format, 'wxr')
    assert.equal(first.json.dryRun, false)
    assert.equal(first.json.threadsCreated, 3)
    assert.ok(first.json.imported > 0)
    assert.equal(typeof first.json.kinds.pingback, 'number')
    assert.equal(typeof first.json.skipped.total, 'number')
    assert.ok(Array.isArray(first.json.skipped.records))
    const after = await snapshot(store)
    assert.equal(after.comments.length, first.json.imported)

    const second = await admin.call('POST', '/import', { body: wxr })
    assert.equal(second.status, 200, second.text)
    assert.equal(second.json.format, 'wxr', 'told from the file')
    assert.equal(second.json.imported, 0)
    assert.equal(second.json.threadsCreated, 0)
    assert.equal(second.json.unchanged, first.json.imported)
    assert.deepEqual(await snapshot(store), after)
  })

  test('a dry run answers what an import would bring and stores nothing', async () => {
    const store = await fresh.store()
    const admin = await page(store)
    const before = await snapshot(store)
    const res = await admin.call('POST', '/import?dryRun=1', { body: readFileSync(DISQUS) })
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json.format, 'disqus')
    assert.equal(res.json.dryRun, true)
    assert.ok(res.json.imported > 0)
    assert.deepEqual(await snapshot(store), before)
  })

  test('an Isso database uploads as a file like the others', async () => {
    const store = await fresh.store()
    const admin = await page(store)
    const res = await admin.call('POST', '/import', { body: readFileSync(issoDatabase('upload.db')) })
    assert.equal(res.status, 200, res.text)
    assert.equal(res.json.format, 'isso')
    assert.ok(res.json.imported > 0)
  })

  test('a malformed file is one 422 naming the file field, without the temporary path, and stores nothing', async () => {
    const store = await fresh.store()
    const admin = await page(store)
    const cut = wxr.subarray(0, Math.floor(wxr.length / 2))
    for (const [query, body] of [
      ['?format=wxr', cut],
      ['', Buffer.from('just some text')],
      ['?format=palaver', Buffer.from('{"not": "an export"')],
      ['?format=isso', Buffer.from('not a database')],
      ['', Buffer.alloc(0)],
    ] as const) {
      const res = await admin.call('POST', `/import${query}`, { body })
      assert.equal(res.status, 422, `${query} ${res.text}`)
      assert.equal(res.headers.get('content-type'), 'application/problem+json')
      assert.equal(typeof res.json.errors.file, 'string')
      assert.ok(!res.text.includes('palaver-import-'), res.text)
    }
    assert.deepEqual(await snapshot(store), { threads: [], comments: [] })
    assert.equal((await admin.call('POST', '/import?format=csv', { body: wxr })).status, 400)
    assert.equal((await admin.call('POST', '/import?dryRun=maybe', { body: wxr })).status, 400)
  })

  test('a file over --max-import is 413', async () => {
    const store = await fresh.store()
    const admin = await page(store, { maxImportBytes: 4096 })
    const res = await admin.call('POST', '/import?format=wxr', { body: wxr })
    assert.equal(res.status, 413)
    assert.match(res.json.detail, /4096 bytes/)
    // Without Content-Length too: counted as it streams.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(wxr))
        controller.close()
      },
    })
    assert.equal((await admin.call('POST', '/import?format=wxr', { body: stream })).status, 413)
    assert.deepEqual(await snapshot(store), { threads: [], comments: [] })
  })

  test('no session is 401, a cookie without X-Palaver-Admin is 403, the bearer token works', async () => {
    const store = await fresh.store()
    const nobody = new ConsoleClient(new TestClient(store, { publicUrl: CONSOLE_ORIGIN }))
    assert.equal((await nobody.call('POST', '/import?format=wxr', { body: wxr })).status, 401)
    const admin = await page(store)
    const noHeader = await admin.call('POST', '/import?format=wxr', { body: wxr, headers: { 'x-palaver-admin': '' } })
    assert.equal(noHeader.status, 403)
    assert.equal(noHeader.json.kind, 'csrf')
    assert.deepEqual(await snapshot(store), { threads: [], comments: [] })
    const bearer = await new TestClient(store).admin('POST', '/import?format=wxr&dryRun=1', { body: wxr })
    assert.equal(bearer.status, 200, bearer.text)
  })
})
