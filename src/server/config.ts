/**
 * `palaver serve` flags and their environment twins → a checked configuration. Flags win
 * over the environment. Every mistake becomes one ConfigError line for the CLI to print.
 */
import { fileURLToPath } from 'node:url'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { isEmail } from '../core/draft.js'
import { parseSmtpUrl } from './mail/smtp-url.js'
import {
  DEFAULT_ADMIN_SESSION_MS,
  DEFAULT_LIMITS,
  DEFAULT_MAIL_LINK_TTL_MS,
  parseBytes,
  parseDuration,
  type AdminSettingName,
  type AppOptions,
} from './options.js'

export class ConfigError extends Error {}

/** 22 base64url characters carry 132 bits; shorter given secrets are refused. */
export const MIN_SECRET_LENGTH = 22

/** Long enough, and not one character repeated (a placeholder, not a secret). */
export function strongEnough(secret: string): boolean {
  return secret.length >= MIN_SECRET_LENGTH && new Set(secret).size >= 8
}

/**
 * Where the database is: an SQLite file path (or a file: URL, or :memory:), or a
 * postgres:// / postgresql:// URL. Anything else that looks like a URL is a mistake
 * (mysql://…), not a folder to create.
 */
/** scheme://host[:port] exactly (a trailing slash is forgiven), or a ConfigError naming where it came from. */
function originValue(given: { text: string; from: string } | undefined): string | null {
  if (given === undefined) return null
  const text = given.text.trim()
  let url: URL | null = null
  try {
    url = new URL(text)
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.origin !== text.replace(/\/$/, '')) {
    throw new ConfigError(`${given.from} must be scheme://host[:port] like https://blog.example, not "${given.text}"`)
  }
  return url.origin
}

