/**
 * What may happen to a comment, decided in one place: posting, editing, removing and the
 * admin's verdicts. Routes parse the request and hand over plain values; this decides,
 * and writes through Store.change() so each change and the event readers hear about it
 * commit together. Checks run cheapest-first and in the order a reader can act on:
 * idempotent replay (it wins over any other answer), honeypot, form-token age, thread
 * state, parent, duplicate.
 */
import type { Comment, Posted } from '../../model.js'
import { adminComment, publicComment, type AdminComment } from '../comment-view.js'
import { iso } from '../http.js'
import { notificationsFor, type Notifications } from '../mail/notifications.js'
import { holdReason, type HoldReason } from '../moderation.js'
import { blockedWordIn, type SettingsService } from '../admin/settings.js'
import { ownerName, type AppOptions } from '../options.js'
import { HttpProblem, TokenRejected, fieldProblem, forbidden, notFound } from '../problem.js'
import { countLinks, renderBody } from '../render.js'
import type { Change, CommentRow, PageFacts, Store } from '../store.js'
import { avatarSeed, checkFormToken, editTokenFor, newId, sha256, tokenMatches } from '../tokens.js'
import type { PostRequest } from '../validation.js'
import { MAX_REPLY_DEPTH } from './caps.js'
import { DUPLICATE_WINDOW_MS, duplicateKey } from './duplicates.js'

/** What the route knows about the request besides its body. */
export interface PostContext {
  idempotencyKey: string | null
  /** SHA-256 of the body as sent: a reused key with another body is refused. */
  requestHash: string
  /** The request carries an allowed Origin: only such a post may create a thread. */
  fromAllowedOrigin: boolean
  /** Hashes of the edit tokens the reader holds (X-Palaver-Tokens): their pending comments may take replies. */
  readerTokenHashes: ReadonlySet<string>
  ipPrefix: string
}

/** A post as it will be stored, with the token its author gets. */
interface Prepared {
  row: CommentRow
  editToken: string
  now: number
}

/** Who asks to remove a comment: its author by edit token, or the admin. */
export type Remover = { editToken: string } | 'admin'

export class CommentService {
  /** Mail hooks (mail/notifications.ts), called inside each change; null without SMTP. */
  private readonly mail: Notifications | null

  constructor(
    private readonly store: Store,
    private readonly options: AppOptions,
    /** The moderation rules as stored by the admin page, or fixed by flags (admin/settings.ts). */
    private readonly settings: SettingsService,
  ) {
    this.mail = notificationsFor(options)
  }

  /**
   * What the widget says about its page. The address is kept only on an allowed origin (or
   * this server's own), since mail links to it; anything else is dropped, not refused.
   */
  private pageOf(input: PostRequest): PageFacts {
    const { origins, publicUrl } = this.options
    let url: string | null = null
    try {
      const page = input.page ? new URL(input.page) : null
      if (page && (origins.includes(page.origin) || page.origin === publicUrl)) url = page.href.split('#')[0]!
    } catch {
      // not an address: dropped
    }
    return { url, lang: input.lang ?? null }
  }

  private now(): string {
    return iso(this.options.now())
  }

  private posted(row: CommentRow, idempotencyKey: string | null, editToken?: string): Posted {
    return {
      comment: publicComment(row, true),
      editToken: editToken ?? editTokenFor(this.options.secret, row.id, idempotencyKey),
      editableUntil: iso(Date.parse(row.created_at) + this.options.editWindowMs),
    }
  }

