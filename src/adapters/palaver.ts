import type { Adapter, Comment, Draft, DraftField, FieldProblem, ListOptions, Page, Posted, Problem } from '../model.js'
import { PalaverError } from '../core/errors.js'
import { baseUrl, fetchJson, jsonOrEmpty, pageFetch, statusKind } from './http.js'
import { record } from './read.js'

export interface PalaverAdapterOptions {
  /** The fetch to use; tests and proxies pass their own. */
  fetch?: typeof fetch
  /** The page title sent with a thread's first comment, so the server can name the thread. */
  title?: () => string | null
}

const DRAFT_FIELDS: ReadonlySet<string> = new Set(['name', 'email', 'url', 'body'])

/** Follow-up pages of one comment's replies at most (1,000 each), so a hostile server cannot loop the widget. */
const MAX_REPLY_PAGES = 100

/**
 * The detail of the server's 403 when the edit window of a comment is over
 * (src/server/services/comments.ts): its kind is `forbidden` like a wrong token's, and the
 * reader needs to hear that the time is over, not that the site may not post.
 */
const EDIT_WINDOW_OVER = 'The time for editing this comment is over.'

/**
 * Speaks the reference server's HTTP API v1 (docs/api.md). Keeps one piece of state: the
 * form token of the last list of each thread, which the server wants back with a post.
 */
export class PalaverAdapter implements Adapter {
  readonly #base: string
  readonly #fetch: typeof fetch
  readonly #title: () => string | null
  readonly #formTokens = new Map<string, string>()

  constructor(server: string, options: PalaverAdapterOptions = {}) {
    if (!server) throw new PalaverError('config', 'The palaver adapter needs a server URL.')
    this.#base = baseUrl(server)
    this.#fetch = options.fetch ?? pageFetch
    this.#title = options.title ?? (() => null)
  }

  async list(thread: string, page: ListOptions): Promise<Page> {
    const query = new URLSearchParams({ thread, limit: String(page.limit), sort: page.sort })
    if (page.cursor) query.set('cursor', page.cursor)
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (page.mine?.length) headers['X-Palaver-Tokens'] = page.mine.join(',')
    const result = await this.#request<Page>(`/api/v1/comments?${query}`, { headers })
    // The widget checks the page's shape; the form token is the adapter's own business.
    const info = record(record(result).thread)
    if (typeof info.formToken === 'string' && info.formToken) this.#formTokens.set(thread, info.formToken)
    // Only a feed on this server, as an absolute address: the widget links to nothing else.
    if (typeof info.feed === 'string' && info.feed.startsWith('/api/v1/feed?')) info.feed = this.#base + info.feed
    else delete info.feed
    const more = record(result).moreReplies
    if (!Array.isArray(more) || !more.length || !Array.isArray(result.comments)) return result
    const comments: unknown[] = [...result.comments]
    for (const entry of more) {
      const { parentId, cursor } = record(entry)
      if (typeof parentId === 'string') comments.push(...(await this.#restOfReplies(parentId, cursor, headers)))
    }
    return { ...result, comments: comments as Comment[] }
  }

  /**
   * The replies a list answer could not carry (at most 1,000 per answer): page after page
   * of `/comments/:id/replies` until the server says there are no more; a server that
   * never says so is stopped after MAX_REPLY_PAGES.
   */
  async #restOfReplies(parentId: string, cursor: unknown, headers: Record<string, string>): Promise<unknown[]> {
    const comments: unknown[] = []
    for (let pages = 0; typeof cursor === 'string' && cursor && pages < MAX_REPLY_PAGES; pages++) {
      const answer = record(
        await this.#request<unknown>(`/api/v1/comments/${encodeURIComponent(parentId)}/replies?${new URLSearchParams({ cursor })}`, { headers }),
      )
      if (Array.isArray(answer.comments)) comments.push(...answer.comments)
      cursor = answer.nextCursor
    }
    return comments
  }

  async post(thread: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted> {
    const body = {
      thread,
      title: this.#title(),
      parentId: draft.parentId,
      author: draft.author,
      body: draft.body,
      formToken: this.#formTokens.get(thread) ?? '',
      trap: draft.trap ?? '',
      // The server links mail to this page and writes it in the widget's language.
      page: location.href.split('#')[0],
      ...(draft.lang ? { lang: draft.lang } : {}),
      ...(draft.notify ? { notify: true } : {}),
    }
    try {
      return await this.#request<Posted>('/api/v1/comments', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': opts.idempotencyKey },
        body: JSON.stringify(body),
      })
    } catch (error) {
      // A form token that is missing, forged or expired (a tab left open for days) gets no
      // Retry-After: fetch a fresh one now, so the reader's retry in a moment succeeds.
      if (error instanceof PalaverError && error.kind === 'too-soon' && error.retryAfter === undefined) {
        await this.list(thread, { limit: 1, sort: 'oldest' }).catch(() => undefined)
      }
      throw error
    }
  }

