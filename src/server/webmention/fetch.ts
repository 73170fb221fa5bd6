/**
 * Fetching a Webmention source without letting a sender aim the server at itself or its
 * network (SSRF). Only http(s); every address the host name resolves to must be a public
 * unicast one (no loopback, private, link-local — the cloud metadata address is one —,
 * unique-local, carrier-grade NAT, multicast, documentation, NAT64/6to4/Teredo ranges that
 * embed IPv4); the check runs inside the connection's own DNS lookup, so the address
 * checked is the address connected to (a second resolution cannot swap it). IP literals,
 * which skip the lookup, are checked before connecting. Redirects are followed by hand, at
 * most five, each one checked the same way. Five seconds for everything, at most 1 MiB.
 *
 * `allowLoopback` lets tests serve source pages on 127.0.0.1; nothing else sets it.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  allowLoopback: boolean
}

export const FETCH_LIMITS: FetchLimits = { timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 5, allowLoopback: false }

export interface Fetched {
  /** Where the body came from, after redirects: links in it are relative to this. */
  url: string
  status: number
  contentType: string
  body: string
}

/** The source could not be fetched; `message` says why, for the sender's status page. */
export class FetchRefused extends Error {}

/** Public unicast only (and loopback when the test flag says so). */
export function addressAllowed(address: string, allowLoopback: boolean): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6
  try {
    parsed = ipaddr.parse(address)
  } catch {
    return false
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  const range = parsed.range()
  return range === 'unicast' || (allowLoopback && range === 'loopback')
}

function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      const refused = addresses.find((a) => !addressAllowed(a.address, allowLoopback))
      if (refused || addresses.length === 0) {
        return callback(Object.assign(new Error(`${hostname} resolves to an address that is not public`), { code: 'EREFUSED_ADDRESS' }), '', 0)
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}

function checkUrl(text: string, allowLoopback: boolean): URL {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new FetchRefused('not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(`${url.protocol} addresses are not fetched`)
  if (url.username || url.password) throw new FetchRefused('addresses with credentials are not fetched')
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !addressAllowed(host, allowLoopback)) throw new FetchRefused(`${host} is not a public address`)
  return url
}

function once(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      signal,
      lookup: guardedLookup(limits.allowLoopback),
      headers: { accept: 'text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5', 'user-agent': 'Palaver-Webmention (+https://www.w3.org/TR/webmention/)' },
    })
    req.on('response', resolve)
    req.on('error', reject)
    req.end()
  })
}

async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) {
      response.destroy()
      throw new FetchRefused(`the source is larger than ${Math.round(maxBytes / 1024)} KiB`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function decode(body: Buffer, contentType: string): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType)?.[1] ?? 'utf-8'
  try {
    return new TextDecoder(charset).decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

export async function fetchSource(source: string, limits: FetchLimits = FETCH_LIMITS): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs)
  let url = checkUrl(source, limits.allowLoopback)
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await once(url, limits, signal)
      const status = response.statusCode ?? 0
      const location = response.headers.location
      if (status >= 300 && status < 400 && location) {
        response.resume()
        if (redirects >= limits.maxRedirects) throw new FetchRefused(`more than ${limits.maxRedirects} redirects`)
        url = checkUrl(new URL(location, url).href, limits.allowLoopback)
        continue
      }
      const contentType = String(response.headers['content-type'] ?? '')
      if (status < 200 || status >= 300) {
        response.resume()
        return { url: url.href, status, contentType, body: '' }
      }
      return { url: url.href, status, contentType, body: decode(await readBody(response, limits.maxBytes), contentType) }
    }
  } catch (error) {
    if (error instanceof FetchRefused) throw error
    const { code, name, message } = error as NodeJS.ErrnoException
    if (code === 'EREFUSED_ADDRESS') throw new FetchRefused(message)
    if (name === 'TimeoutError' || name === 'AbortError' || code === 'ABORT_ERR') throw new FetchRefused(`no answer within ${limits.timeoutMs / 1000} s`)
    throw new FetchRefused(`cannot fetch the source: ${code ?? message}`)
  }
}
