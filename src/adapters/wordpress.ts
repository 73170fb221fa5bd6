import type { Adapter, Comment, Draft, ListOptions, Page, Posted, Sort } from '../model.js'
import { PalaverError } from '../core/errors.js'
import { pageFetch } from './http.js'
import { byTime, pageOf } from './paging.js'
import { local } from './safe-storage.js'
import { HeldComments } from './wordpress/held.js'
import { countPost, loadBatch, loadPost, PostIds, type Loaded } from './wordpress/load.js'
import { escapeText, isWpComment, threadInfo, toComment } from './wordpress/map.js'
import { WordPressRest } from './wordpress/rest.js'

export interface WordPressAdapterOptions {
  /** The fetch to use; tests and proxies pass their own. */
  fetch?: typeof fetch
  /** The REST API root. Default: `<server>/wp-json` (pretty permalinks); `<server>/?rest_route=` works on any site. */
  restRoot?: string
  /** Where the reader's own held comments are kept between visits. Default: localStorage. */
  storage?: () => Storage
}

/**
 * Shows and posts the comments of a WordPress post through WordPress's REST API
 * (`/wp/v2/comments`), with the Palaver plugin (wordpress/palaver.php) on the site.
 *
 * `server` is the site's base URL; a thread is a post (or page) ID, or a slug (a path's
 * last segment), resolved once. WordPress sends a flat list, 100 at most per request: the
 * adapter loads them in batches of 20 requests, four at a time (2,000 comments), and pages
 * the top-level comments of what it loaded itself; "Load more" reads what it loaded, and
 * brings the next batch when that runs out. The parts, each in wordpress/: REST addressing and requests (rest.ts),
 * loading (load.ts), mapping to the widget's model (map.ts), errors (errors.ts), and the
 * reader's comments WordPress holds for moderation (held.ts).
 */
export class WordPressAdapter implements Adapter {
  readonly #rest: WordPressRest
  readonly #posts: PostIds
  readonly #held: HeldComments
  readonly #loaded = new Map<string, Loaded>()
  readonly #posted = new Map<string, Posted>()

  constructor(server: string, options: WordPressAdapterOptions = {}) {
    this.#rest = new WordPressRest(server, options.restRoot, options.fetch ?? pageFetch)
    this.#posts = new PostIds(this.#rest)
    this.#held = new HeldComments(options.storage ?? local, this.#rest.site)
  }

  async list(thread: string, page: ListOptions): Promise<Page> {
    // The first page loads afresh; "Load more" pages through what was loaded, and brings
    // the next batch from WordPress when that runs out.
    let loaded = page.cursor ? this.#loaded.get(thread) : undefined
    if (loaded?.order !== page.sort) loaded = await this.#load(thread, page.sort)
    const dropped = loaded.dropped
    const before = loaded.comments.length
    for (;;) {
      const result = this.#page(loaded, page)
      const roots = result.comments.filter((c) => c.parentId === null).length
      if (roots < page.limit && loaded.next !== null) {
        await loadBatch(this.#rest, loaded)
        continue
      }
      const end = Math.max(0, Number(page.cursor) || 0) + roots
      const count = loaded.next === null ? loaded.comments.length : Math.max(loaded.total ?? 0, loaded.comments.length)
      // Replies a new batch brought to comments of earlier pages come along: the widget puts them in place.
      const inPage = new Set(result.comments.map((c) => c.id))
      const replies = page.cursor ? loaded.comments.slice(before).filter((c) => c.parentId !== null && !inPage.has(c.id)) : []
      return {
        thread: threadInfo(thread, loaded.post, count),
        comments: [...result.comments, ...replies],
        nextCursor: result.nextCursor ?? (loaded.next !== null ? String(end) : null),
        // A fresh load counts its first batch's; a later page what its batches brought.
        dropped: page.cursor ? loaded.dropped - dropped : loaded.dropped,
      }
    }
  }

  /**
   * A page of what is loaded, with the reader's held comments. A reply whose parent is
   * not among them is shown at the top once every batch is in (its parent is held, spam
   * or trashed); until then it waits for the batch that may bring its parent.
   */
  #page(loaded: Loaded, page: ListOptions): Pick<Page, 'comments' | 'nextCursor'> {
    const held = this.#held.reconcile(loaded.post.id, loaded.seen)
    const known = new Set([...loaded.seen, ...held.map((c) => c.id)])
    const shown: Comment[] = []
    for (const c of [...loaded.comments, ...held]) {
      if (c.parentId === null || known.has(c.parentId)) shown.push(c)
      else if (loaded.next === null) shown.push({ ...c, parentId: null })
    }
    return pageOf(shown.sort(byTime), page)
  }

  async post(thread: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted> {
    const earlier = this.#posted.get(opts.idempotencyKey)
    if (earlier) return earlier
    const loaded = this.#loaded.get(thread) ?? (await this.#load(thread, 'oldest'))
    const postId = loaded.post.id
    // The hidden field people leave empty: what fills it is not let through to WordPress.
    if (draft.trap) throw new PalaverError('validation', 'This comment was refused.', { status: 422 })
    // WordPress takes any number as parent, of any post: the widget only answers what it shows.
    if (draft.parentId !== null) {
      const known = [...loaded.comments, ...this.#held.read(postId)].some((c) => c.id === draft.parentId)
      if (!known || !/^\d+$/.test(draft.parentId)) {
        throw new PalaverError('validation', 'The comment you reply to is not part of this discussion.', { status: 422 })
      }
    }
    const wp = await this.#rest.post(
      '/wp/v2/comments',
      {
        post: postId,
        parent: draft.parentId === null ? 0 : Number(draft.parentId),
        author_name: draft.author.name.trim(),
        author_email: draft.author.email.trim(),
        author_url: draft.author.url.trim(),
        // The reader writes text, as on the theme's form; WordPress adds paragraphs and links.
        content: escapeText(draft.body),
      },
      draft,
    )
    if (!isWpComment(wp)) throw new PalaverError('server', `${this.#rest.site} answered the comment with something that is not a WordPress comment.`)
    const comment = toComment(wp)
    if (comment.status === 'approved') {
      loaded.comments.push(comment)
      loaded.seen.add(comment.id)
    } else this.#held.add(postId, comment)
    const posted: Posted = { comment: { ...comment, mine: true } }
    this.#posted.set(opts.idempotencyKey, posted)
    return posted
  }

  async count(threads: string[]): Promise<Record<string, number>> {
    const counts = await Promise.all(threads.map(async (thread) => countPost(this.#rest, await this.#posts.of(thread))))
    return Object.fromEntries(threads.map((thread, i) => [thread, counts[i]!]))
  }

  async #load(thread: string, order: Sort): Promise<Loaded> {
    const loaded = await loadPost(this.#rest, await this.#posts.of(thread), order)
    this.#loaded.set(thread, loaded)
    return loaded
  }
}