export function databaseLocation(text: string, from: string): string {
  const value = text.trim()
  if (/^postgres(ql)?:\/\//i.test(value)) return value
  if (/^file:/i.test(value)) {
    try {
      return fileURLToPath(new URL(value))
    } catch {
      throw new ConfigError(`${from} file: URL is not a file path: "${text}"`)
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) || value === '') {
    throw new ConfigError(`${from} takes an SQLite file path (./palaver.sqlite) or a postgres:// URL, not "${text}"`)
  }
  return value
}

/** An absolute http(s) address without query or fragment; a trailing slash is added (keys are paths below it). */
export function siteUrlValue(text: string, from: string): string {
  let url: URL | null = null
  try {
    url = new URL(text.trim())
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(`${from} is an address like https://blog.example, not "${text}"`)
  }
  return url.origin + url.pathname.replace(/\/?$/, '/')
}

/** The options createApp() takes as they are, plus what only the process needs. */
export interface ServeConfig
  extends Pick<
    AppOptions,
    | 'origins'
    | 'moderation'
    | 'linkLimit'
    | 'adminSessionMs'
    | 'ownerName'
    | 'fixedSettings'
    | 'editWindowMs'
    | 'minPostSeconds'
    | 'requireEmail'
    | 'limits'
    | 'maxRequestBytes'
    | 'maxImportBytes'
    | 'trustProxy'
    | 'siteUrl'
    | 'publicUrl'
    | 'mail'
  > {
  port: number
  host: string
  database: string
  adminToken: string | null
  secret: string | null
  rateBurst: number
  ratePerMinute: number
  demo: boolean
  /** The SMTP server the mail worker sends through (with its password); null: no mail. */
  smtpUrl: string | null
}

/** name, env twin, placeholder, description — also the source of --help. */
const FLAGS = [
  ['port', 'PALAVER_PORT', '8080', 'port to listen on (0 picks a free one)'],
  ['host', 'PALAVER_HOST', '127.0.0.1', 'address to listen on (0.0.0.0 for all)'],
  ['database', 'PALAVER_DATABASE or DATABASE_URL', './palaver.sqlite | postgres://…', 'SQLite file, or a PostgreSQL URL'],
  ['origin', 'PALAVER_ORIGINS (comma-separated)', 'https://blog.example', 'origin allowed to embed the widget; repeat for more'],
  ['admin-token', 'PALAVER_ADMIN_TOKEN', 'TOKEN', 'admin token; generated and printed once when not given'],
  ['secret', 'PALAVER_SECRET', 'SECRET', 'signs form tokens and keys avatars; generated and stored when not given'],
  ['moderation', 'PALAVER_MODERATION', 'none|first|all', 'hold comments for approval (default none; given, the admin page cannot change it)'],
  ['link-limit', 'PALAVER_LINK_LIMIT', '2', 'hold comments with more links than this (default 2; given, the admin page cannot change it)'],
  ['admin-session', 'PALAVER_ADMIN_SESSION', '12h', 'how long a sign-in on the admin page lasts (30m, 12h, 7d)'],
  ['owner-name', 'PALAVER_OWNER_NAME', "'Jane Doe'", "the name the owner's replies carry (default the site's host name)"],
  ['edit-window', 'PALAVER_EDIT_WINDOW', '15m', 'how long an author may edit or remove a comment'],
  ['min-post-seconds', 'PALAVER_MIN_POST_SECONDS', '3', 'minimum seconds between loading the thread and posting'],
  ['require-email', 'PALAVER_REQUIRE_EMAIL', 'yes|no', 'whether the email field is required (default yes)'],
  ['max-name', 'PALAVER_MAX_NAME', '100', 'longest author name, in characters'],
  ['max-url', 'PALAVER_MAX_URL', '2000', 'longest author website, in characters'],
  ['max-body', 'PALAVER_MAX_BODY', '20000', 'longest comment, in characters'],
  ['max-request', 'PALAVER_MAX_REQUEST', '64kb', 'largest request body (413 beyond)'],
  ['max-import', 'PALAVER_MAX_IMPORT', '200mb', 'largest file an import on the admin page may upload (413 beyond)'],
  ['rate-burst', 'PALAVER_RATE_BURST', '10', 'writes a client network may make at once (0: no limit)'],
  ['rate-per-minute', 'PALAVER_RATE_PER_MINUTE', '6', 'writes per minute a client network regains'],
  ['trust-proxy', 'PALAVER_TRUST_PROXY', 'yes|no', 'take the client address from X-Forwarded-For (default no)'],
  ['public-url', 'PALAVER_PUBLIC_URL', 'https://comments.blog.example', "the server's own public origin, for links in mail and feeds"],
  ['site-url', 'PALAVER_SITE_URL', 'https://blog.example', 'the site whose pages are the threads: feed links, Webmention targets (default: the only --origin)'],
  [
    'smtp-url',
    'PALAVER_SMTP_URL',
    'smtp[s]://user:pass@host:port',
    'SMTP server to send mail through (no mail without it); needs --public-url and --mail-from',
  ],
  ['mail-from', 'PALAVER_MAIL_FROM', "'Blog <comments@blog.example>'", 'the From of every mail'],
  ['notify-owner', 'PALAVER_NOTIFY_OWNER', 'owner@blog.example', 'mail the owner each held comment, with one-click Approve, Spam and Delete links'],
  ['notify-owner-all', 'PALAVER_NOTIFY_OWNER_ALL', 'yes|no', 'mail the owner every new comment, not only held ones (default no)'],
  ['mail-link-expiry', 'PALAVER_MAIL_LINK_EXPIRY', '7d', "how long the one-click links in the owner's mail work"],
] as const

type FlagName = (typeof FLAGS)[number][0]

export function helpText(): string {
  const rows = FLAGS.map(([name, env, value, text]) => `  --${name} ${value}\n      ${text}  [${env}]`)
  return [
    'Usage: palaver serve [options]',
    '       palaver import FILE [--format wxr|disqus|isso|palaver] [--map FROM=TO]... [--dry-run]',
    '       palaver export [--format palaver|wxr] [--thread KEY] [--site-url URL] > FILE',
    '       palaver gdpr export EMAIL',
    '       palaver gdpr erase EMAIL [--yes]',
    '       palaver doctor URL                 check a page that embeds the comments, line by line',
    '',
    'Runs the Palaver comment server: the API under /api/v1/, the widget at /palaver.js.',
    '',
    'Commands besides serve (each takes --database and --secret as serve does; docs/migrate.md, docs/privacy.md):',
    '  import    read a WordPress (WXR) or Disqus export, an Isso database or a Palaver export',
    '            into the database; running it again changes nothing',
    '  export    write every thread and comment as Palaver JSON (or WXR for WordPress) to stdout',
    '  gdpr      print (export) or erase everything stored about one email address',
    '',
    'Options (each has an environment twin; flags win):',
    ...rows,
    '  --demo',
    '      serve the demo pages at / and seed the demo threads into an empty database',
    '      (database defaults to ./data/palaver.sqlite)',
    '  -h, --help',
    '      show this help',
    '  -v, --version',
    '      print the version',
    '',
  ].join('\n')
}

export type CommandLine = { command: 'help' } | { command: 'version' } | { command: 'serve'; config: ServeConfig }

/** node:util's parseArgs, with its mistakes as one ConfigError line (also for the other commands). */
export function parseFlags<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const unknown = /Unknown option '([^']+)'/.exec(message)
    if (unknown) throw new ConfigError(`unknown option ${unknown[1]} (see palaver --help)`)
    const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message)
    if (missing) throw new ConfigError(`option ${missing[1]} needs a value (see palaver --help)`)
    throw new ConfigError(message.split('\n')[0]!)
  }
}

