/**
 * "You posted the same comment here a moment ago": the same author, the same text, the
 * same thread, within ten minutes. Text and names are compared after normalizing, so
 * case, runs of white space, compatibility forms (a full-width letter, a no-break space)
 * and invisible format characters (zero-width spaces, bidi marks) do not make another
 * comment. The author is the email's key when there is one, else the normalized name.
 */
import { sha256 } from '../tokens.js'

export const DUPLICATE_WINDOW_MS = 10 * 60_000

export function normalizedText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
}

export function duplicateKey(thread: string, author: { key: string | null; name: string }, body: string): string {
  const who = author.key ? `key\0${author.key}` : `name\0${normalizedText(author.name)}`
  return sha256(`${thread}\0${who}\0${normalizedText(body)}`)
}
