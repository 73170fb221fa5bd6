import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as v from 'valibot'
import { jsonInit, miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { jsonBody } from './json-body.js'
import { vValidator } from './validator.js'

const schema = v.object({
  name: v.pipe(v.string('Name must be text.'), v.maxLength(5, 'Name is too long.')),
  count: v.optional(v.number('Count must be a number.'), 1),
})

const app = miniApp()
app.post('/', jsonBody(), vValidator('json', schema), (c) => {
  const input = c.req.valid('json')
  return c.json({ name: input.name.toUpperCase(), count: input.count })
})

test('vValidator: the handler gets the schema output, defaults applied', async () => {
  const res = await app.request('/', jsonInit('{"name":"ann"}'))
  assert.equal(res.status, 200)
  assert.deepEqual(await res.json(), { name: 'ANN', count: 1 })
})

test('vValidator: issues become a 422 problem with a field map of messages and codes', async () => {
  const res = await app.request('/', jsonInit('{"name":"too long","count":"x"}'))
  assert.equal(res.status, 422)
  assert.equal(res.headers.get('content-type'), 'application/problem+json')
  const problem = (await res.json()) as any
  assert.equal(problem.kind, 'validation')
  assert.deepEqual(problem.codes, { name: 'too-long', count: 'invalid' })
  assert.deepEqual(problem.errors, { name: 'Name is too long.', count: 'Count must be a number.' })
  const missing = (await (await app.request('/', jsonInit('{}'))).json()) as any
  assert.deepEqual(missing.codes, { name: 'required' })
})

test('vValidator: a body that is not an object is a 422 too, not a crash', async () => {
  for (const body of ['[]', '"text"', '42', 'null']) {
    assert.equal((await app.request('/', jsonInit(body))).status, 422, body)
  }
})
