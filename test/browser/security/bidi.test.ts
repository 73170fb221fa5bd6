import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { comment } from '../helpers/comments.js'
import '../../../src/widget/palaver-comments/palaver-comments.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { waitUntil } from '../helpers/wait.js'
import { settle } from './tripwires.js'

const RLO = '\u202e'

async function mountNames(): Promise<PalaverComments> {
  const comments = [
    comment('a', { author: { name: `Admin${RLO} gnp.exe`, url: 'https://example.org/', avatar: null } }),
    comment('b', { parentId: 'a', author: { name: `Bea${RLO}`, url: null, avatar: null } }),
    comment('c', { parentId: 'b', author: { name: 'Cem', url: null, avatar: null } }),
    comment('p', { kind: 'pingback', author: { name: `Blog${RLO} title`, url: 'https://example.org/p', avatar: null } }),
  ]
  const adapter = new MemoryAdapter({ threads: { t: { comments } } })
  const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" max-depth="1" .adapter=${adapter}></palaver-comments>`)
  await waitUntil('the list', () => el.shadowRoot!.querySelector('ol.comments'))
  return el
}

describe('bidi overrides in names', () => {
  it('stay inside the name: author names, pingback titles and "@Name" are isolated', async () => {
    const el = await mountNames()
    const names = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.author, .reply-to a')]
    expect(names.length).to.equal(6)
    for (const name of names) expect(getComputedStyle(name).unicodeBidi, name.textContent!).to.equal('isolate')
  })

  it('stay inside the name in the reply form heading (first-strong isolate)', async () => {
    const el = await mountNames()
    el.shadowRoot!.querySelector<HTMLButtonElement>('[id="comment-a"] button.reply')!.click()
    await el.updateComplete
    await settle()
    const heading = el.shadowRoot!.querySelector('palaver-comment-form')!.shadowRoot!.querySelector('h3')!.textContent!
    expect(heading).to.contain(`\u2068Admin${RLO} gnp.exe\u2069`)
  })
})
