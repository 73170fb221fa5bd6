import type { Comment, Sort } from '../../model.js'
import { PalaverError } from '../../core/errors.js'
import { record } from '../read.js'
import { COMMENT_FIELDS, isWpComment, toComment, type WpPost } from './map.js'
import type { WordPressRest } from './rest.js'

/** Comments per request: the most WordPress gives. */
const PER_PAGE = 100
/**
 * Requests of one batch, and at most this many at once: a post with 2,000 comments loads
 * in one go, and a site that claims 2,000 pages (X-WP-TotalPages) gets 20 requests per
 * "Load more", four at a time, not 1,999 at once.
 */
const PAGES_PER_BATCH = 20
const AT_ONCE = 4

/** What was loaded of one post: its approved comments so far (in WordPress's order) and where the next batch starts. */
export interface Loaded {
  post: WpPost
  /** Oldest first for sort "oldest", newest first for "newest": each batch continues it. */
  order: Sort
  comments: Comment[]
  /** The WordPress page the next batch starts with; null once every page is in. */
  next: number | null
  /** How many comments WordPress says the post has (X-WP-Total), when it says. */
  total: number | null
  /** Comments of every batch so far that came in a shape the adapter cannot map. */
  dropped: number
  /** Ids of every comment seen, so a comment that moved across a page boundary is kept once. */
  seen: Set<string>
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

/** The post and the first batch of its approved comments. */
export async function loadPost(rest: WordPressRest, id: number, order: Sort): Promise<Loaded> {
  const [post, first] = await Promise.all([fetchPost(rest, id), listPage(rest, id, order, 1)])
  const loaded: Loaded = { post: { ...record(post), id }, order, comments: [], next: 1, total: null, dropped: 0, seen: new Set() }
  await loadBatch(rest, loaded, first)
  return loaded
}

/**
 * The next batch of a post's comments into `loaded`: up to 20 pages, four requests at a
 * time once the first page tells how many there are; without the totals (a proxy dropped
 * Access-Control-Expose-Headers), one page after another until a short one.
 */
export async function loadBatch(rest: WordPressRest, loaded: Loaded, first?: Answer): Promise<void> {
  const start = loaded.next
  if (start === null) return
  const id = loaded.post.id
  const head = first ?? (await listPage(rest, id, loaded.order, start))
  const pages = [head.data]
  const totalPages = head.response.headers.get('X-WP-TotalPages')
  const end = Math.min(Number(totalPages) || start, start + PAGES_PER_BATCH - 1)
  if (totalPages !== null) {
    const numbers = Array.from({ length: Math.max(0, end - start) }, (_, i) => start + 1 + i)
    for (const answer of await atMost(AT_ONCE, numbers, (n) => listPage(rest, id, loaded.order, n))) pages.push(answer.data)
    loaded.next = end < Number(totalPages) ? end + 1 : null
    loaded.total = Number(head.response.headers.get('X-WP-Total')) || null
  } else {
    let n = start
    while (isFull(pages[pages.length - 1]) && n < start + PAGES_PER_BATCH - 1) pages.push((await listPage(rest, id, loaded.order, ++n)).data)
    loaded.next = isFull(pages[pages.length - 1]) ? n + 1 : null
  }
  for (const wp of pages.flatMap((p): unknown[] => (Array.isArray(p) ? p : []))) {
    if (!isWpComment(wp)) loaded.dropped++
    else if (wp.status === 'approved' && !loaded.seen.has(String(wp.id))) {
      loaded.seen.add(String(wp.id))
      loaded.comments.push(toComment(wp))
    }
  }
}

type Answer = Awaited<ReturnType<WordPressRest['get']>>

const isFull = (page: unknown) => Array.isArray(page) && page.length >= PER_PAGE

/** One page of a post's comments, oldest or newest first, pingbacks and trackbacks included (the plugin's `palaver=1`). */
function listPage(rest: WordPressRest, id: number, order: Sort, page: number): Promise<Answer> {
  return rest.get('/wp/v2/comments', {
    post: String(id),
    per_page: String(PER_PAGE),
    page: String(page),
    order: order === 'newest' ? 'desc' : 'asc',
    orderby: 'date_gmt',
    palaver: '1',
    _fields: COMMENT_FIELDS,
  })
}

/** `task` for each item, at most `limit` running at once; the results in the items' order. */
async function atMost<T, R>(limit: number, items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await task(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
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
