/**
 * POST /api/v1/preview — the form's Preview: a body as typed → the HTML posting it would
 * store, by the same renderer (render.ts), storing nothing. It takes what PATCH takes
 * (`{ body }`, not blank, within --max-body) and, writing nothing, spends no write token:
 * a reader who previews five times can still post. Its cost is one render, linear in a
 * body the size limits already bound.
 */
import { Hono } from 'hono'
import { readJson } from '../http.js'
import { HttpProblem } from '../problem.js'
import { renderBody } from '../render.js'
import { parseBody, patchSchema } from '../validation.js'
import type { Deps } from './deps.js'

export function previewRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { options } = deps
  const previewBody = patchSchema(options.limits)

  app.post('/preview', async (c) => {
    const parsed = parseBody(previewBody, await readJson(c.req.raw, options.maxRequestBytes))
    if (!parsed.ok) throw new HttpProblem(422, 'validation', 'Some fields need attention.', { fields: parsed.fields })
    c.header('Cache-Control', 'no-store')
    return c.json({ html: renderBody(parsed.value.body) })
  })
  return app
}
