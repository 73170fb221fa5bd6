/**
 * Palaver beside its peers, in one run: the same host page, the same synthetic thread
 * (bench/thread.ts) answered instantly in each widget's own API format (bench/widgets.ts),
 * every comment shown, each run in a fresh headless Chromium. Only ratios from one run
 * count: the machine is shared, and absolute numbers move with its load.
 *
 * Per widget and thread size, the median of the runs of:
 *   - main-thread CPU (CDP Performance.getMetrics TaskDuration, thread ticks) from
 *     navigation until all N comments are in the DOM ("in DOM"), and until the page is
 *     settled (no more than 1 ms of main-thread work in 500 ms) ("settled");
 *   - the longest task (Long Tasks API), CLS of the host page (Layout Instability API),
 *     JS heap after a forced GC, and requests to other origins (refused; peers' avatars).
 * "in DOM" is seen the same way for every widget: a MutationObserver marks the document
 * (and the widget's shadow root) changed, and an animation-frame callback counts the
 * comments only when it is, at most every 50 ms.
 * The bare page (the same article without a widget) shows what the host page costs.
 *
 * Usage: node --import tsx bench/peers.ts [--runs 3] [--sizes 100,1000]
 * Needs `npm run build` first; writes bench/results/peers.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { type Browser, chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js'
import { syntheticThread } from './thread.js'
import { ORIGIN, type Widget, widgets } from './widgets.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const RUNS = Number(option('runs', '3'))
const SIZES = option('sizes', '100,1000').split(',').map(Number)
const QUIET_MS = 500
export const AVATARS = 'https://avatar.bench.test'
export const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const SETTLE_LIMIT_MS = 15_000

export const hostPage = (widget: Widget | null, pageSize: number) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bench post</title>${widget?.head ?? ''}</head>
<body style="font: 16px/1.5 sans-serif; max-width: 42em; margin: 2em auto">
<h1>A post</h1>
${`<p>${'Article text, as long as a short blog post, so the comments start below the fold. '.repeat(12)}</p>`.repeat(4)}
${widget?.embed(pageSize) ?? ''}
<footer id="below"><p>Content below the widget: it must not jump while comments load.</p></footer>
</body></html>`

/**
 * Runs in the page before anything else: CLS, the longest task, and `__shown`, resolved
 * when `n` items are in the DOM (counted at an animation frame after a mutation, at most every 50 ms).
 */
export const OBSERVE = `function (item, shadowHost, n) {
  const w = window
  w.__cls = 0
  w.__longest = 0
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) w.__cls += e.value
  }).observe({ type: 'layout-shift', buffered: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longest = Math.max(w.__longest, e.duration)
  }).observe({ type: 'longtask', buffered: true })
  if (!item) return
  w.__shown = new Promise((resolve) => {
    let dirty = true
    let root = null
    let counted = 0
    const observer = new MutationObserver(() => { dirty = true })
    function check() {
      if (!root) {
        const host = shadowHost ? document.querySelector(shadowHost)?.shadowRoot : document.body
        if (host) {
          root = host
          observer.observe(host, { childList: true, subtree: true })
        }
      }
      // At most every 50 ms: counting is the bench's own cost, not the widget's.
      if (root && dirty && performance.now() - counted > 50) {
        dirty = false
        counted = performance.now()
        if (root.querySelectorAll(item).length >= n) {
          observer.disconnect()
          return resolve()
        }
      }
      requestAnimationFrame(check)
    }
    observer.observe(document, { childList: true, subtree: true })
    requestAnimationFrame(check)
  })
}`

interface Sample {
  inDomMs: number
  settledMs: number
  busyShare: number
  longestTaskMs: number
  cls: number
  heapMiB: number
  foreign: number
}

