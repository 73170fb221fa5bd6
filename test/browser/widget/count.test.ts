import { expect, fixture, html } from '@open-wc/testing'
import type { Adapter } from '../../../src/model.js'
import '../../../src/widget/palaver-count/palaver-count.js'
import type { PalaverCount } from '../../../src/widget/palaver-count/palaver-count.js'

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

const text = async (el: PalaverCount) => {
  await new Promise((r) => setTimeout(r, 10))
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
    expect(await text(a!)).to.equal('12 comments')
    expect(await text(b!)).to.equal('1 comment')
    expect(await text(c!)).to.equal('0 comments')
    expect(calls).to.deep.equal([['/a', '/b', '/c']])
  })

  it('speaks German inside a German page', async () => {
    const { adapter } = countingAdapter({ '/a': 2 })
    const page = await fixture<HTMLElement>(html`<p lang="de"><palaver-count thread="/a" .adapter=${adapter}></palaver-count></p>`)
    expect(await text(page.querySelector('palaver-count')!)).to.equal('2 Kommentare')
  })

  it('shows nothing when counting fails', async () => {
    const { adapter } = countingAdapter({}, true)
    const el = await fixture<PalaverCount>(html`<palaver-count thread="/a" .adapter=${adapter}></palaver-count>`)
    expect(await text(el)).to.equal('')
  })
})
