/**
 * The server as a fetch handler: createApp(options, store) returns a Hono app whose
 * app.fetch(Request) → Response is the whole server. The Node wrapper (cli.ts) is a few
 * lines around it; tests call app.request() in-process.
 */
import { Hono } from 'hono'
import { cors } from './cors.js'
import type { AppOptions } from './options.js'
import { HttpProblem, notFound } from './problem.js'
import { RateLimiter } from './rate-limit.js'
import { adminRoutes } from './routes/admin.js'
import { originAllowed, type Deps } from './routes/deps.js'
import { eventRoutes } from './routes/events.js'
import { feedRoutes } from './routes/feed.js'
import { healthRoutes } from './routes/health.js'
import { readRoutes } from './routes/read.js'
import { staticRoutes } from './routes/static.js'
import { adminTransferRoutes } from './routes/transfer.js'
import { writeRoutes } from './routes/write.js'
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

export function createApp(options: AppOptions, store: Store): Hono {
  const deps: Deps = {
    options,
    store,
    writes: new RateLimiter(options.writeLimit, options.now),
    tokenFailures: new RateLimiter(options.adminFailureLimit, options.now),
  }
  const app = new Hono()

  app.use('*', async (c, next) => {
    await next()
    c.res.headers.set('x-content-type-options', 'nosniff')
  })
  app.use('/api/*', cors((origin, url) => originAllowed(deps, origin, url)))

  app.route('/', healthRoutes(deps))
  app.route('/api/v1', readRoutes(deps))
  app.route('/api/v1', writeRoutes(deps))
  app.route('/api/v1', eventRoutes(deps))
  app.route('/api/v1', feedRoutes(deps))
  app.route('/api/v1/admin', adminRoutes(deps).route('/', adminTransferRoutes(deps)))
  staticRoutes(app, options.distDir, options.demoDir)

  app.notFound(() => notFound('No such endpoint.').toResponse())
  app.onError((error) => {
    if (error instanceof HttpProblem) return error.toResponse()
    options.log(`palaver: request failed: ${logSafe(error)}`)
    return new HttpProblem(500, 'server', 'The server could not complete this request.').toResponse()
  })
  return app
}
