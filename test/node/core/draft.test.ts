/** The draft rules of src/core/draft.ts, which the form, the memory adapter and the server share. */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkDraft, DEFAULT_LIMITS, isBlank, isEmail, isWebsite } from '../../../src/core/draft.js'

const draft = (values: Partial<Record<'name' | 'email' | 'url' | 'body', string>> = {}) => ({
  name: 'Ann',
  email: 'ann@example.org',
  url: '',
  body: 'Hello',
  ...values,
})

test('draft: the limits given are the ones enforced, the defaults otherwise', () => {
  const limits = { ...DEFAULT_LIMITS, body: 50 }
  assert.deepEqual(checkDraft(draft({ body: 'x'.repeat(50) }), ['name'], limits), {})
  assert.equal(checkDraft(draft({ body: 'x'.repeat(51) }), ['name'], limits).body?.code, 'too-long')
  assert.deepEqual(checkDraft(draft({ body: 'x'.repeat(51) })), {})
  assert.equal(checkDraft(draft({ body: 'x'.repeat(20_001) })).body?.code, 'too-long')
})

test('draft: the body is measured as sent (as typed), the author fields trimmed', () => {
  const limits = { ...DEFAULT_LIMITS, name: 3, body: 5 }
  assert.deepEqual(checkDraft(draft({ name: '  Ann  ' }), ['name'], limits), {})
  assert.equal(checkDraft(draft({ body: 'Hello\n' }), ['name'], limits).body?.code, 'too-long')
})

test('draft: required fields are the ones the backend names, and always the body', () => {
  assert.deepEqual(Object.keys(checkDraft(draft({ name: ' ', email: '', body: ' ' }), ['name'])), ['name', 'body'])
  assert.deepEqual(Object.keys(checkDraft(draft({ name: '', email: '' }))), ['name', 'email'])
})

test("draft: an email address is the HTML standard's, with a dot in the domain", () => {
  for (const good of ['ann@example.org', "o'brien+tag@mail.example.ie", 'a.b@x-y.example']) assert.ok(isEmail(good), good)
  for (const bad of ['ann', 'ann@localhost', 'ann@@example.org', 'ann @example.org', 'ann@-x.example', 'ann@x.example.']) assert.ok(!isEmail(bad), bad)
})

test('draft: a website is an absolute http(s) URL without white space', () => {
  for (const good of ['https://example.org', 'http://localhost:8080/me']) assert.ok(isWebsite(good), good)
  for (const bad of ['example.org', 'javascript:alert(1)', 'ftp://example.org', 'https://exa mple.org', 'https://example.org/a b'])
    assert.ok(!isWebsite(bad), bad)
})

/** What readers see as nothing, though it is not white space to String.trim(). */
const INVISIBLE_TEXTS = [
  '\u200B\u200B',
  '\u3164',
  '\u3164 \u3164',
  '\u115F\u1160',
  '\uFFA0',
  '\u2800',
  '\u200D\u200C\u2060\uFEFF',
  '\u202E\u00AD',
  '\u034F\uFE0F',
  '\u{E0041}',
]

test('draft: a name or body that shows nothing is empty: zero-width characters, Hangul fillers, Braille blank', () => {
  for (const text of INVISIBLE_TEXTS) {
    assert.ok(isBlank(text), JSON.stringify(text))
    assert.deepEqual(Object.keys(checkDraft(draft({ name: text, body: text }))), ['name', 'body'], JSON.stringify(text))
  }
  for (const text of ['\u200BAnn', '\u3131', '.', '\u{1F600}', '\u0301a']) assert.ok(!isBlank(text), JSON.stringify(text))
})
