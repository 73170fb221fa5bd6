import { byTime, groupReplies } from '../../adapters/paging.js'
import type { Comment, Sort } from '../../model.js'

/** A comment in the displayed tree. */
export interface TreeNode {
  comment: Comment
  depth: number
  children: TreeNode[]
  /** Set when the comment is shown flat beyond max depth: the comment it answers ("@Name"). */
  replyTo: Comment | null
}

/**
 * Builds the displayed tree from the flat list a backend sends. Top-level comments follow
 * `sort`; replies read as a conversation, oldest first. Replies nest until `maxDepth`;
 * deeper ones are shown flat after the comment at max depth, each naming whom it answers.
 * A reply whose parent is not loaded is left out until its parent arrives.
 */
export function buildTree(comments: readonly Comment[], maxDepth: number, sort: Sort): TreeNode[] {
  const { roots, replies } = groupReplies(comments)
  for (const list of replies.values()) list.sort(byTime)
  roots.sort(sort === 'newest' ? (a, b) => byTime(b, a) : byTime)

  const depthLimit = Math.max(1, maxDepth)
  const tree: TreeNode[] = []
  // Depth first with a stack of its own, not recursion: a chain of 12,000 replies is as safe as one of two.
  const todo: Array<{ comment: Comment; depth: number; into: TreeNode[]; replyTo: Comment | null }> = []
  for (let i = roots.length - 1; i >= 0; i--) todo.push({ comment: roots[i]!, depth: 1, into: tree, replyTo: null })
  for (let next = todo.pop(); next; next = todo.pop()) {
    const { comment, depth, into } = next
    const node: TreeNode = { comment, depth, children: [], replyTo: next.replyTo }
    into.push(node)
    // Below max depth the replies nest in the node; from there on they follow it flat, each naming whom it answers.
    const nested = depth < depthLimit
    const list = replies.get(comment.id) ?? []
    for (let i = list.length - 1; i >= 0; i--) {
      todo.push(nested ? { comment: list[i]!, depth: depth + 1, into: node.children, replyTo: null } : { comment: list[i]!, depth, into, replyTo: comment })
    }
  }
  return tree
}
