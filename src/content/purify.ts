/**
 * The project's one policy on DOMPurify: the policy of record, and the sanitizer where the
 * browser has no HTML Sanitizer API of its own (native-sanitize.ts is the fast path, held
 * to keep exactly what this keeps). Reached through sanitize.ts; in the script-tag builds
 * it is a second script, palaver-purify.js, loaded only where it is needed.
 */
import createDOMPurify, { type Config, type DOMPurify, type UponSanitizeAttributeHook } from 'dompurify'
import { BODY_ATTRIBUTES, BODY_TAGS, LINK_HREF, LINK_REL } from '../core/body-html.js'
import { capHtml, capTree } from './caps.js'
import { keepLeadingNewline, linkifyTree } from './linkify.js'
import { dropComments, parseInto } from './parse.js'

/** Attribute → the one element (its nodeName, as HTML elements spell it) that may carry it. */
const ATTRIBUTE_OWNER: Record<string, string> = Object.fromEntries(Object.entries(BODY_ATTRIBUTES).map(([attribute, tag]) => [attribute, tag.toUpperCase()]))

const CONFIG: Config = {
  ALLOWED_TAGS: [...BODY_TAGS],
  ALLOWED_ATTR: Object.keys(ATTRIBUTE_OWNER),
  // DOMPurify tests every other attribute's value as a URL too: href is the one that is.
  ADD_URI_SAFE_ATTR: Object.keys(ATTRIBUTE_OWNER).filter((name) => name !== 'href'),
  ALLOWED_URI_REGEXP: LINK_HREF,
  // An <object>'s fallback content goes with it, as in the browser's own sanitizer's
  // baseline (src/content/native-sanitize.ts): both keep the same.
  ADD_FORBID_CONTENTS: ['object'],
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
export function sanitizeTreePurify(html: string): Element | null {
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

/** The same as HTML: what the tests compare with the browser's sanitizer. */
export const sanitizeBodyPurify = (html: string): string => sanitizeTreePurify(html)?.innerHTML ?? ''
