/**
 * The server as a fetch handler: createApp(options, store) returns a Hono app whose
 * app.fetch(Request) → Response is the whole server. The Node wrapper (cli.ts) is a few
 * lines around it; tests call app.request() in-process.
 */
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { mailRoutes } from './mail/routes.js'
import { crossOrigin } from './middleware/cors.js'
import { RateLimiter, StoredRateLimiter, type BucketOptions, type Limiter } from './middleware/rate-limit.js'
import type { AppOptions } from './options.js'
import { RefusedOrigins } from './refused-origins.js'
import { HttpProblem, notFound } from './problem.js'
import { adminRoutes } from './routes/admin.js'
import { adminPageRoutes } from './routes/admin-page.js'
import { originAllowed, type Deps } from './routes/deps.js'
import { eventRoutes } from './routes/events.js'
import { feedRoutes } from './routes/feed.js'
import { healthRoutes } from './routes/health.js'
import { threadHtmlRoutes } from './routes/thread-html.js'
import { previewRoutes } from './routes/preview.js'
import { readRoutes } from './routes/read.js'
import { staticRoutes } from './routes/static.js'
import { adminTransferRoutes } from './routes/transfer.js'
import { advertiseWebmention, webmentionRoutes } from './routes/webmention.js'
import { writeRoutes } from './routes/write.js'
import { SettingsService } from './admin/settings.js'
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
 * The client closed the connection: @hono/node-server aborts the request's signal, and
 * a body read that was under way fails with Node's ECONNRESET "aborted" (which may come
 * first).
 */
function clientWentAway(error: Error, request: Request): boolean {
  return request.signal.aborted || (error as Error & { code?: string }).code === 'ECONNRESET'
}

/**
 * Hono's defaults, less two that would break the widget's use: palaver.js is loaded by
 * <script> from other sites (so Cross-Origin-Resource-Policy: cross-origin, not
 * same-origin), and HSTS belongs to the TLS proxy in front (over plain HTTP it means
 * nothing, and includeSubDomains is not ours to decide).
 */
const SECURE_HEADERS = { crossOriginResourcePolicy: 'cross-origin', strictTransportSecurity: false } as const

export function createApp(options: AppOptions, store: Store): Hono {
  // On PostgreSQL every process shares the buckets, so N processes give one burst, not N.
  const shared = options.sharedLimits && store.dialect === 'postgres'
  const limiter = (name: string, bucket: BucketOptions): Limiter =>
    shared ? new StoredRateLimiter(store, name, bucket, options.now) : new RateLimiter(bucket, options.now)
  const settings = new SettingsService(store, options)
  const deps: Deps = {
    options,
    store,
    settings,
    comments: new CommentService(store, options, settings),
    threads: new ThreadService(store),
    writes: limiter('writes', options.writeLimit),
    adminFailures: limiter('admin-failures', options.tokenFailureLimit),
    editFailures: limiter('edit-failures', options.tokenFailureLimit),
    refusedOrigins: new RefusedOrigins(options.log, options.now),
  }
  const app = new Hono()

  app.use('*', secureHeaders(SECURE_HEADERS))
  app.use('*', advertiseWebmention(options))
  app.use(
    '/api/*',
    crossOrigin((origin, c) => originAllowed(deps, origin, c)),
  )

  app.route('/', healthRoutes(deps))
  app.route('/api/v1', readRoutes(deps))
  app.route('/api/v1', threadHtmlRoutes(deps))
  app.route('/api/v1', writeRoutes(deps))
  app.route('/api/v1', eventRoutes(deps))
  app.route('/api/v1', previewRoutes(deps))
  app.route('/api/v1', feedRoutes(deps))
  app.route('/api/v1/admin', adminRoutes(deps).route('/', adminTransferRoutes(deps)))
  app.route('/', webmentionRoutes(deps))
  // Where the links in mail lead (one-click moderation, unsubscribing): small HTML pages.
  app.route('/mail', mailRoutes(deps))
  app.route('/', adminPageRoutes(options.distDir))
  staticRoutes(app, options.distDir, options.demoDir)

  app.notFound(() => notFound('No such endpoint.').toResponse())
  app.onError((error, c) => {
    if (error instanceof HttpProblem) return error.toResponse()
    // A reader who closed the tab mid-upload is not a failure of the server: nobody reads
    // this answer, and the operator's log stays for what needs them.
    if (clientWentAway(error, c.req.raw)) return new HttpProblem(400, 'validation', 'The request ended before its body did.').toResponse()
    options.log(`palaver: request failed: ${logSafe(error)}`)
    return new HttpProblem(500, 'server', 'The server could not complete this request.').toResponse()
  })
  return app
}
