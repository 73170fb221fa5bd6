import type { ReactiveController, ReactiveControllerHost } from 'lit'

type Scheme = 'light' | 'dark'
type Host = ReactiveControllerHost & HTMLElement & { theme: string }

/** The element a walk up the page goes to next: the parent, or across a shadow root to its host. */
const up = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as Partial<ShadowRoot>).host ?? null)

/** Dark or light by the relative luminance of a computed `rgb()`/`rgba()`; null when transparent or not sRGB. */
function schemeOfColour(colour: string): Scheme | null {
  const parts = /^rgba?\(([^)]+)\)$/.exec(colour)?.[1]?.split(/[\s,/]+/).map(Number)
  if (!parts || parts.length < 3 || parts.some(Number.isNaN) || (parts[3] ?? 1) < 0.5) return null
  const [r, g, b] = parts.map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18 ? 'dark' : 'light'
}

/**
 * What the host page around the element looks like: its `color-scheme` as computed on the
 * element (inherited from the page or set on it; the widget sets its own only inside),
 * else the first background that is not transparent from the element up, by luminance;
 * null when the page says neither (then the reader's system preference decides).
 */
export function hostScheme(host: Element): Scheme | null {
  const words = getComputedStyle(host).colorScheme.split(/\s+/)
  const dark = words.includes('dark')
  if (dark !== words.includes('light')) return dark ? 'dark' : 'light'
  for (let el: Element | null = host; el; el = up(el)) {
    const scheme = schemeOfColour(getComputedStyle(el).backgroundColor)
    if (scheme) return scheme
  }
  return null
}

/**
 * The widget's colour scheme as a custom state (`:state(dark)`): `theme="dark"`/`"light"`
 * as said; `auto` follows the host page (hostScheme), and the reader's system preference
 * only as the last resort. Decided again when the theme, the system preference, or the
 * attributes of `<html>` and `<body>` (where pages switch their dark mode) change.
 */
export class ThemeController implements ReactiveController {
  readonly #host: Host
  readonly #states: CustomStateSet | undefined
  #media: MediaQueryList | null = null
  #observer: MutationObserver | null = null
  #theme: string | null = null

  constructor(host: Host, internals: ElementInternals) {
    this.#host = host
    this.#states = internals.states
    host.addController(this)
  }

  readonly #decide = (): void => {
    const theme = this.#host.theme
    this.#theme = theme
    const scheme = theme === 'dark' || theme === 'light' ? theme : hostScheme(this.#host) ?? (this.#media?.matches ? 'dark' : 'light')
    if (scheme === 'dark') this.#states?.add('dark')
    else this.#states?.delete('dark')
  }

  hostConnected(): void {
    this.#media = matchMedia('(prefers-color-scheme: dark)')
    this.#media.addEventListener('change', this.#decide)
    this.#observer = new MutationObserver(this.#decide)
    for (const el of [document.documentElement, document.body]) if (el) this.#observer.observe(el, { attributes: true })
    this.#decide()
  }

  hostUpdated(): void {
    if (this.#host.theme !== this.#theme) this.#decide()
  }

  hostDisconnected(): void {
    this.#media?.removeEventListener('change', this.#decide)
    this.#observer?.disconnect()
    this.#observer = null
  }
}
