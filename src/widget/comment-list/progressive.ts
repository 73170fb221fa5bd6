import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { Comment, Sort } from '../../model.js'
import { chunkTree, type Chunk } from './chunks.js'
import { buildTree } from './tree.js'

/** Comments per chunk: small enough to keep a task short on a slow phone. */
export const CHUNK_SIZE = 40
/** At most this many chunks per task: a step that doubles past it overshoots 50 ms. */
const MAX_STEP = 4
/**
 * A list longer than this, seen for the first time, has its tree built in a task of its
 * own: for 10,000 comments that takes ~15 ms, and with the first chunk's rendering (the
 * first use of the templates and the sanitizer) one task would exceed 50 ms.
 */
const LONG_LIST = 1000

/**
 * Renders a long thread progressively: the host shows `shown` chunks; after each update
 * more follow in a task of their own until every loaded comment is in the DOM. Each step
 * aims at 15–30 ms — short enough that the page stays responsive, long enough that a
 * 10,000-comment thread does not need hundreds of layouts.
 */
export class ProgressiveChunks implements ReactiveController {
  /** Chunks the host renders now. */
  shown = 1
  #step = 1
  #stepStart = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #cache: { from: readonly Comment[]; maxDepth: number; sort: Sort; chunks: Chunk[] } | null = null
  readonly #host: ReactiveControllerHost

  constructor(host: ReactiveControllerHost) {
    this.#host = host
    host.addController(this)
  }

  /**
   * The displayed tree in chunks, rebuilt only when the comments or the layout change;
   * null while the first tree of a long list is being built (the host updates when done).
   */
  chunksOf(comments: readonly Comment[], maxDepth: number, sort: Sort): Chunk[] | null {
    const cached = this.#cache
    if (cached && cached.from === comments && cached.maxDepth === maxDepth && cached.sort === sort) return cached.chunks
    if (!cached && comments.length > LONG_LIST) {
      this.#timer ??= setTimeout(() => {
        this.#build(comments, maxDepth, sort)
        // The first chunk renders in a task of its own too, not in this one's microtasks.
        this.#timer = setTimeout(() => {
          this.#timer = undefined
          this.#host.requestUpdate()
        })
      })
      return null
    }
    return this.#build(comments, maxDepth, sort)
  }

  #build(comments: readonly Comment[], maxDepth: number, sort: Sort): Chunk[] {
    const chunks = chunkTree(buildTree(comments, maxDepth, sort), CHUNK_SIZE, sort === 'newest')
    this.#cache = { from: comments, maxDepth, sort, chunks }
    return chunks
  }

  /** Every chunk at once: a server-rendered thread is all in the DOM already (hydration). */
  showAll(comments: readonly Comment[], maxDepth: number, sort: Sort): void {
    this.shown = this.#build(comments, maxDepth, sort).length
  }

  /** A tree is being built, or more chunks are still to come. */
  get pending(): boolean {
    return this.#timer !== undefined
  }

  /** Back to the first chunk, for a new thread. */
  reset(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.shown = 1
    this.#step = 1
    this.#stepStart = 0
    this.#cache = null
  }

  hostUpdated(): void {
    const total = this.#cache?.chunks.length ?? 0
    if (this.shown >= total || this.#timer !== undefined) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      // Since the last step: its rendering, then the style and layout of the frame between.
      const now = performance.now()
      if (this.#stepStart) {
        const took = now - this.#stepStart
        this.#step = took < 15 ? Math.min(MAX_STEP, this.#step * 2) : took > 30 ? Math.max(1, this.#step >> 1) : this.#step
      }
      this.#stepStart = now
      this.shown += this.#step
      this.#host.requestUpdate()
    })
  }

  hostDisconnected(): void {
    this.reset()
  }
}
