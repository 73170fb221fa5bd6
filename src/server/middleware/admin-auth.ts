/**
 * Who may use /api/v1/admin/…: a script with `Authorization: Bearer <admin token>`, or the
 * admin page with its session cookie (admin/sessions.ts). A bearer token is checked in
 * constant time and a wrong one is a TokenRejected (it counts toward the lockout, which is
 * mounted before this). A cookie is sent by the browser on its own, so a request signed by
 * it alone could come from any page the owner visits: every request that may change
 * something (all but GET and HEAD) must also carry `X-Palaver-Admin: 1` — a header no form
 * or <img> can send, and one no other origin may send without a CORS preflight this server
 * never grants — and its Origin, when present, must be the server's own (own-origin.ts),
 * not merely an allowed one. A stale or unknown cookie is a plain 401: the page signs in again.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE, type AdminSessions, type Session } from '../admin/sessions.js'
import { bearerToken } from '../http.js'
import { HttpProblem, TokenRejected } from '../problem.js'
import { tokenMatches } from '../tokens.js'

export const CSRF_HEADER = 'x-palaver-admin'

export interface AdminAuthOptions {
  /** SHA-256 of the admin token; null: no admin API at all. */
  tokenHash: string | null
  sessions: AdminSessions
  now: () => number
  /** The origins that are this server itself (own-origin.ts). */
  ownOrigins: (c: Context) => string[]
}

const SAFE_METHODS = new Set(['GET', 'HEAD'])

/** The CSRF rule for requests a cookie signs: the page's header on writes, and only the server's own Origin. */
export function checkCsrf(c: Context, ownOrigins: (c: Context) => string[]): void {
  if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) !== '1') {
    throw new HttpProblem(403, 'csrf', `Requests signed by the session cookie must send the header ${CSRF_HEADER}: 1.`)
  }
  const origin = c.req.header('origin')
  if (origin !== undefined && !ownOrigins(c).includes(origin)) {
    throw new HttpProblem(403, 'csrf', "Requests signed by the session cookie must come from this server's own pages.")
  }
}

/** How this request was let in; routes read it with c.get('admin'). */
export type AdminVia = { via: 'bearer' } | { via: 'session'; session: Session; cookie: string }

export function adminAuth(options: AdminAuthOptions): MiddlewareHandler<{ Variables: { admin: AdminVia } }> {
  return async (c, next) => {
    if (!options.tokenHash) throw new HttpProblem(403, 'forbidden', 'The admin API is off: the server has no admin token.')
    const token = bearerToken(c)
    if (token) {
      if (!tokenMatches(token, options.tokenHash)) throw new TokenRejected('That is not the admin token.')
      c.set('admin', { via: 'bearer' })
    } else {
      const cookie = getCookie(c, SESSION_COOKIE)
      const session = cookie ? await options.sessions.find(cookie, options.now()) : null
      if (!session || !cookie) throw new HttpProblem(401, 'forbidden', 'Sign in on the admin page, or send the admin token as Authorization: Bearer <token>.')
      checkCsrf(c, options.ownOrigins)
      c.set('admin', { via: 'session', session, cookie })
    }
    c.header('Cache-Control', 'no-store')
    await next()
  }
}
