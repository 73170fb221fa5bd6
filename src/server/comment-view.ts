/**
 * How stored rows become the public Comment of src/model.ts. The one place that decides
 * what a reader may see: never an email, IP or token hash; pending rows only for the
 * holder of their edit token; removed rows only as empty placeholders that keep replies
 * attached.
 */
import type { Comment, CommentKind } from '../model.js'
import type { CommentTable, StoredStatus } from './db/schema.js'
import type { HoldReason } from './moderation.js'
import { countLinks } from './render.js'

export type CommentRow = CommentTable

/**
 * The columns a public list reads: never the email, the raw text or the address, which
 * keeps them out of memory on the hot path and out of reach of a mistake here.
 */
export const LISTED_COLUMNS = [
  'id',
  'thread_key',
  'parent_id',
  'root_id',
  'kind',
  'author_name',
  'author_url',
  'author_key',
  'body_html',
  'status',
  'created_at',
  'edited_at',
  'edit_token_hash',
  'version',
  'author_role',
] as const satisfies readonly (keyof CommentRow)[]

export type ListedRow = Pick<CommentRow, (typeof LISTED_COLUMNS)[number]>

/**
 * What the admin API lists (docs/api.md, /work/notes/admin-api.md): everything the owner
 * needs to judge a comment — the author's email and website, the stored network prefix,
 * how many links readers would see, why it was held, the sanitized body as readers get
 * it and the text as written — and the version of the text (an approval names it, so it
 * publishes only what the owner read). Only the admin API ever sends this shape.
 */
export interface AdminComment {
  id: string
  thread: string
  threadTitle: string | null
  threadUrl: string | null
  parentId: string | null
  kind: CommentKind
  status: StoredStatus
  version: number
  createdAt: string
  editedAt: string | null
  author: { name: string; email: string; url: string | null; role?: 'owner' }
  ipPrefix: string | null
  links: number
  holdReason: HoldReason | null
  bodyHtml: string
  bodyText: string
}

/** A stored comment with what the admin list shows of its thread. */
export type AdminRow = CommentRow & { thread_title: string | null; thread_url: string | null }

function content(row: ListedRow): Omit<Comment, 'status'> {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as CommentKind,
    author: { name: row.author_name, url: row.author_url, avatar: row.author_key, ...(row.author_role === 'owner' ? { role: 'owner' as const } : {}) },
    html: row.body_html,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  }
}

/**
 * A pending comment carries no avatar seed, in the 201 answer and in its author's list: the
 * seed is the same for the same email, so a held post with a guessed address would
 * otherwise confirm it by matching a shown commenter's seed (docs/security.md).
 */
export function publicComment(row: ListedRow, mine = false): Comment {
  if (row.status !== 'approved' && row.status !== 'pending') return placeholder(row)
  const comment: Comment = { ...content(row), status: row.status }
  if (row.status === 'pending') comment.author = { ...comment.author, avatar: null }
  if (mine) comment.mine = true
  return comment
}

/** A removed comment that still has replies: position only, no content, no author. */
export function placeholder(row: ListedRow): Comment {
  return {
    id: row.id,
    parentId: row.parent_id,
    kind: row.kind as CommentKind,
    author: { name: '', url: null, avatar: null },
    html: '',
    createdAt: row.created_at,
    editedAt: null,
    status: 'deleted',
  }
}

/**
 * What the event stream says about a row: the comment as readers may see it now, or a
 * placeholder (removed, spam, back in moderation) that tells them it is gone. Never a
 * pending comment's text, and never `mine`: a stream has no reader tokens.
 */
export function eventView(row: ListedRow): Comment {
  return row.status === 'approved' ? publicComment(row) : placeholder(row)
}

export function adminComment(row: AdminRow): AdminComment {
  return {
    id: row.id,
    thread: row.thread_key,
    threadTitle: row.thread_title,
    threadUrl: row.thread_url,
    parentId: row.parent_id,
    kind: row.kind as CommentKind,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    author: { name: row.author_name, email: row.author_email, url: row.author_url, ...(row.author_role === 'owner' ? { role: 'owner' as const } : {}) },
    ipPrefix: row.ip_prefix,
    links: countLinks(row.body_html),
    holdReason: (row.hold_reason as HoldReason | null | undefined) ?? null,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
  }
}

/** What deciding visibility needs of a row: its place in the tree, its status, its token. */
export type VisibilityRow = Pick<ListedRow, 'id' | 'parent_id' | 'status' | 'edit_token_hash'>

/**
 * Which rows (top-level comments with their descendants) this reader sees, in the order
 * given. A row is shown as itself (`own`) when approved, or pending with one of the
 * reader's edit tokens; any other row is shown as a placeholder when something below it
 * is shown, so replies keep their parent; otherwise it is left out. A row whose parent is
 * not among the rows (or is part of a corrupt cycle) is left out too.
 *
 * Iterative, at any depth: a breadth-first walk from the top-level rows puts every parent
 * before its children; going through that order backwards, each row is decided after all
 * of its children.
 */
export function shownRows<R extends VisibilityRow>(rows: readonly R[], tokenHashes: ReadonlySet<string>): { row: R; own: boolean }[] {
  const children = new Map<string, R[]>()
  for (const row of rows) {
    if (row.parent_id === null) continue
    const siblings = children.get(row.parent_id) ?? []
    siblings.push(row)
    children.set(row.parent_id, siblings)
  }
  const order = rows.filter((row) => row.parent_id === null)
  for (let i = 0; i < order.length; i++) for (const child of children.get(order[i]!.id) ?? []) order.push(child)

  const own = (row: R) => row.status === 'approved' || (row.status === 'pending' && isMine(row, tokenHashes))
  const shown = new Map<string, boolean>()
  const hasShownChild = new Set<string>()
  for (let i = order.length - 1; i >= 0; i--) {
    const row = order[i]!
    const isOwn = own(row)
    if (!isOwn && !hasShownChild.has(row.id)) continue
    shown.set(row.id, isOwn)
    if (row.parent_id !== null) hasShownChild.add(row.parent_id)
  }
  return rows.flatMap((row) => {
    const isOwn = shown.get(row.id)
    return isOwn === undefined ? [] : [{ row, own: isOwn }]
  })
}

const isMine = (row: VisibilityRow, tokenHashes: ReadonlySet<string>) => row.edit_token_hash !== null && tokenHashes.has(row.edit_token_hash)

/** The public view of a row shownRows() kept for this reader: itself, or a placeholder. */
export function shownView(row: ListedRow, own: boolean, tokenHashes: ReadonlySet<string>): Comment {
  return own ? publicComment(row, isMine(row, tokenHashes)) : placeholder(row)
}
