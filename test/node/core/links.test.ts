/**
 * The link rules of src/core/links.ts in Node (the widget's tests run them in Chromium):
 * what becomes a link, where it ends, and that finding links takes linear time.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { findLinks, MAX_LINK_LENGTH, trimUrl } from '../../../src/core/links.js'

const links = (text: string) => findLinks(text).map(({ start, end, href }) => [text.slice(start, end), href])

test('links: http, https and www. addresses are links, a www. one to https', () => {
  assert.deepEqual(links('see http://a.example, https://b.example/x and www.c.example.'), [
    ['http://a.example', 'http://a.example/'],
    ['https://b.example/x', 'https://b.example/x'],
    ['www.c.example', 'https://www.c.example/'],
  ])
})

test('links: a scheme without a host, or inside a word, is not a link', () => {
  assert.deepEqual(links('http:// https://. xhttps://a.example awww.b.example www.'), [])
})

test('links: sentence punctuation and quotes after an address are not part of it', () => {
  assert.deepEqual(links('„https://a.example/x“ (https://b.example/y). https://c.example/z…'), [
    ['https://a.example/x', 'https://a.example/x'],
    ['https://b.example/y', 'https://b.example/y'],
    ['https://c.example/z', 'https://c.example/z'],
  ])
})

test('links: brackets that pair up inside the address stay in it', () => {
  assert.equal(trimUrl('https://en.example/wiki/Lit_(library))'), 'https://en.example/wiki/Lit_(library)')
  assert.equal(trimUrl('https://a.example/[x]]].'), 'https://a.example/[x]')
  assert.equal(trimUrl('https://a.example/{x}}'), 'https://a.example/{x}')
})

test('links: an address longer than the cap stays text', () => {
  const path = 'a'.repeat(MAX_LINK_LENGTH)
  assert.deepEqual(links(`https://x.example/${path}`), [])
  const fits = `https://x.example/${'a'.repeat(MAX_LINK_LENGTH - 'https://x.example/'.length)}`
  assert.equal(links(fits).length, 1)
})

// The old widget trimmer recounted the whole candidate for every closer it cut: seconds for
// 20,000 characters. Linear time takes about a millisecond; the budget is generous.
for (const unit of [')', ']', '.)', '()', ')(']) {
  test(`links: 20,000 characters of ${unit} after an address take linear time`, () => {
    for (const start of ['http://a', 'www.a']) {
      const text = start + unit.repeat(Math.ceil(20_000 / unit.length))
      const began = performance.now()
      findLinks(text)
      trimUrl(text)
      const took = performance.now() - began
      assert.ok(took < 250, `${start}${unit}…: ${took.toFixed(0)} ms`)
    }
  })
}
