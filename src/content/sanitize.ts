/**
 * The project's one DOMPurify policy. Every comment body becomes HTML only through
 * `sanitizeBody`, right before rendering: `unsafeHTML(sanitizeBody(comment.html))`.
 */
import createDOMPurify, { type Config, type DOMPurify, type UponSanitizeAttributeHook } from 'dompurify'
import { BODY_ATTRIBUTES, BODY_TAGS, LINK_HREF, LINK_REL } from '../core/body-html.js'
import { capHtml, capTree } from './caps.js'
import { keepLeadingNewline, linkifyTree } from './linkify.js'

/** Attribute → the one element (its nodeName, as HTML elements spell it) that may carry it. */
const ATTRIBUTE_OWNER: Record<string, string> = Object.fromEntries(Object.entries(BODY_ATTRIBUTES).map(([attribute, tag]) => [attribute, tag.toUpperCase()]))

const CONFIG: Config = {
  ALLOWED_TAGS: [...BODY_TAGS],
  ALLOWED_ATTR: Object.keys(ATTRIBUTE_OWNER),
  // DOMPurify tests every other attribute's value as a URL too: href is the one that is.
  ADD_URI_SAFE_ATTR: Object.keys(ATTRIBUTE_OWNER).filter((name) => name !== 'href'),
  ALLOWED_URI_REGEXP: LINK_HREF,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  SAFE_FOR_TEMPLATES: false,
  WHOLE_DOCUMENT: false,
  RETURN_DOM: false,
  RETURN_DOM_FRAGMENT: false,
  RETURN_TRUSTED_TYPE: false,
  // The body is parsed once, by us, into an inert document (see sanitizeBody).
  IN_PLACE: true,
}

/** Each attribute only on its owner: href on a, title on abbr, start on ol. */
const keepAttributeOnItsOwner: UponSanitizeAttributeHook = (node, data) => {
  if (ATTRIBUTE_OWNER[data.attrName] !== node.nodeName) data.keepAttr = false
}

/**
 * After the allowlist ran. A link keeps its href only when the raw value itself starts
 * with an allowed scheme (DOMPurify tests it with whitespace removed: "htt\tp:" and ""
 * pass there), and always gets our rel.
 */
function finishElement(node: Element): void {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href')
    if (href !== null && !LINK_HREF.test(href)) node.removeAttribute('href')
    node.setAttribute('rel', LINK_REL)
  }
}

/**
 * An element parsed with `is="…"` keeps that value when serialized even after the
 * attribute is removed (DOMPurify leaves `is=""` or the original): swap it for a fresh
 * element of the same name, which the sanitizer then visits in its place.
 */
function dropIsValue(node: Node): void {
  if (node.nodeType !== Node.ELEMENT_NODE || !(node as Element).hasAttribute('is')) return
  const old = node as Element
  // The root (body) has no is-value: `<body is>` only adds an attribute to it.
  if (old.nodeName === 'BODY' || !old.parentNode) return
  const fresh = old.ownerDocument.createElementNS(old.namespaceURI, old.localName)
  // Only attributes the policy may keep; the sanitizer checks them again on `fresh`.
  for (const name of Object.keys(ATTRIBUTE_OWNER)) {
    const value = old.getAttribute(name)
    if (value !== null) fresh.setAttribute(name, value)
  }
  fresh.append(...old.childNodes)
  old.after(fresh)
  old.remove()
}

/** A `<pre>`'s leading newline survives a round trip (so sanitizing twice changes nothing). */
function keepPreNewline(node: Node): void {
  if (node.nodeName === 'PRE') keepLeadingNewline(node)
}

let purify: DOMPurify | null = null

/** The one instance, configured on first use: importing this module does nothing. */
function instance(): DOMPurify {
  if (purify) return purify
  const p = createDOMPurify(window)
  p.setConfig(CONFIG)
  p.addHook('beforeSanitizeElements', dropIsValue)
  p.addHook('uponSanitizeAttribute', keepAttributeOnItsOwner)
  p.addHook('afterSanitizeAttributes', finishElement)
  p.addHook('afterSanitizeElements', keepPreNewline)
  purify = p
  return p
}

