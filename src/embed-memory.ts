/**
 * The script-tag entry for trials without a backend (dist/palaver-memory.js): the elements
 * with the memory adapter, which keeps comments in this browser's localStorage.
 */
import { memory, registerAdapters } from './adapters/index.js'
import { loadLocalesBesideThisScript } from './i18n/load.js'
import './widget/palaver-comments/palaver-comments.js'
import './widget/palaver-count/palaver-count.js'

registerAdapters({ memory })
// Languages other than English and German: locales/<tag>.js beside this script, when a page needs one.
loadLocalesBesideThisScript()
