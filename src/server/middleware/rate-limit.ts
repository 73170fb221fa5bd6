/**
 * Token buckets per client network. Buckets refill continuously. Hono has no limiter;
 * this one also answers "would a request pass?" without taking a token (`peek`), which
 * the token lockout needs: only failures take, every attempt peeks. Two homes for the
 * buckets, one arithmetic: each process's memory (RateLimiter, forgotten once full), or
 * the database shared by every process (StoredRateLimiter, on PostgreSQL), so N
 * processes give one burst, not N.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { HttpProblem } from '../problem.js'

export interface BucketOptions {
  /** How many requests may come at once. 0 disables the limit. */
  burst: number
  /** Tokens added per minute. */
  perMinute: number
}

/** What the middleware needs of a limiter: 0 when allowed, else the seconds to wait. */
export interface Limiter {
  /** Takes one token. */
  take(key: string): Promise<number>
  /** Like take() but leaves the bucket as it is: "would a request pass now?" */
  peek(key: string): Promise<number>
}

/** A bucket as stored: its tokens at time `at` (ms). */
export interface Bucket {
  tokens: number
  at: number
}

const ratePerMs = (options: BucketOptions) => options.perMinute / 60_000

/** The bucket's tokens now: refilled since `at` (never backwards, should clocks differ), at most a burst. */
export function refilled(bucket: Bucket, options: BucketOptions, now: number): number {
  return Math.min(options.burst, bucket.tokens + Math.max(0, now - bucket.at) * ratePerMs(options))
}

/** Seconds until a bucket holding `tokens` (< 1) has one again. */
export function secondsUntilToken(tokens: number, options: BucketOptions): number {
  const rate = ratePerMs(options)
  return rate > 0 ? Math.ceil((1 - tokens) / rate / 1000) : 3600
}

export class RateLimiter implements Limiter {
  private readonly buckets = new Map<string, Bucket>()

  constructor(
    private readonly options: BucketOptions,
    private readonly now: () => number,
  ) {}

  async take(key: string): Promise<number> {
    return this.check(key, true)
  }

  async peek(key: string): Promise<number> {
    return this.check(key, false)
  }

  private check(key: string, consume: boolean): number {
    if (this.options.burst <= 0) return 0
    const now = this.now()
    const previous = this.buckets.get(key)
    const bucket = { tokens: previous ? refilled(previous, this.options, now) : this.options.burst, at: now }
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      if (consume) bucket.tokens -= 1
      this.sweep(now)
      return 0
    }
    return secondsUntilToken(bucket.tokens, this.options)
  }

  /** Keeps memory bounded: a full bucket carries no information. */
  private sweep(now: number): void {
    if (this.buckets.size < 10_000) return
    for (const [key, bucket] of this.buckets) {
      if (refilled(bucket, this.options, now) >= this.options.burst) this.buckets.delete(key)
    }
  }
}

/** The store's side of StoredRateLimiter (Store implements it; see store.ts). */
export interface BucketStore {
  /** Atomically refills the bucket and takes a token if it has one; the tokens left and whether one was taken. */
  takeToken(key: string, options: BucketOptions, now: number): Promise<{ tokens: number; taken: boolean }>
  bucket(key: string): Promise<Bucket | undefined>
}

/**
 * Buckets in the database, shared by every process: one atomic upsert per take, so
 * concurrent requests to different processes never both take the last token. `name`
 * keeps the write, admin and edit buckets of one network apart.
 */
export class StoredRateLimiter implements Limiter {
  constructor(
    private readonly store: BucketStore,
    private readonly name: string,
    private readonly options: BucketOptions,
    private readonly now: () => number,
  ) {}

  async take(key: string): Promise<number> {
    if (this.options.burst <= 0) return 0
    const { tokens, taken } = await this.store.takeToken(`${this.name}:${key}`, this.options, this.now())
    return taken ? 0 : secondsUntilToken(tokens, this.options)
  }

  async peek(key: string): Promise<number> {
    if (this.options.burst <= 0) return 0
    const bucket = await this.store.bucket(`${this.name}:${key}`)
    const tokens = bucket ? refilled(bucket, this.options, this.now()) : this.options.burst
    return tokens >= 1 ? 0 : secondsUntilToken(tokens, this.options)
  }
}

type KeyOf = (c: Context) => string

const tooMany = (wait: number, what: string) =>
  new HttpProblem(429, 'rate-limited', `${what}; try again in ${wait} seconds.`, { headers: { 'retry-after': String(wait) } })

/** Every request takes a token from its network's bucket, or is 429 with Retry-After. */
export function rateLimit(limiter: Limiter, keyOf: KeyOf): MiddlewareHandler {
  return async (c, next) => {
    const wait = await limiter.take(keyOf(c))
    if (wait > 0) throw tooMany(wait, 'Too many requests')
    await next()
  }
}

/**
 * A network that failed a token check too often waits, whatever it sends now (the right
 * token included). Only answers the handler marks as a failed check take a token, so
 * attempts that never reached a check (no token sent, refused origin) do not count.
 */
export function lockout(limiter: Limiter, keyOf: KeyOf, failed: (error: Error | undefined) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const wait = await limiter.peek(keyOf(c))
    if (wait > 0) throw tooMany(wait, 'Too many failed attempts')
    await next()
    if (failed(c.error)) await limiter.take(keyOf(c))
  }
}