export function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv): CommandLine {
  const parsed = parseFlags(argv, {
    ...Object.fromEntries(FLAGS.map(([name]) => [name, { type: 'string' as const, multiple: name === 'origin' }])),
    demo: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  })
  const values = parsed.values as Partial<Record<FlagName, string | string[]>> & { demo?: boolean; help?: boolean; version?: boolean }
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command, ...extra] = parsed.positionals
  if (command !== 'serve')
    throw new ConfigError(
      command ? `unknown command ${command} (try palaver serve, or palaver --help)` : 'missing command (try palaver serve, or palaver --help)',
    )
  if (extra.length > 0) throw new ConfigError(`unexpected argument ${extra[0]}`)

  const demo = values.demo ?? false
  /** A value and where it came from, so a mistake names what the owner actually wrote. */
  const source = (name: FlagName, ...envNames: string[]): { text: string; from: string } | undefined => {
    const flag = values[name]
    if (typeof flag === 'string') return { text: flag, from: `--${name}` }
    for (const envName of envNames) if (env[envName]) return { text: env[envName]!, from: envName }
    return undefined
  }
  const read = (name: FlagName, ...envNames: string[]): string | undefined => source(name, ...envNames)?.text
  const integer = (name: FlagName, envName: string, fallback: number, min = 0): number => {
    const given = source(name, envName)
    if (given === undefined) return fallback
    const value = Number(given.text)
    if (!/^\d+$/.test(given.text.trim()) || value < min) throw new ConfigError(`${given.from} must be a whole number ≥ ${min}, not "${given.text}"`)
    return value
  }
  const yesNo = (name: FlagName, envName: string, fallback: boolean): boolean => {
    const given = source(name, envName)
    return given === undefined ? fallback : yesNoValue(given)
  }
  /** Guessable tokens make the admin API and every signature guessable: at least 128 bits. */
  const secretValue = (name: FlagName, envName: string): string | null => {
    const given = source(name, envName)
    if (given === undefined) return null
    if (!strongEnough(given.text)) {
      throw new ConfigError(`${given.from} must be at least ${MIN_SECRET_LENGTH} characters of random text (openssl rand -base64 24 makes one)`)
    }
    return given.text
  }

  const port = integer('port', 'PALAVER_PORT', 8080)
  if (port > 65535) throw new ConfigError(`${source('port', 'PALAVER_PORT')!.from} must be at most 65535, not ${port}`)

  const originsFrom = values.origin ? '--origin' : 'PALAVER_ORIGINS'
  const origins = [...((values.origin as string[] | undefined) ?? (env.PALAVER_ORIGINS ?? '').split(','))].map((o) => o.trim()).filter(Boolean)
  for (const origin of origins) originValue({ text: origin, from: originsFrom })

  const moderationGiven = source('moderation', 'PALAVER_MODERATION')
  const moderation = moderationGiven?.text ?? 'none'
  if (moderation !== 'none' && moderation !== 'first' && moderation !== 'all') {
    throw new ConfigError(`${moderationGiven!.from} is none, first or all, not "${moderation}"`)
  }
  const sessionGiven = source('admin-session', 'PALAVER_ADMIN_SESSION')
  const adminSessionMs = sessionGiven ? parseDuration(sessionGiven.text) : DEFAULT_ADMIN_SESSION_MS
  if (!Number.isFinite(adminSessionMs) || adminSessionMs < 60_000 || adminSessionMs > 30 * 86_400_000)
    throw new ConfigError(`${sessionGiven!.from} takes a duration from 1m to 30d like 30m, 12h or 7d, not "${sessionGiven!.text}"`)
  const ownerGiven = source('owner-name', 'PALAVER_OWNER_NAME')
  const ownerName = ownerGiven?.text.trim() || null
  if (ownerGiven && (!ownerName || ownerName.length > DEFAULT_LIMITS.name))
    throw new ConfigError(`${ownerGiven.from} is a name of 1 to ${DEFAULT_LIMITS.name} characters, not "${ownerGiven.text}"`)
  const linkLimitGiven = source('link-limit', 'PALAVER_LINK_LIMIT')
  // Flags win over what the admin page stores; the page is told which ones (admin/settings.ts).
  const fixedSettings: AdminSettingName[] = []
  if (moderationGiven) fixedSettings.push('moderation')
  if (linkLimitGiven) fixedSettings.push('linkLimit')
  const editWindow = source('edit-window', 'PALAVER_EDIT_WINDOW') ?? { text: '15m', from: '--edit-window' }
  const editWindowMs = parseDuration(editWindow.text)
  if (!Number.isFinite(editWindowMs)) throw new ConfigError(`${editWindow.from} takes a duration like 15m, 90s or 2h, not "${editWindow.text}"`)
  const maxRequest = source('max-request', 'PALAVER_MAX_REQUEST') ?? { text: '64kb', from: '--max-request' }
  const maxRequestBytes = parseBytes(maxRequest.text)
  if (!Number.isFinite(maxRequestBytes) || maxRequestBytes < 1024)
    throw new ConfigError(`${maxRequest.from} takes a size of at least 1kb like 64kb, not "${maxRequest.text}"`)
  const maxImport = source('max-import', 'PALAVER_MAX_IMPORT') ?? { text: '200mb', from: '--max-import' }
  const maxImportBytes = parseBytes(maxImport.text)
  if (!Number.isFinite(maxImportBytes) || maxImportBytes < 1024)
    throw new ConfigError(`${maxImport.from} takes a size of at least 1kb like 200mb, not "${maxImport.text}"`)
  const siteGiven = source('site-url', 'PALAVER_SITE_URL')
  const siteUrl = siteGiven ? siteUrlValue(siteGiven.text, siteGiven.from) : null
  const address = (name: FlagName, envName: string): string | null => {
    const given = source(name, envName)
    if (given === undefined) return null
    if (!isEmail(given.text.trim())) throw new ConfigError(`${given.from} must be an email address like owner@blog.example, not "${given.text}"`)
    return given.text.trim()
  }
  const publicUrl = originValue(source('public-url', 'PALAVER_PUBLIC_URL'))
  const databaseGiven = source('database', 'PALAVER_DATABASE', 'DATABASE_URL')
  const database = databaseGiven ? databaseLocation(databaseGiven.text, databaseGiven.from) : demo ? './data/palaver.sqlite' : './palaver.sqlite'

  return {
    command: 'serve',
    config: {
      port,
      host: read('host', 'PALAVER_HOST') ?? '127.0.0.1',
      database,
      origins: origins.map((o) => o.replace(/\/$/, '')),
      adminToken: secretValue('admin-token', 'PALAVER_ADMIN_TOKEN'),
      secret: secretValue('secret', 'PALAVER_SECRET'),
      moderation,
      linkLimit: integer('link-limit', 'PALAVER_LINK_LIMIT', 2),
      adminSessionMs,
      ownerName,
      fixedSettings,
      editWindowMs,
      minPostSeconds: integer('min-post-seconds', 'PALAVER_MIN_POST_SECONDS', 3),
      requireEmail: yesNo('require-email', 'PALAVER_REQUIRE_EMAIL', true),
      limits: {
        ...DEFAULT_LIMITS,
        name: integer('max-name', 'PALAVER_MAX_NAME', DEFAULT_LIMITS.name, 1),
        url: integer('max-url', 'PALAVER_MAX_URL', DEFAULT_LIMITS.url, 1),
        body: integer('max-body', 'PALAVER_MAX_BODY', DEFAULT_LIMITS.body, 1),
      },
      maxRequestBytes,
      maxImportBytes,
      rateBurst: integer('rate-burst', 'PALAVER_RATE_BURST', 10),
      ratePerMinute: integer('rate-per-minute', 'PALAVER_RATE_PER_MINUTE', 6),
      trustProxy: yesNo('trust-proxy', 'PALAVER_TRUST_PROXY', false),
      publicUrl,
      siteUrl,
      demo,
      ...mailConfig(source, address, publicUrl),
    },
  }
}

