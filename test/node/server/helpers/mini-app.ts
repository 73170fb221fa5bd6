/**
 * A bare Hono app that answers errors the way createApp() does (HttpProblem → its
 * problem+json, anything else → 500), for the middleware tests beside src/server/middleware/.
 */
import { Hono, type Env } from 'hono'
import { HttpProblem } from '../../../../src/server/problem.js'

export function miniApp<E extends Env = Env>(): Hono<E> {
  const app = new Hono<E>()
  app.onError((error) => (error instanceof HttpProblem ? error.toResponse() : new Response(String(error), { status: 500 })))
  return app
}

export const jsonInit = (body: BodyInit, type = 'application/json', method = 'POST'): RequestInit => ({
  method,
  headers: { 'content-type': type },
  body,
})
