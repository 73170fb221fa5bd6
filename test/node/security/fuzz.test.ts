/**
 * Server input fuzzing (fast-check): every endpoint gets malformed and hostile input —
 * wrong types, missing fields, huge fields, invalid UTF-8 and lone surrogates, NUL bytes,
 * deep JSON, wrong content types, SQL metacharacters, path tricks in thread keys and ids,
 * odd headers. Never a 5xx, every error is problem+json, nothing is logged, and the
 * database is intact afterwards. On SQLite and PostgreSQL, in-process.
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import fc from 'fast-check'
import { Store } from '../../../src/server/store.js'
import { ADMIN_TOKEN, TestClient } from '../server/helpers/client.js'
import { DIALECTS, type TestDatabase } from '../server/helpers/dialects.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000)

const hostileText = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE comments; --",
    '" OR 1=1 --',
    "' OR ''='",
    '\\',
    '%',
    '_',
    '%%',
    '$1',
    '?',
    ';',
    '`',
    '/*',
    '*/',
    '../../../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '%2e%2e/',
    '\\..\\..\\windows',
    '/./././',
    '//',
    '/a/../b',
    '~root',
    'C:\\boot.ini',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\ud800y',
    '\ufeff',
    '\u202e',
    '\uffff',
    '😀',
    'e\u0301',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    'null',
    'undefined',
    'NaN',
    '-1',
    '0',
    '1e309',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '',
    ' ',
    '\t\n\r',
    '{"a":1}',
    '[]',
    'true',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('a', 'é', '\u0000', '\ud800', "'").chain((c) => fc.integer({ min: 100, max: 70_000 }).map((n) => c.repeat(n))),
)

/** Any JSON-ish value, sometimes nested deep. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(hostileText, { maxLength: 3 }),
  fc.dictionary(hostileText, hostileText, { maxKeys: 3 }),
  fc.integer({ min: 10, max: 1000 }).map((depth) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown),
)

const FIELDS = ['thread', 'title', 'parentId', 'author', 'author.name', 'author.email', 'author.url', 'body', 'formToken', 'trap'] as const

/** A draft that would post, with one field replaced, removed or the whole thing swapped. */
function mutatedDraft(valid: Record<string, unknown>) {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...FIELDS), anyValue, fc.boolean()).map(([field, value, remove]) => {
      const draft = structuredClone(valid) as Record<string, any>
      const [head, tail] = field.split('.') as [string, string | undefined]
      const target = tail ? (draft[head] ??= {}) : draft
      const key = tail ?? head
      if (remove) delete target[key]
      else target[key] = value
      return JSON.stringify(draft) ?? 'null'
    }),
    anyValue.map((value) => JSON.stringify(value) ?? ''),
    fc.constant(valid).map((draft) => JSON.stringify(draft)),
  )
}

type Body = string | Uint8Array | undefined

const rawBody: fc.Arbitrary<Body> = fc.oneof(
  fc.constant(undefined),
  hostileText,
  fc.uint8Array({ maxLength: 64 }),
  fc.constantFrom(
    new Uint8Array([0x7b, 0x22, 0x62, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), // {"b":"\xc3(" invalid UTF-8
    new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), // BOM + {}
    new Uint8Array([0xed, 0xa0, 0x80]), // an encoded surrogate
    '{"body":"\\ud800"}',
    '{"body":"a\\u0000b"}',
    '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
    '['.repeat(30_000) + ']'.repeat(30_000),
  ),
)

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
)

const queryValue = fc.oneof(
  hostileText.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '\ufffd'))),
  fc.constantFrom('%', '%zz', '%ED%A0%80', '%C3%28', '%00', '%FF%FE', '..%2F..%2F', '%2e%2e', 'a%20b', '+', '&', '='),
)

