import { html, nothing, type TemplateResult } from 'lit'
import { guard } from 'lit/directives/guard.js'
import { repeat } from 'lit/directives/repeat.js'
import { isCut } from '../../content/caps.js'
import { sanitizeBodyInto } from '../../content/sanitize.js'
import { safeUrl } from '../../core/url.js'
import type { Messages } from '../../i18n/index.js'
import type { Comment } from '../../model.js'
import { identicon } from '../avatar/identicon.js'
import { editor, ownControls, type OwnActions } from './own-comment.js'
import type { Chunk } from './chunks.js'
import type { TreeNode } from './tree.js'

/** What the list needs from its host: texts, and what to do on the few actions it offers. */
export interface ListContext {
  messages: Messages
  /** The page's address without its fragment: permalinks are this plus a comment's anchor. */
  page: string
  /** The comment the form is open under, if any; the form itself is rendered by `form()`. */
  replyingTo: string | null
  canReply: boolean
  form: () => TemplateResult
  onReply: (id: string) => void
  onJump: (event: Event, id: string) => void
  own: OwnActions
  /** Server rendering (src/ssr/): a comment's body as the server sanitized it, where `document` is not. */
  body?: (comment: Comment, excerpt: boolean) => unknown
  /** Server rendering and its hydration: dates as the server wrote them (UTC); else the reader's zone. */
  dateText?: (iso: string) => string
}

/**
 * The body element of each comment object, filled once with the sanitized nodes: a
 * re-render or a move never sanitizes again, and the safe tree is never re-parsed.
 */
const bodies = new WeakMap<Comment, HTMLElement>()
function body(comment: Comment, excerpt = false): HTMLElement {
  let element = bodies.get(comment)
  if (!element) {
    element = document.createElement('div')
    element.className = excerpt ? 'body excerpt' : 'body'
    element.setAttribute('part', 'body')
    sanitizeBodyInto(element, comment.html)
    bodies.set(comment, element)
  }
  return element
}

/**
 * Hydration: the server-rendered body element of a comment becomes its body element. It is
 * sanitized again in place by the one policy (the server's HTML is not trusted as it is),
 * and kept, so the comment's nodes stay the ones the page already shows.
 */
export function adoptBody(comment: Comment, element: HTMLElement): void {
  if (bodies.has(comment)) return
  element.replaceChildren()
  sanitizeBodyInto(element, comment.html)
  bodies.set(comment, element)
}

/** A comment's time in the reader's time zone, worded by the locale. */
export function formatDate(iso: string, m: Messages): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return m.dateTime({ year: date.getFullYear(), month: date.getMonth(), day: date.getDate(), hours: date.getHours(), minutes: date.getMinutes() })
}

/** The id of a comment's element and the fragment of its permalink. */
export const anchorOf = (id: string) => `comment-${id}`

function authorName(comment: Comment, m: Messages): TemplateResult {
  const name = comment.author.name.trim() || m.anonymous
  const url = safeUrl(comment.author.url)
  return url
    ? html`<a class="author" part="author" href=${url} rel="nofollow ugc noopener">${name}</a>`
    : html`<span class="author" part="author">${name}</span>`
}

