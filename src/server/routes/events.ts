/**
 * GET /api/v1/events?thread=KEY — Server-Sent Events. Each change is
 *   id: <event id>\nevent: comment\ndata: <Comment JSON>\n\n
 * A reconnecting browser sends Last-Event-ID and gets what it missed first. Comment lines
 * (": ping") every heartbeatMs keep proxies from closing an idle stream.
 */
import { Hono } from 'hono'
import { threadParam } from '../http.js'
import type { ChangeEvent } from '../events.js'
import type { Deps } from './deps.js'

const encoder = new TextEncoder()

export function eventRoutes(deps: Deps): Hono {
  const app = new Hono()

  app.get('/events', (c) => {
    const thread = threadParam(c.req.query('thread'), deps.options.limits.thread)
    const lastId = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? NaN)
    let stop = () => {}

    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true
        const write = (text: string) => {
          if (!open) return
          try {
            controller.enqueue(encoder.encode(text))
          } catch {
            stop()
          }
        }
        let lastSent = Number.isSafeInteger(lastId) ? lastId : 0
        const send = (event: ChangeEvent) => {
          if (event.id <= lastSent) return
          lastSent = event.id
          write(`id: ${event.id}\nevent: comment\ndata: ${JSON.stringify(event.comment)}\n\n`)
        }
        // Subscribe before replaying so nothing falls between; send() drops what was already sent.
        const pending: ChangeEvent[] = []
        let replaying = Number.isSafeInteger(lastId)
        const unsubscribe = deps.store.events.subscribe(thread, (event) => (replaying ? pending.push(event) : send(event)))
        const heartbeat = setInterval(() => write(': ping\n\n'), deps.options.heartbeatMs)
        heartbeat.unref?.()
        stop = () => {
          if (!open) return
          open = false
          clearInterval(heartbeat)
          unsubscribe()
        }
        write('retry: 3000\n: connected\n\n')
        if (replaying) {
          deps.store.events
            .since(thread, lastId)
            .then((missed) => missed.forEach(send))
            .catch(() => {})
            .finally(() => {
              replaying = false
              pending.forEach(send)
            })
        }
      },
      cancel() {
        stop()
      },
    })

    c.header('Content-Type', 'text/event-stream; charset=utf-8')
    c.header('Cache-Control', 'no-cache, no-transform')
    // nginx buffers responses unless told not to.
    c.header('X-Accel-Buffering', 'no')
    return c.body(body)
  })

  return app
}
