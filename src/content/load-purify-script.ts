/**
 * DOMPurify for the script-tag builds (palaver.js and its siblings carry no DOMPurify):
 * where the browser has no setHTML, palaver-purify.js is loaded from beside the script
 * that defined the elements, once, and hands its sanitizer over under a shared symbol
 * (src/embed-purify.ts). vite.config.ts puts this module in place of load-purify.ts.
 * A strict host page allows it as it allows palaver.js (same place, the same nonce if it
 * had one; with Trusted Types the "palaver" policy lets exactly this URL through, parse.ts).
 */
import { setScriptSource } from './parse.js'

type Sanitizer = (html: string) => Element | null
// The same symbol as src/embed-purify.ts.
const PURIFY_KEY = Symbol.for('palaver.purify')

// Read while the script runs: later, document.currentScript is whatever runs then.
const self = typeof document === 'undefined' ? null : (document.currentScript as HTMLScriptElement | null)
const purifyUrl = self?.src ? new URL('palaver-purify.js', self.src).href : null
// A page whose CSP allows scripts by nonce gave one to palaver.js: the second script gets it too.
const nonce = self?.nonce ?? ''

export function loadPurify(): Promise<Sanitizer> {
  const registry = globalThis as { [PURIFY_KEY]?: Sanitizer }
  const ready = registry[PURIFY_KEY]
  if (ready) return Promise.resolve(ready)
  if (!purifyUrl) return Promise.reject(new Error('palaver: this browser has no HTML Sanitizer, and palaver-purify.js cannot be found'))
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.addEventListener('load', () => {
      const loaded = registry[PURIFY_KEY]
      if (loaded) resolve(loaded)
      else reject(new Error(`palaver: ${purifyUrl} did not provide the sanitizer`))
    })
    script.addEventListener('error', () => reject(new Error(`palaver: ${purifyUrl} could not be loaded`)))
    if (nonce) script.nonce = nonce
    setScriptSource(script, purifyUrl)
    document.head.append(script)
  })
}
