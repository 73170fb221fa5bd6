/**
 * Two builds of the server side by side, for a change too small to see across separate
 * runs on a shared machine: `before` (another checkout, built) and this checkout, each its
 * own process on its own database, loaded in turns of a few seconds (which one goes first
 * swaps every round), so whatever the machine does meanwhile falls on both alike. Prints
 * requests per server CPU-second of each, summed over the rounds, and the median of the
 * rounds' ratios.
 * Run: npm run bench:server-ab -- --baseline /path/to/other/checkout [--only POST
 *      --dialect postgres --rounds 8 --duration 3 --connections 20]
 */
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { selectDialects, type TestDatabase } from '../test/node/server/helpers/dialects.js'
import { autocannon, type BenchServer, countsUrl, cpuSeconds, listUrl, postRequest, type Result, seed, startServer } from './server-kit.js'

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    only: { type: 'string', default: 'POST' },
    dialect: { type: 'string', default: '' },
    rounds: { type: 'string', default: '8' },
    duration: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
  },
})
if (!values.baseline) throw new Error('--baseline <checkout with its dist/ built> is required')
const [rounds, duration, connections] = [Number(values.rounds), Number(values.duration), Number(values.connections)]

type Load = (server: BenchServer) => Promise<Result>
const LOADS: Record<string, Load> = {
  'POST comment': async (server) => autocannon({ url: server.url, connections, duration, requests: [await postRequest(server)] }),
  'GET first page of 10 top-level': (server) => autocannon({ url: listUrl(server, 10), connections, duration }),
  'GET counts of 50 threads': (server) => autocannon({ url: countsUrl(server), connections, duration }),
}

interface Side {
  database: TestDatabase
  server: BenchServer
  requests: number
  cpu: number
  perRound: number[]
  p99: number[]
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const lines: string[] = []
for (const open of selectDialects(values.dialect)) {
  const sides: Side[] = []
  try {
    // before, then after (this checkout's own build)
    for (const bin of [join(values.baseline, 'bin/palaver.js'), undefined]) {
      const database = await open()
      await seed(database.location)
      sides.push({ database, server: await startServer(database.location, { bin }), requests: 0, cpu: 0, perRound: [], p99: [] })
    }
    for (const [what, load] of Object.entries(LOADS).filter(([what]) => what.includes(values.only))) {
      for (const side of sides) Object.assign(side, { requests: 0, cpu: 0, perRound: [], p99: [] })
      for (const side of sides) await load(side.server) // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const side of round % 2 ? [...sides].reverse() : sides) {
          const before = cpuSeconds(side.server.pid)
          const result = await load(side.server)
          const used = cpuSeconds(side.server.pid) - before
          side.requests += result.requests.total
          side.cpu += used
          side.perRound.push(result.requests.total / Math.max(used, 0.01))
          side.p99.push(result.latency.p99)
        }
      }
      const [a, b] = sides as [Side, Side]
      const ratios = a.perRound.map((x, i) => b.perRound[i]! / x)
      lines.push(
        `| ${a.database.name} | ${what} | ${Math.round(a.requests / a.cpu)} | ${Math.round(b.requests / b.cpu)} | ${median(ratios).toFixed(3)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | ${median(a.p99)} / ${median(b.p99)} |`,
      )
      console.log(lines[lines.length - 1])
    }
  } finally {
    for (const side of sides) {
      await side.server.stop()
      await side.database.drop()
    }
  }
}
console.log(
  [
    '',
    `${rounds} rounds of ${duration} s at ${connections} connections, in turns; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load ${loadavg()[0]!.toFixed(2)} at the end.`,
    '',
    '| dialect | request | before, req per CPU-s | after | after / before, median of rounds (min–max) | p99 ms before / after |',
    '|---|---|---:|---:|---:|---:|',
    ...lines,
  ].join('\n'),
)
