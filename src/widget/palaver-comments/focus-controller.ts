import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { anchorOf } from '../comment-list/comment-list.js'

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment }

/**
 * Focus and permalinks in a shadow root. Fragment links cannot reach into it, so a
 * permalink's click scrolls to its comment here, and a permalink opened in a new tab is
 * found once the thread is shown; a comment that is not rendered yet (just posted, on a
 * later chunk) takes focus as soon as it is.
 */
export class FocusController implements ReactiveController {
  readonly #host: Host
  #pending: string | null = null

  constructor(host: Host) {
    this.#host = host
    host.addController(this)
  }

  /** Focuses a comment now, or after the render that shows it. */
  comment(id: string): void {
    this.#pending = id
    this.#host.requestUpdate()
  }

  /** The comment the page's address names (`#comment-…`), once it is rendered. */
  fromLocation(): void {
    const target = /^#comment-(.+)$/.exec(location.hash)?.[1]
    if (target) this.comment(decodeURIComponent(target))
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
      this.#focus(id)
    }
  }

  #item(id: string): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>(`[id="${CSS.escape(anchorOf(id))}"]`)
  }

  #focus(id: string): void {
    const article = this.#item(id)?.querySelector<HTMLElement>(':scope > article')
    if (!article) return
    article.focus({ preventScroll: true })
    article.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }
}
