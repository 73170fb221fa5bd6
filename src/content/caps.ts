/**
 * What the widget sanitizes at most of one comment body, whatever a backend sends: a
 * hostile or broken one must not freeze the page. Chromium's parser slows down with the
 * square of open formatting tags (30,000 unclosed `<b>` took 3.5 s, 100,000 took 30 s),
 * deep trees slow the sanitizer and layout, and every element costs the sanitizer and the
 * renderer; with these caps a body stays within a few milliseconds (bench/render.ts).
 * docs/element.md names them. A real comment never comes near: the reference server's
 * longest body is 20,000 characters of text.
 */

/** Characters of a body's HTML that are sanitized; the rest is cut (the widget says so). */
export const MAX_BODY_HTML = 32_768
/** Tags (`<`) of a body's HTML that are parsed; the body is cut before the next one. */
export const MAX_TAGS = 1_000
/** Elements nested deeper than this in a body become their text. */
export const MAX_NESTING = 32
/** Elements of a body (after linking bare addresses) beyond this many become their text. */
export const MAX_ELEMENTS = 1_000

/** Where a body's HTML is cut: its length when it is within the caps. */
function cutAt(html: string): number {
  let end = Math.min(html.length, MAX_BODY_HTML)
  for (let at = html.indexOf('<'), tags = 0; at !== -1 && at < end; at = html.indexOf('<', at + 1)) if (++tags > MAX_TAGS) end = at
  return end
}

/** A body's HTML within the caps: cut after MAX_BODY_HTML characters or MAX_TAGS tags. */
export const capHtml = (html: string): string => html.slice(0, cutAt(html))

/** The body is longer than the widget shows (the comment gets a note). */
export const isCut = (html: string): boolean => cutAt(html) < html.length

/**
 * Flattens a parsed body in place: an element deeper than MAX_NESTING, or past the
 * MAX_ELEMENTS-th in document order, is replaced by its text. Nothing a reader wrote is
 * lost, only its markup. Recursive at most MAX_NESTING deep.
 */
export function capTree(root: Element): void {
  // A hostile body can clobber an element's own members (`<form><input name=children>`):
  // the tree is read and changed through the prototypes' members, as DOMPurify does.
  const childrenOf = Object.getOwnPropertyDescriptor(Element.prototype, 'children')!.get!
  const textOf = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!.get!
  const { replaceWith } = Element.prototype
  let elements = 0
  const walk = (parent: Element, depth: number) => {
    for (const child of [...(childrenOf.call(parent) as HTMLCollection)]) {
      if (depth >= MAX_NESTING || ++elements > MAX_ELEMENTS) replaceWith.call(child, (textOf.call(child) as string | null) ?? '')
      else walk(child, depth + 1)
    }
  }
  walk(root, 0)
}
