import assert from 'node:assert/strict'
import { test } from 'node:test'
import { REFUSAL_LOG_INTERVAL_MS, RefusedOrigins } from './refused-origins.js'

function setup() {
  const lines: string[] = []
  let t = 0
  const refused = new RefusedOrigins(
    (line) => lines.push(line),
    () => t,
  )
  return { lines, refused, advance: (ms: number) => (t += ms) }
}

test('a refused origin is logged once per ten minutes, naming the flag that allows it', () => {
  const { lines, refused, advance } = setup()
  refused.note('https://blog.example')
  refused.note('https://blog.example')
  assert.deepEqual(lines, [
    'palaver: refused a request from https://blog.example, which is not an allowed origin; to embed the widget there, start the server with --origin https://blog.example (or add it to PALAVER_ORIGINS)',
  ])
  advance(REFUSAL_LOG_INTERVAL_MS - 1)
  refused.note('https://blog.example')
  assert.equal(lines.length, 1)
  advance(1)
  refused.note('https://blog.example')
  refused.note('http://other.example:8080')
  assert.equal(lines.length, 3)
  assert.match(lines[2]!, /--origin http:\/\/other\.example:8080 /)
})

test('only real origins are logged: null, junk, paths and look-alikes never', () => {
  const { lines, refused } = setup()
  for (const origin of [
    'null',
    'file://',
    'javascript:alert(1)',
    'https://a.example/path',
    'https://a.example\u202e',
    'not an origin',
    `https://${'a'.repeat(400)}.example`,
  ])
    refused.note(origin)
  assert.deepEqual(lines, [])
})

test('a flood of invented origins is logged at most 100 times per ten minutes', () => {
  const { lines, refused, advance } = setup()
  for (let i = 0; i < 1000; i++) refused.note(`https://spam${i}.example`)
  assert.equal(lines.length, 100)
  advance(REFUSAL_LOG_INTERVAL_MS)
  refused.note('https://blog.example')
  assert.equal(lines.length, 101, 'room again once the remembered ones are old')
})
