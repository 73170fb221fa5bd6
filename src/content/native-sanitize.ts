/**
 * The project's one policy (src/core/body-html.ts) on the browser's own HTML Sanitizer
 * (`Element.setHTML`), where there is one: the fast path beside DOMPurify, which stays
 * the policy of record. Both must keep exactly the same (test/browser/content/engines.test.ts).
 *
 * setHTML parses the body into an inert element with its safe baseline (no script, no
 * event handler, no javascript: URL can survive whatever the configuration says), drops
 * comments, and removes with their content the elements whose content DOMPurify drops
 * too; the walk below then unwraps every element the policy does not allow (keeping its
 * content, as DOMPurify does) and keeps each allowed attribute on its one owner.
 */
import { BODY_ATTRIBUTES, BODY_TAGS, LINK_HREF, LINK_REL } from '../core/body-html.js'
import { capHtml, capTree } from './caps.js'
import { keepLeadingNewline, linkifyTree } from './linkify.js'
import { dropComments, parseInto } from './parse.js'

const HTML = 'http://www.w3.org/1999/xhtml'
const ALLOWED = new Set(BODY_TAGS.map((tag) => tag.toUpperCase()))
const OWNER: Record<string, string> = Object.fromEntries(Object.entries(BODY_ATTRIBUTES).map(([attribute, tag]) => [attribute, tag.toUpperCase()]))

/** DOMPurify's FORBID_CONTENTS (removed with what they hold), and object (the browser's baseline drops it whole). */
const DROPPED_WHOLE = [
  'annotation-xml',
  'audio',
  'colgroup',
  'desc',
  'foreignobject',
  'head',
  'iframe',
  'math',
  'mi',
  'mn',
  'mo',
  'ms',
  'mtext',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'plaintext',
  'script',
  'style',
  'svg',
  'template',
  'thead',
  'title',
  'video',
  'xmp',
]

/** The same as a selector: HTML elements by name, and svg and math in any namespace. */
const DROPPED_SELECTOR = DROPPED_WHOLE.join(',')

interface SanitizerConfig {
  removeElements: Array<{ name: string; namespace: string }>
  attributes: string[]
  comments: boolean
  dataAttributes: boolean
}
type WithSetHTML = Element & { setHTML(html: string, options: { sanitizer: SanitizerConfig }): void }

const CONFIG: SanitizerConfig = {
  removeElements: [
    ...DROPPED_WHOLE.map((name) => ({ name, namespace: HTML })),
    { name: 'svg', namespace: 'http://www.w3.org/2000/svg' },
    { name: 'math', namespace: 'http://www.w3.org/1998/Math/MathML' },
  ],
  // name and id too, for the walk to see a form that a control's name clobbers (then removed
  // whole, as DOMPurify removes it); the walk drops them from everything.
  attributes: [...Object.keys(OWNER), 'name', 'id'],
  comments: false,
  dataAttributes: false,
}

/** Whether this browser has the HTML Sanitizer API's setHTML. */
export const hasNativeSanitizer = (): boolean => typeof (Element.prototype as Partial<WithSetHTML>).setHTML === 'function'

/** DOMPurify's SAFE_FOR_XML test on attribute values (an attribute that could end a raw-text element). */
const ATTR_VALUE_BREAKOUT = /((--!?|])>)|<\/(style|script|title|xmp|textarea|noscript|iframe|noembed|noframes)/i

/**
 * Read through the prototypes: a control's name can shadow a form's own members. Taken on
 * first use, so the module also loads where there is no DOM (the admin page's Node tests).
 */
function prototypes() {
  const getter = (proto: object, name: string) => Object.getOwnPropertyDescriptor(proto, name)!.get!
  return (members ??= {
    childNodesOf: getter(Node.prototype, 'childNodes'),
    nodeNameOf: getter(Node.prototype, 'nodeName'),
    nodeTypeOf: getter(Node.prototype, 'nodeType'),
    attributesOf: getter(Element.prototype, 'attributes'),
    remove: Element.prototype.remove,
    replaceWith: Element.prototype.replaceWith,
  })
}
let members:
  | {
      childNodesOf: () => unknown
      nodeNameOf: () => unknown
      nodeTypeOf: () => unknown
      attributesOf: () => unknown
      remove: Element['remove']
      replaceWith: Element['replaceWith']
    }
  | undefined

/** DOMPurify's _isClobbered (3.5): a form whose controls shadow the members a sanitizer uses. */
function isClobbered(el: Element): boolean {
  const { childNodesOf, nodeNameOf, nodeTypeOf, attributesOf } = prototypes()
  if (nodeNameOf.call(el) !== 'FORM') return false
  const form = el as unknown as Record<string, unknown>
  const fns = ['removeChild', 'removeAttribute', 'removeAttributeNode', 'getAttributeNode', 'setAttribute', 'insertBefore', 'hasChildNodes']
  return (
    typeof form.nodeName !== 'string' ||
    typeof form.textContent !== 'string' ||
    typeof form.namespaceURI !== 'string' ||
    fns.some((fn) => typeof form[fn] !== 'function') ||
    form.attributes !== attributesOf.call(el) ||
    form.nodeType !== nodeTypeOf.call(el) ||
    form.childNodes !== childNodesOf.call(el)
  )
}

