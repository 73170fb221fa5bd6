/**
 * Change events for Server-Sent Events, read from the outbox. Every change readers should
 * hear about writes a row to the `events` table in the transaction that makes the change
 * (Store.change), naming the comment; so a crash never loses one, and a rolled-back change
 * never announces anything. After a commit the hub is woken — directly on SQLite (one
 * process), by NOTIFY on PostgreSQL (every process, from the same transaction) — reads the
 * rows it has not dispatched yet, in id order, and hands each subscriber of the thread the
 * comment's **current** public view. The view is loaded when sent, also for replays
 * (Last-Event-ID), so an edited, removed or spam comment is never replayed as it was.
 */
import type { Kysely } from 'kysely'
import type { Comment } from '../model.js'
import { adminRowsOf } from './admin/rows.js'
import { adminComment, eventView, LISTED_COLUMNS, type AdminComment } from './comment-view.js'
import type { Notifier } from './db/database.js'
import type { Schema } from './db/schema.js'

export interface ChangeEvent {
  id: number
  comment: Comment
}

type Listener = (event: ChangeEvent) => void

/** What the admin stream hears: every change of any comment, as the admin API shows it now. */
export interface AdminEvent {
  id: number
  comment: AdminComment
}

type AdminListener = (event: AdminEvent) => void

/** Replays after a reconnect are bounded; a reader further behind reloads the page. */
const MAX_REPLAY = 500
/** Rows read per round while catching up. */
const BATCH = 500

interface EventRow {
  id: number
  thread_key: string
  comment_id: string
  admin_only: number
}

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>()
  private readonly adminListeners = new Set<AdminListener>()
  /** The highest event id handed to subscribers (or known before they came). */
  private dispatched = 0
  private draining: Promise<void> | null = null
  private again = false

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly notifier: Notifier | null,
  ) {}

  async start(): Promise<void> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirst()
    this.dispatched = Number(row?.last ?? 0)
    await this.notifier?.listen(() => this.wake())
  }

  stop(): void {
    this.listeners.clear()
    this.adminListeners.clear()
  }

  /** The admin stream: every event of every thread, held comments too. */
  subscribeAdmin(listener: AdminListener): () => void {
    this.adminListeners.add(listener)
    return () => this.adminListeners.delete(listener)
  }

  subscribe(thread: string, listener: Listener): () => void {
    const set = this.listeners.get(thread) ?? new Set()
    set.add(listener)
    this.listeners.set(thread, set)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(thread)
    }
  }

  /** New events were committed (here or, on PostgreSQL, anywhere). Wakes coalesce. */
  wake(): void {
    if (this.draining) {
      this.again = true
      return
    }
    this.draining = this.drain()
      .catch(() => {
        // The database went away for a moment; the next wake reads on from the same id,
        // and readers who missed something meanwhile catch up with Last-Event-ID.
      })
      .finally(() => {
        this.draining = null
        if (this.again) {
          this.again = false
          this.wake()
        }
      })
  }

  private async drain(): Promise<void> {
    for (;;) {
      const rows = await this.db
        .selectFrom('events')
        .select(['id', 'thread_key', 'comment_id', 'admin_only'])
        .where('id', '>', this.dispatched)
        .orderBy('id', 'asc')
        .limit(BATCH)
        .execute()
      // Readers hear only of what they could see; the admin stream of everything.
      const heard = rows.filter((row) => Number(row.admin_only) === 0 && this.listeners.has(row.thread_key))
      for (const event of await this.withViews(heard)) {
        for (const listener of this.listeners.get(event.thread) ?? []) listener(event)
      }
      if (this.adminListeners.size > 0) {
        for (const event of await this.withAdminViews(rows)) for (const listener of this.adminListeners) listener(event)
      }
      const last = rows[rows.length - 1]
      if (last) this.dispatched = Math.max(this.dispatched, Number(last.id))
      if (rows.length < BATCH) return
    }
  }

  /** Events after `lastId` for one thread, oldest first, as their comments are now. */
  async since(thread: string, lastId: number): Promise<ChangeEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'thread_key', 'comment_id', 'admin_only'])
      .where('thread_key', '=', thread)
      .where('admin_only', '=', 0)
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(MAX_REPLAY)
      .execute()
    return this.withViews(rows)
  }

  /** Every event after `lastId`, oldest first, as the admin API shows its comment now. */
  async adminSince(lastId: number): Promise<AdminEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'thread_key', 'comment_id', 'admin_only'])
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(MAX_REPLAY)
      .execute()
    return this.withAdminViews(rows)
  }

  /** As withViews, with the admin's view of each comment. */
  private async withAdminViews(rows: EventRow[]): Promise<AdminEvent[]> {
    const last = new Map<string, EventRow>()
    for (const row of rows) last.set(row.comment_id, row)
    if (last.size === 0) return []
    const views = new Map((await adminRowsOf(this.db, [...last.keys()])).map((row) => [row.id, adminComment(row)]))
    return [...last.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .flatMap((row) => {
        const comment = views.get(row.comment_id)
        return comment ? [{ id: Number(row.id), comment }] : []
      })
  }

  /**
   * The current view of each event's comment. Of several events for one comment only the
   * last is kept: they would all carry the same view now.
   */
  private async withViews(rows: EventRow[]): Promise<(ChangeEvent & { thread: string })[]> {
    const last = new Map<string, EventRow>()
    for (const row of rows) last.set(row.comment_id, row)
    if (last.size === 0) return []
    const comments = await this.db
      .selectFrom('comments')
      .select(LISTED_COLUMNS)
      .where('id', 'in', [...last.keys()])
      .execute()
    const views = new Map(comments.map((row) => [row.id, eventView(row)]))
    return [...last.values()]
      .sort((a, b) => Number(a.id) - Number(b.id))
      .flatMap((row) => {
        const comment = views.get(row.comment_id)
        return comment ? [{ id: Number(row.id), thread: row.thread_key, comment }] : []
      })
  }
}
