/**
 * Every secret-bearing string the server makes or checks: comment ids, edit tokens (only
 * their SHA-256 is stored), the admin token check (constant time), avatar seeds (HMAC of
 * the lower-cased email, so they cannot be reversed by guessing emails), and form tokens
 * (HMAC-signed issue time, bound to a thread).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

// Lower-case hex: sorts the same under every database collation (ids break createdAt ties).
export const newId = (): string => randomBytes(9).toString('hex')

export const newSecret = (): string => randomBytes(32).toString('base64url')

/**
 * A POST with an Idempotency-Key gets an edit token derived from the key, so a replay can
 * return the same token without the server ever storing it; without a key it is random.
 */
export function editTokenFor(secret: string, commentId: string, idempotencyKey: string | null): string {
  if (!idempotencyKey) return randomBytes(24).toString('base64url')
  return createHmac('sha256', secret).update(`edit\0${commentId}\0${idempotencyKey}`).digest('base64url')
}

/** Constant time in the length of `expectedHash`: hashing first makes both sides equal length. */
export function tokenMatches(token: string, expectedHash: string | null): boolean {
  if (!expectedHash) return false
  const actual = Buffer.from(sha256(token), 'hex')
  const expected = Buffer.from(expectedHash, 'hex')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

export function avatarSeed(secret: string, email: string): string | null {
  const normalized = email.trim().toLowerCase()
  if (!normalized) return null
  return createHmac('sha256', secret).update(`avatar\0${normalized}`).digest('hex').slice(0, 32)
}

export type FormTokenCheck = { ok: true } | { ok: false; reason: 'invalid' | 'expired' } | { ok: false; reason: 'too-young'; waitSeconds: number }

/**
 * Two hours: longer than anyone writes one comment, short enough that a token copied into
 * a script stops working the same afternoon. A reader whose tab stayed open longer gets
 * "out of date"; the widget fetches a fresh token at once, so their retry goes through.
 */
export const FORM_TOKEN_MAX_AGE_MS = 2 * 3600 * 1000

/**
 * Which half of a token's life `nowMs` is in. The list's ETag includes it: a 304 keeps the
 * cached answer's token, which must then still have at least half its life left.
 */
export const formTokenEpoch = (nowMs: number): number => Math.floor(nowMs / (FORM_TOKEN_MAX_AGE_MS / 2))

export function issueFormToken(secret: string, thread: string, nowMs: number): string {
  const issued = Math.floor(nowMs / 1000).toString(36)
  return `${issued}.${formSignature(secret, thread, issued)}`
}

export function checkFormToken(secret: string, thread: string, token: string | undefined, nowMs: number, minAgeSeconds: number): FormTokenCheck {
  const [issued, signature, ...rest] = (token ?? '').split('.')
  if (!issued || !signature || rest.length > 0 || !/^[0-9a-z]{1,10}$/.test(issued)) return { ok: false, reason: 'invalid' }
  const expected = Buffer.from(formSignature(secret, thread, issued))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' }
  const ageMs = nowMs - parseInt(issued, 36) * 1000
  if (ageMs > FORM_TOKEN_MAX_AGE_MS) return { ok: false, reason: 'expired' }
  if (ageMs < minAgeSeconds * 1000) return { ok: false, reason: 'too-young', waitSeconds: Math.max(1, Math.ceil((minAgeSeconds * 1000 - ageMs) / 1000)) }
  return { ok: true }
}

function formSignature(secret: string, thread: string, issued: string): string {
  return createHmac('sha256', secret).update(`form\0${thread}\0${issued}`).digest('base64url').slice(0, 27)
}
