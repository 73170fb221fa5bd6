import { adoptStyles, html, LitElement, ReactiveElement, type PropertyValues } from 'lit'
import { adapterFor } from '../../adapters/index.js'
import { messagesFor, plural, registerLocale, type Messages } from '../../i18n/index.js'
import type { Adapter, Comment, Sort } from '../../model.js'
import type { Notice } from '../../state/thread.js'
import '../comment-form/comment-form.js'
import type { PalaverCommentForm } from '../comment-form/comment-form.js'
import type { Chunk } from '../comment-list/chunks.js'
import { adoptBody, anchorOf, type ListContext } from '../comment-list/comment-list.js'
import { ProgressiveChunks } from '../comment-list/progressive.js'
import { PalaverErrorEvent, PalaverLoadedEvent, PalaverPostedEvent } from '../events.js'
import { LocalizeController } from '../localize.js'
import { FocusController } from './focus-controller.js'
import { OwnComments } from './own-comments.js'
import { styles } from './palaver-comments.styles.js'
import { ThemeController } from './theme-controller.js'
import { ThreadController, type ThreadConfig } from './thread-controller.js'
import { safeUrl } from '../../core/url.js'
import { sanitizerReady } from '../../content/sanitize.js'
import { loadHydrate, type Hydrate } from './hydration.js'
import { discussion, formTemplate, headingText, seedTemplate, shell, type Seed } from './section.js'

/** The seed's own fields, as JSON from the page gives them; the thread and comments are checked by the store. */
function seedFrom(value: unknown): Seed | null {
  const seed = value as Partial<Seed> | null
  if (!seed || typeof seed.lang !== 'string' || (seed.title !== null && typeof seed.title !== 'string')) return null
  if (!Number.isInteger(seed.maxDepth) || (seed.sort !== 'oldest' && seed.sort !== 'newest')) return null
  return seed as Seed
}

/** Resolves in a task of its own, after what the browser queued meanwhile. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve))

/** Properties that make a new thread: its stores are made again when one changes. */
const REBUILD = ['server', 'adapterName', 'adapter', 'thread', 'pageSize', 'sort'] as const

/**
 * The discussion of a page: the comments, nested and paged, and the form to join in.
 *
 * @summary A comment section for any page: `<palaver-comments server="https://comments.example.org">`.
 *
 * @attr {string} lang - UI language (`en`, `de`). Default: the nearest `[lang]` ancestor's, else English.
 *
 * @fires palaver-loaded - The first page is shown. `event.thread`, `event.count`.
 * @fires palaver-posted - The reader's comment was accepted (maybe pending). `event.comment`.
 * @fires palaver-error - Loading or posting failed. `event.error` (a PalaverError with `kind` and `fields`).
 *
 * @csspart heading - The "N Replies to “title”" heading.
 * @csspart list - The top-level `<ol>` of comments.
 * @csspart comment - Each comment's `<article>` (also pingbacks and placeholders).
 * @csspart mention - Pingbacks, trackbacks and webmentions.
 * @csspart deleted - The placeholder of a deleted comment that has replies.
 * @csspart avatar - The identicon.
 * @csspart author - The author's name (a link when they gave a website).
 * @csspart badge - The "Site owner" badge beside the name on the owner's own replies.
 * @csspart body - The comment text.
 * @csspart moderation - The "awaiting moderation" note on the reader's own pending comment.
 * @csspart reply-button - Each comment's Reply button.
 * @csspart load-more - The "Load more comments" button.
 * @csspart error - The message shown when loading fails or the element is misconfigured.
 * @csspart form - The comment form (inside `palaver-comment-form`, exported).
 * @csspart submit - The form's submit button (exported).
 *
 * @cssproperty --palaver-font - Font family. Default: inherit from the page.
 * @cssproperty --palaver-text - Text colour.
 * @cssproperty --palaver-bg - Background of the whole section. Default: transparent with theme="auto"; light and dark bring their own.
 * @cssproperty --palaver-input-bg - Background of inputs.
 * @cssproperty --palaver-muted - Secondary text (dates, notes).
 * @cssproperty --palaver-border - Borders and separators.
 * @cssproperty --palaver-accent - Submit button and focus ring.
 * @cssproperty --palaver-accent-text - Text on the accent colour.
 * @cssproperty --palaver-link - Links and text buttons.
 * @cssproperty --palaver-error - Validation and error messages.
 * @cssproperty --palaver-success - The "posted" message.
 * @cssproperty --palaver-highlight - Background of a comment reached by its permalink.
 * @cssproperty --palaver-skeleton - Placeholder blocks while loading.
 * @cssproperty --palaver-radius - Corner radius of inputs and buttons.
 * @cssproperty --palaver-gap - Space between comments.
 * @cssproperty --palaver-avatar-size - Size of the identicons.
 * @cssproperty --palaver-indent - Indent of nested replies.
 * @cssproperty --palaver-list-style - `list-style` of the top-level list (e.g. `decimal` to number comments). Default: none.
 * @cssproperty --palaver-list-indent - Start padding of the top-level list, room for its numbers. Default: 0, or 2.5em with a list style.
 * @cssproperty --palaver-avatar-bg - Background of the identicons.
 * @cssproperty --palaver-form-room - Server-rendered only: height kept for the form before it renders. Default: 44em.
 */
