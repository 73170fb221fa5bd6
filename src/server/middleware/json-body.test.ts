import assert from 'node:assert/strict'
import { test } from 'node:test'
import { jsonInit, miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { jsonBody, MAX_JSON_DEPTH } from './json-body.js'

const app = miniApp()
app.post('/', jsonBody(), async (c) => c.json({ got: await c.req.json() }))

const send = async (init: RequestInit) => {
  const res = await app.request('/', init)
  return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as any }
}

test('jsonBody: a JSON body reaches the handler, still readable through Hono', async () => {
  const res = await send(jsonInit('{"a":[1,"x"]}', 'application/json; charset=utf-8'))
  assert.equal(res.status, 200)
  assert.deepEqual(res.json.got, { a: [1, 'x'] })
})

test('jsonBody: the handler reads the text that was checked, without a web Response made to decode it again', async () => {
  const checked = miniApp()
  const Original = globalThis.Response
  let made = 0
  checked.post('/', jsonBody(), async (c) => {
    globalThis.Response = class extends Original {
      constructor(...args: ConstructorParameters<typeof Response>) {
        super(...args)
        made++
      }
    }
    try {
      return Response.json({ got: await c.req.json(), text: await c.req.text(), made })
    } finally {
      globalThis.Response = Original
    }
  })
  const res = await checked.request('/', jsonInit('{"a":[1,"x"]}'))
  assert.deepEqual(await res.json(), { got: { a: [1, 'x'] }, text: '{"a":[1,"x"]}', made: 0 })
})

test('jsonBody: another content type is 415, an empty body 400', async () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
    const res = await send(jsonInit('{}', type))
    assert.equal(res.status, 415, type)
    assert.equal(res.type, 'application/problem+json')
  }
  assert.equal((await send({ method: 'POST', headers: { 'content-type': 'application/json' } })).status, 400)
})

test('jsonBody: broken UTF-8 and broken JSON are 400 problems', async () => {
  for (const body of [new Uint8Array([0x7b, 0xff, 0x7d]), '{"a": ', 'nope']) {
    const res = await send(jsonInit(body))
    assert.equal(res.status, 400)
    assert.equal(res.json.kind, 'validation')
  }
})

test('jsonBody: NUL in any string, key or value, is refused', async () => {
  for (const body of ['{"a":"x\\u0000"}', '{"x\\u0000":1}', '[["\\u0000"]]']) {
    const res = await send(jsonInit(body))
    assert.equal(res.status, 400, body)
    assert.match(res.json.detail, /NUL/)
  }
})

test(`jsonBody: nesting up to ${MAX_JSON_DEPTH} levels passes, deeper is refused without recursion`, async () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)
  assert.equal((await send(jsonInit(nested(MAX_JSON_DEPTH)))).status, 200)
  assert.equal((await send(jsonInit(nested(MAX_JSON_DEPTH + 1)))).status, 400)
  const deep = await send(jsonInit(nested(30_000)))
  assert.equal(deep.status, 400)
  assert.match(deep.json.detail, /nested deeper/)
})
