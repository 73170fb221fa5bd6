import type { Comment, Sort } from '../../model.js'

/** A comment in the displayed tree. */
export interface Node {
  comment: Comment
  depth: number
  children: Node[]
  /** Set when the comment is shown flat beyond max depth: the comment it answers ("@Name"). */
  replyTo: Comment | null
}

// Code-unit order, not localeCompare: ISO 8601 times sort right so, ids only need a stable
// tie-break, and localeCompare's first call builds an ICU collator (~7–10 ms per page load).
const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byTime = (a: Comment, b: Comment) => order(a.createdAt, b.createdAt) || order(a.id, b.id)

/**
 * Builds the displayed tree from the flat list a backend sends. Top-level comments follow
 * `sort`; replies read as a conversation, oldest first. Replies nest until `maxDepth`;
 * deeper ones are shown flat after the comment at max depth, each naming whom it answers.
 * A reply whose parent is not loaded is left out until its parent arrives.
 */
export function buildTree(comments: readonly Comment[], maxDepth: number, sort: Sort): Node[] {
  const replies = new Map<string, Comment[]>()
  const roots: Comment[] = []
  for (const comment of comments) {
    if (comment.parentId === null) roots.push(comment)
    else {
      const list = replies.get(comment.parentId)
      if (list) list.push(comment)
      else replies.set(comment.parentId, [comment])
    }
  }
  for (const list of replies.values()) list.sort(byTime)
  roots.sort(sort === 'newest' ? (a, b) => byTime(b, a) : byTime)

  const depthLimit = Math.max(1, maxDepth)
  const flatten = (parent: Comment, into: Node[], depth: number) => {
    for (const reply of replies.get(parent.id) ?? []) {
      into.push({ comment: reply, depth, children: [], replyTo: parent })
      flatten(reply, into, depth)
    }
  }
  const place = (comment: Comment, depth: number, into: Node[]) => {
    const node: Node = { comment, depth, children: [], replyTo: null }
    into.push(node)
    if (depth < depthLimit) for (const reply of replies.get(comment.id) ?? []) place(reply, depth + 1, node.children)
    else flatten(comment, into, depth)
  }
  const tree: Node[] = []
  for (const root of roots) place(root, 1, tree)
  return tree
}
