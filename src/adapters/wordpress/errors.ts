import type { Draft, DraftField, ErrorKind, FieldProblem } from '../../model.js'
import { PalaverError } from '../../core/errors.js'
import { jsonOrEmpty, statusKind } from '../http.js'
import { record, text } from '../read.js'
import { decodeHtml } from './map.js'

type FieldErrors = Partial<Record<DraftField, FieldProblem>>

/** A WordPress REST error body: `{ code, message, data: { status, params, details } }`. */
interface WpError {
  code?: unknown
  message?: unknown
  data?: { params?: unknown; details?: unknown }
}

/** What one error code means: a kind, the fields it names, or a message of ours instead of WordPress's. */
interface Rule {
  kind: ErrorKind
  fields?: (error: WpError, draft: Draft | null, message: string) => FieldErrors
  message?: (message: string) => string
}

const PLUGIN_HINT =
  'This WordPress site does not accept comments from Palaver yet: its owner needs to install the Palaver plugin (wordpress/palaver.php) and allow comments without registration (see docs/wordpress.md).'

/** WordPress's REST parameters and the form's fields. */
const PARAMS: Record<string, DraftField> = { author_name: 'name', author_email: 'email', author_url: 'url', content: 'body' }

/** Name and email required: the ones the draft left empty, or both when it filled them (WordPress found them invalid). */
function authorMissing(_: WpError, draft: Draft | null, message: string): FieldErrors {
  const missing = (['name', 'email'] as const).filter((f) => !draft?.author[f].trim())
  const fields: FieldErrors = {}
  for (const f of missing.length ? missing : (['name', 'email'] as const)) fields[f] = { code: missing.length ? 'required' : 'other', message }
  return fields
}

/** `rest_invalid_param`: each parameter WordPress names, with its own message where it gave one. */
function invalidParams(error: WpError, _: Draft | null, message: string): FieldErrors {
  const details = record(error.data?.details)
  const params = record(error.data?.params)
  const fields: FieldErrors = {}
  for (const param of new Set([...Object.keys(details), ...Object.keys(params)])) {
    const field = Object.hasOwn(PARAMS, param) ? PARAMS[param]! : null
    if (!field) continue
    const own = text(record(details[param]).message) || text(params[param])
    fields[field] = { code: field === 'email' || field === 'url' ? 'invalid' : 'other', message: own ? decodeHtml(own) : message }
  }
  return fields
}

const tooLong = (field: DraftField): Rule => ({ kind: 'validation', fields: (_, __, message) => ({ [field]: { code: 'too-long', message } }) })

/** Every error code of WordPress 6.1's comment routes that the widget can say more about than its status. */
const CODES: Record<string, ErrorKind | Rule> = {
  rest_comment_author_data_required: { kind: 'validation', fields: authorMissing },
  rest_comment_content_invalid: {
    kind: 'validation',
    fields: (_, draft, message) => ({ body: { code: draft && !draft.body.trim() ? 'required' : 'other', message } }),
  },
  rest_invalid_param: { kind: 'validation', fields: invalidParams },
  comment_author_column_length: tooLong('name'),
  comment_author_email_column_length: tooLong('email'),
  comment_author_url_column_length: tooLong('url'),
  comment_content_column_length: tooLong('body'),
  comment_duplicate: 'duplicate',
  comment_flood: 'rate-limited',
  rest_comment_closed: 'closed',
  rest_comment_draft_post: 'closed',
  rest_comment_trash_post: 'closed',
  rest_comment_invalid_post_id: 'not-found',
  rest_post_invalid_id: 'not-found',
  rest_comment_invalid_id: 'not-found',
  rest_comment_login_required: { kind: 'forbidden', message: () => PLUGIN_HINT },
  rest_no_route: { kind: 'config', message: (m) => `No WordPress REST route answered (${m}): check the server="…" address.` },
}

/** Maps a WordPress REST error to the one error type the widget knows, fields included. */
export function wordpressError(status: number, body: string, draft: Draft | null = null): PalaverError {
  // Not JSON (a proxy's or PHP's error page): the status decides.
  const error: WpError = jsonOrEmpty(body)
  const message = decodeHtml(text(error.message)) || `WordPress answered ${status}.`
  const code = text(error.code)
  const found = Object.hasOwn(CODES, code) ? CODES[code]! : { kind: statusKind(status) ?? 'server' }
  const rule = typeof found === 'string' ? { kind: found } : found
  const fields = rule.fields?.(error, draft, message) ?? {}
  // A validation error that names none of the form's fields is WordPress's problem, not the reader's.
  const kind = rule.fields && !Object.keys(fields).length ? 'server' : rule.kind
  return new PalaverError(kind, rule.message?.(message) ?? message, { fields, status })
}
