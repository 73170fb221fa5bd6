import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import type { Comment } from '../../../src/model.js'
import '../../../src/widget/palaver-comments/palaver-comments.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { GENERATED } from '../../fixtures/xss/generated.js'
import { FIXTURE_FILES, loadFixture } from '../content/harness.js'
import { comment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'
import { allTrips, armTripwires, deepElements, resetTrips, settle, shadowFindings, watchShadow } from './tripwires.js'

/**
 * Every payload of the XSS corpus through every field a comment carries — body, author
 * name, author website, pingback title and excerpt, the name of a reply's addressee, the
 * thread title — into the real <palaver-comments> in Chromium, behind tripwires; then
 * every link and button is clicked. Payloads go in batches: one widget per batch.
 */

interface Entry {
  title: string
  payload: string
}

const BATCH = 100

/** Three comments per payload: a comment, a pingback, and a flat reply (max-depth 1) that names it. */
function commentsFor(payloads: string[], offset: number): Comment[] {
  return payloads.flatMap((payload, n) => {
    const i = offset + n
    return [
      comment(`c${i}`, { html: payload, author: { name: payload, url: payload, avatar: payload } }),
      comment(`m${i}`, { kind: 'pingback', html: payload, author: { name: payload, url: payload, avatar: null } }),
      comment(`r${i}`, { parentId: `c${i}`, html: payload, author: { name: payload, url: `https://example.org/${i}`, avatar: null } }),
    ]
  })
}

let stopWatching = () => {}

/** Mounts a widget on the payloads and waits until every comment is in the DOM (it renders long threads in chunks). */
async function mount(payloads: string[], offset: number, title: string): Promise<PalaverComments> {
  const adapter = new MemoryAdapter({ threads: { x: { comments: commentsFor(payloads, offset), title } } })
  const el = await fixture<PalaverComments>(html`<palaver-comments thread="x" loading="eager" max-depth="1"
    page-size="100000" .adapter=${adapter}></palaver-comments>`)
  stopWatching = watchShadow(el)
  const expected = payloads.length * 3
  await waitUntil('every comment in the DOM', () => el.shadowRoot!.querySelectorAll('ol.comments > li').length >= expected, 20_000)
  await el.updateComplete
  return el
}

/** Clicks every link, then every button (Reply opens the form under that comment), in the widget and its form. */
async function clickEverything(el: PalaverComments): Promise<number> {
  let clicks = 0
  // Permalinks replace the history entry; thousands of those in a row get throttled by
  // Chromium, and the href was checked before the click anyway.
  const replaceState = history.replaceState
  history.replaceState = () => {}
  try {
    // A permalink's href is the page's own address plus the comment id, never a payload:
    // a few of them are clicked, every other link (author, body, "@Name") all.
    let permalinks = 0
    for (const link of deepElements(el.shadowRoot!).filter((e): e is HTMLAnchorElement => e.localName === 'a')) {
      if (link.classList.contains('permalink') && permalinks++ > 3) continue
      link.click()
      clicks++
    }
    const buttons = () => deepElements(el.shadowRoot!).filter((e): e is HTMLButtonElement => e.localName === 'button')
    const seen = new Set<string>()
    for (const button of buttons()) {
      const key = button.closest('li')?.id ?? button.className
      // Submit posts an empty draft (validation errors); Cancel closes the reply form.
      if (button.type === 'submit' || button.classList.contains('cancel')) continue
      if (seen.has(`${key}|${button.className}`)) continue
      seen.add(`${key}|${button.className}`)
      button.click()
      clicks++
      if (clicks % 25 === 0) await el.updateComplete
    }
    await el.updateComplete
    for (const button of buttons()) {
      button.click()
      clicks++
    }
    await settle()
  } finally {
    history.replaceState = replaceState
  }
  return clicks
}

describe('the XSS corpus through the widget', function () {
  this.timeout(60_000)
  const corpus: Entry[] = []

  before(async () => {
    armTripwires()
    for (const file of FIXTURE_FILES) {
      const fixture = await loadFixture(file)
      corpus.push(...fixture.payloads.map((p) => ({ title: `${file}: ${p.title}`, payload: p.payload })))
    }
  })

  beforeEach(resetTrips)

  it('holds the whole corpus (about 2,000 payloads)', () => {
    expect(corpus.length).to.be.greaterThan(2000)
  })

  it('renders every payload as body, name, website, pingback title and excerpt and reply addressee, and clicking every link and button runs nothing', async () => {
    const findings: string[] = []
    let clicks = 0
    for (let offset = 0; offset < corpus.length; offset += BATCH) {
      const batch = corpus.slice(offset, offset + BATCH)
      const el = await mount(
        batch.map((e) => e.payload),
        offset,
        batch[0]!.payload,
      )
      expect(el.shadowRoot!.querySelectorAll('ol.comments > li').length, `batch at ${offset}`).to.equal(batch.length * 3)
      await settle()
      findings.push(...shadowFindings(el).map((f) => `batch ${offset}: ${f}`))
      clicks += await clickEverything(el)
      findings.push(...shadowFindings(el).map((f) => `batch ${offset} after clicks: ${f}`))
      stopWatching()
      findings.push(...allTrips().map((t) => `batch ${offset}: ${t}`))
      resetTrips()
      el.remove()
    }
    expect(findings).to.deep.equal([])
    expect(clicks).to.be.greaterThan(corpus.length * 3)
  })

  it('renders every payload as the thread title, from the attribute and from the backend', async () => {
    const adapter = new MemoryAdapter({ threads: { x: { comments: [], title: null } } })
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="x" loading="eager" .adapter=${adapter}></palaver-comments>`)
    await settle()
    const findings: string[] = []
    for (const { title, payload } of corpus) {
      el.threadTitle = payload
      await el.updateComplete
      const heading = el.shadowRoot!.querySelector('h2')!
      if (heading.children.length > 0) findings.push(`${title}: heading has elements`)
      if (!heading.textContent!.includes(payload.trim().slice(0, 20))) findings.push(`${title}: title not shown as text`)
    }
    await settle()
    findings.push(...shadowFindings(el), ...allTrips())
    expect(findings).to.deep.equal([])
  })

  for (const generated of GENERATED()) {
    it(`renders ${generated.title} in every field without running anything`, async () => {
      const el = await mount([generated.payload], 0, generated.payload)
      await settle()
      await clickEverything(el)
      stopWatching()
      expect([...shadowFindings(el), ...allTrips()]).to.deep.equal([])
      el.remove()
    })
  }
})
