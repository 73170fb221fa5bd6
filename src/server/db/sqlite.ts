/**
 * SQLite (the default): one file in WAL mode, one process. Kysely's SqliteDialect keeps one
 * connection and hands it to one transaction at a time, so transactions never interleave:
 * locks are not needed, and events need no cross-process signal.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './database.js'
import type { Schema } from './schema.js'

export async function openSqlite(file: string): Promise<Database> {
  // Imported here: better-sqlite3 is an optional native dependency, needed only for SQLite.
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
