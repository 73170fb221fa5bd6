/**
 * Render benchmark: the script-tag build on a host page in headless Chromium, its API
 * answered instantly (in-process routes, no server), for synthetic threads of 100, 1,000
 * and 10,000 comments — half top-level, replies up to three deep, ~300-character bodies
 * with a link and emphasis. Each case runs 5 times, each in a fresh browser.
 *
 * Reports main-thread CPU (the Performance domain's TaskDuration: time the renderer's
 * main thread was busy, from navigation until every comment is in the DOM; the machine
 * is shared, so wall time alone would mislead), wall time, JS heap after GC, DOM nodes,
 * CLS of the host page, the longest task, and every request besides the API and own files.
 *
 * Usage: node --import tsx bench/render.ts [--runs 5] [--sizes 100,1000,10000]
 * Needs `npm run build` first (dist/palaver.js). BENCH_DETAIL=1 prints each long task's
 * time and the style and layout totals; BENCH_TRACE=1 what each task over 50 ms was made of
 * (from a trace; tracing adds its own cost).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js'
import { syntheticThread } from './thread.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const RUNS = Number(option('runs', '5'))
const SIZES = option('sizes', '100,1000,10000').split(',').map(Number)
const ORIGIN = 'http://bench.palaver.test'

const script = readFileSync('dist/palaver.js')

/**
 * The host page: an article, the widget as the README embeds it, content below. `article`
 * is an article page as blogs have them (the widget starts below the fold, loading lazily
 * as by default); `in-view` puts the widget in the first viewport, the worst case for CLS;
 * `in-view-reserved` is the same page with the one CSS line docs/element.md gives owners
 * to reserve the widget's room before its script runs.
 */
