import type { Comment } from '../../model.js'
import { readStored, writeStored } from '../safe-storage.js'

interface HeldEntry {
  comment: Comment
  at: number
}

const HELD_TTL = 30 * 24 * 3600 * 1000
const MAX_HELD = 50

/**
 * The reader's own comments WordPress holds for moderation. WordPress lets nobody without
 * an account read them back, so they are kept in this browser (per site and post, without
 * the email, for 30 days) and shown to their author as pending until WordPress lists them.
 */
export class HeldComments {
  readonly #storage: () => Storage
  readonly #site: string

  constructor(storage: () => Storage, site: string) {
    this.#storage = storage
    this.#site = site
  }

  /** The held comments of a post, as they were posted. */
  read(postId: number): Comment[] {
    return this.#entries(postId).map((h) => h.comment)
  }

  add(postId: number, comment: Comment): void {
    this.#write(postId, [...this.#entries(postId), { comment, at: Date.now() }])
  }

  /**
   * The held comments still to show beside what WordPress lists (`listed`), as pending
   * and the reader's own: a comment it lists now was approved, and is forgotten here.
   */
  reconcile(postId: number, listed: ReadonlySet<string>): Comment[] {
    const held = this.#entries(postId)
    const still = held.filter((h) => !listed.has(h.comment.id))
    if (still.length !== held.length) this.#write(postId, still)
    return still.map((h) => ({ ...h.comment, status: 'pending', mine: true }))
  }

  #key(postId: number): string {
    return `palaver:wordpress:held:${this.#site}|${postId}`
  }

  #entries(postId: number): HeldEntry[] {
    const entries = readStored(this.#storage, this.#key(postId))
    const now = Date.now()
    return Array.isArray(entries) ? (entries as HeldEntry[]).filter((h) => h?.comment?.id && now - h.at < HELD_TTL) : []
  }

  #write(postId: number, entries: HeldEntry[]): void {
    writeStored(this.#storage, this.#key(postId), entries.length ? entries.slice(-MAX_HELD) : null)
  }
}
