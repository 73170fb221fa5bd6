import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { unsafeHTML } from 'lit/directives/unsafe-html.js'
import { sanitizeBody } from '../../content/sanitize.js'
import { type AdminComment, AdminApiError, type BulkAction, fieldMessages } from '../api.js'
import { type AdminMessages, en } from '../i18n.js'
import { editBody, replyTo } from '../stores.js'
import { shared } from '../styles.js'

/** Asks the queue to act on this one comment (approve, spam, delete). */
export class AdminActionEvent extends Event {
  constructor(
    readonly action: BulkAction,
    readonly id: string,
  ) {
    super('admin-action', { bubbles: true, composed: true })
  }
}

/** The checkbox changed. */
export class AdminSelectEvent extends Event {
  constructor(
    readonly id: string,
    readonly selected: boolean,
  ) {
    super('admin-select', { bubbles: true, composed: true })
  }
}

/** An edit or reply was saved: the queue puts the focus where it belongs now. */
export class AdminDoneEvent extends Event {
  constructor(readonly id: string) {
    super('admin-done', { bubbles: true, composed: true })
  }
}

const httpOnly = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null)

/**
 * One comment of the queue: who wrote it (with email, website and network, which only
 * the owner sees), where, why it was held, its body sanitized exactly as readers get it,
 * and its actions; editing the text and replying as the owner happen in place.
 *
 * @summary A comment in the moderation queue.
 * @fires admin-action - Approve, spam or delete was pressed.
 * @fires admin-select - The checkbox changed.
 * @fires admin-done - An edit or a reply was saved.
 */
