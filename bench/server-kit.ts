/**
 * What the server benchmarks share (bench/server.ts, bench/server-profile.ts,
 * bench/server-memory.ts): autocannon's API as they use it, the built server started as
 * its own process (the real CLI, so it does not share a core with the load generator), its
 * CPU time and resident memory from /proc, the seeded 1,000-comment thread, and the POST
 * the post loads send.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Store } from '../src/server/store.js'
import { newId } from '../src/server/tokens.js'

// Only the part of autocannon's API these scripts use.
export interface Result {
  requests: { average: number; total: number }
  latency: { p50: number; p99: number; average: number }
  non2xx: number
  errors: number
  '2xx': number
  '3xx': number
}
export interface LoadRequest {
  method: string
  path: string
  headers?: Record<string, string>
  setupRequest?: (req: { body?: string; headers?: Record<string, string> }) => { body: string; headers?: Record<string, string> }
}
type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  method?: string
  headers?: Record<string, string>
  requests?: LoadRequest[]
  /** Requests per second over all connections (unset: as fast as answered). */
  overallRate?: number
}) => Promise<Result>
export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

const BIN = fileURLToPath(new URL('../bin/palaver.js', import.meta.url))
export const ORIGIN = 'http://bench.example'
export const THREAD = '/bench/1000'
export const POST_THREAD = '/bench/posts'

/** A process's CPU time so far (user + system), in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100
}

/** A process's resident memory in MiB, from /proc (Linux). */
export function residentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)
  return line ? Number(line[1]) / 1024 : Number.NaN
}

export interface BenchServer {
  url: string
  pid: number
  stop: () => Promise<void>
}

/** `palaver serve` from the build (this checkout's, or `bin` of another), without the write limits that would refuse a load. */
export async function startServer(location: string, opts: { nodeArgs?: string[]; args?: string[]; bin?: string } = {}): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      ...(opts.nodeArgs ?? []),
      opts.bin ?? BIN,
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
      ...(opts.args ?? []),
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

/** THREAD with 200 top-level comments of 4 replies each, straight into the database. */
export async function seed(location: string): Promise<void> {
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

/** The list URL of THREAD's first page of `limit` top-level comments. */
export const listUrl = (server: BenchServer, limit: number) => `${server.url}/api/v1/comments?thread=${encodeURIComponent(THREAD)}&limit=${limit}`

/** The counts URL of THREAD and 49 threads without comments. */
export const countsUrl = (server: BenchServer) =>
  `${server.url}/api/v1/counts?${[THREAD, ...Array.from({ length: 49 }, (_, i) => `/bench/other-${i}`)].map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`

/** A new top-level comment on POST_THREAD per request, from 50 readers, with a link to render. */
export async function postRequest(server: BenchServer): Promise<LoadRequest> {
  const formToken = ((await (await fetch(`${server.url}/api/v1/comments?thread=${POST_THREAD}`)).json()) as { thread: { formToken: string } }).thread.formToken
  let counter = 0
  const run = newId()
  return {
    method: 'POST',
    path: '/api/v1/comments',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    // As the widget posts: with an Idempotency-Key and the page it is on.
    setupRequest: (req) => ({
      ...req,
      headers: { ...req.headers, 'idempotency-key': `${run}-${counter}` },
      body: JSON.stringify({
        thread: POST_THREAD,
        title: 'Posts',
        parentId: null,
        author: { name: 'Load', email: `load${counter % 50}@example.org`, url: '' },
        body: `Load comment ${run} ${counter++}: some words, and https://example.org/a link.`,
        formToken,
        trap: '',
        page: `${ORIGIN}${POST_THREAD}`,
      }),
    }),
  }
}
