/**
 * Opens the one database the server keeps everything in: an SQLite file (default, WAL mode)
 * or PostgreSQL when the location is a postgres:// URL. Runs the migrations before returning,
 * so a reachable database is also an up-to-date one.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely'
import type { Schema } from './schema.js'
import { migrationProvider, type DialectName } from './migrations.js'

/** Cross-process signal (PostgreSQL LISTEN/NOTIFY); SQLite has one process and needs none. */
export interface Notifier {
  notify(payload: string): Promise<void>
  listen(onPayload: (payload: string) => void): Promise<void>
  close(): Promise<void>
}

export interface Database {
  db: Kysely<Schema>
  dialect: DialectName
  notifier: Notifier | null
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
  return { db, dialect: 'sqlite', notifier: null, close: () => db.destroy() }
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
  const notifier = postgresNotifier(url, pool, pg)
  return {
    db,
    dialect: 'postgres',
    notifier,
    close: async () => {
      await notifier.close()
      await db.destroy()
    },
  }
}

const CHANNEL = 'palaver_events'

/** One dedicated connection LISTENs; NOTIFY goes through the pool. Reconnects after a drop. */
function postgresNotifier(url: string, pool: import('pg').Pool, pg: typeof import('pg').default): Notifier {
  let client: import('pg').Client | null = null
  let closed = false
  let handler: ((payload: string) => void) | null = null

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === CHANNEL && message.payload) handler?.(message.payload)
    })
    next.on('error', () => {
      next.end().catch(() => {})
      if (client === next) client = null
      if (!closed) setTimeout(() => void connect().catch(() => {}), 1000).unref()
    })
    await next.connect()
    await next.query(`LISTEN ${CHANNEL}`)
    client = next
  }

  return {
    async notify(payload) {
      await pool.query('select pg_notify($1, $2)', [CHANNEL, payload])
    },
    async listen(onPayload) {
      handler = onPayload
      if (!client) await connect()
    },
    async close() {
      closed = true
      await client?.end().catch(() => {})
      client = null
    },
  }
}