  async post(input: PostRequest, context: PostContext): Promise<Posted> {
    const { idempotencyKey } = context
    const idempotency = idempotencyKey ? { key_hash: sha256(`${input.thread}\0${idempotencyKey}`), request_hash: context.requestHash } : null
    const replay = async () => (idempotency ? this.replay(idempotency, idempotencyKey!) : null)
    // A retry of a stored post is answered with what its first attempt got. The claim in
    // the transaction finds it (or the duplicate check, then the replay below), so a fresh
    // post does not pay a read for it; only a check failing before the transaction (the
    // form grown old, the thread closed since) asks whether the key was already used.
    let prepared: Prepared
    try {
      prepared = await this.prepare(input, context)
    } catch (error) {
      const earlier = await replay()
      if (earlier) return earlier
      throw error
    }
    const { row, editToken, now } = prepared
    const outcome = await this.store.change(async (change) => {
      // Checked in the transaction that inserts, under a lock on the key: of identical posts
      // racing each other, one is stored; of requests with one Idempotency-Key, the first.
      const claim = idempotency ? { idempotency, commentId: row.id, now: row.created_at } : null
      if (!(await change.mayInsert(row.dedupe_key!, iso(now - DUPLICATE_WINDOW_MS), claim))) return 'refused'
      // A held comment is news for the admin stream only.
      await change.insert(row, input.title ?? null, this.pageOf(input), row.status === 'approved' ? 'public' : 'admin')
      await this.mail?.posted(change, row, input.notify ?? false)
      return 'inserted'
    })
    if (outcome === 'inserted') return this.posted(row, idempotencyKey, editToken)
    // A duplicate, or the key already claimed: a retry (or one racing its first attempt) is a replay.
    const earlier = await replay()
    if (earlier) return earlier
    throw new HttpProblem(409, 'duplicate', 'You posted the same comment here a moment ago.')
  }

  /** Everything a post is checked for and made of before its transaction. */
  private async prepare(input: PostRequest, context: PostContext): Promise<Prepared> {
    const { store, options } = this
    const { idempotencyKey } = context
    if (input.trap) throw fieldProblem(422, 'trap', 'invalid', 'This field must stay empty.')
    const now = options.now()
    const form = checkFormToken(options.secret, input.thread, input.formToken, now, options.minPostSeconds)
    if (!form.ok) {
      if (form.reason === 'too-young') {
        throw new HttpProblem(422, 'too-soon', `That was quick; please try again in ${form.waitSeconds} seconds.`, {
          headers: { 'retry-after': String(form.waitSeconds) },
        })
      }
      throw new HttpProblem(422, 'too-soon', 'The form is out of date; reload the comments and try again.')
    }

    const thread = await store.thread(input.thread)
    if (!thread) {
      if (!context.fromAllowedOrigin) throw forbidden('New threads are only created from an allowed origin.')
    } else if (thread.open !== 1) {
      throw new HttpProblem(403, 'closed', 'This thread is closed for new comments.')
    }

    let place = { parentId: null as string | null, rootId: null as string | null, depth: 0 }
    let parentPending = false
    if (input.parentId !== null) {
      const parent = await store.comment(input.parentId)
      const visible =
        parent?.status === 'approved' ||
        (parent?.status === 'pending' && parent.edit_token_hash !== null && context.readerTokenHashes.has(parent.edit_token_hash))
      if (!parent || parent.thread_key !== input.thread || !visible) {
        throw fieldProblem(422, 'parentId', 'invalid', 'The comment you reply to is not in this thread.')
      }
      // At the deepest level a reply goes beside the comment it answers (services/caps.ts).
      place =
        parent.depth >= MAX_REPLY_DEPTH && parent.parent_id !== null
          ? { parentId: parent.parent_id, rootId: parent.root_id, depth: MAX_REPLY_DEPTH }
          : { parentId: parent.id, rootId: parent.root_id, depth: parent.depth + 1 }
      parentPending = parent.status === 'pending'
    }

    const authorKey = avatarSeed(options.secret, input.author.email)
    const html = renderBody(input.body)
    // A reply to a comment that is still held is held too, or it would show without its parent's context.
    const rules = await this.settings.current()
    const submission = { html, texts: [input.author.name, input.author.email, input.author.url, input.body], ipPrefix: context.ipPrefix }
    const reason: HoldReason | null = parentPending ? 'held-parent' : await holdReason(rules, submission, { key: authorKey, name: input.author.name }, store)
    const status = reason ? 'pending' : 'approved'
    const id = newId()
    const editToken = editTokenFor(options.secret, id, idempotencyKey)
    const row: CommentRow = {
      id,
      thread_key: input.thread,
      parent_id: place.parentId,
      root_id: place.rootId ?? id,
      depth: place.depth,
      kind: 'comment',
      author_name: input.author.name,
      author_email: input.author.email,
      author_url: input.author.url || null,
      author_key: authorKey,
      body_text: input.body,
      body_html: html,
      status,
      created_at: iso(now),
      edited_at: null,
      edit_token_hash: sha256(editToken),
      ip_prefix: context.ipPrefix,
      dedupe_key: duplicateKey(input.thread, { key: authorKey, name: input.author.name }, input.body),
      version: 0,
      held: status === 'pending' ? 1 : 0,
      hold_reason: reason,
      author_role: null,
    }
    return { row, editToken, now }
  }

