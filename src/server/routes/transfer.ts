/**
 * The admin's data in and out over HTTP, mounted inside the admin routes (their token
 * check runs first, and answers carry Cache-Control: no-store):
 *   GET  /admin/export?format=palaver|wxr&thread=KEY   the export, streamed
 *   GET  /admin/gdpr?email=ADDRESS                     everything stored about an address
 *   POST /admin/gdpr/erase {"email","confirm"}         erase it; confirm is the address again
 * Addresses travel in the erase request's body, never in a URL that proxies log; the
 * export by address is a GET as the API promises (GETs never change anything).
 */
import { Hono } from 'hono'
import * as v from 'valibot'
import { isEmail } from '../../core/draft.js'
import { eraseAddress, normalizeEmail, personalData } from '../gdpr.js'
import { threadParam } from '../http.js'
import { vValidator } from '../middleware/validator.js'
import { siteBase } from '../options.js'
import { fieldProblem } from '../problem.js'
import { exportJson, exportWxr } from '../transfer/export.js'
import { jsonRequest, nowIso, type Deps } from './deps.js'
import { importRoute } from './import.js'

function emailParam(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw fieldProblem(400, field, 'required', `${field} is required.`)
  if (!isEmail(normalizeEmail(value))) throw fieldProblem(400, field, 'invalid', `${field} is not an email address.`)
  return value
}

const eraseBody = v.object({
  email: v.pipe(
    v.string('email must be text.'),
    v.check((s) => isEmail(normalizeEmail(s)), 'email is not an email address.'),
  ),
  confirm: v.optional(v.string('confirm must be text.'), ''),
})

export function adminTransferRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { store, options } = deps

  app.get('/export', (c) => {
    const format = c.req.query('format') ?? 'palaver'
    if (format !== 'palaver' && format !== 'wxr') throw fieldProblem(400, 'format', 'invalid', 'format is palaver or wxr.')
    const thread = c.req.query('thread') === undefined ? null : threadParam(c.req.query('thread'), options.limits.thread)
    const encoder = new TextEncoder()
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>()
    const writer = writable.getWriter()
    // Written as it is read: the client's pace holds the export back (flat memory).
    const sink = async (chunk: string) => {
      await writer.ready
      await writer.write(encoder.encode(chunk))
    }
    const now = nowIso(deps)
    const done = format === 'wxr' ? exportWxr(store.db, sink, { thread, now, siteUrl: siteBase(options) }) : exportJson(store.db, sink, { thread, now })
    done.then(
      () => writer.close(),
      (error: unknown) => {
        options.log(`palaver: export failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`)
        return writer.abort(error)
      },
    )
    const name = format === 'wxr' ? 'palaver-export.xml' : 'palaver-export.json'
    c.header('Content-Type', format === 'wxr' ? 'application/rss+xml; charset=utf-8' : 'application/json; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="${name}"`)
    return c.body(readable)
  })

  app.get('/gdpr', async (c) => {
    const email = emailParam(c.req.query('email'), 'email')
    return c.json(await personalData(store.db, options.secret, email, nowIso(deps)))
  })

  app.post('/gdpr/erase', jsonRequest(deps), vValidator('json', eraseBody), async (c) => {
    const { email, confirm } = c.req.valid('json')
    if (normalizeEmail(confirm) !== normalizeEmail(email)) {
      throw fieldProblem(422, 'confirm', 'invalid', 'Erasing cannot be undone: send the address again as confirm.')
    }
    const erased = await eraseAddress(store, options.secret, email, nowIso(deps))
    // Said without the address: the log must not keep what was just erased.
    if (erased.comments > 0 || erased.subscriptions > 0)
      options.log(`palaver: gdpr erase: ${erased.comments} comments in ${erased.threads} threads erased, ${erased.subscriptions} subscriptions ended`)
    return c.json({ erased: erased.comments, threads: erased.threads, subscriptions: erased.subscriptions })
  })

  importRoute(app, deps)

  return app
}
