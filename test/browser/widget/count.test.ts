import { expect, fixture, html } from '@open-wc/testing'
import type { Adapter } from '../../../src/model.js'
import '../../../src/widget/palaver-count/palaver-count.js'
import type { PalaverCount } from '../../../src/widget/palaver-count/palaver-count.js'
import { nextTask, waitUntil } from '../helpers/wait.js'

function countingAdapter(counts: Record<string, number>, fail = false) {
  const calls: string[][] = []
  const adapter: Adapter = {
    list: () => Promise.reject(new Error('not used')),
    post: () => Promise.reject(new Error('not used')),
    count: async (threads) => {
      calls.push(threads)
      if (fail) throw new Error('down')
      return Object.fromEntries(threads.map((t) => [t, counts[t] ?? 0]))
    },
  }
  return { adapter, calls }
}

/** The element's text once the batch it joined has been answered (or has failed). */
const text = async (el: PalaverCount, calls: string[][]) => {
  await waitUntil('the batched count request', () => calls.length > 0)
  await nextTask()
  await el.updateComplete
  return el.shadowRoot!.textContent!.trim()
}

describe('<palaver-count>', () => {
  it('asks once for every count on the page and shows each with the right plural', async () => {
    const { adapter, calls } = countingAdapter({ '/a': 12, '/b': 1 })
    const page = await fixture<HTMLElement>(html`<p lang="en">
      <palaver-count thread="/a" .adapter=${adapter}></palaver-count>
      <palaver-count thread="/b" .adapter=${adapter}></palaver-count>
      <palaver-count thread="/c" .adapter=${adapter}></palaver-count>
    </p>`)
    const [a, b, c] = [...page.querySelectorAll('palaver-count')]
    expect(await text(a!, calls)).to.equal('12 comments')
    expect(await text(b!, calls)).to.equal('1 comment')
    expect(await text(c!, calls)).to.equal('0 comments')
    expect(calls).to.deep.equal([['/a', '/b', '/c']])
  })

  it('speaks German inside a German page', async () => {
    const { adapter, calls } = countingAdapter({ '/a': 2 })
    const page = await fixture<HTMLElement>(html`<p lang="de"><palaver-count thread="/a" .adapter=${adapter}></palaver-count></p>`)
    expect(await text(page.querySelector('palaver-count')!, calls)).to.equal('2 Kommentare')
  })

  it("follows a change of the page's language", async () => {
    const { adapter, calls } = countingAdapter({ '/a': 2 })
    const page = await fixture<HTMLElement>(html`<p lang="en"><palaver-count thread="/a" .adapter=${adapter}></palaver-count></p>`)
    const el = page.querySelector('palaver-count')!
    expect(await text(el, calls)).to.equal('2 comments')
    page.setAttribute('lang', 'de')
    expect(await text(el, calls)).to.equal('2 Kommentare')
  })

  it('shows nothing when counting fails', async () => {
    const { adapter, calls } = countingAdapter({}, true)
    const el = await fixture<PalaverCount>(html`<palaver-count thread="/a" .adapter=${adapter}></palaver-count>`)
    expect(await text(el, calls)).to.equal('')
  })
})
