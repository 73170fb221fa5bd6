/**
 * A real Webmention end to end, in Chromium: a source page on loopback links to a post,
 * the mention is sent to a running Palaver (loopback sources allowed by the test flag),
 * verified in the background, and the widget on the post's page shows it as a mention —
 * the source's title linked to it, its excerpt, no avatar, no reply button.
 */
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, test } from 'node:test'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js'
import { createApp } from '../../../src/server/app.js'
import { appOptions } from '../../../src/server/options.js'
import { Store } from '../../../src/server/store.js'
import { sha256 } from '../../../src/server/tokens.js'
import { ADMIN_TOKEN, SECRET } from '../server/helpers/client.js'
import { sqliteDatabase, type TestDatabase } from '../server/helpers/dialects.js'

const BUNDLE = fileURLToPath(new URL('../../../dist/palaver.js', import.meta.url))
const THREAD = '/posts/hello/'
let host: Server
let hostUrl = ''
let database: TestDatabase
let store: Store
let palaver: ServerType
let palaverUrl = ''
let browser: Browser

const SOURCE = `<!doctype html><html><head><title>Wendy’s blog</title></head><body>
<article class="h-entry"><h1 class="p-name">Wendy answers the post</h1>
<div class="e-content"><p>A thoughtful reply on <a class="u-in-reply-to" href="TARGET">this post</a>.</p></div>
</article></body></html>`

before(async () => {
  assert.ok(existsSync(BUNDLE), 'run npm run build first')
  // One loopback server is both the blog (the post's page) and Wendy's site (the source).
  host = createServer()
  host.listen(0, '127.0.0.1')
  await once(host, 'listening')
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`
  database = await sqliteDatabase()
  store = await Store.open(database.location)
  const options = appOptions({
    secret: SECRET,
    adminTokenHash: sha256(ADMIN_TOKEN),
    origins: [hostUrl],
    webmentionAllowLoopback: true,
    distDir: dirname(BUNDLE),
    log: () => {},
  })
  palaver = serve({ fetch: createApp(options, store).fetch, port: 0, hostname: '127.0.0.1' })
  await once(palaver, 'listening')
  palaverUrl = `http://127.0.0.1:${(palaver.address() as AddressInfo).port}`
  const post = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hello</title>
<script src="${palaverUrl}/palaver.js" defer></script></head>
<body><h1>Hello</h1><palaver-comments server="${palaverUrl}" thread="${THREAD}" loading="eager"></palaver-comments></body></html>`
  host.on('request', (req, res) => {
    const body = req.url === '/wendy/reply' ? SOURCE.replace('TARGET', `${hostUrl}${THREAD}`) : post
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body)
  })
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
})

after(async () => {
  await browser?.close()
  await new Promise((resolve) => palaver?.close(resolve))
  await store?.close()
  await database?.drop()
  host?.close()
})

test('a verified Webmention shows in the widget as a mention with the source’s title, link and excerpt', async () => {
  const source = `${hostUrl}/wendy/reply`
  const sent = await fetch(`${palaverUrl}/webmention`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ source, target: `${hostUrl}${THREAD}` }).toString(),
  })
  assert.equal(sent.status, 202)
  const location = sent.headers.get('location')!
  let status = 'queued'
  for (let i = 0; i < 200 && status === 'queued'; i++) {
    status = ((await (await fetch(location)).json()) as { status: string }).status
    if (status === 'queued') await new Promise((resolve) => setTimeout(resolve, 25))
  }
  assert.equal(status, 'accepted')

  const page = await browser.newPage()
  try {
    await page.goto(`${hostUrl}${THREAD}`)
    const mention = page.locator('palaver-comments article.mention')
    await mention.waitFor()
    assert.equal(await mention.getAttribute('aria-label'), 'Mention: Wendy answers the post')
    const link = mention.locator('a', { hasText: 'Wendy answers the post' })
    assert.equal(await link.getAttribute('href'), source)
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered visible
    assert.match(await mention.innerText(), /A thoughtful reply on this post\./)
    assert.equal(await mention.locator('button').count(), 0, 'a mention takes no reply')
    assert.match((await page.locator('palaver-comments h2').textContent()) ?? '', /^\s*1 /, 'the heading counts it')
  } finally {
    await page.close()
  }
})
