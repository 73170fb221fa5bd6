/**
 * All SQL the server runs, written once in Kysely for both dialects. Services and routes
 * call these methods and never build queries themselves. Reads are methods of Store;
 * every write goes through Store.change(), one transaction that also writes the events
 * readers must hear about (the outbox, see events.ts).
 */
import { sql, type Kysely, type Selectable, type Expression, type SqlBool, type Transaction } from 'kysely'
import type { Sort } from '../model.js'
import { openDatabase } from './db/connect.js'
import type { Database, Write } from './db/database.js'
import type { CommentTable, Schema, StoredStatus, ThreadTable } from './db/schema.js'
import { EventHub } from './events.js'
import { LISTED_COLUMNS, type AdminRow, type ListedRow } from './comment-view.js'
import type { Bucket, BucketOptions } from './middleware/rate-limit.js'
import { MailOutbox } from './mail/outbox.js'
import { adminRowsOf } from './admin/rows.js'

export type CommentRow = CommentTable
export type ThreadRow = Selectable<ThreadTable>

/** What shownRows() needs of a reply, plus its place in the order. */
export type ReplyShape = Pick<CommentRow, 'id' | 'parent_id' | 'root_id' | 'status' | 'edit_token_hash' | 'created_at'>

/** Position after which the next page starts: the last top-level row's (created_at, id). */
export interface Cursor {
  createdAt: string
  id: string
}

/** What the widget said about the page a thread is on (mail links to it, in its language). */
export interface PageFacts {
  url: string | null
  lang: string | null
}

/** What the admin list is filtered by (routes/admin.ts). */
export interface AdminFilter {
  status: StoredStatus
  thread: string | null
  /** Searched in name, email and text, case-insensitively; null or '' for all. */
  q: string | null
  cursor: Cursor | null
  limit: number
}

/** Reads kept between two changes (Store.#remembered): about a page of threads' rows each. */
const MAX_REMEMBERED_READS = 2_000

