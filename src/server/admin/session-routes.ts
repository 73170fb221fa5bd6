/**
 * /api/v1/admin/session — the admin page signs in here: the admin token (never stored in
 * the browser) is exchanged for a session cookie on this server's own origin, scoped to
 * the admin API's path. Mounted before the admin auth middleware, since signing in is what
 * a request without a session does; the CSRF rule holds here too (a foreign page must not
 * sign the owner in or out).
 */
import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import * as v from 'valibot'
import { checkCsrf } from '../middleware/admin-auth.js'
import { vValidator } from '../middleware/validator.js'
import { ownerName } from '../options.js'
import { ownOrigins } from '../own-origin.js'
import { HttpProblem, TokenRejected } from '../problem.js'
import { jsonRequest, type Deps } from '../routes/deps.js'
import { tokenMatches } from '../tokens.js'
import { AdminSessions, SESSION_COOKIE } from './sessions.js'

const signInSchema = v.object({
  token: v.pipe(v.string('The token must be text.'), v.minLength(1, 'The admin token is required.'), v.maxLength(500, 'That is not the admin token.')),
})

export function sessionRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { options } = deps
  const sessions = new AdminSessions(deps.store.db)
  const own = (c: Context) => ownOrigins(options.publicUrl, c)
  const path = '/api/v1/admin'
  // Secure whenever the page is (or will be, behind a TLS proxy) served over https.
  const secure = (c: Context) => new URL(c.req.url).protocol === 'https:' || (options.publicUrl?.startsWith('https:') ?? false)
  const answer = (c: Context, expiresAt: string) => {
    c.header('Cache-Control', 'no-store')
    return c.json({ expiresAt, owner: { name: ownerName(options) } })
  }

  app.post(
    '/session',
    (c, next) => {
      checkCsrf(c, own)
      return next()
    },
    jsonRequest(deps),
    vValidator('json', signInSchema),
    async (c) => {
      if (!options.adminTokenHash) throw new HttpProblem(403, 'forbidden', 'The admin API is off: the server has no admin token.')
      if (!tokenMatches(c.req.valid('json').token, options.adminTokenHash)) throw new TokenRejected('That is not the admin token.', 401)
      const { value, expiresAt } = await sessions.create(options.now(), options.adminSessionMs)
      setCookie(c, SESSION_COOKIE, value, {
        httpOnly: true,
        secure: secure(c),
        sameSite: 'Strict',
        path,
        maxAge: Math.floor(options.adminSessionMs / 1000),
      })
      return answer(c, expiresAt)
    },
  )

  app.get('/session', async (c) => {
    const session = await sessions.find(getCookie(c, SESSION_COOKIE), options.now())
    if (!session) throw new HttpProblem(401, 'forbidden', 'Not signed in (or the session has expired).')
    checkCsrf(c, own)
    return answer(c, session.expiresAt)
  })

  app.delete('/session', async (c) => {
    checkCsrf(c, own)
    await sessions.end(getCookie(c, SESSION_COOKIE))
    deleteCookie(c, SESSION_COOKIE, { path, secure: secure(c), httpOnly: true, sameSite: 'Strict' })
    c.header('Cache-Control', 'no-store')
    return c.body(null, 204)
  })

  return app
}
