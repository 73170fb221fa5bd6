import assert from 'node:assert/strict'
import { test } from 'node:test'
import { miniApp } from '../../../test/node/server/helpers/mini-app.js'
import { matches, preReadEtag } from './etag.js'

let built = 0
const app = miniApp()
app.get(
  '/',
  preReadEtag(() => 'W/"v1"'),
  (c) => {
    built++
    return c.text('the answer')
  },
)

test('preReadEtag: the answer carries the tag; a matching If-None-Match is 304 without building it', async () => {
  built = 0
  const first = await app.request('/')
  assert.equal(first.status, 200)
  assert.equal(first.headers.get('etag'), 'W/"v1"')
  assert.equal(built, 1)
  const again = await app.request('/', { headers: { 'if-none-match': 'W/"v1"' } })
  assert.equal(again.status, 304)
  assert.equal(again.headers.get('etag'), 'W/"v1"')
  assert.equal(await again.text(), '')
  assert.equal(built, 1, 'the handler did not run')
  assert.equal((await app.request('/', { headers: { 'if-none-match': 'W/"v0"' } })).status, 200)
  assert.equal(built, 2)
})

test('preReadEtag: If-None-Match compares weakly, in lists, and * matches anything', () => {
  assert.ok(matches('"v1"', 'W/"v1"'))
  assert.ok(matches('W/"a", W/"v1"', 'W/"v1"'))
  assert.ok(matches('*', 'W/"v1"'))
  assert.ok(!matches('W/"v10"', 'W/"v1"'))
  assert.ok(!matches('', 'W/"v1"'))
})
