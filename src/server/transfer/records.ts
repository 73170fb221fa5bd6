/**
 * What every importer reads its source into, and the writer (writer.ts) stores: threads and
 * comments as the source has them, already in Palaver's terms (thread keys, statuses,
 * kinds, ISO times), with the body as typed text for renderBody. A reader never touches
 * the database; the writer never knows which format a record came from.
 */
import type { CommentKind } from '../../model.js'
import type { StoredStatus } from '../db/schema.js'

export type ImportFormat = 'wxr' | 'disqus' | 'isso' | 'palaver'

export interface SourceThread {
  key: string
  title: string | null
  /**
   * The owner's title when the source tells it apart from the page's (a Palaver export's
   * `title` beside its `pageTitle`); undefined: `title` is the owner's too (an import is the
   * owner's own data).
   */
  ownerTitle?: string | null
  /** null: open unless the thread already exists (then it stays as it is). */
  open: boolean | null
  createdAt: string | null
}

export interface SourceComment {
  thread: string
  /**
   * Stable across runs of the same file ("wxr:12"): with the thread it finds the comment
   * again, which is what makes a second import change nothing. null only for Palaver's
   * own export of comments posted directly (they are found again by `id`).
   */
  sourceId: string | null
  /** Palaver's own export keeps ids; every other source gets new ones. */
  id: string | null
  /** The parent's sourceId (or id, for Palaver's own export). */
  parent: string | null
  kind: CommentKind
  status: StoredStatus
  /** role 'owner': the owner's own reply, from Palaver's own export only (no other source can say so). */
  author: { name: string; email: string; url: string | null; role?: 'owner' }
  /** The body as typed: what renderBody() turns into the stored HTML. */
  text: string
  createdAt: string
  editedAt: string | null
  ipPrefix: string | null
  /** Palaver's own export only: lets authors keep editing within their window. */
  editTokenHash: string | null
  /** Where it is in the file, for messages about it: "line 120" or "id 17". */
  where: string
}

/** A record that cannot be imported, and why. */
export interface Skipped {
  reason: string
  where: string
}

/**
 * A unit the writer commits in one transaction: a thread with its comments (WXR, Isso,
 * Palaver), or a run of posts of several threads (Disqus files are not grouped by thread).
 */
export interface Batch {
  /**
   * Every comment of these threads is here (WXR items, Isso and Palaver threads): a reply
   * whose parent is missing will not find it later. Disqus batches are not whole.
   */
  whole: boolean
  threads: SourceThread[]
  comments: SourceComment[]
  skipped: Skipped[]
}

/** A source file that cannot be read at all: one line for the person running the import. */
export class SourceError extends Error {
  override name = 'SourceError'
}

export const emptyBatch = (whole: boolean): Batch => ({ whole, threads: [], comments: [], skipped: [] })
