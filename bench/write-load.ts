/**
 * What bench/load.ts and bench/crash.ts share: a real `palaver serve` process on loopback,
 * a write load (N comments from C concurrent clients over T threads, each with its own
 * Idempotency-Key, retried with the same key after a network failure) with readers in
 * parallel, and the audit of the database afterwards.
 */
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { Store } from '../src/server/store.js'
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../test/node/server/helpers/dialects.js'
import { startServer, type Running } from '../test/node/server/helpers/process.js'

export const ORIGIN = 'http://bench.example'
export const DIALECTS: Record<string, () => Promise<TestDatabase>> = { sqlite: sqliteDatabase, postgres: postgresDatabase }

/** --comments 1000 --clients 50 --threads 20 --readers 10 from the command line. */
export function loadOptions(): LoadOptions {
  const { values } = parseArgs({
    options: {
      comments: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '50' },
      threads: { type: 'string', default: '20' },
      readers: { type: 'string', default: '10' },
    },
  })
  return { comments: Number(values.comments), clients: Number(values.clients), threads: Number(values.threads), readers: Number(values.readers) }
}

export interface LoadOptions {
  comments: number
  clients: number
  threads: number
  readers: number
  /** Called after each acknowledged comment with the number acknowledged so far. */
  onAck?: (acked: number) => void | Promise<void>
}

export interface Acked {
  key: string
  id: string
  thread: string
  body: string
}

export interface LoadResult {
  acked: Acked[]
  seconds: number
  postMs: number[]
  readMs: number[]
  /** Non-201 answers by status, and network failures (retried). */
  refused: Record<string, number>
  networkFailures: number
}

/** The server process, restartable on the same database; clients always ask the current one. */
export class Server {
  running: Running | null = null
  #restarted: Promise<void> = Promise.resolve()

  constructor(readonly location: string) {}

