import type { ReactiveController, ReactiveControllerHost } from 'lit'

type Host = ReactiveControllerHost & HTMLElement & { theme: string }

/**
 * Whether the host page around the element is dark: its `color-scheme` as computed on the
 * element (inherited from the page or set on it; the widget sets its own only inside),
 * else the first background that is not transparent from the element up (across shadow
 * roots), by its brightness; null when the page says neither.
 */
export function hostIsDark(host: Element): boolean | null {
  const scheme = getComputedStyle(host).colorScheme
  const dark = scheme.includes('dark')
  if (dark !== scheme.includes('light')) return dark
  for (let el: Element | null | undefined = host; el; el = el.parentElement ?? (el.getRootNode() as ShadowRoot).host) {
    const bg = getComputedStyle(el).backgroundColor
    const [r = 0, g = 0, b = 0, a = 1] = /^rgba?\(/.test(bg) ? bg.match(/[\d.]+/g)!.map(Number) : [0, 0, 0, 0]
    if (a > 0.5) return r * 0.3 + g * 0.59 + b * 0.11 < 128
  }
  return null
}

/**
 * The widget's colour scheme as a custom state (`:state(dark)`): `theme="dark"`/`"light"`
 * as said; `auto` follows the host page (hostIsDark), and the reader's system preference
 * only as the last resort. Decided again when the theme, the system preference, or the
 * attributes of `<html>` (where pages switch their dark mode) change.
 */
export class ThemeController implements ReactiveController {
  readonly #host: Host
  readonly #states: CustomStateSet
  readonly #media = matchMedia('(prefers-color-scheme: dark)')
  readonly #observer = new MutationObserver(() => this.#decide())
  /** The theme last decided for: the page is read again only when it changes (or the page does). */
  #seen: string | null = null

  constructor(host: Host, internals: ElementInternals) {
    this.#host = host
    this.#states = internals.states
    host.addController(this)
  }

  readonly #decide = (): void => {
    const theme = this.#host.theme
    this.#seen = theme
    const dark = theme === 'dark' || (theme !== 'light' && (hostIsDark(this.#host) ?? this.#media.matches))
    this.#states[dark ? 'add' : 'delete']('dark')
  }

  hostConnected(): void {
    this.#media.onchange = this.#decide
    this.#observer.observe(document.documentElement, { attributes: true })
    this.#decide()
  }

  hostUpdated(): void {
    if (this.#host.theme !== this.#seen) this.#decide()
  }

  hostDisconnected(): void {
    this.#observer.disconnect()
  }
}
