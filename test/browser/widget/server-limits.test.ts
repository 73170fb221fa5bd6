/**
 * The form enforces the limits of the server it talks to, from the thread info: a real
 * `palaver serve --max-body 50 --max-name 20` (the palaver-server-limits plugin in
 * web-test-runner.config.js), not the defaults the widget carries for other backends.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.component.js'
import { waitUntil as until } from '../helpers/wait.js'
import { field, form, type } from '../helpers/widget.js'

const server = () => executeServerCommand<{ url: string }, { action: string }>('palaver-server-limits', { action: 'start' })

describe('limits from the server', () => {
  let url: string
  /** Every POST the widget sent, with the status it got. */
  let posts: number[]
  let el: PalaverComments

  const submit = () => form(el).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!
  const errorOf = (id: string) => form(el).shadowRoot!.querySelector(`#${id}-error`)?.textContent?.trim() ?? ''

  before(async () => {
    url = (await server()).url
  })

  beforeEach(async () => {
    posts = []
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init)
      if (init?.method === 'POST') posts.push(response.status)
      return response
    }
    const thread = `/limits/${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    el = await fixture<PalaverComments>(html`<palaver-comments thread=${thread} loading="eager" lang="en"
      .adapter=${new PalaverAdapter(url, { fetch: counting })}></palaver-comments>`)
    await until('the form', () => el.shadowRoot!.querySelector('palaver-comment-form'))
    await form(el).updateComplete
    type(el, 'name', 'Ann')
    type(el, 'email', 'ann@example.org')
  })

  it('refuses 51 characters beside the field when the server allows 50, keeping the draft and sending nothing', async () => {
    const draft = 'x'.repeat(51)
    type(el, 'body', draft)
    submit().click()
    await until('the field error', () => errorOf('body'))
    expect(errorOf('body')).to.equal('Comment is too long.')
    expect(field(el, 'body').getAttribute('aria-invalid')).to.equal('true')
    expect(field<HTMLTextAreaElement>(el, 'body').value).to.equal(draft)
    expect(posts, 'the form stopped it, not the server').to.deep.equal([])
  })

  it("posts 50 characters, and caps the name input at the server's --max-name", async () => {
    expect(field(el, 'name').getAttribute('maxlength')).to.equal('20')
    expect(field(el, 'url').getAttribute('maxlength')).to.equal('2000')
    const body = 'y'.repeat(50)
    type(el, 'body', body)
    submit().click()
    await until('the posted comment', () => [...el.shadowRoot!.querySelectorAll('.body')].some((b) => b.textContent!.trim() === body))
    expect(posts).to.deep.equal([201])
  })
})
