import assert from 'node:assert/strict'
import { test } from 'node:test'
import { PageCache } from './page-cache.js'

test('the page cache returns what was set under the tag, and nothing for another tag', () => {
  const cache = new PageCache()
  cache.set('W/"a"', '"comments":[]}')
  assert.equal(cache.get('W/"a"'), '"comments":[]}')
  assert.equal(cache.get('W/"b"'), undefined)
})

test('the page cache holds at most its characters, dropping the least recently used first', () => {
  const cache = new PageCache(40)
  cache.set('a', 'x'.repeat(10))
  cache.set('b', 'x'.repeat(10))
  cache.set('c', 'x'.repeat(10))
  assert.ok(cache.get('a'), 'a is used, so b is now the oldest')
  cache.set('d', 'x'.repeat(10))
  cache.set('e', 'x'.repeat(10))
  assert.equal(cache.get('b'), undefined)
  assert.ok(cache.get('a'))
  assert.equal(cache.size, 4)
})

test('a page larger than a quarter of the cache is not kept (it would push out every other)', () => {
  const cache = new PageCache(40)
  cache.set('small', 'x')
  cache.set('huge', 'x'.repeat(11))
  assert.equal(cache.get('huge'), undefined)
  assert.equal(cache.get('small'), 'x')
})
