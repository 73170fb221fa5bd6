import { expect } from '@open-wc/testing'
import { PalaverError } from '../../../src/core/errors.js'
import type { Adapter, Draft, Posted } from '../../../src/model.js'
import { comment } from '../helpers/comments.js'
import { $, field, fill, form, liveText, memory, mount, settle, submit } from '../helpers/widget.js'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
})

/** Wraps an adapter so posting fails the first `failures` times with `error`. */
function failing(adapter: Adapter, error: PalaverError, failures = 1) {
  const calls: Array<{ draft: Draft; key: string }> = []
  const wrapped: Adapter = {
    list: (t, p) => adapter.list(t, p),
    post: async (t, draft, opts): Promise<Posted> => {
      calls.push({ draft, key: opts.idempotencyKey })
      if (calls.length <= failures) throw error
      return adapter.post(t, draft, opts)
    },
  }
  return { wrapped, calls }
}

describe('<palaver-comments> form', () => {
  it('has real labels, marks required fields and shows the privacy note', async () => {
    const el = await mount(memory([]))
    const root = form(el).shadowRoot!
    for (const id of ['name', 'email', 'url', 'body']) {
      expect(root.querySelector(`label[for=${id}]`), id).to.exist
    }
    expect(root.querySelector('label[for=name]')!.textContent).to.contain('*')
    expect(root.querySelector('label[for=url]')!.textContent).not.to.contain('*')
    expect(root.querySelector('.note')!.textContent!.replace(/\s+/g, ' ')).to.equal('Your email address will not be published. Required fields are marked *.')
  })

  it('shows a message beside each missing field, marks it invalid and focuses the first in form order (Comment)', async () => {
    const el = await mount(memory([]))
    await submit(el)
    const body = field(el, 'body')
    expect(body.getAttribute('aria-invalid')).to.equal('true')
    const describedBy = body.getAttribute('aria-describedby')!
    expect(form(el).shadowRoot!.getElementById(describedBy)!.textContent).to.equal('Comment is required.')
    expect(field(el, 'name').getAttribute('aria-invalid')).to.equal('true')
    expect(field(el, 'url').getAttribute('aria-invalid')).to.equal('false')
    expect(form(el).shadowRoot!.activeElement?.id).to.equal('body')
    expect(liveText(el)).to.equal('Please correct the 3 marked fields.')
  })

  it('rejects a website that is not http(s)', async () => {
    const el = await mount(memory([]))
    fill(el, { name: 'Ann', email: 'ann@example.com', url: 'javascript:alert(1)', body: 'Hi' })
    await submit(el)
    expect(field(el, 'url').getAttribute('aria-invalid')).to.equal('true')
    expect($(el, 'ol.comments') === null).to.equal(true)
  })

  it('posts a comment that appears at once, takes focus and is announced', async () => {
    const el = await mount(memory([comment('a')]))
    fill(el, { name: 'Ann', email: 'ann@example.com', body: 'Hello there' })
    let posted = ''
    el.addEventListener('palaver-posted', (e) => (posted = e.comment.author.name))
    await submit(el)
    const items = [...el.shadowRoot!.querySelectorAll('ol.comments > li')]
    expect(items.length).to.equal(2)
    expect(items[1]!.textContent).to.contain('Hello there')
    expect(el.shadowRoot!.activeElement).to.equal(items[1]!.querySelector('article'))
    expect(liveText(el)).to.equal('Your comment was posted.')
    expect($(el, 'h2')!.textContent).to.match(/^2 Replies/)
    expect(posted).to.equal('Ann')
    expect(field<HTMLTextAreaElement>(el, 'body').value).to.equal('')
  })

  it('shows the reader their pending comment marked as awaiting moderation, uncounted', async () => {
    const adapter = new (await import('../../../src/adapters/memory.js')).MemoryAdapter({ moderate: true })
    const el = await mount(adapter)
    fill(el, { name: 'Ann', email: 'ann@example.com', body: 'Held' })
    await submit(el)
    expect($(el, '.pending .moderation')!.textContent).to.equal('Your comment is awaiting moderation.')
    expect(liveText(el)).to.equal('Your comment was received and is awaiting moderation.')
    expect($(el, 'h2')!.textContent).to.match(/^0 Replies/)
  })

  it('maps backend field errors onto the same fields and keeps the draft', async () => {
    const error = new PalaverError('validation', 'bad', { fields: { email: { code: 'other', message: 'Domain does not accept mail' } }, status: 422 })
    const { wrapped } = failing(memory([]), error)
    const el = await mount(wrapped)
    fill(el, { name: 'Ann', email: 'ann@example.com', body: 'Keep me' })
    await submit(el)
    const email = field(el, 'email')
    expect(email.getAttribute('aria-invalid')).to.equal('true')
    expect(form(el).shadowRoot!.getElementById(email.getAttribute('aria-describedby')!)!.textContent).to.equal('Domain does not accept mail')
    expect(field<HTMLTextAreaElement>(el, 'body').value).to.equal('Keep me')
  })

  it('keeps the draft when posting fails and retries with the same idempotency key, posting once', async () => {
    const { wrapped, calls } = failing(memory([]), new PalaverError('network', 'offline'))
    const el = await mount(wrapped)
    fill(el, { name: 'Ann', email: 'ann@example.com', body: 'Persistent' })
    await submit(el)
    expect(field<HTMLTextAreaElement>(el, 'body').value).to.equal('Persistent')
    expect(form(el).shadowRoot!.querySelector('.form-error')!.textContent).to.contain('could not be reached')
    const button = form(el).shadowRoot!.querySelector('button[type=submit]')!
    expect(button.textContent!.trim()).to.equal('Try again')
    await submit(el)
    expect(calls.length).to.equal(2)
    expect(calls[0]!.key).to.equal(calls[1]!.key)
    expect(el.shadowRoot!.querySelectorAll('ol.comments > li').length).to.equal(1)
  })

  it('keeps the draft across a reload of the widget', async () => {
    const adapter = memory([])
    const first = await mount(adapter)
    fill(first, { name: 'Ann', body: 'Half-written thought' })
    first.remove()
    const second = await mount(adapter)
    expect(field<HTMLTextAreaElement>(second, 'body').value).to.equal('Half-written thought')
    expect(field(second, 'name').value).to.equal('Ann')
  })

  it('stores name, email and website only when the reader opts in', async () => {
    const el = await mount(memory([]))
    fill(el, { name: 'Ann', email: 'ann@example.com', url: 'https://ann.example', body: 'One' })
    await submit(el)
    expect(localStorage.getItem('palaver:author')).to.equal(null)
    expect(field(el, 'name').value).to.equal('')

    const remember = field(el, 'remember')
    remember.click()
    fill(el, { name: 'Ann', email: 'ann@example.com', url: 'https://ann.example', body: 'Two' })
    await submit(el)
    expect(JSON.parse(localStorage.getItem('palaver:author')!)).to.deep.equal({ name: 'Ann', email: 'ann@example.com', url: 'https://ann.example' })
    expect(field(el, 'name').value).to.equal('Ann')
  })

  it('hides the form with "Comments are closed." when the thread is closed', async () => {
    const el = await mount(memory([comment('a')], { open: false }))
    expect($(el, 'palaver-comment-form') === null).to.equal(true)
    expect($(el, '.closed')!.textContent).to.equal('Comments are closed.')
    expect($(el, 'button.reply') === null).to.equal(true)
  })
})

