/**
 * Posting, editing and removing comments: the routes read the request (rate limit, size
 * and syntax, fields, headers) and hand plain values to the comments service, which
 * decides. See services/comments.ts for the order of the remaining checks.
 */
import { Hono } from 'hono'
import { bearerToken, idParam } from '../http.js'
import { vValidator } from '../middleware/validator.js'
import { HttpProblem, fieldProblem } from '../problem.js'
import { sha256, tokenMatches } from '../tokens.js'
import { patchSchema, postSchema } from '../validation.js'
import { clientOf, jsonRequest, originAllowed, tokenLockout, writeLimit, type Deps } from './deps.js'
import { readerTokenHashes } from './read.js'

export function writeRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { comments, options } = deps
  const postBody = vValidator('json', postSchema(options.limits, options.requireEmail))
  const patchBody = vValidator('json', patchSchema(options.limits))

  app.post('/comments', writeLimit(deps), jsonRequest(deps), postBody, async (c) => {
    const idempotencyKey = c.req.header('idempotency-key') ?? null
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 200)) {
      throw fieldProblem(400, 'Idempotency-Key', 'invalid', 'Idempotency-Key must be 1 to 200 characters.')
    }
    const origin = c.req.header('origin')
    const posted = await comments.post(c.req.valid('json'), {
      idempotencyKey,
      requestHash: sha256(JSON.stringify(await c.req.json())),
      fromAllowedOrigin: origin !== undefined && originAllowed(deps, origin, c.req.url),
      readerTokenHashes: new Set(readerTokenHashes(c.req.header('x-palaver-tokens'))),
      ipPrefix: clientOf(deps, c),
    })
    return c.json(posted, 201)
  })

  const editToken = (token: string | null): string => {
    if (!token) throw new HttpProblem(401, 'forbidden', 'Send the edit token as Authorization: Bearer <token>.')
    return token
  }

  app.patch('/comments/:id', writeLimit(deps), tokenLockout(deps, deps.editFailures), jsonRequest(deps), patchBody, async (c) => {
    const id = idParam(c.req.param('id'))
    const comment = await comments.edit(id, editToken(bearerToken(c)), c.req.valid('json').body)
    return c.json({ comment })
  })

  app.delete('/comments/:id', writeLimit(deps), tokenLockout(deps, deps.editFailures), async (c) => {
    const id = idParam(c.req.param('id'))
    const token = editToken(bearerToken(c))
    // The admin token removes any comment here too, at any time.
    await comments.remove(id, tokenMatches(token, options.adminTokenHash) ? 'admin' : { editToken: token })
    return c.body(null, 204)
  })

  return app
}
