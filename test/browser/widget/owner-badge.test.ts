/**
 * The owner's badge, against a real `palaver serve --owner-name "Jo Owner"` (the
 * palaver-server-owner plugin in web-test-runner.config.js): a reader who types the owner's
 * name gets no badge; the owner's reply, written through the admin API, shows "Site owner"
 * (or "Betreiber" on a German page) beside the name, as text readers and screen readers get.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.component.js'
import { waitUntil as until } from '../helpers/wait.js'

const ADMIN_TOKEN = 'wtr-admin-token-0123456789'
const server = () => executeServerCommand<{ url: string }, { action: string }>('palaver-server-owner', { action: 'start' })

async function json(response: Response): Promise<any> {
  if (!response.ok) throw new Error(`${response.status}: ${await response.text()}`)
  return response.json()
}

describe('the owner badge', () => {
  let url: string
  let thread: string
  let readerId: string
  let ownerReplyId: string

  before(async () => {
    url = (await server()).url
    thread = `/badge/${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
    const info = await json(await fetch(`${url}/api/v1/comments?${new URLSearchParams({ thread })}`))
    // A reader who calls themselves what the owner is called, and claims the role as well.
    const posted = await json(
      await fetch(`${url}/api/v1/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          thread,
          parentId: null,
          author: { name: 'Jo Owner', email: 'impostor@example.org', url: '', role: 'owner' },
          role: 'owner',
          body: 'I am the owner of this site.',
          formToken: info.thread.formToken,
        }),
      }),
    )
    readerId = posted.comment.id
    const reply = await json(
      await fetch(`${url}/api/v1/admin/comments/${readerId}/reply`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ body: 'No, I am.' }),
      }),
    )
    ownerReplyId = reply.id
  })

  async function rendered(lang: string): Promise<PalaverComments> {
    const el = await fixture<PalaverComments>(html`<palaver-comments thread=${thread} loading="eager" lang=${lang}
      .adapter=${new PalaverAdapter(url)}></palaver-comments>`)
    await until('both comments', () => el.shadowRoot!.querySelectorAll('article.comment').length === 2)
    return el
  }
  const articleOf = (el: PalaverComments, id: string) => el.shadowRoot!.querySelector(`#comment-${id} > article`)!

  it("shows the badge on the owner's reply and none on a reader who typed the owner's name", async () => {
    const el = await rendered('en')
    const reader = articleOf(el, readerId)
    const owner = articleOf(el, ownerReplyId)
    expect(reader.querySelector('.author')!.textContent).to.equal('Jo Owner')
    expect(owner.querySelector('.author')!.textContent).to.equal('Jo Owner')
    expect(reader.querySelector('[part~="badge"]'), 'a reader, whatever they typed').to.equal(null)
    const badge = owner.querySelector<HTMLElement>('[part~="badge"]')!
    expect(badge.textContent).to.equal('Site owner')
    expect(badge.getBoundingClientRect().width, 'visible').to.be.greaterThan(0)
    // The byline names the article: the badge is read with the name.
    expect(owner.querySelector('.byline')!.textContent).to.contain('Jo Owner').and.to.contain('Site owner')
  })

  it('speaks German on a German page', async () => {
    const el = await rendered('de')
    expect(articleOf(el, ownerReplyId).querySelector('[part~="badge"]')!.textContent).to.equal('Betreiber')
  })
})
