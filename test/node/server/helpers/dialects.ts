/**
 * The storage dialects every contract test runs on: a real SQLite file in a temp folder,
 * and a fresh PostgreSQL database on the local server (PALAVER_TEST_POSTGRES, default
 * postgres://postgres@127.0.0.1:5432/test). Both run unless DIALECTS names fewer, for a
 * fast inner loop: `DIALECTS=sqlite npm run test:server` (CI sets nothing and runs both).
 * A selected PostgreSQL is mandatory: when it cannot be reached, setup throws and the
 * suite fails — it never skips.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'

export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  location: string
  drop(): Promise<void>
}

export const POSTGRES_ADMIN_URL = process.env.PALAVER_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test'

export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'palaver-test-'))
  return { name: 'sqlite', location: join(dir, 'palaver.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) }
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const name = `palaver_test_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
    await admin.query(`create database ${name}`)
  } catch (error) {
    throw new Error(`PostgreSQL is required for the contract suite and is not usable at ${POSTGRES_ADMIN_URL}: ${(error as Error).message}`)
  } finally {
    await admin.end().catch(() => {})
  }
  const url = new URL(POSTGRES_ADMIN_URL)
  url.pathname = `/${name}`
  return {
    name: 'postgres',
    location: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

const ALL = { sqlite: sqliteDatabase, postgres: postgresDatabase } as const

/** `DIALECTS=sqlite`, `DIALECTS=postgres`, `DIALECTS=sqlite,postgres`; unset or empty: both. A name not listed here is an error, not an empty run. */
export function selectDialects(names: string | undefined): (() => Promise<TestDatabase>)[] {
  const wanted = (names ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean)
  if (wanted.length === 0) return Object.values(ALL)
  return wanted.map((name) => {
    if (!(name in ALL)) throw new Error(`DIALECTS: unknown dialect "${name}" (use ${Object.keys(ALL).join(', ')})`)
    return ALL[name as keyof typeof ALL]
  })
}

export const DIALECTS = selectDialects(process.env.DIALECTS)

/** Whether the PostgreSQL-only tests (several processes on one database) run. */
export const POSTGRES_SELECTED = DIALECTS.includes(postgresDatabase)
