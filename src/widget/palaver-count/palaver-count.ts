import { LitElement, css, html, nothing, type PropertyValues } from 'lit'
import { adapterFor } from '../../adapters/index.js'
import { plural } from '../../i18n/index.js'
import type { Adapter } from '../../model.js'
import { countOf } from '../../state/counts.js'
import { LocalizeController } from '../localize.js'

/** One adapter per server and kind, so counts for the same server share one request. */
const shared = new Map<string, Adapter>()

/**
 * The number of comments of a thread, for lists of posts: `<palaver-count thread="/post">`.
 * All counts on a page are fetched in one request per server.
 *
 * @summary "12 comments" for a thread, batched with every other count on the page.
 * @attr {string} lang - UI language, as on `<palaver-comments>`.
 * @csspart count - The text.
 */
export class PalaverCount extends LitElement {
  static override styles = css`
    :host {
      display: inline;
    }
  `

  /** Reactive properties (Lit): an attribute each unless `attribute: false`; `state` ones are internal (`attribute: false` tells the manifest too). */
  static override properties = {
    server: {},
    adapterName: { attribute: 'adapter' },
    adapter: { attribute: false },
    thread: {},
    count: { state: true, attribute: false },
  }

  /** Base URL of the backend. */
  server: string | null = null
  /** Built-in adapter by name, as on `<palaver-comments>`. */
  adapterName: string | null = null
  /** Any object implementing the Adapter interface. */
  adapter: Adapter | null = null
  /** Thread key, as on `<palaver-comments>`. */
  thread: string | null = null

  private count: number | null = null

  readonly #localize = new LocalizeController(this)

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (['server', 'adapterName', 'adapter', 'thread'].some((k) => changed.has(k as keyof PalaverCount))) void this.#load()
  }

  async #load(): Promise<void> {
    const thread = this.thread
    if (!thread) return
    let adapter = this.adapter
    if (!adapter) {
      const id = `${this.adapterName ?? 'palaver'} ${this.server ?? ''}`
      try {
        adapter = shared.get(id) ?? adapterFor(this.adapterName, { server: this.server, title: () => null })
        shared.set(id, adapter)
      } catch (error) {
        console.error(`<palaver-count>: ${(error as Error).message}`)
        return
      }
    }
    const count = await countOf(adapter, thread)
    if (thread === this.thread) this.count = count
  }

  protected override render() {
    if (this.count === null) return nothing
    const m = this.#localize.messages
    return html`<span part="count">${plural(m, m.commentCount, this.count)}</span>`
  }
}

customElements.get('palaver-count') ?? customElements.define('palaver-count', PalaverCount)

declare global {
  interface HTMLElementTagNameMap {
    'palaver-count': PalaverCount
  }
}
