/**
 * Change events for Server-Sent Events. Every change a reader should hear about is written
 * to the `events` table (its id is the SSE `id:`, so a reconnecting reader can ask for what
 * it missed with Last-Event-ID). On SQLite there is one process and the hub dispatches
 * directly; on PostgreSQL the hub NOTIFYs every process, each of which loads the event and
 * hands it to its own subscribers — so a comment posted to one process reaches readers
 * connected to any other.
 */
import type { Kysely } from 'kysely'
import type { Comment } from '../model.js'
import type { Notifier } from './db/connect.js'
import type { Schema } from './db/schema.js'

export interface ChangeEvent {
  id: number
  comment: Comment
}

type Listener = (event: ChangeEvent) => void

/** Replays after a reconnect are bounded; a reader further behind reloads the page. */
const MAX_REPLAY = 500

export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>()

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly notifier: Notifier | null,
  ) {}

  async start(): Promise<void> {
    await this.notifier?.listen((payload) => void this.onNotify(payload))
  }

  stop(): void {
    this.listeners.clear()
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

  async publish(thread: string, comment: Comment, createdAt: string): Promise<void> {
    const { id } = await this.db
      .insertInto('events')
      .values({ thread_key: thread, comment_json: JSON.stringify(comment), created_at: createdAt })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (this.notifier) {
      // Payloads are limited to 8000 bytes: send the id and thread, each process loads the rest.
      await this.notifier.notify(`${id} ${thread}`)
    } else {
      this.dispatch(thread, { id: Number(id), comment })
    }
  }

  /** Events after `lastId` for one thread, oldest first. */
  async since(thread: string, lastId: number): Promise<ChangeEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select(['id', 'comment_json'])
      .where('thread_key', '=', thread)
      .where('id', '>', lastId)
      .orderBy('id', 'asc')
      .limit(MAX_REPLAY)
      .execute()
    return rows.map((row) => ({ id: Number(row.id), comment: JSON.parse(row.comment_json) as Comment }))
  }

  private async onNotify(payload: string): Promise<void> {
    const space = payload.indexOf(' ')
    const id = Number(payload.slice(0, space))
    const thread = payload.slice(space + 1)
    if (!this.listeners.has(thread) || !Number.isSafeInteger(id)) return
    try {
      const row = await this.db.selectFrom('events').select('comment_json').where('id', '=', id).executeTakeFirst()
      if (row) this.dispatch(thread, { id, comment: JSON.parse(row.comment_json) as Comment })
    } catch {
      // The database went away for a moment; readers catch up with Last-Event-ID.
    }
  }

  private dispatch(thread: string, event: ChangeEvent): void {
    for (const listener of this.listeners.get(thread) ?? []) listener(event)
  }
}
