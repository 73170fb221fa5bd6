/**
 * GET /api/v1/admin/events — the admin page's live queue: Server-Sent Events of every change
 * of any comment, of any status, in any thread, by anyone, in any process (the same outbox
 * and EventHub as the readers' stream, routes/events.ts; on PostgreSQL every process is
 * woken by NOTIFY). Each is `event: comment`, `data:` the AdminComment as it is now, `id:`
 * the outbox id; Last-Event-ID replays what was missed first. ": ping" heartbeats.
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AdminEvent } from '../events.js'
import type { Deps } from '../routes/deps.js'

export function adminEvents(c: Context, deps: Deps): Response {
  const lastId = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? NaN)
  const replaying = Number.isSafeInteger(lastId)
  const response = streamSSE(c, async (stream) => {
    let lastSent = replaying ? lastId : 0
    const send = async (event: AdminEvent) => {
      if (event.id <= lastSent) return
      lastSent = event.id
      await stream.writeSSE({ event: 'comment', data: JSON.stringify(event.comment), id: String(event.id) })
    }
    // Subscribe before replaying so nothing falls between; send() drops what was already sent.
    const early: AdminEvent[] = []
    let live = !replaying
    const unsubscribe = deps.store.events.subscribeAdmin((event) => {
      if (live) void send(event)
      else early.push(event)
    })
    const heartbeat = setInterval(() => void stream.write(': ping\n\n'), deps.options.heartbeatMs)
    heartbeat.unref?.()
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve))
    await stream.write('retry: 3000\n: connected\n\n')
    if (replaying) {
      const missed = await deps.store.events.adminSince(lastId).catch(() => [])
      for (const event of missed) await send(event)
      live = true
      for (const event of early) await send(event)
    }
    await closed
    clearInterval(heartbeat)
    unsubscribe()
  })
  response.headers.set('Cache-Control', 'no-store, no-transform')
  response.headers.set('X-Accel-Buffering', 'no')
  return response
}
