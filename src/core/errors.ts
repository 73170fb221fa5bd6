/**
 * What can go wrong, in the words the widget, every adapter and the server share: the
 * error kinds, the field problems, and the one error type adapters reject with.
 */
import type { DraftField } from './draft.js'

export type ErrorKind =
  | 'validation' // a field is wrong: see `fields`
  | 'network' // no answer: retry later
  | 'server' // the backend failed: retry later
  | 'closed' // the thread takes no more comments
  | 'duplicate' // the same comment was posted already
  | 'rate-limited' // too fast: wait and retry
  | 'too-soon' // posted faster than a person types: retry in a moment
  | 'not-found'
  | 'forbidden'
  | 'edit-expired' // the edit window of one's own comment is over (a 403 forbidden that says so)
  | 'config' // the element is misconfigured (no server, unknown adapter)

/** Machine-readable reasons; the widget turns them into localized text. */
export type FieldCode = 'required' | 'invalid' | 'too-long'

export interface FieldProblem {
  code: FieldCode | 'other'
  /** The backend's own wording, shown when the code is 'other'. */
  message: string
}

export type FieldErrors = Partial<Record<DraftField, FieldProblem>>

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['network', 'server', 'rate-limited', 'too-soon'])

/**
 * The one error type every adapter rejects with, whatever its backend said, so the form
 * can put "E-Mail is required" next to the right input.
 */
export class PalaverError extends Error {
  override readonly name = 'PalaverError'
  readonly kind: ErrorKind
  readonly fields: FieldErrors
  readonly status: number | undefined
  /** Seconds the backend asked to wait before trying again (Retry-After), if it said. */
  readonly retryAfter: number | undefined

  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      fields?: FieldErrors
      status?: number
      retryAfter?: number
      cause?: unknown
    } = {},
  ) {
    super(message, { cause: options.cause })
    this.kind = kind
    this.fields = options.fields ?? {}
    this.status = options.status
    this.retryAfter = options.retryAfter
  }

  /** Worth trying again with the same idempotency key. */
  get retryable(): boolean {
    return RETRYABLE.has(this.kind)
  }
}

/**
 * Anything thrown becomes a PalaverError; a TypeError from fetch means the network failed.
 * An abort is told by its name (a DOMException in browsers and Node alike, but core
 * names no platform type).
 */
export function toPalaverError(error: unknown): PalaverError {
  if (error instanceof PalaverError) return error
  if (error instanceof Error && error.name === 'AbortError') {
    return new PalaverError('network', 'The request was aborted.', { cause: error })
  }
  if (error instanceof TypeError) return new PalaverError('network', error.message, { cause: error })
  return new PalaverError('server', error instanceof Error ? error.message : String(error), { cause: error })
}
