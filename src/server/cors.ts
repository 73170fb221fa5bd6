/**
 * CORS as an allowlist predicate. An allowed Origin gets its own origin echoed back; a
 * preflight is answered with a max-age so browsers ask once a day; a write from an Origin
 * that is not allowed is refused outright (403), whatever the browser would have done.
 * No cookies are involved, so credentials are never allowed.
 */
import type { MiddlewareHandler } from 'hono'
import { forbidden } from './problem.js'

export const PREFLIGHT_MAX_AGE_SECONDS = 86_400
const ALLOW_METHODS = 'GET, POST, PATCH, DELETE'
const ALLOW_HEADERS = 'Content-Type, Authorization, Idempotency-Key, X-Palaver-Tokens, Last-Event-ID, If-None-Match'
const EXPOSE_HEADERS = 'ETag, Retry-After'
const WRITES = new Set(['POST', 'PATCH', 'DELETE', 'PUT'])

export function cors(allowed: (origin: string, requestUrl: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    const ok = origin !== undefined && allowed(origin, c.req.url)

    if (c.req.method === 'OPTIONS') {
      if (!ok) throw forbidden('This origin may not use this server.')
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': ALLOW_METHODS,
          'access-control-allow-headers': ALLOW_HEADERS,
          'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
          vary: 'Origin',
        },
      })
    }
    if (origin !== undefined && !ok && WRITES.has(c.req.method)) throw forbidden('This origin may not use this server.')

    await next()
    c.res.headers.append('vary', 'Origin')
    if (ok) {
      c.res.headers.set('access-control-allow-origin', origin)
      c.res.headers.set('access-control-expose-headers', EXPOSE_HEADERS)
    }
  }
}
