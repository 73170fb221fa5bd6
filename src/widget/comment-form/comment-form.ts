import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit'
import { live } from 'lit/directives/live.js'
import { en, type Messages } from '../../i18n/index.js'
import type { DraftField } from '../../core/draft.js'
import { toPalaverError, type ErrorKind } from '../../core/errors.js'
import { sanitizeBodyInto, sanitizerPending } from '../../content/sanitize.js'
import type { FormRules, FormState, FormStore } from '../../state/form.js'
import { problemText } from '../field-problem.js'
import { formStyles } from './comment-form.styles.js'

/** The fields in the order the form shows them: focus goes to the first one in error. */
const FORM_ORDER: readonly DraftField[] = ['body', 'name', 'email', 'url']

/**
 * The reply form, as on a classic blog: Comment, Name, Email, Website. Internal part of
 * `<palaver-comments>`, which places it under the comment being answered. It renders the
 * form store and calls its actions; keystrokes re-render only this element.
 *
 * @summary The comment form of `<palaver-comments>`.
 * @csspart form - The `<form>`.
 * @csspart submit - The submit button.
 */
export class PalaverCommentForm extends LitElement {
  static override styles = formStyles

  /** Reactive properties (Lit): an attribute each unless `attribute: false`; `state` ones are internal (`attribute: false` tells the manifest too). */
  static override properties = {
    store: { attribute: false },
    messages: { attribute: false },
    replyName: { attribute: false },
    onCancel: { attribute: false },
  }

  store: FormStore | null = null
  messages: Messages = en
  /** Name of the author being answered; null for a new top-level comment. */
  replyName: string | null = null
  onCancel: (() => void) | null = null

