import { fnv1a } from '../content/hash.js'
import type {
  Adapter,
  Comment,
  CommentKind,
  Draft,
  DraftField,
  FieldProblem,
  ListOptions,
  Page,
  Posted,
  ThreadInfo,
} from '../model.js'
import { PalaverError, toPalaverError } from '../core/errors.js'

export interface WordPressAdapterOptions {
  /** The fetch to use; tests and proxies pass their own. */
  fetch?: typeof fetch
  /** The REST API root. Default: `<server>/wp-json` (pretty permalinks); `<server>/?rest_route=` works on any site. */
  restRoot?: string
  /** Where the reader's own held comments are kept between visits. Default: localStorage. */
  storage?: () => Storage
}

/** A comment as WordPress's REST API sends it (the fields the adapter asks for). */
interface WpComment {
  id: number
  parent: number
  author_name: string
  author_url: string
  date_gmt: string
  content: { rendered: string }
  status: string
  type: string
  author_avatar_urls?: Record<string, string | false>
}

interface WpPost {
  id: number
  title?: { rendered: string }
  comment_status?: string
  /** Added by the Palaver plugin (wordpress/palaver.php). */
  palaver?: { open?: boolean; requires?: DraftField[] }
}

interface WpError {
  code?: string
  message?: string
  data?: { status?: number; params?: Record<string, string>; details?: Record<string, { message?: string }> }
}

/** Everything of one post: its comments (approved, oldest first) and what the thread says. */
interface Loaded {
  post: WpPost
  comments: Comment[]
}

interface HeldEntry {
  comment: Comment
  at: number
}

const PER_PAGE = 100
const FIELDS = 'id,parent,author_name,author_url,date_gmt,content,status,type,author_avatar_urls'
const HELD_TTL = 30 * 24 * 3600 * 1000
const KINDS: ReadonlySet<string> = new Set(['comment', 'pingback', 'trackback'])
/** WordPress's REST parameters and the form's fields. */
const PARAM_FIELDS: Record<string, DraftField> = { author_name: 'name', author_email: 'email', author_url: 'url', content: 'body' }
const LENGTH_FIELDS: Record<string, DraftField> = {
  comment_author_column_length: 'name',
  comment_author_email_column_length: 'email',
  comment_author_url_column_length: 'url',
  comment_content_column_length: 'body',
}
const PLUGIN_HINT =
  'This WordPress site does not accept comments from Palaver yet: its owner needs to install the Palaver plugin (wordpress/palaver.php) and allow comments without registration (see docs/wordpress.md).'

/**
 * Shows and posts the comments of a WordPress post through WordPress's REST API
 * (`/wp/v2/comments`), with the Palaver plugin (wordpress/palaver.php) on the site.
 *
 * `server` is the site's base URL; a thread is a post (or page) ID, or a slug (a path's
 * last segment), resolved once. WordPress sends a flat list, newest first, 100 at most
 * per request: the adapter loads every page at once (in parallel once the first tells the
 * total), builds the tree, and pages the top-level comments itself; "Load more" reads
 * what it loaded. Comments WordPress holds for moderation cannot be read back without an
 * account, so the reader's own are kept in this browser and shown to them as pending until
 * WordPress lists them.
 */
export class WordPressAdapter implements Adapter {
  readonly #site: string
  readonly #api: string
  readonly #fetch: typeof fetch
  readonly #storage: () => Storage
  readonly #ids = new Map<string, Promise<number>>()
  readonly #loaded = new Map<string, Loaded>()
  readonly #posted = new Map<string, Posted>()

