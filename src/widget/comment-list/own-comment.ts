import { html, nothing, type TemplateResult } from 'lit'
import { live } from 'lit/directives/live.js'
import type { Messages } from '../../i18n/index.js'
import type { Comment } from '../../model.js'

/** What a reader may do with their own comment while the edit window is open. */
export interface OwnActions {
  canChange: (comment: Comment) => boolean
  editing: { id: string; text: string; busy: boolean; error: string | null } | null
  confirming: string | null
  startEdit: (comment: Comment) => void
  input: (text: string) => void
  save: () => void
  cancel: () => void
  askRemove: (comment: Comment) => void
  confirmRemove: () => void
  keep: () => void
}

/** The inline editor that replaces the body while the reader edits their comment. */
export function editor(c: Comment, own: OwnActions, m: Messages): TemplateResult {
  const e = own.editing!
  const errorId = `edit-error-${c.id}`
  return html`<form class="editor" @submit=${(ev: Event) => {
    ev.preventDefault()
    own.save()
  }}
    @keydown=${(ev: KeyboardEvent) => ev.key === 'Escape' && own.cancel()}>
    <label for=${`edit-${c.id}`}>${m.editLabel}</label>
    <textarea id=${`edit-${c.id}`} rows="5" .value=${live(e.text)} aria-invalid=${e.error ? 'true' : 'false'}
      aria-describedby=${e.error ? errorId : nothing}
      @input=${(ev: Event) => own.input((ev.target as HTMLTextAreaElement).value)}></textarea>
    ${e.error ? html`<span class="error" id=${errorId}>${e.error}</span>` : nothing}
    <p class="own-actions">
      <button type="submit" aria-disabled=${e.busy ? 'true' : 'false'}>${m.save}</button>
      <button type="button" @click=${own.cancel}>${m.cancel}</button>
    </p>
  </form>`
}

/** Edit and Delete for the reader's own comment, with an inline confirmation (no window.confirm). */
export function ownControls(c: Comment, own: OwnActions, m: Messages): TemplateResult | typeof nothing {
  if (!own.canChange(c) || own.editing?.id === c.id) return nothing
  if (own.confirming === c.id) {
    return html`<span class="confirm" role="group" aria-label=${m.confirmRemove}>
      ${m.confirmRemove}
      <button type="button" class="danger" @click=${own.confirmRemove}>${m.remove}</button>
      <button type="button" @click=${own.keep}>${m.keep}</button>
    </span>`
  }
  return html`<button type="button" class="edit" @click=${() => own.startEdit(c)}>${m.edit}</button>
    <button type="button" class="remove" @click=${() => own.askRemove(c)}>${m.remove}</button>`
}
