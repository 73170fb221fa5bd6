/** What every route module is built from: the options, the store and the shared limiters. */
import type { Context } from 'hono'
import type { DraftLimits } from '../../core/draft.js'
import type { ThreadInfo } from '../../model.js'
import { clientPrefix } from '../client-ip.js'
import { iso } from '../http.js'
import { requiredFields, type AppOptions } from '../options.js'
import { HttpProblem } from '../problem.js'
import type { RateLimiter } from '../rate-limit.js'
import type { Store, ThreadRow } from '../store.js'
import { issueFormToken } from '../tokens.js'

export interface Deps {
  options: AppOptions
  store: Store
  writes: RateLimiter
  tokenFailures: RateLimiter
}

export const nowIso = (deps: Deps): string => iso(deps.options.now())

export const clientOf = (deps: Deps, c: Context): string => clientPrefix(c, deps.options.trustProxy)

/** One token from the client's write bucket, or 429 with Retry-After. */
export function takeWrite(deps: Deps, c: Context): void {
  const wait = deps.writes.take(clientOf(deps, c))
  if (wait > 0) {
    throw new HttpProblem(429, 'rate-limited', `Too many requests; try again in ${wait} seconds.`, { headers: { 'retry-after': String(wait) } })
  }
}

/** Before checking a token: a network that failed too often waits, whatever it sends now. */
export function guardTokenAttempts(deps: Deps, c: Context): void {
  const wait = deps.tokenFailures.peek(clientOf(deps, c))
  if (wait > 0) {
    throw new HttpProblem(429, 'rate-limited', `Too many failed attempts; try again in ${wait} seconds.`, { headers: { 'retry-after': String(wait) } })
  }
}

export function tokenFailed(deps: Deps, c: Context, status: 401 | 403, detail: string): HttpProblem {
  deps.tokenFailures.take(clientOf(deps, c))
  return new HttpProblem(status, 'forbidden', detail)
}

/** The limits of what a reader types, as the form should enforce them (not the thread key's or title's). */
const draftLimits = ({ limits }: AppOptions): DraftLimits => ({ name: limits.name, email: limits.email, url: limits.url, body: limits.body })

export function threadInfo(deps: Deps, key: string, row: ThreadRow | undefined, count: number, withFormToken = true): ThreadInfo {
  const info: ThreadInfo = {
    key,
    title: row?.title ?? null,
    count,
    open: row ? row.open === 1 : true,
    requires: requiredFields(deps.options),
    limits: draftLimits(deps.options),
  }
  if (withFormToken) info.formToken = issueFormToken(deps.options.secret, key, deps.options.now())
  return info
}

/** Origins that may use the API from a browser: the configured ones and the server's own. */
export function originAllowed(deps: Deps, origin: string, requestUrl: string): boolean {
  return deps.options.origins.includes(origin) || origin === new URL(requestUrl).origin
}
