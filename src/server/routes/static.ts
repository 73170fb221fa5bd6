/**
 * Files served from the same port as the API: the built widget (/palaver.js,
 * /palaver-wordpress.js, /palaver-memory.js, /palaver.mjs from dist/) and, with --demo,
 * the demo pages at /. Paths are resolved inside their folder only; anything that would
 * leave it is a 404.
 */
import { readFile, stat } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import type { Hono } from 'hono'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
}

/** The file for a URL path inside `root`, or null. Directories mean their index.html. */
async function fileIn(root: string, urlPath: string): Promise<string | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const base = resolve(root)
  let path = resolve(join(base, decoded))
  if (path !== base && !path.startsWith(base + sep)) return null
  try {
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html')
    return (await stat(path)).isFile() ? path : null
  } catch {
    return null
  }
}

async function sendFile(path: string, cacheControl: string): Promise<Response> {
  return new Response(await readFile(path), {
    headers: {
      'content-type': TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
  })
}

export function staticRoutes(app: Hono, dist: string | null, demo: string | null): void {
  if (dist) {
    app.get('/:file{palaver(-wordpress|-memory)?\\.m?js(\\.map)?}', async (c, next) => {
      const path = await fileIn(dist, c.req.param('file'))
      return path ? sendFile(path, 'public, max-age=300') : next()
    })
  }
  if (demo) {
    app.get('*', async (c, next) => {
      if (c.req.path.startsWith('/api/')) return next()
      const path = await fileIn(demo, c.req.path)
      return path ? sendFile(path, 'no-cache') : next()
    })
  }
}
