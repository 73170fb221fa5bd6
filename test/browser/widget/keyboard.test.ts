import { expect } from '@open-wc/testing'
import { sendKeys } from '@web/test-runner-commands'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { memory, mount, settle } from '../helpers/widget.js'

/** The element that has focus, looking through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

async function tabTo(_el: PalaverComments, predicate: (e: Element) => boolean, limit = 40) {
  for (let i = 0; i < limit; i++) {
    await sendKeys({ press: 'Tab' })
    const f = focused()
    if (f && predicate(f)) return f
  }
  throw new Error('never reached the element with Tab')
}

describe('keyboard only (real key presses)', () => {
  beforeEach(() => {
    sessionStorage.clear()
    localStorage.clear()
  })

  it('replies to a comment with Tab, Enter and typing alone, and the reply takes focus', async () => {
    const el = await mount(memory([comment('a', { author: { name: 'Bea', url: null, avatar: null } })]))
    await tabTo(el, (f) => f.textContent?.trim() === 'Reply')
    await sendKeys({ press: 'Enter' })
    await settle(el)
    expect(focused()?.id).to.equal('body')
    await sendKeys({ type: 'Typed with the keyboard' })
    for (const [id, text] of [
      ['name', 'Kai'],
      ['email', 'kai@example.com'],
    ] as const) {
      await tabTo(el, (f) => f.id === id)
      await sendKeys({ type: text })
    }
    await tabTo(el, (f) => f.getAttribute('type') === 'submit')
    await sendKeys({ press: 'Enter' })
    await settle(el)
    const reply = el.shadowRoot!.querySelector('#comment-a > ol.children > li > article')!
    expect(reply.textContent).to.contain('Typed with the keyboard')
    expect(focused() === reply).to.equal(true)
  })

  it('closes the reply form with Escape and returns focus to the Reply button', async () => {
    const el = await mount(memory([comment('a')]))
    await tabTo(el, (f) => f.textContent?.trim() === 'Reply')
    await sendKeys({ press: 'Enter' })
    await settle(el)
    await sendKeys({ press: 'Escape' })
    await settle(el)
    expect(focused()?.textContent?.trim()).to.equal('Reply')
    expect(el.shadowRoot!.querySelector('#comment-a palaver-comment-form') === null).to.equal(true)
  })
})
