/**
 * The server-rendered `<palaver-comments>` shadow root: Lit SSR (`@lit-labs/ssr`) renders
 * the element's own templates (src/widget/palaver-comments/section.ts) for the first page
 * of a thread into a `<template shadowrootmode="open">` — the styles, the heading with the
 * honest count, the comments with authors, dates, permalinks and mentions, an empty form
 * element — plus the page it rendered, as JSON, for the element to hydrate from.
 *
 * It runs in the server (GET /api/v1/threads/html?shadow=1, src/server/routes/thread-html.ts)
 * but lives here, beside the widget: it imports the widget's templates, which are typed
 * against the DOM, and the server's own modules are compiled without it.
 */
import { render } from '@lit-labs/ssr'
import { collectResult } from '@lit-labs/ssr/lib/render-result.js'
import type { CSSResultGroup } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { messagesFor } from '../i18n/index.js'
import type { Comment, Sort, ThreadInfo } from '../model.js'
import { styles } from '../widget/palaver-comments/palaver-comments.styles.js'
import { seedTemplate, type Seed } from '../widget/palaver-comments/section.js'

export interface ShadowPage {
  lang: string | undefined
  title: string | null
  thread: ThreadInfo
  /** The first page as GET /api/v1/comments lists it: top-level comments with their replies. */
  comments: Comment[]
  nextCursor: string | null
  maxDepth: number
  sort: Sort
}

/** The styles' text, comments and runs of white space squeezed out as the widget's build does (vite.config.ts). */
function cssText(group: CSSResultGroup): string {
  if (Array.isArray(group)) return group.map(cssText).join('')
  const text = 'cssText' in group ? group.cssText : ''
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .trim()
}

/**
 * For the server-rendered root only, after the element's own styles. The first comments,
 * those a first viewport can show, are laid out with the page: content-visibility's
 * placeholder sizes would make the first frame shift there (the rest keep it, as in the
 * widget, so a long thread costs no layout until it is scrolled to). Without script the form cannot send and Load more cannot load: not
 * shown. With script, the form's room is kept before it renders (an empty element until
 * the script runs), so nothing below the element moves when it does.
 */
const SERVER_STYLE = `.comments > li:nth-child(-n + 12) > :is(article, .children) { content-visibility: visible }
@media (scripting: none) { .palaver > palaver-comment-form, .more { display: none } }
@media (scripting: enabled) { .palaver > palaver-comment-form { display: block; min-height: var(--palaver-form-room, 44em) } }`

const STYLE = `<style>${cssText(styles)}\n${SERVER_STYLE}</style>`
const ignore = () => {}

/** JSON inside a script element: nothing in it may close the element or open a comment. */
const scriptSafe = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')

/**
 * The `<template shadowrootmode="open">…</template>` to put inside `<palaver-comments>`.
 * Bodies are the HTML the server sanitized when they were posted; the element sanitizes
 * them again with its own policy when it hydrates.
 */
export async function renderThreadShadow(page: ShadowPage): Promise<string> {
  const m = messagesFor(page.lang)
  const seed: Seed = {
    lang: m.locale,
    title: page.title,
    thread: page.thread,
    comments: page.comments,
    nextCursor: page.nextCursor,
    maxDepth: page.maxDepth,
    sort: page.sort,
  }
  const template = seedTemplate(seed, {
    messages: m,
    form: { store: null, replyName: null, onCancel: null },
    onReply: ignore,
    onJump: ignore,
    onLoadMore: ignore,
    body: (comment, excerpt) => unsafeHTML(`<div class="${excerpt ? 'body excerpt' : 'body'}" part="body">${comment.html}</div>`),
  })
  const markup = await collectResult(render(template))
  return `<template shadowrootmode="open">${STYLE}<script type="application/json" class="palaver-seed">${scriptSafe(JSON.stringify(seed))}</script>${markup}</template>`
}
