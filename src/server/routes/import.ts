/**
 * POST /admin/import?format=wxr|disqus|isso|palaver&dryRun=1 — the admin page's upload:
 * the request body is the file itself (any content type), streamed to a temporary file
 * while its bytes are counted (--max-import, 413 beyond), then read by the same importer
 * as `palaver import` (transfer/import.ts), which refuses a malformed file before it
 * stores anything. Without format the file tells it, as on the command line. The answer
 * is the summary; long lists of skipped records are cut to their first LISTED entries
 * and counted by reason. One import runs at a time (409 for a second).
 */
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Hono } from 'hono'
import { HttpProblem, fieldProblem } from '../problem.js'
import { detectFormat, importFile } from '../transfer/import.js'
import { SourceError, type ImportFormat, type Skipped } from '../transfer/records.js'
import type { Deps } from './deps.js'

const FORMATS: readonly ImportFormat[] = ['wxr', 'disqus', 'isso', 'palaver']

/** Skipped records listed one by one in the answer; the rest are only counted. */
const LISTED = 100

class TooLarge extends Error {}

/** The body into `file`, refusing it once it passes `max` bytes; the bytes written. */
async function saveBody(body: ReadableStream<Uint8Array> | null, file: string, max: number): Promise<number> {
  let bytes = 0
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length
      if (bytes > max) done(new TooLarge())
      else done(null, chunk)
    },
  })
  const source = body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([])
  await pipeline(source, count, createWriteStream(file))
  return bytes
}

function listed(records: Skipped[]) {
  const reasons: Record<string, number> = {}
  for (const record of records) reasons[record.reason] = (reasons[record.reason] ?? 0) + 1
  return { total: records.length, reasons, records: records.slice(0, LISTED) }
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false
  if (value === '1' || value === 'true') return true
  throw fieldProblem(400, name, 'invalid', `${name} is 1 or 0.`)
}

export function importRoute(app: Hono, deps: Deps): void {
  const { store, options } = deps
  let running = false

  app.post('/import', async (c) => {
    const given = c.req.query('format')
    if (given !== undefined && given !== '' && !FORMATS.includes(given as ImportFormat))
      throw fieldProblem(400, 'format', 'invalid', `format is one of ${FORMATS.join(', ')}.`)
    const dryRun = flag(c.req.query('dryRun'), 'dryRun')
    const max = options.maxImportBytes
    const tooLarge = () => new HttpProblem(413, 'validation', `The file is larger than ${max} bytes (--max-import).`)
    if (Number(c.req.header('content-length') ?? 0) > max) throw tooLarge()
    if (running) throw fieldProblem(409, 'file', 'invalid', 'Another import is running; try again when it has finished.')
    running = true
    const dir = await mkdtemp(join(tmpdir(), 'palaver-import-'))
    const file = join(dir, 'upload')
    // The temporary path means nothing to the person uploading: messages say "the file".
    const unreadable = (error: SourceError) => fieldProblem(422, 'file', 'invalid', error.message.replaceAll(file, 'the file'))
    try {
      try {
        if ((await saveBody(c.req.raw.body, file, max)) === 0)
          throw fieldProblem(422, 'file', 'required', 'The request body is empty: send the file to import.')
      } catch (error) {
        if (error instanceof TooLarge) throw tooLarge()
        throw error
      }
      let format: ImportFormat
      try {
        format = given ? (given as ImportFormat) : await detectFormat(file)
      } catch (error) {
        if (!(error instanceof SourceError)) throw error
        throw fieldProblem(
          422,
          'file',
          'invalid',
          'Cannot tell what the file is (not a WordPress or Disqus export, an Isso database or a Palaver export); choose its format.',
        )
      }
      try {
        const summary = await importFile(store.db, options.secret, file, { format, rules: [], dryRun })
        return c.json({ format, dryRun, ...summary, orphans: listed(summary.orphans), skipped: listed(summary.skipped) })
      } catch (error) {
        if (error instanceof SourceError) throw unreadable(error)
        throw error
      }
    } finally {
      running = false
      await rm(dir, { recursive: true, force: true })
    }
  })
}
