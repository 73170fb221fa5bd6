/**
 * The server as a fetch handler: createApp(options, store) returns a Hono app whose
 * app.fetch(Request) → Response is the whole server. The Node wrapper (cli.ts) is a few
 * lines around it; tests call app.request() in-process.
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { mailRoutes } from './mail/routes.js'
import { crossOrigin } from './middleware/cors.js'
import { RateLimiter } from './middleware/rate-limit.js'
import type { AppOptions } from './options.js'
import { HttpProblem, notFound } from './problem.js'
import { adminRoutes } from './routes/admin.js'
import { originAllowed, type Deps } from './routes/deps.js'
import { eventRoutes } from './routes/events.js'
import { healthRoutes } from './routes/health.js'
import { threadHtmlRoutes } from './routes/thread-html.js'
import { readRoutes } from './routes/read.js'
import { staticRoutes } from './routes/static.js'
import { writeRoutes } from './routes/write.js'
import { CommentService } from './services/comments.js'
import { ThreadService } from './services/threads.js'
import type { Store } from './store.js'

/**
 * One line about an unexpected error, for the operator: its first line, without the values
 * a driver message may quote ("invalid input syntax …: \"<what the client sent>\""),
 * without anything shaped like an email address, an IP address or a token or hash, and
 * never a stack.
 */
export function logSafe(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
  return first
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"')
    .replace(/\S+@\S+/g, '…@…')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b|\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/gi, '<address>')
    .replace(/\b(?:Bearer\s+)?[\w+/=-]{24,}/g, '<redacted>')
    .slice(0, 300)
}

/**
 * Hono's defaults, less two that would break the widget's use: palaver.js is loaded by
 * <script> from other sites (so Cross-Origin-Resource-Policy: cross-origin, not
 * same-origin), and HSTS belongs to the TLS proxy in front (over plain HTTP it means
 * nothing, and includeSubDomains is not ours to decide).
 */
const SECURE_HEADERS = { crossOriginResourcePolicy: 'cross-origin', strictTransportSecurity: false } as const

export function createApp(options: AppOptions, store: Store): Hono {
  const deps: Deps = {
    options,
    store,
    comments: new CommentService(store, options),
    threads: new ThreadService(store),
    writes: new RateLimiter(options.writeLimit, options.now),
    adminFailures: new RateLimiter(options.tokenFailureLimit, options.now),
    editFailures: new RateLimiter(options.tokenFailureLimit, options.now),
  }
  const app = new Hono()

  app.use('*', secureHeaders(SECURE_HEADERS))
  app.use('/api/*', ...crossOrigin((origin, c) => originAllowed(deps, origin, c.req.url)))

  app.route('/', healthRoutes(deps))
  app.route('/api/v1', readRoutes(deps))
  app.route('/api/v1', threadHtmlRoutes(deps))
  app.route('/api/v1', writeRoutes(deps))
  app.route('/api/v1', eventRoutes(deps))
  app.route('/api/v1/admin', adminRoutes(deps))
  // Where the links in mail lead (one-click moderation, unsubscribing): small HTML pages.
  app.route('/mail', mailRoutes(deps))
  staticRoutes(app, options.distDir, options.demoDir)

  app.notFound(() => notFound('No such endpoint.').toResponse())
  app.onError((error) => {
    if (error instanceof HttpProblem) return error.toResponse()
    options.log(`palaver: request failed: ${logSafe(error)}`)
    return new HttpProblem(500, 'server', 'The server could not complete this request.').toResponse()
  })
  return app
}
