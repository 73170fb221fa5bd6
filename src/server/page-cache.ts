/**
 * The list answers already made, by the tag that stands for them (routes/read.ts): the tag
 * is made from the thread's version, which every change readers can see bumps in the same
 * transaction (store.ts bumpVersion; the importer too), and from the page, order and
 * reader's own rows asked for. So an entry is never stale: a change makes a new tag, and
 * the old entry is simply no longer asked for. Reading the version is the one query a
 * cached answer costs, as a 304 does; with several processes on one database each keeps
 * its own entries, and they agree because the version comes from the database.
 *
 * Bounded by the characters held (least recently used first out), so a crawler walking
 * every page of every thread cannot grow the process.
 */
export class PageCache {
  readonly #entries = new Map<string, string>()
  #size = 0

  constructor(readonly maxChars = 16 * 2 ** 20) {}

  get(tag: string): string | undefined {
    const value = this.#entries.get(tag)
    if (value === undefined) return undefined
    // Most recently used last: Map keeps insertion order.
    this.#entries.delete(tag)
    this.#entries.set(tag, value)
    return value
  }

  set(tag: string, value: string): void {
    if (value.length > this.maxChars / 4) return // one huge page must not empty the cache
    const old = this.#entries.get(tag)
    if (old !== undefined) {
      this.#entries.delete(tag)
      this.#size -= old.length
    }
    this.#entries.set(tag, value)
    this.#size += value.length
    for (const [oldest, held] of this.#entries) {
      if (this.#size <= this.maxChars) break
      this.#entries.delete(oldest)
      this.#size -= held.length
    }
  }

  get size(): number {
    return this.#entries.size
  }
}
