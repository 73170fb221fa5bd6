import { atom, map } from 'nanostores'
import { PalaverError, toPalaverError } from '../core/errors.js'
import { isComment, isThreadInfo, record } from '../adapters/read.js'
import { sanitizerPending } from '../content/sanitize.js'
import type { Adapter, Comment, Sort, ThreadInfo } from '../model.js'
import { readTokens, saveToken, type HeldToken } from './storage.js'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface ThreadState {
  status: LoadStatus
  error: PalaverError | null
  info: ThreadInfo | null
  /** Every loaded comment once, in the order the backend sent them plus arrivals. */
  comments: Comment[]
  nextCursor: string | null
  more: 'idle' | 'loading' | 'error'
  /** Comments the adapter gave that the widget cannot show (a field of the wrong type): left out, counted here. */
  dropped: number
}

/**
 * Something worth telling a screen-reader user, in a polite live region, that no action's
 * caller can say: comments that arrived, an action that failed. Each is a new object, so
 * the same notice twice is told twice.
 */
export type Notice = { kind: 'new'; count: number } | { kind: 'error'; error: PalaverError }

export interface ThreadOptions {
  adapter: Adapter
  key: string
  /** Names the browser storage of this thread's tokens and draft: server + thread. */
  scope: string
  pageSize: number
  sort: Sort
}

export type ThreadStore = ReturnType<typeof createThreadStore>

/**
 * The comments after one of them stopped being public (removed, spam, back in moderation),
 * as the server lists them: a placeholder while it still has replies shown, else gone —
 * and a placeholder above it that has nothing left below goes with it.
 */
function withdrawn(comments: readonly Comment[], id: string): Comment[] {
  const gone = new Set<string>()
  const shownReplies = (parent: string) => comments.some((c) => c.parentId === parent && !gone.has(c.id))
  // Up the chain: the comment, then each placeholder above it left without shown replies.
  for (let c = comments.find((c) => c.id === id); c && (c.id === id || c.status === 'deleted') && !shownReplies(c.id); ) {
    gone.add(c.id)
    c = comments.find((p) => p.id === c!.parentId)
  }
  if (gone.size) return comments.filter((c) => !gone.has(c.id))
  return comments.map((c) => (c.id === id ? { ...c, status: 'deleted', html: '', editedAt: null, author: { name: '', url: null, avatar: null } } : c))
}

/**
 * A reloaded page's comments, each one that did not change as the object already shown:
 * the list then skips it (and keeps its body element) instead of rendering it again.
 */
function keepUnchanged(shown: readonly Comment[], loaded: Comment[]): Comment[] {
  if (!shown.length) return loaded
  const byId = new Map(shown.map((c) => [c.id, c]))
  return loaded.map((c) => {
    const old = byId.get(c.id)
    return old && JSON.stringify(old) === JSON.stringify(c) ? old : c
  })
}

/**
 * The stores and actions of one widget instance showing one thread. Elements read
 * `$thread` and `$notice` and call the actions; nothing else changes them.
 */
