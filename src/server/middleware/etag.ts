/**
 * A validator known before the answer is built. Hono's etag middleware hashes the finished
 * body, so every request still pays for reading and rendering it; here the route says what
 * the tag stands for (a per-thread version, the query, the reader), and a matching
 * If-None-Match is answered 304 without running the handler at all.
 */
import type { Context, Env, MiddlewareHandler } from 'hono'

/** Weak comparison (RFC 9110 §13.1.2): W/"x" matches "x"; `*` matches anything. */
export function matches(ifNoneMatch: string, etag: string): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag))
}

export function preReadEtag<E extends Env>(tagOf: (c: Context<E>) => string | Promise<string>): MiddlewareHandler<E> {
  return async (c, next) => {
    const etag = await tagOf(c)
    c.header('ETag', etag)
    const ifNoneMatch = c.req.header('if-none-match')
    if (ifNoneMatch && matches(ifNoneMatch, etag)) return c.body(null, 304)
    await next()
  }
}
