/**
 * An in-process client for the app: app.request() with a test clock, a fixed client
 * address (sent as X-Forwarded-For, the app trusts the proxy in tests), an allowed Origin,
 * and small helpers for the calls every test makes. Every response is recorded.
 */
import { randomBytes } from 'node:crypto'
import type { Hono } from 'hono'
import { createApp } from '../../../../src/server/app.js'
import { appOptions, type AppOptions } from '../../../../src/server/options.js'
import type { Store } from '../../../../src/server/store.js'
import { sha256 } from '../../../../src/server/tokens.js'
import { recorder } from './recorder.js'

export const ORIGIN = 'https://blog.example'
export const CLIENT_V4 = '203.0.113.57'
export const CLIENT_V6 = '2001:db8:85a3:7:8a2e:370:7334:1'
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789'
export const SECRET = 'secret-for-tests-0123456789abcdef'

export interface Res {
  status: number
  headers: Headers
  text: string
  // Tests read whatever shape the endpoint answers.
  json: any
}

export interface Call {
  json?: unknown
  body?: BodyInit
  headers?: Record<string, string>
  /** Client address; null sends no X-Forwarded-For. */
  ip?: string | null
  /** Origin header; null sends none. */
  origin?: string | null
}

export interface PostInput {
  thread: string
  title?: string | null
  parentId?: string | null
  author?: Partial<{ name: string; email: string; url: string }>
  body?: string
  trap?: string
  formToken?: string
  /** "Notify me of replies" (only when the server has mail). */
  notify?: boolean
}

export interface SseEvent {
  id: string | undefined
  event: string | undefined
  data: any
}

let counter = 0
export const uniqueThread = (label = 't') => `/${label}/${randomBytes(4).toString('hex')}`
export const uniqueBody = () => `A comment, number ${++counter}.`

export class Clock {
  constructor(public t = Date.now()) {}
  now = () => this.t
  advance(ms: number) {
    this.t += ms
  }
}

export class TestClient {
  readonly app: Hono
  readonly options: AppOptions
  readonly clock: Clock
  readonly logs: string[] = []

  constructor(
    readonly store: Store,
    overrides: Partial<AppOptions> = {},
    clock = new Clock(),
  ) {
    this.clock = clock
    this.options = appOptions({
      secret: SECRET,
      adminTokenHash: sha256(ADMIN_TOKEN),
      origins: [ORIGIN],
      minPostSeconds: 0,
      writeLimit: { burst: 0, perMinute: 0 },
      tokenFailureLimit: { burst: 0, perMinute: 0 },
      trustProxy: true,
      // Each test's app is its own deployment: its buckets must not carry over to the next.
      sharedLimits: false,
      heartbeatMs: 60_000,
      now: clock.now,
      log: (line) => this.logs.push(line),
      ...overrides,
    })
    this.app = createApp(this.options, store)
  }

  /** Same store, same clock, fresh app: what a restarted process looks like. */
  restarted(overrides: Partial<AppOptions> = {}): TestClient {
    return new TestClient(this.store, { ...this.options, ...overrides }, this.clock)
  }

