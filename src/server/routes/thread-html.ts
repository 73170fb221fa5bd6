/**
 * GET /api/v1/threads/html?thread=KEY[&lang=de][&title=…] — the approved thread as plain,
 * semantic HTML: a heading with the honest count, an ordered list of comments with their
 * replies nested, authors, dates, permalinks, pingbacks. For search engines and readers
 * without JavaScript, included at build time or by the web server (docs/seo.md). No
 * script, no style, no email, no pending comment; every text is escaped by hono/html and
 * every body is the HTML the server sanitized when it was posted.
 */
import { type Context, Hono } from 'hono'
import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { Comment, Sort, ThreadInfo } from '../../model.js'
import { messagesFor, plural, registerLocale, type Messages } from '../../i18n/index.js'
import { SHIPPED_LOCALES } from '../../i18n/shipped.js'
import { encodeCursor, limitParam, threadParam } from '../http.js'
import { preReadEtag } from '../middleware/etag.js'
import { fieldProblem } from '../problem.js'
import { publicUrl } from '../public-url.js'
import type { ThreadPage } from '../services/threads.js'
import type { Cursor } from '../store.js'
import { threadInfo, type Deps } from './deps.js'

// The server has every language at hand (the widget loads them one by one): no-JS readers
// read the thread in the page's language as script readers do.
for (const [tag, messages] of Object.entries(SHIPPED_LOCALES)) registerLocale(tag, messages)

/** Top-level comments in one answer (docs/seo.md); the heading counts what is shown. */
const MAX_ROOTS = 1000
const PAGE = 200
/** And at most this many comments in all, however the replies are spread. */
const MAX_COMMENTS = 5000

type Markup = HtmlEscapedString | Promise<HtmlEscapedString>

/** Dates in UTC: the answer is cached and shared, so there is no reader's time zone to use. */
function dateText(messages: Messages, iso: string): string {
  const d = new Date(iso)
  return messages.dateTime({ year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hours: d.getUTCHours(), minutes: d.getUTCMinutes() })
}

const KIND_LABEL = { pingback: 'pingback', trackback: 'trackback', webmention: 'webmention' } as const

function item(comment: Comment, children: Map<string | null, Comment[]>, m: Messages): Markup {
  const replies = children.get(comment.id) ?? []
  const nested = replies.length > 0 ? html`<ol>${replies.map((reply) => item(reply, children, m))}</ol>` : ''
  if (comment.status === 'deleted') {
    return html`<li id="comment-${comment.id}" class="palaver-comment palaver-deleted"><p>${m.deleted}</p>${nested}</li>`
  }
  const name = comment.author.url ? html`<a href="${comment.author.url}" rel="nofollow ugc noopener">${comment.author.name}</a>` : comment.author.name
  const kind = comment.kind in KIND_LABEL ? html` <span class="palaver-kind">${m[KIND_LABEL[comment.kind as keyof typeof KIND_LABEL]]}</span>` : ''
  return html`<li id="comment-${comment.id}" class="palaver-comment"><article>
<header><span class="palaver-author">${name}</span>${kind} <a class="palaver-permalink" href="#comment-${comment.id}" title="${m.permalink}"><time datetime="${comment.createdAt}">${dateText(m, comment.createdAt)}</time></a></header>
<div class="palaver-body">${raw(comment.html)}</div>
</article>${nested}</li>`
}

/** What src/ssr/thread-shadow.ts offers; typed here, since the server is compiled without the DOM it is typed against. */
interface ShadowRenderer {
  renderThreadShadow(page: {
    lang: string | undefined
    title: string | null
    thread: ThreadInfo
    comments: Comment[]
    nextCursor: string | null
    maxDepth: number
    sort: Sort
  }): Promise<string>
}

/**
 * The Lit SSR renderer, loaded on the first `shadow=1` request: beside the widget in the
 * source tree, beside cli.js in the build (vite.config.ts). A computed specifier, so the
 * server's type check does not follow it into the widget's DOM-typed modules.
 */
let renderer: Promise<ShadowRenderer> | undefined
const shadowRenderer = (): Promise<ShadowRenderer> =>
  (renderer ??= import(/* @vite-ignore */ new URL(import.meta.url.endsWith('.ts') ? '../../ssr/thread-shadow.ts' : './thread-shadow.js', import.meta.url).href))

/**
 * `shadow=1`: the first page as `<palaver-comments>`' own shadow root, for the element to
 * hydrate (docs/seo.md). The same page as GET /api/v1/comments with `limit` and `sort`, so
 * the live page the element loads next changes nothing that did not change.
 */
