/**
 * Bare URLs in comment text → links. Runs on untrusted HTML *before* the sanitizer
 * (see sanitize.ts), so nothing ever edits HTML after it has been made safe.
 */

const HTML_NS = 'http://www.w3.org/1999/xhtml'

/** Text inside these stays as it is: links already, code, and raw-text elements. */
const SKIP = new Set([
  'A', 'CODE', 'PRE', 'KBD', 'SAMP',
  'SCRIPT', 'STYLE', 'TEXTAREA', 'TITLE', 'NOSCRIPT', 'XMP', 'IFRAME', 'NOEMBED', 'NOFRAMES', 'PLAINTEXT',
])

/** A candidate: http(s):// or www. up to whitespace or a character that cannot end a URL in text. */
const URL_CANDIDATE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi

/** Cheap pre-check: most comments hold no URL at all and skip parsing. */
const MAYBE_URL = /https?:\/\/|www\./i

/** Trailing characters that end a sentence or quote rather than the URL. */
const TRAILING = /[.,;:!?'"*_…“”‘’«»‹›]$/

const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

function count(text: string, char: string): number {
  let n = 0
  for (const c of text) if (c === char) n++
  return n
}

/**
 * Cuts sentence punctuation off the end of a URL candidate, and closing brackets that
 * have no opening partner inside the URL: `(see https://x.example/a_(b))` keeps `a_(b)`.
 */
export function trimUrl(candidate: string): string {
  let url = candidate
  for (;;) {
    const last = url.at(-1)
    if (last === undefined) return url
    if (TRAILING.test(last)) {
      url = url.slice(0, -1)
      continue
    }
    const opener = CLOSERS[last]
    if (opener !== undefined && count(url, last) > count(url, opener)) {
      url = url.slice(0, -1)
      continue
    }
    return url
  }
}

/** The href for a URL found in text, or null when it is not a usable http(s) URL. */
function hrefFor(text: string): string | null {
  const absolute = /^www\./i.test(text) ? `https://${text}` : text
  if (!/^https?:\/\/[^/?#.\s][^/?#\s]*/i.test(absolute)) return null
  try {
    return new URL(absolute).href
  } catch {
    return null
  }
}

function skipped(node: Node, root: Node): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (el.namespaceURI !== HTML_NS || SKIP.has(el.tagName)) return true
  }
  return false
}

/** Replaces one text node by text and links; returns whether it changed anything. */
function linkifyText(node: Text): boolean {
  const text = node.data
  const doc = node.ownerDocument
  let last = 0
  const parts: Node[] = []
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const url = trimUrl(match[0])
    const href = hrefFor(url)
    if (href === null) continue
    const start = match.index
    if (start > last) parts.push(doc.createTextNode(text.slice(last, start)))
    const a = doc.createElement('a')
    a.setAttribute('href', href)
    a.textContent = url
    parts.push(a)
    last = start + url.length
  }
  if (parts.length === 0) return false
  if (last < text.length) parts.push(doc.createTextNode(text.slice(last)))
  node.replaceWith(...parts)
  return true
}

/**
 * Wraps http(s) URLs and `www.` URLs found in the text of a parsed (inert) tree in
 * `<a href>`, except inside links, code, pre, raw-text elements and SVG/MathML.
 * Returns whether it changed anything. The sanitizer calls this on its own parse.
 */
export function linkifyTree(root: Node): boolean {
  if (!MAYBE_URL.test(root.textContent ?? '')) return false
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (MAYBE_URL.test((node as Text).data) && !skipped(node, root)) texts.push(node as Text)
  }
  let changed = false
  for (const text of texts) changed = linkifyText(text) || changed
  return changed
}

/**
 * The same on an HTML string, parsed with an inert `<template>`: nothing in the input
 * runs or loads. Returns the input unchanged when it holds no URL.
 */
export function linkify(html: string): string {
  if (!MAYBE_URL.test(html)) return html
  const template = document.createElement('template')
  template.innerHTML = html
  if (!linkifyTree(template.content)) return html
  for (const el of template.content.querySelectorAll('pre, listing, textarea')) keepLeadingNewline(el)
  return template.innerHTML
}

/**
 * The HTML parser drops one newline right after `<pre>`, `<listing>` and `<textarea>`,
 * and serializing does not put it back: double a leading newline so that parsing the
 * serialized HTML again gives the same text.
 */
export function keepLeadingNewline(el: Node): void {
  const first = el.firstChild
  if (first?.nodeType === Node.TEXT_NODE && (first as Text).data.startsWith('\n')) {
    ;(first as Text).data = `\n${(first as Text).data}`
  }
}