  constructor(server: string, options: WordPressAdapterOptions = {}) {
    if (!server) throw new PalaverError('config', 'The wordpress adapter needs the site\'s URL in server="…".')
    this.#site = new URL(server, document.baseURI).href.replace(/\/+$/, '').replace(/\/wp-json$/, '')
    this.#api = (options.restRoot ?? `${this.#site}/wp-json`).replace(/\/+$/, '')
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init))
    this.#storage = options.storage ?? (() => localStorage)
  }

  async list(thread: string, page: ListOptions): Promise<Page> {
    // The first page loads everything again; "Load more" pages through what was loaded.
    let loaded = page.cursor ? this.#loaded.get(thread) : undefined
    if (!loaded) {
      loaded = await this.#load(thread)
      this.#loaded.set(thread, loaded)
    }
    const held = this.#reconcileHeld(loaded)
    const all = [...loaded.comments, ...held]
    const roots = all.filter((c) => c.parentId === null).sort(byTime)
    if (page.sort === 'newest') roots.reverse()
    const start = Math.max(0, Number(page.cursor) || 0)
    const pageRoots = roots.slice(start, start + Math.max(1, page.limit))
    const end = start + pageRoots.length

    const wanted = new Set(pageRoots.map((c) => c.id))
    const replies = new Map<string, Comment[]>()
    for (const c of all) {
      if (c.parentId === null) continue
      const list = replies.get(c.parentId)
      if (list) list.push(c)
      else replies.set(c.parentId, [c])
    }
    const comments = [...pageRoots]
    for (let i = 0; i < comments.length; i++) {
      for (const reply of replies.get(comments[i]!.id) ?? []) {
        if (!wanted.has(reply.id)) {
          wanted.add(reply.id)
          comments.push(reply)
        }
      }
    }
    return { thread: this.#info(thread, loaded), comments, nextCursor: end < roots.length ? String(end) : null }
  }

  async post(thread: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted> {
    const earlier = this.#posted.get(opts.idempotencyKey)
    if (earlier) return earlier
    let loaded = this.#loaded.get(thread)
    if (!loaded) {
      loaded = await this.#load(thread)
      this.#loaded.set(thread, loaded)
    }
    const postId = loaded.post.id
    // The hidden field people leave empty: what fills it is not let through to WordPress.
    if (draft.trap) throw new PalaverError('validation', 'This comment was refused.', { status: 422 })
    // WordPress takes any number as parent, of any post: the widget only answers what it shows.
    if (draft.parentId !== null) {
      const known = [...loaded.comments, ...this.#readHeld(postId).map((h) => h.comment)].some((c) => c.id === draft.parentId)
      if (!known || !/^\d+$/.test(draft.parentId)) {
        throw new PalaverError('validation', 'The comment you reply to is not part of this discussion.', { status: 422 })
      }
    }
    const body = {
      post: postId,
      parent: draft.parentId === null ? 0 : Number(draft.parentId),
      author_name: draft.author.name.trim(),
      author_email: draft.author.email.trim(),
      author_url: draft.author.url.trim(),
      // The reader writes text, as on the theme's form; WordPress adds paragraphs and links.
      content: escapeText(draft.body),
    }
    const wp = await this.#request<WpComment>(`/wp/v2/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }, draft)
    const comment = toComment(wp, new Set(loaded.comments.map((c) => c.id).concat(draft.parentId ?? [])))
    if (comment.status === 'approved') loaded.comments.push(comment)
    else this.#writeHeld(postId, [...this.#readHeld(postId), { comment, at: Date.now() }])
    const posted: Posted = { comment: { ...comment, mine: true } }
    this.#posted.set(opts.idempotencyKey, posted)
    return posted
  }

  async count(threads: string[]): Promise<Record<string, number>> {
    const entries = await Promise.all(
      threads.map(async (thread): Promise<[string, number]> => {
        const id = await this.#postId(thread)
        const query = new URLSearchParams({ post: String(id), per_page: '1', palaver: '1', _fields: 'id' })
        const { response } = await this.#get<WpComment[]>(`/wp/v2/comments?${query}`)
        return [thread, Number(response.headers.get('X-WP-Total')) || 0]
      }),
    )
    return Object.fromEntries(entries)
  }

  /** The post a thread names: digits are its ID; anything else is a slug (a path's last segment). */
  #postId(thread: string): Promise<number> {
    const key = thread.trim()
    if (/^\d+$/.test(key)) return Promise.resolve(Number(key))
    let id = this.#ids.get(key)
    if (!id) {
      const slug = key.split('/').filter(Boolean).pop() ?? ''
      id = (async () => {
        if (!slug) throw new PalaverError('not-found', `"${thread}" names no WordPress post.`)
        for (const type of ['posts', 'pages']) {
          const query = new URLSearchParams({ slug, _fields: 'id' })
          const { data } = await this.#get<WpPost[]>(`/wp/v2/${type}?${query}`)
          if (data[0]) return data[0].id
        }
        throw new PalaverError('not-found', `No published WordPress post or page has the slug "${slug}".`, { status: 404 })
      })()
      this.#ids.set(key, id)
      id.catch(() => this.#ids.delete(key))
    }
    return id
  }

  /** The post and all its approved comments: the first page tells how many more to fetch at once. */
  async #load(thread: string): Promise<Loaded> {
    const id = await this.#postId(thread)
    const list = (page: number) =>
      this.#get<WpComment[]>(
        `/wp/v2/comments?${new URLSearchParams({
          post: String(id),
          per_page: String(PER_PAGE),
          page: String(page),
          order: 'asc',
          orderby: 'date_gmt',
          palaver: '1',
          _fields: FIELDS,
        })}`,
      )
    const [post, first] = await Promise.all([this.#fetchPost(id), list(1)])
    const pages = [first.data]
    const total = Number(first.response.headers.get('X-WP-TotalPages'))
    if (total > 1) {
      const rest = await Promise.all(Array.from({ length: total - 1 }, (_, i) => list(i + 2)))
      pages.push(...rest.map((r) => r.data))
    } else if (!first.response.headers.has('X-WP-TotalPages')) {
      // The totals are hidden (a proxy dropped Access-Control-Expose-Headers): one page after another.
      for (let n = 2, last = first.data; last.length === PER_PAGE; n++) {
        last = (await list(n)).data
        pages.push(last)
      }
    }
    const unique = new Map<number, WpComment>()
    for (const wp of pages.flatMap((p) => (Array.isArray(p) ? p : []))) if (wp && typeof wp.id === 'number' && wp.status === 'approved') unique.set(wp.id, wp)
    const ids = new Set([...unique.keys()].map(String))
    return { post, comments: [...unique.values()].map((wp) => toComment(wp, ids)) }
  }

  async #fetchPost(id: number): Promise<WpPost> {
    const fields = new URLSearchParams({ _fields: 'id,title,comment_status,palaver' })
    try {
      return (await this.#get<WpPost>(`/wp/v2/posts/${id}?${fields}`)).data
    } catch (error) {
      if (!(error instanceof PalaverError && error.kind === 'not-found')) throw error
      return (await this.#get<WpPost>(`/wp/v2/pages/${id}?${fields}`)).data
    }
  }

  #info(thread: string, loaded: Loaded): ThreadInfo {
    const { post } = loaded
    return {
      key: thread,
      title: post.title?.rendered ? decodeHtml(post.title.rendered) : null,
      count: loaded.comments.length,
      open: post.palaver?.open ?? post.comment_status === 'open',
      requires: post.palaver?.requires ?? ['name', 'email'],
    }
  }

  /** The reader's held comments, less those WordPress now lists (approved): those are dropped. */
  #reconcileHeld(loaded: Loaded): Comment[] {
    const held = this.#readHeld(loaded.post.id)
    const listed = new Set(loaded.comments.map((c) => c.id))
    const still = held.filter((h) => !listed.has(h.comment.id))
    if (still.length !== held.length) this.#writeHeld(loaded.post.id, still)
    const known = new Set([...listed, ...still.map((h) => h.comment.id)])
    return still.map((h) => ({
      ...h.comment,
      parentId: h.comment.parentId !== null && known.has(h.comment.parentId) ? h.comment.parentId : null,
      status: 'pending',
      mine: true,
    }))
  }

  #heldKey(postId: number): string {
    return `palaver:wordpress:held:${this.#site}|${postId}`
  }

  #readHeld(postId: number): HeldEntry[] {
    try {
      const raw = this.#storage().getItem(this.#heldKey(postId))
      const entries = raw ? (JSON.parse(raw) as HeldEntry[]) : []
      const now = Date.now()
      return Array.isArray(entries) ? entries.filter((h) => h?.comment?.id && now - h.at < HELD_TTL) : []
    } catch {
      return []
    }
  }

  #writeHeld(postId: number, entries: HeldEntry[]): void {
    try {
      if (entries.length) this.#storage().setItem(this.#heldKey(postId), JSON.stringify(entries.slice(-50)))
      else this.#storage().removeItem(this.#heldKey(postId))
    } catch {
      // Blocked or full: the held comment shows until the page is left.
    }
  }

  #get<T>(path: string): Promise<{ data: T; response: Response }> {
    return this.#send<T>(path, { headers: { Accept: 'application/json' } }, null)
  }

  async #request<T>(path: string, init: RequestInit, draft: Draft | null): Promise<T> {
    return (await this.#send<T>(path, init, draft)).data
  }

  async #send<T>(path: string, init: RequestInit, draft: Draft | null): Promise<{ data: T; response: Response }> {
    // `/wp-json` + `/wp/v2/…`, or `?rest_route=` + `/wp/v2/…` with the query joined by &.
    const url = this.#api.endsWith('=') ? `${this.#api}${path.replace('?', '&')}` : `${this.#api}${path}`
    let response: Response
    try {
      response = await this.#fetch(url, { ...init, credentials: 'omit', mode: 'cors' })
    } catch (error) {
      throw toPalaverError(error)
    }
    const text = await response.text().catch(() => '')
    if (!response.ok) throw wordpressError(response.status, text, draft)
    try {
      return { data: JSON.parse(text) as T, response }
    } catch (error) {
      throw new PalaverError('server', `${this.#site} did not answer like WordPress's REST API (${this.#api}).`, {
        status: response.status,
        cause: error,
      })
    }
  }
}

