/**
 * The signed links in mail, HMAC-SHA-256 with the server secret (so every process sharing
 * the database makes and accepts the same ones, and changing --secret voids them all):
 *
 * - moderation: `<comment>.<action>.<expires>.<nonce>.<signature>` — Approve, Spam or Delete
 *   one comment without signing in, until it expires; the nonce is the mail's id, so the
 *   three links of one mail are spent together by the first one used (routes.ts records it);
 * - unsubscribe: `<subscription>.<signature>` — never expires (RFC 8058 wants it to work
 *   for as long as mail can arrive), and ends only that subscription.
 *
 * Every part is checked before anything is looked up; a changed character anywhere is
 * "invalid", never a different valid link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export const MODERATION_ACTIONS = ['approve', 'spam', 'delete'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

export interface ModerationLink {
  commentId: string
  action: ModerationAction
  expiresMs: number
  /** Shared by the links of one mail: the first one used spends them all. */
  nonce: string
}

const ID = /^[\w-]{1,64}$/

function sign(secret: string, purpose: string, parts: string[]): string {
  return createHmac('sha256', secret)
    .update([purpose, ...parts].join('\0'))
    .digest('base64url')
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export function moderationToken(secret: string, link: ModerationLink): string {
  const parts = [link.commentId, link.action, Math.floor(link.expiresMs / 1000).toString(36), link.nonce]
  return [...parts, sign(secret, 'moderate', parts)].join('.')
}

export type ModerationCheck = { ok: true; link: ModerationLink } | { ok: false; reason: 'invalid' | 'expired' }

export function readModerationToken(secret: string, token: string, nowMs: number): ModerationCheck {
  const parts = token.split('.')
  const [commentId, action, expires, nonce, signature] = parts
  if (parts.length !== 5 || !commentId || !action || !expires || !nonce || !signature) return { ok: false, reason: 'invalid' }
  if (!ID.test(commentId) || !ID.test(nonce) || !/^[0-9a-z]{1,10}$/.test(expires)) return { ok: false, reason: 'invalid' }
  if (!(MODERATION_ACTIONS as readonly string[]).includes(action)) return { ok: false, reason: 'invalid' }
  if (!same(signature, sign(secret, 'moderate', [commentId, action, expires, nonce]))) return { ok: false, reason: 'invalid' }
  const expiresMs = parseInt(expires, 36) * 1000
  if (nowMs >= expiresMs) return { ok: false, reason: 'expired' }
  return { ok: true, link: { commentId, action: action as ModerationAction, expiresMs, nonce } }
}

export function unsubscribeToken(secret: string, subscriptionId: string): string {
  return `${subscriptionId}.${sign(secret, 'unsubscribe', [subscriptionId])}`
}

/** The subscription the token names, or null when it is not one this server signed. */
export function readUnsubscribeToken(secret: string, token: string): string | null {
  const parts = token.split('.')
  const [id, signature] = parts
  if (parts.length !== 2 || !id || !signature || !ID.test(id)) return null
  return same(signature, sign(secret, 'unsubscribe', [id])) ? id : null
}
