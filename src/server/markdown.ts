/**
 * The Markdown a reader may type, as markdown-it parses it: a small subset (emphasis,
 * strong, inline code and fenced code blocks, quotes, lists, links) with raw HTML off.
 * Two rules of our own keep what readers could do before Markdown:
 *
 * - the tags of the body allowlist (src/core/body-html.ts) typed as HTML stay tags (any
 *   other `<…>` is text, as raw HTML off makes it); the sanitizer after this keeps only
 *   their allowed attributes, so this only says "these are tags", never "this is safe";
 * - a bare address (src/core/links.ts finds them) is one piece of text, so `_` and `*`
 *   inside it are not emphasis; render.ts links it after sanitizing, as before.
 *
 * Everything else a fuller Markdown has (headings, rules, tables, images, indented code,
 * reference links) stays text as typed: a comment's `# 1` or `---` is not a heading.
 */
import MarkdownIt, { type StateInline } from 'markdown-it'
import { BODY_TAGS, LINK_HREF } from '../core/body-html.js'
import { findLinks, MAYBE_LINK, type FoundLink } from '../core/links.js'

/** The block and inline rules of the subset (markdown-it's names); `text` and `paragraph` are always on. */
const BLOCK_RULES = ['blockquote', 'fence', 'list']
const INLINE_RULES = ['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'entity']

const ALLOWED_TAGS: ReadonlySet<string> = new Set(BODY_TAGS)

/**
 * An HTML open or close tag as CommonMark defines one (quoted attribute values may hold
 * `>`), matched where the parser stands. Sticky and without nested repetition: linear.
 */
const ATTRIBUTE = String.raw`\s+[a-zA-Z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`
const TAG = new RegExp(String.raw`<(?:([a-zA-Z][a-zA-Z0-9-]*)(?:${ATTRIBUTE})*\s*\/?>|\/([a-zA-Z][a-zA-Z0-9-]*)\s*>)`, 'y')

/** A tag of the body allowlist stays a tag; `<kbd>`, `<script>` and the rest stay text. */
function allowedTag(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false
  TAG.lastIndex = state.pos
  const match = TAG.exec(state.src)
  if (!match || !ALLOWED_TAGS.has((match[1] ?? match[2] ?? '').toLowerCase())) return false
  if (!silent) {
    const token = state.push('html_inline', '', 0)
    token.content = match[0]
  }
  state.pos = TAG.lastIndex
  return true
}

/** The addresses in each inline run, found once per run (not once per character). */
const linksOf = new WeakMap<StateInline, FoundLink[]>()

/**
 * Inside a bare address, the rest of it is one piece of text. The text rule stops at
 * characters Markdown might mean something by (`:`, `_`, `*`, `&`, …); when one of them
 * lies inside an address that started in the same run of plain text, this takes the
 * address to its end, with entities and backslash escapes decoded as text's are.
 * Only when tokenizing for real: a link label's end is found without it, as CommonMark does.
 */
function wholeAddress(state: StateInline, silent: boolean): boolean {
  if (silent) return false
  let links = linksOf.get(state)
  if (!links) linksOf.set(state, (links = MAYBE_LINK.test(state.src) ? findLinks(state.src) : []))
  if (links.length === 0) return false
  const pos = state.pos
  // The last address that starts before here (they are in order).
  let low = 0
  let high = links.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (links[mid]!.start < pos) low = mid + 1
    else high = mid
  }
  const link = links[low - 1]
  // Pending text is the source since the last token, unchanged: the address began in it.
  if (!link || link.end <= pos || link.start < pos - state.pending.length) return false
  const end = Math.min(link.end, state.posMax)
  const token = state.push('text', '', 0)
  token.content = state.md.utils.unescapeAll(state.src.slice(pos, end))
  state.pos = end
  return true
}

const md = new MarkdownIt('zero', { breaks: true })
md.enable(BLOCK_RULES).enable(INLINE_RULES)
md.inline.ruler.after('text', 'palaver_address', wholeAddress)
md.inline.ruler.before('entity', 'palaver_tag', allowedTag)
// A link Markdown would make and the allowlist would strip of its href stays text as typed.
md.validateLink = (url) => LINK_HREF.test(url.trim())

/** The body as typed, as HTML: not yet sanitized, not yet linked. */
export function markdownToHtml(text: string): string {
  return md.render(text)
}
