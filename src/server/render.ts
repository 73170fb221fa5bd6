/**
 * Turns a body as typed into the HTML the server stores and sends, in three steps:
 *
 * 1. Markdown (src/server/markdown.ts): the small subset, raw HTML off; paragraphs from
 *    blank lines, <br> from single line breaks, tags of the body allowlist typed as HTML
 *    kept as tags, everything else typed as HTML shown as text.
 * 2. sanitize-html with the body allowlist (src/core/body-html.ts): only its elements and
 *    attributes, hrefs only with its schemes, every link rel="nofollow ugc noopener".
 * 3. Bare addresses linked by the link rules (src/core/links.ts), outside links and code.
 *
 * The widget applies the same allowlist and link rules when it sanitizes again before
 * rendering (test/browser/content/parity.test.ts); this is the first of two fences.
 */
import sanitizeHtml from 'sanitize-html'
import { BODY_ATTRIBUTES, BODY_TAGS, LINK_HREF, LINK_REL, LINK_SCHEMES } from '../core/body-html.js'
import { findLinks, MAYBE_LINK, UNLINKED_TAGS } from '../core/links.js'
import { markdownToHtml } from './markdown.js'

/** tag → its attributes, from the allowlist's attribute → tag; rel is set on every link. */
const ALLOWED_ATTRIBUTES: Record<string, string[]> = { a: ['rel'] }
for (const [attribute, tag] of Object.entries(BODY_ATTRIBUTES)) (ALLOWED_ATTRIBUTES[tag] ??= []).push(attribute)

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [...BODY_TAGS],
  allowedAttributes: ALLOWED_ATTRIBUTES,
  allowedSchemes: [...LINK_SCHEMES],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    // A typed link keeps its href only when its value, trimmed as DOMPurify trims it,
    // passes the allowlist's test (sanitize-html alone keeps relative ones), and always
    // gets our rel.
    a: (tagName, attribs) => {
      const href = attribs.href?.trim()
      return { tagName, attribs: { ...(href && LINK_HREF.test(href) ? { href } : {}), rel: LINK_REL } }
    },
  },
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;')
/** sanitize-html escapes exactly these three in text (it decodes every other entity). */
const unescapeText = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

/** One run of sanitized text with its addresses linked; the text as it was when it has none. */
function linkText(escaped: string): string {
  if (!MAYBE_LINK.test(escaped)) return escaped
  const text = unescapeText(escaped)
  const links = findLinks(text)
  if (links.length === 0) return escaped
  let out = ''
  let last = 0
  for (const { start, end, href } of links) {
    out += `${escapeText(text.slice(last, start))}<a href="${escapeAttribute(href)}" rel="${LINK_REL}">${escapeText(text.slice(start, end))}</a>`
    last = end
  }
  return out + escapeText(text.slice(last))
}

/**
 * Links the addresses in sanitize-html's output. That output is regular: `<` and `>` only
 * open and close tags (in text and attribute values they are escaped), so splitting at
 * tags gives every text run whole — sanitize-html's own text filter sees text in pieces
 * cut at entities, and would miss `https://x.example/?a=1&amp;b=2`.
 */
function linkify(clean: string): string {
  if (!MAYBE_LINK.test(clean)) return clean
  const parts = clean.split(/(<[^>]*>)/)
  let unlinked = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (i % 2 === 1) {
      const tag = /^<(\/?)([a-z0-9]+)/.exec(part)
      if (tag && UNLINKED_TAGS.includes(tag[2]!)) unlinked = Math.max(0, unlinked + (tag[1] ? -1 : 1))
    } else if (unlinked === 0 && part) parts[i] = linkText(part)
  }
  return parts.join('')
}

/** The HTML of a body as typed; '' for a blank one. The same for posting, editing and previewing. */
export function renderBody(typed: string): string {
  return linkify(sanitizeHtml(markdownToHtml(typed), SANITIZE)).trim()
}

/**
 * Stored body HTML through the same allowlist once more, for places without the widget's
 * second fence (DOMPurify): mail and the mail pages. Sanitizing twice changes nothing.
 */
export function sanitizeStored(html: string): string {
  return sanitizeHtml(html, SANITIZE)
}

/**
 * The links readers will see in a rendered body: anchors with an href (one whose href
 * was dropped is text to a reader). Moderation holds comments with more than two.
 */
export function countLinks(html: string): number {
  return (html.match(/<a [^>]*\bhref="/g) ?? []).length
}
