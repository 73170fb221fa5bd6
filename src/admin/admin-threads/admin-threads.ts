import { css, html, LitElement, nothing } from 'lit'
import type { AdminThread } from '../api.js'
import { type AdminMessages, en } from '../i18n.js'
import { $threads, changeThread, loadThreads, showView } from '../stores.js'
import { StoreController } from '../store-controller.js'
import { shared } from '../styles.js'

/**
 * Every thread, newest activity first: its counts, open or closed, and a title the owner
 * may set (the owner's title wins over what readers' pages claim).
 *
 * @summary The threads list.
 */
export class AdminThreads extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.2rem;
      }
      ol {
        list-style: none;
        padding: 0;
        display: grid;
        gap: 0.6rem;
      }
      li {
        border: 1px solid var(--admin-line);
        border-radius: 8px;
        padding: 0.6rem 0.9rem;
      }
      h3 {
        margin: 0;
        font-size: 1rem;
        overflow-wrap: anywhere;
      }
      form,
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        align-items: center;
        margin-top: 0.4rem;
      }
      input {
        min-width: 16rem;
      }
      p {
        margin: 0.2rem 0;
      }
    `,
  ]

  static override properties = { messages: { attribute: false } }

  messages: AdminMessages = en
  readonly #threads = new StoreController(this, $threads)

  async #saveTitle(event: SubmitEvent, thread: AdminThread): Promise<void> {
    event.preventDefault()
    const title = ((event.target as HTMLFormElement).elements.namedItem('title') as HTMLInputElement).value.trim()
    await changeThread(thread.key, { title: title || null }).catch(() => {})
  }

  #thread(t: AdminThread, index: number) {
    const m = this.messages.threads
    const s = this.messages.statuses
    return html`<li data-thread=${t.key}>
      <h3>${t.url ? html`<a href=${t.url}>${t.title ?? t.pageTitle ?? t.key}</a>` : (t.title ?? t.pageTitle ?? t.key)}</h3>
      <p class="muted">${m.key}: ${t.key} · ${m.state}: <span class="state">${t.open ? m.open : m.closed}</span>${t.lastCommentAt ? html` · ${m.lastComment}: ${this.messages.when(t.lastCommentAt)}` : nothing}</p>
      <p class="counts">${m.counts}: ${s.pending} ${t.counts.pending} · ${s.approved} ${t.counts.approved} · ${s.spam} ${t.counts.spam} · ${s.deleted} ${t.counts.deleted}</p>
      <form @submit=${(e: SubmitEvent) => this.#saveTitle(e, t)}>
        <label for=${`title-${index}`}>${m.titleOf(t.key)}</label>
        <input id=${`title-${index}`} name="title" .value=${t.title ?? ''} placeholder=${t.pageTitle ?? ''} maxlength="300" />
        <button type="submit">${m.saveTitle}</button>
      </form>
      <div class="actions">
        <button class="toggle" @click=${() => changeThread(t.key, { open: !t.open }).catch(() => {})}>${t.open ? m.closeIt : m.openIt}</button>
        <button class="show" @click=${() => showView({ section: 'queue', thread: t.key })}>${m.show}</button>
      </div>
    </li>`
  }

  protected override render() {
    const m = this.messages.threads
    const state = this.#threads.value
    return html`<h2>${m.heading}</h2>
      ${state.load === 'error' ? html`<p class="error">${m.failed}</p>` : nothing}
      ${state.load === 'ready' && state.threads.length === 0 ? html`<p>${m.empty}</p>` : nothing}
      <ol aria-busy=${state.load === 'loading' ? 'true' : 'false'}>${state.threads.map((t, i) => this.#thread(t, i))}</ol>
      ${state.load === 'loading' ? html`<p class="muted">${m.loading}</p>` : nothing}
      ${state.nextCursor && state.load !== 'loading' ? html`<button @click=${() => loadThreads(true)}>${m.more}</button>` : nothing}`
  }
}

customElements.get('admin-threads') ?? customElements.define('admin-threads', AdminThreads)

declare global {
  interface HTMLElementTagNameMap {
    'admin-threads': AdminThreads
  }
}
