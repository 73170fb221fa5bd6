/**
 * /api/v1/admin/… — moderation behind the admin token (Authorization: Bearer <token>),
 * compared in constant time; a network that fails too often is locked out for a while
 * (its own count, apart from edit tokens'). Other sites' pages may not call it at all.
 * Thread keys are page paths full of slashes, so thread routes take them as ?thread=KEY.
 */
import { Hono, type Context } from 'hono'
import { adminComment } from '../comment-view.js'
import type { StoredStatus } from '../db/schema.js'
import { AdminSessions } from '../admin/sessions.js'
import { sessionRoutes } from '../admin/session-routes.js'
import { idParam, decodeCursor, encodeCursor, limitParam, threadParam } from '../http.js'
import { adminAuth } from '../middleware/admin-auth.js'
import { refuseForeignPages } from '../middleware/cors.js'
import { ownOrigins } from '../own-origin.js'
import { HttpProblem, fieldProblem } from '../problem.js'
import { vValidator } from '../middleware/validator.js'
import { patchSchema } from '../validation.js'
import { bulkSchema, threadPatchSchema } from '../admin/schemas.js'
import { adminEvents } from '../admin/events.js'
import { settingsSchema } from '../admin/settings.js'
import { AdminThreads, decodeThreadCursor, encodeThreadCursor } from '../admin/threads.js'
import { jsonRequest, nowIso, originAllowed, threadInfo, tokenLockout, type Deps } from './deps.js'

const STATUSES: readonly StoredStatus[] = ['pending', 'approved', 'spam', 'deleted']

/**
 * The version of the comment the owner read, from `?version=N` or a JSON body
 * `{ "version": N }`; undefined when neither names one (scripts that approve blindly).
 */
async function seenVersion(c: Context): Promise<number | undefined> {
  let given: unknown = c.req.query('version')
  if (given === undefined && (c.req.header('content-type') ?? '').includes('json')) {
    const body: unknown = await c.req.json().catch(() => {
      throw fieldProblem(400, 'body', 'invalid', 'The request body is not valid JSON.')
    })
    given = typeof body === 'object' && body !== null ? (body as { version?: unknown }).version : undefined
  }
  if (given === undefined) return undefined
  const version = typeof given === 'string' && /^\d{1,9}$/.test(given) ? Number(given) : given
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw fieldProblem(400, 'version', 'invalid', 'version is the whole number the admin list gave for the comment.')
  }
  return version
}

export function adminRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, comments, options } = deps

  // Other sites' pages are turned away first, and a missing token is not a failed guess:
  // neither counts toward the lockout, so no page can lock the owner out. Signing in comes
  // before the auth check (it is how a page without a session gets one).
  app.use(
    '*',
    refuseForeignPages((origin, c) => originAllowed(deps, origin, c)),
    tokenLockout(deps, deps.adminFailures),
  )
  app.route('/', sessionRoutes(deps))
  app.use(
    '*',
    adminAuth({
      tokenHash: options.adminTokenHash,
      sessions: new AdminSessions(store.db),
      now: options.now,
      ownOrigins: (c) => ownOrigins(options.publicUrl, c),
    }),
  )

  app.get('/comments', async (c) => {
    const status = (c.req.query('status') ?? 'pending') as StoredStatus
    if (!STATUSES.includes(status)) throw fieldProblem(400, 'status', 'invalid', `status is one of ${STATUSES.join(', ')}.`)
    const thread = c.req.query('thread') === undefined ? null : threadParam(c.req.query('thread'), options.limits.thread)
    const q = c.req.query('q') ?? null
    if (q !== null && q.length > 200) throw fieldProblem(400, 'q', 'too-long', 'Search for at most 200 characters.')
    if (q?.includes('\0')) throw fieldProblem(400, 'q', 'invalid', 'The search may not contain NUL characters.')
    const page = await store.adminList({
      status,
      thread,
      q: q?.trim() || null,
      cursor: decodeCursor(c.req.query('cursor')),
      limit: limitParam(c.req.query('limit'), 50, 200),
    })
    return c.json({ comments: page.rows.map(adminComment), nextCursor: encodeCursor(page.next), counts: page.counts })
  })

  app.post('/comments/:id/approve', async (c) => c.json(await comments.approve(idParam(c.req.param('id')), await seenVersion(c))))

  app.post('/comments/:id/spam', async (c) => c.json(await comments.markSpam(idParam(c.req.param('id')))))

  app.delete('/comments/:id', async (c) => {
    await comments.remove(idParam(c.req.param('id')), 'admin')
    return c.body(null, 204)
  })

  const ownerBody = vValidator('json', patchSchema(options.limits))

  app.patch('/comments/:id', jsonRequest(deps), ownerBody, async (c) => c.json(await comments.ownerEdit(idParam(c.req.param('id')), c.req.valid('json').body)))

  app.post('/comments/:id/reply', jsonRequest(deps), ownerBody, async (c) =>
    c.json(await comments.ownerReply(idParam(c.req.param('id')), c.req.valid('json').body), 201),
  )

  // Each comment on its own, through the same service as one-by-one: one that fails (gone,
  // edited since) says why and leaves the others done.
  app.post('/comments/bulk', jsonRequest(deps), vValidator('json', bulkSchema()), async (c) => {
    const { action, ids } = c.req.valid('json')
    const results = []
    for (const id of new Set(ids)) {
      try {
        if (action === 'delete') {
          await comments.remove(id, 'admin')
          results.push({ id, ok: true })
        } else {
          results.push({ id, ok: true, comment: action === 'approve' ? await comments.approve(id) : await comments.markSpam(id) })
        }
      } catch (error) {
        if (!(error instanceof HttpProblem)) throw error
        results.push({ id, ok: false, problem: error.toJSON() })
      }
    }
    return c.json({ results })
  })

  const threads = new AdminThreads(store.db)

  app.get('/threads', async (c) => {
    const page = await threads.list(decodeThreadCursor(c.req.query('cursor')), limitParam(c.req.query('limit'), 50, 200))
    return c.json({ threads: page.threads, nextCursor: encodeThreadCursor(page.next) })
  })

  app.patch('/threads', jsonRequest(deps), vValidator('json', threadPatchSchema(options.limits.title)), async (c) => {
    const key = threadParam(c.req.query('thread'), options.limits.thread)
    return c.json({ thread: await threads.update(key, c.req.valid('json'), nowIso(deps)) })
  })

  app.get('/events', (c) => adminEvents(c, deps))

  const settingsAnswer = async () => ({ settings: await deps.settings.current(), fixed: deps.settings.fixed })

  app.get('/settings', async (c) => c.json(await settingsAnswer()))

  app.put('/settings', jsonRequest(deps), vValidator('json', settingsSchema), async (c) => {
    await deps.settings.update(c.req.valid('json'))
    return c.json(await settingsAnswer())
  })

  for (const action of ['open', 'close'] as const) {
    app.post(`/threads/${action}`, async (c) => {
      const key = threadParam(c.req.query('thread'), options.limits.thread)
      const row = await store.setThreadOpen(key, action === 'open', nowIso(deps))
      const counts = await store.approvedCounts([key])
      return c.json({ thread: threadInfo(deps, key, row, counts[key] ?? 0, false) })
    })
  }

  return app
}
