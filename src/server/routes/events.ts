/**
 * GET /api/v1/events?thread=KEY — Server-Sent Events through Hono's streamSSE. Each change is
 *   event: comment\ndata: <Comment JSON>\nid: <event id>\n\n
 * A reconnecting browser sends Last-Event-ID and gets what it missed first. Comment lines
 * (": ping") every heartbeatMs keep proxies from closing an idle stream.
 */
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { ChangeEvent } from '../events.js'
import { threadParam } from '../http.js'
import type { Deps } from './deps.js'

export function eventRoutes(deps: Deps): Hono {
  const app = new Hono()

  app.get('/events', (c) => {
    const thread = threadParam(c.req.query('thread'), deps.options.limits.thread)
    const lastId = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? NaN)
    const replaying = Number.isSafeInteger(lastId)

    const response = streamSSE(c, async (stream) => {
      let lastSent = replaying ? lastId : 0
      const send = async (event: ChangeEvent) => {
        if (event.id <= lastSent) return
        lastSent = event.id
        await stream.writeSSE({ event: 'comment', data: JSON.stringify(event.comment), id: String(event.id) })
      }
      // Subscribe before replaying so nothing falls between; send() drops what was already sent.
      const early: ChangeEvent[] = []
      let live = !replaying
      const unsubscribe = deps.store.events.subscribe(thread, (event) => {
        if (live) void send(event)
        else early.push(event)
      })
      const heartbeat = setInterval(() => void stream.write(': ping\n\n'), deps.options.heartbeatMs)
      heartbeat.unref?.()
      const closed = new Promise<void>((resolve) => stream.onAbort(resolve))

      await stream.write('retry: 3000\n: connected\n\n')
      if (replaying) {
        // A failed replay leaves the gap; the reader reloads when it notices, as after a long absence.
        const missed = await deps.store.events.since(thread, lastId).catch(() => [])
        for (const event of missed) await send(event)
        live = true
        for (const event of early) await send(event)
      }
      await closed
      clearInterval(heartbeat)
      unsubscribe()
    })
    response.headers.set('Cache-Control', 'no-cache, no-transform')
    // nginx buffers responses unless told not to.
    response.headers.set('X-Accel-Buffering', 'no')
    return response
  })

  return app
}
