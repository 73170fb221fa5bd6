import assert from 'node:assert/strict'
import { test } from 'node:test'
import { adminLanguage, adminPage, adminPageRoutes } from './admin-page.js'

test('the page is German when Accept-Language prefers German over English, else English', () => {
  assert.equal(adminLanguage('de-DE,de;q=0.9,en;q=0.8'), 'de')
  assert.equal(adminLanguage('fr, de;q=0.8, en;q=0.5'), 'de')
  assert.equal(adminLanguage('en-GB, de;q=0.9'), 'en')
  assert.equal(adminLanguage('de;q=0, en;q=0.1'), 'en')
  assert.equal(adminLanguage('fr'), 'en')
  assert.equal(adminLanguage(undefined), 'en')
  assert.equal(adminLanguage('de;q=nonsense'), 'en')
})

test('the page has no inline script or style and loads only /palaver-admin.js', () => {
  for (const lang of ['en', 'de'] as const) {
    const page = adminPage(lang)
    assert.match(page, new RegExp(`<html lang="${lang}">`))
    assert.deepEqual(
      [...page.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
      ['<script src="/palaver-admin.js" defer>'],
    )
    assert.doesNotMatch(page, /<style|style=|\son\w+=/)
  }
})

test('GET /admin answers with the CSP, no-store and Vary: Accept-Language', async () => {
  const res = await adminPageRoutes(null).request('/admin', { headers: { 'accept-language': 'de' } })
  assert.equal(res.status, 200)
  assert.match(res.headers.get('content-security-policy') ?? '', /^default-src 'none'; script-src 'self'; style-src 'self'/)
  assert.equal(res.headers.get('cache-control'), 'no-store')
  assert.equal(res.headers.get('vary'), 'Accept-Language')
  assert.match(await res.text(), /Palaver — Moderation/)
})
