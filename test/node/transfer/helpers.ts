/**
 * What the transfer tests share: the fixtures, a store per dialect (each describe block
 * gets fresh databases on SQLite and PostgreSQL), an Isso database built from Isso's
 * schema, and snapshots of what a database holds, for "nothing changed" and round trips.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { after, describe } from 'node:test'
import SQLite from 'better-sqlite3'
import { Store } from '../../../src/server/store.js'
import { importFile, type ImportOptions } from '../../../src/server/transfer/import.js'
import { SECRET } from '../server/helpers/client.js'
import { DIALECTS, type TestDatabase } from '../server/helpers/dialects.js'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/import/', import.meta.url))
export const WXR = join(FIXTURES, 'wordpress.xml')
export const DISQUS = join(FIXTURES, 'disqus.xml')

export const scratch = mkdtempSync(join(tmpdir(), 'palaver-transfer-'))
after(() => rmSync(scratch, { recursive: true, force: true }))

/** comments.db as Isso makes it, from test/fixtures/import/isso.sql. */
export function issoDatabase(name = 'comments.db'): string {
  const file = join(scratch, name)
  rmSync(file, { force: true })
  const db = new SQLite(file)
  db.exec(readFileSync(join(FIXTURES, 'isso.sql'), 'utf8'))
  db.close()
  return file
}

export interface Fresh {
  dialect: 'sqlite' | 'postgres'
  /** A store on a new, empty database of this dialect (closed and dropped after the block). */
  store(): Promise<Store>
  /** Where the last store() opened, for the command line. */
  location(): string
}

/** describe() once per dialect; `fresh.store()` opens as many new databases as a test needs. */
export function eachDialect(title: string, body: (fresh: Fresh) => void): void {
  for (const open of DIALECTS) {
    const dialect = open.name.replace('Database', '') as 'sqlite' | 'postgres'
    describe(`${title} (${dialect})`, () => {
      const opened: { database: TestDatabase; store: Store }[] = []
      const fresh: Fresh = {
        dialect,
        async store() {
          const database = await open()
          const store = await Store.open(database.location)
          opened.push({ database, store })
          return store
        },
        location: () => opened[opened.length - 1]!.database.location,
      }
      after(async () => {
        for (const { database, store } of opened) {
          await store.close()
          await database.drop()
        }
      })
      body(fresh)
    })
  }
}

export const importInto = (store: Store, file: string, options: Partial<ImportOptions> & Pick<ImportOptions, 'format'>) =>
  importFile(store.db, SECRET, file, { rules: [], dryRun: false, ...options })

/** Every thread and comment row, in a stable order: equal snapshots mean nothing changed. */
export async function snapshot(store: Store) {
  const threads = await store.db.selectFrom('threads').selectAll().orderBy('key').execute()
  const comments = await store.db.selectFrom('comments').selectAll().orderBy('thread_key').orderBy('created_at').orderBy('id').execute()
  return { threads, comments }
}

/** The comments of a thread keyed by their source id, for readable assertions. */
export async function bySource(store: Store, thread: string) {
  const rows = await store.db.selectFrom('comments').selectAll().where('thread_key', '=', thread).execute()
  return new Map(rows.map((row) => [row.source_id!, row]))
}
