/**
 * The list answers already made (routes/read.ts), one per page a reader can ask for — the
 * thread, page, order and reader's tokens: its slot — under the tag that stands for what it
 * holds. The tag is made from the thread's version, which every change readers can see
 * bumps in the same transaction (store.ts bumpVersion; the importer too), and from the
 * reader's own rows. So an entry is never stale: a change makes a new tag, the slot's old
 * answer no longer matches it, and the new answer takes its place — a thread posted to all
 * day holds one entry per page, not one per version. Reading the version is the one query
 * a cached answer costs, as a 304 does; with several processes on one database each keeps
 * its own entries, and they agree because the version comes from the database.
 *
 * Bounded by the characters held (least recently used first out), so a crawler walking
 * every page of every thread cannot grow the process.
 */
export class PageCache {
  readonly #entries = new Map<string, { tag: string; value: string }>()
  #size = 0

  constructor(readonly maxChars = 16 * 2 ** 20) {}

  /** The answer kept in the slot, if it was made under this tag. */
  get(slot: string, tag: string): string | undefined {
    const entry = this.#entries.get(slot)
    if (entry?.tag !== tag) return undefined
    // Most recently used last: Map keeps insertion order.
    this.#entries.delete(slot)
    this.#entries.set(slot, entry)
    return entry.value
  }

  set(slot: string, tag: string, value: string): void {
    const old = this.#entries.get(slot)
    if (old) {
      this.#entries.delete(slot)
      this.#size -= old.value.length
    }
    if (value.length > this.maxChars / 4) return // one huge page must not empty the cache
    this.#entries.set(slot, { tag, value })
    this.#size += value.length
    for (const [oldest, held] of this.#entries) {
      if (this.#size <= this.maxChars) break
      this.#entries.delete(oldest)
      this.#size -= held.value.length
    }
  }

  get size(): number {
    return this.#entries.size
  }
}
