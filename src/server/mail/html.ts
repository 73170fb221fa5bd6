/**
 * HTML for mail and the mail pages, written as `html` tagged templates: every value put
 * into one is escaped (text and attribute values alike), except what is already SafeHtml —
 * other templates, and a comment body through bodyHtml(), which sanitizes the stored HTML
 * once more. There is no other way to put text into these documents.
 */
import { sanitizeStored } from '../render.js'

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value
  }
}

type Part = string | number | SafeHtml | null | undefined | false | readonly Part[]

export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

function piece(part: Part): string {
  if (part === null || part === undefined || part === false) return ''
  if (part instanceof SafeHtml) return part.value
  if (Array.isArray(part)) return part.map(piece).join('')
  return escapeHtml(String(part))
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0] ?? ''
  for (const [i, part] of parts.entries()) out += piece(part) + (strings[i + 1] ?? '')
  return new SafeHtml(out)
}

/** A comment body as readers see it: the stored, sanitized HTML, sanitized again. */
export const bodyHtml = (stored: string): SafeHtml => new SafeHtml(sanitizeStored(stored))
