/**
 * Load test of the reference server over loopback, on SQLite and PostgreSQL:
 *  - requests/s for listing a 1,000-comment thread (200 top-level comments with 4 replies
 *    each: the whole thread in one page with limit=200, the default first page of 50, and
 *    a first page of 10)
 *  - latency (p50/p99) and requests/s for posting comments
 *  - for each, answers per second of the server process's CPU time (/proc), which a busy
 *    machine moves less than requests per second
 * The server runs as its own process (the real CLI) so it does not share a core with the
 * load generator. Run: npm run bench:server [-- --duration 10 --connections 10 --only POST --dialect postgres]
 * Results are printed and written to bench/results/server.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { selectDialects, type TestDatabase } from '../test/node/server/helpers/dialects.js'
import { autocannon, countsUrl, cpuSeconds, listUrl, postRequest, type Result, seed, startServer } from './server-kit.js'

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    // Only the loads whose name contains this (`--only POST`, `--only counts`), for A/B runs.
    only: { type: 'string', default: '' },
    // As DIALECTS for the tests: `sqlite`, `postgres`, both when unset.
    dialect: { type: 'string', default: '' },
  },
})
const duration = Number(values.duration)
const connections = Number(values.connections)

interface Row {
  dialect: string
  what: string
  rps: number
  /** Answers per second of the server process's CPU time: what the machine's load does not move much. */
  perCpu: number
  p50: number
  p99: number
  bad: number
}

async function measure(database: TestDatabase): Promise<Row[]> {
  await seed(database.location)
  const server = await startServer(database.location)
  const rows: Row[] = []
  // A row counts every answer other than the expected status as bad (304 where it is expected).
  // Each load runs through `cpu`, which notes the server's CPU time it took.
  let used = 0
  const cpu = async (load: Promise<Result>) => {
    const before = cpuSeconds(server.pid)
    const result = await load
    used = cpuSeconds(server.pid) - before
    return result
  }
  const record = (what: string, r: Result, expect304 = false) =>
    rows.push({
      dialect: database.name,
      what,
      rps: Math.round(r.requests.average),
      perCpu: Math.round(r.requests.total / Math.max(used, 0.01)),
      p50: r.latency.p50,
      p99: r.latency.p99,
      bad: r.errors + (expect304 ? r.requests.total - r['3xx'] : r.non2xx),
    })
  try {
    const list = (limit: number) => listUrl(server, limit)
    const first = await fetch(list(200))
    const etag = first.headers.get('etag') ?? ''
    const check = (await first.json()) as { comments: unknown[] }
    if (check.comments.length !== 1000) throw new Error(`expected 1000 comments in one page, got ${check.comments.length}`)
    if ((await fetch(list(200), { headers: { 'if-none-match': etag } })).status !== 304) throw new Error('If-None-Match did not give 304')
    const loads: [what: string, run: (duration: number) => Promise<Result>, expect304?: boolean][] = [
      ['GET whole thread (1,000 comments, limit=200)', (duration) => autocannon({ url: list(200), connections, duration })],
      [
        'GET whole thread again, If-None-Match (304)',
        (duration) => autocannon({ url: list(200), connections, duration, headers: { 'if-none-match': etag } }),
        true,
      ],
      ['GET first page (50 top-level + replies = 250)', (duration) => autocannon({ url: list(50), connections, duration })],
      ['GET first page of 10 top-level (+ replies = 50)', (duration) => autocannon({ url: list(10), connections, duration })],
      ['GET counts of 50 threads (one with 1,000 comments)', (duration) => autocannon({ url: countsUrl(server), connections, duration })],
      ['POST comment', async (duration) => autocannon({ url: server.url, connections, duration, requests: [await postRequest(server)] })],
    ]
    for (const [what, run, expect304] of loads) {
      if (!what.includes(values.only)) continue
      await run(2) // warm-up of this very load: its code compiled, its caches filled, before it counts
      record(what, await cpu(run(duration)), expect304)
    }
  } finally {
    await server.stop()
  }
  return rows
}

const results: Row[] = []
for (const open of selectDialects(values.dialect)) {
  const database = await open()
  try {
    results.push(...(await measure(database)))
  } finally {
    await database.drop()
  }
}

const table = [
  `Loopback, ${connections} connections, ${duration} s each, autocannon; server: one \`palaver serve\` process. Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}.`,
  '',
  "req per CPU-s: answers per second of the server process's own CPU time (PostgreSQL's processes not counted), which a busy machine moves less than req/s.",
  `Load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}.`,
  '',
  '| dialect | request | req/s | req per CPU-s | p50 ms | p99 ms | non-2xx/errors |',
  '|---|---|---:|---:|---:|---:|---:|',
  ...results.map((r) => `| ${r.dialect} | ${r.what} | ${r.rps} | ${r.perCpu} | ${r.p50} | ${r.p99} | ${r.bad} |`),
  '',
].join('\n')
console.log(table)
const dir = fileURLToPath(new URL('./results/', import.meta.url))
mkdirSync(dir, { recursive: true })
writeFileSync(join(dir, 'server.md'), `# Server benchmark (${new Date().toISOString().slice(0, 10)})\n\n${table}`)
