/**
 * Tripwires for the widget-level security tests: anything that runs, loads or navigates
 * because of hostile data is recorded in `tripped`, and the checks below list what must
 * never exist in the widget's shadow DOM. Builds on the content harness (alert, confirm,
 * prompt, print and `window.__xss` record into its `trips`).
 */
import { installTripwires, trips } from '../content/harness.js'
import { nextFrame, nextTask } from '../helpers/wait.js'

export { trips }

/** Requests that left for another origin, uncaught errors, navigations that were not stopped. */
export const tripped: string[] = []

/** All findings so far: dialogs and traps, foreign requests, errors, navigations. */
export const allTrips = () => [...trips, ...tripped]

export function resetTrips(): void {
  trips.splice(0)
  tripped.splice(0)
}

const foreign = (url: string): boolean => {
  try {
    return new URL(url, location.href).origin !== location.origin
  } catch {
    return true
  }
}

let armed = false

/**
 * Arms every tripwire once per page:
 * - dialogs and `window.__xss` (content harness);
 * - a PerformanceObserver on resource entries, and wrappers of fetch, sendBeacon,
 *   EventSource and WebSocket: any request to another origin is recorded;
 * - uncaught errors and unhandled rejections (a payload that ran and failed);
 * - a capturing click listener on the window that lets only http(s) and mailto links go
 *   unfollowed (preventDefault after checking the scheme): any other href — a javascript:
 *   URL if one existed — is left to the browser, so it runs and trips, and is recorded.
 */
export function armTripwires(): void {
  installTripwires()
  if (armed) return
  armed = true

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (foreign(entry.name)) tripped.push(`request to ${entry.name}`)
  }).observe({ type: 'resource', buffered: true })

  const realFetch = window.fetch.bind(window)
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input)
    if (foreign(url)) tripped.push(`fetch ${url}`)
    return realFetch(input, init)
  }
  const realBeacon = navigator.sendBeacon.bind(navigator)
  navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
    tripped.push(`sendBeacon ${String(url)}`)
    return realBeacon(url, data)
  }
  for (const name of ['EventSource', 'WebSocket'] as const) {
    const Real = window[name] as unknown as new (url: string | URL, ...rest: unknown[]) => object
    const Wrapped = function (this: unknown, url: string | URL, ...rest: unknown[]) {
      if (foreign(String(url))) tripped.push(`${name} ${String(url)}`)
      return new Real(url, ...rest)
    }
    Wrapped.prototype = Real.prototype
    ;(window as unknown as Record<string, unknown>)[name] = Wrapped
  }

  window.addEventListener('error', (event) => tripped.push(`uncaught error: ${event.message}`))
  window.addEventListener('unhandledrejection', (event) => tripped.push(`unhandled rejection: ${String(event.reason)}`))

  window.addEventListener(
    'click',
    (event) => {
      const link = event.composedPath().find((node): node is HTMLAnchorElement | SVGAElement => node instanceof Element && node.localName === 'a')
      if (!link) return
      const href = link instanceof HTMLAnchorElement ? link.getAttribute('href') : link.href.baseVal
      if (href === null) return
      if (/^(?:https?|mailto):/i.test(href)) {
        event.preventDefault()
        return
      }
      // Not prevented: whatever this is, the browser follows it, and we say so.
      tripped.push(`followed a link to ${href}`)
    },
    { capture: true },
  )
}

/** Every element under a root, descending into open shadow roots. */
export function deepElements(root: ParentNode): Element[] {
  const found: Element[] = []
  const walk = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      found.push(el)
      if (el.shadowRoot) walk(el.shadowRoot)
    }
  }
  walk(root)
  return found
}

/** Attributes that hold a URL the browser may load or follow. */
const URL_ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'background',
  'data',
  'cite',
  'ping',
  'codebase',
  'manifest',
  'lowsrc',
  'dynsrc',
]

/** Elements that run, load or restyle things; none belongs in the widget's shadow DOM. */
const FORBIDDEN = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'style',
  'img',
  'image',
  'video',
  'audio',
  'source',
  'track',
  'portal',
  'template',
  'noscript',
  'math',
  'foreignobject',
  'use',
  'animate',
  'set',
])

/** What must never be on one element of the widget (see shadowFindings). */
function elementFindings(el: Element): string[] {
  const findings: string[] = []
  const tag = el.localName.toLowerCase()
  for (const attr of el.attributes) {
    if (/^on/i.test(attr.name)) findings.push(`${tag}[${attr.name}]`)
    if (URL_ATTRIBUTES.includes(attr.name.toLowerCase())) {
      const inBody = tag === 'a' && el.closest('.body') !== null
      const ok = /^https?:\/\/[^\s]/i.test(attr.value) || (inBody && attr.name === 'href' && /^mailto:/i.test(attr.value))
      if (!ok) findings.push(`${tag}[${attr.name}=${attr.value.slice(0, 80)}]`)
    }
    if (attr.name === 'style') findings.push(`${tag}[style]`)
  }
  if (FORBIDDEN.has(tag)) findings.push(tag)
  if (el.namespaceURI === 'http://www.w3.org/2000/svg' && !el.closest('svg.avatar')) findings.push(`svg ${tag}`)
  if (tag === 'svg' && el.querySelector(':not(path)')) findings.push('identicon with more than paths')
  if (tag === 'form' && !(el.getRootNode() as ShadowRoot).host?.matches('palaver-comment-form') && !el.classList.contains('editor')) {
    findings.push('foreign form')
  }
  return findings
}

/**
 * What must never exist in the widget: an on* attribute, a forbidden element, SVG other
 * than the identicons, a form other than the widget's own, a URL attribute whose value is
 * not an absolute http(s) URL (mailto only on links in a comment body).
 */
export function shadowFindings(widget: Element): string[] {
  return deepElements(widget.shadowRoot!).flatMap(elementFindings)
}

/**
 * Watches a widget's shadow roots (and those that appear inside them) with
 * MutationObservers: anything added or changed that shadowFindings would report goes to
 * `tripped` at once — also what is gone again by the time the test looks. Returns stop().
 */
export function watchShadow(widget: Element): () => void {
  const observers: MutationObserver[] = []
  const inspect = (el: Element) => {
    for (const finding of elementFindings(el)) tripped.push(`seen in the shadow DOM: ${finding}`)
    if (el.shadowRoot) observe(el.shadowRoot)
  }
  const observe = (root: ShadowRoot) => {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'attributes') inspect(record.target as Element)
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          inspect(node)
          for (const el of node.querySelectorAll('*')) inspect(el)
        }
      }
    })
    observer.observe(root, { childList: true, subtree: true, attributes: true })
    observers.push(observer)
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) observe(el.shadowRoot)
  }
  observe(widget.shadowRoot!)
  return () => {
    for (const observer of observers) observer.takeRecords()
    for (const observer of observers) observer.disconnect()
  }
}

/**
 * Lets what a render queued run: a frame (the browser styles and lays out what changed,
 * starting any load it causes; a load that ends in an error is itself a finding of
 * `shadowFindings`), then a task for handlers and timers queued meanwhile.
 */
export async function settle(): Promise<void> {
  await nextFrame()
  await nextTask()
}