const query = fc
  .array(fc.tuple(fc.constantFrom('thread', 'cursor', 'limit', 'sort', 'status', 'lastEventId', 'x'), queryValue), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'))

const idSegment = fc.oneof(queryValue, fc.constantFrom('..', '.', '%2F', 'a/b', 'x'.repeat(100), '0', '-', '_'))

const path = fc.oneof(
  query.map((q) => `/api/v1/comments?${q}`),
  idSegment.map((id) => `/api/v1/comments/${id}`),
  query.map((q) => `/api/v1/counts?${q}`),
  query.map((q) => `/api/v1/events?${q}`),
  query.map((q) => `/api/v1/admin/comments?${q}`),
  fc.tuple(idSegment, fc.constantFrom('approve', 'spam', '', 'x')).map(([id, action]) => `/api/v1/admin/comments/${id}/${action}`),
  fc.tuple(fc.constantFrom('open', 'close', 'x'), query).map(([action, q]) => `/api/v1/admin/threads/${action}?${q}`),
  fc.constantFrom(
    '/api/v1/',
    '/api/v1',
    '/api/v2/comments',
    '/api/v1/../v1/comments',
    '/api//v1/comments',
    '/api/v1/comments/',
    '/%2e%2e/etc/passwd',
    '/palaver.js',
    '/',
  ),
)

const header = fc.oneof(
  fc.tuple(
    fc.constant('authorization'),
    fc.oneof(
      hostileText.map((t) => `Bearer ${t}`),
      fc.constant(`Bearer ${ADMIN_TOKEN}`),
      fc.constantFrom('Basic YTpi', 'Bearer', 'bearer  x  y'),
    ),
  ),
  fc.tuple(fc.constantFrom('idempotency-key', 'x-palaver-tokens', 'last-event-id', 'if-none-match', 'origin', 'x-forwarded-for'), hostileText),
)

/** Header values cannot hold control characters or code points over 255: Headers refuses those itself. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e\x80-\xff]/g, '?').slice(0, 8000)

interface Outcome {
  status: number
  type: string
  text: string
}

async function send(client: TestClient, method: string, url: string, headers: [string, string][], body: Body, type: string | null): Promise<Outcome> {
  const h = new Headers({ origin: 'https://blog.example', 'x-forwarded-for': '203.0.113.9' })
  for (const [name, value] of headers) h.set(name, headerSafe(value))
  if (type !== null) h.set('content-type', type)
  const init: RequestInit = { method, headers: h }
  if (body !== undefined && method !== 'GET' && method !== 'HEAD') init.body = body as BodyInit
  const response = await client.app.request(url, init)
  const responseType = response.headers.get('content-type') ?? ''
  if (responseType.startsWith('text/event-stream')) {
    await response.body?.cancel()
    return { status: response.status, type: responseType, text: '' }
  }
  return { status: response.status, type: responseType, text: await response.text() }
}

/** What every answer must be: not a 5xx; an error is problem+json with its own status. */
function check(outcome: Outcome, what: string): void {
  assert.ok(outcome.status < 500, `${what} → ${outcome.status} ${outcome.text.slice(0, 300)}`)
  if (outcome.status >= 400 && !what.startsWith('HEAD')) {
    assert.equal(outcome.type, 'application/problem+json', `${what} → ${outcome.status} ${outcome.type}`)
    const problem = JSON.parse(outcome.text) as { status: number; type: string; title: string }
    assert.equal(problem.status, outcome.status, what)
    assert.equal(typeof problem.type, 'string')
    assert.equal(typeof problem.title, 'string')
  }
}

for (const open of DIALECTS) {
  describe(`fuzzing the HTTP API on ${open.name.replace('Database', '')}`, () => {
    let database: TestDatabase
    let store: Store
    let client: TestClient
    const threads = ['/canary', "/'; DROP TABLE comments; --", '/../../etc/passwd', '/%2e%2e/x', '/thread/\u202e']
    /** The target of hostile edits (the admin token may legitimately remove it). */
    let canary: { id: string }
    /** A comment the fuzzer never learns the id or thread of: it must come out untouched. */
    let sentinel: { id: string; html: string }

    before(async () => {
      database = await open()
      store = await Store.open(database.location)
      client = new TestClient(store)
      canary = (await client.posted({ thread: '/canary', body: 'The canary comment.' })).comment
      const posted = await client.posted({ thread: '/sentinel', body: 'The sentinel comment.' })
      sentinel = { id: posted.comment.id, html: posted.comment.html }
    })

    after(async () => {
      await store?.close()
      await database?.drop()
    })

    test('no request makes it fail: never a 5xx, every error problem+json, nothing logged', async () => {
      const statuses = new Set<number>()
      const tokens = new Map<string, string>()
      for (const thread of threads) tokens.set(thread, await client.formToken(thread))
      const valid = (thread: string) => ({
        thread,
        parentId: null,
        author: { name: 'Fuzz', email: 'fuzz@example.org', url: '' },
        body: 'A valid comment.',
        formToken: tokens.get(thread),
        trap: '',
      })
      const method = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD')
      const request = fc.oneof(
        // Anything to anywhere.
        fc.record({ method, path, headers: fc.array(header, { maxLength: 3 }), body: rawBody, type: fc.option(contentType, { nil: null }) }),
        // A post that almost works: one field of a valid draft replaced or removed.
        fc.record({
          method: fc.constant('POST'),
          path: fc.constant('/api/v1/comments'),
          headers: fc.array(header, { maxLength: 2 }),
          body: fc.constantFrom(...threads).chain((t) => mutatedDraft(valid(t))) as fc.Arbitrary<Body>,
          type: fc.option(contentType, { nil: 'application/json' }),
        }),
        // An edit of the canary with a hostile body and token.
        fc.record({
          method: fc.constantFrom('PATCH', 'DELETE'),
          path: fc.constant(`/api/v1/comments/${canary.id}`),
          headers: fc.array(header, { maxLength: 2 }),
          body: anyValue.map((body) => JSON.stringify({ body }) as Body),
          type: fc.constant('application/json'),
        }),
      )
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const what = `${r.method} ${r.path} [${r.headers.map(([k]) => k).join(', ')}] ${r.type} ${String(r.body instanceof Uint8Array ? `bytes(${r.body.length})` : r.body).slice(0, 120)}`
          const outcome = await send(client, r.method, r.path, r.headers, r.body, r.type)
          statuses.add(outcome.status)
          check(outcome, what)
        }),
        { numRuns: RUNS },
      )
      assert.deepEqual(client.logs, [])
      // The runs reached past the first checks: reads answered, some posts accepted.
      for (const status of [200, 201, 400, 404, 415, 422]) assert.ok(statuses.has(status), `no ${status} among ${[...statuses].sort()}`)
    })

    test('the database is intact afterwards: the sentinel unchanged, every row consistent', async () => {
      const row = await store.comment(sentinel.id)
      assert.equal(row?.status, 'approved')
      assert.equal(row?.body_html, sentinel.html)
      const listed = await client.list('/sentinel')
      assert.equal(listed.status, 200)
      assert.deepEqual(
        listed.json.comments.map((c: { id: string }) => c.id),
        [sentinel.id],
      )

      for (const table of ['comments', 'threads', 'events', 'idempotency', 'settings'] as const) {
        const { n } = await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
        assert.ok(Number(n) >= 0, table)
      }
      const comments = await store.db.selectFrom('comments').selectAll().execute()
      const ids = new Set(comments.map((c) => c.id))
      const threadKeys = new Set((await store.db.selectFrom('threads').select('key').execute()).map((t) => t.key))
      for (const c of comments) {
        assert.ok(threadKeys.has(c.thread_key), `comment ${c.id} has its thread`)
        assert.ok(ids.has(c.root_id), `comment ${c.id} has its root`)
        if (c.parent_id !== null) assert.ok(ids.has(c.parent_id), `comment ${c.id} has its parent`)
        assert.ok(!c.body_text.includes('\0') && !c.author_name.includes('\0'), 'no NUL stored')
      }
      if (store.dialect === 'sqlite') {
        const { sql } = await import('kysely')
        const result = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)
        assert.deepEqual(
          result.rows.map((r) => r.integrity_check),
          ['ok'],
        )
      }
    })
  })
}