  private async replay(idempotency: { key_hash: string; request_hash: string }, key: string): Promise<Posted | null> {
    const earlier = await this.store.idempotent(idempotency.key_hash)
    if (!earlier) return null
    if (earlier.request_hash !== idempotency.request_hash) {
      throw fieldProblem(422, 'Idempotency-Key', 'invalid', 'This Idempotency-Key was already used for a different comment.')
    }
    const row = await this.store.comment(earlier.comment_id)
    if (!row) throw notFound('The comment posted with this Idempotency-Key no longer exists.')
    return this.posted(row, key)
  }

  /** The comment, if `editToken` is its own and the edit window is still open. */
  private async authorized(change: Change, id: string, editToken: string): Promise<CommentRow> {
    const row = await change.comment(id)
    if (!row) throw notFound('No comment with this id.')
    if (!tokenMatches(editToken, row.edit_token_hash)) throw new TokenRejected('This token does not belong to this comment.')
    if (this.options.now() > Date.parse(row.created_at) + this.options.editWindowMs) throw forbidden('The time for editing this comment is over.')
    return row
  }

  async edit(id: string, editToken: string, body: string): Promise<Comment> {
    // Rendering is the slow part; it happens before the transaction holds anything.
    const html = renderBody(body)
    const rules = await this.settings.current()
    const updated = await this.store.change(async (change) => {
      const row = await this.authorized(change, id, editToken)
      if (row.status === 'spam') throw forbidden('This comment is held as spam.')
      const thread = await change.thread(row.thread_key)
      if (thread?.open === 0) throw new HttpProblem(403, 'closed', 'This thread is closed.')
      // An approved comment goes back into moderation when the edit adds links, when every
      // comment is moderated, or when it was held before: the owner approved what they read,
      // not what it says now.
      const reason: HoldReason | null =
        row.status !== 'approved'
          ? null
          : countLinks(html) > rules.linkLimit
            ? 'links'
            : blockedWordIn([body], rules.blockedWords) !== null
              ? 'blocked-word'
              : rules.moderation === 'all'
                ? 'moderation-all'
                : row.held === 1
                  ? 'edited'
                  : null
      const held = reason !== null
      const now = this.now()
      const next = await change.update(row, {
        body_text: body,
        body_html: html,
        edited_at: now,
        version: row.version + 1,
        status: held ? 'pending' : row.status,
        held: held ? 1 : row.held,
        ...(held ? { hold_reason: reason } : {}),
      })
      if (held) await this.mail?.held(change, next, now)
      // Readers hear about the edit, or — when it went back into moderation — that it is gone.
      await change.announce(row, now, row.status === 'approved' ? 'public' : 'admin')
      return next
    })
    return publicComment(updated, true)
  }

  async remove(id: string, by: Remover): Promise<void> {
    await this.store.change(async (change) => {
      const row = by === 'admin' ? await change.comment(id) : await this.authorized(change, id, by.editToken)
      if (!row || row.status === 'deleted') throw notFound('No comment with this id.')
      await change.remove(row)
      // Readers who could see it hear that it is gone.
      await change.announce(row, this.now(), row.status === 'approved' ? 'public' : 'admin')
    })
  }

  /**
   * The admin's verdicts: the status, the thread version and the event in one transaction.
   * An approval that names the comment's version (the one the owner read) is refused when
   * the author has edited it since; scripts that name none approve whatever it says.
   */
  approve(id: string, seenVersion?: number): Promise<AdminComment> {
    return this.verdict(id, 'approved', seenVersion)
  }

