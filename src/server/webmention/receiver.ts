/**
 * Verifying received Webmentions in the background (W3C Webmention, "Receiving"): a
 * request is recorded as queued and answered at once; a small in-process queue fetches
 * the source (fetch.ts: the SSRF guard), checks that it links to the target, and stores it
 * as a comment of kind `webmention` — its title (h-entry name, else the page's title) as
 * the author name, the source address as the author's website, an excerpt as the body,
 * rendered like every comment, held or approved as the moderation mode says. The same
 * source mentioning the same target again updates that comment; a source that is gone
 * (404, 410) or no longer links removes it (as removing a comment does).
 *
 * The queue lives in this process: a mention still queued when the server stops stays
 * queued until its sender sends it again.
 */
import type { WebmentionTable } from '../db/schema.js'
import { iso } from '../http.js'
import type { SettingsService } from '../admin/settings.js'
import { holdReason } from '../moderation.js'
import type { AppOptions } from '../options.js'
import { renderBody } from '../render.js'
import { type CommentRow, ERASED, type Store } from '../store.js'
import { newId } from '../tokens.js'
import { FETCH_LIMITS, type Fetched, FetchRefused, fetchSource, type FetchLimits } from './fetch.js'
import { linksTo, readMention, textLinksTo, type Mention } from './source.js'

/** Sources verified at once; the rest wait their turn. */
const CONCURRENCY = 2

type Outcome = Pick<WebmentionTable, 'status' | 'detail' | 'comment_id'>

export class WebmentionReceiver {
  readonly #queue: string[] = []
  #running = 0
  #idle: (() => void)[] = []
  readonly #limits: FetchLimits

  constructor(
    private readonly store: Store,
    private readonly options: AppOptions,
    private readonly settings: SettingsService,
  ) {
    this.#limits = { ...FETCH_LIMITS, allowLoopback: options.webmentionAllowLoopback }
  }

