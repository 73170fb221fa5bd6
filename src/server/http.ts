/**
 * Small request helpers shared by the routes: the size-limited JSON reader (413 before any
 * parsing, also for chunked bodies without Content-Length), bearer tokens, query values,
 * and opaque cursors.
 */
import type { Context } from 'hono'
import { HttpProblem, fieldProblem } from './problem.js'
import type { Cursor } from './store.js'

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (!JSON_TYPE.test(request.headers.get('content-type') ?? '')) {
    throw new HttpProblem(415, 'validation', 'Send the request body as application/json.')
  }
  const tooLarge = () => new HttpProblem(413, 'validation', `The request body is larger than ${maxBytes} bytes.`)
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) throw tooLarge()
  if (!request.body) throw new HttpProblem(400, 'validation', 'The request body is empty.')

  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      throw tooLarge()
    }
    chunks.push(value)
  }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
  } catch {
    throw new HttpProblem(400, 'validation', 'The request body is not valid UTF-8.')
  }
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch {
    throw new HttpProblem(400, 'validation', 'The request body is not valid JSON.')
  }
  checkValues(value)
  return value
}

/** No request body the API takes is nested deeper than this; deeper ones are not requests. */
const MAX_DEPTH = 16

/**
 * PostgreSQL text cannot hold U+0000: refuse it up front, on both dialects alike. And
 * refuse deep nesting before anything recursive (validation, hashing) walks the value:
 * 30,000 nested arrays fit in 64 KiB. Iterative, so the check itself cannot overflow.
 */
function checkValues(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item
    if (typeof value === 'string') {
      if (value.includes('\0')) throw new HttpProblem(400, 'validation', 'Text may not contain NUL characters.')
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_DEPTH) throw new HttpProblem(400, 'validation', `The request body is nested deeper than ${MAX_DEPTH} levels.`)
      for (const [key, child] of Object.entries(value)) stack.push([key, depth], [child, depth + 1])
    }
  }
}

/** Comment ids are short and plain; anything else cannot name a comment. */
export function idParam(value: string): string {
  if (!/^[\w-]{1,64}$/.test(value)) throw new HttpProblem(404, 'not-found', 'No comment with this id.')
  return value
}

export function bearerToken(c: Context): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')
  return match ? match[1]! : null
}

export function threadParam(value: string | undefined, maxLength: number): string {
  if (value === undefined || value.trim() === '') throw fieldProblem(400, 'thread', 'required', 'The thread query parameter is required.')
  if (value.length > maxLength) throw fieldProblem(400, 'thread', 'too-long', `Thread keys are at most ${maxLength} characters.`)
  if (value.includes('\0')) throw fieldProblem(400, 'thread', 'invalid', 'Thread keys may not contain NUL characters.')
  return value
}

export function limitParam(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined || value === '') return fallback
  const limit = Number(value)
  if (!Number.isInteger(limit) || limit < 1 || limit > max) {
    throw fieldProblem(400, 'limit', 'invalid', `limit must be a whole number from 1 to ${max}.`)
  }
  return limit
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

export function encodeCursor(cursor: Cursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url') : null
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (value === undefined || value === '') return null
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [createdAt, id] = parsed as unknown[]
      if (typeof createdAt === 'string' && typeof id === 'string' && ISO_TIME.test(createdAt) && /^[\w-]{1,64}$/.test(id)) {
        return { createdAt, id }
      }
    }
  } catch {
    // fall through to the problem below
  }
  throw fieldProblem(400, 'cursor', 'invalid', 'The cursor is not one this server issued.')
}

export const iso = (ms: number): string => new Date(ms).toISOString()