/** Thrown by the walk where DOMPurify's path refuses the body. */
const REFUSED = new Error('refused')

/**
 * Unwraps what the policy does not allow and fixes links; true when it unwrapped anything.
 * Throws REFUSED for an element with an `is` value whose name no element can be made with:
 * DOMPurify's path fails closed on it (purify.ts dropIsValue), and so does this one. (Only
 * a raw parse has `is` attributes; the browser's sanitizer drops them, and its parse of an
 * allowed tag name never has such a name.)
 */
function narrow(root: Element): boolean {
  const { childNodesOf, nodeNameOf, remove, replaceWith } = prototypes()
  let unwrapped = false
  for (const el of [...root.querySelectorAll('*')]) {
    if (el.hasAttribute('is') && el.parentNode) {
      try {
        el.ownerDocument.createElementNS(el.namespaceURI, el.localName)
      } catch {
        throw REFUSED
      }
    }
    if (isClobbered(el)) {
      remove.call(el)
      unwrapped = true
      continue
    }
    const tag = nodeNameOf.call(el) as string
    if (el.namespaceURI !== HTML || !ALLOWED.has(tag)) {
      replaceWith.call(el, ...(childNodesOf.call(el) as NodeListOf<ChildNode>))
      unwrapped = true
      continue
    }
    for (const { name, value } of [...el.attributes]) {
      // Kept values are trimmed, as DOMPurify trims them.
      const trimmed = value.trim()
      // As DOMPurify with ALLOW_SELF_CLOSE_IN_ATTR false (purify.ts): no "/>" in a value either.
      if (OWNER[name] !== tag || ATTR_VALUE_BREAKOUT.test(trimmed) || trimmed.includes('/>')) el.removeAttribute(name)
      else if (trimmed !== value) el.setAttribute(name, trimmed)
    }
    if (tag === 'A') {
      const href = el.getAttribute('href')
      if (href !== null && !LINK_HREF.test(href)) el.removeAttribute('href')
      el.setAttribute('rel', LINK_REL)
    } else if (tag === 'PRE') keepLeadingNewline(el)
  }
  return unwrapped
}

let inert: Document | null = null

/** True when every tag the body spells out is an allowed one (and it holds no comment). */
const TAG = /<(\/?)([^\s/>]*)/g
function onlyAllowedTags(html: string): boolean {
  for (const [, , name] of html.matchAll(TAG)) {
    // A comment too: removing it leaves two texts, which linkify must see apart.
    if (name === undefined || !ALLOWED.has(name.toUpperCase())) return false
  }
  return true
}

/**
 * The body made safe by the browser's sanitizer and the policy's walk: the root holding
 * it, or null where DOMPurify's path refuses the body too.
 *
 * Each pass does what the DOMPurify path does, in its order: parse, drop comments,
 * linkify, cap, sanitize. When every tag the body spells is an allowed one and it holds
 * no comment (the usual body), the browser's sanitizer removes no element, so parsing and
 * its sanitizing are one setHTML and linkifying after it finds the same text. Otherwise
 * the body is parsed raw into the inert document, linkified, narrowed as a tree by the
 * walk (what DOMPurify does in place), and only then put through setHTML, which must
 * find nothing left to remove. On both paths, as on DOMPurify's, a first pass that removed
 * no element is the answer (`<a is=…><a>` stays nested as parsed, whatever a second parse
 * would make of it); otherwise passes repeat until the output reads back unchanged.
 */
export function sanitizeTreeNative(html: string): Element | null {
  try {
    return sanitizeTree(html)
  } catch (error) {
    if (error === REFUSED) return null
    throw error
  }
}

function sanitizeTree(html: string): Element | null {
  inert ??= document.implementation.createHTMLDocument('')
  let out = capHtml(html)
  let root = inert.createElement('blockquote')
  // As with DOMPurify: when something was removed, what is left may read back as another
  // tree; it goes through again until it comes back unchanged.
  for (let pass = 0; pass < 4; pass++) {
    // Whether an element was removed or unwrapped (comments do not count, as on DOMPurify's
    // path, which drops them before it runs): only then can the rest read back as another tree.
    let removed = false
    root = inert.createElement('blockquote')
    if (onlyAllowedTags(out)) {
      ;(root as unknown as WithSetHTML).setHTML(out, { sanitizer: CONFIG })
      linkifyTree(root)
      capTree(root)
    } else {
      // Narrowed as a tree first, as DOMPurify works (serializing the raw tree would not
      // read back the same: `<table><p><form>`), then through the browser's sanitizer.
      const raw = inert.createElement('blockquote')
      parseInto(raw, out)
      dropComments(raw)
      linkifyTree(raw)
      capTree(raw)
      const dropped = [...raw.querySelectorAll(DROPPED_SELECTOR)]
      for (const el of dropped) prototypes().remove.call(el)
      removed = narrow(raw) || dropped.length > 0
      ;(root as unknown as WithSetHTML).setHTML(raw.innerHTML, { sanitizer: CONFIG })
    }
    removed = narrow(root) || removed
    if (pass === 0 && !removed) return root
    const next = root.innerHTML
    if (pass > 0 && next === out) return root
    out = next
  }
  // Still changing after four passes: nothing, as on DOMPurify's path.
  return null
}

export const sanitizeBodyNative = (html: string): string => sanitizeTreeNative(html)?.innerHTML ?? ''
