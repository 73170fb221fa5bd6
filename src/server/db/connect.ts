/**
 * Opens the one database the server keeps everything in: an SQLite file (default, WAL mode)
 * or PostgreSQL when the location is a postgres:// URL. Runs the migrations before returning,
 * so a reachable database is also an up-to-date one.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createHash } from 'node:crypto'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely'
import type { Schema } from './schema.js'
import { migrationProvider, type DialectName } from './migrations.js'

/** Wakes every process when events were committed (PostgreSQL LISTEN); SQLite has one process. */
export interface Notifier {
  /** `onWake` also runs after a lost connection is back: whatever came meanwhile is in the table. */
  listen(onWake: () => void): Promise<void>
  close(): Promise<void>
}

export interface Database {
  db: Kysely<Schema>
  dialect: DialectName
  notifier: Notifier | null
  /**
   * Inside a transaction: waits until no other transaction holds `key`, and holds it until
   * this one ends (PostgreSQL advisory transaction locks). SQLite runs one write
   * transaction at a time already, so there it does nothing.
   */
  lock(tx: Transaction<Schema>, key: string): Promise<void>
  /** Inside a transaction that wrote events: tells every process once it commits (NOTIFY is transactional). */
  signal(tx: Transaction<Schema>): Promise<void>
  close(): Promise<void>
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location)
}

/** The location without a password, for messages. */
export function describeLocation(location: string): string {
  if (!isPostgresUrl(location)) return location
  try {
    const url = new URL(location)
    if (url.password) url.password = '***'
    return url.toString()
  } catch {
    return 'postgres://…'
  }
}

export async function openDatabase(location: string): Promise<Database> {
  const database = isPostgresUrl(location) ? await openPostgres(location) : await openSqlite(location)
  try {
    const { error } = await new Migrator({ db: database.db, provider: migrationProvider(database.dialect) }).migrateToLatest()
    if (error) throw error
  } catch (error) {
    await database.close().catch(() => {})
    throw error
  }
  return database
}

async function openSqlite(file: string): Promise<Database> {
  const { default: SQLite } = await import('better-sqlite3')
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  // Another connection (a backup, the sqlite3 shell) may hold the lock for a moment.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', notifier: null, lock: async () => {}, signal: async () => {}, close: () => db.destroy() }
}

async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg')
  // bigint (count(*), bigserial ids) arrives as a string by default; our numbers are small.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format),
  }
  const pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 5000 })
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {})
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
  const notifier = postgresNotifier(url, pg)
  return {
    db,
    dialect: 'postgres',
    notifier,
    async lock(tx, key) {
      await sql`select pg_advisory_xact_lock(${lockId(key)}::bigint)`.execute(tx)
    },
    async signal(tx) {
      await sql`select pg_notify(${CHANNEL}, '')`.execute(tx)
    },
    close: async () => {
      await notifier.close()
      await db.destroy()
    },
  }
}

const CHANNEL = 'palaver_events'

/** Advisory locks take a 64-bit number: the first 8 bytes of the key's SHA-256. */
function lockId(key: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 16)}`)).toString()
}

/** One dedicated connection LISTENs; reconnects after a drop and then wakes the hub to catch up. */
function postgresNotifier(url: string, pg: typeof import('pg').default): Notifier {
  let client: import('pg').Client | null = null
  let closed = false
  let onWake: (() => void) | null = null

  // Until it is back, every second; then whatever was committed meanwhile is read at once.
  const reconnect = () => {
    if (!closed) setTimeout(() => void connect().then(() => onWake?.(), reconnect), 1000).unref()
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === CHANNEL) onWake?.()
    })
    next.on('error', () => {
      next.end().catch(() => {})
      if (client === next) {
        client = null
        reconnect()
      }
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      await next.end().catch(() => {})
      throw error
    }
    client = next
  }

  return {
    async listen(wake) {
      onWake = wake
      if (!client) await connect()
    },
    async close() {
      closed = true
      await client?.end().catch(() => {})
      client = null
    },
  }
}
