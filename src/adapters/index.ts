import type { Adapter } from '../model.js'
import { PalaverError } from './error.js'
import { MemoryAdapter } from './memory.js'
import { PalaverAdapter } from './palaver.js'
import { WordPressAdapter } from './wordpress.js'

export { PalaverError, toPalaverError } from './error.js'
export { MemoryAdapter, type MemoryAdapterOptions, type MemoryThread } from './memory.js'
export { PalaverAdapter, type PalaverAdapterOptions } from './palaver.js'
export { WordPressAdapter, type WordPressAdapterOptions } from './wordpress.js'

export interface AdapterConfig {
  server: string | null
  title: () => string | null
}

/** Factories for the adapters the `adapter` attribute can name. */
const builtIn: Record<string, (config: AdapterConfig) => Adapter> = {
  palaver: ({ server, title }) => {
    if (!server) throw new PalaverError('config', '<palaver-comments> needs a server="…" attribute (or an adapter property).')
    return new PalaverAdapter(server, { title })
  },
  wordpress: ({ server }) => {
    if (!server) throw new PalaverError('config', '<palaver-comments adapter="wordpress"> needs the site\'s address in server="…".')
    return new WordPressAdapter(server)
  },
  memory: () => new MemoryAdapter({ storageKey: 'palaver:memory' }),
}

/** The adapter an `adapter` attribute names; a clear config error for anything else. */
export function adapterFor(name: string | null, config: AdapterConfig): Adapter {
  const factory = builtIn[name ?? 'palaver']
  if (!factory) {
    throw new PalaverError('config', `Unknown adapter "${name}". Built in: ${Object.keys(builtIn).join(', ')}.`)
  }
  return factory(config)
}