type Layout = 'article' | 'in-view' | 'in-view-reserved' | 'bare'
/** docs/element.md: the skeleton's height, reserved before the element is defined. */
const RESERVE = '<style>palaver-comments:not(:defined) { display: block; min-height: 72em; }</style>'
const hostPage = (pageSize: number, layout: Layout) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bench post</title>
${layout === 'bare' ? '' : '<script src="/palaver.js" defer></script>'}${layout === 'in-view-reserved' ? RESERVE : ''}</head>
<body style="font: 16px/1.5 sans-serif; max-width: 42em; margin: 2em auto">
<h1>A post</h1>
${`<p>${'Article text, as long as a short blog post, so the comments start below the fold. '.repeat(12)}</p>`.repeat(layout === 'article' ? 4 : 1)}
${layout === 'bare' ? '' : `<palaver-comments server="${ORIGIN}" thread="/bench" page-size="${pageSize}"${layout === 'article' ? '' : ' loading="eager"'}></palaver-comments>`}
<footer id="below"><p>Content below the widget: it must not jump while comments load.</p></footer>
</body></html>`

interface Sample {
  cpuMs: number
  wallMs: number
  heapMiB: number
  nodes: number
  cls: number
  longestTaskMs: number
  foreignRequests: number
  shown: number
}

async function runOnce(browser: Browser, comments: unknown[], pageSize: number, layout: Layout): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const body = JSON.stringify({
    thread: { key: '/bench', title: 'Bench post', count: comments.length, open: true, requires: ['name', 'email'] },
    comments,
    nextCursor: null,
  })
  let foreign = 0
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin !== ORIGIN) {
      foreign++
      return route.abort()
    }
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: hostPage(pageSize, layout) })
    if (url.pathname === '/palaver.js') return route.fulfill({ contentType: 'text/javascript', body: script })
    if (url.pathname === '/api/v1/comments') {
      // Page the synthetic thread the way the server does: top-level comments with their replies.
      const limit = Number(url.searchParams.get('limit'))
      if (limit >= comments.length) return route.fulfill({ contentType: 'application/json', body })
      return route.fulfill({ contentType: 'application/json', body: pageOf(comments as never[], limit) })
    }
    if (url.pathname === '/api/v1/events') return route.fulfill({ status: 204 })
    foreign++
    return route.abort()
  })
  if (process.env.BENCH_DETAIL) page.on('console', (m) => m.type() === 'debug' && console.error(m.text()))
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  await page.addInitScript(() => {
    const w = window as unknown as { __cls: number; __longest: number; __shown: Promise<void> }
    // Resolves when the widget says every loaded comment is in the DOM (its updateComplete
    // waits for the last chunk): no polling, which would itself cost CPU on 10,000 comments.
    w.__shown = new Promise((resolve) =>
      document.addEventListener('palaver-loaded', (e) => (e.target as unknown as { updateComplete: Promise<void> }).updateComplete.then(() => resolve())),
    )
    w.__cls = 0
    w.__longest = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
        if (!entry.hadRecentInput) w.__cls += entry.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.__longest = Math.max(w.__longest, entry.duration)
        // Printed by the bench with BENCH_DETAIL=1, to see which task is long.
        console.debug(`longtask at ${entry.startTime.toFixed(0)} ms: ${entry.duration.toFixed(0)} ms`)
      }
    }).observe({ type: 'longtask', buffered: true })
  })
  const metric = async (name: string) => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
    return metrics.find((m) => m.name === name)?.value ?? 0
  }
  const before = await metric('TaskDuration')
  const tracing = Boolean(process.env.BENCH_TRACE)
  if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] })
  const started = Date.now()
  await page.goto(`${ORIGIN}/`)
  const expected = Math.min(comments.length, expectedShown(comments as never[], pageSize))
  if (layout !== 'bare') await page.evaluate(() => (window as unknown as { __shown: Promise<void> }).__shown)
  const wallMs = Date.now() - started
  const cpuMs = ((await metric('TaskDuration')) - before) * 1000
  if (tracing) printLongTasks(JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] })
  if (process.env.BENCH_DETAIL) {
    for (const name of ['ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration', 'TaskOtherDuration']) {
      console.error(`${name}: ${((await metric(name)) * 1000).toFixed(0)} ms`)
    }
  }
  const inDom =
    layout === 'bare'
      ? 0
      : await page.evaluate(() => document.querySelector('palaver-comments')?.shadowRoot?.querySelectorAll('li[id^="comment-"]').length ?? 0)
  if (inDom !== expected) throw new Error(`expected ${expected} comments in the DOM, found ${inDom}`)
  await page.waitForTimeout(300) // let late layout shifts be recorded
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await metric('JSHeapUsedSize')
  const nodes = await metric('Nodes')
  const { cls, longest } = await page.evaluate(() => {
    const w = window as unknown as { __cls: number; __longest: number }
    return { cls: w.__cls, longest: w.__longest }
  })
  await context.close()
  return { cpuMs, wallMs, heapMiB: heap / 2 ** 20, nodes, cls, longestTaskMs: longest, foreignRequests: foreign, shown: expected }
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  tid: number
  args?: { data?: { url?: string; functionName?: string } }
}

/**
 * BENCH_TRACE=1: each task of the renderer's main thread over 50 ms, with what took 3 ms or
 * more inside it (script by function and file, garbage collection, style, layout, parsing).
 */
function printLongTasks({ traceEvents }: { traceEvents: TraceEvent[] }): void {
  const tasks = traceEvents.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) > 50_000)
  for (const task of tasks) {
    const end = task.ts + task.dur!
    const inside = traceEvents.filter(
      (e) => e.tid === task.tid && e.ph === 'X' && e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end && (e.dur ?? 0) >= 3_000,
    )
    const parts = inside.map((e) => {
      const data = e.args?.data
      const where = data?.functionName || data?.url ? ` ${data.functionName ?? ''} ${data.url?.split('/').pop() ?? ''}`.trimEnd() : ''
      return `${e.name}${where} ${((e.dur ?? 0) / 1000).toFixed(1)}`
    })
    console.error(`long task ${(task.dur! / 1000).toFixed(1)} ms: ${parts.join('; ')}`)
  }
}

type Raw = { id: string; parentId: string | null }

function pageOf(comments: Raw[], limit: number): string {
  const roots = comments.filter((c) => c.parentId === null).slice(0, limit)
  const wanted = new Set(roots.map((c) => c.id))
  for (const c of comments) if (c.parentId !== null && wanted.has(c.parentId)) wanted.add(c.id)
  const all = comments.filter((c) => wanted.has(c.id))
  return JSON.stringify({
    thread: { key: '/bench', title: 'Bench post', count: comments.length, open: true, requires: ['name', 'email'] },
    comments: all,
    nextCursor: String(limit),
  })
}

function expectedShown(comments: Raw[], pageSize: number): number {
  if (pageSize >= comments.length) return comments.length
  return JSON.parse(pageOf(comments, pageSize)).comments.length
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s[s.length - 1]! }
}

export async function renderBench(): Promise<string> {
  const rows: string[] = []
  const version = (await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs }).then(async (b) => {
    const v = b.version()
    await b.close()
    return v
  })) as string
  const cases: Array<[number, number, Layout]> = SIZES.flatMap((n) => [
    [n, n, 'article'] as [number, number, Layout],
    ...(n > 50 ? [[n, 50, 'article'] as [number, number, Layout]] : []),
  ])
  cases.push([100, 100, 'in-view'], [1000, 1000, 'in-view'], [100, 100, 'in-view-reserved'])
  // The same article page without Palaver: what the host page costs by itself.
  cases.unshift([0, 0, 'bare'])
  for (const [n, pageSize, layout] of cases) {
    const comments = syntheticThread(n)
    {
      const samples: Sample[] = []
      for (let run = 0; run < RUNS; run++) {
        const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
        try {
          samples.push(await runOnce(browser, comments, pageSize, layout))
        } finally {
          await browser.close()
        }
      }
      const f = (key: keyof Sample, digits = 0) => {
        const s = stats(samples.map((x) => x[key] as number))
        return `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`
      }
      const row = `| ${n.toLocaleString('en')} | ${pageSize === n ? 'all' : pageSize} | ${layout} | ${samples[0]!.shown} | ${f('cpuMs')} | ${f('wallMs')} | ${f('longestTaskMs')} | ${f('heapMiB', 1)} | ${f('nodes')} | ${f('cls', 3)} | ${stats(samples.map((s) => s.foreignRequests)).max} |`
      console.log(row)
      rows.push(row)
    }
  }
  return [
    `Chromium ${version}, ${RUNS} runs per case, each in a fresh browser; median (min–max).`,
    'Host page "article": the widget below the fold, lazy as by default; "in-view": in the first viewport, eager;',
    '"in-view-reserved": the same with the CSS line of docs/element.md that reserves its room before the script runs;',
    '"bare": the article page without Palaver, the part of each number that is the host page\'s own.',
    '',
    '| comments | page size | host page | in DOM | main-thread CPU ms | wall ms | longest task ms | JS heap MiB after GC | DOM nodes | CLS | foreign requests |',
    '|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const table = await renderBench()
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/render.md', `# Render benchmark (${new Date().toISOString().slice(0, 10)})\n\n${table}\n`)
  console.log(`\n${table}`)
}
