/**
 * The declarative-shadow-DOM thread in Chromium: a host page that put the answer of
 * GET /api/v1/threads/html?shadow=1 inside <palaver-comments> shows every approved comment
 * with JavaScript off (inside the element's shadow root); with JavaScript on, the widget
 * hydrates it: the comment nodes the server rendered stay the same nodes, the form is
 * added, nothing shifts and nothing is logged as an error.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { chromium, type Browser, type Page } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js'
import { startServer, type Running } from '../server/helpers/process.js'

const DIST = fileURLToPath(new URL('../../../dist/', import.meta.url))
const THREAD = '/dsd-post'
const TEXTS = ['The first approved comment, in the declarative shadow root.', 'Its reply, nested below it.', 'A second top-level comment.']
const dir = mkdtempSync(join(tmpdir(), 'palaver-dsd-'))
let api: Running
let host: Server
let hostUrl = ''
let browser: Browser
let fragment = ''

/**
 * Before the widget's script: remember every comment node the server rendered (a property
 * on each, and the list of them), and count layout shifts from the start.
 */
const MARK = `<script>
  window.shifts = []
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.shifts.push(e.value) }).observe({ type: 'layout-shift', buffered: true })
  const root = document.querySelector('palaver-comments').shadowRoot
  window.serverNodes = [...root.querySelectorAll('li[id^="comment-"], article, .body, .author, time')]
  for (const node of window.serverNodes) node.fromServer = true
</script>`

