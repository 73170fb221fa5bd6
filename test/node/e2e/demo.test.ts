/**
 * End to end, in Chromium: the widget on the demo page (built dist/palaver.js, served by
 * `palaver serve --demo`) posts through the real server; the comment survives killing the
 * server, starting it again on the same SQLite file and reloading the page; with
 * `--moderation all` a held comment shows, marked as awaiting moderation, only in its
 * author's browser (also after a reload) and is left out of every heading count; and no
 * page ever asks any origin but the server's.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, before, describe, test } from 'node:test'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { chromiumArgs as CHROME_ARGS, chromiumPath as CHROME } from '../../../scripts/chromium.js'
import { freePort } from '../../../scripts/free-port.js'
import { startServer, type Running } from '../server/helpers/process.js'

const BUNDLE = fileURLToPath(new URL('../../../dist/palaver.js', import.meta.url))
const THREAD = '/en.html'
const AWAITING = 'Your comment is awaiting moderation.'
const run = Date.now().toString(36)
const PUBLISHED = `A published comment from the end-to-end test (${run}).`
const HELD = `A held comment from the end-to-end test (${run}).`

/** Every request any page of a context makes, to check none leaves the server's origin. */
function record(context: BrowserContext, requests: string[], errors: string[]): void {
  context.setDefaultTimeout(5_000) // a broken page fails in seconds, not after Playwright's 30
  context.on('request', (request) => requests.push(request.url()))
  context.on('page', (page) => page.on('pageerror', (error) => errors.push(error.message)))
}

/** Opens or reloads the page and waits until the widget shows the thread's comments. */
async function shown(page: Page, action: () => Promise<unknown>): Promise<void> {
  await action()
  const widget = page.locator('palaver-comments')
  await widget.scrollIntoViewIfNeeded()
  await page.locator('palaver-comments ol.comments > li').first().waitFor()
}

/** The number in the heading ("5 Replies to “…”"). */
async function headingCount(page: Page): Promise<number> {
  const text = await page.locator('palaver-comments h2#heading').textContent()
  const match = /^\s*(\d+)\s+Repl/.exec(text ?? '')
  assert.ok(match, `heading with a count, got ${JSON.stringify(text)}`)
  return Number(match[1])
}

/** The comment articles whose body contains the text. */
const article = (page: Page, text: string) => page.locator('palaver-comments article.comment').filter({ hasText: text })

async function post(page: Page, body: string): Promise<void> {
  await page.locator('palaver-comment-form textarea#body').fill(body)
  await page.locator('palaver-comment-form input#name').fill('Erin Tester')
  await page.locator('palaver-comment-form input#email').fill('erin@example.org')
  await page.locator('palaver-comment-form button[type="submit"]').click()
}

