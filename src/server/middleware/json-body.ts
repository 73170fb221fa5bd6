/**
 * What Hono's validator does not check in a JSON body, before it reads one: the content
 * type (415, where Hono would treat the body as empty), strict UTF-8 (Hono decodes
 * broken bytes into U+FFFD), that it parses, and two limits of our own — no NUL anywhere
 * (PostgreSQL text cannot hold U+0000: refused up front, on both dialects alike) and no
 * nesting deeper than the API ever takes (30,000 nested arrays fit in 64 KiB; refused
 * before anything recursive — validation, hashing — walks them). Runs after bodyLimit, so
 * the bytes it reads are bounded; Hono caches them for the validator that follows.
 */
import type { MiddlewareHandler } from 'hono'
import { HttpProblem } from '../problem.js'

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

/** No request body the API takes is nested deeper than this; deeper ones are not requests. */
export const MAX_JSON_DEPTH = 16

const badRequest = (detail: string) => new HttpProblem(400, 'validation', detail)

export function jsonBody(): MiddlewareHandler {
  return async (c, next) => {
    if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new HttpProblem(415, 'validation', 'Send the request body as application/json.')
    }
    // Read through Hono (and @hono/node-server's direct path): an empty body reads as 0 bytes.
    const bytes = await c.req.arrayBuffer()
    if (bytes.byteLength === 0) throw badRequest('The request body is empty.')
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw badRequest('The request body is not valid UTF-8.')
    }
    let value: unknown
    try {
      value = JSON.parse(text) as unknown
    } catch {
      throw badRequest('The request body is not valid JSON.')
    }
    checkValues(value)
    // What Hono's validator and c.req.json() read next: the text decoded here. Left to
    // Hono, they would decode the bytes again through a web Response built for the purpose.
    // (Hono types the cache by the values it yields; what it keeps is their promises.)
    c.req.bodyCache.text = Promise.resolve(text) as unknown as string
    await next()
  }
}

/** Iterative, so the check itself cannot overflow the stack. */
function checkValues(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]]
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item
    if (typeof value === 'string') {
      if (value.includes('\0')) throw badRequest('Text may not contain NUL characters.')
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) throw badRequest(`The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`)
      for (const [key, child] of Object.entries(value)) stack.push([key, depth], [child, depth + 1])
    }
  }
}
