/**
 * The small pages the links in mail open: plain HTML with at most one form, no script,
 * everything escaped (html.ts), in the thread's language. A GET only shows; the form's POST
 * acts — so a mail scanner that fetches every link changes nothing. The token is in the
 * address, so the pages send no Referer, are never cached and are not indexed.
 */
import { bodyHtml, html, type SafeHtml } from './html.js'
import type { MailMessages } from './messages.js'
import type { CommentRow, ThreadRow } from '../store.js'

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

const STYLE = `body{margin:0;padding:2rem 1rem;font:1rem/1.5 system-ui,sans-serif;color:#1f1f1f;background:#f6f6f6}
main{max-width:36rem;margin:0 auto;padding:1.5rem;background:#fff;border-radius:.5rem}
blockquote{margin:1rem 0;padding:.5rem 1rem;border-left:4px solid #d0d0d0}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:.25rem;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.note{color:#555;font-size:.875rem}
@media (prefers-color-scheme:dark){body{background:#111;color:#eee}main{background:#1e1e1e}.note{color:#bbb}blockquote{border-color:#555}}`

export function page(m: MailMessages, status: number, title: string, content: SafeHtml): Response {
  const body = html`<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head>
<body><main><h1>${title}</h1>
${content}</main></body></html>`
  return new Response(body.value, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': CSP,
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    },
  })
}

/** The comment as readers see it, with who wrote it where. */
export function commentBlock(m: MailMessages, comment: CommentRow, thread: ThreadRow | undefined): SafeHtml {
  return html`<p>${m.pages.byline(`\u2068${comment.author_name}\u2069`, thread?.owner_title || thread?.title || comment.thread_key)}</p>
<blockquote>${bodyHtml(comment.body_html)}</blockquote>`
}

/** A form that POSTs to the page's own address: the only way these pages change anything. */
export const confirmForm = (label: string, note: string): SafeHtml =>
  html`<form method="post"><button type="submit">${label}</button></form>
<p class="note">${note}</p>`

/** A link that cannot be used (invalid, expired, spent), with what to do instead. */
export const refusal = (m: MailMessages, status: number, reason: string, instead: string | null): Response =>
  page(m, status, reason, instead ? html`<p class="note">${instead}</p>` : html``)
