/**
 * `palaver doctor URL`: loads a host page the way a reader's browser would and says, one
 * line per check, whether the widget can work there and what to change when it cannot —
 * the page, the element, the script, the server, the origin allowlist, the page's CSP, TLS.
 * The most common support question of self-hosted comment systems is "the comments do not
 * show": this answers it without a browser's developer tools.
 */
import { Parser } from 'htmlparser2'

export type Verdict = 'ok' | 'warn' | 'fail'

export interface Finding {
  verdict: Verdict
  check: string
  detail: string
}

interface HostPage {
  url: URL
  csp: string[]
  element: { tag: string; server: string | null; thread: string | null; adapter: string | null } | null
  scripts: URL[]
  canonical: string | null
}

const TIMEOUT_MS = 10_000

async function get(url: URL | string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS), ...init })
}

const reason = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error))
}

/** The parts of the host page doctor looks at, read with a real HTML parser. */
function readPage(url: URL, html: string, cspHeader: string | null): HostPage {
  const page: HostPage = { url, csp: cspHeader ? [cspHeader] : [], element: null, scripts: [], canonical: null }
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if ((name === 'palaver-comments' || name === 'palaver-count') && (!page.element || page.element.tag === 'palaver-count')) {
          page.element = { tag: name, server: attributes.server ?? null, thread: attributes.thread ?? null, adapter: attributes.adapter ?? null }
        } else if (name === 'script' && attributes.src && /palaver[\w-]*\.m?js(\?|$)/.test(attributes.src)) {
          try {
            page.scripts.push(new URL(attributes.src, url))
          } catch {
            // an unusable src is reported as "no script"
          }
        } else if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'content-security-policy' && attributes.content) {
          page.csp.push(attributes.content)
        } else if (name === 'link' && attributes.rel?.split(/\s+/).includes('canonical') && attributes.href) {
          page.canonical = attributes.href
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  )
  parser.write(html)
  parser.end()
  return page
}

/** The sources a CSP allows for one kind of request, or null when the policy does not restrict it. */
function allowedSources(policy: string, directives: string[]): string[] | null {
  const parsed = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name && !parsed.has(name.toLowerCase())) parsed.set(name.toLowerCase(), values)
  }
  for (const directive of [...directives, 'default-src']) {
    const values = parsed.get(directive)
    if (values) return values
  }
  return null
}

/** Whether a CSP source list lets `target` load on a page at `page` (host, scheme, 'self', *). */
export function cspAllows(sources: string[], target: URL, page: URL): boolean {
  for (const raw of sources) {
    const source = raw.toLowerCase()
    if (source === "'none'") continue
    if (source === '*') return target.protocol === 'http:' || target.protocol === 'https:'
    if (source === "'self'") {
      if (target.origin === page.origin) return true
      continue
    }
    if (/^[a-z][a-z0-9+.-]*:$/.test(source)) {
      if (target.protocol === source || (source === 'http:' && target.protocol === 'https:')) return true
      continue
    }
    const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?/.exec(source)
    if (!match || source.startsWith("'")) continue
    const [, scheme, wildcard, host, port] = match
    if (scheme && `${scheme}:` !== target.protocol && !(scheme === 'http' && target.protocol === 'https:')) continue
    if (!scheme && target.protocol !== page.protocol && !(page.protocol === 'http:' && target.protocol === 'https:')) continue
    const hostOk = wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host
    const targetPort = target.port || (target.protocol === 'https:' ? '443' : '80')
    const portOk = port === '*' || (port ? port === targetPort : target.port === '')
    if (hostOk && portOk) return true
  }
  return false
}

/** What the widget would use as the thread key, as element.md describes it. */
function threadKey(page: HostPage): string {
  if (page.element?.thread) return page.element.thread
  if (page.canonical) {
    try {
      return new URL(page.canonical, page.url).pathname
    } catch {
      // fall back to the page's own path
    }
  }
  return page.url.pathname
}

