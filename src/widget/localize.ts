import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { messagesFor, type Messages } from '../i18n/index.js'

const LANG: MutationObserverInit = { attributes: true, attributeFilter: ['lang'] }

/**
 * The texts of an element in its language: its own `lang` or the nearest ancestor's
 * (`<html lang>` at the latest), English when none is known; a change of `lang` on the
 * element or anywhere in the page re-renders it. Shared by every element that shows
 * text. (Shoelace's LocalizeController, for the locales built in.)
 */
export class LocalizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement
  #observer: MutationObserver | null = null

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host
    host.addController(this)
  }

  get messages(): Messages {
    return messagesFor(this.#host.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang)
  }

  hostConnected(): void {
    const host = this.#host
    this.#observer = new MutationObserver(() => host.requestUpdate())
    this.#observer.observe(document.documentElement, { ...LANG, subtree: true })
    // Inside another element's shadow root the page's observer does not see the element itself.
    if (host.getRootNode() !== document) this.#observer.observe(host, LANG)
  }

  hostDisconnected(): void {
    this.#observer?.disconnect()
    this.#observer = null
  }
}