function time(comment: Comment, ctx: ListContext): TemplateResult {
  const m = ctx.messages
  return html`<a class="permalink" href=${`${ctx.page}#${anchorOf(comment.id)}`}
    ><time datetime=${comment.createdAt}>${ctx.dateText ? ctx.dateText(comment.createdAt) : formatDate(comment.createdAt, m)}</time
    ><span class="visually-hidden">${` – ${m.permalink}`}</span></a
    >${comment.editedAt ? html` <span class="edited">(${m.edited})</span>` : nothing}`
}

/** Pingbacks, trackbacks and webmentions: the citing page's title as a link and an excerpt. */
function mention(comment: Comment, ctx: ListContext): TemplateResult {
  const m = ctx.messages
  const label = comment.kind === 'trackback' ? m.trackback : comment.kind === 'webmention' ? m.webmention : m.pingback
  return html`<article class="mention" part="comment mention" tabindex="-1" aria-label=${`${label}: ${comment.author.name}`}>
    <p>
      <span class="kind">${label}:</span>
      ${authorName(comment, m)}
      <span class="meta">${time(comment, ctx)}</span>
    </p>
    ${ctx.body ? ctx.body(comment, true) : body(comment, true)}
  </article>`
}

function deleted(m: Messages): TemplateResult {
  return html`<article class="deleted" part="comment deleted"><p>${m.deleted}</p></article>`
}

// The two templates below run once per comment, so they are written without whitespace
// between tags: every newline there would be one more text node per comment. Texts are
// child bindings, not `.textContent`: Lit's server renderer writes no property binding,
// and the server-rendered thread (src/ssr/) must show names, dates and Reply.

function comment(node: TreeNode, ctx: ListContext): TemplateResult {
  const { comment: c, replyTo } = node
  const m = ctx.messages
  const name = c.author.name.trim() || m.anonymous
  const replyButton =
    ctx.canReply && c.status === 'approved'
      ? html`<button type="button" class="reply" part="reply-button"
          aria-expanded=${ctx.replyingTo === c.id ? 'true' : 'false'} aria-label=${m.replyTo(name)}
          value=${c.id}>${m.reply}</button>`
      : nothing
  const answers = replyTo
    ? html`<span class="reply-to"><span class="visually-hidden"> ${m.inReplyTo} </span><a
        href=${`${ctx.page}#${anchorOf(replyTo.id)}`}>${`@${replyTo.author.name.trim() || m.anonymous}`}</a></span>`
    : nothing
  const avatar = identicon(c.author.avatar, name)
  return html`<article class="comment ${c.status === 'pending' ? 'pending' : ''} ${c.mine ? 'mine' : ''}"
    part="comment" tabindex="-1" aria-labelledby=${`by-${c.id}`}
    ><header><svg class="avatar" part="avatar" viewBox="-1 -1 7 7" aria-hidden="true" focusable="false"
      ><path d=${avatar.d} fill=${avatar.fill}></path></svg
      ><p class="byline" id=${`by-${c.id}`}>${authorName(c, m)}${
        c.author.role === 'owner' ? html`<span class="badge" part="badge" .textContent=${m.ownerBadge}></span>` : nothing
      }${answers}</p><p class="meta">${time(c, ctx)}</p></header
    >${c.status === 'pending' ? html`<p class="moderation" part="moderation">${m.awaitingModeration}</p>` : nothing}${
      ctx.own.editing?.id === c.id ? editor(c, ctx.own, m) : ctx.body ? ctx.body(c, false) : body(c)
    }${isCut(c.html) ? html`<p class="cut">${m.bodyCut}</p>` : nothing}<footer>${replyButton}${ownControls(c, ctx.own, m)}</footer></article>`
}

function item(node: TreeNode, ctx: ListContext): TemplateResult {
  const c = node.comment
  const body = c.status === 'deleted' ? deleted(ctx.messages) : c.kind === 'comment' ? comment(node, ctx) : mention(c, ctx)
  return html`<li id=${anchorOf(c.id)} class="depth-${node.depth} ${node.replyTo ? 'flat' : ''}"
    >${body}${ctx.replyingTo === c.id ? ctx.form() : nothing}${
      node.children.length ? html`<ol class="children">${list(node.children, ctx)}</ol>` : nothing
    }</li>`
}

/**
 * One listener for the whole list instead of one per comment: Reply buttons carry the
 * comment's id as their value; permalinks and "@Name" links end in the comment's anchor.
 */
export function onListClick(event: MouseEvent, ctx: ListContext): void {
  const target = event.target as Element
  const reply = target.closest<HTMLButtonElement>('button.reply')
  if (reply) {
    ctx.onReply(reply.value)
    return
  }
  const link = target.closest<HTMLAnchorElement>('a.permalink, .reply-to a')
  const anchor = link && /^#comment-(.+)$/.exec(link.hash)?.[1]
  if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey) ctx.onJump(event, decodeURIComponent(anchor))
}

/** The items of one level; keyed, so a new comment does not re-render its neighbours. */
export function list(nodes: TreeNode[], ctx: ListContext) {
  return repeat(
    nodes,
    (node) => node.comment.id,
    (node) => item(node, ctx),
  )
}

/**
 * The first `shown` chunks of the top-level list. A chunk whose comments and context are
 * unchanged is skipped entirely, so adding a chunk or a comment costs one chunk's work.
 */
export function chunkedList(chunks: Chunk[], shown: number, ctx: ListContext) {
  return repeat(
    chunks.slice(0, shown),
    (chunk) => chunk.key,
    (chunk) => guard([ctx, ...chunk.comments], () => list(chunk.nodes, ctx)),
  )
}
