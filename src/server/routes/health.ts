/**
 * GET /healthz — for load balancers and process supervisors: 200 when the database answers,
 * 503 (problem+json) when it does not. Says nothing else about the server.
 */
import { Hono } from 'hono'
import { ping } from '../db/migrations.js'
import { HttpProblem } from '../problem.js'
import type { Deps } from './deps.js'

export function healthRoutes(deps: Deps): Hono {
  const app = new Hono()
  app.get('/healthz', async (c) => {
    try {
      await ping(deps.store.db)
    } catch {
      throw new HttpProblem(503, 'server', 'The database is not reachable.')
    }
    c.header('Cache-Control', 'no-store')
    return c.json({ status: 'ok' })
  })
  return app
}
