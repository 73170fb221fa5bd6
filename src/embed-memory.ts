/**
 * The script-tag entry for trials without a backend (dist/palaver-memory.js): the elements
 * with the memory adapter, which keeps comments in this browser's localStorage.
 */
import { memory, registerAdapters } from './adapters/index.js'
import { siblingHydrateLoader } from './widget/palaver-comments/hydrate-script.js'
import { setHydrateLoader } from './widget/palaver-comments/hydration.js'
import { loadLocalesBesideThisScript } from './i18n/load.js'
import './widget/palaver-comments/palaver-comments.js'
import './widget/palaver-count/palaver-count.js'

registerAdapters({ memory })
// A server-rendered element hydrates with palaver-hydrate.js, loaded from beside this file.
setHydrateLoader(siblingHydrateLoader())
// Languages other than English and German: locales/<tag>.js beside this script, when a page needs one.
loadLocalesBesideThisScript()
