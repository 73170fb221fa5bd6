/**
 * What the content tests share: loading the XSS fixtures, tripwires that record any
 * script that runs, rendering sanitized HTML the way the widget does (inside a shadow
 * root), and the checks a rendered body must pass.
 */

export interface Payload {
  title: string
  payload: string
  /** The exact sanitized output, where the fixture pins it down. */
  expected?: string
}

export interface Fixture {
  source: string
  license: string
  payloads: Payload[]
}

export const FIXTURE_FILES = ['palaver.json', 'dompurify.json', 'html5sec.json', 'payloadsallthethings.json', 'payloadbox.json']

export async function loadFixture(file: string): Promise<Fixture> {
  const response = await fetch(new URL(`../../fixtures/xss/${file}`, import.meta.url))
  if (!response.ok) throw new Error(`cannot load fixture ${file}: ${response.status}`)
  return (await response.json()) as Fixture
}

// --- tripwires -------------------------------------------------------------------------

declare global {
  interface Window {
    __xss?: (marker?: unknown) => void
  }
}

/** Every alert/confirm/prompt/print/__xss call since the last reset. */
export const trips: string[] = []

let installed = false

/** Replaces the dialogs and defines `window.__xss`, all recording into `trips`. */
export function installTripwires(): void {
  if (installed) return
  installed = true
  const record =
    (name: string) =>
    (...args: unknown[]): undefined => {
      trips.push(`${name}(${args.map(String).join(', ')})`)
      return undefined
    }
  window.alert = record('alert')
  window.confirm = record('confirm') as unknown as typeof window.confirm
  window.prompt = record('prompt') as unknown as typeof window.prompt
  window.print = record('print')
  window.__xss = record('__xss')
}

/** Lets event handlers, image errors and timers queued by a render run. */
export async function settle(ms = 50): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))
  await new Promise((resolve) => setTimeout(resolve, 0))
}

// --- rendering -------------------------------------------------------------------------

/** A host element in the document with an open shadow root, as the widget renders into. */
export function shadowHost(): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('div')
  document.body.append(host)
  return { host, root: host.attachShadow({ mode: 'open' }) }
}

/**
 * Puts HTML into a detached container (where `<img onerror>` already fires), then
 * attaches the container inside the shadow root.
 */
export function render(root: ShadowRoot, html: string): HTMLElement {
  const container = document.createElement('div')
  container.innerHTML = html
  root.append(container)
  return container
}

// --- checks ----------------------------------------------------------------------------

const ALLOWED_ELEMENTS = new Set(['P', 'BR', 'A', 'EM', 'STRONG', 'B', 'I', 'CODE', 'PRE', 'BLOCKQUOTE', 'Q', 'UL', 'OL', 'LI', 'DEL', 'S', 'CITE', 'ABBR'])
const ALLOWED_ATTRIBUTES: Record<string, Set<string>> = {
  A: new Set(['href', 'rel']),
  ABBR: new Set(['title']),
  OL: new Set(['start']),
}
const FORBIDDEN = 'script, iframe, object, embed, form, style, svg, math, base, meta, link, img, template'
const HREF = /^(?:https?|mailto):/i
const REL = 'nofollow ugc noopener'

function elements(container: Element): Element[] {
  return [...container.querySelectorAll('*')]
}

export function handlerAttributes(container: Element): string[] {
  return elements(container).flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.localName}[${a.name}]`))
}

export function forbiddenElements(container: Element): string[] {
  return [...container.querySelectorAll(FORBIDDEN)].map((el) => el.localName)
}

export function offListElements(container: Element): string[] {
  return elements(container)
    .filter((el) => !ALLOWED_ELEMENTS.has(el.tagName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml')
    .map((el) => el.localName)
}

export function offListAttributes(container: Element): string[] {
  return elements(container).flatMap((el) =>
    [...el.attributes].filter((a) => !ALLOWED_ATTRIBUTES[el.tagName]?.has(a.name)).map((a) => `${el.localName}[${a.name}]`),
  )
}

export function unsafeHrefs(container: Element): string[] {
  return [...container.querySelectorAll('[href]')].map((el) => el.getAttribute('href') ?? '').filter((href) => !HREF.test(href))
}

export function badLinks(container: Element): string[] {
  return [...container.querySelectorAll('a')].filter((a) => a.getAttribute('rel') !== REL || a.hasAttribute('target')).map((a) => a.outerHTML)
}

/** Runs one check over every rendered payload: "title → findings" for each that fails. */
export function failures(rendered: { title: string; container: Element }[], check: (container: Element) => string[]): string[] {
  return rendered.flatMap(({ title, container }) => {
    const found = check(container)
    return found.length ? [`${title} → ${found.join(', ')}`] : []
  })
}
