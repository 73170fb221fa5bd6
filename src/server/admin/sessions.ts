/**
 * Admin sessions: what `POST /api/v1/admin/session` hands the admin page in exchange for
 * the admin token. The cookie carries 32 random bytes; the database keeps their SHA-256
 * and the expiry, so a copy of the database signs nobody in, and signing out (deleting the
 * row) ends the session in every process at once.
 */
import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Schema } from '../db/schema.js'
import { iso } from '../http.js'
import { sha256 } from '../tokens.js'

export const SESSION_COOKIE = 'palaver_admin'

export interface Session {
  expiresAt: string
}

export class AdminSessions {
  constructor(private readonly db: Kysely<Schema>) {}

  /** A new session until `now + ttlMs`: the cookie's value (only this once) and its expiry. */
  async create(nowMs: number, ttlMs: number): Promise<{ value: string; expiresAt: string }> {
    const value = randomBytes(32).toString('base64url')
    const expiresAt = iso(nowMs + ttlMs)
    await this.db
      .insertInto('admin_sessions')
      .values({ id_hash: sha256(value), created_at: iso(nowMs), expires_at: expiresAt })
      .execute()
    // Expired rows are only a few bytes each; whoever signs in sweeps them.
    await this.db.deleteFrom('admin_sessions').where('expires_at', '<=', iso(nowMs)).execute()
    return { value, expiresAt }
  }

  /** The live session this cookie value names, if any. */
  async find(value: string | undefined, nowMs: number): Promise<Session | null> {
    if (!value || !/^[\w-]{20,100}$/.test(value)) return null
    const row = await this.db.selectFrom('admin_sessions').select('expires_at').where('id_hash', '=', sha256(value)).executeTakeFirst()
    return row && row.expires_at > iso(nowMs) ? { expiresAt: row.expires_at } : null
  }

  async end(value: string | undefined): Promise<void> {
    if (value) await this.db.deleteFrom('admin_sessions').where('id_hash', '=', sha256(value)).execute()
  }
}
