/**
 * The script-tag entry for WordPress (dist/palaver-wordpress.js): the elements with the
 * wordpress adapter, which is the default here (`adapter="wordpress"` may be left out).
 */
import { registerAdapters, wordpress } from './adapters/index.js'
import { siblingHydrateLoader } from './widget/palaver-comments/hydrate-script.js'
import { setHydrateLoader } from './widget/palaver-comments/hydration.js'
import { loadLocalesBesideThisScript } from './i18n/load.js'
import './widget/palaver-comments/palaver-comments.js'
import './widget/palaver-count/palaver-count.js'

registerAdapters({ wordpress })
// A server-rendered element hydrates with palaver-hydrate.js, loaded from beside this file.
setHydrateLoader(siblingHydrateLoader())
// Languages other than English and German: locales/<tag>.js beside this script, when a page needs one.
loadLocalesBesideThisScript()
