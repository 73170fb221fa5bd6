/**
 * URL rules: an author's website renders as a link only when it is absolute http(s), and
 * a link found in text gets the href the URL parser makes of it.
 */

/**
 * The WHATWG URL parser, the one platform API core uses: browsers and Node both have it,
 * and they parse alike. Typed here, with only what core reads, so that core compiles
 * without DOM or Node types.
 */
interface ParsedUrl {
  readonly href: string
  readonly protocol: string
  readonly hostname: string
}
const WhatwgUrl = (globalThis as unknown as { URL: new (input: string) => ParsedUrl }).URL

/** The parsed URL when it is absolute http: or https: with a host; otherwise null. */
export function parseHttpUrl(text: string): ParsedUrl | null {
  let parsed: ParsedUrl
  try {
    parsed = new WhatwgUrl(text)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  return parsed.hostname === '' ? null : parsed
}

/** Whitespace and C0/C1 control characters that browsers ignore around a URL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it strips
const EDGE_JUNK = /^[\u0000-\u0020\u007f-\u009f]+|[\u0000-\u0020\u007f-\u009f]+$/g

/**
 * Returns the URL, normalized by the URL parser, when it is an absolute http: or https:
 * URL; otherwise null. Surrounding whitespace and control characters are stripped
 * first; everything else (javascript:, data:, vbscript:, relative URLs, garbage) is
 * rejected. The returned string is what was checked, so render that one.
 */
export function safeUrl(url: string | null): string | null {
  if (url == null) return null
  const trimmed = url.replace(EDGE_JUNK, '')
  return trimmed === '' ? null : (parseHttpUrl(trimmed)?.href ?? null)
}
