/**
 * The server's resident memory (RSS, from /proc): started and seeded, then with N open
 * event streams (readers of 100 threads, a tenth of them on the thread being posted to),
 * then over a soak of reads and posts at a steady rate, sampled every 30 s, with the events
 * the streams received. Growth is judged from the second sample on (the first minute fills
 * caches that are bounded: page-cache.ts, count-cache.ts, SQLite's page cache).
 * Run: npm run bench:memory [-- --streams 1000 --minutes 10 --rate 200 --dialect sqlite]
 * Prints a table and writes bench/results/server-memory.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request, type ClientRequest } from 'node:http'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { postgresDatabase, sqliteDatabase } from '../test/node/server/helpers/dialects.js'
import { autocannon, POST_THREAD, postRequest, residentMiB, seed, startServer, THREAD } from './server-kit.js'

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '1000' },
    minutes: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    dialect: { type: 'string', default: 'sqlite' },
  },
})
const streams = Number(values.streams)
const minutes = Number(values.minutes)
const rate = Number(values.rate)

/** Opens one event stream and counts the events it receives. */
function openStream(url: string, thread: string, received: { events: number }): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/events?thread=${encodeURIComponent(thread)}`, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`event stream answered ${res.statusCode}`))
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        received.events += chunk.split('event: comment').length - 1
      })
      resolve(req)
    })
    req.on('error', reject)
    req.end()
  })
}

const database = values.dialect === 'postgres' ? await postgresDatabase() : await sqliteDatabase()
const rows: { at: string; rss: number; note: string }[] = []
const started = Date.now()
const sample = (pid: number, note: string) => {
  const rss = residentMiB(pid)
  rows.push({ at: `${((Date.now() - started) / 1000).toFixed(0)} s`, rss, note })
  console.log(`${rows.at(-1)!.at.padStart(6)}  ${rss.toFixed(1).padStart(7)} MiB  ${note}`)
  return rss
}
try {
  await seed(database.location)
  const server = await startServer(database.location)
  try {
    const idle = sample(server.pid, 'started, 1,000-comment thread seeded')
    const received = { events: 0 }
    const open: ClientRequest[] = []
    for (let i = 0; i < streams; i++) open.push(await openStream(server.url, i % 10 === 0 ? POST_THREAD : `/bench/streams-${i % 100}`, received))
    await new Promise((resolve) => setTimeout(resolve, 2000))
    const withStreams = sample(server.pid, `${streams} event streams open`)

    const post = await postRequest(server)
    const reads = [
      { method: 'GET', path: `/api/v1/comments?thread=${encodeURIComponent(THREAD)}&limit=10` },
      { method: 'GET', path: `/api/v1/comments?thread=${encodeURIComponent(POST_THREAD)}&limit=10` },
      { method: 'GET', path: `/api/v1/counts?thread=${encodeURIComponent(THREAD)}&thread=${encodeURIComponent(POST_THREAD)}` },
    ]
    const ticker = setInterval(() => sample(server.pid, `soak: ${received.events} events received so far`), 30_000)
    // Four requests in five are reads; one is a post, which every stream on its thread hears.
    const soak = await autocannon({ url: server.url, connections: 10, duration: minutes * 60, overallRate: rate, requests: [...reads, post, reads[0]!] })
    clearInterval(ticker)
    const end = sample(server.pid, `soak over: ${soak.requests.total} requests, ${soak.non2xx + soak.errors} failed`)
    for (const req of open) req.destroy()
    const soakRows = rows.slice(2)
    const after1 = soakRows[1]?.rss ?? end
    const summary = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; ${values.dialect}; load average at the end ${loadavg()[0]!.toFixed(2)}.`,
      '',
      `- idle after start: ${idle.toFixed(1)} MiB`,
      `- with ${streams} open event streams: ${withStreams.toFixed(1)} MiB (${(((withStreams - idle) * 1024) / streams).toFixed(1)} KiB per stream)`,
      `- soak of ${minutes} min at ${rate} req/s (reads and one post in five) with the streams open: ${soak.requests.total} requests, ${soak.non2xx + soak.errors} failed, p99 ${soak.latency.p99} ms; ${received.events} events received by the streams`,
      `- resident memory at the soak's second sample ${after1.toFixed(1)} MiB, at its end ${end.toFixed(1)} MiB: ${end - after1 >= 0 ? '+' : ''}${(end - after1).toFixed(1)} MiB; highest ${Math.max(...soakRows.map((r) => r.rss)).toFixed(1)} MiB`,
      '',
      '| time | RSS MiB | |',
      '|---:|---:|---|',
      ...rows.map((r) => `| ${r.at} | ${r.rss.toFixed(1)} | ${r.note} |`),
      '',
    ].join('\n')
    console.log(`\n${summary}`)
    const dir = fileURLToPath(new URL('./results/', import.meta.url))
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'server-memory.md'),
      `# Server memory (${new Date().toISOString().slice(0, 10)})\n\n\`npm run bench:memory -- --streams ${streams} --minutes ${minutes} --rate ${rate} --dialect ${values.dialect}\`\n\n${summary}`,
    )
  } finally {
    await server.stop()
  }
} finally {
  await database.drop()
}
