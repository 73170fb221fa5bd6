/**
 * All SQL the server runs, written once in Kysely for both dialects. Handlers call these
 * methods and never build queries themselves.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Sort } from '../model.js'
import { openDatabase, type Database } from './db/connect.js'
import type { CommentTable, Schema, StoredStatus, ThreadTable } from './db/schema.js'
import { EventHub } from './events.js'
import { LISTED_COLUMNS, type ListedRow } from './comment-view.js'

export type CommentRow = CommentTable
export type ThreadRow = Selectable<ThreadTable>

/** Position after which the next page starts: the last top-level row's (created_at, id). */
export interface Cursor {
  createdAt: string
  id: string
}

export interface PageQuery {
  cursor: Cursor | null
  limit: number
  sort: Sort
  /** Hashes of the edit tokens the reader holds: their pending comments are included. */
  tokenHashes: string[]
}

export class Store {
  readonly db: Kysely<Schema>
  readonly events: EventHub

  constructor(readonly database: Database) {
    this.db = database.db
    this.events = new EventHub(this.db, database.notifier)
  }

  static async open(location: string): Promise<Store> {
    const store = new Store(await openDatabase(location))
    await store.events.start()
    return store
  }

  get dialect() {
    return this.database.dialect
  }

  async close(): Promise<void> {
    this.events.stop()
    await this.database.close()
  }

  // --- settings ------------------------------------------------------------------------

  async setting(name: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst()
    return row?.value
  }

  /** Keeps the first value written, so concurrent first starts agree on one. */
  async settingOrInit(name: string, make: () => string): Promise<string> {
    await this.db.insertInto('settings').values({ name, value: make() }).onConflict((oc) => oc.column('name').doNothing()).execute()
    return (await this.setting(name))!
  }

  async putSetting(name: string, value: string): Promise<void> {
    await this.db.insertInto('settings').values({ name, value }).onConflict((oc) => oc.column('name').doUpdateSet({ value })).execute()
  }

  // --- threads -------------------------------------------------------------------------

  thread(key: string): Promise<ThreadRow | undefined> {
    return this.db.selectFrom('threads').selectAll().where('key', '=', key).executeTakeFirst()
  }

