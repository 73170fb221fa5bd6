/**
 * For the moderation page's browser tests: a real `palaver serve` (the CLI as a child
 * process, on a real SQLite file or a fresh PostgreSQL database), Debian's Chromium through
 * playwright-core on the server's own origin, comments posted through the public API as
 * readers post them, and axe-core run inside the page.
 */
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.js'
import type { TestDatabase } from '../server/helpers/dialects.js'
import { type Running, startServer } from '../server/helpers/process.js'

export const ADMIN_TOKEN = 'admin-page-test-token-0123456789abcdef'
export const SITE = 'https://blog.example'
const BUNDLE = fileURLToPath(new URL('../../../dist/palaver-admin.js', import.meta.url))
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface AdminServer {
  server: Running
  url: string
  database: TestDatabase
}

export async function startAdminServer(database: TestDatabase, extra: string[] = []): Promise<AdminServer> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` (or \`npx vite build --mode admin\`) first`)
  const server = await startServer([
    '--database',
    database.location,
    '--origin',
    SITE,
    '--min-post-seconds',
    '0',
    '--rate-burst',
    '0',
    '--admin-token',
    ADMIN_TOKEN,
    '--owner-name',
    'Blog Owner',
    ...extra,
  ])
  return { server, url: server.url, database }
}

export async function launch(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}`)
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
}

export interface Posted {
  id: string
  status: string
}

/** Posts as a reader's widget does (from the allowed site), returns the stored comment. */
export async function post(
  url: string,
  thread: string,
  body: string,
  author: { name: string; email: string; url?: string } = { name: 'Rita Reader', email: 'rita@example.org' },
): Promise<Posted> {
  const list = await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(thread)}`, { headers: { origin: SITE } })
  const formToken = ((await list.json()) as { thread: { formToken: string } }).thread.formToken
  const res = await fetch(`${url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: SITE },
    body: JSON.stringify({ thread, title: `Post ${thread}`, page: `${SITE}${thread}`, parentId: null, author: { url: '', ...author }, body, formToken }),
  })
  const text = await res.text()
  assert.equal(res.status, 201, text)
  return (JSON.parse(text) as { comment: Posted }).comment
}

/** A context that fails fast and records page errors and CSP refusals. */
export async function context(
  browser: Browser,
  options: { locale?: string; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; problems: string[] }> {
  const problems: string[] = []
  const ctx = await browser.newContext({ locale: options.locale ?? 'en-US', colorScheme: options.colorScheme ?? 'light' })
  ctx.setDefaultTimeout(5_000)
  ctx.on('page', (page) => {
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`csp: ${message.text()}`)
    })
  })
  return { context: ctx, problems }
}

/** Deep query through the page's shadow roots: the element inside <palaver-admin>. */
export const admin = (page: Page) => page.locator('palaver-admin')

export async function signIn(page: Page, url: string, token = ADMIN_TOKEN): Promise<void> {
  await page.goto(`${url}/admin`)
  await admin(page).locator('#token').fill(token)
  await admin(page)
    .getByRole('button', { name: /^(Sign in|Anmelden)$/ })
    .click()
}

/** The rows of the queue, as admin-comment elements. */
export const rows = (page: Page) => admin(page).locator('admin-queue admin-comment')
export const row = (page: Page, text: string) => rows(page).filter({ hasText: text })

/** Waits until the queue shows exactly these bodies (in this order). */
export async function queueShows(page: Page, bodies: string[]): Promise<void> {
  await page
    .waitForFunction(
      (want) => {
        const queue = document.querySelector('palaver-admin')?.shadowRoot?.querySelector('admin-queue')
        const list = [...(queue?.shadowRoot?.querySelectorAll('admin-comment') ?? [])].map(
          (el) => el.shadowRoot?.querySelector('.body')?.textContent?.trim() ?? '',
        )
        return JSON.stringify(list) === JSON.stringify(want)
      },
      bodies,
      { timeout: 5_000 },
    )
    .catch(async (error) => {
      const list = await rows(page).evaluateAll((els) =>
        els.map((el) => el.shadowRoot?.querySelector('.body')?.textContent?.trim() || JSON.stringify((el as unknown as { comment: unknown }).comment)),
      )
      throw new Error(`queue shows ${JSON.stringify(list)}, expected ${JSON.stringify(bodies)}: ${(error as Error).message}`)
    })
}

/** The element that has the focus, through shadow roots: its tag and text. */
export async function focused(page: Page): Promise<{ tag: string; text: string; host: string }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    let host = ''
    while (el?.shadowRoot?.activeElement) {
      host = el.tagName.toLowerCase()
      el = el.shadowRoot.activeElement
    }
    return { tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.replace(/\s+/g, ' ').trim() ?? '', host }
  })
}

/** axe-core over the whole page (shadow roots included): the violations, readably. */
export async function axe(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol: the page's CSP allows no script but its own.
  const has = await page.evaluate(() => 'axe' in window)
  if (!has) await page.evaluate(AXE)
  return page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join('; ')})`)
  })
}

export async function noViolations(page: Page, state: string): Promise<void> {
  assert.deepEqual(await axe(page), [], `axe violations in state: ${state}`)
}