type Source = (name: FlagName, ...envNames: string[]) => { text: string; from: string } | undefined

/**
 * Mail is on when --smtp-url is given, and then needs --public-url (every mail links back
 * to this server; links made from a request's Host could point anywhere) and --mail-from
 * (providers refuse mail from addresses they do not know, so there is no guessed default).
 * Without --smtp-url the other mail flags are checked and change nothing.
 */
function mailConfig(
  source: Source,
  address: (name: FlagName, envName: string) => string | null,
  publicUrl: string | null,
): Pick<ServeConfig, 'mail' | 'smtpUrl'> {
  const smtp = source('smtp-url', 'PALAVER_SMTP_URL')
  // The value is never repeated: it holds the password.
  if (smtp && !parseSmtpUrl(smtp.text)) throw new ConfigError(`${smtp.from} must look like smtp://user:password@host:587 or smtps://user:password@host:465`)
  const fromGiven = source('mail-from', 'PALAVER_MAIL_FROM')
  const from = fromGiven?.text.trim() ?? null
  if (fromGiven && !isEmail(/<([^<>]+)>\s*$/.exec(from!)?.[1] ?? from!)) {
    throw new ConfigError(`${fromGiven.from} must be an address, or a name and <address>, like "Blog <comments@blog.example>", not "${fromGiven.text}"`)
  }
  const notifyOwner = address('notify-owner', 'PALAVER_NOTIFY_OWNER')
  const all = source('notify-owner-all', 'PALAVER_NOTIFY_OWNER_ALL')
  const notifyOwnerAll = all === undefined ? false : yesNoValue(all)
  const expiry = source('mail-link-expiry', 'PALAVER_MAIL_LINK_EXPIRY')
  const linkTtlMs = expiry === undefined ? DEFAULT_MAIL_LINK_TTL_MS : parseDuration(expiry.text)
  if (expiry && (!Number.isFinite(linkTtlMs) || linkTtlMs < 60_000))
    throw new ConfigError(`${expiry.from} takes a duration of at least 1m like 7d or 48h, not "${expiry.text}"`)
  if (!smtp) return { smtpUrl: null, mail: null }
  if (!publicUrl) throw new ConfigError(`${smtp.from} needs --public-url (PALAVER_PUBLIC_URL): the links in every mail point to this server`)
  if (!from) throw new ConfigError(`${smtp.from} needs --mail-from (PALAVER_MAIL_FROM): the address mail is sent from`)
  return { smtpUrl: smtp.text.trim(), mail: { from, notifyOwner, notifyOwnerAll, linkTtlMs } }
}

function yesNoValue(given: { text: string; from: string }): boolean {
  const text = given.text.toLowerCase()
  if (['yes', 'true', '1', 'on'].includes(text)) return true
  if (['no', 'false', '0', 'off'].includes(text)) return false
  throw new ConfigError(`${given.from} is yes or no, not "${given.text}"`)
}
