/**
 * Opens the one database the server keeps everything in: an SQLite file (default, WAL mode)
 * or PostgreSQL when the location is a postgres:// URL. Runs the migrations before returning,
 * so a reachable database is also an up-to-date one.
 */
import { Migrator } from 'kysely'
import type { Database } from './database.js'
import { migrationProvider } from './migrations.js'
import { openPostgres } from './postgres.js'
import { openSqlite } from './sqlite.js'

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
