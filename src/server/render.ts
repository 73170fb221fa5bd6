/**
 * Turns a body as typed into the HTML the server stores and sends: paragraphs from blank
 * lines, <br> from single line breaks, typed HTML kept only as far as the body allowlist
 * (src/core/body-html.ts) allows (other tags show as text), and bare addresses linked by
 * the link rules (src/core/links.ts) — the same rules the widget applies. Links get
 * rel="nofollow ugc noopener". The widget sanitizes the result again before rendering;
 * this is the first of two fences.
 */
import sanitizeHtml from 'sanitize-html'
import { BODY_ATTRIBUTES, BODY_TAGS, LINK_HREF, LINK_REL, LINK_SCHEMES } from '../core/body-html.js'
import { findLinks, MAYBE_LINK, UNLINKED_TAGS } from '../core/links.js'

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

function paragraphs(text: string): string {
  return text
    .split(/\n[ \t]*\n+/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => `<p>${block.replace(/\n/g, '<br>\n')}</p>`)
    .join('\n')
}

export function renderBody(typed: string): string {
  const text = typed.replace(/\r\n?/g, '\n').trim()
  return linkify(sanitizeHtml(paragraphs(text), SANITIZE))
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
