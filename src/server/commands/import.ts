/**
 * `palaver import FILE [--format wxr|disqus|isso|palaver] [--map FROM=TO]... [--dry-run]`:
 * transfer/import.ts does the work; this prints progress on stderr (a bar on a terminal,
 * a line per tenth otherwise) and the summary on stdout. A file that cannot be read is
 * one line and exit 1; bad records are skipped and listed with where they are.
 */
import { access, stat } from 'node:fs/promises'
import { ConfigError, parseFlags } from '../config.js'
import { detectFormat, importFile } from '../transfer/import.js'
import { parseMapRule, type MapRule } from '../transfer/map.js'
import type { ImportFormat, Skipped } from '../transfer/records.js'
import type { ImportSummary } from '../transfer/writer.js'
import { CommandFailure, openStore, runCommand, STORE_FLAGS } from './common.js'

const FORMATS: readonly ImportFormat[] = ['wxr', 'disqus', 'isso', 'palaver']

const USAGE = `Usage: palaver import FILE [--format wxr|disqus|isso|palaver] [--map FROM=TO]... [--dry-run] [--database …] [--secret …]

Imports a WordPress export (WXR), a Disqus export, an Isso database (comments.db) or a
Palaver export. The format is told from the file when --format is not given. Thread keys
are the page paths; --map FROM=TO rewrites an address prefix first (repeatable, first
match wins). Importing the same file again changes nothing. See docs/migrate.md.
`

/** How many skipped records the summary lists one by one; the rest are counted by reason. */
const LISTED = 20

const number = (n: number) => n.toLocaleString('en-US')

function progress(total: number | null): (bytes: number | null, comments: number) => void {
  const tty = process.stderr.isTTY === true
  let lastTenth = -1
  return (bytes, comments) => {
    const fraction = total && bytes !== null ? Math.min(1, bytes / total) : null
    if (tty) {
      const width = 30
      const bar = fraction === null ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.floor(fraction * 100)}% `
      process.stderr.write(`\r${bar}${number(comments)} comments`)
      return
    }
    const tenth = fraction === null ? Math.floor(comments / 10_000) : Math.floor(fraction * 10)
    if (tenth > lastTenth) {
      lastTenth = tenth
      process.stderr.write(`palaver: import: ${fraction === null ? '' : `${tenth * 10}%, `}${number(comments)} comments read\n`)
    }
  }
}

function listed(title: string, records: Skipped[]): string[] {
  if (records.length === 0) return []
  const byReason = new Map<string, number>()
  for (const record of records) byReason.set(record.reason, (byReason.get(record.reason) ?? 0) + 1)
  return [
    `${title}: ${number(records.length)}`,
    ...[...byReason].map(([reason, count]) => `  ${number(count)} × ${reason}`),
    ...records.slice(0, LISTED).map((record) => `  - ${record.where}: ${record.reason}`),
    ...(records.length > LISTED ? [`  … and ${number(records.length - LISTED)} more`] : []),
  ]
}

export function summaryLines(summary: ImportSummary, dryRun: boolean): string[] {
  const { kinds, statuses } = summary
  const pings = kinds.pingback + kinds.trackback + kinds.webmention
  return [
    dryRun ? 'Dry run: nothing was stored. An import would bring:' : 'Imported:',
    `threads: ${number(summary.threadsCreated)} new, ${number(summary.threadsExisting)} already there`,
    `comments: ${number(summary.imported)} (${number(statuses.approved)} approved, ${number(statuses.pending)} held, ${number(statuses.spam)} spam, ${number(statuses.deleted)} removed)`,
    `pingbacks, trackbacks and webmentions: ${number(pings)} (${number(kinds.pingback)}, ${number(kinds.trackback)}, ${number(kinds.webmention)})`,
    `already imported, left as they are: ${number(summary.unchanged)}`,
    ...listed('replies without their parent, imported at the top level', summary.orphans),
    ...listed('skipped', summary.skipped),
  ]
}

export function run(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return runCommand(async () => {
    const { values, positionals } = parseFlags(argv, {
      ...STORE_FLAGS,
      format: { type: 'string' },
      map: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
    })
    if (values.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (positionals.length !== 1) throw new ConfigError(positionals.length === 0 ? 'import needs the FILE to read (see palaver import --help)' : `unexpected argument ${positionals[1]}`)
    const file = positionals[0]!
    if (values.format !== undefined && !FORMATS.includes(values.format as ImportFormat)) {
      throw new ConfigError(`--format is ${FORMATS.join(', ')}, not "${values.format}"`)
    }
    const rules: MapRule[] = (values.map ?? []).map((text) => {
      const rule = parseMapRule(text)
      if (!rule) throw new ConfigError(`--map takes FROM=TO (an address prefix and what replaces it), not "${text}"`)
      return rule
    })
    try {
      await access(file)
    } catch (error) {
      throw new CommandFailure(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`)
    }
    const format = (values.format as ImportFormat | undefined) ?? (await detectFormat(file))
    const size = (await stat(file)).size
    const dryRun = values['dry-run'] ?? false

    const { store, secret } = await openStore(values, env, { create: true })
    try {
      const summary = await importFile(store.db, secret, file, { format, rules, dryRun, onProgress: progress(format === 'isso' ? null : size) })
      if (process.stderr.isTTY) process.stderr.write('\n')
      process.stdout.write(`${summaryLines(summary, dryRun).join('\n')}\n`)
      return 0
    } finally {
      await store.close()
    }
  })
}
