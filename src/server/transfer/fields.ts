/**
 * Field by field, what sources hold → what Palaver stores: times as ISO 8601 UTC with
 * milliseconds, author websites only when absolute http(s), addresses reduced to their
 * network at once, text without NUL (PostgreSQL cannot store it), and source HTML as the
 * typed text renderBody() expects.
 */
import { isIP } from 'node:net'
import sanitizeHtml from 'sanitize-html'
import { safeUrl } from '../../core/url.js'
import { truncateIp } from '../client-ip.js'

export const cleanText = (text: string | null | undefined): string => (text ?? '').replace(/\0/g, '')

/** An ISO time from a Date-parsable string or a Unix time in seconds; null when neither. */
export function isoTime(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value)
  if (!Number.isFinite(ms)) return null
  const date = new Date(ms)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

/** WordPress writes "2013-03-21 10:15:00" (the _gmt fields in UTC); "0000-00-00 00:00:00" is none. */
export function wordpressTime(value: string | undefined): string | null {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)$/.exec((value ?? '').trim())
  if (!match || match[1] === '0000') return null
  return isoTime(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`)
}

/** The website as given (trimmed) when it is one the widget would link; else none. */
export function authorUrl(value: string | null | undefined): string | null {
  const trimmed = cleanText(value).trim()
  return safeUrl(trimmed) ? trimmed : null
}

/** A full address becomes its network, as the server stores a poster's; anything else none. */
export function ipPrefix(value: string | null | undefined): string | null {
  const address = cleanText(value).trim()
  return isIP(address) ? truncateIp(address) : null
}

/**
 * Source HTML (WordPress, Disqus) → the text a commenter would have typed for the same
 * result: paragraphs become blank lines and <br> line breaks, which is how renderBody()
 * makes paragraphs and breaks (left in, a <p> would land inside the one renderBody wraps
 * around each block, and come out as empty paragraphs). A quote, a list or preformatted
 * text becomes a block of its own with no blank line inside (renderBody() would cut it in
 * two) and no line break next to its tags (each would become a <br>). Every other tag is left for renderBody() to keep
 * (the allowlist) or show as text.
 */
export function typedFromHtml(html: string): string {
  const text = cleanText(html)
    .replace(/\r\n?/g, '\n')
    .replace(/<br\s*\/?>[ \t]*\n?/gi, '\n')
    .replace(/<p(?:\s[^>]*)?>|<\/p\s*>/gi, '\n\n')
    .replace(/<(blockquote|ul|ol|pre)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, (block) => `\n\n${block.replace(/\s*\n\s*(?=<)|(?<=>)\s*\n\s*/g, '').replace(/\n[ \t]*(?:\n[ \t]*)+/g, '\n')}\n\n`)
    .replace(/\n[ \t]*(?:\n[ \t]*){2,}/g, '\n\n')
  return text.trim()
}

/**
 * Text that WordPress or Disqus may have written as HTML (titles, names: "Blog &raquo;
 * Post", "Tom&#8217;s"): tags dropped, entities decoded, so it shows as the text it stands
 * for wherever Palaver puts text. sanitize-html decodes every entity and escapes exactly
 * & < > in text; those three are undone here.
 */
export function plainText(value: string | null | undefined): string {
  const text = sanitizeHtml(cleanText(value), { allowedTags: [], allowedAttributes: {} })
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()
}

/** A name to show: the source's (as plain text), else the fallback (sources allow empty names, Palaver does not). */
export function authorName(value: string | null | undefined, fallback: string): string {
  const name = plainText(value)
  return name === '' ? fallback : name
}
