/**
 * Files served from the same port as the API, through @hono/node-server's serveStatic:
 * the built widget (/palaver.js, /palaver-wordpress.js, /palaver-memory.js, /palaver.mjs,
 * /palaver-purify.js — which the scripts load where a browser has no HTML Sanitizer —,
 * /palaver-hydrate.js — which they load for a server-rendered element — and
 * their maps, and the language files /locales/<tag>.js, from dist/) and, with --demo,
 * the demo pages at /. serveStatic refuses paths with `..` segments, backslashes, doubled
 * slashes and encoded characters, so nothing outside the two folders can be named; what it
 * does not find falls through to the 404 problem. Types come from Hono's table (text/javascript; charset=utf-8 …).
 */
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono, MiddlewareHandler } from 'hono'

/** The files of `root`, with a Cache-Control on what is found (the 404 problem keeps its own). */
function filesIn(root: string, cacheControl: string): MiddlewareHandler {
  const files = serveStatic({ root })
  return async (c, next) => {
    const found = await files(c, next)
    if (found instanceof Response) found.headers.set('Cache-Control', cacheControl)
    return found
  }
}

/**
 * The widget's language files (dist/locales/<tag>.js, loaded on demand by the script-tag
 * builds with import()): a module request, so other sites' pages need CORS (they hold
 * nothing private), and the same nosniff and cross-origin CORP as palaver.js. The widget
 * asks for `?v=<version>`, a URL that changes with each release, so that one is kept a
 * year; without it, five minutes as palaver.js. A tag that is not a file is the 404 problem.
 */
function localeFiles(dist: string): MiddlewareHandler {
  const files = serveStatic({ root: dist })
  return async (c, next) => {
    const found = await files(c, next)
    if (found instanceof Response) {
      found.headers.set('Cache-Control', c.req.query('v') !== undefined ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      found.headers.set('Access-Control-Allow-Origin', '*')
    }
    return found
  }
}

/**
 * demo/data/ holds the seed (threads.json, with the example authors' emails): the server
 * loads it into the database, and no page needs it, so it is never served.
 */
const NOT_SERVED = /^\/(api|data)(\/|$)/i

export function staticRoutes(app: Hono, dist: string | null, demo: string | null): void {
  if (dist) app.get('/:file{palaver(-wordpress|-memory|-purify|-hydrate)?\\.m?js(\\.map)?}', filesIn(dist, 'public, max-age=300'))
  if (dist) app.get('/locales/:file{[a-z]{2,3}(-[A-Z]{2})?\\.js(\\.map)?}', localeFiles(dist))
  if (demo) {
    const files = filesIn(demo, 'no-cache')
    app.get('*', (c, next) => (NOT_SERVED.test(c.req.path) ? next() : files(c, next)))
  }
}
