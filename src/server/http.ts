/**
 * Small request helpers shared by the routes: ids, bearer tokens, query values and opaque
 * cursors. (Request bodies go through middleware/: bodyLimit, jsonBody, vValidator.)
 */
import type { Context } from 'hono'
import { HttpProblem, fieldProblem } from './problem.js'
import type { Cursor } from './store.js'

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