describe('the demo page against the real server', { timeout: 90_000 }, () => {
  let dir = ''
  let port = 0
  let origin = ''
  let database = ''
  let server: Running | null = null
  let browser: Browser | null = null
  let author: BrowserContext | null = null
  let page: Page
  const requests: string[] = []
  const errors: string[] = []

  const start = async (...extra: string[]) => {
    server = await startServer(['--demo', '--database', database, '--port', String(port), '--min-post-seconds', '0', ...extra])
    assert.equal(server.url, origin)
  }

  before(async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (npm test does)`)
    if (!existsSync(CHROME)) throw new Error(`no Chromium at ${CHROME}: install it (apt-get install -y chromium) or set CHROME_PATH`)
    dir = mkdtempSync(join(tmpdir(), 'palaver-e2e-'))
    database = join(dir, 'palaver.sqlite')
    // Fixed for the whole test: the server must come back on it (same origin, same localStorage).
    port = await freePort()
    origin = `http://127.0.0.1:${port}`
    await start()
    browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS })
    author = await browser.newContext()
    record(author, requests, errors)
    page = await author.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => {})
    await server?.stop().catch(() => {})
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  let publicCount = 0

  test('the widget posts through the server; the new comment appears and gets the focus', async () => {
    await shown(page, () => page.goto(`${origin}${THREAD}`))
    const seeded = await headingCount(page)
    assert.ok(seeded > 0, 'the demo thread is seeded')
    assert.equal(await article(page, PUBLISHED).count(), 0)

    await post(page, PUBLISHED)
    await article(page, PUBLISHED).waitFor()
    await page.locator('palaver-comment-form .form-success', { hasText: 'Your comment was posted.' }).waitFor()
    assert.equal(await article(page, PUBLISHED).locator('.moderation').count(), 0, 'published at once, not held')
    publicCount = await headingCount(page)
    assert.equal(publicCount, seeded + 1, 'the heading counts the new comment')
    await page.waitForFunction(
      (text) => {
        const focused = document.querySelector('palaver-comments')?.shadowRoot?.activeElement
        return focused?.matches('article.comment') === true && focused.textContent?.includes(text) === true
      },
      PUBLISHED,
      { timeout: 5_000 },
    )
  })

  test('the comment survives killing the server, a restart on the same file and a reload', async () => {
    const killed = server!
    const exited = new Promise((resolve) => killed.child.once('exit', resolve))
    killed.child.kill('SIGKILL')
    await exited
    server = null
    // Held comments from here on: the next test needs it, and a restart must not change what was published.
    await start('--moderation', 'all')

    await shown(page, () => page.reload())
    await article(page, PUBLISHED).waitFor()
    assert.equal(await article(page, PUBLISHED).count(), 1, 'once, not twice')
    assert.equal(await article(page, PUBLISHED).locator('.moderation').count(), 0)
    assert.equal(await headingCount(page), publicCount)
  })

  test('a held comment shows only to its author, also after a reload, and is not counted', async () => {
    await post(page, HELD)
    await article(page, HELD).waitFor()
    await page.locator('palaver-comment-form .form-success', { hasText: 'Your comment was received and is awaiting moderation.' }).waitFor()
    assert.equal((await article(page, HELD).locator('.moderation').textContent())?.trim(), AWAITING)
    assert.equal(await headingCount(page), publicCount, 'the author’s heading does not count it either')

    const listing = (request: { url(): string; method(): string }) => request.method() === 'GET' && new URL(request.url()).pathname === '/api/v1/comments'
    const reloaded = page.waitForRequest(listing)
    await shown(page, () => page.reload())
    assert.ok((await reloaded).headers()['x-palaver-tokens'], 'the reload sends the author’s edit tokens')
    await article(page, HELD).waitFor()
    assert.equal((await article(page, HELD).locator('.moderation').textContent())?.trim(), AWAITING)
    assert.equal(await headingCount(page), publicCount)

    const reader = await browser!.newContext()
    record(reader, requests, errors)
    try {
      const other = await reader.newPage()
      await shown(other, () => other.goto(`${origin}${THREAD}`))
      await article(other, PUBLISHED).waitFor()
      assert.equal(await article(other, HELD).count(), 0, 'another reader does not see the held comment')
      assert.equal(await other.getByText(AWAITING).count(), 0)
      assert.equal(await headingCount(other), publicCount, 'and it is not in the count')
    } finally {
      await reader.close()
    }
  })

  test('the offline demo page runs on palaver-memory.js: a comment posted there never reaches the server', async () => {
    const offline = await author!.newPage()
    const asked: string[] = []
    offline.on('request', (request) => asked.push(new URL(request.url()).pathname))
    await offline.goto(`${origin}/offline.html`)
    const text = `An offline comment (${run}).`
    await post(offline, text)
    await article(offline, text).waitFor()
    assert.ok(asked.includes('/palaver-memory.js'))
    assert.deepEqual(
      asked.filter((path) => path.startsWith('/api/')),
      [],
    )
    await offline.close()
  })

  test('no page asked any origin but the server, and no page threw', () => {
    assert.ok(requests.length > 0)
    const foreign = requests.filter((url) => new URL(url).origin !== origin)
    assert.deepEqual(foreign, [])
    assert.deepEqual(errors, [])
  })
})
