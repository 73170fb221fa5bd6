/**
 * The owner's moderation page: `GET /admin`, one static HTML document that loads
 * /palaver-admin.js (dist/palaver-admin.js, built by `vite build --mode admin`), and that
 * script with its map. The page holds no data and no inline script or style: everything
 * it shows comes from /api/v1/admin with the session cookie, and its styles are the Lit
 * components' own (constructed style sheets, which the CSP's style-src does not govern).
 * Its language follows Accept-Language (German or English), as the admin script's texts do.
 */
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'

/** Nothing but our own script, our own API and sanitized comment bodies (whose links are plain <a>). */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const TITLES = { en: 'Palaver — moderation', de: 'Palaver — Moderation' } as const
const NO_SCRIPT = {
  en: 'The moderation page needs JavaScript.',
  de: 'Die Moderationsseite braucht JavaScript.',
} as const

/** German or English, whichever Accept-Language prefers (by q-value, then order); English otherwise. */
export function adminLanguage(acceptLanguage: string | undefined): 'en' | 'de' {
  let best: { lang: 'en' | 'de'; q: number } | null = null
  for (const part of (acceptLanguage ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';')
    const lang = range.split('-')[0]
    if (lang !== 'en' && lang !== 'de') continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    if (!Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { lang, q }
  }
  return best?.lang ?? 'en'
}

export function adminPage(lang: 'en' | 'de'): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>${TITLES[lang]}</title>
<script src="/palaver-admin.js" defer></script>
</head>
<body>
<palaver-admin></palaver-admin>
<noscript>${NO_SCRIPT[lang]}</noscript>
</body>
</html>
`
}

export function adminPageRoutes(dist: string | null): Hono {
  const app = new Hono()
  app.get('/admin', (c) => {
    const lang = adminLanguage(c.req.header('Accept-Language'))
    c.header('Content-Security-Policy', ADMIN_CSP)
    c.header('Cache-Control', 'no-store')
    c.header('Content-Language', lang)
    c.header('Vary', 'Accept-Language')
    c.header('Referrer-Policy', 'same-origin')
    return c.html(adminPage(lang))
  })
  if (dist) {
    const files = serveStatic({ root: dist })
    app.get('/:file{palaver-admin\\.js(\\.map)?}', async (c, next) => {
      const found = await files(c, next)
      // Short: a new release's page must not run with last release's script for long.
      if (found instanceof Response) found.headers.set('Cache-Control', 'no-cache')
      return found
    })
  }
  return app
}