/** One WordPress comment as the widget's model; `ids` are the comments present (a reply to any other is shown at the top). */
function toComment(wp: WpComment, ids: ReadonlySet<string>): Comment {
  const kind: CommentKind = KINDS.has(wp.type) ? (wp.type as CommentKind) : 'comment'
  const parent = wp.parent ? String(wp.parent) : null
  const avatar = Object.values(wp.author_avatar_urls ?? {}).find((u): u is string => typeof u === 'string')
  const hash = avatar && /\/avatar\/([0-9a-f]{32})/i.exec(avatar)?.[1]
  const name = decodeHtml(wp.author_name ?? '')
  return {
    id: String(wp.id),
    parentId: parent !== null && ids.has(parent) ? parent : null,
    kind,
    author: {
      name,
      url: /^https?:\/\//i.test(wp.author_url ?? '') ? wp.author_url : null,
      // An opaque seed for the identicon: the Gravatar hash hashed again; Gravatar is never asked.
      avatar: kind === 'comment' ? fnv1a(hash || `${name}|${wp.id}`).toString(16) : null,
    },
    // Untrusted: the widget sanitizes it right before rendering.
    html: wp.content?.rendered ?? '',
    createdAt: wpDate(wp.date_gmt),
    editedAt: null,
    status: wp.status === 'approved' ? 'approved' : 'pending',
  }
}

