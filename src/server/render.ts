/**
 * Turns a body as typed into the HTML the server stores and sends: paragraphs from blank
 * lines, <br> from single line breaks, bare http(s) URLs linked, and a small allowlist of
 * inline HTML kept (sanitize-html). Links get rel="nofollow ugc noopener". The widget
 * sanitizes the result again before rendering; this is the first of two fences.
 */
import sanitizeHtml from 'sanitize-html'

const ALLOWED_TAGS = [
  'p', 'br', 'a', 'em', 'strong', 'b', 'i', 'code', 'pre', 'blockquote', 'q',
  'ul', 'ol', 'li', 'del', 's', 'cite', 'abbr',
]
const LINK_REL = 'nofollow ugc noopener'

// Stops at whitespace, quotes and angle brackets; trailing punctuation is trimmed below.
const BARE_URL = /\bhttps?:\/\/[^\s<>"']+/gi

/** "(see https://x.org/a)." → the link is https://x.org/a, not "…a)." */
function splitTrailing(url: string): [string, string] {
  let end = url.length
  while (end > 0) {
    const ch = url[end - 1]!
    if ('.,;:!?\'"'.includes(ch)) end--
    else if (ch === ')' && count(url.slice(0, end), '(') < count(url.slice(0, end), ')')) end--
    else break
  }
  return [url.slice(0, end), url.slice(end)]
}

const count = (text: string, ch: string) => text.split(ch).length - 1

/** Works on already-escaped text (sanitize-html's textFilter), so & arrives as &amp;. */
function linkify(escaped: string): string {
  return escaped.replace(BARE_URL, (match) => {
    const [url, rest] = splitTrailing(match)
    return `<a href="${url}" rel="${LINK_REL}">${url}</a>${rest}`
  })
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
  let insideLink = 0
  return sanitizeHtml(paragraphs(text), {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], abbr: ['title'], q: ['cite'], blockquote: ['cite'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href', 'cite'],
    disallowedTagsMode: 'escape',
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: LINK_REL } }),
    },
    // textFilter sees the innermost tag only; a URL typed inside <a>…</a> stays text.
    onOpenTag: (name) => {
      if (name === 'a') insideLink++
    },
    onCloseTag: (name) => {
      if (name === 'a') insideLink = Math.max(0, insideLink - 1)
    },
    textFilter: (escaped, tagName) => (tagName === 'a' || insideLink > 0 ? escaped : linkify(escaped)),
  })
}

/** Moderation holds comments with more than two links in any mode. */
export function countLinks(html: string): number {
  return (html.match(/<a\s/g) ?? []).length
}
