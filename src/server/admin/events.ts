/**
 * GET /api/v1/admin/events — the admin page's live queue: Server-Sent Events (sse.ts) of every
 * change of any comment, of any status, in any thread, by anyone, in any process (the same
 * outbox and EventHub as the readers' stream; on PostgreSQL every process is woken by
 * NOTIFY). Each `data:` is the AdminComment as it is now.
 */
import type { Context } from 'hono'
import type { Deps } from '../routes/deps.js'
import { eventStream } from '../sse.js'

export function adminEvents(c: Context, deps: Deps): Response {
  const { events } = deps.store
  const source = { subscribe: events.subscribeAdmin.bind(events), since: events.adminSince.bind(events) }
  return eventStream(c, source, { heartbeatMs: deps.options.heartbeatMs, cacheControl: 'no-store, no-transform' })
}
