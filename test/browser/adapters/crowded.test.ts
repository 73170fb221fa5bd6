/**
 * A comment with more replies than the reference server puts in one answer (1,000): the
 * palaver adapter follows `moreReplies` through `/comments/:id/replies` until done, so the
 * widget shows every reply. Against the real server (the palaver-server plugin).
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { draft } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'

const REPLIES = 1_050

describe('a comment with more than 1,000 replies (real server)', function () {
  this.timeout(120_000)
  let url = ''
  const thread = `/crowded-${Date.now()}`

  before(async function () {
    this.timeout(120_000)
    ;({ url } = await executeServerCommand<{ url: string }, { action: string }>('palaver-server', { action: 'start' }))
    const adapter = new PalaverAdapter(url)
    await adapter.list(thread, { limit: 1, sort: 'oldest' })
    const root = await adapter.post(thread, draft({ body: 'The root' }), { idempotencyKey: `root-${thread}` })
    let next = 0
    const worker = async () => {
      for (let i = next++; i < REPLIES; i = next++) {
        await adapter.post(thread, draft({ parentId: root.comment.id, body: `Reply ${i}` }), { idempotencyKey: `${thread}-${i}` })
      }
    }
    await Promise.all(Array.from({ length: 6 }, worker))
  })

  it('the adapter lists every reply, following moreReplies', async () => {
    const page = await new PalaverAdapter(url).list(thread, { limit: 50, sort: 'oldest' })
    expect(page.comments.length).to.equal(REPLIES + 1)
    expect(new Set(page.comments.map((c) => c.id)).size).to.equal(REPLIES + 1)
    expect(page.thread.count).to.equal(REPLIES + 1)
  })

  it('the widget shows all of them', async () => {
    const el = await fixture<PalaverComments>(html`<palaver-comments server=${url} thread=${thread} loading="eager" lang="en"></palaver-comments>`)
    await waitUntil('the thread', () => el.shadowRoot!.querySelector('ol.comments'), 30_000)
    await el.updateComplete
    expect(el.shadowRoot!.querySelectorAll('li[id^="comment-"]').length).to.equal(REPLIES + 1)
    const bodies = [...el.shadowRoot!.querySelectorAll('.body')].map((b) => b.textContent!.trim())
    expect(bodies).to.include(`Reply ${REPLIES - 1}`)
  })
})
