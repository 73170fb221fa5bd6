#!/usr/bin/env node
// The README's screenshots, made from the real demo so they stay current: starts
// `palaver serve --demo` (the built server, on a fresh SQLite file in a temporary folder,
// seeded with demo/data/threads.json), opens /en.html in Chromium (playwright-core, Debian's
// /usr/bin/chromium) once with a light and once with a dark colour scheme, and writes the
// comment section of each to docs/img/demo-light.png and docs/img/demo-dark.png.
//
//   npm run build && node scripts/screenshots.js
//
// Not part of npm test: pictures are for people, and the tests check what they show.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from './chromium.js'
import { freePort } from './free-port.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'docs/img')
/** How much of the comment section each picture shows: the heading and the first comments. */
const HEIGHT = 1000
const WIDTH = 860
const MARGIN = 24
const SECRET = 'palaver-screenshots-only-not-a-real-secret-0123456789'

/** `palaver serve --demo` on its own port and database; resolves once it listens. */
async function serveDemo(dir) {
  const port = await freePort()
  // Its own settings only: none of the caller's PALAVER_* variables.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PALAVER_') && name !== 'DATABASE_URL'))
  // A fixed secret keys the avatars, so each run draws the same identicons.
  const args = [join(root, 'bin/palaver.js'), 'serve', '--demo', '--port', String(port), '--database', join(dir, 'demo.sqlite'), '--secret', SECRET]
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`palaver serve --demo did not start:\n${output}`)), 15_000)
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (/listening on/.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`palaver serve --demo exited with ${code}:\n${output}`))
    })
  })
  return { url: `http://127.0.0.1:${port}`, child }
}

async function shoot(browser, url, colorScheme, file) {
  // A fixed zone, locale and clock face: the dates in the picture do not depend on the machine.
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 }, colorScheme, locale: 'en-US', timezoneId: 'UTC' })
  const page = await context.newPage()
  await page.goto(`${url}/en.html`)
  const section = page.locator('#comments')
  await section.scrollIntoViewIfNeeded()
  // Playwright's CSS locators look into shadow roots: wait for the rendered comments.
  await page.locator('palaver-comments article').first().waitFor()
  await page.evaluate(async () => {
    await document.fonts.ready
    await document.querySelector('palaver-comments').updateComplete
  })
  // In page coordinates, which a full-page clip takes (boundingBox() is the viewport's).
  const box = await section.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }
  })
  await page.screenshot({
    path: file,
    fullPage: true,
    animations: 'disabled',
    // With a margin of the page around it, as a reader sees the section.
    clip: { x: Math.max(0, box.x - MARGIN), y: box.y - MARGIN, width: box.width + 2 * MARGIN, height: Math.min(box.height, HEIGHT) + MARGIN },
  })
  await context.close()
  console.log(`screenshots: ${colorScheme} → ${file.slice(root.length)}`)
}

const dir = mkdtempSync(join(tmpdir(), 'palaver-screenshots-'))
let server = null
let browser = null
try {
  server = await serveDemo(dir)
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  mkdirSync(out, { recursive: true })
  await shoot(browser, server.url, 'light', join(out, 'demo-light.png'))
  await shoot(browser, server.url, 'dark', join(out, 'demo-dark.png'))
} finally {
  await browser?.close()
  server?.child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
