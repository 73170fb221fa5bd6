/**
 * The script-tag entry for the Palaver server (dist/palaver.js): defines <palaver-comments>
 * and <palaver-count> with the palaver adapter and does nothing else. The other backends
 * have their own builds (src/embed-wordpress.ts, src/embed-memory.ts), so no page carries
 * the code of a backend it does not use.
 * Configuration comes only from the element's attributes and properties.
 */
import { palaver, registerAdapters } from './adapters/index.js'
import { siblingHydrateLoader } from './widget/palaver-comments/hydrate-script.js'
import { setHydrateLoader } from './widget/palaver-comments/hydration.js'
import { loadLocalesBesideThisScript } from './i18n/load.js'
import './widget/palaver-comments/palaver-comments.js'
import './widget/palaver-count/palaver-count.js'

// Elements on the page upgrade when defined, but load in their first update, a microtask
// later: the adapter is registered by then.
registerAdapters({ palaver })
// A server-rendered element hydrates with palaver-hydrate.js, loaded from beside this file.
setHydrateLoader(siblingHydrateLoader())
// Languages other than English and German: locales/<tag>.js beside this script, when a page needs one.
loadLocalesBesideThisScript()
