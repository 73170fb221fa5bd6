/**
 * PostgreSQL: a pool of up to 10 connections per process, any number of processes. What
 * SQLite gets from having one writer, PostgreSQL gets from advisory transaction locks; and
 * events reach the other processes through NOTIFY sent inside the transaction that wrote
 * them (delivered only if it commits), heard by postgres-notifier.ts.
 */
import { createHash } from 'node:crypto'
import { Kysely, PostgresDialect, sql } from 'kysely'
import type { Database } from './database.js'
import { CHANNEL, postgresNotifier } from './postgres-notifier.js'
import type { Schema } from './schema.js'

export async function openPostgres(url: string): Promise<Database> {
  const { default: pg } = await import('pg')
  // bigint (count(*), bigserial ids) arrives as a string by default; our numbers are small.
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)),
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
    // Each change in a transaction of its own: the pool runs them side by side.
    transact: (work) => db.transaction().execute(work),
    // The lock's subquery is read before the insert draws its id (the column default), so
    // the id comes after the lock; the NOTIFY is delivered when the transaction commits. The
    // change's own writes go in front as data-modifying WITH queries: one round trip for all.
    async appendEvent(tx, event, writes = []) {
      const before = writes.map((write, i) => sql`${sql.raw(`write${i}`)} as (${write}), `)
      await sql`with ${sql.join(before, sql``)}ordered as (select pg_advisory_xact_lock(${EVENTS_LOCK}::bigint)), woken as (select pg_notify(${CHANNEL}, ''))
        insert into events (thread_key, comment_id, created_at, admin_only)
        select ${event.thread_key}::text, ${event.comment_id}::text, ${event.created_at}::text, ${event.admin_only ?? 0}::integer from ordered, woken`.execute(
        tx,
      )
    },
    close: async () => {
      await notifier.close()
      await db.destroy()
    },
  }
}

/** Advisory locks take a 64-bit number: the first 8 bytes of the key's SHA-256. */
function lockId(key: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 16)}`)).toString()
}

const EVENTS_LOCK = lockId('events')