  async call(method: string, path: string, call: Call = {}): Promise<Res> {
    const headers = new Headers(call.headers)
    const ip = call.ip === undefined ? CLIENT_V4 : call.ip
    if (ip) headers.set('x-forwarded-for', ip)
    const origin = call.origin === undefined ? ORIGIN : call.origin
    if (origin) headers.set('origin', origin)
    let body = call.body
    if (call.json !== undefined) {
      body = JSON.stringify(call.json)
      if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    }
    const init: RequestInit & { duplex?: 'half' } = { method, headers, body }
    if (body instanceof ReadableStream) init.duplex = 'half'
    const response = await this.app.request(path, init)
    const text = await response.text()
    recorder.addResponse(`${method} ${path}`, response, text)
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON; tests that care look at text
    }
    return { status: response.status, headers: response.headers, text, json }
  }

  list(thread: string, query: Record<string, string> = {}, call: Call = {}): Promise<Res> {
    return this.call('GET', `/api/v1/comments?${new URLSearchParams({ thread, ...query })}`, call)
  }

  async formToken(thread: string): Promise<string> {
    return (await this.list(thread)).json.thread.formToken as string
  }

  async post(input: PostInput, opts: { key?: string; headers?: Record<string, string> } & Call = {}): Promise<Res> {
    const payload = {
      thread: input.thread,
      title: input.title,
      parentId: input.parentId ?? null,
      author: { name: 'Ann Example', email: 'ann@example.org', url: '', ...input.author },
      body: input.body ?? uniqueBody(),
      formToken: input.formToken ?? (await this.formToken(input.thread)),
      trap: input.trap ?? '',
      ...(input.notify === undefined ? {} : { notify: input.notify }),
    }
    const headers = { ...opts.headers, ...(opts.key ? { 'idempotency-key': opts.key } : {}) }
    return this.call('POST', '/api/v1/comments', { ...opts, json: payload, headers })
  }

  /** Posts and insists on 201; returns { comment, editToken, editableUntil }. */
  async posted(input: PostInput, opts: { key?: string; headers?: Record<string, string> } = {}) {
    const res = await this.post(input, opts)
    if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${res.text}`)
    return res.json as { comment: any; editToken: string; editableUntil: string }
  }

  admin(method: string, path: string, call: Call = {}): Promise<Res> {
    return this.call(method, `/api/v1/admin${path}`, { ...call, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...call.headers } })
  }

  async sse(thread: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const response = await this.app.request(`/api/v1/events?${new URLSearchParams({ thread })}`, {
      headers: { origin: ORIGIN, 'x-forwarded-for': CLIENT_V4, ...headers },
    })
    return new SseStream(response)
  }
}

/** Reads an event stream incrementally; every chunk is recorded. */
export class SseStream {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>
  private buffer = ''
  private readonly decoder = new TextDecoder()
  readonly comments: string[] = []

  /** `what` names the stream in the recorder (admin streams may show what public ones never do). */
  constructor(
    readonly response: Response,
    private readonly what = 'SSE',
  ) {
    this.reader = response.body!.getReader()
  }

  /** The next block (event or comment lines) the server sends, or null on timeout. */
  private async block(timeoutMs: number): Promise<string | null> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const end = this.buffer.indexOf('\n\n')
      if (end >= 0) {
        const block = this.buffer.slice(0, end)
        this.buffer = this.buffer.slice(end + 2)
        for (const line of block.split('\n')) if (line.startsWith(':')) this.comments.push(line.slice(1).trim())
        return block
      }
      const left = deadline - Date.now()
      if (left <= 0) return null
      let timer: NodeJS.Timeout | undefined
      const chunk = await Promise.race([this.reader.read(), new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), left)))])
      clearTimeout(timer)
      if (chunk === null) return null
      if (chunk.done) return null
      const text = this.decoder.decode(chunk.value, { stream: true })
      recorder.add(this.what, text)
      this.buffer += text
    }
  }

  /** The next `event:` block, skipping comments (":" lines); null on timeout. */
  async next(timeoutMs = 2000): Promise<SseEvent | null> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const block = await this.block(deadline - Date.now())
      if (block === null) return null
      const fields: Record<string, string> = {}
      for (const line of block.split('\n')) {
        const match = /^(\w+): ?(.*)$/.exec(line)
        if (match) fields[match[1]!] = match[2]!
      }
      if (fields.event || fields.data) {
        return { id: fields.id, event: fields.event, data: fields.data ? JSON.parse(fields.data) : undefined }
      }
    }
  }

  /** Waits up to timeoutMs for a ":" comment line with this text. */
  async comment(text: string, timeoutMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (!this.comments.includes(text)) {
      if ((await this.block(deadline - Date.now())) === null) return false
    }
    return true
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {})
  }
}