  markSpam(id: string): Promise<AdminComment> {
    return this.verdict(id, 'spam')
  }

  private async verdict(id: string, status: 'approved' | 'spam', seenVersion?: number): Promise<AdminComment> {
    const updated = await this.store.change(async (change) => {
      const row = await change.comment(id)
      if (!row || row.status === 'deleted') throw notFound('No comment with this id.')
      if (seenVersion !== undefined && seenVersion !== row.version) {
        const message = `The comment was edited since version ${seenVersion} (now ${row.version}); read it again before approving.`
        throw new HttpProblem(409, 'validation', message, { fields: { version: { code: 'invalid', message } } })
      }
      if (row.status === status) return row
      const next = await change.update(row, { status })
      const now = this.now()
      if (status === 'approved') await this.mail?.published(change, next, now)
      // An approval shows it to readers; spam on an approved comment takes it away from them.
      await change.announce(row, now, status === 'approved' || row.status === 'approved' ? 'public' : 'admin')
      return next
    })
    return this.adminView(updated.id)
  }

  /**
   * The owner's edit of a comment's text from the admin page: its status stays; its version
   * moves on (an approval naming the old one is refused, as after an author's edit). Readers
   * who can see it hear of the change.
   */
  async ownerEdit(id: string, body: string): Promise<AdminComment> {
    const html = renderBody(body)
    await this.store.change(async (change) => {
      const row = await change.comment(id)
      if (!row || row.status === 'deleted') throw notFound('No comment with this id.')
      const now = this.now()
      await change.update(row, { body_text: body, body_html: html, edited_at: now, version: row.version + 1 })
      await change.announce(row, now, row.status === 'approved' ? 'public' : 'admin')
    })
    return this.adminView(id)
  }

  /**
   * The owner's reply from the admin page: published at once (never held), with the role
   * 'owner' that no public request can set, under --owner-name. Replying to a held comment
   * approves it first (the owner answers what they let through, as WordPress's "Approve and
   * Reply" does); a comment that is spam or removed takes no reply. The reply counts like any
   * comment, arrives live, and goes into the reply digest of the reader it answers.
   */
  async ownerReply(parentId: string, body: string): Promise<AdminComment> {
    const { options } = this
    const html = renderBody(body)
    const email = options.mail?.notifyOwner ?? ''
    const id = newId()
    await this.store.change(async (change) => {
      const parent = await change.comment(parentId)
      if (!parent || parent.status === 'deleted') throw notFound('No comment with this id.')
      if (parent.status === 'spam') throw fieldProblem(422, 'parentId', 'invalid', 'A comment marked as spam takes no reply; approve it first.')
      const now = this.now()
      if (parent.status === 'pending') {
        const approved = await change.update(parent, { status: 'approved' })
        await this.mail?.published(change, approved, now)
        await change.announce(parent, now)
      }
      const place =
        parent.depth >= MAX_REPLY_DEPTH && parent.parent_id !== null
          ? { parentId: parent.parent_id, depth: MAX_REPLY_DEPTH }
          : { parentId: parent.id, depth: parent.depth + 1 }
      const row: CommentRow = {
        id,
        thread_key: parent.thread_key,
        parent_id: place.parentId,
        root_id: parent.root_id,
        depth: place.depth,
        kind: 'comment',
        author_name: ownerName(options),
        author_email: email,
        author_url: options.siteUrl,
        author_key: email ? avatarSeed(options.secret, email) : null,
        author_role: 'owner',
        body_text: body,
        body_html: html,
        status: 'approved',
        created_at: now,
        edited_at: null,
        edit_token_hash: null,
        ip_prefix: null,
        dedupe_key: null,
        version: 0,
        held: 0,
        hold_reason: null,
      }
      await change.insert(row, null, undefined, 'public')
      await this.mail?.published(change, row, now)
    })
    return this.adminView(id)
  }

  /** The comment as the admin API shows it, read after its change committed. */
  async adminView(id: string): Promise<AdminComment> {
    const [row] = await this.store.adminRows([id])
    if (!row) throw notFound('No comment with this id.')
    return adminComment(row)
  }
}
