/**
 * CORS with an allowlist predicate: an allowed Origin gets its own origin echoed back, a
 * preflight is answered with a max-age so browsers ask once a day, and a preflight or a
 * write from an Origin that is not allowed is refused outright (403 problem+json), whatever
 * the browser would have done with the answer. No cookies are involved, so credentials are
 * never allowed. refuseForeignPages() closes the admin API to other sites' pages entirely.
 *
 * Not Hono's cors(): it sets its headers on `c.res` before the handler runs, and so makes
 * Hono copy every answer into a new Response, and again for its Vary after it — two
 * undici Responses with web streams per request under @hono/node-server (a cached first
 * page cost 252 µs of CPU with it, 148 µs without: docs/performance.md). Here the headers
 * go onto the finished answer, whose lightweight Response takes them without being rebuilt.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { forbidden } from '../problem.js'

export const PREFLIGHT_MAX_AGE_SECONDS = 86_400
const ALLOW_METHODS = 'GET,POST,PATCH,DELETE'
const ALLOW_HEADERS = 'Content-Type,Authorization,Idempotency-Key,X-Palaver-Tokens,Last-Event-ID,If-None-Match'
const EXPOSE_HEADERS = 'ETag,Retry-After'
const WRITES = new Set(['POST', 'PATCH', 'DELETE', 'PUT'])

export type OriginAllowed = (origin: string, c: Context) => boolean

/** `app.use('/api/*', crossOrigin(allowed))`. */
export function crossOrigin(allowed: OriginAllowed): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const ok = origin !== undefined && allowed(origin, c)
    const preflight = c.req.method === 'OPTIONS'
    if (origin !== undefined && !ok && (preflight || WRITES.has(c.req.method))) throw forbidden('This origin may not use this server.')
    if (preflight) {
      // Answered here for every path: what the browser asks is whether it may send at all.
      const headers = new Headers({
        'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        Vary: 'Origin, Access-Control-Request-Headers',
      })
      if (ok) headers.set('Access-Control-Allow-Origin', origin)
      return new Response(null, { status: 204, headers })
    }
    await next()
    const headers = c.res.headers
    if (ok) {
      headers.set('Access-Control-Allow-Origin', origin)
      headers.set('Access-Control-Expose-Headers', EXPOSE_HEADERS)
    }
    headers.append('Vary', 'Origin')
  }
}

/**
 * For the endpoints no other site's page may call at all (the admin API): a request with
 * an Origin that is not allowed is refused, and so is one without Origin whose
 * Sec-Fetch-Site says another site's page made it (`<img src=…>` sends no Origin). Curl and
 * servers send neither header; a page of an allowed origin calls with `fetch`, which
 * sends its Origin. Runs before any token is looked at, so such requests never count
 * toward a lockout.
 */
export function refuseForeignPages(allowed: OriginAllowed): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const site = c.req.header('sec-fetch-site')
    const foreign = origin !== undefined ? !allowed(origin, c) : site !== undefined && site !== 'same-origin' && site !== 'none'
    if (foreign) throw forbidden('Pages of other sites may not use this endpoint.')
    await next()
  }
}
