import { expect } from '@open-wc/testing'
import { sanitizeBody } from '../../../src/content/sanitize.js'
import {
  FIXTURE_FILES,
  badLinks,
  failures,
  forbiddenElements,
  handlerAttributes,
  installTripwires,
  loadFixture,
  offListAttributes,
  offListElements,
  render,
  settle,
  shadowHost,
  trips,
  unsafeHrefs,
  type Fixture,
} from './harness.js'

describe('the tripwires', () => {
  before(installTripwires)
  after(() => void trips.splice(0))

  it('record an event handler that runs in unsanitized HTML', async () => {
    const { host, root } = shadowHost()
    render(root, '<img src="data:," onerror="window.__xss(\'canary\')">')
    for (let i = 0; i < 20 && trips.length === 0; i++) await settle(25)
    host.remove()
    expect(trips).to.deep.equal(['__xss(canary)'])
  })

  it('find the handler, the element and the href in unsanitized HTML', () => {
    const { host, root } = shadowHost()
    const container = render(root, '<svg onload="x()"></svg><a href="javascript:x()" target="_blank">x</a>')
    host.remove()
    expect(handlerAttributes(container)).to.deep.equal(['svg[onload]'])
    expect(forbiddenElements(container)).to.deep.equal(['svg'])
    expect(unsafeHrefs(container)).to.deep.equal(['javascript:x()'])
    expect(badLinks(container)).to.have.length(1)
  })
})

/** What every rendered payload must satisfy: behaviour → the check that lists violations. */
const RENDER_CHECKS: [string, (container: Element) => string[]][] = [
  ['leaves no element with an on* attribute', handlerAttributes],
  ['leaves no script, iframe, object, embed, form, style, svg, math, base, meta, link, img or template', forbiddenElements],
  ['leaves only allowlisted HTML elements', offListElements],
  ['leaves only href and rel on links and title on abbr', offListAttributes],
  ['leaves only http, https and mailto hrefs', unsafeHrefs],
  ['gives every link rel="nofollow ugc noopener" and no target', badLinks],
]

for (const file of FIXTURE_FILES) {
  describe(`sanitizeBody over the XSS fixtures in ${file}`, () => {
    let fixture: Fixture
    let rendered: { title: string; html: string; container: Element }[] = []
    let host: HTMLElement

    before(async () => {
      installTripwires()
      trips.splice(0)
      fixture = await loadFixture(file)
      const shadow = shadowHost()
      host = shadow.host
      rendered = fixture.payloads.map(({ title, payload }) => {
        const html = sanitizeBody(payload)
        return { title, html, container: render(shadow.root, html) }
      })
      await settle()
    })

    after(() => host.remove())

    it('holds payloads', () => {
      expect(fixture.payloads.length).to.be.greaterThan(50)
    })

    it('runs no alert, confirm, prompt, print or __xss trap once rendered', () => {
      expect(trips).to.deep.equal([])
    })

    for (const [behaviour, check] of RENDER_CHECKS) {
      it(behaviour, () => {
        expect(failures(rendered, check)).to.deep.equal([])
      })
    }

    it('returns its own output unchanged when sanitizing it again', () => {
      const changed = rendered.filter(({ html }) => sanitizeBody(html) !== html).map(({ title, html }) => `${title}: ${html} → ${sanitizeBody(html)}`)
      expect(changed).to.deep.equal([])
    })

    it('gives the expected output for every payload that pins one down', () => {
      const wrong = fixture.payloads
        .filter((p) => p.expected !== undefined && sanitizeBody(p.payload) !== p.expected)
        .map((p) => `${p.title}: expected ${p.expected}, got ${sanitizeBody(p.payload)}`)
      expect(wrong).to.deep.equal([])
    })
  })
}
