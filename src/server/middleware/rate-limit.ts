/**
 * Token buckets per client network, kept in memory: each process limits on its own
 * (documented in docs/server.md). Buckets refill continuously and are forgotten once full.
 * Hono has no limiter; this one also answers "would a request pass?" without taking a
 * token (`peek`), which the token lockout needs: only failures take, every attempt peeks.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { HttpProblem } from '../problem.js'

export interface BucketOptions {
  /** How many requests may come at once. 0 disables the limit. */
  burst: number
  /** Tokens added per minute. */
  perMinute: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number,
  ) {}

  /** Takes one token; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    return this.check(key, true)
  }

  /** Like take() but leaves the bucket as it is: "would a request pass now?" */
  peek(key: string): number {
    return this.check(key, false)
  }

  private check(key: string, consume: boolean): number {
    if (this.options.burst <= 0) return 0
    const now = this.now()
    const ratePerMs = this.options.perMinute / 60_000
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now }
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * ratePerMs)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      if (consume) bucket.tokens -= 1
      this.sweep(now, ratePerMs)
      return 0
    }
    return ratePerMs > 0 ? Math.ceil((1 - bucket.tokens) / ratePerMs / 1000) : 3600
  }

  /** Keeps memory bounded: a full bucket carries no information. */
  private sweep(now: number, ratePerMs: number): void {
    if (this.buckets.size < 10_000) return
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * ratePerMs >= this.options.burst) this.buckets.delete(key)
    }
  }
}

type KeyOf = (c: Context) => string

const tooMany = (wait: number, what: string) =>
  new HttpProblem(429, 'rate-limited', `${what}; try again in ${wait} seconds.`, { headers: { 'retry-after': String(wait) } })

/** Every request takes a token from its network's bucket, or is 429 with Retry-After. */
export function rateLimit(limiter: RateLimiter, keyOf: KeyOf): MiddlewareHandler {
  return async (c, next) => {
    const wait = limiter.take(keyOf(c))
    if (wait > 0) throw tooMany(wait, 'Too many requests')
    await next()
  }
}

/**
 * A network that failed a token check too often waits, whatever it sends now (the right
 * token included). Only answers the handler marks as a failed check take a token, so
 * attempts that never reached a check (no token sent, refused origin) do not count.
 */
export function lockout(limiter: RateLimiter, keyOf: KeyOf, failed: (error: Error | undefined) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const wait = limiter.peek(keyOf(c))
    if (wait > 0) throw tooMany(wait, 'Too many failed attempts')
    await next()
    if (failed(c.error)) limiter.take(keyOf(c))
  }
}
