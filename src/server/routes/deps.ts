/** What every route module is built from: the options, the store, the comments service and the shared limiters. */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { DraftLimits } from '../../core/draft.js'
import type { ThreadInfo } from '../../model.js'
import { clientPrefix } from '../client-ip.js'
import { iso } from '../http.js'
import { ownOrigins } from '../own-origin.js'
import type { RefusedOrigins } from '../refused-origins.js'
import { lockout, rateLimit, type Limiter } from '../middleware/rate-limit.js'
import { requiredFields, type AppOptions } from '../options.js'
import { jsonBody } from '../middleware/json-body.js'
import { HttpProblem, TokenRejected } from '../problem.js'
import type { SettingsService } from '../admin/settings.js'
import type { CommentService } from '../services/comments.js'
import type { ThreadService } from '../services/threads.js'
import type { Store, ThreadRow } from '../store.js'
import { issueFormToken } from '../tokens.js'

export interface Deps {
  options: AppOptions
  store: Store
  /** The moderation settings the admin page stores (admin/settings.ts), read at post time. */
  settings: SettingsService
  comments: CommentService
  threads: ThreadService
  writes: Limiter
  /** Failed admin-token and edit-token checks count apart: guessing one never locks out the other. */
  adminFailures: Limiter
  editFailures: Limiter
  /** Tells the operator about origins the server turned away (refused-origins.ts). */
  refusedOrigins: RefusedOrigins
}

export const nowIso = (deps: Deps): string => iso(deps.options.now())

export const clientOf = (deps: Deps, c: Context): string => clientPrefix(c, deps.options.trustProxy)

/** One token from the client network's write bucket per post, edit or removal. */
export const writeLimit = (deps: Deps): MiddlewareHandler => rateLimit(deps.writes, (c) => clientOf(deps, c))

/**
 * A JSON request body: at most --max-request bytes, counted before anything is parsed
 * (also for chunked bodies without Content-Length), then jsonBody's checks. A validator
 * follows in the route.
 */
export function jsonRequest(deps: Deps): MiddlewareHandler {
  const { maxRequestBytes } = deps.options
  const tooLarge = () => new HttpProblem(413, 'validation', `The request body is larger than ${maxRequestBytes} bytes.`)
  const limit = bodyLimit({
    maxSize: maxRequestBytes,
    onError: () => {
      throw tooLarge()
    },
  })
  const parse = jsonBody()
  const parsed = async (c: Context, next: () => Promise<void>) => {
    await parse(c, next)
  }
  return (c, next) => {
    // With a Content-Length (and no Transfer-Encoding), Node's parser already bounds the body
    // by it: the header decides. Hono's bodyLimit would read c.req.raw.body to find out,
    // which makes @hono/node-server build a web Request and stream for the body — a fifth of
    // a post's CPU time — where the header alone answers.
    const declared = c.req.header('content-length')
    if (declared !== undefined && /^\d+$/.test(declared) && !c.req.header('transfer-encoding')) {
      if (Number(declared) > maxRequestBytes) throw tooLarge()
      return parsed(c, next)
    }
    return limit(c, () => parsed(c, next))
  }
}

/** Failed token checks (TokenRejected) lock the client network out for a while. */
export const tokenLockout = (deps: Deps, failures: Limiter): MiddlewareHandler =>
  lockout(
    failures,
    (c) => clientOf(deps, c),
    (error) => error instanceof TokenRejected,
  )

/** The limits of what a reader types, as the form should enforce them (not the thread key's or title's). */
const draftLimits = ({ limits }: AppOptions): DraftLimits => ({ name: limits.name, email: limits.email, url: limits.url, body: limits.body })

export function threadInfo(deps: Deps, key: string, row: ThreadRow | undefined, count: number, withFormToken = true): ThreadInfo {
  const info: ThreadInfo = {
    key,
    // The owner's title only: a title a post gave is a reader's, and the widget shows the
    // page's own (thread-title, document.title) rather than it (issue 13.8).
    title: row?.owner_title ?? null,
    count,
    open: row ? row.open === 1 : true,
    requires: requiredFields(deps.options),
    limits: draftLimits(deps.options),
  }
  if (deps.options.mail) info.notifications = true
  // A path on this server: the adapter makes it absolute against the address it called.
  info.feed = `/api/v1/feed?${new URLSearchParams({ thread: key })}`
  if (withFormToken) info.formToken = issueFormToken(deps.options.secret, key, deps.options.now())
  return info
}

/**
 * Origins that may use the API from a browser: the configured ones and the server's own
 * (own-origin.ts: --public-url, or the socket's address — never the Host header).
 */
export function originAllowed(deps: Deps, origin: string, c: Context): boolean {
  const allowed = deps.options.origins.includes(origin) || ownOrigins(deps.options.publicUrl, c).includes(origin)
  if (!allowed) deps.refusedOrigins.note(origin)
  return allowed
}
