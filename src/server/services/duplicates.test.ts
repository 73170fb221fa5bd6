import assert from 'node:assert/strict'
import { test } from 'node:test'
import { duplicateKey, normalizedText } from './duplicates.js'

test('duplicates: case, white space, compatibility forms and invisible characters do not make another text', () => {
  const same = [
    'Buy cheap pills',
    'buy   CHEAP\npills',
    '\tBuy cheap pills \n\n',
    'Buy\u00a0cheap\u2003pills',
    'Buy ch\u200beap pills',
    'Ｂｕｙ cheap pills',
    'Buy cheap\u202e pills',
  ]
  for (const text of same) assert.equal(normalizedText(text), 'buy cheap pills', JSON.stringify(text))
  assert.notEqual(normalizedText('Buy cheap pills!'), 'buy cheap pills')
})

test('duplicates: the key tells threads and authors apart, by email key first, else by normalized name', () => {
  const key = (thread: string, author: { key: string | null; name: string }, body: string) => duplicateKey(thread, author, body)
  const base = key('/a', { key: 'k1', name: 'Ann' }, 'Hello')
  assert.equal(key('/a', { key: 'k1', name: 'Someone' }, ' hello '), base, 'same email key, any name')
  assert.notEqual(key('/b', { key: 'k1', name: 'Ann' }, 'Hello'), base)
  assert.notEqual(key('/a', { key: 'k2', name: 'Ann' }, 'Hello'), base)
  assert.equal(key('/a', { key: null, name: 'Sam  Spam' }, 'x'), key('/a', { key: null, name: 'sam spam' }, 'X'))
  assert.notEqual(key('/a', { key: null, name: 'Sam' }, 'x'), key('/a', { key: null, name: 'Pam' }, 'x'))
  assert.notEqual(key('/a', { key: null, name: 'k1' }, 'Hello'), key('/a', { key: 'k1', name: 'x' }, 'Hello'), 'a name never poses as an email key')
})
