import type { ErrorKind } from '../model.js'
import { PalaverError, toPalaverError } from '../core/errors.js'
import { record } from './read.js'

/** Characters of an answer above which decoding and parsing it take a task each. */
const LONG_ANSWER = 1_000_000

/** The page's fetch at the time of the call (a test or an extension may have wrapped it since). */
export const pageFetch: typeof fetch = (input, init) => fetch(input, init)

/** A backend's address as given in `server="…"`, absolute and without a trailing slash. */
export const baseUrl = (server: string) => new URL(server, document.baseURI).href.replace(/\/+$/, '')

/** The kind an HTTP status means by itself; `undefined` when the body has to tell. */
export function statusKind(status: number): ErrorKind | undefined {
  return status === 409
    ? 'duplicate'
    : status === 429
      ? 'rate-limited'
      : status === 404
        ? 'not-found'
        : status === 401 || status === 403
          ? 'forbidden'
          : undefined
}

export interface HttpErrors {
  /** The backend's own reading of an error answer. */
  status: (response: Response, text: string) => PalaverError
  /** What to say when a successful answer is not JSON. */
  notJson: string
}

/**
 * The one way the adapters talk HTTP: no cookies (`credentials: 'omit'`, CORS), a fetch
 * that rejects is a network error, an error status is read by the backend's mapping, an
 * answer that is not JSON is a server error, and a long answer (5 MB for 10,000
 * comments) is decoded in one task and parsed in the next, as one they would block the
 * page for longer than 50 ms. The JSON comes back as `unknown` (204: `undefined`): the
 * adapter checks what it maps.
 */
export async function fetchJson(fetcher: typeof fetch, url: string, init: RequestInit, errors: HttpErrors): Promise<{ data: unknown; response: Response }> {
  let response: Response
  try {
    response = await fetcher(url, { ...init, credentials: 'omit', mode: 'cors' })
  } catch (error) {
    throw toPalaverError(error)
  }
  if (response.status === 204) return { data: undefined, response }
  const text = await response.text().catch(() => '')
  if (!response.ok) throw errors.status(response, text)
  if (text.length > LONG_ANSWER) await new Promise((resolve) => setTimeout(resolve))
  try {
    return { data: JSON.parse(text) as unknown, response }
  } catch (error) {
    throw new PalaverError('server', errors.notJson, { status: response.status, cause: error })
  }
}

/** The members of the JSON object in `body`; an error page of a proxy or PHP is none, and gives `{}`. */
export function jsonOrEmpty(body: string): Record<string, unknown> {
  try {
    return record(JSON.parse(body))
  } catch {
    return {}
  }
}
