import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { anchorOf } from '../comment-list/comment-list.js'

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }

/** The comment the page's address names (`#comment-…`), if any. */
export function commentInHash(): string | null {
  const id = /^#comment-(.+)$/.exec(location.hash)?.[1]
  try {
    return id ? decodeURIComponent(id) : null
  } catch {
    return null
  }
}

/**
 * Focus and permalinks in a shadow root. Fragment links cannot reach into it, so a
 * permalink's click scrolls to its comment here, and a permalink opened in a new tab is
 * found once the thread is shown (and on `hashchange`: `wanted` then loads the thread at
 * once, however far below the fold); a comment that is not rendered yet (just posted, on a
 * later chunk) takes focus as soon as it is.
 */
export class FocusController implements ReactiveController {
  readonly #host: Host
  readonly #wanted: () => void
  #pending: string | null = null
  /** The pending comment came from the address: it is scrolled to the top once layout settles. */
  #fromAddress = false

  constructor(host: Host, wanted: () => void) {
    this.#host = host
    this.#wanted = wanted
    host.addController(this)
  }

  readonly #onHash = () => {
    if (!commentInHash()) return
    this.#wanted()
    this.fromLocation()
  }

  hostConnected(): void {
    addEventListener('hashchange', this.#onHash)
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.#onHash)
  }

  /** Focuses a comment now, or after the render that shows it. */
  comment(id: string, fromAddress = false): void {
    this.#pending = id
    this.#fromAddress = fromAddress
    this.#host.requestUpdate()
  }

  /** The comment the page's address names, once it is rendered. */
  fromLocation(): void {
    const target = commentInHash()
    if (target) this.comment(target, true)
  }

  /** A permalink was clicked: the address shows it, the comment takes focus. */
  readonly jump = (event: Event, id: string): void => {
    event.preventDefault()
    history.replaceState(history.state, '', `#${anchorOf(id)}`)
    this.#focus(id)
  }

  /** The Reply button of a comment, after the form closed under it. */
  replyButton(id: string): void {
    this.#item(id)?.querySelector<HTMLElement>(':scope > article button.reply')?.focus()
  }

  hostUpdated(): void {
    const id = this.#pending
    if (id && this.#item(id)) {
      this.#pending = null
      this.#focus(id, this.#fromAddress)
    }
  }

  #item(id: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(anchorOf(id))}"]`)
  }

  #focus(id: string, settle = false): void {
    const article = this.#item(id)?.querySelector<HTMLElement>(':scope > article')
    if (!article) return
    article.focus({ preventScroll: true })
    if (settle) this.#settle(article)
    else article.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }

  /**
   * Scrolls a comment reached by the address to the top, again in each frame while the
   * comments above it take their real size (content-visibility placeholders are guesses),
   * until it stays put for two frames (at most a second).
   */
  #settle(article: HTMLElement, top = NaN, still = 0, frames = 0): void {
    const now = article.getBoundingClientRect().top
    still = Math.abs(now - top) < 1 ? still + 1 : 0
    if (still > 1 || frames > 60) return
    article.scrollIntoView({ block: 'start' })
    top = article.getBoundingClientRect().top
    requestAnimationFrame(() => this.#settle(article, top, still, frames + 1))
  }
}
