/**
 * Lit's hydration (`@lit-labs/ssr-client`), which only a page with a server-rendered
 * `<palaver-comments>` needs: each build says how it gets it, so the others do not carry it.
 * The ES module imports it on demand (the app's bundler splits it off); the script-tag
 * builds load palaver-hydrate.js from beside their own file (src/embed-hydrate.ts). With no
 * loader, or when loading fails, the element renders afresh as if there were no seed.
 */
import type { hydrate } from '@lit-labs/ssr-client'

export type Hydrate = typeof hydrate

let loader: (() => Promise<Hydrate>) | null = null
let loaded: Promise<Hydrate> | null = null

export function setHydrateLoader(load: () => Promise<Hydrate>): void {
  loader = load
  loaded = null
}

export function loadHydrate(): Promise<Hydrate> {
  if (!loader) return Promise.reject(new Error('this build of Palaver cannot hydrate'))
  loaded ??= loader()
  return loaded
}
