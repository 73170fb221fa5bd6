/**
 * The Webmention endpoint (W3C Recommendation):
 *   POST /webmention   source=…&target=… (form-encoded) → 202 Accepted, Location: status URL
 *   GET  /webmention/:id                               → the mention's state, as JSON
 * The target must be a page of the site (--site-url, or an allowed --origin); its path is
 * the thread key, as the widget's is. Verification runs afterwards (webmention/receiver.ts).
 * Senders are servers, not browsers: no CORS here. Each source host may send a few at a
 * time (a token bucket per host). HTML pages and feeds the server sends advertise the
 * endpoint in a Link header.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { parseHttpUrl } from '../../core/url.js'
import { siteBase, type AppOptions } from '../options.js'
import { fieldProblem, HttpProblem, notFound } from '../problem.js'
import { publicUrl } from '../public-url.js'
import { RateLimiter } from '../middleware/rate-limit.js'
import { WebmentionReceiver } from '../webmention/receiver.js'
import type { Deps } from './deps.js'
import { normalizeThreadKey } from '../thread-key.js'

/** Mentions a source host may send at once, and regains per minute. */
export const MENTIONS_PER_HOST = { burst: 5, perMinute: 5 }
const MAX_URL = 2000

/** Adds `Link: <…/webmention>; rel="webmention"` to the pages and feeds this server sends. */
export function advertiseWebmention(options: Pick<AppOptions, 'publicUrl' | 'trustProxy'>): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (/^(text\/html|application\/atom\+xml)\b/.test(c.res.headers.get('content-type') ?? '')) {
      c.res.headers.append('link', `<${publicUrl(c, options, '/webmention')}>; rel="webmention"`)
    }
  }
}

export function webmentionRoutes(deps: Deps): Hono {
  const app = new Hono()
  const { options } = deps
  const receiver = new WebmentionReceiver(deps.store, options, deps.settings)
  const perHost = new RateLimiter(MENTIONS_PER_HOST, options.now)

  /** The origins whose pages may be mentioned. */
  const site = siteBase(options)
  const targets = new Set([...options.origins, ...(site ? [new URL(site).origin] : [])])

  const urlField = (value: unknown, field: 'source' | 'target'): URL => {
    if (typeof value !== 'string' || value.trim() === '') throw fieldProblem(400, field, 'required', `${field} is required.`)
    if (value.length > MAX_URL) throw fieldProblem(400, field, 'too-long', `${field} is at most ${MAX_URL} characters.`)
    const url = parseHttpUrl(value.trim())
    if (!url) throw fieldProblem(400, field, 'invalid', `${field} must be an http(s) URL.`)
    return new URL(url.href)
  }

  app.post(
    '/webmention',
    bodyLimit({
      maxSize: options.maxRequestBytes,
      onError: () => new HttpProblem(413, 'validation', `The request body is larger than ${options.maxRequestBytes} bytes.`).toResponse(),
    }),
    async (c) => {
      if (!/^application\/x-www-form-urlencoded\b/i.test(c.req.header('content-type') ?? '')) {
        throw new HttpProblem(415, 'validation', 'Send source and target as application/x-www-form-urlencoded.')
      }
      const form = await c.req.parseBody()
      const source = urlField(form.source, 'source')
      const target = urlField(form.target, 'target')
      if (!targets.has(target.origin)) throw fieldProblem(400, 'target', 'invalid', 'target is not a page of this site.')
      source.hash = ''
      target.hash = ''
      if (source.href === target.href) throw fieldProblem(400, 'source', 'invalid', 'source and target are the same page.')
      if (target.pathname.length > options.limits.thread) throw fieldProblem(400, 'target', 'too-long', 'target’s path is too long for a thread key.')
      const wait = await perHost.take(source.hostname)
      if (wait > 0)
        throw new HttpProblem(429, 'rate-limited', `Too many mentions from ${source.hostname}; try again in ${wait} seconds.`, {
          headers: { 'retry-after': String(wait) },
        })

      const id = await receiver.receive(source.href, target.href, normalizeThreadKey(target.pathname))
      const location = publicUrl(c, options, `/webmention/${id}`)
      c.header('Location', location)
      c.header('Cache-Control', 'no-store')
      return c.json({ status: 'queued', location }, 202)
    },
  )

  app.get('/webmention/:id', async (c) => {
    const id = c.req.param('id')
    const row = /^[\w-]{1,64}$/.test(id) ? await receiver.status(id) : undefined
    if (!row) throw notFound('No Webmention with this id.')
    c.header('Cache-Control', 'no-store')
    return c.json({ source: row.source, target: row.target, status: row.status, detail: row.detail, updatedAt: row.updated_at })
  })

  return app
}
