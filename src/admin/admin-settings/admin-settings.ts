import { css, html, LitElement, nothing } from 'lit'
import type { Settings } from '../api.js'
import { type AdminMessages, en } from '../i18n.js'
import { $settings, saveSettings } from '../stores.js'
import { StoreController } from '../store-controller.js'
import { shared } from '../styles.js'

type Field = keyof Settings
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/**
 * The settings the owner may change at run time (stored in the database): moderation
 * mode, link limit, blocked words and networks. A field a command-line flag fixes is
 * shown disabled, and says so.
 *
 * @summary The settings form.
 */
export class AdminSettings extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.2rem;
      }
      form {
        display: grid;
        gap: 1rem;
        max-width: 40rem;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      textarea {
        min-height: 6rem;
      }
      p {
        margin: 0;
      }
    `,
  ]

  static override properties = { messages: { attribute: false }, problems: { state: true, attribute: false } }

  messages: AdminMessages = en
  private problems: Record<string, string> = {}
  readonly #settings = new StoreController(this, $settings)

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const value = (name: Field) => (form.elements.namedItem(name) as HTMLInputElement).value
    const fixed = this.#settings.value.fixed
    const change: Partial<Settings> = {}
    if (!fixed.includes('moderation')) change.moderation = value('moderation') as Settings['moderation']
    if (!fixed.includes('linkLimit')) change.linkLimit = Number(value('linkLimit'))
    if (!fixed.includes('blockedWords')) change.blockedWords = lines(value('blockedWords'))
    if (!fixed.includes('blockedPrefixes')) change.blockedPrefixes = lines(value('blockedPrefixes'))
    this.problems = (await saveSettings(change).catch(() => null)) ?? {}
  }

  #field(name: Field, label: string, control: (disabled: boolean, describedBy: string) => unknown) {
    const fixed = this.#settings.value.fixed.includes(name)
    const problem = this.problems[name]
    const ids = [fixed ? `${name}-fixed` : '', problem ? `${name}-problem` : ''].filter(Boolean).join(' ')
    return html`<div class="field" data-field=${name}>
      <label for=${name}>${label}</label>
      ${control(fixed, ids)}
      ${fixed ? html`<p class="muted fixed" id=${`${name}-fixed`}>${this.messages.settings.fixed}</p>` : nothing}
      ${problem ? html`<p class="error" id=${`${name}-problem`}>${problem}</p>` : nothing}
    </div>`
  }

  protected override render() {
    const m = this.messages.settings
    const state = this.#settings.value
    const s = state.settings
    if (!s) return html`<h2>${m.heading}</h2><p class=${state.load === 'error' ? 'error' : 'muted'}>${state.load === 'error' ? m.failed : m.loading}</p>`
    const invalid = (name: Field) => (this.problems[name] ? 'true' : 'false')
    return html`<h2>${m.heading}</h2>
      <form @submit=${this.#save}>
        ${this.#field(
          'moderation',
          m.moderation,
          (disabled, ids) =>
            html`<select id="moderation" name="moderation" ?disabled=${disabled} aria-describedby=${ids} aria-invalid=${invalid('moderation')}>
              ${(['none', 'first', 'all'] as const).map((mode) => html`<option value=${mode} ?selected=${s.moderation === mode}>${m.moderationModes[mode]}</option>`)}
            </select>`,
        )}
        ${this.#field(
          'linkLimit',
          m.linkLimit,
          (disabled, ids) =>
            html`<input id="linkLimit" name="linkLimit" type="number" min="0" step="1" .value=${String(s.linkLimit)} ?disabled=${disabled} aria-describedby=${ids} aria-invalid=${invalid('linkLimit')} />`,
        )}
        ${this.#field(
          'blockedWords',
          m.blockedWords,
          (disabled, ids) =>
            html`<textarea id="blockedWords" name="blockedWords" .value=${s.blockedWords.join('\n')} ?disabled=${disabled} aria-describedby=${ids} aria-invalid=${invalid('blockedWords')}></textarea>`,
        )}
        ${this.#field(
          'blockedPrefixes',
          m.blockedPrefixes,
          (disabled, ids) =>
            html`<textarea id="blockedPrefixes" name="blockedPrefixes" .value=${s.blockedPrefixes.join('\n')} ?disabled=${disabled} aria-describedby=${ids} aria-invalid=${invalid('blockedPrefixes')}></textarea>`,
        )}
        <p><button class="primary" type="submit">${m.save}</button></p>
      </form>`
  }
}

customElements.get('admin-settings') ?? customElements.define('admin-settings', AdminSettings)

declare global {
  interface HTMLElementTagNameMap {
    'admin-settings': AdminSettings
  }
}
