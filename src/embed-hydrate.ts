/**
 * dist/palaver-hydrate.js: Lit's hydration for the script-tag builds, loaded by them only
 * on a page with a server-rendered `<palaver-comments>` (src/widget/palaver-comments/
 * hydrate-script.ts). Its imports of lit-html are that build's Lit (vite.config.ts).
 */
import { hydrate } from '@lit-labs/ssr-client'
import type { HydrationHandover } from './widget/palaver-comments/hydrate-script.js'

;(globalThis as { palaverHydration?: HydrationHandover }).palaverHydration?.ready(hydrate)
