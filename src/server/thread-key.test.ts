import assert from 'node:assert/strict'
import { test } from 'node:test'
import { normalizeThreadKey } from './thread-key.js'

test('thread keys: NFC, trailing slashes dropped, the root kept, nothing else changed', () => {
  assert.equal(normalizeThreadKey('/cafe\u0301/'), '/caf\u00e9')
  assert.equal(normalizeThreadKey('/caf\u00e9'), '/caf\u00e9')
  assert.equal(normalizeThreadKey('/blog/post//'), '/blog/post')
  assert.equal(normalizeThreadKey('/'), '/')
  assert.equal(normalizeThreadKey('//'), '/')
  assert.equal(normalizeThreadKey('post-42'), 'post-42')
  assert.equal(normalizeThreadKey('/Blog/?p=1'), '/Blog/?p=1')
})
