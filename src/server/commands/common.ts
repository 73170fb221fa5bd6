/**
 * What the commands besides `serve` share: --database and --secret read as serve reads
 * them (same environment twins, same checks), the store opened and the secret found (the
 * given one, else the one the server stored), a sink for stdout that waits when the pipe
 * is full, and failures as one line: exit 2 for usage, 1 for anything else.
 */
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import type { Writable } from 'node:stream'
import { ConfigError, databaseLocation, MIN_SECRET_LENGTH, strongEnough } from '../config.js'
import { describeLocation, isPostgresUrl } from '../db/connect.js'
import { Store } from '../store.js'
import { newSecret } from '../tokens.js'
import { SourceError } from '../transfer/records.js'
import type { Sink } from '../transfer/export.js'

/** A failure the command reports as one line with its exit code. */
export class CommandFailure extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message)
  }
}

export const STORE_FLAGS = {
  database: { type: 'string' },
  secret: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** A flag's value, else its first environment twin that is set, with where it came from. */
function given(flag: string | undefined, name: string, env: NodeJS.ProcessEnv, ...envNames: string[]) {
  if (flag !== undefined) return { text: flag, from: `--${name}` }
  for (const envName of envNames) if (env[envName]) return { text: env[envName]!, from: envName }
  return undefined
}

export function databaseFrom(values: { database?: string }, env: NodeJS.ProcessEnv): string {
  const database = given(values.database, 'database', env, 'PALAVER_DATABASE', 'DATABASE_URL')
  return database ? databaseLocation(database.text, database.from) : './palaver.sqlite'
}

/**
 * The store and the secret the server signs and keys avatars with: bodies and avatar
 * seeds made here must be the ones `serve` would make.
 */
export async function openStore(
  values: { database?: string; secret?: string },
  env: NodeJS.ProcessEnv,
  { create = false } = {},
): Promise<{ store: Store; secret: string }> {
  const location = databaseFrom(values, env)
  // Only an import may start a database; exporting or erasing from a mistyped path must not make one.
  if (!create && !isPostgresUrl(location) && location !== ':memory:' && !existsSync(location)) {
    throw new CommandFailure(`no database at ${location} (give --database, or set PALAVER_DATABASE)`)
  }
  const secretGiven = given(values.secret, 'secret', env, 'PALAVER_SECRET')
  if (secretGiven && !strongEnough(secretGiven.text)) {
    throw new ConfigError(`${secretGiven.from} must be at least ${MIN_SECRET_LENGTH} characters of random text (openssl rand -base64 24 makes one)`)
  }
  let store: Store
  try {
    store = await Store.open(location)
  } catch (error) {
    throw new CommandFailure(`cannot open the database ${describeLocation(location)}: ${firstLine(error)}`)
  }
  const secret = secretGiven?.text ?? (await store.settingOrInit('secret', newSecret))
  return { store, secret }
}

export const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error)).split('\n')[0] ?? ''

/** Runs a command: its exit code, or one line on stderr and 2 (usage) or 1 (the rest). */
export async function runCommand(work: () => Promise<number>): Promise<number> {
  try {
    return await work()
  } catch (error) {
    const code = error instanceof ConfigError ? 2 : error instanceof CommandFailure ? error.code : 1
    const known = error instanceof ConfigError || error instanceof CommandFailure || error instanceof SourceError
    process.stderr.write(`palaver: ${known ? (error as Error).message : `unexpected error: ${firstLine(error)}`}\n`)
    return code
  }
}

/** Writes to a stream, waiting for 'drain' when its buffer is full (flat memory for big exports). */
export function streamSink(stream: Writable): Sink {
  return async (chunk) => {
    // once() also rejects when the stream fails instead (a closed pipe, a full disk).
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
}