export class PalaverComments extends LitElement {
  static override styles = styles
  /** For script-tag pages: `customElements.get('palaver-comments').registerLocale(tag, messages)`. */
  static registerLocale = registerLocale

  /** Reactive properties (Lit): an attribute each unless `attribute: false`; `state` ones are internal (`attribute: false` tells the manifest too). */
  static override properties = {
    server: { reflect: true },
    adapterName: { attribute: 'adapter' },
    adapter: { attribute: false },
    thread: {},
    threadTitle: { attribute: 'thread-title' },
    theme: { reflect: true },
    maxDepth: { attribute: 'max-depth', type: Number },
    pageSize: { attribute: 'page-size', type: Number },
    sort: {},
    loading: {},
    announcement: { state: true, attribute: false },
  }

  /** Base URL of the backend. */
  server: string | null = null
  /** Built-in adapter by name: `palaver`, `wordpress` or `memory`; the default is the one the script carries. */
  adapterName: string | null = null
  /** Any object implementing the Adapter interface; wins over `server` and the `adapter` attribute. */
  adapter: Adapter | null = null
  /** Thread key. Default: the canonical URL's path, else `location.pathname`. */
  thread: string | null = null
  /** Title shown in the heading. Default: the backend's title for the thread, else `document.title`. */
  threadTitle: string | null = null
  /** `light` or `dark` (each with its own background), or `auto`: follows the host page's `color-scheme`, else its background, else the system. */
  theme: 'light' | 'dark' | 'auto' = 'auto'
  /** Nesting depth before replies are shown flat, addressed "@Name". */
  maxDepth = 5
  /** Top-level comments per page ("Load more"). */
  pageSize = 50
  /** Order of top-level comments: `oldest` or `newest` first; replies always read oldest first. */
  sort: Sort = 'oldest'
  /** `lazy`: load when the element nears the viewport; `eager`: at once. */
  loading: 'lazy' | 'eager' = 'lazy'

  /** What the polite live region says. */
  private announcement = ''

