/**
 * The listening half of PostgreSQL's events: one dedicated connection per process LISTENs
 * on the channel that event-writing transactions NOTIFY (postgres.ts), and wakes the hub.
 * The notification carries nothing; the hub reads the events table itself.
 */
import type { Notifier } from './database.js'

export const CHANNEL = 'palaver_events'

/** One dedicated connection LISTENs; reconnects after a drop and then wakes the hub to catch up. */
export function postgresNotifier(url: string, pg: typeof import('pg').default): Notifier {
  let client: import('pg').Client | null = null
  let closed = false
  let onWake: (() => void) | null = null

  // Until it is back, every second; then whatever was committed meanwhile is read at once.
  const reconnect = () => {
    if (!closed) setTimeout(() => void connect().then(() => onWake?.(), reconnect), 1000).unref()
  }

  async function connect(): Promise<void> {
    const next = new pg.Client({ connectionString: url })
    next.on('notification', (message) => {
      if (message.channel === CHANNEL) onWake?.()
    })
    next.on('error', () => {
      next.end().catch(() => {})
      if (client === next) {
        client = null
        reconnect()
      }
    })
    try {
      await next.connect()
      await next.query(`LISTEN ${CHANNEL}`)
    } catch (error) {
      await next.end().catch(() => {})
      throw error
    }
    client = next
  }

  return {
    async listen(wake) {
      onWake = wake
      if (!client) await connect()
    },
    async close() {
      closed = true
      await client?.end().catch(() => {})
      client = null
    },
  }
}
