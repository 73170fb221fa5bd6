import type { ReactiveController, ReactiveControllerHost } from 'lit'
import type { ReadableAtom } from 'nanostores'

/** Renders its element again whenever the store changes, while the element is on the page. */
export class StoreController<T> implements ReactiveController {
  #unsubscribe: (() => void) | null = null

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: ReadableAtom<T>,
  ) {
    host.addController(this)
  }

  get value(): T {
    return this.store.get()
  }

  hostConnected(): void {
    this.#unsubscribe = this.store.listen(() => this.host.requestUpdate())
  }

  hostDisconnected(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = null
  }
}
