/**
 * Hydration benchmark: what the declarative-shadow-DOM thread (GET /api/v1/threads/html
 * ?shadow=1, docs/seo.md) costs the reader's main thread against the widget's own cold
 * render, for synthetic threads of 100 and 1,000 comments (bench/render.ts's shape), in
 * headless Chromium with the API answered instantly by in-process routes. Three pages:
 *
 * - cold: an empty `<palaver-comments>`; the widget loads the thread and renders it;
 * - dsd-no-script: the server-rendered shadow root and no script, what any page with it
 *   pays for parsing and laying it out (and all a reader without JavaScript gets);
 * - dsd-hydrate: the same with the script: hydration, the reader's view over it (their
 *   time zone, full permalinks), the form, and the live page loaded after it.
 *
 * Reports main-thread CPU (the Performance domain's TaskDuration, from navigation until
 * the element's live page is rendered, or the page is loaded without script), wall time,
 * and CLS; the hydration's own cost is dsd-hydrate minus dsd-no-script.
 *
 * Usage: node --import tsx bench/hydrate.ts [--runs 5] [--sizes 100,1000]
 * (BENCH_CASES=dsd-hydrate runs only the cases named, comma-separated.)
 * Needs `npm run build` first (dist/palaver.js, dist/palaver-hydrate.js).
 */
import { readFileSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js'
import { renderThreadShadow } from '../src/ssr/thread-shadow.js'
import { syntheticThread } from './thread.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const RUNS = Number(option('runs', '5'))
const SIZES = option('sizes', '100,1000').split(',').map(Number)
const ORIGIN = 'http://bench.palaver.test'
const script = readFileSync('dist/palaver.js')
const hydrateScript = readFileSync('dist/palaver-hydrate.js')

type Case = 'cold' | 'dsd-no-script' | 'dsd-hydrate'

const hostPage = (inside: string, withScript: boolean, roots: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bench post</title>
${withScript ? '<script src="/palaver.js" defer></script>' : ''}</head>
<body style="font: 16px/1.5 sans-serif; max-width: 42em; margin: 2em auto">
<h1>A post</h1><p>${'Article text in the first viewport. '.repeat(12)}</p>
<palaver-comments server="${ORIGIN}" thread="/bench" page-size="${roots}" loading="eager">${inside}</palaver-comments>
<footer><p>Content below the widget.</p></footer>
</body></html>`

async function runOnce(browser: Browser, n: number, kind: Case, shadow: string): Promise<{ cpuMs: number; wallMs: number; cls: number }> {
  const comments = syntheticThread(n)
  const roots = comments.filter((c) => c.parentId === null).length
  const thread = { key: '/bench', title: 'Bench post', count: n, open: true, requires: ['name', 'email'] }
  const body = JSON.stringify({ thread, comments, nextCursor: null })
  const html = hostPage(kind === 'cold' ? '' : shadow, kind !== 'dsd-no-script', roots)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: true })
  const page = await context.newPage()
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html })
    if (url.pathname === '/palaver.js') return route.fulfill({ contentType: 'text/javascript', body: script })
    if (url.pathname === '/palaver-hydrate.js') return route.fulfill({ contentType: 'text/javascript', body: hydrateScript })
    if (url.pathname === '/api/v1/comments') return route.fulfill({ contentType: 'application/json', body })
    if (url.pathname === '/api/v1/events') return route.fulfill({ status: 204 })
    return route.abort()
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number }
    w.__cls = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) w.__cls += entry.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const metric = async (name: string) => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
    return metrics.find((m) => m.name === name)?.value ?? 0
  }
  const live = kind === 'dsd-no-script' ? null : page.waitForResponse((response) => response.url().includes('/api/v1/comments?'))
  const before = await metric('TaskDuration')
  const started = Date.now()
  await page.goto(`${ORIGIN}/`, { waitUntil: 'load' })
  if (live) {
    await live
    await page.evaluate(async () => {
      await (document.querySelector('palaver-comments') as unknown as { updateComplete: Promise<unknown> }).updateComplete
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))
    })
  } else {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  }
  const wallMs = Date.now() - started
  const cpuMs = ((await metric('TaskDuration')) - before) * 1000
  const shown = await page.evaluate(() => document.querySelector('palaver-comments')?.shadowRoot?.querySelectorAll('li[id^="comment-"]').length ?? 0)
  if (shown !== n) throw new Error(`${kind}: expected ${n} comments in the DOM, found ${shown}`)
  if (
    kind === 'dsd-hydrate' &&
    !(await page.evaluate(
      () => !!document.querySelector('palaver-comments')?.shadowRoot?.querySelector('palaver-comment-form')?.shadowRoot?.querySelector('form'),
    ))
  ) {
    throw new Error('dsd-hydrate: no form after hydration')
  }
  await page.waitForTimeout(200)
  const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls)
  await context.close()
  return { cpuMs, wallMs, cls }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
console.log(`| comments | page | CPU ms (median of ${RUNS}, min–max) | wall ms | CLS |`)
console.log('|---:|---|---:|---:|---:|')
try {
  for (const n of SIZES) {
    const comments = syntheticThread(n)
    const thread = { key: '/bench', title: 'Bench post', count: n, open: true, requires: ['name', 'email'] as const }
    const shadow = await renderThreadShadow({
      lang: 'en',
      title: 'Bench post',
      thread: { ...thread, requires: [...thread.requires] },
      comments,
      nextCursor: null,
      maxDepth: 5,
      sort: 'oldest',
    })
    for (const kind of (process.env.BENCH_CASES?.split(',') ?? ['cold', 'dsd-no-script', 'dsd-hydrate']) as Case[]) {
      const samples = []
      for (let i = 0; i < RUNS; i++) samples.push(await runOnce(browser, n, kind, shadow))
      const cpu = samples.map((s) => s.cpuMs)
      console.log(
        `| ${n} | ${kind} | ${median(cpu).toFixed(0)} (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}) | ${median(samples.map((s) => s.wallMs)).toFixed(0)} | ${Math.max(...samples.map((s) => s.cls)).toFixed(3)} |`,
      )
    }
  }
} finally {
  await browser.close()
}
