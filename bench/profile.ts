/**
 * Where a widget's render time goes: CDP's sampling profiler (100 µs) from navigation
 * until all N comments are in the DOM, on the peer benchmark's page (bench/peers.ts).
 * For Palaver, each sample's function is mapped through dist/palaver.js.map to its source
 * file, and the files grouped: sanitizing (DOMPurify and the policy around it), Lit
 * (template instantiation and updates), the widget's own code, state, adapter, and the
 * engine's own work (garbage collection, parsing and compiling). Style and layout are
 * not JavaScript: they come from the Performance domain's RecalcStyleDuration and
 * LayoutDuration over the same span.
 *
 * Usage: node --import tsx bench/profile.ts [--widget Palaver] [--comments 1000] [--runs 3]
 * Prints a table; needs `npm run build --mode script` (dist/palaver.js and its map).
 */
import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { chromium } from 'playwright-core'
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js'
import { AVATARS, hostPage, OBSERVE, PIXEL } from './peers.js'
import { syntheticThread } from './thread.js'
import { ORIGIN, widgets } from './widgets.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i === -1 ? fallback : (args[i + 1] ?? fallback)
}
const WIDGET = option('widget', 'Palaver')
const N = Number(option('comments', '1000'))
const RUNS = Number(option('runs', '3'))

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const script = process.env.PALAVER_JS ?? 'dist/palaver.js'
const map = existsSync(`${script}.map`) ? new SourceMap(JSON.parse(readFileSync(`${script}.map`, 'utf8'))) : null

/** The group a sample's function belongs to. */
function group(frame: ProfileNode['callFrame']): string {
  const { functionName, url } = frame
  if (!url) {
    if (functionName === '(garbage collector)') return 'engine: garbage collection'
    if (functionName === '(program)') return 'engine: other (parsing HTML, compiling, events)'
    if (functionName === '(idle)') return 'idle'
    return `native: ${functionName}`
  }
  if (WIDGET !== 'Palaver' || !url.endsWith('/palaver.js') || !map) return `${new URL(url).pathname} ${functionName || '(anonymous)'}:${frame.lineNumber}`
  const source = map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string }
  const file = source.originalSource ?? ''
  if (process.env.PROFILE_LINES)
    return `${file.replace(/.*?(node_modules|src)\//, '$1/')}:${(source as { originalLine?: number }).originalLine ?? '?'} ${functionName}`
  if (file.includes('node_modules/dompurify')) return 'sanitizing: DOMPurify'
  if (file.includes('src/content/')) return 'sanitizing: policy, linkify, caps (src/content)'
  if (/node_modules\/(lit-html|lit-element|@lit|lit)\//.test(file)) return 'Lit: templates and updates'
  if (file.includes('node_modules/nanostores')) return 'state: nanostores'
  const m = /src\/([\w-]+(?:\/[\w-]+)?)/.exec(file)
  return m ? `palaver: src/${m[1]}` : `palaver: ${file || '?'}`
}

async function once(): Promise<{ groups: Map<string, number>; metrics: Record<string, number> }> {
  const widget = widgets().find((w) => w.name === WIDGET)
  if (!widget) throw new Error(`no widget ${WIDGET}`)
  const comments = syntheticThread(N)
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs })
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  const html = hostPage(widget, N)
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url())
    if (url.origin === AVATARS) return route.fulfill({ contentType: 'image/png', body: PIXEL })
    if (url.origin !== ORIGIN) return route.abort()
    if (url.pathname === '/') return route.fulfill({ contentType: 'text/html', body: html })
    const file = widget.files[url.pathname]
    if (file) return route.fulfill({ contentType: url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript', body: file })
    const answer = widget.api(url, route.request().method(), comments, N)
    if (answer) return route.fulfill({ status: answer.status ?? 200, contentType: answer.contentType, body: answer.body })
    return route.fulfill({ status: 404, body: '' })
  })
  const cdp = await page.context().newCDPSession(page)
  await page.addInitScript(`(${OBSERVE})(${JSON.stringify(widget.item)}, ${JSON.stringify(widget.shadowHost ?? '')}, ${N})`)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 })
  const read = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
    return Object.fromEntries(metrics.map((m) => [m.name, m.value * 1000]))
  }
  const before = await read()
  await cdp.send('Profiler.start')
  await page.goto(`${ORIGIN}/`)
  await page.evaluate(() => (window as unknown as { __shown: Promise<void> }).__shown)
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile }
  const after = await read()
  await browser.close()
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const groups = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const key = group((byId.get(id) as ProfileNode).callFrame)
    groups.set(key, (groups.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const metrics: Record<string, number> = {}
  for (const name of ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration']) metrics[name] = (after[name] ?? 0) - (before[name] ?? 0)
  return { groups, metrics }
}

const runs: Array<Awaited<ReturnType<typeof once>>> = []
for (let i = 0; i < RUNS; i++) runs.push(await once())
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const keys = [...new Set(runs.flatMap((r) => [...r.groups.keys()]))].filter((k) => k !== 'idle')
const rows = keys.map((k) => [k, median(runs.map((r) => r.groups.get(k) ?? 0))] as const).sort((a, b) => b[1] - a[1])
console.log(`${WIDGET}, ${N} comments, ${RUNS} runs, median ms of samples (100 µs) until all are in the DOM:`)
console.log('| where | ms |\n|---|---:|')
for (const [k, ms] of rows.slice(0, 25)) if (ms >= 0.5) console.log(`| ${k} | ${ms.toFixed(1)} |`)
for (const name of ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration']) {
  console.log(`| (Performance) ${name} | ${median(runs.map((r) => r.metrics[name] as number)).toFixed(1)} |`)
}