const pageWith = (script: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DSD</title></head>
<body style="font: 16px/1.5 sans-serif; max-width: 42em; margin: 1em auto"><main><h1>A post</h1></main>
<palaver-comments server="${api.url}" thread="${THREAD}" loading="eager">${fragment}</palaver-comments>
<footer id="below"><p>Content below the comments: it must not move.</p></footer>
${script}</body></html>`

before(async () => {
  assert.ok(existsSync(join(DIST, 'palaver.js')), 'run npm run build first')
  host = createServer()
  host.listen(0, '127.0.0.1')
  await once(host, 'listening')
  hostUrl = `http://127.0.0.1:${(host.address() as { port: number }).port}`
  api = await startServer(['--database', join(dir, 'dsd.sqlite'), '--min-post-seconds', '0', '--origin', hostUrl])
  let parentId: string | null = null
  for (const [i, body] of TEXTS.entries()) {
    const info = (await (await fetch(`${api.url}/api/v1/comments?thread=${THREAD}`)).json()) as { thread: { formToken: string } }
    const res: Response = await fetch(`${api.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: hostUrl },
      body: JSON.stringify({
        thread: THREAD,
        parentId: i === 1 ? parentId : null,
        author: { name: `Reader ${i}`, email: `r${i}@example.org`, url: i === 0 ? 'https://reader.example' : '' },
        body,
        formToken: info.thread.formToken,
      }),
    })
    assert.equal(res.status, 201)
    if (i === 0) parentId = ((await res.json()) as { comment: { id: string } }).comment.id
  }
  // "Build time": the static site fetches the element's shadow root once and writes it into the page.
  const res = await fetch(`${api.url}/api/v1/threads/html?thread=${THREAD}&title=DSD&shadow=1`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('cache-control'), 'public, max-age=60')
  fragment = await res.text()
  const script = readFileSync(join(DIST, 'palaver.js'))
  host.on('request', (req, res) => {
    if (req.url?.startsWith('/palaver')) {
      const file = join(DIST, req.url.slice(1).split('?')[0]!)
      if (existsSync(file)) return res.writeHead(200, { 'content-type': 'text/javascript' }).end(req.url === '/palaver.js' ? script : readFileSync(file))
      return res.writeHead(404).end()
    }
    if (req.url === '/plain.html') {
      const plain = `<!doctype html><html lang="en"><head><title>Plain</title><script src="/palaver.js" defer></script></head>
<body><palaver-comments server="${api.url}" thread="${THREAD}" loading="eager"></palaver-comments></body></html>`
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain)
    }
    if (req.url === '/lazy.html') {
      // Far below the fold and lazy (the default): hydrated at once, the live page only when near.
      const lazy = pageWith('<script src="/palaver.js"></script>')
        .replace('<main><h1>A post</h1></main>', '<main><h1>A post</h1><div style="height: 5000px"></div></main>')
        .replace(' loading="eager"', '')
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(lazy)
    }
    if (req.url === '/stripped.html') {
      // An HTML minifier that drops comments takes Lit's markers with them.
      const stripped = pageWith('<script src="/palaver.js"></script>').replace(/<!--[\s\S]*?-->/g, '')
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(stripped)
    }
    const withScript = req.url === '/hydrate.html'
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageWith(withScript ? `${MARK}<script src="/palaver.js"></script>` : ''))
  })
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

after(async () => {
  await browser?.close()
  await api?.stop()
  host?.close()
  rmSync(dir, { recursive: true, force: true })
})

test('the shadow answer is a declarative shadow root with the seed, and no email', () => {
  assert.match(fragment, /^<template shadowrootmode="open"><style>/)
  assert.ok(fragment.includes('<script type="application/json" class="palaver-seed">'))
  assert.ok(!fragment.includes('example.org'), 'no email address')
  assert.ok(!fragment.includes('formToken'), 'no form token in a shared answer')
})

test('with JavaScript off, every approved comment is shown from the declarative shadow root', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await page.goto(`${hostUrl}/post.html`)
    const element = page.locator('palaver-comments')
    // Playwright's locators pierce open shadow roots; the root is the parser's, no script ran.
    for (const text of TEXTS) assert.equal(await element.getByText(text).isVisible(), true, text)
    assert.equal(await element.getByRole('heading', { level: 2 }).textContent(), '3 Replies to “DSD”')
    assert.equal(await element.locator('li[id^="comment-"]').count(), 3)
    assert.equal(await element.getByRole('link', { name: 'Reader 0' }).getAttribute('rel'), 'nofollow ugc noopener')
    assert.equal(await element.locator('time').count(), 3)
    assert.equal(await element.locator('form').count(), 0, 'no form that could not send')
  } finally {
    await context.close()
  }
})

/** Hydrated, rendered in the reader's view, and the live page it loads next is in and rendered too. */
async function hydrated(page: Page): Promise<void> {
  const live = page.waitForResponse((response) => response.url().includes('/api/v1/comments?'))
  await page.goto(`${hostUrl}/hydrate.html`)
  await page.locator('palaver-comments palaver-comment-form form').waitFor()
  await page.waitForFunction(() =>
    document.querySelector('palaver-comments')?.shadowRoot?.querySelector('a.permalink')?.getAttribute('href')?.startsWith('http'),
  )
  await live
  await page.evaluate(async () => {
    await document.querySelector('palaver-comments')!.updateComplete
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
  })
}

test('with JavaScript on, the widget hydrates the server-rendered nodes and adds the form, without a shift', async () => {
  const context = await browser.newContext({ timezoneId: 'UTC' })
  try {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
    page.on('pageerror', (error) => errors.push(error.message))
    await hydrated(page)
    const result = await page.evaluate(() => {
      const w = window as unknown as { serverNodes: Element[]; shifts: number[] }
      const root = document.querySelector('palaver-comments')!.shadowRoot!
      const now = [...root.querySelectorAll('li[id^="comment-"], article, .body, .author, time')]
      return {
        marked: w.serverNodes.length,
        same:
          now.length === w.serverNodes.length && now.every((node, i) => node === w.serverNodes[i] && (node as Element & { fromServer?: boolean }).fromServer),
        connected: w.serverNodes.every((node) => node.isConnected),
        shifts: w.shifts,
        seed: root.querySelectorAll('script.palaver-seed').length,
      }
    })
    assert.ok(result.marked >= 15, `marked ${result.marked} server nodes`)
    assert.equal(result.connected, true, 'every server-rendered node is still in the page')
    assert.equal(result.same, true, 'the comments, bodies, authors and dates are the nodes the server rendered')
    assert.deepEqual(result.shifts, [], 'no layout shift')
    assert.deepEqual(errors, [])
    for (const text of TEXTS) assert.equal(await page.locator('palaver-comments').getByText(text).isVisible(), true, text)
  } finally {
    await context.close()
  }
})

test('the hydrated widget is live: Reply moves the form under the comment, dates follow the reader’s time zone', async () => {
  const context = await browser.newContext({ timezoneId: 'Pacific/Auckland' })
  try {
    const page = await context.newPage()
    await hydrated(page)
    const element = page.locator('palaver-comments')
    const first = element.locator('li[id^="comment-"]').first()
    const datetime = (await first.locator('time').first().getAttribute('datetime'))!
    const local = await page.evaluate((iso) => new Date(iso).getHours(), datetime)
    assert.notEqual(local, new Date(datetime).getUTCHours(), 'the reader is not in UTC')
    assert.ok((await first.locator('time').first().textContent())!.includes(`${local % 12 || 12}:`), 'the date is in the reader’s zone')
    await first.getByRole('button', { name: 'Reply to Reader 0' }).click()
    await first.locator('palaver-comment-form form').waitFor()
    assert.equal(await first.getByRole('button', { name: 'Reply to Reader 0' }).getAttribute('aria-expanded'), 'true')
  } finally {
    await context.close()
  }
})

test('palaver-hydrate.js is loaded for a server-rendered element only', async () => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const asked: string[] = []
    page.on('request', (request) => asked.push(new URL(request.url()).pathname))
    await page.goto(`${hostUrl}/plain.html`)
    await page.locator('palaver-comments').getByText(TEXTS[2]!).waitFor()
    assert.equal(asked.filter((path) => path === '/palaver-hydrate.js').length, 0, 'not for a page without one')
    await hydrated(page)
    assert.equal(asked.filter((path) => path === '/palaver-hydrate.js').length, 1, 'once for the page with one')
  } finally {
    await context.close()
  }
})

test('a server-rendered root that lost its Lit markers is rendered afresh, not beside itself', async () => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (message) => message.type() === 'warning' && warnings.push(message.text()))
    await page.goto(`${hostUrl}/stripped.html`)
    const element = page.locator('palaver-comments')
    await element.locator('palaver-comment-form form').waitFor()
    await element.getByText(TEXTS[2]!).waitFor()
    assert.equal(await element.locator('li[id^="comment-"]').count(), 3, 'each comment once')
    assert.equal(await element.locator('h2').count(), 1)
    assert.ok(
      warnings.some((text) => text.includes('could not be hydrated')),
      warnings.join('\n'),
    )
  } finally {
    await context.close()
  }
})

test('a lazy server-rendered element hydrates at once and loads the live page only when it comes near', async () => {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    let lists = 0
    page.on('request', (request) => request.url().includes('/api/v1/comments?') && lists++)
    await page.goto(`${hostUrl}/lazy.html`)
    await page.locator('palaver-comments palaver-comment-form form').waitFor({ state: 'attached' })
    await page.waitForTimeout(300)
    assert.equal(lists, 0, 'nothing loaded while far away')
    const live = page.waitForResponse((response) => response.url().includes('/api/v1/comments?'))
    await page.locator('palaver-comments').scrollIntoViewIfNeeded()
    await live
    assert.equal(lists, 1)
  } finally {
    await context.close()
  }
})
