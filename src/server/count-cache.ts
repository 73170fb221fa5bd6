/**
 * Approved comments per thread, remembered by the thread's version. Every change that can
 * move the count (a comment stored approved, a verdict, a removal, an import) bumps the
 * version in its transaction (store.ts bumpVersion), so a count read at version v holds for
 * v. Counting was the dearest query of a list answer (a scan of the thread's comments,
 * where reading the version is one row); now it runs once per version. The version is read
 * before the count: a count can only be as new as its version or newer, never older.
 *
 * Bounded by threads remembered (least recently used out), as page-cache.ts is by size.
 */
import type { Store } from './store.js'

export class CountCache {
  readonly #byThread = new Map<string, { version: number; count: number }>()

  constructor(
    private readonly store: Store,
    readonly maxThreads = 20_000,
  ) {}

  /** The approved counts of the threads, `versions` their versions as just read (none: no row, so no comment yet). */
  async counts(keys: string[], versions: ReadonlyMap<string, number>): Promise<Record<string, number>> {
    const counts: Record<string, number> = {}
    const missing: string[] = []
    for (const key of keys) {
      const known = this.#byThread.get(key)
      const version = versions.get(key)
      // No row, no comments: every comment references its thread's row (a foreign key).
      if (version === undefined) counts[key] = 0
      else if (known?.version === version) {
        this.#remember(key, version, known.count)
        counts[key] = known.count
      } else missing.push(key)
    }
    if (missing.length === 0) return counts
    const fresh = await this.store.approvedCounts(missing)
    for (const key of missing) {
      const count = fresh[key] ?? 0
      counts[key] = count
      this.#remember(key, versions.get(key)!, count)
    }
    return counts
  }

  /** Most recently used last: Map keeps insertion order. */
  #remember(key: string, version: number, count: number): void {
    this.#byThread.delete(key)
    this.#byThread.set(key, { version, count })
    if (this.#byThread.size > this.maxThreads) this.#byThread.delete(this.#byThread.keys().next().value!)
  }
}
