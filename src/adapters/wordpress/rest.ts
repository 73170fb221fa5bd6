import type { Draft } from '../../model.js'
import { PalaverError } from '../../core/errors.js'
import { baseUrl, fetchJson } from '../http.js'
import { wordpressError } from './errors.js'

/**
 * Where a WordPress site's REST API answers, and the requests to it. The site is the
 * `server` address (a trailing `/wp-json` is forgiven); the REST root is `<site>/wp-json`
 * (pretty permalinks) or `<site>/?rest_route=`, which works on any site.
 */
export class WordPressRest {
  readonly site: string
  readonly root: string
  readonly #fetch: typeof fetch

  constructor(server: string, restRoot: string | undefined, fetcher: typeof fetch) {
    if (!server) throw new PalaverError('config', 'The wordpress adapter needs the site\'s URL in server="…".')
    this.site = baseUrl(server).replace(/\/wp-json$/, '')
    this.root = (restRoot ?? `${this.site}/wp-json`).replace(/\/+$/, '')
    this.#fetch = fetcher
  }

  /** A route (`/wp/v2/comments`) and its query under the REST root: `?rest_route=` joins the query with `&`. */
  url(route: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString()
    if (this.root.endsWith('=')) return `${this.root}${route}${search ? `&${search}` : ''}`
    return `${this.root}${route}${search ? `?${search}` : ''}`
  }

  get(route: string, query: Record<string, string>): Promise<{ data: unknown; response: Response }> {
    return this.#send(this.url(route, query), { headers: { Accept: 'application/json' } }, null)
  }

  /** Posts JSON; WordPress's refusals are read against the draft (which fields were empty). */
  async post(route: string, body: unknown, draft: Draft): Promise<unknown> {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
    return (await this.#send(this.url(route), init, draft)).data
  }

  #send(url: string, init: RequestInit, draft: Draft | null) {
    return fetchJson(this.#fetch, url, init, {
      status: (response, text) => wordpressError(response.status, text, draft),
      notJson: `${this.site} did not answer like WordPress's REST API (${this.root}).`,
    })
  }
}
