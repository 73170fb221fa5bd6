/**
 * Where a request comes from, reduced at once to the network it belongs to (/24 for IPv4,
 * /48 for IPv6). The full address is never stored or returned; rate limits and the stored
 * `ip_prefix` use only the prefix.
 */
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import ipaddr from 'ipaddr.js'

export function truncateIp(address: string): string {
  let ip: ipaddr.IPv4 | ipaddr.IPv6
  try {
    // process() turns an IPv4-mapped IPv6 address (::ffff:1.2.3.4) back into IPv4.
    ip = ipaddr.process(address.trim())
  } catch {
    return 'unknown'
  }
  return ip.kind() === 'ipv4'
    ? `${ipaddr.IPv4.networkAddressFromCIDR(`${ip.toString()}/24`).toString()}/24`
    : `${ipaddr.IPv6.networkAddressFromCIDR(`${ip.toString()}/48`).toString()}/48`
}

/**
 * With `trustProxy`, the right-most X-Forwarded-For entry (the one our own proxy added);
 * otherwise the socket's peer. In-process requests (app.request in tests) have no socket.
 */
export function clientPrefix(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    const last = forwarded?.[forwarded.length - 1]
    if (last) return truncateIp(last)
  }
  let address: string | undefined
  try {
    address = getConnInfo(c).remote.address
  } catch {
    address = undefined
  }
  return address ? truncateIp(address) : 'unknown'
}
