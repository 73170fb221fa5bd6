import { expect } from '@open-wc/testing'
import { textToHtml } from '../../../src/content/format.js'
import { sanitizeBody } from '../../../src/content/sanitize.js'

interface DemoComment {
  id: string
  parentId: string | null
  kind: string
  author: { name: string; email: string; url: string }
  body: string
  createdAt: string
}

interface DemoThread {
  key: string
  lang: string
  comments: DemoComment[]
}

describe('the demo threads', () => {
  let threads: DemoThread[] = []

  before(async () => {
    threads = (await (await fetch(new URL('../../../demo/data/threads.json', import.meta.url))).json()) as DemoThread[]
  })

  it('give the German page exactly 10 comments, one of them a pingback', () => {
    const de = threads.find((t) => t.key === '/de.html')
    expect([de?.comments.length, de?.comments.filter((c) => c.kind === 'pingback').length]).to.deep.equal([10, 1])
  })

  it('use only example.com, example.org and example.net addresses', () => {
    const emails = threads.flatMap((t) => t.comments.map((c) => c.author.email))
    expect(emails.filter((e) => e !== '' && !/@example\.(com|org|net)$/.test(e))).to.deep.equal([])
  })

  it('render every bare URL in a body as a link', () => {
    const bodies = threads.flatMap((t) => t.comments.filter((c) => c.kind === 'comment').map((c) => c.body))
    const urls = bodies.flatMap((b) => b.match(/https:\/\/\S+/g) ?? [])
    const container = document.createElement('div')
    container.innerHTML = bodies.map((b) => sanitizeBody(textToHtml(b))).join('')
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(urls).to.have.length.greaterThan(1)
    expect(hrefs).to.deep.equal(urls)
  })
})
