/**
 * POST /api/v1/preview — the form's Preview: a body as typed → the HTML posting it would
 * store, by the same renderer (render.ts), storing nothing. It takes what PATCH takes
 * (`{ body }`, not blank, within --max-body) and, writing nothing, spends no write token:
 * a reader who previews five times can still post. Its cost is one render, linear in a
 * body the size limits already bound.
 */
import { Hono } from 'hono'
import { vValidator } from '../middleware/validator.js'
import { renderBody } from '../render.js'
import { patchSchema } from '../validation.js'
import { jsonRequest, type Deps } from './deps.js'

export function previewRoutes(deps: Deps): Hono {
  const app = new Hono()
  const previewBody = vValidator('json', patchSchema(deps.options.limits))

  app.post('/preview', jsonRequest(deps), previewBody, async (c) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ html: renderBody(c.req.valid('json').body) })
  })
  return app
}
