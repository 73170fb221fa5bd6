/**
 * `palaver serve`: reads flags and environment (config.ts), opens the database, and runs
 * the fetch app on Node's HTTP server. Any failure to start is one line on stderr and a
 * non-zero exit — never a stack trace. Once running, what it does is logged as JSON lines
 * on stdout (log.ts). The package's bin runs the build of this file (dist/server/cli.js).
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from './app.js'
import * as exportCommand from './commands/export.js'
import * as gdprCommand from './commands/gdpr.js'
import * as importCommand from './commands/import.js'
import { ConfigError, helpText, parseCommandLine, type ServeConfig } from './config.js'
import { describeLocation, isPostgresUrl } from './db/connect.js'
import { iso } from './http.js'
import { createLogger, type Logger } from './log.js'
import { describeSmtpUrl } from './mail/smtp-url.js'
import { smtpTransport } from './mail/transport.js'
import { MailWorker } from './mail/worker.js'
import { appOptions } from './options.js'
import { HttpProblem } from './problem.js'
import { seedDemo } from './seed.js'
import { Store } from './store.js'
import { newSecret, sha256 } from './tokens.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

function fail(line: string, code = 1): never {
  process.stderr.write(`palaver: ${line}\n`)
  process.exit(code)
}

const pick = <T extends object, K extends keyof T>(from: T, keys: K[]): Pick<T, K> => Object.fromEntries(keys.map((key) => [key, from[key]])) as Pick<T, K>

const firstLine = (error: unknown) =>
  (error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error)).split('\n')[0] ?? ''

/**
 * The admin token's hash: from the flag, else the stored one, else a new one. A new token is
 * shown once on stderr, for the person starting the server, and never written to the log.
 */
async function adminTokenHash(store: Store, given: string | null, log: Logger): Promise<string> {
  if (given) return sha256(given)
  const stored = await store.setting('admin_token_hash')
  if (stored) {
    log.info('admin token: the one shown on first start (stored hashed; --admin-token replaces it)')
    return stored
  }
  const token = newSecret()
  await store.putSetting('admin_token_hash', sha256(token))
  process.stderr.write(`palaver: admin token (shown once, stored hashed): ${token}\n`)
  log.info('admin token generated and shown once on stderr (stored hashed)')
  return sha256(token)
}

function version(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
}