describe('<palaver-comments> replying with the keyboard', () => {
  it('opens the form under the comment, focuses the comment field, and Escape returns focus to Reply', async () => {
    const el = await mount(memory([comment('a', { author: { name: 'Bea', url: null, avatar: null } }), comment('b')]))
    const reply = $<HTMLButtonElement>(el, '#comment-a button.reply')!
    reply.focus()
    reply.click()
    await settle(el)
    expect($(el, '#comment-a > palaver-comment-form') !== null).to.equal(true)
    expect(reply.getAttribute('aria-expanded')).to.equal('true')
    expect(form(el).shadowRoot!.querySelector('h3')!.textContent).to.equal('Leave a reply to \u2068Bea\u2069')
    expect(form(el).shadowRoot!.activeElement?.id).to.equal('body')

    field(el, 'body').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }))
    await settle(el)
    expect($(el, '#comment-a > palaver-comment-form') === null).to.equal(true)
    expect($(el, 'section > palaver-comment-form') !== null).to.equal(true)
    expect(el.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Reply')
  })

  it('posts a reply nested under the comment it answers', async () => {
    const el = await mount(memory([comment('a')]))
    $<HTMLButtonElement>(el, '#comment-a button.reply')!.click()
    await settle(el)
    fill(el, { name: 'Cem', email: 'cem@example.com', body: 'A reply' })
    await submit(el)
    const nested = el.shadowRoot!.querySelectorAll('#comment-a > ol.children > li')
    expect(nested.length).to.equal(1)
    expect(nested[0]!.textContent).to.contain('A reply')
    expect(el.shadowRoot!.activeElement).to.equal(nested[0]!.querySelector('article'))
  })
})

describe("<palaver-comments> editing and removing one's own comment", () => {
  async function postOwn(adapter = memory([])) {
    const el = await mount(adapter)
    fill(el, { name: 'Ann', email: 'ann@example.com', body: 'First version' })
    await submit(el)
    return el
  }

  it("offers Edit and Delete only on the reader's own comment", async () => {
    const el = await postOwn(memory([comment('other')]))
    expect($(el, '#comment-other button.edit') === null).to.equal(true)
    const own = el.shadowRoot!.querySelectorAll('ol.comments > li')[1]!
    expect(own.querySelector('button.edit')!.textContent).to.equal('Edit')
  })

  it('edits the comment in place, starting from the text as typed', async () => {
    const el = await postOwn()
    $<HTMLButtonElement>(el, 'button.edit')!.click()
    await settle(el)
    const textarea = $<HTMLTextAreaElement>(el, '.editor textarea')!
    expect(textarea.value).to.equal('First version')
    expect(el.shadowRoot!.activeElement).to.equal(textarea)
    textarea.value = 'Second version'
    textarea.dispatchEvent(new Event('input'))
    $<HTMLButtonElement>(el, '.editor button[type=submit]')!.click()
    await settle(el)
    expect($(el, '.editor') === null).to.equal(true)
    expect($(el, 'ol.comments .body')!.textContent).to.contain('Second version')
    expect(liveText(el)).to.equal('Your changes were saved.')
  })

  it('deletes after an inline confirmation, and the count follows', async () => {
    const el = await postOwn(memory([comment('a')]))
    expect($(el, 'h2')!.textContent).to.match(/^2 Replies/)
    $<HTMLButtonElement>(el, 'button.remove')!.click()
    await settle(el)
    expect($(el, '.confirm')!.textContent).to.contain('Delete this comment?')
    $<HTMLButtonElement>(el, '.confirm button.danger')!.click()
    await settle(el)
    expect(el.shadowRoot!.querySelectorAll('ol.comments > li').length).to.equal(1)
    expect($(el, 'h2')!.textContent).to.match(/^1 Reply/)
    expect(liveText(el)).to.equal('Your comment was deleted.')
  })
})