  #unsubscribe: (() => void) | null = null
  /**
   * The Preview: null while writing; else the rendering of the body — null while the
   * backend renders it, then the safe tree (empty for a blank body) or why it failed.
   */
  #preview: Preview | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#subscribe()
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#subscribe()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#unsubscribe?.()
    this.#unsubscribe = null
  }

  #subscribe(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = this.store?.$form.listen(() => this.requestUpdate()) ?? null
  }

  /** Moves focus to the comment field (after Reply) or to the first field in error. */
  focusField(field: DraftField = 'body'): void {
    this.renderRoot.querySelector<HTMLElement>(`#${field}`)?.focus()
  }

  #field(field: DraftField, state: FormState, rules: FormRules, input: (attrs: FieldAttrs) => TemplateResult): TemplateResult {
    const required = field === 'body' || rules.requires.includes(field)
    const problem = state.errors[field]
    return html`<p class="field field-${field}">
      <label for=${field}>${this.messages[field]}${required ? html` <span class="required" aria-hidden="true">*</span>` : nothing}</label>
      ${input({ required, invalid: problem ? 'true' : 'false', describedby: problem ? `${field}-error` : nothing })}
      ${problem ? html`<span class="error" id=${`${field}-error`}>${problemText(this.messages, field, problem)}</span>` : nothing}
    </p>`
  }

  #onInput = (event: Event) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement
    if (target.name === 'trap') this.store?.setTrap(target.value)
    else this.store?.update(target.name as DraftField, target.value)
  }

  #onSubmit = async (event: Event) => {
    event.preventDefault()
    if (!this.store) return
    await this.store.submit(this.messages.locale)
    const { errors, status } = this.store.$form.get()
    // The comment field comes back when it needs a change, or is empty for the next comment.
    if (errors.body || status === 'posted') {
      this.#preview = null
      this.requestUpdate()
    }
    const first = FORM_ORDER.find((f) => errors[f])
    if (first) {
      await this.updateComplete
      this.focusField(first)
    }
  }

  /**
   * Shows the body as the backend renders it, in place of the comment field, or goes back
   * to writing. The rendering goes through the one sanitizer, as a comment's body does.
   */
  #togglePreview = async () => {
    const render = this.store?.preview
    const body = this.store?.$form.get().draft.body ?? ''
    const shown: Preview | null = this.#preview || !render ? null : { view: body.trim() ? null : document.createElement('div') }
    this.#preview = shown
    this.requestUpdate()
    if (!shown || shown.view) return
    let view: HTMLElement | ErrorKind
    try {
      const pending = sanitizerPending() // null where the browser sanitizes itself
      const html = await render!(body)
      if (pending) await pending
      sanitizeBodyInto((view = document.createElement('div')), html)
    } catch (error) {
      view = toPalaverError(error).kind
    }
    // An answer for a Preview the reader has left meanwhile is dropped.
    if (this.#preview === shown) shown.view = view
    this.requestUpdate()
  }

  /**
   * Preview and the formatting help, for a backend that renders Palaver's formatting (its
   * adapter offers `preview`). A blank body is never sent, so the one body a server
   * refuses to preview is one over its limit.
   */
  #formatting(m: Messages) {
    const view = this.#preview?.view
    return html`<div class="preview" id="body-preview" role="region" aria-label=${m.preview} ?hidden=${!this.#preview}>${
      view === undefined
        ? nothing
        : view === null
          ? m.loadingMore
          : typeof view === 'string'
            ? view === 'validation'
              ? m.fieldTooLong(m.body)
              : m.errors[view]
            : view
    }</div>
      <div class="formatting">
        <button type="button" aria-pressed=${this.#preview ? 'true' : 'false'} aria-controls="body-preview" @click=${this.#togglePreview}>${m.preview}</button>
        <details><summary>${m.formatHelp}</summary><pre>${m.formatExample}</pre></details>
      </div>`
  }

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.replyName !== null) {
      event.preventDefault()
      this.onCancel?.()
    }
  }

  protected override render() {
    if (!this.store) return nothing
    const state = this.store.$form.get()
    // The thread's rules (the server's limits and required fields), read at each render.
    const rules = this.store.rules()
    const m = this.messages
    const d = state.draft
    const sending = state.status === 'sending'
    // Why the last post failed as a whole; field problems stand next to their fields.
    const formError = state.status === 'failed' && state.error?.kind !== 'validation' ? state.error : null
    const text = (field: 'name' | 'email' | 'url', type: 'text' | 'email' | 'url', autocomplete: 'name' | 'email' | 'url') =>
      this.#field(
        field,
        state,
        rules,
        (a) => html`<input id=${field} name=${field} type=${type} autocomplete=${autocomplete}
        .value=${live(d[field])} ?required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        maxlength=${rules.limits[field]} @input=${this.#onInput} />`,
      )
    // The name sits in a first-strong isolate (FSI … PDI): a bidi override in it stays inside.
    return html`<form part="form" novalidate aria-labelledby="form-heading" @submit=${this.#onSubmit} @keydown=${this.#onKeydown}>
      <h3 id="form-heading">${this.replyName === null ? m.formHeading : m.replyHeading(`\u2068${this.replyName}\u2069`)}</h3>
      ${this.replyName !== null ? html`<button type="button" class="cancel" @click=${() => this.onCancel?.()}>${m.cancelReply}</button>` : nothing}
      <p class="note">${m.formNote} ${m.requiredNote[0]}<span class="required">*</span>${m.requiredNote[1]}</p>
      ${this.#field(
        'body',
        state,
        rules,
        (a) => html`<textarea id="body" name="body" rows="6" .value=${live(d.body)}
        ?required=${a.required} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        ?hidden=${!!this.#preview} @input=${this.#onInput}></textarea>`,
      )}
      ${this.store.preview ? this.#formatting(m) : nothing}
      ${text('name', 'text', 'name')} ${text('email', 'email', 'email')} ${text('url', 'url', 'url')}
      <p class="trap" aria-hidden="true">
        <label>${m.trap} <input name="trap" tabindex="-1" autocomplete="off" .value=${live(state.trap)} @input=${this.#onInput} /></label>
      </p>
      <p class="remember">
        <input id="remember" type="checkbox" .checked=${live(state.remember)}
          @change=${(e: Event) => this.store?.setRemember((e.target as HTMLInputElement).checked)} />
        <label for="remember">${m.remember}</label>
      </p>
      ${
        rules.notifications
          ? html`<p class="notify">
            <input id="notify" type="checkbox" .checked=${live(state.notify)}
              @change=${(e: Event) => this.store?.setNotify((e.target as HTMLInputElement).checked)} />
            <label for="notify">${m.notify}</label>
          </p>`
          : nothing
      }
      ${formError ? html`<p class="form-error" id="form-error">${formError.retryable ? `${m.postFailed} ` : nothing}${m.errors[formError.kind]}</p>` : nothing}
      ${
        state.status === 'posted' && state.posted
          ? html`<p class="form-success">${state.posted.status === 'pending' ? m.postedPending : m.posted}</p>`
          : nothing
      }
      <p class="actions">
        <button type="submit" part="submit" aria-disabled=${sending ? 'true' : 'false'}
          aria-describedby=${formError ? 'form-error' : nothing}>
          ${sending ? m.sending : formError?.retryable ? m.retry : m.submit}
        </button>
      </p>
    </form>`
  }
}

interface Preview {
  view: HTMLElement | ErrorKind | null
}

interface FieldAttrs {
  required: boolean
  invalid: 'true' | 'false'
  describedby: string | typeof nothing
}

customElements.get('palaver-comment-form') ?? customElements.define('palaver-comment-form', PalaverCommentForm)

declare global {
  interface HTMLElementTagNameMap {
    'palaver-comment-form': PalaverCommentForm
  }
}