  readonly #localize = new LocalizeController(this)
  readonly #focus = new FocusController(this, () => this.#thread.loadNow())
  readonly #thread = new ThreadController(this, () => this.#config(), {
    loaded: (key, info) => {
      this.#focus.fromLocation()
      this.dispatchEvent(new PalaverLoadedEvent(key, info.count))
    },
    posted: (comment) => this.#posted(comment),
    notice: (notice) => this.#notice(notice),
  })
  readonly #progressive = new ProgressiveChunks(this)
  readonly #own = new OwnComments(this, {
    store: () => this.#thread.store,
    messages: () => this.#localize.messages,
    announce: (text) => (this.announcement = text),
    focusComment: (id) => this.#focus.comment(id),
  })
  #ctx: { key: readonly unknown[]; ctx: ListContext } | null = null
  /** The server-rendered first page while it waits to be hydrated (a declarative shadow root). */
  #seed: Seed | null = null
  #hydrate: Hydrate | null = null

  readonly #states: CustomStateSet
  /** Whether the last render showed the skeleton (the `starting` state lasts as long). */
  #skeleton = true

  constructor() {
    super()
    const internals = this.attachInternals()
    this.#states = internals.states
    // Until the first render (a task after the upgrade, see scheduleUpdate), the skeleton's
    // room is held by the styles; a server-rendered element has its thread already.
    if (!this.shadowRoot) this.#states.add('starting')
    // Registers itself; the scheme it decides is a custom state the styles read.
    new ThemeController(this, internals)
  }

  #config(): ThreadConfig {
    const key = this.#threadKey()
    return {
      adapter: () => this.adapter ?? adapterFor(this.adapterName, { server: this.server, title: () => this.#title(null) }),
      key,
      scope: `${this.server ?? this.adapterName ?? 'custom'}|${key}`,
      pageSize: Math.max(1, this.pageSize || 50),
      sort: this.sort === 'newest' ? 'newest' : 'oldest',
      eager: this.loading === 'eager',
    }
  }

  #threadKey(): string {
    if (this.thread) return this.thread
    const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href
    try {
      if (canonical) return new URL(canonical).pathname
    } catch {
      // A broken canonical link: fall back to the location.
    }
    return location.pathname
  }

  #title(fallback: string | null): string | null {
    return this.threadTitle ?? fallback ?? (document.title || null)
  }

  /**
   * A declarative shadow root the server rendered (GET /api/v1/threads/html?shadow=1,
   * docs/seo.md) is kept and hydrated: its nodes stay, Lit takes them over. Without the
   * seed it came with, it is not ours to trust: it is emptied and rendered afresh.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = this.shadowRoot
    if (!root) return super.createRenderRoot()
    const script = root.querySelector('script.palaver-seed')
    try {
      this.#seed = script ? seedFrom(JSON.parse(script.textContent ?? '')) : null
    } catch {
      this.#seed = null
    }
    if (this.#seed) return root
    root.replaceChildren()
    return super.createRenderRoot()
  }

  /**
   * The first update waits: a server-rendered element for Lit's hydration (loaded on
   * demand), any other for the next task. The script's own task — its evaluation and the
   * upgrade of every element already in the page — stays short that way (at 10,000 comments
   * it was the longest task of the page, docs/performance.md); the skeleton's room is held
   * meanwhile (the `starting` state).
   */
  protected override async scheduleUpdate(): Promise<void> {
    if (this.#seed && !this.#hydrate) {
      try {
        // Bodies are sanitized again before hydrating: the sanitizer must be there too.
        ;[this.#hydrate] = await Promise.all([loadHydrate(), sanitizerReady()])
      } catch (error) {
        console.warn(`<${this.localName}>: ${(error as Error).message}; rendering afresh.`)
        this.#discardSeed()
      }
    } else if (!this.hasUpdated) {
      await nextTask()
    }
    super.scheduleUpdate()
  }

  protected override updated(): void {
    if (!this.#skeleton) this.#states.delete('starting')
  }

  /** No hydration after all: the server's nodes go, the element's styles come, as for any element. */
  #discardSeed(): void {
    this.#seed = null
    const root = this.renderRoot as ShadowRoot
    root.replaceChildren()
    adoptStyles(root, (this.constructor as typeof LitElement).elementStyles)
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#thread.ready && !REBUILD.some((key) => changed.has(key))) return
    this.#progressive.reset()
    this.#ctx = null
    this.#thread.setup()
    const seed = this.#seed
    if (seed && !this.#thread.store?.seed(seed)) this.#discardSeed()
  }

  /**
   * The first update of a server-rendered element hydrates instead of rendering: the
   * seed's template, the very one the server rendered, is bound to the nodes already in
   * the shadow root. Every body is sanitized again in place first. Then the element renders
   * its own view over it (the reader's time zone, their own comments, full permalinks) and
   * loads the live page; Lit changes only what differs.
   */
  protected override update(changed: PropertyValues<this>): void {
    const seed = this.#seed
    const hydrate = this.#hydrate
    if (!seed || !hydrate || !this.#thread.store) {
      if (seed) this.#discardSeed()
      super.update(changed)
      return
    }
    const store = this.#thread.store
    const root = this.renderRoot as ShadowRoot
    for (const comment of store.$thread.get().comments) {
      const body = root.getElementById(anchorOf(comment.id))?.querySelector<HTMLElement>(':scope > article > .body')
      if (body) adoptBody(comment, body)
    }
    const value = this.render()
    this.renderOptions.isConnected = this.isConnected
    // LitElement's update would render; ReactiveElement's only reflects attributes and runs controllers.
    ReactiveElement.prototype['update'].call(this, changed)
    // A root that is not what the server rendered (markers stripped by an HTML minifier,
    // edited by hand) cannot be hydrated: rendered afresh instead, never beside it.
    let failure: unknown = [...root.childNodes].some((node) => node.nodeType === Node.COMMENT_NODE && (node as CharacterData).data.startsWith('lit-part'))
      ? null
      : 'no Lit markers'
    try {
      if (!failure) hydrate(value, root, this.renderOptions)
    } catch (error) {
      failure = error
    }
    if (failure || !(root as { _$litPart$?: unknown })._$litPart$) {
      console.warn(`<${this.localName}>: the server-rendered thread could not be hydrated (${failure}); rendering afresh.`)
      this.#discardSeed()
      super.update(changed)
      this.#thread.refresh()
      return
    }
    this.#seed = null
    this.#progressive.showAll(store.$thread.get().comments, this.maxDepth, this.sort)
    this.requestUpdate()
    this.#thread.refresh()
  }

  /** The seed's template with the element's handlers; everything else as the server had it. */
  #seedView(seed: Seed) {
    const store = this.#thread.store!
    // The comments as the store read them (the same objects whose bodies were adopted).
    return seedTemplate(
      { ...seed, comments: store.$thread.get().comments },
      {
        messages: messagesFor(seed.lang),
        form: { store: this.#thread.form, replyName: null, onCancel: this.#cancelReply },
        onReply: this.#reply,
        onJump: this.#focus.jump,
        onLoadMore: this.#loadMore,
      },
    )
  }

  #loadMore = () => void this.#thread.store?.loadMore()

  /** The reader's comment was accepted: say so, tell the page, and put focus on it. */
  #posted(comment: Comment): void {
    const m = this.#localize.messages
    this.announcement = comment.status === 'pending' ? m.postedPending : m.posted
    this.dispatchEvent(new PalaverPostedEvent(comment))
    this.#focus.comment(comment.id)
  }

  #notice(notice: Notice): void {
    const m = this.#localize.messages
    if (notice.kind === 'new') {
      this.announcement = plural(m, m.newComments, notice.count)
      return
    }
    const { error } = notice
    this.announcement = error.kind === 'validation' ? m.fixFields(Math.max(1, Object.keys(error.fields).length)) : m.errors[error.kind]
    this.dispatchEvent(new PalaverErrorEvent(error))
  }

  #reply = async (id: string) => {
    this.#thread.form?.replyTo(id)
    await this.updateComplete
    this.renderRoot.querySelector<PalaverCommentForm>('palaver-comment-form')?.focusField('body')
  }

  #cancelReply = async () => {
    const id = this.#thread.replyingTo
    this.#thread.form?.replyTo(null)
    await this.updateComplete
    if (id) this.#focus.replyButton(id)
  }

  protected override render() {
    const m = this.#localize.messages
    this.#skeleton = false
    if (this.#seed) return this.#seedView(this.#seed)
    const store = this.#thread.store
    if (!store) {
      return html`<section class="palaver" lang=${m.locale}>
        <p class="error" part="error">${m.errors.config} ${this.#thread.error?.message ?? ''}</p>
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      </section>`
    }
    const state = store.$thread.get()
    const info = state.info
    const title = this.#title(info?.title ?? null)
    const heading = headingText(m, info?.count ?? 0, title)

    const skeleton = () => {
      this.#skeleton = true
      return html`<div class="skeleton" aria-busy="true" role="status"><span class="visually-hidden">${m.loading}</span>
        ${[0, 1, 2].map(() => html`<div class="skeleton-item"><span></span><span></span></div>`)}<div
        class="skeleton-form"></div></div>`
    }
    let body: unknown
    if (state.status === 'idle' || (state.status === 'loading' && !info)) {
      body = skeleton()
    } else if (state.status === 'error' && !info) {
      body = html`<div class="state-error" part="error">
        <p>${m.loadError} ${m.errors[state.error?.kind ?? 'server']}</p>
        <button type="button" @click=${() => store.load()}>${m.retry}</button>
      </div>`
    } else {
      // A long thread's tree is built in a task of its own first: the skeleton stays until then.
      const chunks = this.#progressive.chunksOf(state.comments, this.maxDepth, this.sort)
      body = chunks ? this.#discussion(m, chunks) : skeleton()
    }
    return shell(m, info ? heading : state.status === 'error' ? m.commentsHeading : m.loading, body, this.announcement)
  }

  /** Resolves once every loaded comment is in the DOM, not only after the next render. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete()
    while (this.#progressive.pending) {
      await nextTask()
      done = await super.getUpdateComplete()
    }
    return done
  }

  #discussion(m: Messages, chunks: Chunk[]) {
    const store = this.#thread.store!
    const state = store.$thread.get()
    const info = state.info!
    const open = info.open
    const feed = safeUrl(info.feed ?? null)
    const parent = this.#thread.replyingTo
    const replyingTo = chunks.length && parent && state.comments.some((c) => c.id === parent) ? parent : null
    const replyName = replyingTo ? state.comments.find((c) => c.id === replyingTo)?.author.name.trim() || m.anonymous : null
    const form = () => formTemplate(m, { store: this.#thread.form, replyName, onCancel: this.#cancelReply })
    // One context object while nothing in it changes: unchanged chunks are then skipped.
    const page = location.href.split('#')[0]!
    const key = [m, page, replyingTo, replyName, open, info.requires, this.#own.editing, this.#own.confirming, this.#own.version]
    if (!this.#ctx || key.some((v, i) => v !== this.#ctx!.key[i])) {
      const own = this.#own.actions()
      const ctx = { messages: m, page, replyingTo, canReply: open, form, onReply: this.#reply, onJump: this.#focus.jump, own }
      this.#ctx = { key, ctx }
    }
    const ctx = this.#ctx.ctx
    return discussion({
      messages: m,
      chunks,
      shown: this.#progressive.shown,
      ctx,
      open,
      replyingTo,
      feed,
      nextCursor: state.nextCursor,
      more: state.more,
      onLoadMore: this.#loadMore,
    })
  }
}
