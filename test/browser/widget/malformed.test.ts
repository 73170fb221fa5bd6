/**
 * Backends that answer with the wrong types (issue 16.10): a comment with a number for a
 * name or a list for a website is left out and counted, the rest of the thread shows, and
 * nothing is left at "Loading…" or rejects unhandled, whichever adapter passed it on.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import { WordPressAdapter } from '../../../src/adapters/wordpress.js'
import type { Adapter, Comment } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { fakeWordPress, stubFetch } from '../helpers/backends.js'
import { comment, wpComment } from '../helpers/comments.js'
import { json } from '../helpers/responses.js'
import { waitUntil } from '../helpers/wait.js'
import { $, $$, settle } from '../helpers/widget.js'

const thread = { key: 't', title: 'A post', count: 2, open: true, requires: ['name', 'email'] }

/** Comments as a hostile or broken backend might send them, each wrong in one field. */
const wrong = (): unknown[] => [
  { ...comment('n'), author: { name: 12345, url: null, avatar: null } },
  { ...comment('u'), author: { name: 'Url', url: ['https://x.example'], avatar: null } },
  { ...comment('h'), html: { rendered: '<p>x</p>' } },
  { ...comment('i'), id: 7 },
  { ...comment('k'), kind: 'ad' },
  null,
]

let rejections: unknown[] = []
let warnings: string[] = []
const onRejection = (event: PromiseRejectionEvent) => {
  event.preventDefault()
  rejections.push(event.reason)
}
const realWarn = console.warn

beforeEach(() => {
  rejections = []
  warnings = []
  window.addEventListener('unhandledrejection', onRejection)
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '))
})
afterEach(() => {
  window.removeEventListener('unhandledrejection', onRejection)
  console.warn = realWarn
})

async function show(adapter: Adapter, key = 't'): Promise<PalaverComments> {
  const el = await fixture<PalaverComments>(html`<palaver-comments thread=${key} loading="eager" lang="en" .adapter=${adapter}></palaver-comments>`)
  await waitUntil('the thread or an error', () => $(el, 'ol.comments, .empty, .state-error'))
  await settle(el)
  return el
}

describe('comments with fields of the wrong type', () => {
  it('are left out and counted (palaver adapter): the others show, nothing rejects', async () => {
    const { fetch } = stubFetch(json({ thread, comments: [comment('ok1'), ...wrong(), comment('ok2')], nextCursor: null }))
    const el = await show(new PalaverAdapter('https://comments.example', { fetch }))
    expect($$(el, 'ol.comments > li').map((li) => li.id)).to.deep.equal(['comment-ok1', 'comment-ok2'])
    expect($(el, 'h2')!.textContent).to.equal('2 Replies to “A post”')
    expect(warnings).to.deep.equal(['<palaver-comments>: 6 comments from the backend had fields of the wrong type and are not shown.'])
    expect(rejections).to.deep.equal([])
  })

  it('are left out and counted (wordpress adapter): author_url [..] and author_name 12345', async () => {
    const site = fakeWordPress({
      comments: [wpComment(1), wpComment(2, { author_url: ['https://x.example'] }), wpComment(3, { author_name: 12345 }), wpComment(4, { content: null })],
    })
    const adapter = new WordPressAdapter('https://blog.example', { fetch: site.fetch })
    const page = await adapter.list('7', { limit: 50, sort: 'oldest' })
    expect(page.comments.map((c) => c.id)).to.deep.equal(['1'])
    expect(page.dropped).to.equal(3)

    const el = await show(new WordPressAdapter('https://blog.example', { fetch: site.fetch }), '7')
    expect($$(el, 'ol.comments > li').length).to.equal(1)
    expect(warnings.at(-1)).to.contain('3 comments')
    expect(rejections).to.deep.equal([])
  })

  it('are left out and counted (memory adapter): threads in storage that a script changed', async () => {
    const storageKey = 'palaver:test-malformed'
    localStorage.setItem(storageKey, JSON.stringify({ t: { title: 'A post', open: true, tokens: {}, comments: [comment('ok1'), ...wrong()] } }))
    try {
      const el = await show(new MemoryAdapter({ storageKey }))
      expect($$(el, 'ol.comments > li').map((li) => li.id)).to.deep.equal(['comment-ok1'])
      expect(warnings.at(-1)).to.contain('6 comments')
      expect(rejections).to.deep.equal([])
    } finally {
      localStorage.removeItem(storageKey)
    }
  })

  it('arriving live are left out and counted, the thread stays as it was', async () => {
    let push: (c: Comment) => void = () => {}
    const { fetch } = stubFetch(json({ thread, comments: [comment('ok1')], nextCursor: null }))
    const palaver = new PalaverAdapter('https://comments.example', { fetch })
    const adapter: Adapter = { list: (t, p) => palaver.list(t, p), post: (t, d, o) => palaver.post(t, d, o), subscribe: (_, on) => ((push = on), () => {}) }
    const el = await show(adapter)
    for (const bad of wrong()) push(bad as Comment)
    push(comment('ok2'))
    await settle(el)
    expect($$(el, 'ol.comments > li').map((li) => li.id)).to.deep.equal(['comment-ok1', 'comment-ok2'])
    expect(warnings.at(-1)).to.contain('6 comments')
    expect(rejections).to.deep.equal([])
  })

  it('a page that is not a page (no thread, requires not a list) is an error with Retry, not Loading… for ever', async () => {
    for (const answer of [{ comments: [] }, { thread: { ...thread, requires: 'name' }, comments: [] }, { thread, comments: 'none' }, []]) {
      const { fetch } = stubFetch(json(answer))
      const el = await show(new PalaverAdapter('https://comments.example', { fetch }))
      expect($(el, '.state-error')!.textContent, JSON.stringify(answer)).to.contain('The comments could not be loaded.')
      expect($(el, '.state-error button')!.textContent).to.equal('Try again')
    }
    expect(rejections).to.deep.equal([])
  })
})
