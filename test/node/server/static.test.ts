/**
 * The files served beside the API: /palaver.js and /palaver.mjs from dist/, the demo
 * folder at / with --demo, and nothing outside those folders.
 */
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { createApp } from '../../../src/server/app.js'
import { appOptions } from '../../../src/server/options.js'
import { Store } from '../../../src/server/store.js'

const dir = mkdtempSync(join(tmpdir(), 'palaver-static-'))
let store: Store
let app: ReturnType<typeof createApp>

before(async () => {
  mkdirSync(join(dir, 'dist'))
  mkdirSync(join(dir, 'demo', 'sub'), { recursive: true })
  writeFileSync(join(dir, 'dist', 'palaver.js'), 'console.log("script")')
  writeFileSync(join(dir, 'dist', 'palaver.mjs'), 'export {}')
  writeFileSync(join(dir, 'dist', 'palaver-wordpress.js'), 'console.log("wordpress")')
  writeFileSync(join(dir, 'dist', 'palaver-memory.js'), 'console.log("memory")')
  writeFileSync(join(dir, 'dist', 'palaver-purify.js'), 'console.log("purify")')
  writeFileSync(join(dir, 'dist', 'secret.txt'), 'not served')
  mkdirSync(join(dir, 'dist', 'locales'))
  writeFileSync(join(dir, 'dist', 'locales', 'fr.js'), 'export default { locale: "fr" }')
  writeFileSync(join(dir, 'dist', 'locales', 'pt-BR.js'), 'export default { locale: "pt-BR" }')
  writeFileSync(join(dir, 'dist', 'locales', 'notes.txt'), 'not served')
  writeFileSync(join(dir, 'demo', 'index.html'), '<!doctype html><title>demo</title>')
  writeFileSync(join(dir, 'demo', 'sub', 'index.html'), '<!doctype html><title>sub</title>')
  writeFileSync(join(dir, 'outside.txt'), 'outside')
  mkdirSync(join(dir, 'demo', 'data'))
  writeFileSync(join(dir, 'demo', 'data', 'threads.json'), '[{"author":{"email":"seed@example.org"}}]')
  store = await Store.open(join(dir, 'static.sqlite'))
  app = createApp(appOptions({ secret: 's', distDir: join(dir, 'dist'), demoDir: join(dir, 'demo') }), store)
})

after(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

test('the widget builds are served from dist/ as JavaScript', async () => {
  for (const file of ['palaver.js', 'palaver.mjs', 'palaver-wordpress.js', 'palaver-memory.js', 'palaver-purify.js']) {
    const res = await app.request(`/${file}`)
    assert.equal(res.status, 200)
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/)
  }
  const script = await app.request('/palaver.js')
  assert.equal(script.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(script.headers.get('cross-origin-resource-policy'), 'cross-origin', 'other sites load it with <script src>')
  assert.equal(script.headers.get('cache-control'), 'public, max-age=300')
  assert.equal((await app.request('/secret.txt')).status, 404)
  assert.equal((await app.request('/palaver-other.js')).status, 404)
})

test('the language files are served from dist/locales/ as JavaScript other sites may import', async () => {
  for (const path of ['/locales/fr.js?v=0.1.0', '/locales/pt-BR.js?v=0.1.0']) {
    const res = await app.request(path, { headers: { origin: 'https://blog.example' } })
    assert.equal(res.status, 200, path)
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/)
    assert.match(await res.text(), /^export default/)
    // The widget's URL names the release, so a year is safe; import() across origins needs CORS.
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.equal(res.headers.get('access-control-allow-origin'), '*')
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
    assert.equal(res.headers.get('cross-origin-resource-policy'), 'cross-origin')
  }
  // Without the version (a page that imports the file by hand), five minutes, as palaver.js.
  assert.equal((await app.request('/locales/fr.js')).headers.get('cache-control'), 'public, max-age=300')
})

test('an unknown or malformed language file is the 404 problem, never a 500', async () => {
  for (const path of [
    '/locales/xx.js',
    '/locales/de.js',
    '/locales/fr-CA.js',
    '/locales/FR.js',
    '/locales/notes.txt',
    '/locales/../secret.txt',
    '/locales/%2e%2e%2fsecret.txt',
    '/locales/fr.js.map',
    '/locales/',
  ]) {
    const res = await app.request(path)
    assert.equal(res.status, 404, path)
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, path)
    assert.doesNotMatch(await res.text(), /not served|export default/, path)
  }
})

test('the demo folder is served at /, directories by their index.html', async () => {
  const root = await app.request('/')
  assert.equal(root.status, 200)
  assert.match(await root.text(), /<title>demo/)
  assert.match(root.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/)
  assert.equal(root.headers.get('cache-control'), 'no-cache')
  assert.match(await (await app.request('/sub/')).text(), /<title>sub/)
})

test('nothing outside the served folders can be reached', async () => {
  for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/sub/..%2f..%2foutside.txt', '/%00', '/%E0%A4%A']) {
    const res = await app.request(path)
    assert.equal(res.status, 404, path)
    assert.equal(res.headers.get('content-type'), 'application/problem+json')
    assert.equal(res.headers.get('cache-control'), 'no-store')
  }
})

test("--demo does not serve the seed's data folder: its example emails stay on the server", async () => {
  for (const path of ['/data/threads.json', '/data/', '/data', '/DATA/threads.json', '/data/README.md']) {
    const res = await app.request(path)
    assert.equal(res.status, 404, path)
    assert.doesNotMatch(await res.text(), /@example\.org/, path)
  }
  assert.equal((await app.request('/sub/')).status, 200, 'other folders are still served')
})
