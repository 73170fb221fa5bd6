import { css, html, LitElement, nothing } from 'lit'
import { AdminApiError, api, type ImportFormat, type ImportSummary, type PersonalData } from '../api.js'
import { type AdminMessages, en } from '../i18n.js'
import { shared } from '../styles.js'

type Async<T> = { state: 'idle' } | { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string }

const FORMATS: (ImportFormat | '')[] = ['', 'wxr', 'disqus', 'isso', 'palaver']

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * The owner's data in and out: download links for the export (plain GETs, the session
 * cookie goes with them), an upload that runs the importer (POST /import, the file as the
 * body), and a reader's data by email address — shown, downloadable, and erased after the
 * address is typed again. Each result lands in a live region and takes the focus.
 *
 * @summary The data section.
 */
export class AdminData extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.2rem;
      }
      h3 {
        font-size: 1.05rem;
        margin: 1.5rem 0 0.5rem;
      }
      form {
        display: grid;
        gap: 0.6rem;
        max-width: 40rem;
      }
      .field {
        display: grid;
        gap: 0.2rem;
      }
      .check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      .result {
        margin: 0.6rem 0;
      }
      .result:focus {
        outline: 2px solid var(--admin-accent, currentColor);
      }
      ul {
        margin: 0.3rem 0;
      }
      p {
        margin: 0.3rem 0;
      }
    `,
  ]

  static override properties = {
    messages: { attribute: false },
    upload: { state: true, attribute: false },
    reader: { state: true, attribute: false },
    confirming: { state: true, attribute: false },
    erasure: { state: true, attribute: false },
  }

  messages: AdminMessages = en
  private upload: Async<ImportSummary> = { state: 'idle' }
  private reader: Async<PersonalData> = { state: 'idle' }
  private confirming = false
  private erasure: Async<string> = { state: 'idle' }
  #downloadUrl: string | null = null

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#revoke()
  }

  #revoke(): void {
    if (this.#downloadUrl) URL.revokeObjectURL(this.#downloadUrl)
    this.#downloadUrl = null
  }

  #problem(error: unknown): string {
    return error instanceof AdminApiError ? error.message : String(error)
  }

  /** The result paragraph of a step takes the focus once it is there, so a screen reader reads it. */
  async #focus(selector: string): Promise<void> {
    await this.updateComplete
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus()
  }

  async #import(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const file = (form.elements.namedItem('file') as HTMLInputElement).files?.[0]
    if (!file) return
    const format = (form.elements.namedItem('format') as HTMLSelectElement).value as ImportFormat | ''
    const dryRun = (form.elements.namedItem('dryRun') as HTMLInputElement).checked
    this.upload = { state: 'loading' }
    try {
      this.upload = { state: 'ready', value: await api.importFile(file, format, dryRun) }
    } catch (error) {
      this.upload = { state: 'error', message: this.#problem(error) }
    }
    await this.#focus('#import-result')
  }

  async #show(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const email = (this.renderRoot.querySelector<HTMLInputElement>('#reader-email')?.value ?? '').trim()
    this.#revoke()
    this.confirming = false
    this.erasure = { state: 'idle' }
    this.reader = { state: 'loading' }
    try {
      const value = await api.personalData(email)
      this.#downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }))
      this.reader = { state: 'ready', value }
    } catch (error) {
      this.reader = { state: 'error', message: this.#problem(error) }
    }
    await this.#focus('#reader-result')
  }

  async #askToErase(): Promise<void> {
    this.confirming = true
    await this.#focus('#confirm-email')
  }

  async #erase(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    if (this.reader.state !== 'ready') return
    const email = this.reader.value.email
    const confirm = this.renderRoot.querySelector<HTMLInputElement>('#confirm-email')?.value ?? ''
    const m = this.messages.data
    if (!sameAddress(email, confirm)) {
      this.erasure = { state: 'error', message: m.mismatch }
    } else {
      this.erasure = { state: 'loading' }
      try {
        const done = await api.erase(email, confirm)
        this.erasure = { state: 'ready', value: m.erased(done.erased, done.threads, done.subscriptions) }
        this.confirming = false
        this.#revoke()
        this.reader = { state: 'idle' }
      } catch (error) {
        this.erasure = { state: 'error', message: this.#problem(error) }
      }
    }
    await this.#focus('#erase-result')
  }

  #summary(s: ImportSummary) {
    const m = this.messages.data
    const pings = s.kinds.pingback + s.kinds.trackback + s.kinds.webmention
    const list = (title: string, listed: ImportSummary['skipped']) =>
      listed.total === 0 ? nothing : html`<li>${title}<ul>${listed.records.map((r) => html`<li>${r.where}: ${r.reason}</li>`)}</ul></li>`
    return html`<p>${s.dryRun ? m.dryRunDone : m.imported}</p>
      <ul>
        <li>${m.threads(s.threadsCreated, s.threadsExisting)}</li>
        <li>${m.comments(s.imported, s.statuses.pending, s.statuses.spam)}</li>
        <li>${m.pings(pings)}</li>
        <li>${m.unchanged(s.unchanged)}</li>
        ${list(m.orphans(s.orphans.total), s.orphans)} ${list(m.skipped(s.skipped.total), s.skipped)}
      </ul>`
  }

  #result<T>(id: string, state: Async<T>, ready: (value: T) => unknown) {
    const m = this.messages.data
    return html`<div id=${id} class="result" tabindex="-1" role="status" aria-live="polite">
      ${state.state === 'ready' ? ready(state.value) : state.state === 'error' ? html`<p class="error">${m.failed} ${state.message}</p>` : nothing}
    </div>`
  }

  #readerPart() {
    const m = this.messages.data
    return html`<h3>${m.reader}</h3>
      <p class="muted">${m.readerIntro}</p>
      <form @submit=${this.#show}>
        <div class="field">
          <label for="reader-email">${m.email}</label>
          <input id="reader-email" name="email" type="email" required autocomplete="off" />
        </div>
        <p><button type="submit">${m.show}</button></p>
      </form>
      ${this.#result(
        'reader-result',
        this.reader,
        (data) =>
          html`<p>${m.found(data.comments.length, data.subscriptions.length)}</p>
          <p><a href=${this.#downloadUrl ?? ''} download="palaver-personal-data.json">${m.download}</a></p>
          ${this.confirming ? nothing : html`<p><button class="danger" @click=${this.#askToErase}>${m.erase}</button></p>`}`,
      )}
      ${
        this.confirming
          ? html`<form class="confirm" @submit=${this.#erase}>
              <p id="erase-warning">${m.eraseWarning}</p>
              <div class="field">
                <label for="confirm-email">${m.confirm}</label>
                <input id="confirm-email" name="confirm" type="email" required autocomplete="off" aria-describedby="erase-warning" />
              </div>
              <p>
                <button class="danger" type="submit" ?disabled=${this.erasure.state === 'loading'}>${m.eraseSubmit}</button>
                <button type="button" @click=${() => (this.confirming = false)}>${m.cancel}</button>
              </p>
            </form>`
          : nothing
      }
      ${this.#result('erase-result', this.erasure, (text) => html`<p>${text}</p>`)}`
  }

  protected override render() {
    const m = this.messages.data
    const busy = this.upload.state === 'loading'
    return html`<h2>${m.heading}</h2>
      <h3>${m.export}</h3>
      <p class="muted">${m.exportIntro}</p>
      <ul>
        <li><a href="/api/v1/admin/export?format=palaver" download>${m.exportJson}</a></li>
        <li><a href="/api/v1/admin/export?format=wxr" download>${m.exportWxr}</a></li>
      </ul>
      <h3>${m.import}</h3>
      <p class="muted" id="import-intro">${m.importIntro}</p>
      <form @submit=${this.#import} aria-describedby="import-intro">
        <div class="field">
          <label for="import-file">${m.file}</label>
          <input id="import-file" name="file" type="file" required accept=".xml,.json,.db,.sqlite,application/xml,application/json" />
        </div>
        <div class="field">
          <label for="import-format">${m.format}</label>
          <select id="import-format" name="format">
            ${FORMATS.map((f) => html`<option value=${f}>${m.formats[f]}</option>`)}
          </select>
        </div>
        <div class="check">
          <input id="import-dry-run" name="dryRun" type="checkbox" />
          <label for="import-dry-run">${m.dryRun}</label>
        </div>
        <p><button class="primary" type="submit" ?disabled=${busy}>${busy ? m.importing : m.importSubmit}</button></p>
      </form>
      ${this.#result('import-result', this.upload, (s) => this.#summary(s))}
      ${this.#readerPart()}`
  }
}

customElements.get('admin-data') ?? customElements.define('admin-data', AdminData)

declare global {
  interface HTMLElementTagNameMap {
    'admin-data': AdminData
  }
}