export async function diagnose(address: string): Promise<Finding[]> {
  const findings: Finding[] = []
  const add = (verdict: Verdict, check: string, detail: string) => findings.push({ verdict, check, detail })

  let url: URL
  try {
    url = new URL(address)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)')
  } catch {
    add('fail', 'page', `"${address}" is not an http(s) address; give the address of a page that embeds the comments`)
    return findings
  }

  let page: HostPage
  try {
    const res = await get(url)
    if (!res.ok) {
      add('fail', 'page', `${url.href} answered ${res.status}; check the address`)
      return findings
    }
    page = readPage(new URL(res.url || url.href), await res.text(), res.headers.get('content-security-policy'))
    add('ok', 'page', `${page.url.href} loaded${page.url.protocol === 'https:' ? ' over TLS' : ''}`)
  } catch (error) {
    add('fail', 'page', `${url.href} could not be loaded (${reason(error)})`)
    return findings
  }

  if (!page.element) {
    add(
      'fail',
      'element',
      'no <palaver-comments> (or <palaver-count>) on the page; add <palaver-comments server="https://comments.example.org"></palaver-comments> where the comments go',
    )
  } else {
    add('ok', 'element', `<${page.element.tag}> found${page.element.adapter ? ` (adapter ${page.element.adapter})` : ''}`)
  }

  const script = page.scripts[0] ?? null
  if (!script) {
    add(
      'fail',
      'script',
      'no <script src=".../palaver.js"> on the page; add <script src="https://comments.example.org/palaver.js" defer></script> to the <head>',
    )
  } else {
    try {
      const res = await get(script)
      const type = res.headers.get('content-type') ?? ''
      if (res.ok && /javascript/.test(type)) add('ok', 'script', `${script.href} loads (${type.split(';')[0]})`)
      else add('fail', 'script', `${script.href} answered ${res.status} ${type || 'without a type'}; check the script's address`)
    } catch (error) {
      add('fail', 'script', `${script.href} could not be loaded (${reason(error)})`)
    }
  }

  // The server: the element's attribute, else the script's origin (as the widget does).
  let server: URL | null = null
  try {
    if (page.element?.server) server = new URL(page.element.server, page.url)
    else if (script) server = new URL(script.origin)
  } catch {
    add('fail', 'server', `server="${page.element?.server}" is not an address; use the comment server's https:// address`)
  }
  const thread = threadKey(page)
  if (page.element)
    add(
      'ok',
      'thread',
      `thread key "${thread}"${page.element.thread ? ' (from the thread attribute)' : page.canonical ? ' (from the canonical link)' : ' (from the address)'}`,
    )
  if (!server) return findings
  const serverOrigin = server.origin
  const apiBase = new URL(server.pathname.replace(/\/?$/, '/'), server)

  if (page.element?.adapter === 'wordpress') {
    add('warn', 'server', 'the WordPress adapter talks to WordPress, not to palaver serve; the checks below assume the Palaver server')
  }

  try {
    const res = await get(new URL('healthz', apiBase))
    if (res.ok) add('ok', 'server', `${serverOrigin} is reachable and its database answers`)
    else add('fail', 'server', `${serverOrigin}/healthz answered ${res.status}; is palaver serve running there, and its database reachable?`)
  } catch (error) {
    add('fail', 'server', `${serverOrigin} is not reachable (${reason(error)}); is palaver serve running, and does the proxy forward to it?`)
    return findings
  }

  if (page.url.protocol === 'https:' && server.protocol === 'http:') {
    add('fail', 'tls', `the page is https but the server is http: browsers block it as mixed content; serve ${server.host} over https (docs/deploy.md)`)
  } else if (server.protocol === 'https:') {
    add('ok', 'tls', `the server answers over https`)
  } else {
    add('warn', 'tls', 'neither the page nor the server uses https; fine on a laptop, not on the web')
  }

  // Origin allowlist: a read with the page's Origin, and the preflight a post makes.
  const pageOrigin = page.url.origin
  const flag = `--origin ${pageOrigin}`
  if (pageOrigin === serverOrigin) {
    add('ok', 'origin', "the page is on the server's own origin")
  } else {
    try {
      const read = await get(new URL(`api/v1/comments?thread=${encodeURIComponent(thread)}&limit=1`, apiBase), { headers: { origin: pageOrigin } })
      const preflight = await get(new URL('api/v1/comments', apiBase), {
        method: 'OPTIONS',
        headers: { origin: pageOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      })
      const readAllowed = read.headers.get('access-control-allow-origin') === pageOrigin
      const writeAllowed = preflight.ok && preflight.headers.get('access-control-allow-origin') === pageOrigin
      if (readAllowed && writeAllowed) add('ok', 'origin', `${pageOrigin} is allowed`)
      else add('fail', 'origin', `${pageOrigin} is not allowed: start the server with ${flag} (or add it to PALAVER_ORIGINS)`)
    } catch (error) {
      add('fail', 'origin', `the API could not be asked (${reason(error)})`)
    }
  }

  // The page's Content Security Policy, header and <meta>: every policy must allow both.
  if (page.csp.length === 0) {
    add('ok', 'csp', 'the page sets no Content-Security-Policy')
  } else {
    const problems: string[] = []
    for (const policy of page.csp) {
      const scripts = allowedSources(policy, ['script-src-elem', 'script-src'])
      if (script && scripts && !cspAllows(scripts, script, page.url)) problems.push(`script-src does not allow ${script.origin}`)
      const connect = allowedSources(policy, ['connect-src'])
      if (connect && !cspAllows(connect, server, page.url)) problems.push(`connect-src does not allow ${serverOrigin}`)
    }
    if (problems.length === 0) add('ok', 'csp', "the page's Content-Security-Policy allows the script and the server")
    else
      add('fail', 'csp', `the page's Content-Security-Policy blocks the widget: ${[...new Set(problems)].join('; ')}; add ${serverOrigin} to those directives`)
  }
  return findings
}

export function formatFindings(findings: Finding[]): string {
  const mark: Record<Verdict, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' }
  return findings.map((f) => `${mark[f.verdict]}  ${f.check.padEnd(8)} ${f.detail}`).join('\n') + '\n'
}

/** The command: exit 0 when nothing failed, 1 when something did, 2 for a usage mistake. */
export async function run(argv: string[]): Promise<number> {
  const [address, ...extra] = argv
  if (!address || address === '--help' || address === '-h' || extra.length > 0) {
    process.stderr.write('palaver: usage: palaver doctor https://blog.example/a-post.html\n')
    return 2
  }
  const findings = await diagnose(address)
  process.stdout.write(formatFindings(findings))
  return findings.some((f) => f.verdict === 'fail') ? 1 : 0
}