/** Who hears of a change: readers of the thread and the admin stream, or the admin stream only. */
export type Audience = 'public' | 'admin'

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
  /** Called after a change that queued mail commits; the mail worker of this process sets it. */
  onMailQueued: (() => void) | null = null

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
    await this.db
      .insertInto('settings')
      .values({ name, value: make() })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    return (await this.setting(name))!
  }

  async putSetting(name: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ name, value })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value }))
      .execute()
  }

  // --- threads -------------------------------------------------------------------------

  thread(key: string): Promise<ThreadRow | undefined> {
    return this.#remembered(`thread\0${key}`, () => this.db.selectFrom('threads').selectAll().where('key', '=', key).executeTakeFirst())
  }

  ensureThread(key: string, title: string | null, now: string, db: Kysely<Schema> = this.db): Promise<void> {
    return ensureThread(db, key, title, now)
  }

  async setThreadOpen(key: string, open: boolean, now: string): Promise<ThreadRow> {
    await this.db.transaction().execute(async (tx) => {
      await this.ensureThread(key, null, now, tx)
      await tx
        .updateTable('threads')
        .set({ open: open ? 1 : 0 })
        .where('key', '=', key)
        .execute()
      await bumpVersion(tx, key)
    })
    return (await this.thread(key))!
  }

  async threadCount(): Promise<number> {
    const row = await this.db
      .selectFrom('threads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Approved comments per thread: what a reader sees once every page is loaded. */
  /** The versions of those threads that have a row. */
  async threadVersions(keys: string[]): Promise<ReadonlyMap<string, number>> {
    if (keys.length === 0) return new Map()
    return this.#remembered(`versions\0${keys.join('\0')}`, async () => {
      const rows = await this.db.selectFrom('threads').select(['key', 'version']).where('key', 'in', keys).execute()
      return new Map(rows.map((row) => [row.key, Number(row.version)]))
    })
  }

  /**
   * The threads' rows are read by every list, count and post; where the database can tell
   * that nothing changed since a read (SQLite: Database.changeMark), that read is reused —
   * frozen, as every caller shares it. One write anywhere forgets them all.
   */
  readonly #reads = new Map<string, unknown>()
  #readsMark: string | undefined

  async #remembered<T extends object | undefined>(key: string, read: () => Promise<T>): Promise<T> {
    const mark = this.database.changeMark?.()
    if (mark === undefined) return read()
    if (mark !== this.#readsMark) {
      this.#reads.clear()
      this.#readsMark = mark
    }
    if (this.#reads.has(key)) return this.#reads.get(key) as T
    const value = await read()
    // Kept only if nothing changed while it was read; bounded, as one mark may see many keys.
    if (this.database.changeMark!() === mark && this.#reads.size < MAX_REMEMBERED_READS) {
      this.#reads.set(key, value === undefined ? value : Object.freeze(value))
    }
    return value
  }

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
   * Up to `limit + 1` top-level comments in page order that could be visible to this
   * reader: approved, theirs, or anchoring a visible reply. services/threads.ts decides
   * the rest (comment-view's shownRows).
   */
  async topLevel(thread: string, query: PageQuery): Promise<ListedRow[]> {
    const { cursor, limit, sort, tokenHashes } = query
    const direction = sort === 'newest' ? 'desc' : 'asc'
    return this.db
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
              .where((inner) => inner.or([inner('r.status', '=', 'approved'), ...(mine ? [inner('r.edit_token_hash', 'in', tokenHashes)] : [])])),
          ),
        ])
      })
      .$if(cursor !== null, (q) =>
        q.where((eb) => {
          const op = direction === 'asc' ? '>' : '<'
          return eb.or([eb('c.created_at', op, cursor!.createdAt), eb.and([eb('c.created_at', '=', cursor!.createdAt), eb('c.id', op, cursor!.id)])])
        }),
      )
      .orderBy('c.created_at', direction)
      .orderBy('c.id', direction)
      .limit(limit + 1)
      .execute()
  }

  /**
   * The replies (all levels) of these top-level comments, oldest first, with only what
   * deciding visibility needs: a subtree of 20,000 replies costs little to walk, and its
   * text is loaded (listed()) only for the replies that fit in the answer.
   */
  replyShapes(rootIds: string[]): Promise<ReplyShape[]> {
    if (rootIds.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('comments')
      .select(['id', 'parent_id', 'root_id', 'status', 'edit_token_hash', 'created_at'])
      .where('root_id', 'in', rootIds)
      .where('parent_id', 'is not', null)
      .orderBy('created_at', 'asc')
      .orderBy('id', 'asc')
      .execute()
  }

  /** What the reader's own comments (by edit-token hash) are now: part of their list's ETag. */
  ownRows(tokenHashes: string[]): Promise<Pick<CommentRow, 'id' | 'status' | 'version' | 'edited_at'>[]> {
    if (tokenHashes.length === 0) return Promise.resolve([])
    return this.db.selectFrom('comments').select(['id', 'status', 'version', 'edited_at']).where('edit_token_hash', 'in', tokenHashes).orderBy('id').execute()
  }

  /** The public columns of these comments, in no particular order. */
  async listed(ids: string[]): Promise<ListedRow[]> {
    const rows: ListedRow[] = []
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('comments')
          .select(LISTED_COLUMNS)
          .where('id', 'in', ids.slice(i, i + 500))
          .execute()),
      )
    }
    return rows
  }

  /**
   * The admin list: one status, newest first, optionally one thread and a search `q` (a
   * case-insensitive substring of the name, the email or the text as written), a page after
   * the cursor; and how many comments of each status match the same thread and search.
   * The (status, created_at, id) indexes keep a page of a 10,000-comment queue an index
   * range read.
   */
  async adminList(filter: AdminFilter): Promise<{ rows: AdminRow[]; next: Cursor | null; counts: Record<StoredStatus, number> }> {
    // One condition for the page (joined with threads) and the counts alike.
    const conditions: Expression<SqlBool>[] = []
    if (filter.thread !== null) conditions.push(sql<SqlBool>`c.thread_key = ${filter.thread}`)
    if (filter.q) {
      // A substring, not a pattern: the reader's % and _ are escaped.
      const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
      const like = (column: string) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
      conditions.push(sql<SqlBool>`(${like('c.author_name')} or ${like('c.author_email')} or ${like('c.body_text')})`)
    }
    const matching = conditions.length > 0 ? sql<SqlBool>`${sql.join(conditions, sql` and `)}` : sql<SqlBool>`1 = 1`
    const rows = await this.db
      .selectFrom('comments as c')
      .innerJoin('threads as t', 't.key', 'c.thread_key')
      .selectAll('c')
      .select([sql<string | null>`coalesce(t.owner_title, t.title)`.as('thread_title'), 't.url as thread_url'])
      .where(matching)
      .where('c.status', '=', filter.status)
      .$if(filter.cursor !== null, (q) =>
        q.where((eb) =>
          eb.or([
            eb('c.created_at', '<', filter.cursor!.createdAt),
            eb.and([eb('c.created_at', '=', filter.cursor!.createdAt), eb('c.id', '<', filter.cursor!.id)]),
          ]),
        ),
      )
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(filter.limit + 1)
      .execute()
    const countRows = await this.db
      .selectFrom('comments as c')
      .where(matching)
      .select(['c.status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('c.status')
      .execute()
    const counts: Record<StoredStatus, number> = { pending: 0, approved: 0, spam: 0, deleted: 0 }
    for (const row of countRows as { status: StoredStatus; n: number }[]) if (row.status in counts) counts[row.status] = Number(row.n)
    const page = (rows as AdminRow[]).slice(0, filter.limit)
    const last = page[page.length - 1]
    return { rows: page, next: rows.length > filter.limit && last ? { createdAt: last.created_at, id: last.id } : null, counts }
  }

  /** These comments as the admin list shows them (with their thread's title and page), in no particular order. */
  adminRows(ids: string[]): Promise<AdminRow[]> {
    return adminRowsOf(this.db, ids)
  }

  /**
   * The names under which comments with this email key were approved (up to 100 distinct:
   * a name is compared after normalizing, which SQL cannot do the same on both dialects).
   */
  async approvedNames(authorKey: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('comments')
      .select('author_name')
      .distinct()
      .where('author_key', '=', authorKey)
      .where('status', '=', 'approved')
      .limit(100)
      .execute()
    return rows.map((row) => row.author_name)
  }

  // --- rate limits (PostgreSQL: shared by every process) -----------------------------

  /**
   * One statement, atomic under concurrency: refill the bucket since its time (never
   * backwards, should two processes' clocks differ), take a token if there is one.
   */
  async takeToken(key: string, options: BucketOptions, now: number): Promise<{ tokens: number; taken: boolean }> {
    const perMs = options.perMinute / 60_000
    const tokens = sql<number>`least(${options.burst}::float8, rate_buckets.tokens + greatest(0, ${now}::float8 - rate_buckets.at) * ${perMs}::float8)`
    const row = await this.db
      .insertInto('rate_buckets')
      .values({ key, tokens: options.burst - 1, at: now, taken: 1 })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          tokens: sql<number>`case when ${tokens} >= 1 then ${tokens} - 1 else ${tokens} end`,
          taken: sql<number>`case when ${tokens} >= 1 then 1 else 0 end`,
          at: sql<number>`greatest(rate_buckets.at, ${now}::float8)`,
        }),
      )
      .returning(['tokens', 'taken'])
      .executeTakeFirstOrThrow()
    return { tokens: Number(row.tokens), taken: Number(row.taken) === 1 }
  }

  async bucket(key: string): Promise<Bucket | undefined> {
    const row = await this.db.selectFrom('rate_buckets').select(['tokens', 'at']).where('key', '=', key).executeTakeFirst()
    return row ? { tokens: Number(row.tokens), at: Number(row.at) } : undefined
  }

  // --- writing ------------------------------------------------------------------------

  async idempotent(keyHash: string): Promise<{ request_hash: string; comment_id: string } | undefined> {
    return this.db.selectFrom('idempotency').select(['request_hash', 'comment_id']).where('key_hash', '=', keyHash).executeTakeFirst()
  }

  /**
   * Runs `work` in one transaction: the change and the events it announces commit together
   * or not at all. Once committed, the hub is woken: here on SQLite, in every process by the
   * transaction's NOTIFY on PostgreSQL.
   */
  async change<T>(work: (change: Change) => Promise<T>): Promise<T> {
    let announced = false
    let mailed = false
    const result = await this.database.transact((tx) =>
      work(
        new Change(
          tx,
          this.database,
          () => (announced = true),
          () => (mailed = true),
        ),
      ),
    )
    // On PostgreSQL the NOTIFY wakes this process's hub too: waking it here as well would
    // read the same rows twice.
    if (announced && !this.database.notifier) this.events.wake()
    if (mailed) this.onMailQueued?.()
    return result
  }

  /** Old idempotency records and events are only useful for a day. */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('created_at', '<', before).execute()
    await this.db.deleteFrom('events').where('created_at', '<', before).execute()
    // A bucket untouched for a day is full again: forgetting it changes nothing.
    await this.db.deleteFrom('rate_buckets').where('at', '<', Date.parse(before)).execute()
  }
}

