import type { Comment } from '../../model.js'
import { PalaverError } from '../../core/errors.js'
import { record } from '../read.js'
import { COMMENT_FIELDS, isWpComment, toComment, type WpComment, type WpPost } from './map.js'
import type { WordPressRest } from './rest.js'

/** Comments per request: the most WordPress gives. */
const PER_PAGE = 100

/** Everything of one post: its comments (approved, oldest first) and what the thread says. */
export interface Loaded {
  post: WpPost
  comments: Comment[]
  /** Comments WordPress sent in a shape the adapter cannot map. */
  dropped: number
}

/**
 * The posts threads name: digits are a post's ID; anything else is a slug (a path's last
 * segment), looked up once among posts, then pages.
 */
export class PostIds {
  readonly #rest: WordPressRest
  readonly #ids = new Map<string, Promise<number>>()

  constructor(rest: WordPressRest) {
    this.#rest = rest
  }

  of(thread: string): Promise<number> {
    const key = thread.trim()
    if (/^\d+$/.test(key)) return Promise.resolve(Number(key))
    let id = this.#ids.get(key)
    if (!id) {
      id = this.#lookUp(thread, key.split('/').filter(Boolean).pop() ?? '')
      this.#ids.set(key, id)
      id.catch(() => this.#ids.delete(key))
    }
    return id
  }

  async #lookUp(thread: string, slug: string): Promise<number> {
    if (!slug) throw new PalaverError('not-found', `"${thread}" names no WordPress post.`)
    for (const type of ['posts', 'pages']) {
      const { data } = await this.#rest.get(`/wp/v2/${type}`, { slug, _fields: 'id' })
      const found = Array.isArray(data) ? record(data[0]).id : undefined
      if (Number.isInteger(found)) return found as number
    }
    throw new PalaverError('not-found', `No published WordPress post or page has the slug "${slug}".`, { status: 404 })
  }
}

/** The post and all its approved comments: the first page tells how many more to fetch at once. */
export async function loadPost(rest: WordPressRest, id: number): Promise<Loaded> {
  const list = (page: number) =>
    rest.get('/wp/v2/comments', {
      post: String(id),
      per_page: String(PER_PAGE),
      page: String(page),
      order: 'asc',
      orderby: 'date_gmt',
      palaver: '1',
      _fields: COMMENT_FIELDS,
    })
  const [post, first] = await Promise.all([fetchPost(rest, id), list(1)])
  const pages = [first.data]
  const total = Number(first.response.headers.get('X-WP-TotalPages'))
  if (total > 1) {
    const rest = await Promise.all(Array.from({ length: total - 1 }, (_, i) => list(i + 2)))
    pages.push(...rest.map((r) => r.data))
  } else if (!first.response.headers.has('X-WP-TotalPages')) {
    // The totals are hidden (a proxy dropped Access-Control-Expose-Headers): one page after another.
    for (let n = 2, last = first.data as WpComment[]; last.length === PER_PAGE; n++) {
      last = (await list(n)).data as WpComment[]
      pages.push(last)
    }
  }
  const unique = new Map<number, WpComment>()
  let dropped = 0
  for (const wp of pages.flatMap((p): unknown[] => (Array.isArray(p) ? p : []))) {
    if (!isWpComment(wp)) dropped++
    else if (wp.status === 'approved') unique.set(wp.id, wp)
  }
  const ids = new Set([...unique.keys()].map(String))
  return { post: { ...record(post), id }, comments: [...unique.values()].map((wp) => toComment(wp, ids)), dropped }
}

/** The post with this ID, or else the page. */
async function fetchPost(rest: WordPressRest, id: number): Promise<unknown> {
  const fields = { _fields: 'id,title,comment_status,palaver' }
  try {
    return (await rest.get(`/wp/v2/posts/${id}`, fields)).data
  } catch (error) {
    if (!(error instanceof PalaverError && error.kind === 'not-found')) throw error
    return (await rest.get(`/wp/v2/pages/${id}`, fields)).data
  }
}

/** Comments WordPress counts for a post (approved comments, pingbacks and trackbacks): one header, one comment asked for. */
export async function countPost(rest: WordPressRest, id: number): Promise<number> {
  const { response } = await rest.get('/wp/v2/comments', { post: String(id), per_page: '1', palaver: '1', _fields: 'id' })
  return Number(response.headers.get('X-WP-Total')) || 0
}
