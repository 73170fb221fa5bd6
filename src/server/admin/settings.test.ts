import assert from 'node:assert/strict'
import { test } from 'node:test'
import { blockedWordIn, inBlockedNetwork, parseNetwork } from './settings.js'

test('inBlockedNetwork: a stored /24 or /48 is held when a blocked range covers it, or a blocked address lies in it', () => {
  assert.equal(inBlockedNetwork('203.0.113.0/24', ['203.0.113.0/24']), true)
  assert.equal(inBlockedNetwork('203.0.113.0/24', ['203.0.0.0/16']), true)
  assert.equal(inBlockedNetwork('203.0.113.0/24', ['203.0.113.9']), true, 'one address blocks its whole stored network')
  assert.equal(inBlockedNetwork('203.0.114.0/24', ['203.0.113.0/24']), false)
  assert.equal(inBlockedNetwork('2001:db8:1::/48', ['2001:db8::/32']), true)
  assert.equal(inBlockedNetwork('2001:db8:1::/48', ['203.0.113.0/24']), false, 'another family never matches')
  assert.equal(inBlockedNetwork('unknown', ['0.0.0.0/0']), false)
  assert.equal(inBlockedNetwork(null, ['0.0.0.0/0']), false)
})

test('parseNetwork: ranges and single addresses; anything else is null', () => {
  assert.deepEqual(parseNetwork('203.0.113.7')?.[1], 32)
  assert.deepEqual(parseNetwork('2001:db8::/32')?.[1], 32)
  for (const bad of ['', 'example.org', '203.0.113.0/33', '1.2.3']) assert.equal(parseNetwork(bad), null, bad)
})

test('blockedWordIn: case-insensitive, in any of the texts', () => {
  assert.equal(blockedWordIn(['Ann', 'Cheap CASINO here'], ['casino']), 'casino')
  assert.equal(blockedWordIn(['Casino Bot', 'hello'], ['casino']), 'casino')
  assert.equal(blockedWordIn(['Ann', 'hello'], ['casino', '']), null)
})
