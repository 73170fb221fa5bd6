/**
 * The settings the owner may change at run time from the admin page, stored in the
 * database's settings table (one row each, `admin:<name>`, JSON) so every process shares
 * them: moderation mode, link limit, blocked words, blocked network prefixes. A setting
 * given as a command-line flag (--moderation, --link-limit) is fixed: the flag's value is
 * used, the page is told so, and a change is refused (409 fixed-by-flag).
 *
 * Posts read them through a cache of one second: a change made in one process reaches the
 * others (on PostgreSQL) within a second, and the process that made it at once.
 */
import ipaddr from 'ipaddr.js'
import * as v from 'valibot'
import type { AdminSettingName, AppOptions, Moderation } from '../options.js'
import { HttpProblem, type FieldErrors } from '../problem.js'
import type { Store } from '../store.js'

export interface AdminSettings {
  moderation: Moderation
  linkLimit: number
  /** Held when found (case-insensitively) in the name, email, website or text. */
  blockedWords: string[]
  /** Networks (CIDR, or one address) whose comments are held. */
  blockedPrefixes: string[]
}

const NAMES: readonly AdminSettingName[] = ['moderation', 'linkLimit', 'blockedWords', 'blockedPrefixes']

/** How long a process trusts what it read: the bound on how long two processes may disagree. */
export const SETTINGS_CACHE_MS = 1000

const MAX_ENTRIES = 500

/** A CIDR range or one address, in the form ipaddr.js reads; null when it is neither. */
export function parseNetwork(text: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const address = text.split('/')[0] ?? ''
  // ipaddr.js also reads inet_aton's shorthands (1.2.3, 0x7f.1): not what an owner means.
  if (!address.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(address)) return null
  try {
    if (text.includes('/')) return ipaddr.parseCIDR(text)
    const address = ipaddr.parse(text)
    return [address, address.kind() === 'ipv4' ? 32 : 128]
  } catch {
    return null
  }
}

const words = (label: string) =>
  v.pipe(
    v.array(
      v.pipe(
        v.string(`${label} are text.`),
        v.transform((text: string) => text.trim()),
        v.maxLength(200, `${label} are at most 200 characters each.`),
      ),
      `${label} is a list.`,
    ),
    // Blanks dropped; repeats too, compared as matching compares them (case-insensitively).
    v.transform((list: string[]) => list.filter((entry, i) => entry && list.findIndex((other) => other.toLowerCase() === entry.toLowerCase()) === i)),
    v.maxLength(MAX_ENTRIES, `${label} holds at most ${MAX_ENTRIES} entries.`),
  )

export const settingsSchema = v.object({
  moderation: v.optional(v.picklist(['none', 'first', 'all'], 'moderation is none, first or all.')),
  linkLimit: v.optional(
    v.pipe(
      v.number('linkLimit is a whole number.'),
      v.integer('linkLimit is a whole number.'),
      v.minValue(0, 'linkLimit is 0 or more.'),
      v.maxValue(1000, 'linkLimit is at most 1000.'),
    ),
  ),
  blockedWords: v.optional(words('Blocked words')),
  blockedPrefixes: v.optional(
    v.pipe(
      words('Blocked networks'),
      v.check(
        (list: string[]) => list.every((entry) => parseNetwork(entry) !== null),
        'Blocked networks are addresses or ranges like 203.0.113.0/24 or 2001:db8::/32.',
      ),
    ),
  ),
})

export type SettingsChange = v.InferOutput<typeof settingsSchema>

export class SettingsService {
  private cached: { at: number; value: AdminSettings } | null = null

  constructor(
    private readonly store: Store,
    private readonly options: Pick<AppOptions, 'moderation' | 'linkLimit' | 'fixedSettings'>,
  ) {}

  get fixed(): AdminSettingName[] {
    return NAMES.filter((name) => this.options.fixedSettings.includes(name))
  }

  /** What posts are held by now: the flags where fixed, else what is stored, else the defaults. */
  async current(): Promise<AdminSettings> {
    const now = Date.now()
    if (this.cached && now - this.cached.at < SETTINGS_CACHE_MS) return this.cached.value
    const rows = await this.store.db.selectFrom('settings').select(['name', 'value']).where('name', 'like', 'admin:%').execute()
    const stored = new Map(rows.map((row) => [row.name.slice('admin:'.length), row.value]))
    const read = <T>(name: AdminSettingName, fallback: T, valid: (value: unknown) => value is T): T => {
      if (this.options.fixedSettings.includes(name)) return fallback
      try {
        const value: unknown = JSON.parse(stored.get(name) ?? 'null')
        return valid(value) ? value : fallback
      } catch {
        return fallback
      }
    }
    const list = (value: unknown): value is string[] => Array.isArray(value) && value.every((entry) => typeof entry === 'string')
    const value: AdminSettings = {
      moderation: read('moderation', this.options.moderation, (x): x is Moderation => x === 'none' || x === 'first' || x === 'all'),
      linkLimit: read('linkLimit', this.options.linkLimit, (x): x is number => Number.isInteger(x) && (x as number) >= 0),
      blockedWords: read('blockedWords', [] as string[], list),
      blockedPrefixes: read('blockedPrefixes', [] as string[], list),
    }
    this.cached = { at: now, value }
    return value
  }

  async update(change: SettingsChange): Promise<AdminSettings> {
    const refused: FieldErrors = {}
    for (const name of NAMES) {
      if (change[name] !== undefined && this.options.fixedSettings.includes(name)) {
        refused[name] = { code: 'invalid', message: `${name} is fixed by a command-line flag; change the flag and restart.` }
      }
    }
    if (Object.keys(refused).length > 0)
      throw new HttpProblem(409, 'fixed-by-flag', 'A setting given on the command line cannot be changed here.', { fields: refused })
    for (const name of NAMES) {
      const value = change[name]
      if (value !== undefined) await this.store.putSetting(`admin:${name}`, JSON.stringify(value))
    }
    this.cached = null
    return this.current()
  }
}

/** Whether the network prefix a comment came from lies in one of the blocked ranges. */
export function inBlockedNetwork(ipPrefix: string | null, blocked: readonly string[]): boolean {
  if (!ipPrefix || blocked.length === 0) return false
  const client = parseNetwork(ipPrefix)
  if (!client) return false
  const [address, bits] = client
  return blocked.some((entry) => {
    const range = parseNetwork(entry)
    // A /24 client network is inside a /16 block; a block narrower than the stored network
    // (a /32 inside a /24) holds the whole network, since only the network is known.
    return range !== null && range[0].kind() === address.kind() && address.match([range[0], Math.min(range[1], bits)] as never)
  })
}

/** The blocked word found in these texts (case-insensitively), if any. */
export function blockedWordIn(texts: readonly string[], blocked: readonly string[]): string | null {
  const haystack = texts.join('\n').toLowerCase()
  return blocked.find((word) => word && haystack.includes(word.toLowerCase())) ?? null
}
