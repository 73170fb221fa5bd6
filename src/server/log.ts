/**
 * The server's log: one JSON object per line on stdout (pino), for journald, Docker or any
 * log shipper. Lines say what the server did — started, stopped, failed — and never carry
 * client data: nothing is logged per request, and error messages pass through logSafe()
 * (app.ts) first. Writes are synchronous so the last lines before an exit are not lost.
 */
import { pino, stdTimeFunctions, destination, type Logger } from 'pino'

export type { Logger }

export function createLogger(level = process.env.PALAVER_LOG_LEVEL ?? 'info'): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination({ dest: 1, sync: true }),
  )
}
