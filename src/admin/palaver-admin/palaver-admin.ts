import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import '../admin-data/admin-data.js'
import '../admin-queue/admin-queue.js'
import '../admin-settings/admin-settings.js'
import '../admin-threads/admin-threads.js'
import { whenSessionEnds } from '../api.js'
import { type AdminMessages, adminMessagesFor } from '../i18n.js'
import { startLive, stopLive } from '../live.js'
import { $notice, $session, $view, checkSession, type Section, sessionEnded, showView, signIn, signOut } from '../stores.js'
import { StoreController } from '../store-controller.js'
import { shared } from '../styles.js'

const SECTIONS: Section[] = ['queue', 'threads', 'settings', 'data']

/**
 * The owner's moderation page, served at /admin: the sign-in form until the admin token
 * was exchanged for a session cookie, then the queue, threads and settings, kept up to
 * date by the admin event stream. The token lives only in the form field until it is sent.
 *
 * @summary The moderation page.
 */
export class PalaverAdmin extends LitElement {
  static override styles = [
    shared,
    css`
      :host {
        display: block;
        max-width: 60rem;
        margin: 0 auto;
        padding: 0.5rem 1rem 3rem;
        background: var(--admin-bg);
        min-height: 100vh;
        box-sizing: border-box;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: center;
        justify-content: space-between;
        border-bottom: 1px solid var(--admin-line);
        padding-bottom: 0.5rem;
      }
      h1 {
        font-size: 1.4rem;
        margin: 0.3rem 0;
      }
      nav ul {
        list-style: none;
        display: flex;
        gap: 0.4rem;
        padding: 0;
        margin: 0;
      }
      .who {
        display: flex;
        gap: 0.6rem;
        align-items: center;
      }
      form.sign-in {
        display: grid;
        gap: 0.5rem;
        max-width: 24rem;
      }
      .notice {
        min-height: 1.5em;
        margin: 0.4rem 0;
      }
    `,
  ]

  static override properties = { signInProblem: { state: true, attribute: false } }

  private signInProblem = ''
  readonly messages: AdminMessages = adminMessagesFor(document.documentElement.lang)
  readonly #session = new StoreController(this, $session)
  readonly #view = new StoreController(this, $view)
  readonly #notice = new StoreController(this, $notice)

  override connectedCallback(): void {
    super.connectedCallback()
    whenSessionEnds(sessionEnded)
    if ($session.get().state === 'checking') void checkSession()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    stopLive()
  }

  #wasSignedIn = false

  protected override updated(_changed: PropertyValues<this>): void {
    const signedIn = this.#session.value.state === 'signed-in'
    if (signedIn === this.#wasSignedIn) return
    this.#wasSignedIn = signedIn
    if (signedIn) {
      startLive()
      showView({})
    } else {
      stopLive()
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#token')?.focus())
    }
  }

  async #signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    const field = this.renderRoot.querySelector<HTMLInputElement>('#token')!
    const problem = await signIn(field.value)
    // The token is not kept anywhere: the field is emptied whatever the answer.
    field.value = ''
    const s = this.messages.signIn
    this.signInProblem = problem === 'wrong' ? s.wrong : problem === 'too-many' ? s.tooMany : problem === 'failed' ? s.failed : ''
  }

  #signInForm() {
    const s = this.messages.signIn
    const state = this.#session.value
    const reason = state.state === 'signed-out' ? state.reason : null
    return html`<main>
      <h2>${s.heading}</h2>
      ${reason ? html`<p class="reason" role="status">${reason === 'expired' ? s.expired : s.signedOut}</p>` : nothing}
      <form class="sign-in" @submit=${this.#signIn}>
        <p>${s.intro}</p>
        <label for="token">${s.token}</label>
        <input id="token" type="password" required autocomplete="off" spellcheck="false" aria-describedby="sign-in-problem" aria-invalid=${this.signInProblem ? 'true' : 'false'} />
        <p id="sign-in-problem" class="error" role="alert">${this.signInProblem}</p>
        <button class="primary" type="submit">${s.submit}</button>
      </form>
    </main>`
  }

  #console() {
    const m = this.messages
    const view = this.#view.value
    return html`<nav aria-label=${m.sections.label}>
        <ul>
          ${SECTIONS.map(
            (section) =>
              html`<li><button data-section=${section} aria-current=${view.section === section ? 'page' : 'false'} aria-pressed=${view.section === section ? 'true' : 'false'} @click=${() => showView({ section })}>
                ${m.sections[section]}
              </button></li>`,
          )}
        </ul>
      </nav>
      <main>
        ${view.section === 'queue' ? html`<admin-queue .messages=${m}></admin-queue>` : nothing}
        ${view.section === 'threads' ? html`<admin-threads .messages=${m}></admin-threads>` : nothing}
        ${view.section === 'settings' ? html`<admin-settings .messages=${m}></admin-settings>` : nothing}
        ${view.section === 'data' ? html`<admin-data .messages=${m}></admin-data>` : nothing}
      </main>`
  }

  protected override render() {
    const m = this.messages
    const state = this.#session.value
    const notice = this.#notice.value.text
    return html`<header>
        <h1>Palaver · ${m.title}</h1>
        ${
          state.state === 'signed-in'
            ? html`<div class="who"><span>${m.signedInAs(state.session.owner.name)}</span><button class="sign-out" @click=${signOut}>${m.signOut}</button></div>`
            : nothing
        }
      </header>
      <p class="notice" role="status" aria-live="polite">${state.state === 'signed-in' && notice ? notice(m) : ''}</p>
      ${state.state === 'signed-in' ? this.#console() : state.state === 'signed-out' ? this.#signInForm() : nothing}`
  }
}

customElements.get('palaver-admin') ?? customElements.define('palaver-admin', PalaverAdmin)

declare global {
  interface HTMLElementTagNameMap {
    'palaver-admin': PalaverAdmin
  }
}
