/**
 * Reading a thread: which comments a page holds and how they look to this reader. The
 * page is over top-level comments, each followed by its replies, oldest first; at most
 * MAX_REPLIES_PER_PAGE replies travel in one answer (services/caps.ts). Top-level comments
 * join the page while their replies fit; the first always comes, and if its replies alone
 * are more, the answer names it in `moreReplies` and replies() gives the rest, page by page.
 */
import type { Comment } from '../../model.js'
import { shownRows, shownView, type ListedRow, type VisibilityRow } from '../comment-view.js'
import { notFound } from '../problem.js'
import { CountCache } from '../count-cache.js'
import type { Cursor, PageQuery, ReplyShape, Store, ThreadRow } from '../store.js'
import { MAX_REPLIES_PER_PAGE } from './caps.js'

export interface ThreadPage {
  comments: Comment[]
  next: Cursor | null
  /** Top-level comments whose replies did not all fit: the rest come after `after`. */
  moreReplies: { parentId: string; after: Cursor }[]
}

const positionOf = (row: { created_at: string; id: string }): Cursor => ({ createdAt: row.created_at, id: row.id })
const isAfter = (row: { created_at: string; id: string }, cursor: Cursor) =>
  row.created_at > cursor.createdAt || (row.created_at === cursor.createdAt && row.id > cursor.id)

/** A row shownRows() kept, with what placing it in the order needs. */
type Shown = { row: VisibilityRow & { created_at: string }; own: boolean }

export class ThreadService {
  readonly #counts: CountCache

  constructor(private readonly store: Store) {
    this.#counts = new CountCache(store)
  }

  /** A thread's row (undefined before its first comment) and its approved count. */
  async summary(key: string): Promise<{ row: ThreadRow | undefined; count: number }> {
    // The version first: the count it is remembered by must not be older (count-cache.ts).
    const row = await this.store.thread(key)
    const counts = await this.#counts.counts([key], row ? new Map([[key, row.version]]) : new Map())
    return { row, count: counts[key] ?? 0 }
  }

  /** Approved counts of many threads, each recounted only when its version moved. */
  async counts(keys: string[]): Promise<Record<string, number>> {
    return this.#counts.counts(keys, await this.store.threadVersions(keys))
  }

  async page(thread: string, query: PageQuery): Promise<ThreadPage> {
    const tokens = new Set(query.tokenHashes)
    const candidates = await this.store.topLevel(thread, query)
    const roots = candidates.slice(0, query.limit)
    const last = roots[roots.length - 1]
    let next = candidates.length > query.limit && last ? positionOf(last) : null

    const byRoot = new Map<string, ReplyShape[]>()
    for (const shape of await this.store.replyShapes(roots.map((root) => root.id))) {
      const list = byRoot.get(shape.root_id) ?? []
      list.push(shape)
      byRoot.set(shape.root_id, list)
    }

    let budget = MAX_REPLIES_PER_PAGE
    const included: { root: ListedRow; own: boolean; replies: Shown[] }[] = []
    const moreReplies: ThreadPage['moreReplies'] = []
    for (const root of roots) {
      const [top, ...replies] = shownRows<Shown['row']>([root, ...(byRoot.get(root.id) ?? [])], tokens)
      // Hidden, and nothing below it is shown: left out.
      if (top?.row !== root) continue
      const previous = included[included.length - 1]
      if (previous && replies.length > budget) {
        // It does not fit beside the others: the next page starts with it.
        next = positionOf(previous.root)
        break
      }
      const taken = replies.slice(0, budget)
      const lastTaken = taken[taken.length - 1]
      if (taken.length < replies.length && lastTaken) moreReplies.push({ parentId: root.id, after: positionOf(lastTaken.row) })
      budget -= taken.length
      included.push({ root, own: top.own, replies: taken })
    }

    const listed = await this.listedById(included.flatMap(({ replies }) => replies.map(({ row }) => row.id)))
    const comments = included.flatMap(({ root, own, replies }) => [
      shownView(root, own, tokens),
      ...replies.map(({ row, own: replyOwn }) => shownView(listed.get(row.id)!, replyOwn, tokens)),
    ])
    return { comments, next, moreReplies }
  }

  /** The replies of a top-level comment after `after`, oldest first, at most MAX_REPLIES_PER_PAGE. */
  async replies(rootId: string, after: Cursor | null, tokenHashes: string[]): Promise<{ comments: Comment[]; next: Cursor | null }> {
    const tokens = new Set(tokenHashes)
    const [root] = await this.store.listed([rootId])
    if (!root || root.parent_id !== null) throw notFound('No top-level comment with this id.')
    const [top, ...replies] = shownRows<Shown['row']>([root, ...(await this.store.replyShapes([root.id]))], tokens)
    if (top?.row !== root) throw notFound('No top-level comment with this id.')
    const rest = after ? replies.filter(({ row }) => isAfter(row, after)) : replies
    const taken = rest.slice(0, MAX_REPLIES_PER_PAGE)
    const lastTaken = taken[taken.length - 1]
    const listed = await this.listedById(taken.map(({ row }) => row.id))
    return {
      comments: taken.map(({ row, own }) => shownView(listed.get(row.id)!, own, tokens)),
      next: taken.length < rest.length && lastTaken ? positionOf(lastTaken.row) : null,
    }
  }

  private async listedById(ids: string[]): Promise<Map<string, ListedRow>> {
    return new Map((await this.store.listed(ids)).map((row) => [row.id, row]))
  }
}
