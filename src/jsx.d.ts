/**
 * Typings for frameworks' templates, shipped with the package's types: what
 * `<palaver-comments>` and `<palaver-count>` take, for React 19's JSX and Vue's templates
 * (vue-tsc). Types only: nothing here reaches a bundle. They apply once the program sees
 * the package's types: `import 'palaver'` anywhere, or `"types": ["palaver"]` in tsconfig.
 *
 * The augmentations name their modules without importing them ('react', 'vue') and use
 * nothing of theirs but the interface they extend, so a project without React (or without
 * Vue) type-checks as before, skipLibCheck or not: a declaration file may augment a module
 * that is not there, and the augmentation then holds only our own types.
 * test/types/ checks both against the built types (npm run test:types).
 *
 * Written as a declaration file, because it names React's JSX.IntrinsicElements from
 * inside the augmentation, which tsc cannot emit from a .ts file; the build copies it to
 * dist/types/ beside the emitted declarations.
 */
import type { Adapter, Sort } from './model.js'
import type { PalaverErrorEvent, PalaverLoadedEvent, PalaverPostedEvent } from './widget/events.js'
import type { PalaverComments } from './widget/palaver-comments/palaver-comments.js'
import type { PalaverCount } from './widget/palaver-count/palaver-count.js'

/**
 * What `<palaver-count>` takes. Frameworks set a property when the element has one by
 * that name (React 19, Vue, Svelte), so `adapter` is the adapter *object* there; a
 * built-in adapter is named with `adapterName` (the `adapter` attribute of plain HTML).
 */
export interface PalaverCountProps {
  /** Base URL of the backend. */
  server?: string | null
  /** A built-in adapter by name: `palaver`, `wordpress` or `memory`. */
  adapterName?: string | null
  /** An adapter object (docs/adapters.md). */
  adapter?: Adapter | null
  /** Thread key; default: the canonical URL's path, else `location.pathname`. */
  thread?: string | null
}

/** What `<palaver-comments>` takes, by attribute and by property name (docs/element.md). */
export interface PalaverCommentsProps extends PalaverCountProps {
  'thread-title'?: string | null
  threadTitle?: string | null
  theme?: 'light' | 'dark' | 'auto'
  'max-depth'?: number | `${number}`
  maxDepth?: number
  'page-size'?: number | `${number}`
  pageSize?: number
  sort?: Sort
  loading?: 'lazy' | 'eager'
}

/** Its events, as React 19 takes listeners on custom elements: `on` and the event's name. */
export interface PalaverCommentsReactEvents {
  'onpalaver-loaded'?: (event: PalaverLoadedEvent) => void
  'onpalaver-posted'?: (event: PalaverPostedEvent) => void
  'onpalaver-error'?: (event: PalaverErrorEvent) => void
}

/** Its events, as Vue names listeners (`@palaver-posted` in a template). */
export interface PalaverCommentsVueEvents {
  onPalaverLoaded?: (event: PalaverLoadedEvent) => void
  onPalaverPosted?: (event: PalaverPostedEvent) => void
  onPalaverError?: (event: PalaverErrorEvent) => void
}

/** A ref to the element, as React takes one (an object's `current`, or a callback). */
type PalaverRef<E> = { current: E | null } | ((element: E | null) => void | (() => void)) | null

/**
 * The property `K` of `T`, or nothing. Used to borrow React's attributes for any element
 * (`IntrinsicElements['abbr']`: id, className, style, key, …) without importing React,
 * which a project without it does not have: there the augmentation below stays empty.
 */
type PropertyOr<T, K extends string> = T extends { [key in K]: infer V } ? V : {}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'palaver-comments': Omit<PropertyOr<JSX.IntrinsicElements, 'abbr'>, 'ref'> & { ref?: PalaverRef<PalaverComments> } & PalaverCommentsProps &
        PalaverCommentsReactEvents
      'palaver-count': Omit<PropertyOr<JSX.IntrinsicElements, 'abbr'>, 'ref'> & { ref?: PalaverRef<PalaverCount> } & PalaverCountProps
    }
  }
}

/**
 * Vue reads a component's props from its instance's `$props`; a custom element is typed
 * as a constructor of the element with them (the shape Vue's guide gives for custom
 * elements, without importing Vue).
 */
type VueCustomElement<E, Props> = new () => E & { $props: Props }

declare module 'vue' {
  interface GlobalComponents {
    'palaver-comments': VueCustomElement<PalaverComments, PalaverCommentsProps & PalaverCommentsVueEvents>
    'palaver-count': VueCustomElement<PalaverCount, PalaverCountProps>
  }
}
