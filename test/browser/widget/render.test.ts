import { expect } from '@open-wc/testing'
import { comment } from '../helpers/comments.js'
import { $, $$, memory, mount } from '../helpers/widget.js'
import type { Adapter, Page } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'

describe('<palaver-comments> rendering', () => {
  it('shows the heading with an honest count and the thread title', async () => {
    const el = await mount(memory([comment('a'), comment('b'), comment('p', { status: 'pending' })]))
    expect($(el, 'h2')!.textContent!.trim()).to.equal('2 Replies to “A post”')
  })

  it('uses the singular for one comment', async () => {
    const el = await mount(memory([comment('a')]))
    expect($(el, 'h2')!.textContent!.trim()).to.equal('1 Reply to “A post”')
  })

  it('renders author, time and body of each comment', async () => {
    const el = await mount(memory([comment('a', { author: { name: 'Jana', url: 'https://jana.example', avatar: 'x' } })]))
    const link = $<HTMLAnchorElement>(el, 'a.author')!
    expect(link.textContent).to.equal('Jana')
    expect(link.getAttribute('href')).to.equal('https://jana.example/')
    expect(link.rel).to.equal('nofollow ugc noopener')
    expect($(el, 'time')!.getAttribute('datetime')).to.match(/^2026-/)
    expect($(el, '.body')!.textContent).to.contain('Body of a')
    expect($(el, 'svg.avatar')).to.exist
  })
})

describe('<palaver-comments> nesting', () => {
  const thread = () =>
    memory([
      comment('r1'),
      comment('c1', { parentId: 'r1' }),
      comment('c2', { parentId: 'c1', author: { name: 'Deep', url: null, avatar: null } }),
      comment('c3', { parentId: 'c2' }),
      comment('r2'),
    ])

  it('nests replies in ordered lists under the comment they answer', async () => {
    const el = await mount(thread())
    const root = $(el, 'ol.comments')!
    expect(root.tagName).to.equal('OL')
    expect([...root.children].map((li) => li.id)).to.deep.equal(['comment-r1', 'comment-r2'])
    expect($(el, '#comment-r1 > ol.children > #comment-c1 > ol.children > #comment-c2')).to.exist
  })

  it('shows replies beyond max-depth flat, each with "@Name" linking to the comment it answers', async () => {
    const el = await mount(thread(), { maxDepth: 2 })
    const level2 = $(el, '#comment-r1 > ol.children')!
    expect([...level2.children].map((li) => li.id)).to.deep.equal(['comment-c1', 'comment-c2', 'comment-c3'])
    const at = $<HTMLAnchorElement>(el, '#comment-c3 .reply-to a')!
    expect(at.textContent).to.equal('@Deep')
    expect(at.hash).to.equal('#comment-c2')
    expect($(el, '#comment-c1 .reply-to') === null).to.equal(true)
  })

  it('with max-depth 1 writes every reply flat, addressed "@Name"', async () => {
    const el = await mount(thread(), { maxDepth: 1 })
    expect($$(el, 'ol.comments > li').map((li) => li.id)).to.deep.equal(['comment-r1', 'comment-c1', 'comment-c2', 'comment-c3', 'comment-r2'])
    expect($(el, '#comment-c1 .reply-to a')!.textContent).to.equal('@Author r1')
  })

  it('shows a placeholder for a deleted comment that has replies, and does not count it', async () => {
    const el = await mount(
      memory([comment('d', { status: 'deleted', html: '', author: { name: '', url: null, avatar: null } }), comment('k', { parentId: 'd' })]),
    )
    expect($(el, '#comment-d article.deleted')!.textContent).to.contain('This comment was deleted.')
    expect($(el, '#comment-d > article button.reply') === null, 'no Reply on a placeholder').to.equal(true)
    expect($(el, 'h2')!.textContent).to.match(/^1 Reply/)
  })
})

describe('<palaver-comments> mentions', () => {
  it('renders a pingback as the citing title linked, with its excerpt and no Reply button', async () => {
    const el = await mount(
      memory([
        comment('p', {
          kind: 'pingback',
          author: { name: 'Another blog on this', url: 'https://other.example/post', avatar: null },
          html: '<p>An excerpt […]</p>',
        }),
      ]),
    )
    const article = $(el, '#comment-p article.mention')!
    expect(article.textContent).to.contain('Pingback:')
    const link = article.querySelector('a.author') as HTMLAnchorElement
    expect(link.textContent).to.equal('Another blog on this')
    expect(link.href).to.equal('https://other.example/post')
    expect(article.querySelector('.excerpt')!.textContent).to.contain('An excerpt')
    expect($(el, '#comment-p button.reply') === null).to.equal(true)
  })
})

