/**
 * The templates of `<palaver-comments>`' shadow root, apart from the element: the element
 * renders them in the browser, and the server renders the same ones through Lit SSR as a
 * declarative shadow root (src/ssr/thread-shadow.ts) that the element then hydrates. Lit
 * hydrates only a DOM made by the very same templates, so there is one copy of them, here,
 * and nothing in this module touches the DOM: the server imports it.
 */
import { html, nothing, type TemplateResult } from 'lit'
import { safeUrl } from '../../core/url.js'
import { plural, type Messages } from '../../i18n/index.js'
import type { Comment, Sort, ThreadInfo } from '../../model.js'
import type { FormStore } from '../../state/form.js'
// The element's type only: importing it would define it, and the server must not.
import type { PalaverCommentForm } from '../comment-form/comment-form.js'
import type { Chunk } from '../comment-list/chunks.js'
import { chunkTree } from '../comment-list/chunks.js'
import { chunkedList, onListClick, type ListContext } from '../comment-list/comment-list.js'
import { CHUNK_SIZE } from '../comment-list/progressive.js'
import { buildTree } from '../comment-list/tree.js'

/** The section around everything: heading, what is below it, and the polite live region. */
export function shell(m: Messages, heading: string, body: unknown, announcement: string): TemplateResult {
  return html`<section class="palaver" lang=${m.locale} aria-labelledby="heading">
      <h2 id="heading" part="heading" tabindex="-1">${heading}</h2>
      ${body} <div class="visually-hidden" role="status" aria-live="polite">${announcement}</div>
    </section>`
}

/** The heading's words: "N Replies to “title”", or without a title. */
export function headingText(m: Messages, count: number, title: string | null): string {
  return title ? plural(m, m.heading, count, title) : plural(m, m.headingUntitled, count)
}

/** What the form element is given; on the server, nothing (it renders there as an empty element). */
export interface FormProps {
  store: FormStore | null
  replyName: PalaverCommentForm['replyName']
  onCancel: PalaverCommentForm['onCancel']
}

export function formTemplate(m: Messages, props: FormProps): TemplateResult {
  return html`<palaver-comment-form
        exportparts="form, submit"
        .store=${props.store}
        .messages=${m}
        .replyName=${props.replyName}
        .onCancel=${props.onCancel}
      ></palaver-comment-form>`
}

/** Everything the discussion below the heading shows. */
export interface DiscussionView {
  messages: Messages
  chunks: Chunk[]
  /** Chunks rendered now (long threads render progressively). */
  shown: number
  ctx: ListContext
  open: boolean
  /** The comment the form is open under; the form is then in the list, not at the end. */
  replyingTo: string | null
  feed: string | null
  nextCursor: string | null
  more: 'idle' | 'loading' | 'error'
  onLoadMore: () => void
}

export function discussion(view: DiscussionView): TemplateResult {
  const { messages: m, chunks, ctx, open } = view
  return html`
      ${
        chunks.length
          ? html`<ol class="comments" part="list" @click=${(e: MouseEvent) => onListClick(e, ctx)}>${chunkedList(chunks, view.shown, ctx)}</ol>`
          : open
            ? html`<p class="empty">${m.noComments}</p>`
            : nothing
      }
      ${
        view.nextCursor
          ? html`<p class="more">
            <button type="button" part="load-more" aria-disabled=${view.more === 'loading' ? 'true' : 'false'} @click=${view.onLoadMore}>
              ${view.more === 'loading' ? m.loadingMore : view.more === 'error' ? m.retry : m.loadMore}
            </button>
          </p>`
          : nothing
      }
      ${open ? (view.replyingTo ? nothing : ctx.form()) : html`<p class="closed">${m.closed}</p>`}
      ${view.feed ? html`<p class="feed"><a part="feed" href=${view.feed} type="application/atom+xml">${m.feed}</a></p>` : nothing}
    `
}

/**
 * What the server rendered, as it sends it beside the markup (a JSON script in the shadow
 * root): the first page of the thread as `GET /api/v1/comments` answers it, and the words
 * it chose. The element hydrates by rendering exactly this once (`seedTemplate`), then
 * renders its own view (the reader's time zone, own comments, full permalinks) over it.
 */
export interface Seed {
  lang: string
  /** The title the heading used (the `title` asked for, else the thread's), or null. */
  title: string | null
  thread: ThreadInfo
  comments: Comment[]
  nextCursor: string | null
  maxDepth: number
  sort: Sort
}

/** Dates as the server writes them: it has no reader, so no time zone but UTC. */
export function utcDate(m: Messages, iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return m.dateTime({ year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() })
}

/** What the seed's rendering takes from its renderer: the server passes inert stand-ins. */
export interface SeedHooks {
  messages: Messages
  form: FormProps
  onReply: (id: string) => void
  onJump: (event: Event, id: string) => void
  onLoadMore: () => void
  /** The server: bodies as it sanitized them. The element: none (bodies adopted beforehand). */
  body?: ListContext['body']
}

const NO_OWN: ListContext['own'] = {
  canChange: () => false,
  editing: null,
  confirming: null,
  startEdit: () => {},
  input: () => {},
  save: () => {},
  cancel: () => {},
  askRemove: () => {},
  confirmRemove: () => {},
  keep: () => {},
}

/** The chunks of a seed, every one shown: the server renders the whole first page at once. */
function seedChunks(seed: Seed): Chunk[] {
  return chunkTree(buildTree(seed.comments, seed.maxDepth, seed.sort), CHUNK_SIZE, seed.sort === 'newest')
}

/** The seed as the server renders it and the element hydrates it: one function for both. */
export function seedTemplate(seed: Seed, hooks: SeedHooks): TemplateResult {
  const chunks = seedChunks(seed)
  const m = hooks.messages
  const open = seed.thread.open
  const ctx: ListContext = {
    messages: m,
    page: '',
    replyingTo: null,
    canReply: open,
    form: () => formTemplate(m, hooks.form),
    onReply: hooks.onReply,
    onJump: hooks.onJump,
    own: NO_OWN,
    dateText: (iso) => utcDate(m, iso),
    ...(hooks.body ? { body: hooks.body } : {}),
  }
  const body = discussion({
    messages: m,
    chunks,
    shown: chunks.length,
    ctx,
    open,
    replyingTo: null,
    feed: safeUrl(seed.thread.feed ?? null),
    nextCursor: seed.nextCursor,
    more: 'idle',
    onLoadMore: hooks.onLoadMore,
  })
  return shell(m, headingText(m, seed.thread.count, seed.title), body, '')
}
