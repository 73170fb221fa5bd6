/**
 * Every comment body becomes HTML only through here, right before rendering, under the
 * project's one policy (src/core/body-html.ts): with the browser's own HTML Sanitizer
 * (`Element.setHTML`, native-sanitize.ts) where there is one, else with DOMPurify
 * (purify.ts), the policy of record, which is loaded on first need (load-purify.ts; the
 * script-tag builds fetch palaver-purify.js from beside themselves). Both keep exactly the
 * same (test/browser/content/engines.test.ts).
 *
 * `sanitizerPending()` says whether a sanitizer is still to come; the thread waits for it
 * before its first page (state/thread.ts). Until then nothing is rendered as HTML: closed, not open.
 */
import { loadPurify } from './load-purify.js'
import { hasNativeSanitizer, sanitizeTreeNative } from './native-sanitize.js'

type Sanitizer = (html: string) => Element | null

let sanitizer: Sanitizer | null = null
let loading: Promise<void> | null = null

function current(): Sanitizer | null {
  if (!sanitizer && hasNativeSanitizer()) sanitizer = sanitizeTreeNative
  return sanitizer
}

/**
 * Null when bodies can be sanitized now (at once where the browser has setHTML), else the
 * load of DOMPurify, which resolves when they can. Null rather than a resolved promise, so
 * the usual path does not wait even a microtask.
 */
export function sanitizerPending(): Promise<void> | null {
  if (current()) return null
  loading ??= loadPurify().then(
    (loaded) => void (sanitizer = loaded),
    (error: unknown) => {
      loading = null // a later load may try again
      throw error
    },
  )
  return loading
}

/** Resolves when bodies can be sanitized. */
export const sanitizerReady = (): Promise<void> => sanitizerPending() ?? Promise.resolve()

/** Comment body HTML made safe, as HTML ('' before a sanitizer is there). Idempotent. */
export function sanitizeBody(html: string): string {
  return current()?.(html)?.innerHTML ?? ''
}

/**
 * The same, as the nodes themselves, moved into `container` (an element of the page):
 * what the widget renders, so the safe tree is not serialized and parsed once more.
 */
export function sanitizeBodyInto(container: Element, html: string): void {
  const root = current()?.(html)
  // Cloned into the page's document: adopting the inert document's nodes costs more.
  if (root) container.append(...container.ownerDocument.importNode(root, true).childNodes)
}
