/**
 * Everything createApp() needs to know, with the defaults DESIGN.md and the issue name.
 * The CLI fills this from flags and environment; tests build it directly.
 */
import { DEFAULT_LIMITS as DRAFT_LIMITS, DEFAULT_REQUIRES, type DraftField } from '../core/draft.js'
import type { BucketOptions } from './middleware/rate-limit.js'
import type { Limits } from './validation.js'

export type Moderation = 'none' | 'first' | 'all'

/** What the owner may change at run time (stored in the database), unless a flag fixes it. */
export type AdminSettingName = 'moderation' | 'linkLimit' | 'blockedWords' | 'blockedPrefixes'

/** What the app needs to know about mail (src/server/mail/); the SMTP server itself is the worker's. */
export interface MailOptions {
  /** The From of every mail: `comments@blog.example` or `Blog comments <comments@blog.example>`. */
  from: string
  /** Where mail for the owner goes (held comments, and with notifyOwnerAll every new one); null: none. */
  notifyOwner: string | null
  /** Also mail the owner about comments published at once, not only held ones. */
  notifyOwnerAll: boolean
  /** How long the one-click Approve / Spam / Delete links in the owner's mail work. */
  linkTtlMs: number
}

export const DEFAULT_ADMIN_SESSION_MS = 12 * 3_600_000

export const DEFAULT_MAIL_LINK_TTL_MS = 7 * 86_400_000

export interface AppOptions {
  /** Exact origins (scheme://host[:port]) allowed for CORS and for creating threads. */
  origins: string[]
  /** Signs form tokens and keys avatar seeds and derived edit tokens. */
  secret: string
  /** SHA-256 of the admin token; null disables the admin API. */
  adminTokenHash: string | null
  /** How long an admin page's sign-in lasts (the session cookie's Max-Age and the row's expiry). */
  adminSessionMs: number
  /** The name the owner's replies carry (--owner-name); null: the site's host name, else "Site owner". */
  ownerName: string | null
  /**
   * Settings the admin page may change at run time (admin/settings.ts) that a flag fixed
   * instead: the flag's value is used, and the page is told so.
   */
  fixedSettings: readonly AdminSettingName[]
  moderation: Moderation
  /** More links than this in a body hold it for the owner (every moderation mode). */
  linkLimit: number
  editWindowMs: number
  minPostSeconds: number
  requireEmail: boolean
  limits: Limits
  /** The whole request body, checked before parsing. */
  maxRequestBytes: number
  /** The file an import from the admin page uploads (POST /admin/import), counted as it streams to disk. */
  maxImportBytes: number
  /** Writes (post, edit, delete) per client network. */
  writeLimit: BucketOptions
  /** Failed token checks per client network, admin and edit tokens each on their own. */
  tokenFailureLimit: BucketOptions
  /**
   * On PostgreSQL, keep the rate-limit buckets in the database, shared by every process
   * (true, the default); false keeps them in this process's memory (tests whose in-process
   * apps stand for separate deployments on one database).
   */
  sharedLimits: boolean
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy: boolean
  /**
   * The server's own public origin (https://comments.blog.example): allowed like one of
   * `origins`, and the base of links that leave the request (mail, feeds, status URLs).
   * Null: not configured; the own origin is then only the socket's address (own-origin.ts).
   */
  publicUrl: string | null
  /**
   * The site the widget is embedded in (scheme://host[/path]): feeds link each comment to
   * this + thread key + #comment-ID, and Webmention targets must be on it. null: the only
   * --origin when there is exactly one, else none (see siteBase()).
   */
  siteUrl: string | null
  /** Tests only: Webmention sources may be on loopback (the SSRF guard refuses it otherwise). */
  webmentionAllowLoopback: boolean
  /**
   * Mail (needs publicUrl: every mail links back here). Null: no SMTP server configured —
   * nothing is queued or sent, readers are not offered reply notifications.
   */
  mail: MailOptions | null
  /** The clock; tests pass their own. */
  now: () => number
  /** SSE comment lines that keep proxies from closing an idle stream. */
  heartbeatMs: number
  /** Folders served as static files: dist/ for /palaver.js, demo/ at / with --demo. */
  distDir: string | null
  demoDir: string | null
  log: (line: string) => void
}

export const DEFAULT_LIMITS: Limits = { ...DRAFT_LIMITS, thread: 500, title: 300 }

export function appOptions(given: Partial<AppOptions> & Pick<AppOptions, 'secret'>): AppOptions {
  return {
    origins: [],
    adminTokenHash: null,
    adminSessionMs: DEFAULT_ADMIN_SESSION_MS,
    ownerName: null,
    fixedSettings: [],
    moderation: 'none',
    linkLimit: 2,
    editWindowMs: 15 * 60_000,
    minPostSeconds: 3,
    requireEmail: true,
    limits: DEFAULT_LIMITS,
    maxRequestBytes: 64 * 1024,
    maxImportBytes: 200 * 1024 * 1024,
    writeLimit: { burst: 10, perMinute: 6 },
    tokenFailureLimit: { burst: 10, perMinute: 1 },
    sharedLimits: true,
    trustProxy: false,
    publicUrl: null,
    siteUrl: null,
    webmentionAllowLoopback: false,
    mail: null,
    now: Date.now,
    heartbeatMs: 25_000,
    distDir: null,
    demoDir: null,
    log: (line) => console.error(line),
    ...given,
  }
}

/** The owner's replies' name: --owner-name, else the site's host name, else "Site owner". */
export function ownerName(options: Pick<AppOptions, 'ownerName' | 'siteUrl' | 'origins'>): string {
  if (options.ownerName) return options.ownerName
  const site = siteBase(options)
  return site ? new URL(site).hostname : 'Site owner'
}

/** Where thread keys are pages: --site-url, else the one allowed origin; null when neither says. */
export function siteBase(options: Pick<AppOptions, 'siteUrl' | 'origins'>): string | null {
  return options.siteUrl ?? (options.origins.length === 1 ? options.origins[0]! : null)
}

export function requiredFields(options: AppOptions): DraftField[] {
  return options.requireEmail ? [...DEFAULT_REQUIRES] : ['name']
}

/** "15m", "90s", "2h", "1d" or plain seconds → milliseconds; NaN when unreadable. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(text.trim())
  if (!match) return NaN
  const units = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }
  const unit = units[(match[2] ?? 's') as keyof typeof units]
  return Number(match[1]) * unit
}

/** "64kb", "1mb", "65536" → bytes; NaN when unreadable. */
export function parseBytes(text: string): number {
  const match = /^(\d+)\s*(b|kb|kib|mb|mib)?$/i.exec(text.trim())
  if (!match) return NaN
  const unit = { b: 1, kb: 1024, kib: 1024, mb: 1024 * 1024, mib: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b']
  return Number(match[1]) * unit
}
