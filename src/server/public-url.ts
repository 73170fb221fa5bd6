/**
 * The server's own address, for links it hands out about itself (a feed's self link, the
 * Webmention endpoint and status URLs): --public-url when configured; otherwise the
 * request's URL, with the scheme a trusted reverse proxy reports (X-Forwarded-Proto),
 * since behind a TLS proxy the request itself arrives over plain HTTP.
 */
import type { Context } from 'hono'
import type { AppOptions } from './options.js'

export function publicUrl(c: Context, options: Pick<AppOptions, 'publicUrl' | 'trustProxy'>, path?: string): string {
  const asked = new URL(c.req.url)
  const url = options.publicUrl ? new URL(asked.pathname + asked.search, options.publicUrl) : asked
  if (!options.publicUrl && options.trustProxy) {
    const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim()
    if (proto === 'https' || proto === 'http') url.protocol = `${proto}:`
  }
  return path === undefined ? url.href : new URL(path, url.origin).href
}
