/**
 * The languages shipped beside the script have one list the widget loads from
 * (src/i18n/available.ts) and one folder the build makes files of (src/i18n/locales/,
 * scripts/build-locales.js) and one table the server speaks (src/i18n/shipped.ts): the
 * three must agree, or a page would ask for a file that is never built, or never ask.
 */
import assert from 'node:assert/strict'
import { readdirSync } from 'node:fs'
import { test } from 'node:test'
import { LOCALE_FILES } from '../../../src/i18n/available.js'
import { SHIPPED_LOCALES } from '../../../src/i18n/shipped.js'

test('the loader’s list, the locale folder and the server’s table name the same languages', () => {
  const folder = readdirSync(new URL('../../../src/i18n/locales/', import.meta.url))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => name.slice(0, -3))
    .sort()
  assert.deepEqual([...LOCALE_FILES].sort(), folder)
  assert.deepEqual(Object.keys(SHIPPED_LOCALES).sort(), folder)
  // One file per primary language, so "pt-PT" finds exactly one.
  const languages = LOCALE_FILES.map((file) => file.split('-')[0])
  assert.equal(new Set(languages).size, languages.length)
  assert.ok(!languages.includes('en') && !languages.includes('de'), 'en and de are built in')
})
