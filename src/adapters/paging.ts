import type { Comment, ListOptions, Page } from '../model.js'

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The reading order of comments: oldest first, ties by id (a shorter id first, so
 * WordPress's numeric ids order as numbers). Code-unit order, not localeCompare: ISO 8601
 * times sort right so, and localeCompare's first call builds an ICU collator (~7–10 ms
 * of a page load).
 */
export const byTime = (a: Comment, b: Comment) => order(a.createdAt, b.createdAt) || a.id.length - b.id.length || order(a.id, b.id)

/** The top-level comments, and the replies to each comment by its id, both in the order given. */
export function groupReplies(comments: readonly Comment[]): { roots: Comment[]; replies: Map<string, Comment[]> } {
  const replies = new Map<string, Comment[]>()
  const roots: Comment[] = []
  for (const c of comments) {
    if (c.parentId === null) roots.push(c)
    else {
      const list = replies.get(c.parentId)
      if (list) list.push(c)
      else replies.set(c.parentId, [c])
    }
  }
  return { roots, replies }
}

/**
 * One page of a thread held whole in memory (the memory adapter's threads, what the
 * WordPress adapter loaded): `limit` top-level comments from the offset in the cursor,
 * oldest or newest first, each with all its replies, parents before replies. `comments`
 * come oldest first; a reply whose parent is not among them is on no page.
 */
export function pageOf(comments: readonly Comment[], page: ListOptions): Pick<Page, 'comments' | 'nextCursor'> {
  const { roots, replies } = groupReplies(comments)
  if (page.sort === 'newest') roots.reverse()
  const start = Math.max(0, Number(page.cursor) || 0)
  const shown = roots.slice(start, start + Math.max(1, page.limit))
  const end = start + shown.length
  // Breadth first over the replies, one level after the other: no recursion, however deep.
  const result = [...shown]
  for (let i = 0; i < result.length; i++) for (const reply of replies.get(result[i]!.id) ?? []) result.push(reply)
  return { comments: result, nextCursor: end < roots.length ? String(end) : null }
}
