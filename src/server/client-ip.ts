/**
 * Where a request comes from, reduced at once to the network it belongs to (/24 for IPv4,
 * /48 for IPv6). The full address is never stored or returned; rate limits and the stored
 * `ip_prefix` use only the prefix.
 */
import { isIPv4, isIPv6 } from 'node:net'
import type { Context } from 'hono'

export function truncateIp(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  const ip = mapped ? mapped[1]! : address.replace(/%.*$/, '')
  if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`
  if (isIPv6(ip)) return `${expandIpv6(ip).slice(0, 3).join(':')}::/48`
  return 'unknown'
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail = ''] = ip.split('::')
  const left = head ? head.split(':') : []
  const right = ip.includes('::') && tail ? tail.split(':') : []
  const missing = 8 - left.length - right.length
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''))
}

/**
 * With `trustProxy`, the right-most X-Forwarded-For entry (the one our own proxy added);
 * otherwise the socket's peer as @hono/node-server passes it in `env.incoming`.
 */
export function clientPrefix(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean)
    const last = forwarded?.[forwarded.length - 1]
    if (last) return truncateIp(last)
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  const address = env?.incoming?.socket?.remoteAddress
  return address ? truncateIp(address) : 'unknown'
}