  async edit(id: string, body: string, token: string): Promise<Comment> {
    const result = await this.#request<{ comment: Comment }>(`/api/v1/comments/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ body }),
    })
    return result.comment
  }

  async remove(id: string, token: string): Promise<void> {
    await this.#request<unknown>(`/api/v1/comments/${encodeURIComponent(id)}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${token}` },
    })
  }

  async count(threads: string[]): Promise<Record<string, number>> {
    const query = new URLSearchParams(threads.map((t) => ['thread', t]))
    const result = await this.#request<{ counts: Record<string, number> }>(`/api/v1/counts?${query}`, {})
    return result.counts
  }

  async preview(body: string): Promise<string> {
    const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body }) }
    return (await this.#request<{ html: string }>('/api/v1/preview', init)).html
  }

  subscribe(thread: string, onChange: (c: Comment) => void): () => void {
    if (typeof EventSource === 'undefined') return () => {}
    // EventSource reconnects by itself and sends Last-Event-ID, so the server can fill the gap.
    const source = new EventSource(`${this.#base}/api/v1/events?${new URLSearchParams({ thread })}`)
    source.addEventListener('comment', (event) => {
      try {
        onChange(JSON.parse((event as MessageEvent<string>).data) as Comment)
      } catch {
        // A malformed event is dropped; the next list brings the truth.
      }
    })
    return () => source.close()
  }

  async #request<T>(path: string, init: RequestInit): Promise<T> {
    try {
      const { data } = await fetchJson(this.#fetch, `${this.#base}${path}`, init, {
        status: (response, text) => {
          const retryAfter = Number(response.headers.get('Retry-After') ?? NaN)
          return problemToError(response.status, text, Number.isFinite(retryAfter) ? retryAfter : undefined)
        },
        notJson: 'The comment server sent an answer that is not JSON.',
      })
      return data as T
    } catch (error) {
      throw await this.#refusedOrigin(error)
    }
  }

  /**
   * A request that failed without an answer: the server is down, or it is up and refused
   * this page's origin (CORS hides which). A `no-cors` GET answers opaquely when the server
   * is up: then it is the owner's setup (`config`, "not set up correctly" for readers), and
   * the console names the flag to add. An abort stays a network error.
   */
  async #refusedOrigin(error: unknown): Promise<unknown> {
    if (!(error instanceof PalaverError) || error.kind !== 'network' || record(error.cause).name === 'AbortError') return error
    if (
      !(await this.#fetch(`${this.#base}/healthz`, { mode: 'no-cors', credentials: 'omit' }).then(
        () => true,
        () => false,
      ))
    )
      return error
    const message = `${this.#base} refused this page's origin: add --origin ${location.origin} to palaver serve.`
    console.warn(`palaver: ${message}`)
    return new PalaverError('config', message, { cause: error })
  }
}

/** Maps an RFC 9457 problem (or any error body) to the one error type the widget knows. */
export function problemToError(status: number, text: string, retryAfter?: number): PalaverError {
  // Not JSON (a proxy's HTML error page): the status decides.
  const problem = jsonOrEmpty(text) as Partial<Problem>
  const fields: Partial<Record<DraftField, FieldProblem>> = {}
  for (const [field, message] of Object.entries(problem.errors ?? {})) {
    if (DRAFT_FIELDS.has(field)) fields[field as DraftField] = { code: problem.codes?.[field] ?? 'other', message }
  }
  const kind =
    status === 403 && problem.detail === EDIT_WINDOW_OVER
      ? 'edit-expired'
      : (problem.kind ?? statusKind(status) ?? (status < 500 && Object.keys(fields).length ? 'validation' : 'server'))
  const message = problem.detail ?? problem.title ?? `The comment server answered ${status}.`
  return new PalaverError(kind, message, { fields, status, retryAfter })
}