async function start(config: ServeConfig): Promise<void> {
  const log = createLogger()
  const where = describeLocation(config.database)
  let store: Store
  try {
    store = await Store.open(config.database)
  } catch (error) {
    fail(`cannot open the database ${where}: ${firstLine(error)}`)
  }

  const secret = config.secret ?? (await store.settingOrInit('secret', newSecret))
  const demoDir = join(ROOT, 'demo')
  const distDir = join(ROOT, 'dist')
  if (config.demo) {
    const seedFile = join(demoDir, 'data', 'threads.json')
    if (existsSync(seedFile)) {
      const loaded = await seedDemo(store, seedFile, secret).catch((error) => fail(`cannot seed ${seedFile}: ${firstLine(error)}`))
      if (loaded > 0) log.info(`seeded ${loaded} demo comments`)
    }
  }

  const demoOrigins = config.demo ? [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`] : []
  const options = appOptions({
    origins: [...config.origins, ...demoOrigins],
    secret,
    adminTokenHash: await adminTokenHash(store, config.adminToken, log),
    ...pick(config, [
      'moderation',
      'linkLimit',
      'adminSessionMs',
      'ownerName',
      'fixedSettings',
      'editWindowMs',
      'minPostSeconds',
      'requireEmail',
      'limits',
      'maxRequestBytes',
      'maxImportBytes',
      'trustProxy',
      'siteUrl',
      'publicUrl',
      'mail',
    ]),
    writeLimit: { burst: config.rateBurst, perMinute: config.ratePerMinute },
    distDir: existsSync(distDir) ? distDir : null,
    demoDir: config.demo ? demoDir : null,
    log: (line) => log.error(line.replace(/^palaver: /, '')),
  })
  const app = createApp(options, store)

  // Mail goes out from here, never from a request (mail/worker.ts); config.ts made sure a
  // configured SMTP server comes with --public-url and --mail-from.
  let mailer: MailWorker | null = null
  if (config.smtpUrl && options.mail && options.publicUrl) {
    mailer = new MailWorker(store, smtpTransport(config.smtpUrl), {
      secret,
      publicUrl: options.publicUrl,
      mail: options.mail,
      now: options.now,
      log: options.log,
    })
    mailer.start()
    const { notifyOwner, notifyOwnerAll } = options.mail
    const owner = !notifyOwner ? 'no --notify-owner' : notifyOwnerAll ? 'the owner hears of every comment' : 'the owner hears of held comments'
    log.info(`mail: on, through ${describeSmtpUrl(config.smtpUrl)} (reply notifications; ${owner})`)
  } else {
    log.info('mail: off (no --smtp-url)')
  }

  // Counted so shutdown can wait for handlers still talking to the database.
  let inFlight = 0
  const fetch = async (request: Request, env: unknown) => {
    inFlight++
    try {
      return await app.fetch(request, env)
    } finally {
      inFlight--
    }
  }
  const server = serve({ fetch, port: config.port, hostname: config.host }, (info) => {
    const kind = isPostgresUrl(config.database) ? 'postgres' : 'sqlite'
    const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
    log.info({ version: version(), database: kind }, `listening on http://${host}:${info.port} (${kind} ${where})`)
  })
  server.on('error', (error) => fail(`cannot listen on ${config.host}:${config.port}: ${firstLine(error)}`))
  // Requests Node itself refuses before any handler runs (broken syntax, headers too large,
  // too slow) get a problem+json answer too, not Node's plain-text one.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: import('node:stream').Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    const detail =
      status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request is not valid HTTP.'
    const problem = new HttpProblem(status, 'validation', detail).toJSON()
    const body = JSON.stringify(problem)
    socket.end(
      `HTTP/1.1 ${status} ${problem.title}\r\ncontent-type: application/problem+json\r\ncache-control: no-store\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  })

  const prune = setInterval(() => void store.prune(iso(Date.now() - 86_400_000)).catch(() => {}), 3_600_000)
  prune.unref()

  /**
   * SIGTERM/SIGINT: stop accepting, let requests in flight finish (up to 10 s), end the event
   * streams (they never finish by themselves; browsers reconnect elsewhere), close the pool.
   */
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    clearInterval(prune)
    log.info(`${signal}: shutting down`)
    const node = server as { closeIdleConnections?: () => void; closeAllConnections?: () => void }
    store.events.stop()
    // No new mail is claimed from now on; a send in flight may finish meanwhile.
    const mailStopped = mailer?.stop()
    server.close()
    node.closeIdleConnections?.()
    void (async () => {
      const pause = () => new Promise((r) => setTimeout(r, 20))
      for (let waited = 0; inFlight > 0 && waited < 10_000; waited += 20) await pause()
      await pause() // the last answers' bytes leave the socket
      node.closeAllConnections?.()
      await mailStopped
      await store.close().catch(() => {})
      log.info('stopped')
      process.exit(0)
    })()
    setTimeout(() => process.exit(0), 12_000).unref()
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

process.on('uncaughtException', (error) => fail(`unexpected error: ${firstLine(error)}`))
process.on('unhandledRejection', (error) => fail(`unexpected error: ${firstLine(error)}`))

/** Commands besides serve, each `run(argv, env) → exit code` (src/server/commands/). */
const COMMANDS: Record<string, (argv: string[], env: NodeJS.ProcessEnv) => Promise<number>> = {
  import: importCommand.run,
  export: exportCommand.run,
  gdpr: gdprCommand.run,
  doctor: async (argv) => (await import('./commands/doctor.js')).run(argv),
}
const [first = '', ...rest] = process.argv.slice(2)
const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined
if (command) {
  const code = await command(rest, process.env)
  // Exit once stdout has taken everything (an export piped to a file may still be in flight).
  process.stdout.write('', () => process.exit(code))
} else {
  try {
    const parsed = parseCommandLine(process.argv.slice(2), process.env)
    if (parsed.command === 'help') process.stdout.write(helpText())
    else if (parsed.command === 'version') process.stdout.write(`${version()}\n`)
    else await start(parsed.config)
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message, 2)
    fail(firstLine(error))
  }
}
