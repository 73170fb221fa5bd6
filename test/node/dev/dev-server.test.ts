/**
 * `npm run dev`: Vite serves the demo pages with the widget from source, and /api goes to a
 * running `palaver serve` with the Origin that server expects.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { ViteDevServer } from 'vite'
import { startServer, type Running } from '../server/helpers/process.js'

const ROOT = fileURLToPath(new URL('../../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'palaver-dev-'))
let api: Running
let vite: ViteDevServer
let base = ''

before(async () => {
  api = await startServer(['--database', join(dir, 'dev.sqlite'), '--min-post-seconds', '0'])
  process.env.PALAVER_DEV_API = api.url
  const { createServer } = await import('vite')
  vite = await createServer({ configFile: join(ROOT, 'vite.config.ts'), root: join(ROOT, 'demo'), server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' })
  await vite.listen()
  const address = vite.httpServer!.address() as { port: number }
  base = `http://127.0.0.1:${address.port}`
})

after(async () => {
  await vite?.close()
  await api?.stop()
  delete process.env.PALAVER_DEV_API
  rmSync(dir, { recursive: true, force: true })
})

test('demo pages load the widget from source as a module', async () => {
  const html = await (await fetch(`${base}/en.html`)).text()
  assert.doesNotMatch(html, /<script src="\/palaver\.js"/, 'the built script is not used')
  const entry = /<script type="module" src="([^"]+src\/embed\.ts)"><\/script>/.exec(html)
  assert.ok(entry, html.slice(0, 400))
  const module = await fetch(`${base}${entry[1]}`)
  assert.equal(module.status, 200)
  assert.match(module.headers.get('content-type') ?? '', /javascript/)
  assert.match(await module.text(), /import .*palaver-comments/s)
  const offline = await (await fetch(`${base}/offline.html`)).text()
  assert.match(offline, /src\/embed-memory\.ts/, 'the memory build too')
})

test('/api is proxied to the running server, writes included', async () => {
  const thread = '/dev-proxy'
  const listed = (await (await fetch(`${base}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as { thread: { formToken: string } }
  assert.ok(listed.thread.formToken)
  const res = await fetch(`${base}/api/v1/comments`, {
    method: 'POST',
    // The browser sends the dev server's origin; the proxy presents the API's own.
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({
      thread,
      parentId: null,
      author: { name: 'Dev', email: 'dev@example.org', url: '' },
      body: 'Through the dev proxy',
      formToken: listed.thread.formToken,
    }),
  })
  assert.equal(res.status, 201, await res.clone().text())
  const page = (await (await fetch(`${api.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as { comments: unknown[] }
  assert.equal(page.comments.length, 1)
})