  /** Records (or re-queues) the mention and starts verifying it; returns its id. */
  async receive(source: string, target: string, thread: string): Promise<string> {
    const now = iso(this.options.now())
    const db = this.store.db
    await db
      .insertInto('webmentions')
      .values({ id: newId(), source, target, thread_key: thread, status: 'queued', detail: null, comment_id: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(['source', 'target']).doUpdateSet({ status: 'queued', detail: null, thread_key: thread, updated_at: now }))
      .execute()
    const row = await db.selectFrom('webmentions').select('id').where('source', '=', source).where('target', '=', target).executeTakeFirstOrThrow()
    if (!this.#queue.includes(row.id)) this.#queue.push(row.id)
    this.#next()
    return row.id
  }

  status(id: string) {
    return this.store.db.selectFrom('webmentions').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** Resolves once nothing is queued or being verified (for shutdown and tests). */
  idle(): Promise<void> {
    if (this.#running === 0 && this.#queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  #next(): void {
    while (this.#running < CONCURRENCY && this.#queue.length > 0) {
      const id = this.#queue.shift()!
      this.#running++
      void this.#verify(id)
        .catch((error: unknown) =>
          this.options.log(`palaver: webmention verification failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`),
        )
        .finally(() => {
          this.#running--
          this.#next()
          if (this.#running === 0 && this.#queue.length === 0) for (const resolve of this.#idle.splice(0)) resolve()
        })
    }
  }

  async #verify(id: string): Promise<void> {
    const mention = await this.status(id)
    if (mention?.status !== 'queued') return
    const outcome = await this.#outcome(mention)
    await this.store.db
      .updateTable('webmentions')
      .set({ ...outcome, updated_at: iso(this.options.now()) })
      .where('id', '=', id)
      .execute()
  }

  async #outcome(mention: WebmentionTable): Promise<Outcome> {
    let fetched: Fetched
    try {
      fetched = await fetchSource(mention.source, this.#limits)
    } catch (error) {
      if (error instanceof FetchRefused) return { status: 'rejected', detail: error.message, comment_id: mention.comment_id }
      throw error
    }
    if (fetched.status === 404 || fetched.status === 410) return this.#remove(mention, `the source answers ${fetched.status}`)
    if (fetched.status < 200 || fetched.status >= 300)
      return { status: 'rejected', detail: `the source answers ${fetched.status}`, comment_id: mention.comment_id }

    const html = /^(text\/html|application\/xhtml\+xml)\b/i.test(fetched.contentType)
    const plain = /^text\/plain\b/i.test(fetched.contentType)
    if (!html && !plain)
      return { status: 'rejected', detail: `the source is ${fetched.contentType || 'of no type'}, not HTML or text`, comment_id: mention.comment_id }
    const links = html ? linksTo(fetched.body, fetched.url, mention.target) : textLinksTo(fetched.body, mention.target)
    if (!links) return this.#remove(mention, 'the source does not link to the target')
    const read: Mention = html ? readMention(fetched.body, fetched.url, mention.target) : { title: null, author: null, excerpt: '' }
    return this.#store(mention, read)
  }

  /** The comment an earlier mention from this source left in this thread, if any. */
  async #earlier(mention: WebmentionTable): Promise<string | undefined> {
    const row = await this.store.db
      .selectFrom('comments')
      .select('id')
      .where('thread_key', '=', mention.thread_key)
      .where('source_id', '=', `webmention:${mention.source}`)
      .executeTakeFirst()
    return row?.id
  }

  /**
   * The mention as a comment: new, or the earlier one from this source updated. Readers of
   * the thread hear about it when they can see it (approved), as with any comment.
   */
  async #store(mention: WebmentionTable, read: Mention): Promise<Outcome> {
    const now = iso(this.options.now())
    const name = (read.title ?? read.author ?? new URL(mention.source).hostname).slice(0, this.options.limits.name)
    const html = renderBody(read.excerpt)
    const fields = { author_name: name, author_url: mention.source, body_text: read.excerpt, body_html: html }
    // Decided before the transaction: on SQLite a read through the store would wait for it.
    const rules = await this.settings.current()
    const reason = await holdReason(rules, { html, texts: [name, mention.source, read.excerpt], ipPrefix: null }, { key: null, name }, this.store)
    const verdict = reason ? 'pending' : 'approved'
    const earlierId = await this.#earlier(mention)
    return this.store.change(async (change) => {
      const earlier = earlierId ? await change.comment(earlierId) : undefined
      let row: CommentRow
      if (earlier) {
        // A mention that was removed comes back as a new one would; otherwise its verdict stays.
        const back = earlier.status === 'deleted'
        row = await change.update(earlier, {
          ...fields,
          status: back ? verdict : earlier.status,
          edited_at: back ? null : now,
          ...(back ? { hold_reason: reason } : {}),
        })
      } else {
        const id = newId()
        row = {
          ...fields,
          id,
          thread_key: mention.thread_key,
          parent_id: null,
          root_id: id,
          depth: 0,
          kind: 'webmention',
          author_email: '',
          author_key: null,
          status: verdict,
          created_at: now,
          edited_at: null,
          edit_token_hash: null,
          ip_prefix: null,
          dedupe_key: null,
          version: 0,
          held: verdict === 'pending' ? 1 : 0,
          hold_reason: reason,
          source_id: `webmention:${mention.source}`,
        }
        await change.insert(row, null)
      }
      await change.announce(row, now, row.status === 'approved' || earlier?.status === 'approved' ? 'public' : 'admin')
      return { status: 'accepted', detail: null, comment_id: row.id }
    })
  }

  async #remove(mention: WebmentionTable, why: string): Promise<Outcome> {
    const earlierId = await this.#earlier(mention)
    const removed = await this.store.change(async (change) => {
      const earlier = earlierId ? await change.comment(earlierId) : undefined
      if (!earlier || earlier.status === 'deleted') return false
      await change.update(earlier, ERASED)
      if (earlier.status === 'approved') await change.announce(earlier, iso(this.options.now()))
      return true
    })
    return removed ? { status: 'removed', detail: why, comment_id: mention.comment_id } : { status: 'rejected', detail: why, comment_id: null }
  }
}
