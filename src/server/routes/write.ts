/**
 * Posting, editing and removing comments. Checks run cheapest-first and in the order a
 * reader can act on: rate limit, size and syntax, fields, idempotent replay, honeypot,
 * form-token age, thread state, parent, duplicate.
 */
import { Hono, type Context } from 'hono'
import type { Posted } from '../../model.js'
import { publicComment } from '../comment-view.js'
import { bearerToken, idParam, iso } from '../http.js'
import { vValidator } from '../middleware/validator.js'
import { initialStatus, MAX_LINKS_UNMODERATED } from '../moderation.js'
import { HttpProblem, TokenRejected, fieldProblem, forbidden, notFound } from '../problem.js'
import { countLinks, renderBody } from '../render.js'
import type { CommentRow } from '../store.js'
import { avatarSeed, checkFormToken, editTokenFor, newId, sha256, tokenMatches } from '../tokens.js'
import { patchSchema, postSchema } from '../validation.js'
import { clientOf, jsonRequest, nowIso, originAllowed, tokenLockout, writeLimit, type Deps } from './deps.js'
import { readerTokenHashes } from './read.js'

const DUPLICATE_WINDOW_MS = 10 * 60_000

export function writeRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, options } = deps
  const postBody = vValidator('json', postSchema(options.limits, options.requireEmail))
  const patchBody = vValidator('json', patchSchema(options.limits))

  const posted = (row: CommentRow, idempotencyKey: string | null, editToken?: string): Posted => ({
    comment: publicComment(row, true),
    editToken: editToken ?? editTokenFor(options.secret, row.id, idempotencyKey),
    editableUntil: iso(Date.parse(row.created_at) + options.editWindowMs),
  })

  app.post('/comments', writeLimit(deps), jsonRequest(deps), postBody, async (c) => {
    const input = c.req.valid('json')

    const idempotencyKey = c.req.header('idempotency-key') ?? null
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw fieldProblem(400, 'Idempotency-Key', 'invalid', 'Idempotency-Key must be 1 to 200 characters.')
    }
    const idempotency = idempotencyKey
      ? { key_hash: sha256(`${input.thread}\0${idempotencyKey}`), request_hash: sha256(JSON.stringify(await c.req.json())) }
      : null
    if (idempotency) {
      const earlier = await store.idempotent(idempotency.key_hash)
      if (earlier) return c.json(await replay(earlier, idempotency.request_hash, idempotencyKey!), 201)
    }

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
      const origin = c.req.header('origin')
      if (!origin || !originAllowed(deps, origin, c.req.url)) {
        throw forbidden('New threads are only created from an allowed origin.')
      }
    } else if (thread.open !== 1) {
      throw new HttpProblem(403, 'closed', 'This thread is closed for new comments.')
    }

    const { parentId } = input
    let rootId: string | null = null
    let parentPending = false
    if (parentId !== null) {
      const parent = await store.comment(parentId)
      const readerHashes = new Set(readerTokenHashes(c.req.header('x-palaver-tokens')))
      const visible =
        parent?.status === 'approved' ||
        (parent?.status === 'pending' && parent.edit_token_hash !== null && readerHashes.has(parent.edit_token_hash))
      if (!parent || parent.thread_key !== input.thread || !visible) {
        throw fieldProblem(422, 'parentId', 'invalid', 'The comment you reply to is not in this thread.')
      }
      rootId = parent.root_id
      parentPending = parent.status === 'pending'
    }

    const authorKey = avatarSeed(options.secret, input.author.email)
    if (await store.duplicateExists(input.thread, authorKey, input.author.name, input.body, iso(now - DUPLICATE_WINDOW_MS))) {
      // A retry racing its first attempt looks like a duplicate; it is a replay.
      const earlier = idempotency && (await store.idempotent(idempotency.key_hash))
      if (earlier) return c.json(await replay(earlier, idempotency.request_hash, idempotencyKey!), 201)
      throw new HttpProblem(409, 'duplicate', 'You posted the same comment here a moment ago.')
    }

    const html = renderBody(input.body)
    // A reply to a comment that is still held is held too, or it would show without its parent's context.
    const status = parentPending ? 'pending' : await initialStatus(options.moderation, html, authorKey, store)
    const id = newId()
    const editToken = editTokenFor(options.secret, id, idempotencyKey)
    const row: CommentRow = {
      id,
      thread_key: input.thread,
      parent_id: parentId,
      root_id: rootId ?? id,
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
      ip_prefix: clientOf(deps, c),
    }
    const outcome = await store.insertComment(row, { title: input.title ?? null }, idempotency)
    if (outcome === 'replay') {
      const earlier = await store.idempotent(idempotency!.key_hash)
      return c.json(await replay(earlier!, idempotency!.request_hash, idempotencyKey!), 201)
    }
    if (status === 'approved') await store.events.publish(row.thread_key, publicComment(row), row.created_at)
    return c.json(posted(row, idempotencyKey, editToken), 201)
  })

  async function replay(earlier: { request_hash: string; comment_id: string }, requestHash: string, key: string): Promise<Posted> {
    if (earlier.request_hash !== requestHash) {
      throw fieldProblem(422, 'Idempotency-Key', 'invalid', 'This Idempotency-Key was already used for a different comment.')
    }
    const row = await store.comment(earlier.comment_id)
    if (!row) throw notFound('The comment posted with this Idempotency-Key no longer exists.')
    return posted(row, key)
  }

  /** The comment, if the bearer holds its edit token and the edit window is still open. */
  async function authorize(c: Context, id: string, allowAdmin: boolean): Promise<CommentRow> {
    const token = bearerToken(c)
    if (!token) throw new TokenRejected(401, 'Send the edit token as Authorization: Bearer <token>.')
    const row = await store.comment(id)
    if (!row) throw notFound('No comment with this id.')
    if (allowAdmin && tokenMatches(token, options.adminTokenHash)) return row
    if (!tokenMatches(token, row.edit_token_hash)) throw new TokenRejected(403, 'This token does not belong to this comment.')
    if (options.now() > Date.parse(row.created_at) + options.editWindowMs) throw forbidden('The time for editing this comment is over.')
    return row
  }

  app.patch('/comments/:id', writeLimit(deps), tokenLockout(deps), jsonRequest(deps), patchBody, async (c) => {
    const row = await authorize(c, idParam(c.req.param('id')), false)
    if (row.status === 'spam') throw forbidden('This comment is held as spam.')
    const thread = await store.thread(row.thread_key)
    if (thread?.open === 0) throw new HttpProblem(403, 'closed', 'This thread is closed.')
    const { body } = c.req.valid('json')

    const html = renderBody(body)
    const held = row.status === 'approved' && countLinks(html) > MAX_LINKS_UNMODERATED
    const updated = (await store.updateComment(row.id, {
      body_text: body,
      body_html: html,
      edited_at: nowIso(deps),
      status: held ? 'pending' : row.status,
    }))!
    // Readers hear about the edit, or — when the edit put it back into moderation — that it is gone.
    if (row.status === 'approved') await store.events.publish(row.thread_key, publicComment({ ...updated, status: held ? 'deleted' : 'approved' }), nowIso(deps))
    return c.json({ comment: publicComment(updated, true) })
  })

  app.delete('/comments/:id', writeLimit(deps), tokenLockout(deps), async (c) => {
    const row = await authorize(c, idParam(c.req.param('id')), true)
    await removeAndAnnounce(deps, row)
    return c.body(null, 204)
  })

  return app
}

/** Shared with the admin routes: remove, and tell readers if they could see it. */
export async function removeAndAnnounce(deps: Deps, row: CommentRow): Promise<void> {
  const removed = await deps.store.removeComment(row.id)
  if (row.status === 'approved' && removed) await deps.store.events.publish(row.thread_key, publicComment(removed), nowIso(deps))
}
