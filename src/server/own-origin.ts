/**
 * The server's own origin, which may use the API like a configured --origin: --public-url
 * when given, else the address the connection was accepted on (a loopback address also
 * as `localhost`), so the demo and `npm run dev` work without flags. Never the Host
 * header or X-Forwarded-*: a request names those itself, and `Host: evil.example` with
 * `Origin: http://evil.example` would otherwise look same-origin.
 */
import type { Socket } from 'node:net'
import type { Context } from 'hono'
import ipaddr from 'ipaddr.js'

export function ownOrigins(publicUrl: string | null, c: Context): string[] {
  if (publicUrl) return [publicUrl]
  // @hono/node-server hands the handler the Node request as env.incoming; in-process
  // requests (app.request in tests) have none, and so no own origin.
  const socket = (c.env as { incoming?: { socket?: Socket & { encrypted?: boolean } } } | undefined)?.incoming?.socket
  if (!socket?.localAddress || !socket.localPort) return []
  return socketOrigins(socket.localAddress, socket.localPort, socket.encrypted === true)
}

export function socketOrigins(localAddress: string, port: number, tls: boolean): string[] {
  let address: ipaddr.IPv4 | ipaddr.IPv6
  try {
    address = ipaddr.process(localAddress)
  } catch {
    return []
  }
  const scheme = tls ? 'https' : 'http'
  const suffix = port === (tls ? 443 : 80) ? '' : `:${port}`
  const host = address.kind() === 'ipv6' ? `[${address.toString()}]` : address.toString()
  const origins = [`${scheme}://${host}${suffix}`]
  if (address.range() === 'loopback') origins.push(`${scheme}://localhost${suffix}`)
  return origins
}
