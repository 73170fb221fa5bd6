/**
 * One import, whatever the format: tell the format (or take the one named), read the
 * file through once without writing — so a malformed file is refused before anything is
 * stored — then read it again into the writer, a transaction per batch. A dry run does
 * the second pass too, inside one transaction it rolls back: its summary is what a real
 * run would do.
 */
import { open } from 'node:fs/promises'
import type { Kysely } from 'kysely'
import type { Schema } from '../db/schema.js'
import { readDisqus } from './disqus.js'
import { readIsso } from './isso.js'
import type { MapRule } from './map.js'
import { readPalaverJson, type ExportHeader } from './palaver-json.js'
import { SourceError, type Batch, type ImportFormat } from './records.js'
import { ImportWriter, type ImportSummary } from './writer.js'
import { readWxr } from './wxr.js'

export interface ImportOptions {
  format: ImportFormat
  rules: readonly MapRule[]
  dryRun: boolean
  /** Bytes read so far (null for Isso's database) and comments seen, after each batch. */
  onProgress?: (bytes: number | null, comments: number) => void
}

/** The format from the file's first bytes: SQLite's header, a JSON object, or which XML root. */
export async function detectFormat(file: string): Promise<ImportFormat> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0)
    const head = buffer.subarray(0, bytesRead)
    if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'isso'
    const text = head.toString('utf8').replace(/^\uFEFF/, '')
    if (text.trimStart().startsWith('{')) return 'palaver'
    if (/<rss\b/.test(text) && text.includes('wordpress.org/export/')) return 'wxr'
    if (/<disqus\b/.test(text)) return 'disqus'
  } finally {
    await handle.close()
  }
  throw new SourceError(`cannot tell what ${file} is (not a WXR or Disqus export, an Isso database or a Palaver export); name it with --format`)
}

function batches(file: string, options: ImportOptions, onHeader: (header: ExportHeader) => void, onBytes: (bytes: number) => void): AsyncGenerator<Batch> {
  switch (options.format) {
    case 'wxr':
      return readWxr(file, options.rules, onBytes)
    case 'disqus':
      return readDisqus(file, options.rules, onBytes)
    case 'isso':
      return readIsso(file, options.rules)
    case 'palaver':
      return readPalaverJson(file, onHeader, onBytes)
  }
}

class DryRun extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run')
  }
}

export async function importFile(db: Kysely<Schema>, secret: string, file: string, options: ImportOptions): Promise<ImportSummary> {
  // The first pass: the whole file must read before anything is written.
  if (options.format !== 'isso') for await (const _ of batches(file, options, () => {}, () => {}));

  const run = async (target: Kysely<Schema>) => {
    const writer = new ImportWriter(target, secret)
    let header: ExportHeader | null = null
    let bytes: number | null = null
    for await (const batch of batches(file, options, (h) => (header = h), (b) => (bytes = b))) {
      await writer.write(batch)
      options.onProgress?.(bytes, writer.seen)
    }
    if (header) await writer.settings((header as ExportHeader).settings)
    return writer.finish()
  }
  if (!options.dryRun) return run(db)
  try {
    await db.transaction().execute(async (tx) => {
      throw new DryRun(await run(tx))
    })
  } catch (error) {
    if (error instanceof DryRun) return error.summary
    throw error
  }
  throw new Error('unreachable: a dry run always rolls back')
}
