/**
 * Source URLs → thread keys. A thread key is what the widget names a page by: its path
 * (`location.pathname`, or the canonical URL's). So by default a post at
 * `https://old.example/2019/05/hello/` becomes `/2019/05/hello/`. WordPress's plain
 * permalinks (`/?p=123`) keep their query, or every post would be `/`.
 *
 * `--map FROM=TO` rewrites a prefix first (`https://old.example/blog/=/` turns
 * `https://old.example/blog/hello/` into `/hello/`); rules are tried in the order given,
 * and the first whose FROM starts the URL wins. A rule splits at its last `=`, so FROM may
 * hold a query (`https://old.example/?p==/p/` maps `?p=123` to `/p/123`).
 */
import { DEFAULT_LIMITS } from '../options.js'

export interface MapRule {
  from: string
  to: string
}

export function parseMapRule(text: string): MapRule | null {
  const at = text.lastIndexOf('=')
  if (at <= 0) return null
  return { from: text.slice(0, at), to: text.slice(at + 1) }
}

const PLAIN_PERMALINK = /^\?(?:p|page_id|post)=/

/** The thread key for a source's page address, or a reason it has none. */
export function threadKeyFor(link: string, rules: readonly MapRule[]): { key: string } | { error: string } {
  let mapped = link.trim()
  const rule = rules.find((r) => mapped.startsWith(r.from))
  if (rule) mapped = rule.to + mapped.slice(rule.from.length)
  let key = mapped
  // Absolute addresses and paths lose host, fragment and (but for plain permalinks) query;
  // anything else (a Disqus identifier, say) is a key as it is.
  if (/^https?:\/\//i.test(mapped) || mapped.startsWith('/')) {
    try {
      const url = new URL(mapped, 'http://host.invalid')
      key = url.pathname + (PLAIN_PERMALINK.test(url.search) ? url.search : '')
    } catch {
      return { error: `"${link}" is not a URL` }
    }
  }
  if (key === '') return { error: 'no page address' }
  if (key.length > DEFAULT_LIMITS.thread) return { error: `thread key longer than ${DEFAULT_LIMITS.thread} characters` }
  return { key }
}
