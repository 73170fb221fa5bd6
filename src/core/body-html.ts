/**
 * The HTML a comment body may hold, once for both fences: the server's renderer
 * (Markdown, then sanitize-html, src/server/render.ts) and the widget's sanitizer (DOMPurify,
 * src/content/sanitize.ts). test/browser/content/parity.test.ts holds them to it.
 */

/** Elements a comment body may contain. No style, no class, no id/name (DOM clobbering). */
export const BODY_TAGS: readonly string[] = [
  'p',
  'br',
  'a',
  'em',
  'strong',
  'b',
  'i',
  'code',
  'pre',
  'blockquote',
  'q',
  'ul',
  'ol',
  'li',
  'del',
  's',
  'cite',
  'abbr',
]

/**
 * Attribute → the one element that may carry it. `start` keeps a Markdown list's first
 * number ("2024. was a year" is an `<ol start="2024">`). Not `cite` on q and blockquote:
 * a URL no reader sees, which no rel reaches and no link hold counts.
 */
export const BODY_ATTRIBUTES: Readonly<Record<string, string>> = { href: 'a', title: 'abbr', start: 'ol' }

/** Schemes a link's href may have; any other href is dropped (the link's text stays). */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto']

/**
 * The test an href must pass, on its value as written (entities decoded, surrounding
 * white space trimmed): relative and protocol-relative hrefs fail, and so does
 * "java\tscript:", which tests that remove white space inside first would let through.
 */
export const LINK_HREF = new RegExp(`^(?:${LINK_SCHEMES.join('|')}):`, 'i')

/** Every link a commenter wrote: not endorsed, user-generated, no window.opener. */
export const LINK_REL = 'nofollow ugc noopener'