async function runOnce(browser: Browser, widget: Widget | null, n: number): Promise<Sample> {
  const comments = syntheticThread(n)
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  let foreign = 0
  const html = hostPage(widget, n)
  await page.route('**/*', async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    if (process.env.BENCH_DETAIL === 'requests') console.error(`${request.method()} ${request.url().slice(0, 120)}`)
    if (url.origin !== ORIGIN) {
      foreign++
      // Peers' avatars: a tiny image, as an image service would answer (a refused image
      // leaves Waline animating its placeholder forever, which would not be a fair measure).
      if (url.origin === AVATARS) return route.fulfill({ contentType: 'image/png', body: PIXEL })
      return route.abort()
    }
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html })
    const file = widget?.files[url.pathname]
    if (file) return route.fulfill({ contentType: url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript', body: file })
    const answer = widget?.api(url, request.method(), comments, n)
    if (answer) return route.fulfill({ status: answer.status ?? 200, contentType: answer.contentType, body: answer.body })
    if (process.env.BENCH_DETAIL) console.error(`unanswered: ${request.method()} ${url.pathname}${url.search}`)
    return route.fulfill({ status: 404, body: '' })
  })
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  // A string, not a function: tsx's helper names would not exist in the page.
  await page.addInitScript(`(${OBSERVE})(${JSON.stringify(widget?.item ?? '')}, ${JSON.stringify(widget?.shadowHost ?? '')}, ${n})`)
  const busy = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
  }
  const before = await busy()
  await page.goto(`${ORIGIN}/`)
  if (widget) {
    const shown = page.evaluate(() => (window as unknown as { __shown: Promise<void> }).__shown)
    await Promise.race([shown, page.waitForTimeout(30_000).then(() => Promise.reject(new Error(`${widget.name}: ${n} comments not shown in 30 s`)))])
  }
  const inDomMs = (await busy()) - before
  // Settled: the main thread did at most 1 ms of work in the last QUIET_MS.
  let settled = await busy()
  let waited = 0
  let lastWindow = 0
  for (; waited < SETTLE_LIMIT_MS; waited += QUIET_MS) {
    await page.waitForTimeout(QUIET_MS)
    const now = await busy()
    lastWindow = now - settled
    if (lastWindow <= 1) break
    if (process.env.BENCH_DETAIL) console.error(`${widget?.name}: ${(now - settled).toFixed(0)} ms busy in ${QUIET_MS} ms`)
    settled = now
  }
  const quiet = waited < SETTLE_LIMIT_MS
  // A widget that keeps working (Waline re-renders its relative times every frame) has
  // no settled time: its busy share of the last half second is reported instead.
  const busyShare = quiet ? 0 : lastWindow / QUIET_MS
  const settledMs = settled - before
  await cdp.send('HeapProfiler.collectGarbage')
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
  const heapMiB = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20
  const { cls, longest } = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __longest: number }
    return { cls: w.__cls, longest: w.__longest }
  })
  await context.close()
  return { inDomMs, settledMs: quiet ? settledMs : Number.POSITIVE_INFINITY, busyShare, longestTaskMs: longest, cls, heapMiB, foreign }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const range = (xs: number[], digits = 0) => {
  const s = [...xs].sort((a, b) => a - b)
  if (!Number.isFinite(median(xs))) return 'never'
  return `${median(xs).toFixed(digits)} (${(s[0] as number).toFixed(digits)}–${(s[s.length - 1] as number).toFixed(digits)})`
}
const gzipKiB = (w: Widget) => Object.values(w.files).reduce((sum, f) => sum + gzipSync(f, { level: 9 }).length, 0) / 1024

async function measure(widget: Widget | null, n: number): Promise<Sample[]> {
  const samples: Sample[] = []
  for (let run = 0; run < RUNS; run++) {
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
    try {
      samples.push(await runOnce(browser, widget, n))
    } finally {
      await browser.close()
    }
  }
  return samples
}

export async function peersBench(): Promise<string> {
  const only = process.env.BENCH_ONLY?.split(',')
  const list = widgets().filter((w) => !only || only.includes(w.name))
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  const chromiumVersion = browser.version()
  await browser.close()
  const bare = await measure(null, 0)
  const rows: string[] = []
  const ratios: string[] = []
  const results = new Map<string, Sample[]>()
  for (const n of SIZES) {
    for (const widget of list) {
      const samples = await measure(widget, n)
      results.set(`${widget.name}/${n}`, samples)
      const f = (key: keyof Sample, digits = 0) =>
        range(
          samples.map((s) => s[key]),
          digits,
        )
      const row = `| ${widget.name} ${widget.version} | ${gzipKiB(widget).toFixed(1)} | ${n.toLocaleString('en')} | ${f('inDomMs')} | ${f('settledMs')}${samples.some((s) => s.busyShare) ? ` (${Math.round(100 * median(samples.map((s) => s.busyShare)))} % busy after ${SETTLE_LIMIT_MS / 1000} s)` : ''} | ${f('longestTaskMs')} | ${f('cls', 3)} | ${f('heapMiB', 1)} | ${Math.max(...samples.map((s) => s.foreign))} |`
      console.log(row)
      rows.push(row)
    }
    const ours = results.get(`Palaver/${n}`)
    const peers = list.filter((w) => !w.name.startsWith('Palaver'))
    if (ours && peers.length) {
      for (const key of ['inDomMs', 'settledMs'] as const) {
        const best = Math.min(...peers.map((w) => median((results.get(`${w.name}/${n}`) as Sample[]).map((s) => s[key]))))
        const bestName = peers.find((w) => median((results.get(`${w.name}/${n}`) as Sample[]).map((s) => s[key])) === best)?.name
        const ratio = best / median(ours.map((s) => s[key]))
        ratios.push(
          `| ${n.toLocaleString('en')} | ${key === 'inDomMs' ? 'CPU until all in DOM' : 'CPU until settled'} | ${bestName} ${best.toFixed(0)} ms | ${median(ours.map((s) => s[key])).toFixed(0)} ms | ${ratio.toFixed(1)}× |`,
        )
      }
    }
  }
  const load = (await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')
  return [
    `Chromium ${chromiumVersion}, ${RUNS} runs per case, each in a fresh browser; median (min–max). Load average at the end: ${load}.`,
    'Same article page for every widget (widget below the fold), same thread answered instantly in each API format, every comment shown.',
    `Bare page (no widget): CPU ${range(bare.map((s) => s.settledMs))} ms, heap ${range(
      bare.map((s) => s.heapMiB),
      1,
    )} MiB.`,
    `"never": the main thread was still busy after ${SETTLE_LIMIT_MS / 1000} s; then its share of busy time is given.`,
    '',
    '| widget | JS+CSS gzip KiB | comments | CPU ms until all in DOM | CPU ms until settled | longest task ms | CLS | JS heap MiB | foreign requests |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    '| comments | measure | best peer | Palaver | best peer ÷ Palaver |',
    '|---:|---|---:|---:|---:|',
    ...ratios,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = await peersBench()
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/peers.md', `# Palaver beside its peers (${new Date().toISOString().slice(0, 10)})\n\n${table}\n`)
  console.log(`\n${table}`)
}
