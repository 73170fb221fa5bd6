/**
 * One Server-Sent Events stream of outbox events, for the readers' stream (routes/events.ts)
 * and the admin page's (admin/events.ts). Each change is
 *   event: comment\ndata: <JSON>\nid: <event id>\n\n
 * A reconnecting browser sends Last-Event-ID and gets what it missed first; comment lines
 * (": ping") every heartbeatMs keep proxies from closing an idle stream.
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'

export interface StreamedEvent {
  id: number
  comment: unknown
}

export interface EventFeed<E extends StreamedEvent> {
  /** Calls the listener with every new event; returns the unsubscribe. */
  subscribe(listener: (event: E) => void): () => void
  /** The events after `lastId`, for a reconnecting client. */
  since(lastId: number): Promise<E[]>
}

export function eventStream<E extends StreamedEvent>(c: Context, source: EventFeed<E>, opts: { heartbeatMs: number; cacheControl: string }): Response {
  const lastId = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? NaN)
  const replaying = Number.isSafeInteger(lastId)
  const response = streamSSE(c, async (stream) => {
    let lastSent = replaying ? lastId : 0
    const send = async (event: E) => {
      if (event.id <= lastSent) return
      lastSent = event.id
      await stream.writeSSE({ event: 'comment', data: JSON.stringify(event.comment), id: String(event.id) })
    }
    // Subscribe before replaying so nothing falls between; send() drops what was already sent.
    const early: E[] = []
    let live = !replaying
    const unsubscribe = source.subscribe((event) => {
      if (live) void send(event)
      else early.push(event)
    })
    const heartbeat = setInterval(() => void stream.write(': ping\n\n'), opts.heartbeatMs)
    heartbeat.unref?.()
    const closed = new Promise<void>((resolve) => stream.onAbort(resolve))

    await stream.write('retry: 3000\n: connected\n\n')
    if (replaying) {
      // A failed replay leaves the gap; the client reloads when it notices, as after a long absence.
      const missed = await source.since(lastId).catch(() => [])
      for (const event of missed) await send(event)
      live = true
      for (const event of early) await send(event)
    }
    await closed
    clearInterval(heartbeat)
    unsubscribe()
  })
  response.headers.set('Cache-Control', opts.cacheControl)
  // nginx buffers responses unless told not to.
  response.headers.set('X-Accel-Buffering', 'no')
  return response
}