export class AdminCommentRow extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      article {
        border: 1px solid var(--admin-line);
        border-radius: 8px;
        padding: 0.6rem 0.9rem;
        background: var(--admin-bg);
      }
      article.current {
        background: var(--admin-current);
        border-color: var(--admin-accent);
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.8rem;
        align-items: baseline;
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .badge {
        font-size: 0.8rem;
        border: 1px solid currentColor;
        border-radius: 4px;
        padding: 0 0.3rem;
        margin-inline-start: 0.4rem;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 0 0.8rem;
        margin: 0.4rem 0;
        font-size: 0.9rem;
      }
      dt {
        color: var(--admin-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .body {
        overflow-wrap: anywhere;
      }
      .body :first-child {
        margin-top: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem;
        margin-top: 0.4rem;
      }
      form {
        display: grid;
        gap: 0.3rem;
        margin-top: 0.4rem;
      }
      textarea {
        min-height: 5rem;
      }
    `,
  ]

  static override properties = {
    comment: { attribute: false },
    selected: { type: Boolean },
    current: { type: Boolean },
    messages: { attribute: false },
    mode: { state: true, attribute: false },
    problem: { state: true, attribute: false },
  }

  comment!: AdminComment
  selected = false
  current = false
  messages: AdminMessages = en
  private mode: 'view' | 'edit' | 'reply' = 'view'
  private problem = ''

  override focus(): void {
    this.renderRoot.querySelector<HTMLElement>('article')?.focus()
  }

  /** Opens the reply field and puts the cursor in it (the `r` key, or the button). */
  async startReply(): Promise<void> {
    this.mode = 'reply'
    this.problem = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus()
  }

  async #startEdit(): Promise<void> {
    this.mode = 'edit'
    this.problem = ''
    await this.updateComplete
    this.renderRoot.querySelector<HTMLTextAreaElement>('textarea')?.focus()
  }

  async #finish(): Promise<void> {
    this.mode = 'view'
    await this.updateComplete
    this.focus()
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const text = (event.target as HTMLFormElement).querySelector('textarea')!.value
    try {
      if (this.mode === 'edit') await editBody(this.comment.id, text)
      else await replyTo(this.comment, text)
      this.mode = 'view'
      this.dispatchEvent(new AdminDoneEvent(this.comment.id))
    } catch (error) {
      const problem = error instanceof AdminApiError && error.status !== 401 ? error.problem : null
      this.problem = (problem && (fieldMessages(problem).body || problem.detail)) || this.messages.done.error
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A comment that changed under an open editor (another tab) keeps the editor's text.
    if (changed.has('comment') && this.mode === 'view') this.problem = ''
  }

  #editor(label: string, value: string, submit: string) {
    return html`<form @submit=${this.#submit} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.#finish()}>
      <label for="text">${label}</label>
      <textarea id="text" required .value=${value} aria-describedby="problem" aria-invalid=${this.problem ? 'true' : 'false'}></textarea>
      <p id="problem" class="error" ?hidden=${!this.problem}>${this.problem}</p>
      <div class="actions">
        <button class="primary" type="submit">${submit}</button>
        <button type="button" @click=${this.#finish}>${this.messages.actions.cancel}</button>
      </div>
    </form>`
  }

  /** A deleted comment is gone for good (the server erased it): it has no actions. */
  #actions(who: string) {
    const c = this.comment
    const m = this.messages
    const action = (name: BulkAction) => () => this.dispatchEvent(new AdminActionEvent(name, c.id))
    return html`<div class="actions" role="group" aria-label=${m.actions.actionsFor(who)}>
        ${c.status !== 'approved' ? html`<button class="primary" data-action="approve" @click=${action('approve')}>${m.actions.approve}</button>` : nothing}
        ${c.status !== 'spam' ? html`<button data-action="spam" @click=${action('spam')}>${m.actions.spam}</button>` : nothing}
        <button class="danger" data-action="delete" @click=${action('delete')}>${m.actions.delete}</button>
        <button data-action="edit" @click=${this.#startEdit}>${m.actions.edit}</button>
        ${c.status === 'approved' || c.status === 'pending' ? html`<button data-action="reply" @click=${this.startReply}>${m.actions.reply}</button>` : nothing}
      </div>`
  }

  protected override render() {
    const c = this.comment
    const m = this.messages
    const r = m.row
    const website = httpOnly(c.author.url)
    // A deleted comment keeps its place in the thread but loses its name, email and text.
    const who = c.author.name || r.removedAuthor
    return html`<article tabindex=${this.current ? 0 : -1} class=${this.current ? 'current' : ''} aria-labelledby="who">
      <header>
        <input type="checkbox" id="select" .checked=${this.selected} @change=${(e: Event) => this.dispatchEvent(new AdminSelectEvent(c.id, (e.target as HTMLInputElement).checked))} />
        <label for="select" class="visually-hidden">${m.queue.selectOne(who)}</label>
        <h3 id="who">${who}${c.author.role === 'owner' ? html` <span class="badge">${r.owner}</span>` : nothing}</h3>
        <span class="muted"><time datetime=${c.createdAt}>${m.when(c.createdAt)}</time>${c.editedAt ? ` (${r.edited})` : ''}</span>
      </header>
      <dl>
        <dt>${r.thread}</dt>
        <dd>${c.threadUrl ? html`<a href=${c.threadUrl}>${c.threadTitle ?? c.thread}</a>` : (c.threadTitle ?? c.thread)}${c.parentId ? html` <span class="muted">(${r.reply})</span>` : nothing}</dd>
        <dt>${r.email}</dt>
        <dd>${c.author.email ? html`<a href=${`mailto:${c.author.email}`}>${c.author.email}</a>` : r.none}</dd>
        <dt>${r.website}</dt>
        <dd>${website ? html`<a href=${website} rel="nofollow noopener noreferrer">${website}</a>` : r.none}</dd>
        <dt>${r.network}</dt>
        <dd>${c.ipPrefix ?? r.none}</dd>
        <dt>${r.links}</dt>
        <dd>${c.links}</dd>
        ${c.holdReason && c.status === 'pending' ? html`<dt>${r.held}</dt><dd class="reason">${m.holdReasons[c.holdReason] ?? c.holdReason}</dd>` : nothing}
      </dl>
      <div class="body">${c.bodyHtml ? unsafeHTML(sanitizeBody(c.bodyHtml)) : html`<p class="muted removed">${r.removedBody}</p>`}</div>
      ${this.mode === 'edit' ? this.#editor(m.actions.editLabel(who), c.bodyText, m.actions.save) : nothing}
      ${this.mode === 'reply' ? this.#editor(m.actions.replyLabel(who), '', m.actions.send) : nothing}
      ${c.status === 'deleted' ? nothing : this.#actions(who)}
    </article>`
  }
}

customElements.get('admin-comment') ?? customElements.define('admin-comment', AdminCommentRow)

declare global {
  interface HTMLElementTagNameMap {
    'admin-comment': AdminCommentRow
  }
  interface HTMLElementEventMap {
    'admin-action': AdminActionEvent
    'admin-select': AdminSelectEvent
    'admin-done': AdminDoneEvent
  }
}
