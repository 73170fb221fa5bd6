/**
 * GET /api/v1/events?thread=KEY — the thread's changes as Server-Sent Events (sse.ts), each
 * comment's public view as it is now.
 */
import { Hono } from 'hono'
import { threadParam } from '../http.js'
import { eventStream } from '../sse.js'
import type { Deps } from './deps.js'

export function eventRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { events } = deps.store

  app.get('/events', (c) => {
    const thread = threadParam(c.req.query('thread'), deps.options.limits.thread)
    const source = {
      subscribe: (listener: Parameters<typeof events.subscribe>[1]) => events.subscribe(thread, listener),
      since: (lastId: number) => events.since(thread, lastId),
    }
    return eventStream(c, source, { heartbeatMs: deps.options.heartbeatMs, cacheControl: 'no-cache, no-transform' })
  })

  return app
}
