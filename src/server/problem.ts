/**
 * RFC 9457 problem details: every 4xx and 5xx the server sends is one of these, with the
 * extension members `kind` (Palaver's ErrorKind) and, for field errors, `errors` (field →
 * message) and `codes` (field → machine code) so the widget can mark the right input.
 */
import type { ErrorKind, FieldCode, Problem } from '../model.js'

/**
 * The kinds only the admin API answers with, besides the widget's ErrorKind: `csrf` (a
 * cookie-signed request without the page's header, or from another origin) and
 * `fixed-by-flag` (a setting a command-line flag fixes). The widget never meets them.
 */
export type AdminErrorKind = 'csrf' | 'fixed-by-flag'

export type FieldErrors = Record<string, { code: FieldCode; message: string }>

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Thrown anywhere in a handler; app.onError turns it into the response. */
export class HttpProblem extends Error {
  readonly status: number
  readonly kind: ErrorKind | AdminErrorKind
  readonly fields: FieldErrors | undefined
  readonly headers: Record<string, string>

  constructor(status: number, kind: ErrorKind | AdminErrorKind, detail: string, extra: { fields?: FieldErrors; headers?: Record<string, string> } = {}) {
    super(detail)
    this.status = status
    this.kind = kind
    this.fields = extra.fields
    this.headers = extra.headers ?? {}
  }

  toJSON(): Problem {
    const problem: Problem = {
      type: `urn:palaver:problem:${this.kind}`,
      title: TITLES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      // An AdminErrorKind only ever reaches the admin page, which knows it.
      kind: this.kind as ErrorKind,
    }
    if (this.fields && Object.keys(this.fields).length > 0) {
      problem.errors = {}
      problem.codes = {}
      for (const [field, { code, message }] of Object.entries(this.fields)) {
        problem.errors[field] = message
        problem.codes[field] = code
      }
    }
    return problem
  }

  toResponse(extraHeaders: Headers = new Headers()): Response {
    const headers = new Headers(extraHeaders)
    headers.set('content-type', 'application/problem+json')
    headers.set('cache-control', 'no-store')
    for (const [name, value] of Object.entries(this.headers)) headers.set(name, value)
    return new Response(JSON.stringify(this.toJSON()), { status: this.status, headers })
  }
}

/**
 * A token was sent, checked and refused: the answer counts toward the sender's lockout
 * (middleware/rate-limit.ts). A request that sent no token at all is a plain 401: anyone's
 * page can make those (an <img>), and counting them would let it lock the owner out.
 */
export class TokenRejected extends HttpProblem {
  /** 403 where a token was required and the wrong one came; 401 where signing in failed (POST /admin/session). */
  constructor(detail: string, status = 403) {
    super(status, 'forbidden', detail)
  }
}

/** One field wrong: the common case for query parameters and ids. */
export function fieldProblem(status: number, field: string, code: FieldCode, message: string): HttpProblem {
  return new HttpProblem(status, 'validation', message, { fields: { [field]: { code, message } } })
}

export const notFound = (what = 'No such resource.') => new HttpProblem(404, 'not-found', what)
export const forbidden = (detail: string, status = 403) => new HttpProblem(status, 'forbidden', detail)
