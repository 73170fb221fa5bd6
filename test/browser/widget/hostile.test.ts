import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import type { Comment } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { handlerAttributes, installTripwires, loadFixture, trips } from '../content/harness.js'
import { comment } from '../helpers/comments.js'
import { nextFrame } from '../helpers/wait.js'
import { settle } from '../helpers/widget.js'

/**
 * Hostile text through every field a comment carries, rendered by the real widget:
 * nothing may run, no handler attribute or script may exist, and every link must be http(s).
 */
const URLS = [
  'javascript:alert(1)',
  ' javascript:window.__xss()',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '&#106;avascript:alert(1)',
]

async function renderHostile(payloads: string[]): Promise<PalaverComments> {
  const comments: Comment[] = payloads.flatMap((payload, i) => [
    comment(`b${i}`, { html: payload, author: { name: payload, url: URLS[i % URLS.length]!, avatar: payload } }),
    comment(`m${i}`, { kind: 'pingback', html: payload, author: { name: payload, url: payload, avatar: null } }),
    comment(`r${i}`, { parentId: `b${i}`, html: payload, author: { name: payload, url: payload, avatar: null } }),
  ])
  const adapter = new MemoryAdapter({ threads: { hostile: { comments, title: payloads[0] ?? '' } } })
  const el = await fixture<PalaverComments>(html`<palaver-comments thread="hostile" loading="eager" max-depth="1"
    thread-title=${payloads[1] ?? ''} .adapter=${adapter}></palaver-comments>`)
  await settle(el)
  return el
}

function findings(el: PalaverComments): string[] {
  const root = el.shadowRoot!
  const all = [...root.querySelectorAll('*')]
  const found = [...handlerAttributes(root.querySelector('section')!)]
  for (const node of all) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK', 'STYLE'].includes(node.tagName)) found.push(node.tagName)
    if (node.tagName === 'FORM' && !node.closest('palaver-comment-form')) found.push('form')
    const href = node.getAttribute('href')
    if (href !== null && !/^(https?:|mailto:)/i.test(href)) found.push(`href=${href}`)
  }
  return found
}

describe('hostile comments in the widget', () => {
  before(installTripwires)

  it('renders the hand-written attack set through body, name, website, title and pingback without executing anything', async () => {
    const fixture = await loadFixture('palaver.json')
    const payloads = fixture.payloads.map((p) => p.payload)
    expect(payloads.length).to.be.greaterThan(50)
    const el = await renderHostile(payloads)
    await nextFrame()
    expect(findings(el)).to.deep.equal([])
    // Clicking every button (Reply opens the form, nothing else) must not run anything either.
    for (const button of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.reply')) button.click()
    await settle(el)
    expect(trips).to.deep.equal([])
  })

  it('renders names as text and never as markup', async () => {
    const el = await renderHostile(['<img src=x onerror=window.__xss()>', '<svg onload=alert(1)>'])
    const names = [...el.shadowRoot!.querySelectorAll('.author')].map((a) => a.textContent)
    expect(names).to.include('<img src=x onerror=window.__xss()>')
    expect(el.shadowRoot!.querySelectorAll('img').length).to.equal(0)
    expect(trips).to.deep.equal([])
  })
})
