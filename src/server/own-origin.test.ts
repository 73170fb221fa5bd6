import assert from 'node:assert/strict'
import { test } from 'node:test'
import { socketOrigins } from './own-origin.js'

test('the own origin is the address the socket was accepted on, loopback also as localhost', () => {
  assert.deepEqual(socketOrigins('127.0.0.1', 8080, false), ['http://127.0.0.1:8080', 'http://localhost:8080'])
  assert.deepEqual(socketOrigins('::ffff:127.0.0.1', 8080, false), ['http://127.0.0.1:8080', 'http://localhost:8080'])
  assert.deepEqual(socketOrigins('::1', 80, false), ['http://[::1]', 'http://localhost'])
  assert.deepEqual(socketOrigins('192.0.2.7', 443, true), ['https://192.0.2.7'])
  assert.deepEqual(socketOrigins('not an address', 8080, false), [])
})
