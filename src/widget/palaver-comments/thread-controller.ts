import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { type PalaverError, toPalaverError } from '../../core/errors.js'
import type { Adapter, Comment, Sort, ThreadInfo } from '../../model.js'
import { createFormStore, type FormStore } from '../../state/form.js'
import { commentInHash } from './focus-controller.js'
import { createThreadStore, type Notice, type ThreadStore } from '../../state/thread.js'

/** What a thread is made from: the element's attributes and properties, read at set-up. */
export interface ThreadConfig {
  /** Throws a config PalaverError when the attributes name no usable backend. */
  adapter: () => Adapter
  key: string
  /** Names the browser storage of this thread's tokens and draft. */
  scope: string
  pageSize: number
  sort: Sort
  /** Load at once rather than when the element nears the viewport. */
  eager: boolean
}

export interface ThreadEvents {
  /** The first page is in. */
  loaded: (key: string, info: ThreadInfo) => void
  /** The form posted a comment (it may be pending). */
  posted: (comment: Comment) => void
  /** Something to tell the reader: new comments, a failure. */
  notice: (notice: Notice) => void
}

/**
 * The life of one thread in an element: the stores made from its configuration (set-up),
 * the host re-rendering when they change (watch), the first load at once or when the
 * element nears the viewport (lazy observe), and everything stopped when the element
 * leaves the page or the configuration changes (teardown). A misconfiguration is kept in
 * `error` and logged, never thrown.
 */
export class ThreadController implements ReactiveController {
  store: ThreadStore | null = null
  /** The form store as the form element gets it: `submit()` also reports the posted comment. */
  form: FormStore | null = null
  error: PalaverError | null = null
  readonly #host: ReactiveControllerHost & HTMLElement
  readonly #config: () => ThreadConfig
  readonly #events: ThreadEvents
  #set = false
  #stops: Array<() => void> = []
  #observer: IntersectionObserver | null = null
  #visible = false
  #eager = false

  constructor(host: ReactiveControllerHost & HTMLElement, config: () => ThreadConfig, events: ThreadEvents) {
    this.#host = host
    this.#config = config
    this.#events = events
    host.addController(this)
  }

  /** Set up for the current configuration, and not torn down since. */
  get ready(): boolean {
    return this.#set
  }

  /** The comment the form is open under (the draft's parent), if any: kept once, in the form store. */
  get replyingTo(): string | null {
    return this.form?.$form.get().draft.parentId ?? null
  }

  /** Makes the stores for the current configuration; starts watching and loading when connected. */
  setup(): void {
    this.#teardown()
    this.#set = true
    this.error = null
    let config: ThreadConfig
    let adapter: Adapter
    try {
      config = this.#config()
      adapter = config.adapter()
    } catch (error) {
      this.error = toPalaverError(error)
      console.error(`<${this.#host.localName}>: ${this.error.message}`)
      return
    }
    const store = createThreadStore({ adapter, key: config.key, scope: config.scope, pageSize: config.pageSize, sort: config.sort })
    const form = createFormStore(store)
    this.store = store
    this.form = {
      ...form,
      submit: async (lang) => {
        const comment = await form.submit(lang)
        if (comment) this.#events.posted(comment)
        return comment
      },
    }
    this.#eager = config.eager
    if (this.#host.isConnected) {
      this.#watch(store, form)
      this.#observe(store, config.eager)
    }
  }

  /** Loads now if nothing was loaded yet (a permalink names a comment of this thread). */
  loadNow(): void {
    if (this.store?.$thread.get().status === 'idle') void this.store.load()
  }

  hostConnected(): void {
    // Put back after being removed (moved in the page): start afresh, as a new element would.
    if (!this.#set) this.#host.requestUpdate()
  }

  hostDisconnected(): void {
    this.#teardown()
  }

  #watch(store: ThreadStore, form: FormStore): void {
    let replyingTo = form.$form.get().draft.parentId
    this.#stops = [
      store.$thread.listen((state, old) => {
        this.#host.requestUpdate()
        if (state.status === 'ready' && old?.status !== 'ready' && state.info) this.#events.loaded(store.key, state.info)
        if (state.dropped > (old?.dropped ?? 0))
          console.warn(`<${this.#host.localName}>: ${state.dropped} comments from the backend had fields of the wrong type and are not shown.`)
      }),
      store.$notice.listen((notice) => notice && this.#events.notice(notice)),
      // Typing re-renders only the form; the section re-renders when the form moves.
      form.$form.listen((state) => {
        if (state.draft.parentId === replyingTo) return
        replyingTo = state.draft.parentId
        this.#host.requestUpdate()
      }),
    ]
  }

  /**
   * The live page over one already shown (the server's, hydrated): loaded as a first page
   * would be, at once when eager, else when the element nears the viewport.
   */
  refresh(): void {
    if (this.store && this.#host.isConnected) this.#observe(this.store, this.#eager, true)
  }

  /** Loads at once (eager), or when the element comes within reach of the viewport (lazy). */
  #observe(store: ThreadStore, eager: boolean, again = false): void {
    if (!again && store.$thread.get().status !== 'idle') return
    // A permalink in the address (`#comment-…`) loads at once: the reader came for that comment.
    if (eager || this.#visible || commentInHash() || typeof IntersectionObserver === 'undefined') {
      void store.load()
      return
    }
    this.#observer?.disconnect()
    this.#observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return
        this.#visible = true
        this.#observer?.disconnect()
        this.#observer = null
        if (again || store.$thread.get().status === 'idle') void store.load()
      },
      { rootMargin: '600px 0px' },
    )
    this.#observer.observe(this.#host)
  }

  #teardown(): void {
    for (const stop of this.#stops) stop()
    this.#stops = []
    this.#observer?.disconnect()
    this.#observer = null
    this.store?.dispose()
    this.store = null
    this.form = null
    this.#set = false
  }
}
