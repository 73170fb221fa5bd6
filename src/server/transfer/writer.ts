/**
 * Stores what the readers read. Each batch (a thread with its comments, or a run of
 * Disqus posts) is one transaction. A comment already there — the same source id in the
 * same thread, or for Palaver's own export the same id — is left as it is, so importing a
 * file again changes nothing, and an import that stopped half-way finishes when run again.
 *
 * Every body goes through renderBody(), as a new post's does; avatar seeds are made with
 * this server's secret; a removed comment (trash, isDeleted, Isso's mode 4) keeps only its
 * place, as removing does on the server. A reply whose parent has not been seen yet waits
 * for it (sources are not always in order); one whose parent never comes is imported as a
 * top-level comment.
 */
import type { Kysely } from 'kysely'
import type { CommentKind } from '../../model.js'
import type { CommentTable, Schema, StoredStatus } from '../db/schema.js'
import { renderBody } from '../render.js'
import { bumpVersion } from '../store.js'
import { avatarSeed, newId } from '../tokens.js'
import type { Batch, Skipped, SourceComment, SourceThread } from './records.js'
import { MAX_REPLY_DEPTH } from '../services/caps.js'
import { duplicateKey } from '../services/duplicates.js'
import { normalizeThreadKey } from '../thread-key.js'

/** Rows per INSERT: 17 columns × 500 stays far below SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500

/** Settings a file may carry in: never one that holds or checks a secret. */
export const isSecretSetting = (name: string): boolean => /secret|token|hash|key|password/i.test(name)

export interface ImportSummary {
  threadsCreated: number
  threadsExisting: number
  imported: number
  kinds: Record<CommentKind, number>
  statuses: Record<StoredStatus, number>
  /** Already there from an earlier import: left as they are. */
  unchanged: number
  /** Replies whose parent is not in the file, imported as top-level comments. */
  orphans: Skipped[]
  skipped: Skipped[]
}

/**
 * Where a stored comment sits: its id, its top-level comment and its depth below it. Depths
 * stop at MAX_REPLY_DEPTH (services/caps.ts): an imported chain deeper than that keeps its
 * parents and is shown flat from there on, as the widget shows deep replies anyway.
 */
type Placed = { id: string; root: string; depth: number }

const depthBelow = (parent: Placed | null) => (parent ? Math.min(parent.depth + 1, MAX_REPLY_DEPTH) : 0)

const refOf = (thread: string, ref: string) => `${thread}\0${ref}`

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK))
  return out
}

export class ImportWriter {
  readonly summary: ImportSummary = {
    threadsCreated: 0,
    threadsExisting: 0,
    imported: 0,
    kinds: { comment: 0, pingback: 0, trackback: 0, webmention: 0 },
    statuses: { approved: 0, pending: 0, spam: 0, deleted: 0 },
    unchanged: 0,
    orphans: [],
    skipped: [],
  }
  /** Replies waiting for a parent a later batch may bring. */
  #waiting: SourceComment[] = []
  readonly #seenThreads = new Set<string>()

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly secret: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** Comments read so far, stored or not: for progress lines. */
  get seen(): number {
    return this.summary.imported + this.summary.unchanged + this.summary.skipped.length + this.#waiting.length
  }

  async write(batch: Batch): Promise<void> {
    this.summary.skipped.push(...batch.skipped)
    // Thread keys as the API normalizes them (thread-key.ts), so an import lands where readers look.
    const threads = batch.threads.map((t) => ({ ...t, key: normalizeThreadKey(t.key) }))
    const comments = [...this.#waiting, ...batch.comments.map((c) => ({ ...c, thread: normalizeThreadKey(c.thread) }))]
    this.#waiting = []
    await this.#transaction((tx) => this.#store(tx, threads, comments, batch.whole))
  }

  /** After the last batch: what still waits for its parent goes in at the top level. */
  async finish(): Promise<ImportSummary> {
    if (this.#waiting.length > 0) {
      const orphans = this.#waiting
      this.#waiting = []
      await this.#transaction((tx) => this.#store(tx, [], orphans, true))
    }
    return this.summary
  }

  /** Settings from Palaver's own export that this database does not have yet. */
  async settings(values: Record<string, string>): Promise<void> {
    const rows = Object.entries(values)
      .filter(([name]) => !isSecretSetting(name))
      .map(([name, value]) => ({ name, value }))
    if (rows.length === 0) return
    await this.db
      .insertInto('settings')
      .values(rows)
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
  }

  /** Inside a dry run the whole import is already one transaction (rolled back at the end). */
  #transaction(work: (tx: Kysely<Schema>) => Promise<void>): Promise<void> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute(work)
  }

