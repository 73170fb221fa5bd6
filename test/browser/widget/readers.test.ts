/**
 * Defects readers met (issue 13, items 5 and 6): words, focus and states the widget got
 * wrong, and the edit window that ended without a reload.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { PalaverError } from '../../../src/core/errors.js'
import type { Adapter } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'
import { $, fill, form, memory, mount, settle, submit } from '../helpers/widget.js'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
})

/** Posts the reader's own comment through `adapter` and returns the element. */
async function postOwn(adapter: Adapter, lang = 'en') {
  const el = await mount(adapter, { lang })
  fill(el, { name: 'Ann', email: 'ann@example.com', body: 'First version' })
  await submit(el)
  return el
}

/** Opens the inline editor on the reader's comment, types `text` and presses Save. */
async function editTo(el: Awaited<ReturnType<typeof mount>>, text: string) {
  $<HTMLButtonElement>(el, 'button.edit')!.click()
  await settle(el)
  const textarea = $<HTMLTextAreaElement>(el, '.editor textarea')!
  textarea.value = text
  textarea.dispatchEvent(new Event('input'))
  $<HTMLButtonElement>(el, '.editor button[type=submit]')!.click()
  await settle(el)
}

describe('words and states', () => {
  it('labels the email field "Email" in English', async () => {
    const el = await mount(memory([]))
    expect(form(el).shadowRoot!.querySelector('label[for=email]')!.textContent).to.match(/^Email\b/)
  })

  it('says "Comment is too long" in German in the inline editor, whatever language the backend wrote', async () => {
    const base = memory([])
    const adapter: Adapter = {
      list: (t, p) => base.list(t, p),
      post: (t, d, o) => base.post(t, d, o),
      edit: async () => {
        throw new PalaverError('validation', 'Some fields are not valid.', {
          status: 422,
          fields: { body: { code: 'too-long', message: 'Comment is too long.' } },
        })
      },
    }
    const el = await postOwn(adapter, 'de')
    await editTo(el, 'x'.repeat(30))
    expect($(el, '.editor .error')!.textContent).to.equal('Kommentar ist zu lang.')
  })

  it('does not invite the first comment on a closed empty thread', async () => {
    const el = await mount(memory([], { open: false }))
    expect($(el, '.closed')!.textContent).to.equal('Comments are closed.')
    expect(el.shadowRoot!.textContent).not.to.contain('Be the first')
  })

  it('does not keep "Loading comments…" in the heading after a load error', async () => {
    const broken: Adapter = { list: async () => Promise.reject(new PalaverError('network', 'down')), post: async () => Promise.reject(new Error('no')) }
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" .adapter=${broken}></palaver-comments>`)
    await waitUntil('the error', () => $(el, '.state-error'))
    expect($(el, 'h2')!.textContent!.trim()).to.equal('Comments')
  })
})

describe('the edit window', () => {
  /** A backend whose posts may be changed for `ms` only, as the server's editableUntil says. */
  function windowed(ms: number): Adapter {
    const base = memory([comment('a')])
    return {
      list: (t, p) => base.list(t, p),
      post: async (t, d, o) => ({ ...(await base.post(t, d, o)), editableUntil: new Date(Date.now() + ms).toISOString() }),
      edit: (id, body, token) => base.edit(id, body, token),
      remove: (id, token) => base.remove(id, token),
    }
  }

  it('hides Edit and Delete when the window ends, without a reload', async () => {
    const el = await postOwn(windowed(1500))
    expect($(el, 'button.edit')).to.exist
    await waitUntil('Edit to go', () => $(el, 'button.edit') === null && $(el, 'button.remove') === null, 6000)
  })

  it('says the time is over when the server refuses a late edit', async () => {
    const base = memory([])
    const adapter: Adapter = {
      list: (t, p) => base.list(t, p),
      post: (t, d, o) => base.post(t, d, o),
      edit: async () => {
        throw new PalaverError('edit-expired', 'The time for editing this comment is over.', { status: 403 })
      },
    }
    const el = await postOwn(adapter)
    await editTo(el, 'Second version')
    expect($(el, '.editor .error')!.textContent).to.equal('The time for changes is over.')
  })
})
