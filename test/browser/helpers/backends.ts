/**
 * Backends as a stubbed `fetch` sees them: one that answers like WordPress for one post,
 * and one that answers from a queue and records each call. The adapters take them as
 * their `fetch` option; what the adapter does with the answers is what a test checks.
 */
import type { Comment, ThreadInfo } from '../../../src/model.js'
import { comment, type WpCommentRecord } from './comments.js'
import { json } from './responses.js'
import { nextTask } from './wait.js'

export interface FakeSite {
  post?: Record<string, unknown>
  comments: WpCommentRecord[]
  /** Hide X-WP-TotalPages, as a proxy that drops Access-Control-Expose-Headers does. */
  hideTotals?: boolean
  /** Pretend to this many pages, whatever the comments are (a hostile or broken site). */
  totalPages?: number
  onPost?: (body: Record<string, unknown>) => Response
}

/** A fetch that answers like WordPress for one post (id 7, slug "hello"); records the URLs asked and how many were open at once. */
export function fakeWordPress(site: FakeSite) {
  const asked: string[] = []
  let open = 0
  const stats = { asked, mostAtOnce: 0 }
  const answer = async (url: URL, init?: RequestInit): Promise<Response> => {
    const route = url.searchParams.get('rest_route') ?? url.pathname.replace(/^\/wp-json/, '')
    if (init?.method === 'POST') return site.onPost!(JSON.parse(String(init.body)) as Record<string, unknown>)
    if (route === '/wp/v2/posts/7') return json({ id: 7, title: { rendered: 'Hello &amp; welcome' }, comment_status: 'open', ...site.post })
    if (route.startsWith('/wp/v2/posts/') || route.startsWith('/wp/v2/pages/')) {
      return json({ code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } }, 404)
    }
    if (route === '/wp/v2/posts') return json(url.searchParams.get('slug') === 'hello' ? [{ id: 7 }] : [])
    if (route === '/wp/v2/pages') return json([])
    if (route === '/wp/v2/comments') {
      const perPage = Number(url.searchParams.get('per_page'))
      const page = Number(url.searchParams.get('page') ?? 1)
      const ordered = url.searchParams.get('order') === 'desc' ? [...site.comments].reverse() : site.comments
      const pages = site.totalPages ?? Math.max(1, Math.ceil(site.comments.length / perPage))
      const headers: Record<string, string> = site.hideTotals
        ? {}
        : { 'X-WP-Total': String(site.totalPages ? site.totalPages * perPage : site.comments.length), 'X-WP-TotalPages': String(pages) }
      return json(ordered.slice((page - 1) * perPage, page * perPage), 200, headers)
    }
    return json({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } }, 404)
  }
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input))
    asked.push(url.href)
    stats.mostAtOnce = Math.max(stats.mostAtOnce, ++open)
    try {
      // One task per answer, as a network would take: requests made together overlap.
      await nextTask()
      return await answer(url, init)
    } finally {
      open--
    }
  }
  return Object.assign(stats, { fetch: fetch as typeof globalThis.fetch })
}

export interface Call {
  url: URL
  method: string
  headers: Headers
  body: string | null
  credentials: RequestCredentials | undefined
}

export type Answer = Response | Error | (() => Response)

/** A fetch that records each call and answers from a queue (the last answer repeats). */
export function stubFetch(...answers: Answer[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = []
  const fetchStub = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    calls.push({
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? init.body : null,
      credentials: init.credentials,
    })
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!
    if (answer instanceof Error) throw answer
    return typeof answer === 'function' ? answer() : answer.clone()
  }
  return { fetch: fetchStub as typeof fetch, calls }
}

/**
 * A fetch that answers like the reference server for one thread: its comments on one page,
 * and a post (201) with the text as the server renders it, in paragraphs.
 */
export function fakePalaverServer(thread: ThreadInfo, comments: Comment[]) {
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    await nextTask()
    const url = new URL(String(input))
    if (url.pathname.endsWith('/api/v1/comments') && init?.method === 'POST') {
      const sent = JSON.parse(String(init.body)) as { parentId: string | null; author: { name: string; url: string }; body: string }
      const escaped = sent.body.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      const posted = comment(`posted-${comments.length}`, {
        parentId: sent.parentId,
        author: { name: sent.author.name, url: sent.author.url || null, avatar: 'x' },
        html: `<p>${escaped}</p>`,
      })
      comments.push(posted)
      return json({ comment: posted, editToken: `token-${posted.id}` }, 201)
    }
    if (url.pathname.endsWith('/api/v1/comments')) return json({ thread: { ...thread, count: comments.length }, comments, nextCursor: null })
    return json({ type: 'about:blank', title: 'Not Found', status: 404 }, 404)
  }
  return { fetch: fetch as typeof globalThis.fetch }
}
