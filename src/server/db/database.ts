/**
 * What the store needs from a database, whichever it is (Kysely's own idea: a small
 * dialect interface, one implementation per engine). sqlite.ts and postgres.ts implement
 * it; connect.ts picks one by the location and runs the migrations.
 */
import type { Compilable, Insertable, Kysely, OperationNodeSource, Transaction } from 'kysely'
import type { DialectName } from './migrations.js'
import type { EventTable, Schema } from './schema.js'

/** Wakes every process when events were committed (PostgreSQL LISTEN); SQLite has one process. */
export interface Notifier {
  /** `onWake` also runs after a lost connection is back: whatever came meanwhile is in the table. */
  listen(onWake: () => void): Promise<void>
  close(): Promise<void>
}

/** A write built on the transaction (an insert, update or delete), not run yet. */
export type Write = Compilable & OperationNodeSource & { execute(): Promise<unknown> }

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
  /**
   * Runs `work` in a transaction: one of its own on PostgreSQL; on SQLite possibly shared
   * with other changes queued meanwhile, each in its own savepoint (group-commit.ts). Either
   * way it settles after its writes are committed, or fails with none of them stored.
   */
  transact<T>(work: (tx: Transaction<Schema>) => Promise<T>): Promise<T>
  /**
   * Inside a transaction: adds an event whose id is drawn only when no other transaction
   * adding one is still open (so events commit in the order of their ids, which is what
   * Last-Event-ID resumes by), and tells every process once it commits (NOTIFY is
   * transactional). `writes`, the change's own writes that the event announces, run first:
   * on PostgreSQL all of it is one statement, one round trip (the writes as data-modifying
   * WITH queries, so they must not touch one row twice; a foreign key between them holds,
   * as it is checked at the statement's end), on SQLite one statement after another.
   */
  appendEvent(tx: Transaction<Schema>, event: Insertable<EventTable>, writes?: readonly Write[]): Promise<void>
  /**
   * A value that is the same for two calls only if nothing in the database changed
   * between them, committed or not; a read made between two calls that return the same
   * value may be reused until it moves. SQLite: what its one connection wrote and
   * `PRAGMA data_version` (other connections' commits). PostgreSQL has none: other
   * processes write without telling, so every read asks.
   */
  changeMark?: () => string
  close(): Promise<void>
}
