import type { Adapter } from '../model.js'
import { PalaverError } from '../core/errors.js'
import { MemoryAdapter } from './memory.js'
import { PalaverAdapter } from './palaver.js'
import { WordPressAdapter } from './wordpress.js'

export { PalaverError, toPalaverError } from '../core/errors.js'
export { MemoryAdapter, type MemoryAdapterOptions, type MemoryThread } from './memory.js'
export { PalaverAdapter, type PalaverAdapterOptions } from './palaver.js'
export { WordPressAdapter, type WordPressAdapterOptions } from './wordpress.js'

export interface AdapterConfig {
  server: string | null
  title: () => string | null
}

/** Makes an adapter from the element's attributes. */
export type AdapterFactory = (config: AdapterConfig) => Adapter

export const palaver: AdapterFactory = ({ server, title }) => {
  if (!server) throw new PalaverError('config', '<palaver-comments> needs a server="…" attribute (or an adapter property).')
  return new PalaverAdapter(server, { title })
}

export const wordpress: AdapterFactory = ({ server }) => {
  if (!server) throw new PalaverError('config', '<palaver-comments adapter="wordpress"> needs the site\'s address in server="…".')
  return new WordPressAdapter(server)
}

export const memory: AdapterFactory = () => new MemoryAdapter({ storageKey: 'palaver:memory' })

/**
 * The adapters the `adapter` attribute can name. Each entry point registers the ones it
 * ships (src/embed*.ts, src/index.ts), so a script-tag build carries one backend's code
 * and not the others'; the first registered is the default.
 */
const registered = new Map<string, AdapterFactory>()

/** Where each built-in adapter ships, for the error that names the script to load instead. */
const SCRIPTS: Record<string, string> = { palaver: 'palaver.js', wordpress: 'palaver-wordpress.js', memory: 'palaver-memory.js' }

export function registerAdapters(factories: Record<string, AdapterFactory>): void {
  for (const [name, factory] of Object.entries(factories)) registered.set(name, factory)
}

/** The adapter an `adapter` attribute names (or the default); a clear config error for anything else. */
export function adapterFor(name: string | null, config: AdapterConfig): Adapter {
  const factory = registered.get(name ?? registered.keys().next().value ?? '')
  if (factory) return factory(config)
  if (!name) throw new PalaverError('config', "No adapter is built into this script: set the element's adapter property.")
  const elsewhere = SCRIPTS[name] ? ` adapter="${name}" comes with ${SCRIPTS[name]}: load that script instead.` : ''
  throw new PalaverError('config', `Unknown adapter "${name}". This script has: ${[...registered.keys()].join(', ')}.${elsewhere}`)
}
