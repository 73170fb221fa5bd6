/**
 * CORS through Hono's own middleware, with an allowlist predicate: an allowed Origin gets
 * its own origin echoed back, a preflight is answered with a max-age so browsers ask once
 * a day. What Hono leaves to us are the few lines before it: a preflight or a write from
 * an Origin that is not allowed is refused outright (403 problem+json), whatever the
 * browser would have done with the answer. No cookies are involved, so credentials are
 * never allowed. refuseForeignPages() closes the admin API to other sites' pages entirely.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { forbidden } from '../problem.js'

export const PREFLIGHT_MAX_AGE_SECONDS = 86_400
const ALLOW_METHODS = ['GET', 'POST', 'PATCH', 'DELETE']
const ALLOW_HEADERS = ['Content-Type', 'Authorization', 'Idempotency-Key', 'X-Palaver-Tokens', 'Last-Event-ID', 'If-None-Match']
const EXPOSE_HEADERS = ['ETag', 'Retry-After']
const WRITES = new Set(['POST', 'PATCH', 'DELETE', 'PUT'])

export type OriginAllowed = (origin: string, c: Context) => boolean

/** Mount both, in this order: `app.use('/api/*', ...crossOrigin(allowed))`. */
export function crossOrigin(allowed: OriginAllowed): [MiddlewareHandler, MiddlewareHandler] {
  const refuseForeignWrites: MiddlewareHandler = async (c, next) => {
    const origin = c.req.header('origin')
    const writes = c.req.method === 'OPTIONS' || WRITES.has(c.req.method)
    if (origin !== undefined && writes && !allowed(origin, c)) throw forbidden('This origin may not use this server.')
    await next()
  }
  return [
    refuseForeignWrites,
    cors({
      origin: (origin, c) => (origin && allowed(origin, c) ? origin : null),
      allowMethods: ALLOW_METHODS,
      allowHeaders: ALLOW_HEADERS,
      exposeHeaders: EXPOSE_HEADERS,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    }),
  ]
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
