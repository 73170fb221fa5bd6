/**
 * SQLite (the default): one file in WAL mode, one process. Kysely's SqliteDialect keeps one
 * connection and hands it to one transaction at a time, so transactions never interleave:
 * locks are not needed, and events need no cross-process signal. Its WAL is copied back
 * into the file by a thread of its own (checkpointer.ts).
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely'
import { startCheckpointer } from './checkpointer.js'
import type { Database } from './database.js'
import { groupCommit } from './group-commit.js'
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
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
  const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file)
  return {
    db,
    dialect: 'sqlite',
    notifier: null,
    lock: async () => {},
    transact: groupCommit(db),
    async appendEvent(tx, event, writes = []) {
      for (const write of writes) await write.execute()
      await tx.insertInto('events').values(event).execute()
    },
    close: async () => {
      await checkpointer?.close()
      await db.destroy()
    },
  }
}

/** How many compiled statements a connection keeps; the server's queries are a few dozen shapes. */
const STATEMENTS_KEPT = 500

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles SQL on each prepare(): a
 * quarter of a post's CPU time went there. The same SQL text gets the same compiled
 * statement back, the least recently used dropped beyond STATEMENTS_KEPT (lists of ids make
 * new texts). Sharing is safe: Kysely runs a statement to the end synchronously (all/run),
 * and the server never streams a query (iterate), so no statement is in use twice.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, kept = STATEMENTS_KEPT): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql)
      if (statement) statements.delete(sql)
      else statement = sqlite.prepare(sql)
      statements.set(sql, statement) // last in the Map = most recently used
      if (statements.size > kept) statements.delete(statements.keys().next().value!)
      return statement
    },
  }
}