async function shadowAnswer(deps: Deps, c: Context, key: string, title: string | null): Promise<string> {
  const { threads } = deps
  const limit = limitParam(c.req.query('limit'), 50, 200)
  const sort = c.req.query('sort') ?? 'oldest'
  if (sort !== 'oldest' && sort !== 'newest') throw fieldProblem(400, 'sort', 'invalid', 'sort is oldest or newest.')
  const maxDepth = limitParam(c.req.query('max-depth'), 5, 100)
  const { row, count } = await threads.summary(key)
  const thread = threadInfo(deps, key, row, count, false)
  // Absolute, as the palaver adapter makes it: the element links to it from the first frame.
  if (thread.feed) thread.feed = publicUrl(c, deps.options, thread.feed)
  const page = await threads.page(key, { cursor: null, limit, sort, tokenHashes: [] })
  const comments = [...page.comments]
  for (const more of page.moreReplies) {
    let after: Cursor | null = more.after
    while (after && comments.length < MAX_COMMENTS) {
      const rest: { comments: Comment[]; next: Cursor | null } = await threads.replies(more.parentId, after, [])
      comments.push(...rest.comments)
      after = rest.next
    }
  }
  const { renderThreadShadow } = await shadowRenderer()
  return renderThreadShadow({ lang: c.req.query('lang'), title: title ?? thread.title, thread, comments, nextCursor: encodeCursor(page.next), maxDepth, sort })
}

export function threadHtmlRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, threads, options } = deps

  app.get(
    '/threads/html',
    preReadEtag(async (c) => {
      const key = threadParam(c.req.query('thread'), options.limits.thread)
      const row = await store.thread(key)
      const shape = ['lang', 'title', 'shadow', 'limit', 'sort', 'max-depth'].map((name) => encodeURIComponent(c.req.query(name) ?? ''))
      return `W/"html-${row?.version ?? 0}-${shape.join('-')}"`
    }),
    async (c) => {
      const key = threadParam(c.req.query('thread'), options.limits.thread)
      const title = c.req.query('title') ?? null
      if (title !== null && title.length > options.limits.title)
        throw fieldProblem(400, 'title', 'too-long', `Titles are at most ${options.limits.title} characters.`)
      if (c.req.query('shadow') === '1') {
        const body = await shadowAnswer(deps, c, key, title)
        c.header('Cache-Control', 'public, max-age=60')
        c.header('Content-Type', 'text/html; charset=utf-8')
        return c.body(body)
      }
      const m = messagesFor(c.req.query('lang'))

      // Whole subtrees, page by page; crowded threads' extra replies come by their own route.
      const comments: Comment[] = []
      let cursor: Cursor | null = null
      let roots = 0
      do {
        const page: ThreadPage = await threads.page(key, { cursor, limit: PAGE, sort: 'oldest', tokenHashes: [] })
        comments.push(...page.comments)
        for (const more of page.moreReplies) {
          let after: Cursor | null = more.after
          while (after && comments.length < MAX_COMMENTS) {
            const rest: { comments: Comment[]; next: Cursor | null } = await threads.replies(more.parentId, after, [])
            comments.push(...rest.comments)
            after = rest.next
          }
        }
        roots += page.comments.filter((comment) => comment.parentId === null).length
        cursor = page.next
      } while (cursor && roots < MAX_ROOTS && comments.length < MAX_COMMENTS)
      const count = comments.filter((comment) => comment.status === 'approved').length

      const children = new Map<string | null, Comment[]>()
      const ids = new Set(comments.map((comment) => comment.id))
      for (const comment of comments) {
        const parent = comment.parentId !== null && ids.has(comment.parentId) ? comment.parentId : null
        const list = children.get(parent) ?? []
        list.push(comment)
        children.set(parent, list)
      }
      const heading = title ? plural(m, m.heading, count, title) : plural(m, m.headingUntitled, count)
      const body = await html`<section class="palaver-thread" lang="${m.locale}" aria-labelledby="palaver-heading">
<h2 id="palaver-heading">${heading}</h2>
${count === 0 ? html`<p>${m.noComments}</p>` : html`<ol class="palaver-comments">${(children.get(null) ?? []).map((comment) => item(comment, children, m))}</ol>`}
</section>
`
      c.header('Cache-Control', 'public, max-age=60')
      c.header('Content-Type', 'text/html; charset=utf-8')
      return c.body(body.toString())
    },
  )
  return app
}
