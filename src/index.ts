/**
 * The ES module entry (dist/palaver.mjs) for bundlers: the elements, the built-in adapters
 * and the types. Importing it defines the elements and registers the three built-in
 * adapters by name (`palaver`, the default, `wordpress` and `memory`), nothing else.
 */
import { memory, palaver, registerAdapters, wordpress } from './adapters/index.js'
import { setHydrateLoader } from './widget/palaver-comments/hydration.js'

export { PalaverComments } from './widget/palaver-comments/palaver-comments.js'
export { PalaverCount } from './widget/palaver-count/palaver-count.js'
export { PalaverCommentForm } from './widget/comment-form/comment-form.js'
export { PalaverErrorEvent, PalaverLoadedEvent, PalaverPostedEvent } from './widget/events.js'
export {
  MemoryAdapter,
  PalaverAdapter,
  PalaverError,
  toPalaverError,
  WordPressAdapter,
  type MemoryAdapterOptions,
  type PalaverAdapterOptions,
  type WordPressAdapterOptions,
} from './adapters/index.js'
export type * from './model.js'
export type * from './jsx.js'
export { de, en, registerLocale, type Messages, type PluralForms } from './i18n/index.js'

registerAdapters({ palaver, wordpress, memory })
// A server-rendered element hydrates with Lit's hydration, imported then (a chunk of its own in the app's bundle).
setHydrateLoader(() => import('@lit-labs/ssr-client').then((module) => module.hydrate))
