/**
 * Shared permalinks (issue 13, item 1): a `#comment-…` address loads a lazy widget far
 * below the fold at once and brings that comment into view, focused and highlighted, after
 * the comments above it took their real size; a later `hashchange` does the same.
 */
import { expect, fixture, html } from '@open-wc/testing'
import '../../../src/index.js'
import type { Comment } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { nextFrame, waitUntil } from '../helpers/wait.js'
import { memory } from '../helpers/widget.js'

/** 200 comments of very different heights: content-visibility's guesses are far off. */
function thread(): Comment[] {
  return Array.from({ length: 200 }, (_, i) => comment(`c${i}`, { html: `<p>Comment ${i}</p>`.repeat(1 + ((i * 7) % 13)) }))
}

/** A lazy widget (the default) below 6,000 px of page. */
async function farBelow() {
  const wrapper = await fixture<HTMLDivElement>(html`<div>
    <div style="height: 6000px">Article</div>
    <palaver-comments thread="t" lang="en" page-size="250" .adapter=${memory(thread())}></palaver-comments>
  </div>`)
  return wrapper.querySelector<PalaverComments>('palaver-comments')!
}

const item = (el: PalaverComments, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[id="comment-${id}"] > article`)

/** The comment is focused, highlighted, and in view; and stays so for a few frames. */
async function expectInView(el: PalaverComments, id: string) {
  const article = await waitUntil(`comment ${id} focused`, () => el.shadowRoot!.activeElement === item(el, id) && item(el, id))
  for (let i = 0; i < 30; i++) await nextFrame()
  const box = article.getBoundingClientRect()
  expect(box.top).to.be.at.least(0)
  expect(box.top).to.be.below(innerHeight / 2)
  expect(el.shadowRoot!.activeElement).to.equal(article)
  expect(getComputedStyle(article).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)')
}

describe('permalinks', () => {
  const start = location.href.split('#')[0]!
  afterEach(() => {
    history.replaceState(null, '', start)
    scrollTo(0, 0)
  })

  it('opening the page with #comment-ID loads the lazy widget at once and shows that comment, focused', async () => {
    history.replaceState(null, '', '#comment-c150')
    const el = await farBelow()
    await expectInView(el, 'c150')
  })

  it('a hashchange to #comment-ID does the same', async () => {
    const el = await farBelow()
    await nextFrame()
    expect(el.shadowRoot!.querySelector('ol.comments')).to.equal(null)
    location.hash = '#comment-c120'
    await expectInView(el, 'c120')
  })
})
