/**
 * Two tabs on one thread (issue 13, item 4): what one removes, or a moderator marks as
 * spam, leaves the other as the server would list it now — gone, or a placeholder while
 * replies are shown — and the count stays honest.
 */
import { expect } from '@open-wc/testing'
import type { Adapter, Comment } from '../../../src/model.js'
import { comment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'
import { $, $$, fill, memory, mount, settle, submit } from '../helpers/widget.js'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
})

const heading = (el: Element) => $(el, 'h2')!.textContent!.trim()
const ids = (el: Element) => $$(el, 'li[id]').map((li) => li.id)

/** A placeholder as the server's event stream sends one for a removed or spam comment. */
const withdrawn = (c: Comment): Comment => ({ ...c, status: 'deleted', html: '', editedAt: null, author: { name: '', url: null, avatar: null } })

describe('live events from another tab', () => {
  it('removes a comment deleted in the other tab, without a placeholder, and the count follows', async () => {
    const backend = memory([comment('a')])
    const mine = await mount(backend)
    const other = await mount(backend)
    fill(mine, { name: 'Ann', email: 'ann@example.com', body: 'Soon gone' })
    await submit(mine)
    await waitUntil('the other tab to show it', () => heading(other).startsWith('2 Replies'))
    $<HTMLButtonElement>(mine, 'button.remove')!.click()
    await settle(mine)
    $<HTMLButtonElement>(mine, '.confirm button.danger')!.click()
    await settle(mine)
    await waitUntil('the other tab to drop it', () => ids(other).length === 1)
    await settle(other)
    expect(other.shadowRoot!.textContent).not.to.contain('This comment was deleted.')
    expect(heading(other)).to.match(/^1 Reply\b/)
  })

  it('keeps a placeholder while replies are shown, and drops it with its last reply', async () => {
    let push!: (c: Comment) => void
    const a = comment('a')
    const b = comment('b', { parentId: 'a' })
    const c = comment('c', { parentId: 'b' })
    const base = memory([a, b, c, comment('d')])
    const adapter: Adapter = {
      list: (t, p) => base.list(t, p),
      post: (t, d, o) => base.post(t, d, o),
      subscribe: (_t, onChange) => {
        push = onChange
        return () => {}
      },
    }
    const el = await mount(adapter)
    expect(heading(el)).to.match(/^4 Replies/)
    // Marked as spam: a and b have replies shown, so they stay as placeholders.
    push(withdrawn(a))
    push(withdrawn(b))
    await settle(el)
    expect($$(el, 'article.deleted').length).to.equal(2)
    expect(heading(el)).to.match(/^2 Replies/)
    // The last reply goes: nothing is left below b, nor then below a.
    push(withdrawn(c))
    await settle(el)
    expect(ids(el)).to.deep.equal(['comment-d'])
    expect($$(el, 'article.deleted').length).to.equal(0)
    expect(heading(el)).to.match(/^1 Reply\b/)
  })
})
