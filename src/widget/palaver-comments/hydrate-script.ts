/**
 * The script-tag builds' hydration loader: palaver-hydrate.js, beside the script itself,
 * added to the page on the first server-rendered element. That file carries Lit's
 * hydration only; it uses this build's Lit (the internals below, handed over in a global
 * that lives while it loads), since Lit hydrates only templates of its own instance.
 */
import { _$LH, noChange } from 'lit'
import type { Hydrate } from './hydration.js'

/** What palaver-hydrate.js reads (src/embed-hydrate.ts, vite.config.ts `globals`) and calls. */
export interface HydrationHandover {
  lit: { _$LH: typeof _$LH; noChange: typeof noChange }
  ready: (hydrate: Hydrate) => void
}

/** The address of the script now running, read when it runs: later there is none. */
export function siblingHydrateLoader(): () => Promise<Hydrate> {
  const src = (document.currentScript as HTMLScriptElement | null)?.src
  return () =>
    new Promise<Hydrate>((resolve, reject) => {
      if (!src) return reject(new Error('palaver: cannot tell where palaver-hydrate.js is'))
      const handover: HydrationHandover = { lit: { _$LH, noChange }, ready: resolve }
      const global = globalThis as { palaverHydration?: HydrationHandover }
      global.palaverHydration = handover
      const script = document.createElement('script')
      script.src = new URL('palaver-hydrate.js', src).href
      script.onload = () => delete global.palaverHydration
      script.onerror = () => {
        delete global.palaverHydration
        reject(new Error(`palaver: ${script.src} did not load`))
      }
      document.head.append(script)
    })
}
