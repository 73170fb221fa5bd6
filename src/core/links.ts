/**
 * What becomes a link in a comment's text, once for the server's renderer and the widget's
 * linkifier: `http://`, `https://` and `www.` addresses (a `www.` one links to https), not
 * inside links or code, trimmed of the punctuation around them. The server's link hold
 * counts what this finds, so it counts the links readers see.
 *
 * Linear in the length of the text: brackets are counted once per candidate, however many
 * closing brackets a hostile comment piles up after an address.
 */
import { parseHttpUrl } from './url.js'

/** A link longer than this stays text: no real address is, and parsing it would cost. */
export const MAX_LINK_LENGTH = 2048

/** Text inside these elements never becomes a link: links already, and code. */
export const UNLINKED_TAGS: readonly string[] = ['a', 'code', 'pre']

/** Cheap pre-check: most comments hold no address at all. */
export const MAYBE_LINK = /https?:\/\/|www\./i

/** A candidate: http(s):// or www. up to whitespace or a character that cannot end a URL in text. */
const CANDIDATE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi

/** Trailing characters that end a sentence or quote rather than the URL. */
const TRAILING = /[.,;:!?'"*_…“”‘’«»‹›]/

const OPENER_OF: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' }

/**
 * Cuts sentence punctuation off the end of a URL candidate, and closing brackets that
 * have no opening partner inside the URL: `(see https://x.example/a_(b))` keeps `a_(b)`.
 */
export function trimUrl(candidate: string): string {
  // Every character counted once; cutting a closer off leaves one fewer of it.
  const count: Record<string, number> = {}
  for (const ch of candidate) count[ch] = (count[ch] ?? 0) + 1
  let end = candidate.length
  while (end > 0) {
    const last = candidate.charAt(end - 1)
    const opener = OPENER_OF[last]
    if (TRAILING.test(last)) end--
    else if (opener !== undefined && count[last]! > (count[opener] ?? 0)) {
      count[last]!--
      end--
    } else break
  }
  return candidate.slice(0, end)
}

/** The href for an address found in text, or null when it is not a usable http(s) URL. */
function hrefOf(url: string): string | null {
  const absolute = /^www\./i.test(url) ? `https://${url}` : url
  // A host must follow the scheme: "http://" and "https://." are not links.
  if (!/^https?:\/\/[^/?#.\s][^/?#\s]*/i.test(absolute)) return null
  return parseHttpUrl(absolute)?.href ?? null
}

export interface FoundLink {
  /** Where the link's text starts and ends in the text searched. */
  start: number
  end: number
  /** What it links to, as the URL parser writes it. */
  href: string
}

/** The links in a run of text (as readers read it: no markup, entities decoded), in order. */
export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = []
  if (!MAYBE_LINK.test(text)) return found
  for (const match of text.matchAll(CANDIDATE)) {
    const url = trimUrl(match[0])
    const href = url.length > MAX_LINK_LENGTH ? null : hrefOf(url)
    if (href !== null) found.push({ start: match.index, end: match.index + url.length, href })
  }
  return found
}