  /** After a change of the thread or one of its comments, never before (see ThreadTable.version). */
  async #bumpVersion(db: Kysely<Schema>, where: { key: string } | { commentId: string }): Promise<void> {
    await db
      .updateTable('threads')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('key', '=', 'key' in where ? where.key : (eb) => eb.selectFrom('comments').select('thread_key').where('id', '=', where.commentId))
      .execute()
  }

  async ensureThread(key: string, title: string | null, now: string, db: Kysely<Schema> = this.db): Promise<void> {
    await db.insertInto('threads').values({ key, title, open: 1, created_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute()
  }

  async setThreadOpen(key: string, open: boolean, now: string): Promise<ThreadRow> {
    await this.ensureThread(key, null, now)
    await this.db.updateTable('threads').set({ open: open ? 1 : 0 }).where('key', '=', key).execute()
    await this.#bumpVersion(this.db, { key })
    return (await this.thread(key))!
  }

  async threadCount(): Promise<number> {
    const row = await this.db.selectFrom('threads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Approved comments per thread: what a reader sees once every page is loaded. */
  async approvedCounts(keys: string[]): Promise<Record<string, number>> {
    const counts: Record<string, number> = Object.fromEntries(keys.map((key) => [key, 0]))
    if (keys.length === 0) return counts
    const rows = await this.db
      .selectFrom('comments')
      .select(['thread_key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('thread_key', 'in', keys)
      .where('status', '=', 'approved')
      .groupBy('thread_key')
      .execute()
    for (const row of rows) counts[row.thread_key] = Number(row.n)
    return counts
  }

  // --- reading comments ----------------------------------------------------------------

  comment(id: string): Promise<CommentRow | undefined> {
    return this.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /**
   * One page of top-level comments that could be visible to this reader, with all their
   * descendants. Visibility itself is decided by comment-view's visibleComments().
   */
  async page(thread: string, query: PageQuery): Promise<{ rows: ListedRow[]; next: Cursor | null }> {
    const { cursor, limit, sort, tokenHashes } = query
    const direction = sort === 'newest' ? 'desc' : 'asc'
    const roots = await this.db
      .selectFrom('comments as c')
      .select(LISTED_COLUMNS.map((column) => `c.${column}` as const))
      .where('c.thread_key', '=', thread)
      .where('c.parent_id', 'is', null)
      .where((eb) => {
        const mine = tokenHashes.length > 0
        return eb.or([
          eb('c.status', '=', 'approved'),
          ...(mine ? [eb('c.edit_token_hash', 'in', tokenHashes)] : []),
          // A hidden top-level comment still anchors its visible replies (as a placeholder).
          eb.exists(
            eb
              .selectFrom('comments as r')
              .select('r.id')
              .whereRef('r.root_id', '=', 'c.id')
              .whereRef('r.id', '!=', 'c.id')
              .where((inner) =>
                inner.or([
                  inner('r.status', '=', 'approved'),
                  ...(mine ? [inner('r.edit_token_hash', 'in', tokenHashes)] : []),
                ]),
              ),
          ),
        ])
      })
      .$if(cursor !== null, (q) =>
        q.where((eb) => {
          const op = direction === 'asc' ? '>' : '<'
          return eb.or([
            eb('c.created_at', op, cursor!.createdAt),
            eb.and([eb('c.created_at', '=', cursor!.createdAt), eb('c.id', op, cursor!.id)]),
          ])
        }),
      )
      .orderBy('c.created_at', direction)
      .orderBy('c.id', direction)
      .limit(limit + 1)
      .execute()

    const hasMore = roots.length > limit
    const pageRoots = roots.slice(0, limit)
    const last = pageRoots[pageRoots.length - 1]
    const next = hasMore && last ? { createdAt: last.created_at, id: last.id } : null
    if (pageRoots.length === 0) return { rows: [], next }

    const descendants = await this.db
      .selectFrom('comments')
      .select(LISTED_COLUMNS)
      .where('root_id', 'in', pageRoots.map((r) => r.id))
      .where('parent_id', 'is not', null)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute()
    const byRoot = new Map<string, ListedRow[]>()
    for (const row of descendants) {
      const list = byRoot.get(row.root_id) ?? []
      list.push(row)
      byRoot.set(row.root_id, list)
    }
    // Each top-level comment is followed by its whole subtree, oldest reply first.
    const rows = pageRoots.flatMap((root) => [root, ...(byRoot.get(root.id) ?? [])])
    return { rows, next }
  }

  async adminList(filter: { status: StoredStatus; thread: string | null; cursor: Cursor | null; limit: number }) {
    const rows = await this.db
      .selectFrom('comments')
      .select(LISTED_COLUMNS)
      .where('status', '=', filter.status)
      .$if(filter.thread !== null, (q) => q.where('thread_key', '=', filter.thread!))
      .$if(filter.cursor !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('created_at', '<', filter.cursor!.createdAt),
            eb.and([eb('created_at', '=', filter.cursor!.createdAt), eb('id', '<', filter.cursor!.id)]),
          ]),
        ),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute()
    const page = rows.slice(0, filter.limit)
    const last = page[page.length - 1]
    return { rows: page, next: rows.length > filter.limit && last ? { createdAt: last.created_at, id: last.id } : null }
  }

  /** The same author (by email key, else by name) posted the same text here recently. */
  async duplicateExists(thread: string, authorKey: string | null, name: string, bodyText: string, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('thread_key', '=', thread)
      .where('body_text', '=', bodyText)
      .where('created_at', '>=', since)
      .where('status', '!=', 'deleted')
      .where((eb) => (authorKey ? eb('author_key', '=', authorKey) : eb('author_name', '=', name)))
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  async authorHasApproved(authorKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('author_key', '=', authorKey)
      .where('status', '=', 'approved')
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  // --- writing comments ----------------------------------------------------------------

  async idempotent(keyHash: string): Promise<{ request_hash: string; comment_id: string } | undefined> {
    return this.db.selectFrom('idempotency').select(['request_hash', 'comment_id']).where('key_hash', '=', keyHash).executeTakeFirst()
  }

  /**
   * Creates the thread if needed and inserts the comment, all or nothing. With an
   * idempotency record, a concurrent request that already claimed the key wins and this
   * returns 'replay' without inserting anything.
   */
  async insertComment(
    row: CommentRow,
    thread: { title: string | null },
    idempotency: { key_hash: string; request_hash: string } | null,
  ): Promise<'inserted' | 'replay'> {
    return this.db.transaction().execute(async (tx) => {
      if (idempotency) {
        const claimed = await tx
          .insertInto('idempotency')
          .values({ ...idempotency, comment_id: row.id, created_at: row.created_at })
          .onConflict((oc) => oc.column('key_hash').doNothing())
          .executeTakeFirst()
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return 'replay'
      }
      await this.ensureThread(row.thread_key, thread.title, row.created_at, tx)
      await tx.insertInto('comments').values(row).execute()
      await this.#bumpVersion(tx, { key: row.thread_key })
      return 'inserted'
    })
  }

  async updateComment(id: string, changes: Partial<CommentRow>, tx: Kysely<Schema> | Transaction<Schema> = this.db): Promise<CommentRow | undefined> {
    await tx.updateTable('comments').set(changes).where('id', '=', id).execute()
    await this.#bumpVersion(tx, { commentId: id })
    return tx.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Removing keeps the row (replies stay attached) but drops everything the author wrote. */
  removeComment(id: string): Promise<CommentRow | undefined> {
    return this.updateComment(id, {
      status: 'deleted',
      author_name: '',
      author_email: '',
      author_url: null,
      author_key: null,
      body_text: '',
      body_html: '',
      edit_token_hash: null,
      ip_prefix: null,
    })
  }

  /** Old idempotency records and events are only useful for a day. */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('created_at', '<', before).execute()
    await this.db.deleteFrom('events').where('created_at', '<', before).execute()
  }
}
