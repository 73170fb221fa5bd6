/**
 * The thread's Atom feed: the widget links to it when the backend names one (the Palaver
 * server does, made absolute by its adapter), in the reader's language, and links to
 * nothing that is not an http(s) address.
 */
import { expect } from '@open-wc/testing'
import type { Adapter, Page } from '../../../src/model.js'
import { $, memory, mount } from '../helpers/widget.js'

/** The memory backend, naming `feed` as the thread's feed. */
function withFeed(feed: string | undefined): Adapter {
  const inner = memory([])
  return {
    list: async (t, p): Promise<Page> => {
      const page = await inner.list(t, p)
      return { ...page, thread: { ...page.thread, ...(feed === undefined ? {} : { feed }) } }
    },
    post: (t, draft, opts) => inner.post(t, draft, opts),
  }
}

describe('<palaver-comments> feed link', () => {
  it('links to the thread’s feed, typed as Atom, when the backend has one', async () => {
    const el = await mount(withFeed('https://comments.example.org/api/v1/feed?thread=%2Fpost'))
    const link = $<HTMLAnchorElement>(el, 'a[part=feed]')!
    expect(link.href).to.equal('https://comments.example.org/api/v1/feed?thread=%2Fpost')
    expect(link.type).to.equal('application/atom+xml')
    expect(link.textContent).to.equal('Feed of these comments (Atom)')
  })

  it('speaks German on a German page', async () => {
    const el = await mount(withFeed('https://comments.example.org/api/v1/feed?thread=%2Fpost'), { lang: 'de' })
    expect($(el, 'a[part=feed]')!.textContent).to.equal('Feed dieser Kommentare (Atom)')
  })

  it('shows no link without a feed, or for one that is not an http(s) address', async () => {
    expect($(await mount(withFeed(undefined)), 'a[part=feed]')).to.equal(null)
    expect($(await mount(withFeed('javascript:alert(1)')), 'a[part=feed]')).to.equal(null)
  })
})
