/**
 * What a fetched source page says about the mention: whether it links to the target (an
 * href or src that, resolved against the page's address, is the target — fragments aside),
 * and what to show: the title, the author and an excerpt from its microformats2 h-entry
 * (microformats-parser), else the page's <title>. The page is parsed, never rendered;
 * what is kept is text, which renderBody() makes safe like any comment.
 */
import { mf2 } from 'microformats-parser'
import sanitizeHtml from 'sanitize-html'
import { plainText } from '../transfer/fields.js'

type Mf2Item = ReturnType<typeof mf2>['items'][number]

/** The longest excerpt kept, in characters. */
export const EXCERPT_LENGTH = 300

export interface Mention {
  title: string | null
  author: string | null
  excerpt: string
}

const withoutFragment = (url: URL) => {
  url.hash = ''
  return url.href
}

function sameTarget(href: string, base: string, target: string): boolean {
  try {
    return withoutFragment(new URL(href.trim(), base)) === withoutFragment(new URL(target))
  } catch {
    return false
  }
}

/**
 * Every link-bearing attribute of the page and its <title>, read by sanitize-html's
 * parser (htmlparser2, through the hooks it offers); its output is not used.
 */
function scan(html: string): { links: string[]; title: string | null } {
  const links: string[] = []
  let inTitle = false
  let title: string | null = null
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    // Nothing of the output is used: keeping every tag only lets the parser show them all.
    allowVulnerableTags: true,
    nonTextTags: ['script', 'style', 'textarea', 'noscript'],
    onOpenTag(name, attributes) {
      if (name === 'title') inTitle = true
      for (const attribute of ['href', 'src']) if (attributes[attribute]) links.push(attributes[attribute]!)
    },
    onCloseTag(name) {
      if (name === 'title') inTitle = false
    },
    textFilter(text, tagName) {
      if (inTitle && tagName === 'title') title = (title ?? '') + text
      return text
    },
  })
  return { links, title }
}

export function linksTo(html: string, base: string, target: string): boolean {
  return scan(html).links.some((href) => sameTarget(href, base, target))
}

/** text/plain sources: the target's address anywhere in the text. */
export const textLinksTo = (text: string, target: string): boolean => text.includes(target)

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()

function shorten(text: string): string {
  const line = oneLine(text)
  return line.length <= EXCERPT_LENGTH ? line : `${line.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`
}

function textOf(property: unknown): string | null {
  if (typeof property === 'string') return property
  if (property && typeof property === 'object') {
    const value = (property as { value?: unknown }).value
    if (typeof value === 'string') return value
    const name = (property as Mf2Item).properties?.name?.[0]
    if (typeof name === 'string') return name
  }
  return null
}

function entries(items: Mf2Item[]): Mf2Item[] {
  return items.flatMap((item) => [...(item.type?.includes('h-entry') ? [item] : []), ...entries(item.children ?? [])])
}

/** The h-entry that mentions the target (in its properties or content), else the first one. */
function pickEntry(items: Mf2Item[], target: string): Mf2Item | undefined {
  const all = entries(items)
  return all.find((entry) => JSON.stringify(entry.properties).includes(target)) ?? all[0]
}

export function readMention(html: string, base: string, target: string): Mention {
  const page = scan(html)
  // The parser's text comes with & < > escaped: plainText() gives the text back.
  const pageTitle = page.title === null ? null : plainText(page.title) || null
  const entry = pickEntry(mf2(html, { baseUrl: base }).items, target)
  if (!entry) return { title: pageTitle, author: null, excerpt: '' }
  const content = textOf(entry.properties.content?.[0])
  const summary = textOf(entry.properties.summary?.[0])
  const name = textOf(entry.properties.name?.[0])
  // A note has no name of its own: mf2 then implies one from all its text, which is no title.
  const explicitName = name && oneLine(name) !== oneLine(content ?? '') && oneLine(name).length <= 200 ? oneLine(name) : null
  return {
    title: explicitName ?? pageTitle,
    author: textOf(entry.properties.author?.[0]),
    excerpt: shorten(summary ?? content ?? ''),
  }
}
