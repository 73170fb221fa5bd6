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
  // What this connection wrote, and what other connections committed (a `palaver import`
  // beside the server, the sqlite3 shell): together they say whether a read may be reused.
  let writes = 0
  const dataVersion = sqlite.prepare('pragma data_version').pluck()
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, STATEMENTS_KEPT, () => writes++) }) })
  const checkpointer = file === ':memory:' ? null : startCheckpointer(sqlite, file)
  return {
    db,
    dialect: 'sqlite',
    notifier: null,
    lock: async () => {},
    transact: groupCommit(db),
    changeMark: () => `${writes}:${dataVersion.get()}`,
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
export function withStatementCache(sqlite: BetterSqlite3.Database, kept = STATEMENTS_KEPT, onWrite: () => void = () => {}): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>()
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql)
      if (statement) statements.delete(sql)
      else statement = counted(sqlite.prepare(sql), onWrite)
      statements.set(sql, statement) // last in the Map = most recently used
      if (statements.size > kept) statements.delete(statements.keys().next().value!)
      return statement
    },
  }
}

/** A statement that may write (better-sqlite3 knows: `readonly` is false) says so each time it ran. */
function counted(statement: BetterSqlite3.Statement, onWrite: () => void): SqliteStatement {
  if (statement.readonly) return statement
  const counting = <F extends (...params: unknown[]) => unknown>(method: F): F =>
    function (this: unknown, ...params: unknown[]) {
      try {
        return method.apply(this, params)
      } finally {
        onWrite()
      }
    } as F
  // Kysely runs a statement by all() (a select, or a write with RETURNING) or run().
  statement.run = counting(statement.run)
  statement.all = counting(statement.all)
  return statement
}
