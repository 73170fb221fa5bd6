/**
 * The rules of a draft: which fields there are, how long each may be, which are required,
 * and what counts as an email address or a website. The form checks them before sending,
 * the memory adapter as its backend, and the reference server as the authority.
 */
import type { FieldErrors } from './errors.js'
import { safeUrl } from './url.js'

/** The fields a reader fills in, in the order the form shows and reports them. */
export type DraftField = 'name' | 'email' | 'url' | 'body'
export const DRAFT_FIELDS: readonly DraftField[] = ['name', 'email', 'url', 'body']

/** The most characters (UTF-16 code units, as `String.length` counts) each field may hold. */
export type DraftLimits = Record<DraftField, number>

/**
 * The reference server's defaults (`--max-name`, `--max-url`, `--max-body`; 254 is the
 * longest address SMTP carries). A server sends its own in the thread info; these stand
 * for backends that do not say (WordPress, memory).
 */
export const DEFAULT_LIMITS: Readonly<DraftLimits> = { name: 100, email: 254, url: 2000, body: 20_000 }

/** Fields required when the backend does not say (the body always is). */
export const DEFAULT_REQUIRES: readonly DraftField[] = ['name', 'email']

/**
 * The fields required of this draft: the backend's, and the email when the reader asks to
 * be notified of replies (mail needs an address). The server checks the same.
 */
export function requiredFor(requires: readonly DraftField[], notify: boolean): readonly DraftField[] {
  return notify && !requires.includes('email') ? [...requires, 'email'] : requires
}

/**
 * The HTML standard's "valid e-mail address" (what `<input type=email>` accepts), with a
 * dot in the domain as WordPress asks. Labels cannot hold dots, so matching is linear.
 */
const EMAIL = /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?(?:\.[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?)+$/i

export const isEmail = (text: string): boolean => EMAIL.test(text)

/**
 * What shows nothing: white space, format characters (zero-width spaces and joiners,
 * bidi marks, soft hyphens, tags), controls, variation selectors, the combining grapheme
 * joiner, and the letters that render blank (the Hangul fillers U+3164, U+115F, U+1160,
 * U+FFA0; Braille blank U+2800) — the usual ways to post an "empty" name or comment.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each of these is matched alone on purpose, combining marks included
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Cc}\u034F\u115F\u1160\u2800\u3164\uFE00-\uFE0F\uFFA0\u{E0100}-\u{E01EF}]/gu

/** True when a reader would see nothing of the text: a required field is then empty. */
export const isBlank = (text: string): boolean => text.replace(INVISIBLE, '') === ''

/** A website an author may give: an absolute http(s) URL without white space in it. */
export const isWebsite = (text: string): boolean => !/\s/.test(text) && safeUrl(text) !== null

/**
 * Checks what a reader typed against what the thread requires and allows: an empty map
 * means it may be sent. A field that shows nothing (isBlank) is empty. Name, email and website are sent trimmed, the body as typed, and
 * each is measured as it is sent (as the server measures it). Messages are plain English
 * for backends; the form words them from the codes.
 */
export function checkDraft(
  values: Record<DraftField, string>,
  requires: readonly DraftField[] = DEFAULT_REQUIRES,
  limits: Readonly<DraftLimits> = DEFAULT_LIMITS,
): FieldErrors {
  const errors: FieldErrors = {}
  for (const field of DRAFT_FIELDS) {
    const value = values[field].trim()
    const sent = field === 'body' ? values.body : value
    if (isBlank(value)) {
      if (field === 'body' || requires.includes(field)) errors[field] = { code: 'required', message: `${field} is required.` }
    } else if (sent.length > limits[field]) errors[field] = { code: 'too-long', message: `${field} is too long.` }
    else if (field === 'email' && !isEmail(value)) errors[field] = { code: 'invalid', message: 'email is not valid.' }
    else if (field === 'url' && !isWebsite(value)) errors[field] = { code: 'invalid', message: 'url is not an http(s) address.' }
  }
  return errors
}
