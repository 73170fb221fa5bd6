import type { Adapter } from '../model.js'

/** Threads asked for in the same task, per adapter: one `count` request answers them all. */
const pending = new Map<Adapter, Map<string, Array<(n: number | null) => void>>>()

/** At most this many threads per request (the reference server's limit). */
const PER_REQUEST = 100

/**
 * The number of comments of a thread. Every call made before the next macrotask joins
 * one batch, so a page listing fifty posts makes one request, not fifty. Resolves null
 * when the adapter cannot count or the request fails: the caller shows nothing.
 */
export function countOf(adapter: Adapter, thread: string): Promise<number | null> {
  if (!adapter.count) return Promise.resolve(null)
  return new Promise((resolve) => {
    let batch = pending.get(adapter)
    if (!batch) {
      pending.set(adapter, (batch = new Map()))
      setTimeout(() => flush(adapter))
    }
    const waiting = batch.get(thread)
    if (waiting) waiting.push(resolve)
    else batch.set(thread, [resolve])
  })
}

function flush(adapter: Adapter): void {
  const batch = pending.get(adapter)
  pending.delete(adapter)
  if (!batch) return
  const threads = [...batch.keys()]
  for (let i = 0; i < threads.length; i += PER_REQUEST) {
    const slice = threads.slice(i, i + PER_REQUEST)
    adapter.count!(slice).then(
      (counts) => {
        for (const t of slice) for (const done of batch.get(t)!) done(counts[t] ?? 0)
      },
      () => {
        for (const t of slice) for (const done of batch.get(t)!) done(null)
      },
    )
  }
}
