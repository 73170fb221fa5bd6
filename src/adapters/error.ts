import type { DraftField, ErrorKind, FieldProblem } from '../model.js'

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['network', 'server', 'rate-limited', 'too-soon'])

/**
 * The one error type every adapter rejects with, whatever its backend said, so the form
 * can put "E-Mail is required" next to the right input.
 */
export class PalaverError extends Error {
  override readonly name = 'PalaverError'
  readonly kind: ErrorKind
  readonly fields: Partial<Record<DraftField, FieldProblem>>
  readonly status: number | undefined
  /** Seconds the backend asked to wait before trying again (Retry-After), if it said. */
  readonly retryAfter: number | undefined

  constructor(
    kind: ErrorKind,
    message: string,
    options: {
      fields?: Partial<Record<DraftField, FieldProblem>>
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

/** Anything thrown becomes a PalaverError; a TypeError from fetch means the network failed. */
export function toPalaverError(error: unknown): PalaverError {
  if (error instanceof PalaverError) return error
  if (error instanceof DOMException && error.name === 'AbortError') {
    return new PalaverError('network', 'The request was aborted.', { cause: error })
  }
  if (error instanceof TypeError) return new PalaverError('network', error.message, { cause: error })
  return new PalaverError('server', error instanceof Error ? error.message : String(error), { cause: error })
}
