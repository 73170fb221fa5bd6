import { fnv1a } from '../../content/hash.js'
import { sanitizeBodyInto } from '../../content/sanitize.js'
import type { Comment, CommentKind, DraftField, ThreadInfo } from '../../model.js'
import { isText, record, text } from '../read.js'

/** A comment as WordPress's REST API sends it (the fields the adapter asks for). */
export interface WpComment {
  id: number
  parent: number
  author_name: string
  author_url: string
  date_gmt: string
  content: { rendered: string }
  status: string
  type: string
  author_avatar_urls?: Record<string, string | false>
}

/** A post or page, with the field the Palaver plugin (wordpress/palaver.php) adds. */
export interface WpPost {
  id: number
  title?: { rendered: string }
  comment_status?: string
  palaver?: { open?: boolean; requires?: DraftField[] }
}

/** A comment of the shape above, whatever else the site sent (a plugin or a proxy may change answers). */
export function isWpComment(value: unknown): value is WpComment {
  const wp = record(value)
  return (
    Number.isInteger(wp.id) &&
    Number.isInteger(wp.parent) &&
    isText(wp.author_name) &&
    isText(wp.author_url) &&
    isText(wp.date_gmt) &&
    isText(record(wp.content).rendered) &&
    isText(wp.status) &&
    isText(wp.type)
  )
}

/** The `_fields` of a comment the adapter reads: WordPress sends nothing else. */
export const COMMENT_FIELDS = 'id,parent,author_name,author_url,date_gmt,content,status,type,author_avatar_urls'
const KINDS: ReadonlySet<string> = new Set(['comment', 'pingback', 'trackback'])
const FIELDS: ReadonlySet<unknown> = new Set(['name', 'email', 'url', 'body'])

/** One WordPress comment as the widget's model. */
export function toComment(wp: WpComment): Comment {
  const kind: CommentKind = KINDS.has(wp.type) ? (wp.type as CommentKind) : 'comment'
  const avatar = Object.values(wp.author_avatar_urls ?? {}).find((u): u is string => typeof u === 'string')
  const hash = avatar && /\/avatar\/([0-9a-f]{32})/i.exec(avatar)?.[1]
  const name = decodeHtml(wp.author_name ?? '')
  return {
    id: String(wp.id),
    parentId: wp.parent ? String(wp.parent) : null,
    kind,
    author: {
      name,
      url: /^https?:\/\//i.test(wp.author_url ?? '') ? wp.author_url : null,
      // An opaque seed for the identicon: the Gravatar hash hashed again; Gravatar is never asked.
      avatar: kind === 'comment' ? fnv1a(hash || `${name}|${wp.id}`).toString(16) : null,
    },
    // Untrusted: the widget sanitizes it right before rendering.
    html: wp.content?.rendered ?? '',
    createdAt: wpDate(wp.date_gmt),
    editedAt: null,
    status: wp.status === 'approved' ? 'approved' : 'pending',
  }
}

/** What the thread says: the post's title, whether a guest may comment (the plugin's field, else the post's status), which fields are required. */
export function threadInfo(key: string, post: WpPost, count: number): ThreadInfo {
  const title = text(record(post.title).rendered)
  const { open, requires } = record(post.palaver)
  return {
    key,
    title: title ? decodeHtml(title) : null,
    count,
    open: typeof open === 'boolean' ? open : post.comment_status === 'open',
    requires: Array.isArray(requires) ? requires.filter((f): f is DraftField => FIELDS.has(f)) : ['name', 'email'],
  }
}

/** `date_gmt` is UTC without a zone: "2026-03-02T09:01:00". */
function wpDate(value: string): string {
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString()
}

/** The reader's text as WordPress should store it: literal, never markup. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Named character references read so far, and their text. */
const named = new Map<string, string>()

/**
 * The text of a WordPress string that may carry tags and character references (titles,
 * names, messages), without handing the string to an HTML parser: a host that requires
 * Trusted Types refuses that. Tags go (kses lets a few into names); numeric references are
 * decoded here; a named one (`&amp;`, `&raquo;` in a pingback's title) is read once by the
 * project's sanitizer, under its one policy, and remembered. The result is text, shown
 * through Lit's text bindings: nothing here needs to be safe as HTML.
 */
export function decodeHtml(value: string): string {
  return value.replace(/<[^>]*>/g, '').replace(/&(#x[\da-f]+|#\d+|[a-z][a-z\d]*);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') {
      let text = named.get(whole)
      if (text === undefined) {
        const box = document.createElement('p')
        sanitizeBodyInto(box, whole)
        named.set(whole, (text = box.textContent || whole))
      }
      return text
    }
    const code = /x/i.test(ref[1]!) ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    // As the HTML parser does: a reference to no character (0, a surrogate, beyond Unicode) is U+FFFD.
    return code > 0 && code < 0x110000 && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd'
  })
}
