/**
 * `palaver export [--format palaver|wxr] [--thread KEY] [--site-url URL] > FILE`: every
 * thread and comment (or one thread) to stdout, as Palaver JSON (docs/export.md) or as
 * WordPress WXR. Counts go to stderr, so stdout is only the file.
 */
import { ConfigError, parseFlags } from '../config.js'
import { exportJson, exportWxr } from '../transfer/export.js'
import { openStore, runCommand, STORE_FLAGS, streamSink } from './common.js'

const USAGE = `Usage: palaver export [--format palaver|wxr] [--thread KEY] [--site-url URL] [--database …] > FILE

Writes every thread and comment — all statuses, emails included: keep the file private —
to stdout. --format palaver (default) is Palaver's own JSON, which palaver import reads
back as it was; --format wxr is a WordPress export (WordPress: Tools → Import → WordPress),
whose post links are --site-url plus the thread key. See docs/migrate.md.
`

export function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return runCommand(async () => {
    const { values, positionals } = parseFlags(argv, {
      ...STORE_FLAGS,
      format: { type: 'string' },
      thread: { type: 'string' },
      'site-url': { type: 'string' },
    })
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (positionals.length > 0) throw new ConfigError(`unexpected argument ${positionals[0]} (export writes to stdout: palaver export > FILE)`)
    const format = values.format ?? 'palaver'
    if (format !== 'palaver' && format !== 'wxr') throw new ConfigError(`--format is palaver or wxr, not "${format}"`)
    const siteUrl = values['site-url'] ?? env.PALAVER_SITE_URL ?? null
    if (siteUrl !== null && !/^https?:\/\/[^/]+/i.test(siteUrl)) throw new ConfigError(`--site-url is an address like https://blog.example, not "${siteUrl}"`)

    const { store } = await openStore(values, env)
    try {
      const sink = streamSink(process.stdout)
      const options = { thread: values.thread ?? null, now: new Date().toISOString() }
      const counts = format === 'wxr' ? await exportWxr(store.db, sink, { ...options, siteUrl }) : await exportJson(store.db, sink, options)
      process.stderr.write(`palaver: exported ${counts.threads} threads, ${counts.comments} comments\n`)
      return 0
    } finally {
      await store.close()
    }
  })
}
