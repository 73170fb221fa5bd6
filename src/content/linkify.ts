/**
 * Bare URLs in comment text → links, by the rules of core/links.ts (the server's
 * renderer links by the same). Runs on untrusted HTML *before* the sanitizer (see
 * sanitize.ts), so nothing ever edits HTML after it has been made safe.
 */
import { findLinks, MAYBE_LINK, UNLINKED_TAGS } from '../core/links.js'

const HTML_NS = 'http://www.w3.org/1999/xhtml'

/**
 * Text inside these stays as it is: the ones core names (links, code), and raw-text
 * elements, whose text the sanitizer removes with them.
 */
const SKIP = new Set([
  ...UNLINKED_TAGS.map((tag) => tag.toUpperCase()),
  'SCRIPT',
  'STYLE',
  'TEXTAREA',
  'TITLE',
  'NOSCRIPT',
  'XMP',
  'IFRAME',
  'NOEMBED',
  'NOFRAMES',
  'PLAINTEXT',
])

function skipped(node: Node, root: Node): boolean {
  for (let el = node.parentElement; el && el !== root; el = el.parentElement) {
    if (el.namespaceURI !== HTML_NS || SKIP.has(el.tagName)) return true
  }
  return false
}

/** Replaces one text node by text and links; returns whether it changed anything. */
function linkifyText(node: Text): boolean {
  const text = node.data
  const links = findLinks(text)
  if (links.length === 0) return false
  const doc = node.ownerDocument
  const parts: Node[] = []
  let last = 0
  for (const { start, end, href } of links) {
    if (start > last) parts.push(doc.createTextNode(text.slice(last, start)))
    const a = doc.createElement('a')
    a.setAttribute('href', href)
    a.textContent = text.slice(start, end)
    parts.push(a)
    last = end
  }
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
  if (!MAYBE_LINK.test(root.textContent ?? '')) return false
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT)
  const texts: Text[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (MAYBE_LINK.test((node as Text).data) && !skipped(node, root)) texts.push(node as Text)
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
  if (!MAYBE_LINK.test(html)) return html
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
