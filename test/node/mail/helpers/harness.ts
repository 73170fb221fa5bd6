/**
 * The in-process setup of the mail tests: the app (TestClient: test clock, allowed Origin)
 * with mail on, a mail worker sending through a real SMTP server on loopback, and helpers to
 * post as the widget does (page, language, "Notify me of replies") and to follow the links
 * of a received mail against the same app. The worker runs only when a test drains it, so
 * what is sent when is the test's to decide (the timer-driven path runs in the CLI test).
 */
import { once } from 'node:events'
import { createServer } from 'node:net'
import { after, before, describe } from 'node:test'
import type { MailOptions } from '../../../../src/server/options.js'
import { DEFAULT_MAIL_LINK_TTL_MS, type AppOptions } from '../../../../src/server/options.js'
import { MailWorker } from '../../../../src/server/mail/worker.js'
import { smtpTransport, type Timeouts } from '../../../../src/server/mail/transport.js'
import { Store } from '../../../../src/server/store.js'
import { ORIGIN, SECRET, TestClient, uniqueBody, type Res } from '../../server/helpers/client.js'
import { DIALECTS, type TestDatabase } from '../../server/helpers/dialects.js'
import { TestSmtp } from './smtp.js'

export const PUBLIC_URL = 'https://comments.blog.example'
export const OWNER = 'owner@blog.example'
export const FROM = 'Blog comments <comments@blog.example>'
export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export interface Author {
  name: string
  email: string
}
export const ANN: Author = { name: 'Ann Example', email: 'ann@example.org' }
export const BOB: Author = { name: 'Bob Builder', email: 'bob@example.net' }
export const CAROL: Author = { name: 'Carol Other', email: 'carol@example.com' }

export interface Posting {
  thread: string
  title?: string
  author?: Author
  body?: string
  parentId?: string | null
  notify?: boolean
  lang?: string
  page?: string | null
}

export interface Harness {
  client: TestClient
  worker: MailWorker
  smtp: TestSmtp
  store: Store
  /** Posts as the widget does; insists on 201 and returns the comment. */
  post(posting: Posting): Promise<{ id: string; status: string }>
  postRaw(posting: Posting): Promise<Res>
  /** One worker round: sends what is due now. */
  drain(): Promise<number>
  /** Follows a link from a mail against the app: GET, or POST with an optional form body. */
  follow(url: string, method?: 'GET' | 'POST', body?: string): Promise<Res>
  close(): Promise<void>
}

export const pageOf = (thread: string) => `${ORIGIN}${thread}`

export async function harness(
  store: Store,
  options: { mail?: Partial<MailOptions>; app?: Partial<AppOptions>; smtpUrl?: string; timeouts?: Timeouts; smtp?: TestSmtp } = {},
): Promise<Harness> {
  // Earlier tests on this database may have left mail waiting (due later by their own clocks).
  await store.db.deleteFrom('mail_items').execute()
  await store.db.deleteFrom('mail_queue').execute()
  const smtp = options.smtp ?? (await TestSmtp.start())
  const mail: MailOptions = { from: FROM, notifyOwner: OWNER, notifyOwnerAll: false, linkTtlMs: DEFAULT_MAIL_LINK_TTL_MS, ...options.mail }
  const client = new TestClient(store, { publicUrl: PUBLIC_URL, mail, ...options.app })
  const worker = new MailWorker(store, smtpTransport(options.smtpUrl ?? smtp.url, options.timeouts), {
    secret: SECRET,
    publicUrl: PUBLIC_URL,
    mail,
    now: client.clock.now,
    log: (line) => client.logs.push(line),
  })

  async function postRaw(posting: Posting): Promise<Res> {
    const author = posting.author ?? ANN
    const formToken = (await client.list(posting.thread)).json.thread.formToken
    return client.call('POST', '/api/v1/comments', {
      json: {
        thread: posting.thread,
        title: posting.title ?? 'Hello world',
        parentId: posting.parentId ?? null,
        author: { ...author, url: '' },
        body: posting.body ?? uniqueBody(),
        formToken,
        trap: '',
        page: posting.page === undefined ? pageOf(posting.thread) : posting.page,
        ...(posting.lang ? { lang: posting.lang } : {}),
        ...(posting.notify ? { notify: true } : {}),
      },
    })
  }

  return {
    client,
    worker,
    smtp,
    store,
    postRaw,
    async post(posting) {
      const res = await postRaw(posting)
      if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${res.text}`)
      return res.json.comment
    },
    drain: () => worker.drain(),
    follow(url, method = 'GET', body) {
      if (!url.startsWith(`${PUBLIC_URL}/`)) throw new Error(`not a link to this server: ${url}`)
      const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }
      return client.call(method, url.slice(PUBLIC_URL.length), { origin: null, ip: null, headers, ...(body === undefined ? {} : { body }) })
    },
    async close() {
      await worker.stop()
      if (!options.smtp) await smtp.close()
    },
  }
}

type HarnessOptions = Parameters<typeof harness>[1]

/** A harness for the length of `work`, closed however it ends. */
export async function withHarness(store: Store, options: HarnessOptions, work: (h: Harness) => Promise<void>): Promise<void> {
  const h = await harness(store, options)
  try {
    await work(h)
  } finally {
    await h.close()
  }
}

/** `tests` once per selected dialect (DIALECTS), each run on a fresh database of its own. */
export function eachDialect(title: string, tests: (store: () => Store, dialect: string) => void): void {
  for (const open of DIALECTS) {
    const dialect = open.name.replace('Database', '')
    describe(`${title} on ${dialect}`, () => {
      let database: TestDatabase | undefined
      let store: Store | undefined
      before(async () => {
        database = await open()
        store = await Store.open(database.location)
      })
      after(async () => {
        await store?.close()
        await database?.drop()
      })
      tests(() => {
        if (!store) throw new Error('the database for this dialect did not open')
        return store
      }, dialect)
    })
  }
}

/** A loopback port nothing listens on (until someone takes it). */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  return typeof address === 'object' && address ? address.port : 0
}
