import { expect } from '@open-wc/testing'
import type { Adapter, Draft, Page } from '../../../src/model.js'
import { $, field, fill, form, memory, mount, settle, submit } from '../helpers/widget.js'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
})

/** The memory backend, saying what the Palaver server says when it mails: `notifications`. Records each draft. */
function mailing(notifications: boolean) {
  const inner = memory([])
  const drafts: Draft[] = []
  const adapter: Adapter = {
    list: async (t, p): Promise<Page> => {
      const page = await inner.list(t, p)
      return { ...page, thread: { ...page.thread, ...(notifications ? { notifications: true } : {}) } }
    },
    post: (t, draft, opts) => {
      drafts.push(draft)
      return inner.post(t, draft, opts)
    },
  }
  return { adapter, drafts }
}

const checkbox = (el: Parameters<typeof submit>[0]) => form(el).shadowRoot!.querySelector<HTMLInputElement>('#notify')

describe('<palaver-comments> "Notify me of replies"', () => {
  it('is offered only by a backend that mails, as a labelled checkbox that is off', async () => {
    const without = await mount(mailing(false).adapter)
    expect(checkbox(without)).to.equal(null)

    const el = await mount(mailing(true).adapter)
    const box = checkbox(el)!
    expect(box.type).to.equal('checkbox')
    expect(box.checked).to.equal(false)
    expect(form(el).shadowRoot!.querySelector('label[for=notify]')!.textContent).to.equal('Notify me of replies by email')
  })

  it('speaks German in a German page', async () => {
    const el = await mount(mailing(true).adapter, { lang: 'de' })
    expect(form(el).shadowRoot!.querySelector('label[for=notify]')!.textContent).to.equal('Bei Antworten per E-Mail benachrichtigen')
  })

  it('sends notify and the widget’s language only when ticked, and is off again after posting', async () => {
    const { adapter, drafts } = mailing(true)
    const el = await mount(adapter, { lang: 'de' })
    fill(el, { name: 'Ann', email: 'ann@example.org', body: 'Without' })
    await submit(el)
    expect(drafts[0]!.notify).to.equal(undefined)
    expect(drafts[0]!.lang).to.equal('de')

    fill(el, { name: 'Ann', email: 'ann@example.org', body: 'With' })
    checkbox(el)!.click()
    await settle(el)
    await submit(el)
    expect(drafts[1]!.notify).to.equal(true)
    expect(checkbox(el)!.checked).to.equal(false, 'off for the next comment')
  })

  it('makes the email required while ticked, even where the backend does not require it', async () => {
    const { adapter, drafts } = mailing(true)
    const list = adapter.list
    adapter.list = async (t, p) => {
      const page = await list(t, p)
      return { ...page, thread: { ...page.thread, requires: ['name'] } }
    }
    const el = await mount(adapter)
    const emailLabel = () => form(el).shadowRoot!.querySelector('label[for=email]')!.textContent!
    expect(emailLabel()).not.to.contain('*')
    checkbox(el)!.click()
    await settle(el)
    expect(emailLabel()).to.contain('*')
    fill(el, { name: 'Ann', body: 'Tell me' })
    await submit(el)
    expect(drafts.length).to.equal(0)
    expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true')
    expect(form(el).shadowRoot!.activeElement?.id).to.equal('email')

    checkbox(el)!.click()
    await settle(el)
    expect(emailLabel()).not.to.contain('*')
    await submit(el)
    expect(drafts.length).to.equal(1, 'unticked, no email is needed')
    expect($(el, 'palaver-comment-form') !== null).to.equal(true)
  })
})
