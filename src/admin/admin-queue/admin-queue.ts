import { css, html, LitElement, nothing } from 'lit'
import { repeat } from 'lit/directives/repeat.js'
import { type BulkAction, STATUSES, type Status } from '../api.js'
import type { AdminActionEvent, AdminCommentRow, AdminDoneEvent, AdminSelectEvent } from '../admin-comment/admin-comment.js'
import '../admin-comment/admin-comment.js'
import { type AdminMessages, en } from '../i18n.js'
import { $queue, $view, act, loadQueue, showView } from '../stores.js'
import { StoreController } from '../store-controller.js'
import { shared } from '../styles.js'

/** Fields where a letter is typing, not a shortcut. */
function typingIn(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0] as HTMLElement | undefined
  if (!target || !(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type)
}

const KEY_ACTIONS: Record<string, BulkAction> = { a: 'approve', s: 'spam', d: 'delete' }

/**
 * The comments of one status (pending first), filtered by thread and search, 50 at a time:
 * select one or many and act on them with the buttons or the keyboard (j/k, a, s, d, r,
 * x, ?). After an action the focus goes to the comment that took the acted one's place.
 *
 * @summary The moderation queue.
 */
export class AdminQueue extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        margin: 0.6rem 0;
      }
      .group {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
      }
      form.filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 0.8rem;
        align-items: end;
      }
      form.filters label {
        display: grid;
        font-size: 0.9rem;
      }
      h2 {
        font-size: 1.2rem;
        margin: 0.8rem 0 0.4rem;
      }
      ol {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: 0.6rem;
      }
      dialog {
        color: var(--admin-fg);
        background: var(--admin-bg);
        border: 1px solid var(--admin-line);
        border-radius: 8px;
        max-width: 32rem;
      }
      dialog dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0.2rem 1rem;
      }
      dialog dd {
        margin: 0;
      }
      kbd {
        font-family: ui-monospace, monospace;
        border: 1px solid var(--admin-line);
        border-radius: 4px;
        padding: 0 0.35rem;
      }
    `,
  ]

  static override properties = {
    messages: { attribute: false },
    current: { state: true, attribute: false },
    selected: { state: true, attribute: false },
  }

  messages: AdminMessages = en
  /** The index of the comment the keys act on. */
  private current = 0
  private selected = new Set<string>()

  readonly #queue = new StoreController(this, $queue)
  readonly #view = new StoreController(this, $view)

  readonly #onKey = (event: KeyboardEvent) => this.#key(event)

  override connectedCallback(): void {
    super.connectedCallback()
    document.addEventListener('keydown', this.#onKey)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    document.removeEventListener('keydown', this.#onKey)
  }

  get #rows(): AdminCommentRow[] {
    return [...this.renderRoot.querySelectorAll('admin-comment')]
  }

  async #focusRow(index: number): Promise<void> {
    const count = this.#queue.value.comments.length
    this.current = Math.max(0, Math.min(index, count - 1))
    await this.updateComplete
    const row = this.#rows[this.current]
    if (row) {
      await row.updateComplete
      row.focus()
    } else this.renderRoot.querySelector<HTMLElement>('h2')?.focus()
  }

  #key(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event)) return
    if (this.renderRoot.querySelector('dialog')?.open) return
    const comments = this.#queue.value.comments
    const comment = comments[this.current]
    const acting = comment && comment.status !== 'deleted' ? comment : undefined
    if (event.key === '?') {
      event.preventDefault()
      this.renderRoot.querySelector('dialog')?.showModal()
    } else if (event.key === 'j' || event.key === 'k') {
      event.preventDefault()
      void this.#focusRow(this.current + (event.key === 'j' ? 1 : -1))
    } else if (event.key === 'x' && comment) {
      event.preventDefault()
      this.#select(comment.id, !this.selected.has(comment.id))
    } else if (event.key === 'r' && acting && acting.status !== 'spam') {
      event.preventDefault()
      void this.#rows[this.current]?.startReply()
    } else if (KEY_ACTIONS[event.key] && acting) {
      const action = KEY_ACTIONS[event.key]!
      if ((action === 'approve' && acting.status === 'approved') || action === acting.status) return
      event.preventDefault()
      void this.#act(action, [acting.id])
    }
  }

  #select(id: string, on: boolean): void {
    const next = new Set(this.selected)
    if (on) next.add(id)
    else next.delete(id)
    this.selected = next
  }

  async #act(action: BulkAction, ids: string[]): Promise<void> {
    const comments = this.#queue.value.comments
    const first = Math.min(...ids.map((id) => comments.findIndex((c) => c.id === id)).filter((i) => i >= 0))
    try {
      await act(action, ids)
    } catch {
      return // announced by act()
    }
    const left = new Set(this.#queue.value.comments.map((c) => c.id))
    this.selected = new Set([...this.selected].filter((id) => left.has(id) && !ids.includes(id)))
    await this.#focusRow(Number.isFinite(first) ? first : this.current)
  }

  /** After an edit (the comment stays) or a reply (a held one leaves): focus it, or its successor. */
  async #afterChange(id: string): Promise<void> {
    const index = this.#queue.value.comments.findIndex((c) => c.id === id)
    await this.#focusRow(index >= 0 ? index : this.current)
  }

  #showStatus(status: Status): void {
    this.selected = new Set()
    this.current = 0
    showView({ status })
  }

  #filter(event: SubmitEvent): void {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim()
    this.selected = new Set()
    this.current = 0
    showView({ thread: value('thread'), q: value('q') })
  }

  #clear(): void {
    this.selected = new Set()
    this.current = 0
    showView({ thread: '', q: '' })
  }

  protected override render() {
    const m = this.messages
    const queue = this.#queue.value
    const view = this.#view.value
    const ids = queue.comments.map((c) => c.id)
    const chosen = ids.filter((id) => this.selected.has(id))
    const all = ids.length > 0 && chosen.length === ids.length
    const bulk = (action: BulkAction) => () => this.#act(action, chosen)
    return html`
      <div class="bar">
        <div class="group" role="group" aria-label=${m.statusesLabel}>
          ${STATUSES.map(
            (status) =>
              html`<button data-status=${status} aria-pressed=${view.status === status ? 'true' : 'false'} @click=${() => this.#showStatus(status)}>
                ${m.statuses[status]} <span class="count">(${queue.counts[status]})</span>
              </button>`,
          )}
        </div>
        <button @click=${() => this.renderRoot.querySelector('dialog')?.showModal()} aria-keyshortcuts="?">${m.help.open}</button>
      </div>
      <form class="filters" role="search" @submit=${this.#filter}>
        <label>${m.filters.thread}<input name="thread" .value=${view.thread} placeholder=${m.filters.threadHint} /></label>
        <label>${m.filters.search}<input name="q" type="search" .value=${view.q} /></label>
        <button type="submit">${m.filters.apply}</button>
        ${view.thread || view.q ? html`<button type="button" @click=${this.#clear}>${m.filters.clear}</button>` : nothing}
      </form>
      <h2 tabindex="-1">${m.queue.heading(m.statuses[view.status])}</h2>
      <div class="bar">
        <label><input type="checkbox" id="all" .checked=${all} ?disabled=${ids.length === 0} @change=${(e: Event) => (this.selected = (e.target as HTMLInputElement).checked ? new Set(ids) : new Set())} />
          ${m.queue.selectAll}</label>
        <span class="muted" id="chosen">${m.queue.selected(chosen.length)}</span>
        ${
          view.status === 'deleted'
            ? nothing
            : html`<div class="group" role="group" aria-label=${m.queue.bulkLabel} aria-describedby="chosen">
          ${view.status !== 'approved' ? html`<button data-bulk="approve" ?disabled=${!chosen.length} @click=${bulk('approve')}>${m.actions.approve}</button>` : nothing}
          ${view.status !== 'spam' ? html`<button data-bulk="spam" ?disabled=${!chosen.length} @click=${bulk('spam')}>${m.actions.spam}</button>` : nothing}
          <button data-bulk="delete" class="danger" ?disabled=${!chosen.length} @click=${bulk('delete')}>${m.actions.delete}</button>
        </div>`
        }
      </div>
      ${queue.load === 'error' ? html`<p class="error">${m.queue.failed} <button @click=${() => loadQueue()}>${m.queue.retry}</button></p>` : nothing}
      ${queue.load === 'ready' && ids.length === 0 ? html`<p class="empty">${m.queue.empty}</p>` : nothing}
      <ol aria-busy=${queue.load === 'loading' ? 'true' : 'false'}
        @admin-action=${(e: AdminActionEvent) => this.#act(e.action, [e.id])}
        @admin-select=${(e: AdminSelectEvent) => this.#select(e.id, e.selected)}
        @admin-done=${(e: AdminDoneEvent) => this.#afterChange(e.id)}
        @focusin=${(e: FocusEvent) => {
          const index = this.#rows.indexOf(e.target as AdminCommentRow)
          if (index >= 0) this.current = index
        }}>
        ${repeat(
          queue.comments,
          (c) => c.id,
          (c, index) =>
            html`<li><admin-comment .comment=${c} .messages=${m} .selected=${this.selected.has(c.id)} .current=${index === this.current}></admin-comment></li>`,
        )}
      </ol>
      ${queue.load === 'loading' ? html`<p class="muted">${m.queue.loading}</p>` : nothing}
      ${queue.nextCursor && queue.load !== 'loading' ? html`<p><button class="more" @click=${() => loadQueue(true)}>${m.queue.more}</button></p>` : nothing}
      <dialog aria-labelledby="help-heading">
        <h2 id="help-heading">${m.help.heading}</h2>
        <p>${m.help.intro}</p>
        <dl>${m.help.keys.map(([key, what]) => html`<dt><kbd>${key}</kbd></dt><dd>${what}</dd>`)}</dl>
        <button class="primary" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${m.help.close}</button>
      </dialog>
    `
  }
}

customElements.get('admin-queue') ?? customElements.define('admin-queue', AdminQueue)

declare global {
  interface HTMLElementTagNameMap {
    'admin-queue': AdminQueue
  }
}
