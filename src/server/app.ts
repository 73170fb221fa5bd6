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
import { readRoutes } from './routes/read.js'
import { staticRoutes } from './routes/static.js'
import { writeRoutes } from './routes/write.js'
import type { Store } from './store.js'

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

  app.route('/api/v1', readRoutes(deps))
  app.route('/api/v1', writeRoutes(deps))
  app.route('/api/v1', eventRoutes(deps))
  app.route('/api/v1/admin', adminRoutes(deps))
  staticRoutes(app, options.distDir, options.demoDir)

  app.notFound(() => notFound('No such endpoint.').toResponse())
  app.onError((error) => {
    if (error instanceof HttpProblem) return error.toResponse()
    // One line, no stack, no request data: the message of a driver error names no user input.
    options.log(`palaver: request failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
    return new HttpProblem(500, 'server', 'The server could not complete this request.').toResponse()
  })
  return app
}