/** A document without a browsing context: parsing into it runs no script and loads nothing. */
let inert: Document | null = null

interface ParsePolicy {
  createHTML(input: string): string
}

/**
 * Trusted Types: on a page with `require-trusted-types-for 'script'`, assigning a string
 * to innerHTML throws. The one place that needs it is the parse into the inert document
 * above, whose result is sanitized before anything reaches the page, so the policy
 * "palaver" passes the string through for that parse only; it is never exported. (Lit
 * renders the sanitized string through its own policy "lit-html"; DOMPurify makes
 * "dompurify". A page that lists allowed policies with `trusted-types` names those three.)
 */
let parsePolicy: ParsePolicy | null | undefined

function parseInto(root: Element, html: string): void {
  if (parsePolicy === undefined) {
    const tt = (window as { trustedTypes?: { createPolicy(name: string, rules: ParsePolicy): ParsePolicy } }).trustedTypes
    parsePolicy = tt ? tt.createPolicy('palaver', { createHTML: (input) => input }) : null
  }
  root.innerHTML = parsePolicy ? parsePolicy.createHTML(html) : html
}

/**
 * Comments never survive sanitizing, and one left in a root without element children
 * (text with "<" in it, then `<!--`) makes DOMPurify take the root itself for an mXSS
 * probe and throw rather than sanitize in place: drop them before it looks.
 */
function dropComments(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) comments.push(node)
  for (const node of comments) node.parentNode?.removeChild(node)
}

/**
 * The sanitizing itself, on a tree in the inert document: linkifies bare URLs, then keeps
 * only the allowlisted elements and attributes (href on a: http, https and mailto only;
 * title on abbr, start on ol), and gives every link `rel="nofollow ugc noopener"` and no target.
 * Returns the root holding the safe tree, or null when DOMPurify refuses the input.
 *
 * The body is parsed once into an inert document (the root is an allowlisted element,
 * as in-place sanitizing requires), linkified there, and sanitized in place: a fresh
 * document per call, as DOMPurify makes for a string, costs more than the rest together.
 */
function sanitizeTree(html: string): Element | null {
  inert ??= document.implementation.createHTMLDocument('')
  const purify = instance()
  let out = capHtml(html)
  // Removing an element can leave a tree that reads back as another one: unwrapping
  // `<select>` from `<p><select></p>` nests <p> in <p>, which the parser never makes;
  // text from a removed <textarea> is no longer skipped by linkify. When an element was
  // removed, the output goes through once more, until it comes back unchanged.
  for (let pass = 0; pass < 4; pass++) {
    const root = inert.createElement('blockquote')
    parseInto(root, out)
    dropComments(root)
    linkifyTree(root)
    capTree(root)
    try {
      purify.sanitize(root, CONFIG)
    } catch {
      // DOMPurify refuses (fails closed) rather than return something unsafe: so do we.
      // One comment shows no body; the rest of the thread still renders.
      return null
    }
    if (pass === 0 && !purify.removed.some((entry) => 'element' in entry)) return root
    const next = root.innerHTML
    if (pass > 0 && next === out) return root
    out = next
  }
  return null
}

/** Comment body HTML made safe, as HTML. Idempotent: sanitizing the output again returns it unchanged. */
export function sanitizeBody(html: string): string {
  return sanitizeTree(html)?.innerHTML ?? ''
}

/**
 * The same, as the nodes themselves, moved into `container` (an element of the page):
 * what the widget renders, so the safe tree is not serialized and parsed once more.
 */
export function sanitizeBodyInto(container: Element, html: string): void {
  const root = sanitizeTree(html)
  // Cloned into the page's document: adopting the inert document's nodes costs more.
  if (root) container.append(...container.ownerDocument.importNode(root, true).childNodes)
}
