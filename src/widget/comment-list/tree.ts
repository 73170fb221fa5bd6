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
  const flatten = (parent: Comment, into: TreeNode[], depth: number) => {
    for (const reply of replies.get(parent.id) ?? []) {
      into.push({ comment: reply, depth, children: [], replyTo: parent })
      flatten(reply, into, depth)
    }
  }
  const place = (comment: Comment, depth: number, into: TreeNode[]) => {
    const node: TreeNode = { comment, depth, children: [], replyTo: null }
    into.push(node)
    if (depth < depthLimit) for (const reply of replies.get(comment.id) ?? []) place(reply, depth + 1, node.children)
    else flatten(comment, into, depth)
  }
  const tree: TreeNode[] = []
  for (const root of roots) place(root, 1, tree)
  return tree
}
