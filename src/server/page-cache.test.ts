import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PageCache } from './page-cache.js'

test('the page cache returns what was set in the slot under the tag, and nothing for another tag or slot', () => {
  const cache = new PageCache()
  cache.set('page 1', 'W/"a"', '"comments":[]}')
  assert.equal(cache.get('page 1', 'W/"a"'), '"comments":[]}')
  assert.equal(cache.get('page 1', 'W/"b"'), undefined)
  assert.equal(cache.get('page 2', 'W/"a"'), undefined)
})

test('a new answer for a slot replaces the old one: a thread posted to often holds one entry per page', () => {
  const cache = new PageCache()
  for (let version = 0; version < 1000; version++) cache.set('thread A, first page', `W/"v${version}"`, `answer ${version}`)
  assert.equal(cache.size, 1)
  assert.equal(cache.get('thread A, first page', 'W/"v999"'), 'answer 999')
  assert.equal(cache.get('thread A, first page', 'W/"v998"'), undefined)
})

test('the page cache holds at most its characters, dropping the least recently used first', () => {
  const cache = new PageCache(40)
  cache.set('a', 't', 'x'.repeat(10))
  cache.set('b', 't', 'x'.repeat(10))
  cache.set('c', 't', 'x'.repeat(10))
  assert.ok(cache.get('a', 't'), 'a is used, so b is now the oldest')
  cache.set('d', 't', 'x'.repeat(10))
  cache.set('e', 't', 'x'.repeat(10))
  assert.equal(cache.get('b', 't'), undefined)
  assert.ok(cache.get('a', 't'))
  assert.equal(cache.size, 4)
})

test('a page larger than a quarter of the cache is not kept (it would push out every other), nor is the older answer of its slot', () => {
  const cache = new PageCache(40)
  cache.set('small', 't', 'x')
  cache.set('huge', 't', 'x')
  cache.set('huge', 'u', 'x'.repeat(11))
  assert.equal(cache.get('huge', 'u'), undefined)
  assert.equal(cache.get('huge', 't'), undefined)
  assert.equal(cache.get('small', 't'), 'x')
})