export function createThreadStore(options: ThreadOptions) {
  const { adapter, key, scope } = options
  const $thread = map<ThreadState>({ status: 'idle', error: null, info: null, comments: [], nextCursor: null, more: 'idle', dropped: 0 })
  const $notice = atom<Notice | null>(null)
  let generation = 0
  let unsubscribe: (() => void) | null = null

  const notify = (notice: Notice) => $notice.set(notice)
  const mine = () => readTokens(scope).map((t) => t.token)

  /**
   * A page as the widget can show it, whatever the adapter answered: a page it cannot read
   * at all fails like a backend error (the reader gets Retry); a comment it cannot show is
   * left out and counted, so one bad comment never takes the thread with it.
   */
  async function page(cursor?: string) {
    // Where the browser has no HTML Sanitizer, DOMPurify comes first (one more request);
    // elsewhere nothing waits. Before the list: an adapter may use it too.
    const pending = sanitizerPending()
    if (pending) {
      await pending.catch(() => {
        throw new PalaverError('network', 'The sanitizer for comment text could not be loaded.')
      })
    }
    const answer = record(await adapter.list(key, { limit: options.pageSize, sort: options.sort, mine: mine(), ...(cursor ? { cursor } : {}) }))
    if (!isThreadInfo(answer.thread) || !Array.isArray(answer.comments)) {
      throw new PalaverError('server', 'The backend sent a page of comments that cannot be read.')
    }
    const comments = answer.comments.filter(isComment)
    const { nextCursor } = answer
    return {
      info: answer.thread,
      comments,
      nextCursor: typeof nextCursor === 'string' && nextCursor ? nextCursor : null,
      dropped: answer.comments.length - comments.length + (Number(answer.dropped) || 0),
    }
  }

  /**
   * A first page the server rendered into the page (a declarative shadow root): shown at
   * once, as if loaded, so the element can hydrate it; `load()` then brings the live page.
   * Read like any answer: what is not a comment is left out.
   */
  function seed(answer: { thread: unknown; comments: unknown; nextCursor: unknown }): boolean {
    if (!isThreadInfo(answer.thread) || !Array.isArray(answer.comments)) return false
    const comments = answer.comments.filter(isComment)
    const nextCursor = typeof answer.nextCursor === 'string' && answer.nextCursor ? answer.nextCursor : null
    $thread.set({ status: 'ready', error: null, info: answer.thread, comments, nextCursor, more: 'idle', dropped: answer.comments.length - comments.length })
    return true
  }

  /** Loads the first page (again); a stale answer of an earlier load is dropped. */
  async function load(): Promise<void> {
    const current = ++generation
    $thread.set({ ...$thread.get(), status: 'loading', error: null })
    try {
      const result = await page()
      if (current !== generation) return
      $thread.set({ ...result, comments: keepUnchanged($thread.get().comments, result.comments), status: 'ready', error: null, more: 'idle' })
      unsubscribe ??= adapter.subscribe?.(key, receive) ?? null
    } catch (error) {
      if (current !== generation) return
      $thread.set({ ...$thread.get(), status: 'error', error: toPalaverError(error) })
    }
  }

  async function loadMore(): Promise<void> {
    const state = $thread.get()
    if (!state.nextCursor || state.more === 'loading') return
    const current = generation
    $thread.setKey('more', 'loading')
    try {
      const result = await page(state.nextCursor)
      if (current !== generation) return
      const now = $thread.get()
      const known = new Set(now.comments.map((c) => c.id))
      $thread.set({
        ...now,
        info: result.info,
        comments: [...now.comments, ...result.comments.filter((c) => !known.has(c.id))],
        nextCursor: result.nextCursor,
        dropped: now.dropped + result.dropped,
        more: 'idle',
      })
    } catch (error) {
      if (current !== generation) return
      $thread.setKey('more', 'error')
      notify({ kind: 'error', error: toPalaverError(error) })
    }
  }

  /** Puts a comment in place: replaces one with the same id, or adds it where it belongs; one the widget cannot show is counted instead. */
  function upsert(comment: Comment): boolean {
    const state = $thread.get()
    if (!isComment(comment)) {
      $thread.setKey('dropped', state.dropped + 1)
      return false
    }
    const index = state.comments.findIndex((c) => c.id === comment.id)
    const info = state.info
    if (index !== -1) {
      const before = state.comments[index]!
      let comments: Comment[]
      if (comment.status === 'deleted') comments = withdrawn(state.comments, comment.id)
      else {
        comments = state.comments.slice()
        comments[index] = { ...comment, mine: comment.mine ?? before.mine }
      }
      const delta = (comment.status === 'approved' ? 1 : 0) - (before.status === 'approved' ? 1 : 0)
      $thread.set({ ...state, comments, info: info && { ...info, count: info.count + delta } })
      return false
    }
    // Removing something never shown changes nothing.
    if (comment.status === 'deleted') return false
    // A reply to a comment on a page not loaded yet, or a new top-level comment that
    // belongs after pages still to load, arrives when those pages do; it is counted now.
    const placeable = comment.parentId !== null ? state.comments.some((c) => c.id === comment.parentId) : options.sort === 'newest' || state.nextCursor === null
    const counted = comment.status === 'approved' ? 1 : 0
    $thread.set({
      ...state,
      comments: placeable ? [...state.comments, comment] : state.comments,
      info: info && { ...info, count: info.count + counted },
    })
    return true
  }

  /** The token of a comment posted from this browser, while it may still be changed. */
  function editable(id: string): HeldToken | null {
    const held = readTokens(scope).find((t) => t.id === id)
    return held && (held.until === null || held.until > Date.now()) ? held : null
  }

  /** When the next edit window of the reader's comments closes (ms), or null when none is open. */
  function nextExpiry(): number | null {
    const ends = readTokens(scope)
      .map((t) => t.until ?? 0)
      .filter((until) => until > Date.now())
    return ends.length ? Math.min(...ends) : null
  }

  /** Edits the reader's own comment; rejects with a PalaverError the caller shows. */
  async function edit(id: string, body: string): Promise<void> {
    const held = editable(id)
    if (!held || !adapter.edit) throw new PalaverError('edit-expired', 'This comment can no longer be edited.')
    try {
      const comment = await adapter.edit(id, body, held.token)
      saveToken(scope, { ...held, text: body })
      upsert({ ...comment, mine: true })
    } catch (error) {
      throw toPalaverError(error)
    }
  }

  /** Removes the reader's own comment: a placeholder stays while it has replies. */
  async function remove(id: string): Promise<void> {
    const held = editable(id)
    if (!held || !adapter.remove) throw new PalaverError('edit-expired', 'This comment can no longer be removed.')
    try {
      await adapter.remove(id, held.token)
    } catch (error) {
      throw toPalaverError(error)
    }
    const state = $thread.get()
    const before = state.comments.find((c) => c.id === id)
    if (!before) return
    const counted = before.status === 'approved' ? 1 : 0
    const info = state.info && { ...state.info, count: state.info.count - counted }
    $thread.set({ ...state, info, comments: withdrawn(state.comments, id) })
  }

  /** A comment from the live stream: new ones are announced, own echoes are not. */
  function receive(comment: Comment): void {
    if (upsert(comment) && comment.status === 'approved') notify({ kind: 'new', count: 1 })
  }

  function dispose(): void {
    generation++
    unsubscribe?.()
    unsubscribe = null
  }

  return { $thread, $notice, adapter, key, scope, seed, load, loadMore, upsert, edit, remove, editable, nextExpiry, notify, dispose }
}
