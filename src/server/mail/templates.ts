/**
 * The mails, each as a subject, a text part and an HTML part, in the thread's language.
 * HTML goes only through html`` (html.ts): every value is escaped, the comment body is the
 * server's sanitized HTML (sanitized once more); the text part carries the body as typed.
 * Names sit in Unicode isolates (FSI … PDI), so a right-to-left override in a name cannot
 * turn the words around it.
 */
import type { ThreadRow, CommentRow } from '../store.js'
import { bodyHtml, html, type SafeHtml } from './html.js'
import type { ModerationAction } from './links.js'
import type { MailMessages } from './messages.js'

export interface RenderedMail {
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

export interface OwnerMailInput {
  kind: 'held' | 'new'
  comment: CommentRow
  thread: ThreadRow
  /** Approve only for a held comment. */
  links: Partial<Record<ModerationAction, string>>
  expiresMs: number
}

export interface Reply {
  comment: CommentRow
  /** The subscriber's comment it answers. */
  parent: CommentRow | null
}

export interface RepliesMailInput {
  thread: ThreadRow
  replies: Reply[]
  unsubscribeUrl: string
}

const isolate = (text: string) => `\u2068${text}\u2069`
/** Subjects are one line: whatever a title or name holds, no control characters reach the header. */
const oneLine = (text: string) => text.replace(/\p{Cc}+/gu, ' ').trim()
const titleOf = (thread: ThreadRow) => oneLine(thread.owner_title || thread.title || thread.key)
export const commentUrl = (thread: ThreadRow, id: string): string | null => (thread.url ? `${thread.url}#comment-${id}` : null)

/** The first words of a comment, to remind a reader which one was answered. */
function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat
}

/** RFC 3834: no vacation replies and no auto-forward loops for mail a machine wrote. */
const AUTOMATIC = { 'Auto-Submitted': 'auto-generated' }

const ACTIONS: readonly ModerationAction[] = ['approve', 'spam', 'delete']

const STYLE = {
  body: 'margin:0;padding:24px;background:#f6f6f6;color:#1f1f1f;font:16px/1.5 system-ui,sans-serif',
  card: 'max-width:600px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px',
  quote: 'margin:16px 0;padding:8px 16px;border-left:4px solid #d0d0d0;color:#333333',
  button: 'display:inline-block;margin:0 8px 8px 0;padding:8px 16px;border-radius:4px;background:#1d4ed8;color:#ffffff;text-decoration:none',
  muted: 'color:#555555;font-size:14px',
}

function document(m: MailMessages, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="${STYLE.body}"><div style="${STYLE.card}">${content}</div></body></html>`.value
}

export function ownerMail(m: MailMessages, input: OwnerMailInput): RenderedMail {
  const { comment, thread } = input
  const words = input.kind === 'held' ? m.held : m.published
  const title = titleOf(thread)
  const name = isolate(comment.author_name)
  const links = ACTIONS.flatMap((action) => (input.links[action] ? [{ label: m.actions[action], url: input.links[action]! }] : []))
  // A held comment is not on the page yet: its anchor would lead nowhere.
  const threadUrl = input.kind === 'held' ? thread.url : commentUrl(thread, comment.id)
  const until = m.dateTime(input.expiresMs)

  const text = [
    words.intro(name, title),
    '',
    comment.body_text,
    '',
    ...(comment.author_url ? [`${m.website}: ${comment.author_url}`, ''] : []),
    ...links.map((link) => `${link.label}: ${link.url}`),
    m.linkNote(until),
    ...(threadUrl ? ['', `${m.readThread}: ${threadUrl}`] : []),
    '',
  ].join('\n')

  const content = html`<p>${words.intro(name, title)}</p>
<blockquote style="${STYLE.quote}">${bodyHtml(comment.body_html)}</blockquote>
${comment.author_url ? html`<p style="${STYLE.muted}">${m.website}: ${comment.author_url}</p>` : null}
<p>${links.map((link) => html`<a href="${link.url}" style="${STYLE.button}">${link.label}</a>`)}</p>
<p style="${STYLE.muted}">${m.linkNote(until)}</p>
${threadUrl ? html`<p><a href="${threadUrl}">${m.readThread}</a></p>` : null}`

  const subject = oneLine(words.subject(title))
  return { subject, text, html: document(m, subject, content), headers: { ...AUTOMATIC } }
}

export function repliesMail(m: MailMessages, input: RepliesMailInput): RenderedMail {
  const { thread, replies } = input
  const title = titleOf(thread)
  const first = replies[0]!.comment
  const subject = oneLine(m.replies.subject(replies.length, isolate(first.author_name), title))

  const text = [
    m.replies.intro(title),
    ...replies.flatMap(({ comment, parent }) => {
      const url = commentUrl(thread, comment.id)
      return [
        '',
        m.replies.replied(isolate(comment.author_name)),
        comment.body_text,
        ...(parent ? [`(${m.replies.answering}: ${m.quote(excerpt(parent.body_text))})`] : []),
        ...(url ? [`${m.replies.read}: ${url}`] : []),
      ]
    }),
    '',
    '-- ',
    m.replies.why,
    `${m.replies.unsubscribe}: ${input.unsubscribeUrl}`,
    '',
  ].join('\n')

  const content = html`<p>${m.replies.intro(title)}</p>
${replies.map(({ comment, parent }) => {
  const url = commentUrl(thread, comment.id)
  return html`<p><strong>${m.replies.replied(isolate(comment.author_name))}</strong></p>
<blockquote style="${STYLE.quote}">${bodyHtml(comment.body_html)}</blockquote>
${parent ? html`<p style="${STYLE.muted}">${m.replies.answering}: ${m.quote(excerpt(parent.body_text))}</p>` : null}
${url ? html`<p><a href="${url}">${m.replies.read}</a></p>` : null}`
})}
<hr>
<p style="${STYLE.muted}">${m.replies.why}<br><a href="${input.unsubscribeUrl}">${m.replies.unsubscribe}</a></p>`

  return {
    subject,
    text,
    html: document(m, subject, content),
    // RFC 2369 and RFC 8058: mail programs offer their own one-click "Unsubscribe", which POSTs here.
    headers: { ...AUTOMATIC, 'List-Unsubscribe': `<${input.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