  async #store(tx: Kysely<Schema>, threads: SourceThread[], comments: SourceComment[], whole: boolean): Promise<void> {
    const touched = new Set<string>()
    await this.#threads(tx, threads, comments, touched)
    const known = await this.#existing(tx, comments)

    // Parents first: each pass places the comments whose parent is known by now.
    const rows: CommentTable[] = []
    let open = comments.filter((c) => {
      const state = known.get(refOf(c.thread, c.id ?? c.sourceId!))
      if (state === undefined) return true
      if (state !== 'elsewhere') this.summary.unchanged++
      else this.summary.skipped.push({ reason: 'a comment with this id is in another thread', where: c.where })
      return false
    })
    const inBatch = new Set(open.map((c) => refOf(c.thread, c.id ?? c.sourceId!)))
    await this.#parents(tx, open, known, inBatch)
    const placedHere = new Set<string>()
    const place = (comment: SourceComment, parent: Placed | null) => {
      const id = comment.id ?? newId()
      known.set(refOf(comment.thread, comment.id ?? comment.sourceId!), { id, root: parent ? parent.root : id, depth: depthBelow(parent) })
      rows.push(this.#row(comment, id, parent))
      touched.add(comment.thread)
    }
    for (;;) {
      for (let progress = true; progress && open.length > 0; ) {
        progress = false
        const next: SourceComment[] = []
        for (const comment of open) {
          const ref = refOf(comment.thread, comment.id ?? comment.sourceId!)
          const parent = comment.parent === null ? null : known.get(refOf(comment.thread, comment.parent))
          if (placedHere.has(ref)) this.summary.skipped.push({ reason: 'the same comment twice in the file', where: comment.where })
          else if (parent === undefined || parent === 'elsewhere') {
            next.push(comment)
            continue
          } else {
            placedHere.add(ref)
            place(comment, parent)
          }
          progress = true
        }
        open = next
      }
      if (open.length === 0) break
      if (!whole) {
        // Their parent (or its parent) has not been seen yet: a later batch may bring it.
        this.#waiting.push(...open)
        break
      }
      // A whole batch or the end of the file: a reply whose parent never came goes in at the top level (one
      // at a time, so its own replies still attach to it); in a loop of parents, the first.
      const openRefs = new Set(open.map((c) => refOf(c.thread, c.id ?? c.sourceId!)))
      const orphan = open.find((c) => !openRefs.has(refOf(c.thread, c.parent!))) ?? open[0]!
      open = open.filter((c) => c !== orphan)
      this.summary.orphans.push({ reason: `its parent (${orphan.parent}) is not in the file: imported as a top-level comment`, where: orphan.where })
      placedHere.add(refOf(orphan.thread, orphan.id ?? orphan.sourceId!))
      place(orphan, null)
    }
    for (const chunk of chunks(rows)) await tx.insertInto('comments').values(chunk).execute()
    for (const key of touched) await bumpVersion(tx, key)
  }

  /** Creates the threads this batch needs; an existing thread keeps its state (a missing title is filled in). */
  async #threads(tx: Kysely<Schema>, threads: SourceThread[], comments: SourceComment[], touched: Set<string>): Promise<void> {
    const fresh = threads.filter((t) => !this.#seenThreads.has(t.key))
    if (fresh.length === 0) return
    // An import is the owner's own data: its titles are the owner's (owner_title, shown to
    // readers), unlike the title a reader's first post gives (issue 13.8).
    const existing = new Map<string, string | null>()
    for (const chunk of chunks(fresh.map((t) => t.key))) {
      for (const row of await tx.selectFrom('threads').select(['key', 'owner_title']).where('key', 'in', chunk).execute())
        existing.set(row.key, row.owner_title ?? null)
    }
    for (const thread of fresh) {
      this.#seenThreads.add(thread.key)
      if (existing.has(thread.key)) {
        this.summary.threadsExisting++
        const ownerTitle = thread.ownerTitle === undefined ? thread.title : thread.ownerTitle
        if (existing.get(thread.key) === null && ownerTitle) {
          await tx.updateTable('threads').set({ owner_title: ownerTitle }).where('key', '=', thread.key).execute()
          touched.add(thread.key)
        }
        continue
      }
      const first = comments
        .filter((c) => c.thread === thread.key)
        .reduce<string | null>((min, c) => (min === null || c.createdAt < min ? c.createdAt : min), null)
      await tx
        .insertInto('threads')
        .values({
          key: thread.key,
          title: thread.title,
          owner_title: thread.ownerTitle === undefined ? thread.title : thread.ownerTitle,
          open: thread.open === false ? 0 : 1,
          created_at: thread.createdAt ?? first ?? this.now(),
        })
        .execute()
      this.summary.threadsCreated++
    }
  }

