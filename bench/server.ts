/**
 * Load test of the reference server over loopback, on SQLite and PostgreSQL:
 *  - requests/s for listing a 1,000-comment thread (200 top-level comments with 4 replies
 *    each: the whole thread in one page with limit=200, the default first page of 50, and
 *    a first page of 10)
 *  - latency (p50/p99) and requests/s for posting comments
 *  - for each, answers per second of the server process's CPU time (/proc), which a busy
 *    machine moves less than requests per second
 * The server runs as its own process (the real CLI) so it does not share a core with the
 * load generator. Run: npm run bench:server [-- --duration 10 --connections 10]
 * Results are printed and written to bench/results/server.md.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { Store } from '../src/server/store.js'
import { newId } from '../src/server/tokens.js'
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../test/node/server/helpers/dialects.js'

// Only the part of autocannon's API this script uses.
interface Result {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  non2xx: number
  errors: number
  '2xx': number
  '3xx': number
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  method?: string
  headers?: Record<string, string>
  requests?: { method: string; path: string; headers: Record<string, string>; setupRequest: (req: { body?: string }) => { body: string } }[]
}) => Promise<Result>
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } })
const duration = Number(values.duration)
const connections = Number(values.connections)
const BIN = fileURLToPath(new URL('../bin/palaver.js', import.meta.url))
const ORIGIN = 'http://bench.example'
const THREAD = '/bench/1000'

async function seed(location: string): Promise<void> {
  const store = await Store.open(location)
  const start = Date.parse('2026-01-01T00:00:00Z')
  const rows = []
  let n = 0
  for (let top = 0; top < 200; top++) {
    const rootId = newId()
    for (let r = 0; r < 5; r++) {
      const id = r === 0 ? rootId : newId()
      rows.push({
        id,
        thread_key: THREAD,
        parent_id: r === 0 ? null : rootId,
        root_id: rootId,
        depth: r === 0 ? 0 : 1,
        kind: 'comment',
        author_name: `Reader ${n}`,
        author_email: `reader${n}@example.org`,
        author_url: n % 3 === 0 ? `https://reader${n}.example/` : null,
        author_key: newId() + newId(),
        body_text: `Comment ${n}. A paragraph of ordinary length, about as long as people write.\n\nAnd a second one.`,
        body_html: `<p>Comment ${n}. A paragraph of ordinary length, about as long as people write.</p>\n<p>And a second one.</p>`,
        status: 'approved' as const,
        created_at: new Date(start + n++ * 60_000).toISOString(),
        edited_at: null,
        edit_token_hash: null,
        ip_prefix: null,
        version: 0,
        held: 0,
      })
    }
  }
  await store.ensureThread(THREAD, 'Bench', rows[0]!.created_at)
  for (let i = 0; i < rows.length; i += 100)
    await store.db
      .insertInto('comments')
      .values(rows.slice(i, i + 100))
      .execute()
  await store.close()
}

/** The server process's CPU time so far (user + system), in seconds, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100
}

async function startServer(location: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'serve',
      '--port',
      '0',
      '--database',
      location,
      '--origin',
      ORIGIN,
      '--min-post-seconds',
      '0',
      '--rate-burst',
      '0',
      '--admin-token',
      'bench-admin-token-0123456789',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)/.exec(out)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
  return {
    url,
    pid: child.pid as number,
    stop: async () => {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}

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
    const list = (limit: number) => `${server.url}/api/v1/comments?thread=${encodeURIComponent(THREAD)}&limit=${limit}`
    const first = await fetch(list(200))
    const etag = first.headers.get('etag') ?? ''
    const check = (await first.json()) as { comments: unknown[] }
    if (check.comments.length !== 1000) throw new Error(`expected 1000 comments in one page, got ${check.comments.length}`)
    if ((await fetch(list(200), { headers: { 'if-none-match': etag } })).status !== 304) throw new Error('If-None-Match did not give 304')
    await autocannon({ url: list(200), connections, duration: 2 }) // warm-up
    record('GET whole thread (1,000 comments, limit=200)', await cpu(autocannon({ url: list(200), connections, duration })))
    record(
      'GET whole thread again, If-None-Match (304)',
      await cpu(autocannon({ url: list(200), connections, duration, headers: { 'if-none-match': etag } })),
      true,
    )
    record('GET first page (50 top-level + replies = 250)', await cpu(autocannon({ url: list(50), connections, duration })))
    record('GET first page of 10 top-level (+ replies = 50)', await cpu(autocannon({ url: list(10), connections, duration })))
    const fifty = [THREAD, ...Array.from({ length: 49 }, (_, i) => `/bench/other-${i}`)]
    const counts = `${server.url}/api/v1/counts?${fifty.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`
    record('GET counts of 50 threads (one with 1,000 comments)', await cpu(autocannon({ url: counts, connections, duration })))

    const postThread = '/bench/posts'
    const formToken = ((await (await fetch(`${server.url}/api/v1/comments?thread=${postThread}`)).json()) as any).thread.formToken as string
    let counter = 0
    const run = newId()
    record(
      'POST comment',
      await cpu(
        autocannon({
          url: server.url,
          connections,
          duration,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/comments',
              headers: { 'content-type': 'application/json', origin: ORIGIN },
              setupRequest: (req) => ({
                ...req,
                body: JSON.stringify({
                  thread: postThread,
                  parentId: null,
                  author: { name: 'Load', email: `load${counter % 50}@example.org`, url: '' },
                  body: `Load comment ${run} ${counter++}: some words, and https://example.org/a link.`,
                  formToken,
                }),
              }),
            },
          ],
        }),
      ),
    )
  } finally {
    await server.stop()
  }
  return rows
}

const results: Row[] = []
for (const open of [sqliteDatabase, postgresDatabase]) {
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
