/**
 * Author links: a URL renders as a link only when it is absolute http(s).
 */

/** Whitespace and C0/C1 control characters that browsers ignore around a URL. */
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
  if (trimmed === '') return null
  let parsed: URL
  try {
    parsed = new URL(trimmed)
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  if (parsed.hostname === '') return null
  return parsed.href
}
