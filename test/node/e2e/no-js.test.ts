/**
 * Readers without JavaScript, and search engines, in Chromium: a host page that included
 * the server-rendered thread (GET /api/v1/threads/html, fetched "at build time") inside
 * <palaver-comments> shows every approved comment with JavaScript off; with JavaScript on,
 * the widget takes over and the fallback is not shown twice.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js'
import { startServer, type Running } from '../server/helpers/process.js'

const BUNDLE = fileURLToPath(new URL('../../../dist/palaver.js', import.meta.url))
const THREAD = '/no-js-post'
const TEXTS = ['The first approved comment, readable without JavaScript.', 'Its reply, nested below it.', 'A second top-level comment.']
const dir = mkdtempSync(join(tmpdir(), 'palaver-nojs-'))
let api: Running
let host: Server
let hostUrl = ''
let browser: Browser

before(async () => {
  assert.ok(existsSync(BUNDLE), 'run npm run build first')
  host = createServer()
  host.listen(0, '127.0.0.1')
  await once(host, 'listening')
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`
  api = await startServer(['--database', join(dir, 'nojs.sqlite'), '--min-post-seconds', '0', '--origin', hostUrl])
  let parentId: string | null = null
  for (const [i, body] of TEXTS.entries()) {
    const info = (await (await fetch(`${api.url}/api/v1/comments?thread=${THREAD}`)).json()) as { thread: { formToken: string } }
    const res: Response = await fetch(`${api.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hostUrl },
      body: JSON.stringify({
        thread: THREAD,
        parentId: i === 1 ? parentId : null,
        author: { name: `Reader ${i}`, email: `r${i}@example.org`, url: '' },
        body,
        formToken: info.thread.formToken,
      }),
    })
    assert.equal(res.status, 201)
    if (i === 0) parentId = ((await res.json()) as { comment: { id: string } }).comment.id
  }
  // "Build time": the static site fetches the thread once and writes it into the page.
  const fragment = await (await fetch(`${api.url}/api/v1/threads/html?thread=${THREAD}&title=No%20JS`)).text()
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>No JS</title>
<script src="${api.url}/palaver.js" defer></script></head>
<body><main><h1>A post</h1></main>
<palaver-comments server="${api.url}" thread="${THREAD}" loading="eager">${fragment}</palaver-comments></body></html>`
  host.on('request', (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page))
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

after(async () => {
  await browser?.close()
  await api?.stop()
  host?.close()
  rmSync(dir, { recursive: true, force: true })
})

test('with JavaScript off, every approved comment of the server-rendered thread is on the page', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(`${hostUrl}/post.html`)
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visible, not every text node
    const text = await page.locator('body').innerText()
    for (const comment of TEXTS) assert.ok(text.includes(comment), comment)
    assert.ok(text.includes('3 Replies to “No JS”'), 'the heading counts them')
    assert.equal(await page.locator('palaver-comments li.palaver-comment').count(), 3)
  } finally {
    await context.close()
  }
})

test('with JavaScript on, the widget shows the thread and the fallback is hidden', async () => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    await page.goto(`${hostUrl}/post.html`)
    // Playwright's locators pierce open shadow roots: the widget's own list.
    await page.locator('palaver-comments').getByText(TEXTS[2]!).filter({ visible: true }).first().waitFor()
    assert.equal(await page.locator('section.palaver-thread').isVisible(), false, 'the light-DOM fallback is not rendered')
  } finally {
    await context.close()
  }
})
