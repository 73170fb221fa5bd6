import type { Comment } from '../../model.js'
import type { TreeNode } from './tree.js'

/** A run of top-level comments with all their replies, rendered (and skipped) as one. */
export interface Chunk {
  /** The first comment's id: stable while the chunk keeps its first comment. */
  key: string
  nodes: TreeNode[]
  /** Every comment the chunk shows: if none of them changed, the chunk need not re-render. */
  comments: Comment[]
}

function collect(node: TreeNode, into: Comment[]): void {
  into.push(node.comment)
  for (const child of node.children) collect(child, into)
}

/**
 * Cuts the tree into chunks of about `size` comments, never splitting a top-level comment
 * from its replies. Long threads render chunk by chunk, one task each, so no task blocks
 * the page for long; and a new comment re-renders only the chunk it lands in. Chunks are
 * counted from the oldest comment, so with `sort="newest"` a new arrival at the top does
 * not shift every boundary.
 */
export function chunkTree(tree: TreeNode[], size: number, newestFirst: boolean): Chunk[] {
  const ordered = newestFirst ? [...tree].reverse() : tree
  const chunks: Chunk[] = []
  let current: Chunk | null = null
  for (const node of ordered) {
    if (!current || current.comments.length >= size) {
      current = { key: node.comment.id, nodes: [], comments: [] }
      chunks.push(current)
    }
    current.nodes.push(node)
    collect(node, current.comments)
  }
  if (!newestFirst) return chunks
  for (const chunk of chunks) {
    chunk.nodes.reverse()
    chunk.key = chunk.nodes[0]!.comment.id
  }
  return chunks.reverse()
}