/** `date_gmt` is UTC without a zone: "2026-03-02T09:01:00". */
function wpDate(value: string): string {
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`)
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString()
}

// Not localeCompare: ISO 8601 times sort right in code-unit order, and its first call costs ~10 ms.
const byTime = (a: Comment, b: Comment) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : Number(a.id) - Number(b.id)

/** The reader's text as WordPress should store it: literal, never markup. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** Text of a WordPress string that may carry entities and tags (titles, names, messages). */
export function decodeHtml(value: string): string {
  if (!/[&<]/.test(value)) return value
  // DOMParser documents are inert: nothing runs and nothing loads.
  return new DOMParser().parseFromString(value, 'text/html').body.textContent ?? value
}

/** Maps a WordPress REST error to the one error type the widget knows, fields included. */
export function wordpressError(status: number, text: string, draft: Draft | null = null): PalaverError {
  let error: WpError = {}
  try {
    error = JSON.parse(text) as WpError
  } catch {
    // Not JSON (a proxy's or PHP's error page): the status decides.
  }
  const message = decodeHtml(error.message ?? '') || `WordPress answered ${status}.`
  const fields: Partial<Record<DraftField, FieldProblem>> = {}
  const fail = (kind: ConstructorParameters<typeof PalaverError>[0], text = message) =>
    new PalaverError(kind, text, { fields, status })

  switch (error.code) {
    case 'rest_comment_author_data_required': {
      const missing = (['name', 'email'] as const).filter((f) => !draft?.author[f].trim())
      for (const f of missing.length ? missing : (['name', 'email'] as const)) {
        fields[f] = { code: missing.length ? 'required' : 'other', message }
      }
      return fail('validation')
    }
    case 'rest_comment_content_invalid':
      fields.body = { code: draft && !draft.body.trim() ? 'required' : 'other', message }
      return fail('validation')
    case 'rest_invalid_param': {
      const details = error.data?.details ?? {}
      const params = error.data?.params ?? {}
      for (const param of new Set([...Object.keys(details), ...Object.keys(params)])) {
        const field = PARAM_FIELDS[param]
        if (!field) continue
        const text = decodeHtml(details[param]?.message ?? params[param] ?? message)
        fields[field] = { code: field === 'email' || field === 'url' ? 'invalid' : 'other', message: text }
      }
      return fail(Object.keys(fields).length ? 'validation' : 'server')
    }
    case 'comment_author_column_length':
    case 'comment_author_email_column_length':
    case 'comment_author_url_column_length':
    case 'comment_content_column_length':
      fields[LENGTH_FIELDS[error.code]!] = { code: 'too-long', message }
      return fail('validation')
    case 'comment_duplicate':
      return fail('duplicate')
    case 'comment_flood':
      return fail('rate-limited')
    case 'rest_comment_closed':
    case 'rest_comment_draft_post':
    case 'rest_comment_trash_post':
      return fail('closed')
    case 'rest_comment_invalid_post_id':
    case 'rest_post_invalid_id':
    case 'rest_comment_invalid_id':
      return fail('not-found')
    case 'rest_comment_login_required':
      return fail('forbidden', PLUGIN_HINT)
    case 'rest_no_route':
      return fail('config', `No WordPress REST route answered (${message}): check the server="…" address.`)
  }
  return fail(
    status === 409 ? 'duplicate'
    : status === 429 ? 'rate-limited'
    : status === 404 ? 'not-found'
    : status === 401 || status === 403 ? 'forbidden'
    : 'server',
  )
}
