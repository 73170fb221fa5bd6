/**
 * The script-tag builds' other languages, loaded when a page needs one: the first element
 * whose `lang` names a language in LOCALE_FILES asks, and `locales/<file>.js` beside the
 * script is imported (an ES module whose default export is the locale's Messages) and
 * registered; elements then render again in it. Until then, and for good if the file
 * cannot be loaded, they speak English (one console warning names the file). A page pays
 * only for the languages it uses: one small request, none for en and de.
 *
 * import() rather than a <script> element: a strict page's `script-src` allows it as it
 * allows palaver.js, Trusted Types does not govern it, and the file is also the module a
 * bundler can import (`palaver/locales/fr.js`). Across origins the server sends CORS.
 */
import { LOCALE_FILES } from './available.js'
import type { Messages } from './en.js'
import { en } from './en.js'
import { messagesFor, registerLocale, whenMissing } from './index.js'

// The package version, set by the build (vite.config.ts): the files' URLs change with each
// release, so the server may let browsers keep them for a year.
declare const __PALAVER_VERSION__: string | undefined
const VERSION = typeof __PALAVER_VERSION__ === 'string' ? __PALAVER_VERSION__ : ''

/** Loads the page's other languages from `folder` (an absolute URL ending in "/"). */
export function loadLocalesFrom(folder: string): void {
  const requested = new Set<string>()
  whenMissing((language) => {
    const file = LOCALE_FILES.find((name) => name.split('-')[0] === language)
    if (!file || requested.has(file)) return
    requested.add(file)
    import(/* @vite-ignore */ `${folder}${file}.js?v=${VERSION}`).then(
      (module: { default?: Messages }) => {
        // A page that registered the language itself meanwhile keeps its own texts.
        if (module.default && messagesFor(file) === en) registerLocale(file, module.default)
      },
      // The error names the file; the page stays in English.
      (error: unknown) => console.warn('palaver:', error),
    )
  })
}

/**
 * For the script-tag entries, called as they run: the script's own URL is
 * `document.currentScript` only then; `locales/` beside it. A script without a URL
 * (inlined), or one whose URL cannot be a base (blob:), loads nothing: English it is.
 */
export function loadLocalesBesideThisScript(): void {
  try {
    loadLocalesFrom(new URL('locales/', (document.currentScript as HTMLScriptElement).src).href)
  } catch {
    // No base: see above.
  }
}
