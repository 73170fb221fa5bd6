import type { Adapter, Comment, Draft, ListOptions, Page, Posted } from '../model.js'
import { PalaverError } from '../core/errors.js'
import { pageFetch } from './http.js'
import { byTime, pageOf } from './paging.js'
import { local } from './safe-storage.js'
import { HeldComments } from './wordpress/held.js'
import { countPost, loadPost, PostIds, type Loaded } from './wordpress/load.js'
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
 * last segment), resolved once. WordPress sends a flat list, newest first, 100 at most
 * per request: the adapter loads every page at once (in parallel once the first tells the
 * total), builds the tree, and pages the top-level comments itself; "Load more" reads
 * what it loaded. The parts, each in wordpress/: REST addressing and requests (rest.ts),
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
    // The first page loads everything again; "Load more" pages through what was loaded.
    const loaded = (page.cursor ? this.#loaded.get(thread) : undefined) ?? (await this.#load(thread))
    const held = this.#held.reconcile(loaded.post.id, new Set(loaded.comments.map((c) => c.id)))
    const all = [...loaded.comments, ...held].sort(byTime)
    return { thread: threadInfo(thread, loaded.post, loaded.comments.length), ...pageOf(all, page), dropped: page.cursor ? 0 : loaded.dropped }
  }

  async post(thread: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted> {
    const earlier = this.#posted.get(opts.idempotencyKey)
    if (earlier) return earlier
    const loaded = this.#loaded.get(thread) ?? (await this.#load(thread))
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
    const wp = await this.#rest.post('/wp/v2/comments', {
      post: postId,
      parent: draft.parentId === null ? 0 : Number(draft.parentId),
      author_name: draft.author.name.trim(),
      author_email: draft.author.email.trim(),
      author_url: draft.author.url.trim(),
      // The reader writes text, as on the theme's form; WordPress adds paragraphs and links.
      content: escapeText(draft.body),
    }, draft)
    if (!isWpComment(wp)) throw new PalaverError('server', `${this.#rest.site} answered the comment with something that is not a WordPress comment.`)
    const comment: Comment = toComment(wp, new Set(loaded.comments.map((c) => c.id).concat(draft.parentId ?? [])))
    if (comment.status === 'approved') loaded.comments.push(comment)
    else this.#held.add(postId, comment)
    const posted: Posted = { comment: { ...comment, mine: true } }
    this.#posted.set(opts.idempotencyKey, posted)
    return posted
  }

  async count(threads: string[]): Promise<Record<string, number>> {
    const counts = await Promise.all(threads.map(async (thread) => countPost(this.#rest, await this.#posts.of(thread))))
    return Object.fromEntries(threads.map((thread, i) => [thread, counts[i]!]))
  }

  async #load(thread: string): Promise<Loaded> {
    const loaded = await loadPost(this.#rest, await this.#posts.of(thread))
    this.#loaded.set(thread, loaded)
    return loaded
  }
}
