import { textToHtml } from '../content/format.js'
import { fnv1a, randomToken } from '../content/hash.js'
import type { Adapter, Comment, Draft, DraftField, ListOptions, Page, Posted } from '../model.js'
import { checkDraft } from '../core/draft.js'
import { PalaverError } from '../core/errors.js'
import { pageOf } from './paging.js'
import { isComment, record } from './read.js'
import { local, readStored, writeStored } from './safe-storage.js'

/** A thread as the memory adapter keeps it. `tokens` maps comment id → edit token. */
export interface MemoryThread {
  title: string | null
  open: boolean
  comments: Comment[]
  tokens: Record<string, string>
}

export interface MemoryAdapterOptions {
  /** Threads to start with, by key. */
  threads?: Record<string, Partial<MemoryThread> & { comments: Comment[] }>
  /** Keep everything in localStorage under this key, so a reload keeps posted comments. */
  storageKey?: string
  /** Hold new comments as pending (moderation "all"). */
  moderate?: boolean
  requires?: DraftField[]
}

/**
 * A backend that lives in the page: for the offline demo, for tests, and as the smallest
 * example of the adapter contract. It pages, nests, holds and validates like the server.
 */
export class MemoryAdapter implements Adapter {
  readonly #threads: Record<string, MemoryThread> = {}
  readonly #dropped = new Map<string, number>()
  readonly #options: MemoryAdapterOptions
  readonly #listeners = new Map<string, Set<(c: Comment) => void>>()

  constructor(options: MemoryAdapterOptions = {}) {
    this.#options = options
    const stored = options.storageKey ? readStored(local, options.storageKey) : null
    // Storage may hold anything a script left there (what is stored wins over `threads`):
    // each thread is read anew, and a comment of the wrong shape is left out and counted.
    for (const [key, thread] of Object.entries(record(stored ?? options.threads))) {
      const { title, open, tokens, comments } = record(thread)
      const all: unknown[] = Array.isArray(comments) ? comments : []
      const kept = all.filter(isComment)
      this.#threads[key] = {
        title: typeof title === 'string' ? title : null,
        open: open !== false,
        tokens: record(tokens) as Record<string, string>,
        comments: kept,
      }
      if (kept.length < all.length) this.#dropped.set(key, all.length - kept.length)
    }
  }

  async list(key: string, page: ListOptions): Promise<Page> {
    const thread = this.#threads[key]
    const mine = new Set(page.mine ?? [])
    const requires = this.#options.requires ?? ['name', 'email']
    if (!thread) return { thread: { key, title: null, count: 0, open: true, requires }, comments: [], nextCursor: null }

    const ownIds = new Set(
      Object.entries(thread.tokens)
        .filter(([, t]) => mine.has(t))
        .map(([id]) => id),
    )
    const visible = thread.comments.filter((c) => c.status !== 'pending' || ownIds.has(c.id)).map((c) => (ownIds.has(c.id) ? { ...c, mine: true } : c))
    return {
      thread: {
        key,
        title: thread.title,
        count: thread.comments.filter((c) => c.status === 'approved').length,
        open: thread.open,
        requires,
      },
      ...pageOf(visible, page),
      // Counted once, with the first page.
      dropped: page.cursor ? 0 : this.#dropped.get(key),
    }
  }

  async post(key: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted> {
    const thread = (this.#threads[key] ??= { title: null, open: true, comments: [], tokens: {} })
    const earlier = thread.comments.find((c) => c.id === opts.idempotencyKey)
    if (earlier) return { comment: { ...earlier, mine: true }, editToken: thread.tokens[earlier.id] }
    if (!thread.open) throw new PalaverError('closed', 'Comments are closed.', { status: 403 })
    this.#validate(draft, thread)

    const comment: Comment = {
      id: opts.idempotencyKey,
      parentId: draft.parentId,
      kind: 'comment',
      author: {
        name: draft.author.name.trim(),
        url: draft.author.url.trim() || null,
        // A hash, so not even this page's storage keeps the email next to the comment.
        avatar: fnv1a(draft.author.email.trim().toLowerCase() || draft.author.name).toString(16),
      },
      html: textToHtml(draft.body),
      createdAt: new Date().toISOString(),
      editedAt: null,
      status: this.#options.moderate ? 'pending' : 'approved',
    }
    const editToken = randomToken()
    thread.comments.push(comment)
    thread.tokens[comment.id] = editToken
    this.#save()
    if (comment.status === 'approved') this.#emit(key, comment)
    return { comment: { ...comment, mine: true }, editToken }
  }

  async edit(id: string, body: string, token: string): Promise<Comment> {
    const [key, thread, index] = this.#find(id, token)
    const comment = { ...thread.comments[index]!, html: textToHtml(body), editedAt: new Date().toISOString() }
    thread.comments[index] = comment
    this.#save()
    this.#emit(key, comment)
    return { ...comment, mine: true }
  }

  async remove(id: string, token: string): Promise<void> {
    const [key, thread, index] = this.#find(id, token)
    const hasReplies = thread.comments.some((c) => c.parentId === id)
    const removed: Comment = { ...thread.comments[index]!, status: 'deleted', html: '', author: { name: '', url: null, avatar: null } }
    if (hasReplies) thread.comments[index] = removed
    else thread.comments.splice(index, 1)
    this.#save()
    this.#emit(key, removed)
  }

  async count(keys: string[]): Promise<Record<string, number>> {
    return Object.fromEntries(keys.map((k) => [k, this.#threads[k]?.comments.filter((c) => c.status === 'approved').length ?? 0]))
  }

  subscribe(key: string, onChange: (c: Comment) => void): () => void {
    const set = this.#listeners.get(key) ?? new Set()
    this.#listeners.set(key, set)
    set.add(onChange)
    return () => set.delete(onChange)
  }

  #validate(draft: Draft, thread: MemoryThread): void {
    const fields = checkDraft({ ...draft.author, body: draft.body }, this.#options.requires ?? ['name', 'email'])
    if (draft.parentId !== null && !thread.comments.some((c) => c.id === draft.parentId)) {
      throw new PalaverError('validation', 'The comment you reply to does not exist.', { status: 422 })
    }
    if (Object.keys(fields).length) throw new PalaverError('validation', 'Some fields are not valid.', { fields, status: 422 })
  }

  #find(id: string, token: string): [string, MemoryThread, number] {
    for (const [key, thread] of Object.entries(this.#threads)) {
      const index = thread.comments.findIndex((c) => c.id === id)
      if (index === -1) continue
      if (thread.tokens[id] !== token) throw new PalaverError('forbidden', 'This comment cannot be changed.', { status: 403 })
      return [key, thread, index]
    }
    throw new PalaverError('not-found', 'No such comment.', { status: 404 })
  }

  #emit(key: string, comment: Comment): void {
    for (const listener of this.#listeners.get(key) ?? []) listener(comment)
  }

  #save(): void {
    if (this.#options.storageKey) writeStored(local, this.#options.storageKey, this.#threads)
  }
}