describe('<palaver-comments> author links', () => {
  for (const url of ['javascript:alert(1)', 'data:text/html,<b>x</b>', ' JaVaScRiPt:alert(1)', 'vbscript:x', 'ftp://files.example']) {
    it(`shows the name as plain text when the website is ${JSON.stringify(url)}`, async () => {
      const el = await mount(memory([comment('a', { author: { name: 'Mallory', url, avatar: null } })]))
      expect($(el, '.author')!.tagName).to.equal('SPAN')
      expect($(el, '.author')!.textContent).to.equal('Mallory')
    })
  }

  it('shows markup in a name as text', async () => {
    const el = await mount(memory([comment('a', { author: { name: '<img src=x onerror=alert(1)>', url: null, avatar: null } })]))
    expect($(el, '.author')!.textContent).to.equal('<img src=x onerror=alert(1)>')
    expect($(el, 'img') === null).to.equal(true)
  })
})

describe('<palaver-comments> long threads', () => {
  it('renders a long thread in chunks, and updateComplete waits until every comment is in the DOM', async () => {
    const comments = Array.from({ length: 300 }, (_, i) => comment(`long${i}`))
    const adapter = memory(comments)
    let firstPaint = -1
    const el = document.createElement('palaver-comments')
    el.setAttribute('thread', 't')
    el.setAttribute('loading', 'eager')
    el.setAttribute('page-size', '500')
    el.adapter = adapter
    el.addEventListener('palaver-loaded', async () => {
      await new Promise((r) => requestAnimationFrame(r))
      firstPaint = el.shadowRoot!.querySelectorAll('ol.comments > li').length
    })
    document.body.append(el)
    try {
      await new Promise((r) => el.addEventListener('palaver-loaded', r, { once: true }))
      await el.updateComplete
      expect(el.shadowRoot!.querySelectorAll('ol.comments > li').length).to.equal(300)
      expect(firstPaint).to.be.greaterThan(0)
      expect(firstPaint).to.be.lessThan(300)
    } finally {
      el.remove()
    }
  })

  it('shows a thread of more than 1,000 comments whole: the skeleton holds while its tree is built', async () => {
    const el = await mount(memory(Array.from({ length: 1200 }, (_, i) => comment(`big${i}`))), { pageSize: 2000 })
    await el.updateComplete
    expect($$(el, 'ol.comments > li').length).to.equal(1200)
    expect($(el, '.skeleton') === null).to.equal(true)
  })

  it('renders a chain of 12,000 replies, each answering the one before (the tree is built without recursion)', async function () {
    this.timeout(30_000)
    const chain = Array.from({ length: 12_000 }, (_, i) => comment(`d${i}`, { parentId: i ? `d${i - 1}` : null }))
    const el = await mount(memory(chain))
    await el.updateComplete
    expect($$(el, 'article').length).to.equal(12_000)
    expect($(el, '#comment-d11999 .reply-to a')!.textContent).to.equal('@Author d11998')
    expect($(el, '.skeleton') === null).to.equal(true)
  })

  it('keeps chunk boundaries when a comment arrives, re-rendering only the last chunk', async () => {
    const adapter = memory(Array.from({ length: 100 }, (_, i) => comment(`k${i}`)))
    const el = await mount(adapter, { pageSize: 200 })
    await el.updateComplete
    const firstItem = $(el, '#comment-k0')!
    await adapter.post('t', { parentId: null, author: { name: 'N', email: 'n@example.com', url: '' }, body: 'New' }, { idempotencyKey: 'new1' })
    await el.updateComplete
    expect($(el, '#comment-k0') === firstItem).to.equal(true)
    expect($$(el, 'ol.comments > li').length).to.equal(101)
  })
})

describe('<palaver-comments> start-up', () => {
  it('renders first in a task after the upgrade, holding the skeleton’s room until the thread shows', async () => {
    let answer!: () => void
    const gate = new Promise<void>((resolve) => (answer = resolve))
    const base = memory([comment('a')])
    // The memory backend, answering the first list only when the test says so.
    const adapter: Adapter = Object.assign(Object.create(base) as Adapter, {
      list: (thread: string, options: Parameters<Adapter['list']>[1]): Promise<Page> => gate.then(() => base.list(thread, options)),
    })
    const el = document.createElement('palaver-comments') as PalaverComments
    el.setAttribute('thread', 't')
    el.setAttribute('loading', 'eager')
    el.adapter = adapter
    document.body.append(el)
    const em = (px: number) => px / parseFloat(getComputedStyle(el).fontSize)
    try {
      // The task that defined or inserted the element ends without rendering it.
      await Promise.resolve()
      await Promise.resolve()
      expect(el.shadowRoot!.childElementCount).to.equal(0)
      expect(el.matches(':state(starting)')).to.equal(true)
      expect(em(el.getBoundingClientRect().height)).to.be.closeTo(72, 0.01)
      await el.updateComplete
      expect($(el, '.skeleton')).to.exist
      expect(em(el.getBoundingClientRect().height)).to.be.closeTo(72, 0.01)
      const loaded = new Promise((resolve) => el.addEventListener('palaver-loaded', resolve, { once: true }))
      answer()
      await loaded
      await el.updateComplete
      expect(el.matches(':state(starting)')).to.equal(false)
      expect(em(el.getBoundingClientRect().height)).to.be.below(72)
    } finally {
      el.remove()
    }
  })
})
