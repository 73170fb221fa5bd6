/**
 * Where the server's time goes: one `palaver serve` process (the build) under V8's CPU
 * profiler (`node --cpu-prof`) while autocannon sends one kind of request, then the
 * profile's self time grouped by where the code lives (our modules by function, each
 * dependency by package, Node's internals, the garbage collector) and per request.
 * Run: npm run bench:server-profile [-- --load post|first-page|counts --dialect sqlite|postgres
 *      --duration 5 --connections 20 --top 30]
 * The sampling profiler adds its own cost; read the shares, not the absolute times.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { postgresDatabase, sqliteDatabase } from '../test/node/server/helpers/dialects.js'
import { autocannon, countsUrl, cpuSeconds, listUrl, postRequest, seed, startServer } from './server-kit.js'

const { values } = parseArgs({
  options: {
    load: { type: 'string', default: 'post' },
    dialect: { type: 'string', default: 'sqlite' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    top: { type: 'string', default: '30' },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** Where a frame's code lives: a package, one of our functions, Node, or V8's own entries. */
function place(frame: ProfileNode['callFrame']): { group: string; fn: string } {
  const { url, functionName } = frame
  const fn = functionName || '(anonymous)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return { group: pkg[1]!, fn: `${pkg[1]}: ${fn}` }
  if (url.includes('/dist/server/')) return { group: 'palaver', fn: `palaver: ${fn}:${frame.lineNumber + 1}` }
  if (url.startsWith('node:')) return { group: `node:${url.slice(5).split('/')[1] ?? url.slice(5)}`, fn: `${url}: ${fn}` }
  if (!url) return { group: fn, fn }
  return { group: url, fn: `${url}: ${fn}` }
}

const database = values.dialect === 'postgres' ? await postgresDatabase() : await sqliteDatabase()
const dir = mkdtempSync(join(tmpdir(), 'palaver-prof-'))
try {
  await seed(database.location)
  const server = await startServer(database.location, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] })
  const load =
    values.load === 'post'
      ? { url: server.url, requests: [await postRequest(server)] }
      : values.load === 'counts'
        ? { url: countsUrl(server) }
        : { url: listUrl(server, 10) }
  await autocannon({ ...load, connections, duration: 1 }) // warm-up
  const before = cpuSeconds(server.pid)
  const result = await autocannon({ ...load, connections, duration })
  const used = cpuSeconds(server.pid) - before
  await server.stop()

  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error('the server wrote no profile')
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map<number, number>()
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  const groups = new Map<string, number>()
  const fns = new Map<string, number>()
  let busy = 0
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!
    if (node.callFrame.functionName === '(idle)') continue
    const { group, fn } = place(node.callFrame)
    groups.set(group, (groups.get(group) ?? 0) + us)
    fns.set(fn, (fns.get(fn) ?? 0) + us)
    busy += us
  }
  const total = result.requests.total
  const line = (name: string, us: number) =>
    `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${(us / Math.max(total, 1)).toFixed(0).padStart(5)} µs/req  ${name}`
  console.log(
    `${values.load} on ${values.dialect}: ${result.requests.total} requests in ${duration} s at ${connections} connections, ` +
      `${result.non2xx + result.errors} failed, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
      `server CPU ${used.toFixed(2)} s = ${Math.round(result.requests.total / used)} req per CPU-s (profiled)\n`,
  )
  console.log('By place (self time):')
  for (const [name, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(line(name, us))
  console.log(`\nTop ${values.top} functions (self time):`)
  for (const [name, us] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(line(name, us))
} finally {
  rmSync(dir, { recursive: true, force: true })
  await database.drop()
}