  /** The same server every time: on this database, no post delay, no rate limit. */
  #args(): string[] {
    return ['--database', this.location, '--origin', ORIGIN, '--min-post-seconds', '0', '--rate-burst', '0', '--admin-token', 'bench-admin-token-0123456789']
  }

  async start(): Promise<void> {
    const starting = startServer(this.#args())
    this.#restarted = starting.then(() => undefined)
    this.running = await starting
  }

  /** The base URL, once the server is up (waits through a restart). */
  async url(): Promise<string> {
    await this.#restarted
    return this.running!.url
  }

  /** SIGKILL: no shutdown, no flush, nothing the process could still do. */
  async kill9(): Promise<void> {
    const child = this.running!.child
    const exited = new Promise((resolve) => child.once('exit', resolve))
    let restarted!: () => void
    this.#restarted = new Promise((resolve) => (restarted = resolve))
    child.kill('SIGKILL')
    await exited
    this.running = await startServer(this.#args())
    restarted()
  }

  async stop(): Promise<void> {
    await this.running?.stop()
  }
}

/** Runs `each` on a fresh database of each dialect with a started server; stops and drops them after. */
export async function onEachDialect(each: (name: string, server: Server, location: string) => Promise<void>): Promise<void> {
  for (const [name, open] of Object.entries(DIALECTS)) {
    const database = await open()
    const server = new Server(database.location)
    try {
      await server.start()
      await each(name, server, database.location)
    } finally {
      await server.stop()
      await database.drop()
    }
  }
}

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const threadKey = (n: number) => `/load/thread-${n}`

/**
 * Posts `comments` comments from `clients` concurrent clients, round-robin over `threads`
 * threads, while `readers` clients list random threads. A request that fails on the
 * network is retried with the same body and Idempotency-Key until it gets an answer.
 */
export async function writeLoad(server: Server, options: LoadOptions): Promise<LoadResult> {
  const run = Date.now().toString(36)
  const acked: Acked[] = []
  const postMs: number[] = []
  const readMs: number[] = []
  const refused: Record<string, number> = {}
  let networkFailures = 0
  let next = 0
  let writing = true

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    for (;;) {
      const base = await server.url()
      try {
        return await fetch(`${base}${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } })
      } catch {
        networkFailures++
        await new Promise((r) => setTimeout(r, 50))
      }
    }
  }

  async function writer(): Promise<void> {
    const formTokens = new Map<string, string>()
    for (let i = next++; i < options.comments; i = next++) {
      const thread = threadKey(i % options.threads)
      if (!formTokens.has(thread)) {
        const list = await request(`/api/v1/comments?thread=${encodeURIComponent(thread)}&limit=1`)
        formTokens.set(thread, ((await list.json()) as { thread: { formToken: string } }).thread.formToken)
      }
      const key = `load-${run}-${i}`
      const body = `Load comment ${i} of run ${run}: a sentence of ordinary length, as people write.`
      const payload = JSON.stringify({
        thread,
        parentId: null,
        author: { name: `Reader ${i % 97}`, email: `reader${i % 97}@example.org`, url: '' },
        body,
        formToken: formTokens.get(thread),
        trap: '',
      })
      const started = performance.now()
      const response = await request('/api/v1/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: payload,
      })
      const text = await response.text().catch(() => '')
      postMs.push(performance.now() - started)
      if (response.status === 201) {
        const { comment } = JSON.parse(text) as { comment: { id: string } }
        acked.push({ key, id: comment.id, thread, body })
        await options.onAck?.(acked.length)
      } else {
        refused[response.status] = (refused[response.status] ?? 0) + 1
      }
    }
  }

  async function reader(): Promise<void> {
    while (writing) {
      const thread = threadKey(Math.floor(Math.random() * options.threads))
      const started = performance.now()
      const response = await request(`/api/v1/comments?thread=${encodeURIComponent(thread)}`)
      await response.arrayBuffer().catch(() => {})
      if (response.ok) readMs.push(performance.now() - started)
    }
  }

  const started = performance.now()
  const readers = Array.from({ length: options.readers }, reader)
  await Promise.all(Array.from({ length: options.clients }, writer))
  const seconds = (performance.now() - started) / 1000
  writing = false
  await Promise.all(readers)
  return { acked, seconds, postMs, readMs, refused, networkFailures }
}

/**
 * Checks the database against what the clients were told: every acknowledged comment is
 * there as acknowledged, nothing is there twice, nothing is half-written (a comment
 * without its thread or idempotency record, or the other way round), and the counts the
 * API reports are exact. Returns the problems found; empty means all is well.
 */
export async function audit(location: string, acked: Acked[], options: { threads: number; expectedTotal: number }, url: string): Promise<string[]> {
  const problems: string[] = []
  const store = await Store.open(location)
  try {
    const rows = await store.db
      .selectFrom('comments')
      .select(['id', 'thread_key', 'body_text', 'status', 'root_id'])
      .where('thread_key', 'like', '/load/%')
      .execute()
    const byId = new Map(rows.map((r) => [r.id, r]))
    for (const a of acked) {
      const row = byId.get(a.id)
      if (!row) problems.push(`acknowledged comment ${a.id} (${a.key}) is missing`)
      else if (row.thread_key !== a.thread || row.body_text !== a.body || row.status !== 'approved')
        problems.push(`comment ${a.id} differs from what was acknowledged`)
    }
    const bodies = new Map<string, number>()
    for (const r of rows) bodies.set(r.body_text, (bodies.get(r.body_text) ?? 0) + 1)
    for (const [body, n] of bodies) if (n > 1) problems.push(`${n} copies of "${body.slice(0, 40)}…"`)
    if (rows.length !== options.expectedTotal) problems.push(`${rows.length} comments stored, ${options.expectedTotal} expected`)
    if (new Set(acked.map((a) => a.key)).size !== acked.length) problems.push('a key was acknowledged twice')

    const threads = new Set((await store.db.selectFrom('threads').select('key').execute()).map((t) => t.key))
    const claimed = await store.db.selectFrom('idempotency').select(['comment_id']).execute()
    const claimedIds = new Set(claimed.map((c) => c.comment_id))
    for (const r of rows) {
      if (!threads.has(r.thread_key)) problems.push(`comment ${r.id} without its thread`)
      if (r.root_id !== r.id) problems.push(`top-level comment ${r.id} with another root`)
      if (!claimedIds.has(r.id)) problems.push(`comment ${r.id} without its idempotency record`)
    }
    for (const c of claimed) if (!byId.has(c.comment_id)) problems.push(`idempotency record for ${c.comment_id}, which is not stored`)
    if (store.dialect === 'sqlite') {
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(store.db)
      if (check.rows[0]?.integrity_check !== 'ok') problems.push(`sqlite integrity_check: ${JSON.stringify(check.rows)}`)
    }

    const keys = Array.from({ length: options.threads }, (_, n) => threadKey(n))
    const response = await fetch(`${url}/api/v1/counts?${new URLSearchParams(keys.map((k) => ['thread', k]))}`, { headers: { origin: ORIGIN } })
    const { counts } = (await response.json()) as { counts: Record<string, number> }
    for (const key of keys) {
      const stored = rows.filter((r) => r.thread_key === key).length
      if (counts[key] !== stored) problems.push(`count of ${key}: API says ${counts[key]}, ${stored} stored`)
      const list = await fetch(`${url}/api/v1/comments?${new URLSearchParams({ thread: key, limit: '200' })}`, { headers: { origin: ORIGIN } })
      const page = (await list.json()) as { thread: { count: number }; comments: unknown[] }
      if (page.thread.count !== stored || page.comments.length !== stored)
        problems.push(`list of ${key}: count ${page.thread.count}, ${page.comments.length} listed, ${stored} stored`)
    }
  } finally {
    await store.close()
  }
  return problems
}

export function summary(name: string, result: LoadResult): string {
  const ms = (v: number) => v.toFixed(1)
  return `| ${name} | ${result.acked.length} | ${result.seconds.toFixed(1)} | ${(result.acked.length / result.seconds).toFixed(0)} | ${ms(percentile(result.postMs, 50))} | ${ms(percentile(result.postMs, 99))} | ${result.readMs.length} | ${ms(percentile(result.readMs, 50))} | ${ms(percentile(result.readMs, 99))} |`
}