  /**
   * Which of these comments are stored already: by id for Palaver's own export (ids are
   * global: one in another thread is 'elsewhere'), else by source id within the thread.
   */
  async #existing(tx: Kysely<Schema>, comments: SourceComment[]): Promise<Map<string, Placed | 'elsewhere'>> {
    const known = new Map<string, Placed | 'elsewhere'>()
    const byId = comments.filter((c) => c.id !== null)
    for (const chunk of chunks(byId.map((c) => c.id!))) {
      const rows = await tx.selectFrom('comments').select(['id', 'root_id', 'thread_key', 'depth']).where('id', 'in', chunk).execute()
      const found = new Map(rows.map((row) => [row.id, row]))
      for (const comment of byId) {
        const row = found.get(comment.id!)
        if (row) known.set(refOf(comment.thread, row.id), row.thread_key === comment.thread ? { id: row.id, root: row.root_id, depth: row.depth } : 'elsewhere')
      }
    }
    const bySource = new Map<string, string[]>()
    for (const c of comments) if (c.id === null) bySource.set(c.thread, [...(bySource.get(c.thread) ?? []), c.sourceId!])
    for (const [thread, sources] of bySource) await this.#lookUpSources(tx, thread, sources, known)
    return known
  }

  async #lookUpSources(tx: Kysely<Schema>, thread: string, sources: string[], known: Map<string, Placed | 'elsewhere'>): Promise<void> {
    for (const chunk of chunks(sources)) {
      const rows = await tx
        .selectFrom('comments')
        .select(['id', 'root_id', 'source_id', 'depth'])
        .where('thread_key', '=', thread)
        .where('source_id', 'in', chunk)
        .execute()
      for (const row of rows) known.set(refOf(thread, row.source_id!), { id: row.id, root: row.root_id, depth: row.depth })
    }
  }

  /** Parents stored by an earlier batch (or an earlier import) that this batch's replies name. */
  async #parents(tx: Kysely<Schema>, comments: SourceComment[], known: Map<string, Placed | 'elsewhere'>, inBatch: Set<string>): Promise<void> {
    const missing = comments.filter((c) => c.parent !== null && !known.has(refOf(c.thread, c.parent)) && !inBatch.has(refOf(c.thread, c.parent)))
    const ids = missing.filter((c) => c.id !== null)
    for (const chunk of chunks([...new Set(ids.map((c) => c.parent!))])) {
      const rows = await tx.selectFrom('comments').select(['id', 'root_id', 'thread_key', 'depth']).where('id', 'in', chunk).execute()
      for (const row of rows) known.set(refOf(row.thread_key, row.id), { id: row.id, root: row.root_id, depth: row.depth })
    }
    const bySource = new Map<string, Set<string>>()
    for (const c of missing) if (c.id === null) bySource.set(c.thread, (bySource.get(c.thread) ?? new Set()).add(c.parent!))
    for (const [thread, sources] of bySource) await this.#lookUpSources(tx, thread, [...sources], known)
  }

  #row(comment: SourceComment, id: string, parent: Placed | null): CommentTable {
    this.summary.imported++
    this.summary.kinds[comment.kind]++
    this.summary.statuses[comment.status]++
    const removed = comment.status === 'deleted'
    return {
      id,
      thread_key: comment.thread,
      parent_id: parent?.id ?? null,
      root_id: parent?.root ?? id,
      kind: comment.kind,
      // A removed comment keeps its place and nothing its author wrote (as removing does).
      author_name: removed ? '' : comment.author.name,
      author_email: removed ? '' : comment.author.email,
      author_url: removed ? null : comment.author.url,
      author_key: removed ? null : avatarSeed(this.secret, comment.author.email),
      author_role: comment.author.role === 'owner' ? 'owner' : null,
      body_text: removed ? '' : comment.text,
      body_html: removed ? '' : renderBody(comment.text),
      status: comment.status,
      created_at: comment.createdAt,
      edited_at: removed ? null : comment.editedAt,
      edit_token_hash: removed ? null : comment.editTokenHash,
      ip_prefix: removed ? null : comment.ipPrefix,
      source_id: comment.sourceId,
      depth: depthBelow(parent),
      version: 0,
      // Held in the source: an edit sends it back to the queue, as for comments held here.
      held: comment.status === 'pending' || comment.status === 'spam' ? 1 : 0,
      // The key a new post would have, so the same text posted again right after is a duplicate.
      dedupe_key: removed
        ? null
        : duplicateKey(comment.thread, { key: avatarSeed(this.secret, comment.author.email), name: comment.author.name }, comment.text),
    }
  }
}