async function ensureThread(db: Kysely<Schema>, key: string, title: string | null, now: string): Promise<void> {
  await db
    .insertInto('threads')
    .values({ key, title, open: 1, created_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
}

/** In the transaction that changes the thread or one of its comments (see ThreadTable.version). */
export async function bumpVersion(db: Kysely<Schema>, threadKey: string): Promise<void> {
  await db
    .updateTable('threads')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('key', '=', threadKey)
    .execute()
}

/** Removing keeps the row (replies stay attached) but drops everything the author wrote. */
export const ERASED = {
  status: 'deleted',
  author_name: '',
  author_email: '',
  author_url: null,
  author_key: null,
  body_text: '',
  body_html: '',
  edit_token_hash: null,
  ip_prefix: null,
  edited_at: null,
  // A hash of author and text (services/duplicates.ts): gone with them.
  dedupe_key: null,
} as const satisfies Partial<CommentRow>

/** The reads and writes of one Store.change() transaction. */
export class Change {
  constructor(
    private readonly tx: Transaction<Schema>,
    private readonly database: Database,
    private readonly announced: () => void,
    private readonly mailed: () => void,
  ) {}

  /** The mail this change causes, queued in its transaction (mail/outbox.ts). */
  get mail(): MailOutbox {
    return new MailOutbox(this.tx, this.database, this.mailed)
  }

  /** The comment, locked against other changes until this transaction ends. */
  async comment(id: string): Promise<CommentRow | undefined> {
    await this.database.lock(this.tx, `comment:${id}`)
    return this.tx.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /**
   * Reads inside a change go through the transaction: on SQLite, the one connection is the
   * transaction's until it ends, and a read through Store would wait for it forever.
   */
  thread(key: string): Promise<ThreadRow | undefined> {
    return this.tx.selectFrom('threads').selectAll().where('key', '=', key).executeTakeFirst()
  }

  /**
   * Whether a post may be stored: no comment with its duplicate key (services/duplicates.ts)
   * posted since `since` and not removed, and — with an Idempotency-Key — the key claimed
   * for it, which fails when another request holds it (that one wins). Takes a lock on the
   * duplicate key first, so of concurrent identical posts each sees the ones committed
   * before it: exactly one is inserted. The check and the claim are one statement, the
   * claim made only when the check finds nothing (so nothing is to undo), and the statement
   * starts after the lock is held: what it reads includes every post committed before.
   */
  async mayInsert(
    dedupeKey: string,
    since: string,
    claim: { idempotency: { key_hash: string; request_hash: string }; commentId: string; now: string } | null,
  ): Promise<boolean> {
    await this.database.lock(this.tx, `post:${dedupeKey}`)
    const duplicates = this.tx
      .selectFrom('comments')
      .select('id')
      .where('dedupe_key', '=', dedupeKey)
      .where('created_at', '>=', since)
      .where('status', '!=', 'deleted')
    if (!claim) return (await duplicates.limit(1).executeTakeFirst()) === undefined
    const claimed = await this.tx
      .insertInto('idempotency')
      .columns(['key_hash', 'request_hash', 'comment_id', 'created_at'])
      .expression(
        this.tx
          .selectNoFrom((eb) => [
            eb.val(claim.idempotency.key_hash).as('key_hash'),
            eb.val(claim.idempotency.request_hash).as('request_hash'),
            eb.val(claim.commentId).as('comment_id'),
            eb.val(claim.now).as('created_at'),
          ])
          .where((eb) => eb.not(eb.exists(duplicates))),
      )
      .onConflict((oc) => oc.column('key_hash').doNothing())
      .returning('key_hash')
      .executeTakeFirst()
    return claimed !== undefined
  }

  /**
   * Creates the thread if needed (with this title) and inserts the comment. The page's
   * address and language fill in what the thread does not know yet (the first one wins).
   * With `audience`, the comment is also announced (see announce()), in the same round trip
   * on PostgreSQL; anything the change writes after it then runs under the events lock.
   */
  async insert(row: CommentRow, title: string | null, page: PageFacts = { url: null, lang: null }, audience?: Audience): Promise<void> {
    // One statement for the thread's row: made with its first comment, told the page facts
    // it lacks, and its version bumped when readers can see this comment. Before the comment,
    // whose foreign key needs the row; nothing outside the transaction sees one without the other.
    const bump = row.status === 'approved' ? 1 : 0
    const thread = this.tx
      .insertInto('threads')
      .values({ key: row.thread_key, title, open: 1, created_at: row.created_at, url: page.url, lang: page.lang, version: bump })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          url: eb.fn.coalesce('threads.url', 'excluded.url'),
          lang: eb.fn.coalesce('threads.lang', 'excluded.lang'),
          version: eb('threads.version', '+', bump),
        })),
      )
    const comment = this.tx.insertInto('comments').values(row)
    if (audience) return this.announce(row, row.created_at, audience, [thread, comment])
    await thread.execute()
    await comment.execute()
  }

  async update(row: CommentRow, changes: Partial<CommentRow>): Promise<CommentRow> {
    await this.tx.updateTable('comments').set(changes).where('id', '=', row.id).execute()
    // A held comment is seen only by its author, whose tag is made from their own rows
    // (routes/read.ts): its changes leave the public version, and so the public tag, alone.
    if (row.status === 'approved' || changes.status === 'approved') await bumpVersion(this.tx, row.thread_key)
    return { ...row, ...changes }
  }

  remove(row: CommentRow): Promise<CommentRow> {
    return this.update(row, ERASED)
  }

  /**
   * Readers of the thread hear about this comment (they get its view as it is when the
   * event is sent), and so does the admin stream; with `audience` 'admin' only the admin
   * stream does (a held comment posted, edited or judged: nothing readers could see).
   * Call it last in the transaction (or as late as may be: what comes after runs under the
   * lock): it takes the events lock, so event ids are handed out in commit order and a hub
   * that read id N never finds a smaller one committed later. `writes` are the change's
   * own, run just before in the same round trip where the database allows (appendEvent).
   */
  async announce(row: Pick<CommentRow, 'id' | 'thread_key'>, now: string, audience: Audience = 'public', writes?: readonly Write[]): Promise<void> {
    const event = { thread_key: row.thread_key, comment_id: row.id, created_at: now, admin_only: audience === 'admin' ? 1 : 0 }
    await this.database.appendEvent(this.tx, event, writes)
    this.announced()
  }
}
