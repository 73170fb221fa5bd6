import { expect } from '@open-wc/testing'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { comment } from '../helpers/comments.js'
import '../../../src/widget/palaver-comments/palaver-comments.js'
import { waitUntil } from '../helpers/wait.js'
import { settle } from './tripwires.js'

/**
 * Host pages that make life hard: one under a strict Content Security Policy with Trusted
 * Types required (served by web-test-runner with that header, in an iframe), with each
 * built-in adapter; one whose own CSS is hostile. The widget works unchanged on both.
 */

type StrictWindow = Window & typeof globalThis & { violations: string[] }

// Each with the browser's HTML Sanitizer, and as a browser without one (DOMPurify loaded on demand).
for (const engine of ['native', 'purify'])
  for (const adapter of ['memory', 'palaver', 'wordpress'])
    describe(`a host page with CSP default-src/script-src/style-src self and Trusted Types required, with the ${adapter} adapter, sanitizing with ${engine === 'native' ? "the browser's sanitizer" : 'DOMPurify loaded on demand'}`, function () {
      this.timeout(20_000)
      let frame: HTMLIFrameElement
      let win: StrictWindow
      let widget: PalaverComments

      before(async () => {
        frame = document.createElement('iframe')
        frame.style.cssText = 'width: 800px; height: 1200px'
        frame.src = new URL(`./pages/strict.html?adapter=${adapter}&engine=${engine}`, import.meta.url).href
        document.body.append(frame)
        win = await waitUntil('the strict page', () => frame.contentWindow?.document.readyState === 'complete' && (frame.contentWindow as StrictWindow))
        widget = await waitUntil('the widget to render its list', () => {
          const el = win.document.querySelector('palaver-comments') as PalaverComments | null
          return el?.shadowRoot?.querySelectorAll('ol.comments article').length === 3 && el
        })
      })

      after(() => frame.remove())

      it('is really served with the policy: a string assigned to innerHTML is refused', async () => {
        const div = win.document.createElement('div')
        expect(() => (div.innerHTML = '<b>x</b>')).to.throw(/TrustedHTML/)
        await waitUntil('the violation report', () => win.violations.some((v) => v.startsWith('require-trusted-types-for')))
        win.violations.splice(0)
      })

      /**
       * Everything the page refused. A handler attribute in a hostile body is refused once
       * more (script-src-attr) when the sanitizer parses it into its inert document, before
       * DOMPurify drops it: that report is the policy at work, not the widget failing.
       */
      const refused = () => win.violations.filter((v) => !v.startsWith('script-src-attr'))

      it('renders the comments, sanitized bodies included, styled by its own stylesheets', () => {
        expect(typeof (win.Element.prototype as { setHTML?: unknown }).setHTML, 'the HTML Sanitizer API').to.equal(
          engine === 'native' ? 'function' : 'undefined',
        )
        const root = widget.shadowRoot!
        expect(root.querySelector('h2')!.textContent).to.contain('A post on a strict page')
        expect(root.querySelector('.body b')!.textContent).to.equal('markup')
        expect(root.querySelector('.body a')!.getAttribute('href')).to.equal('https://example.org/')
        expect(root.querySelector('img')).to.equal(null)
        // A name with an ampersand (an entity, as WordPress sends it) is text, decoded without an HTML parser.
        expect([...root.querySelectorAll('.author')].map((a) => a.textContent)).to.deep.equal(['Ann', 'Tom & Jerry', 'Another blog'])
        // Constructable stylesheets pass style-src 'self': the section gets the widget's line height.
        expect(win.getComputedStyle(root.querySelector('.palaver')!).lineHeight).to.not.equal('normal')
        expect(refused()).to.deep.equal([])
      })

      it('posts a comment through the form', async () => {
        const form = widget.shadowRoot!.querySelector('palaver-comment-form')!
        const fill = (id: string, value: string) => {
          const input = form.shadowRoot!.querySelector<HTMLInputElement>(`#${id}`)!
          input.value = value
          input.dispatchEvent(new win.Event('input', { bubbles: true, composed: true }))
        }
        fill('body', 'Posted on a strict page, with a link https://example.org/x')
        fill('name', 'Strict Reader')
        fill('email', 'strict@example.org')
        form.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
        const posted = await waitUntil('the posted comment', () =>
          [...widget.shadowRoot!.querySelectorAll('.body')].find((b) => b.textContent!.includes('Posted on a strict page')),
        )
        expect(posted.querySelector('a')!.getAttribute('href')).to.equal('https://example.org/x')
        expect(widget.shadowRoot!.querySelector('h2')!.textContent).to.match(/^\s*4/)
        expect(refused()).to.deep.equal([])
      })
    })

/** A theme that styles everything, everywhere, with !important. */
const HOSTILE_CSS = `
  * { display: inline !important; float: left !important; white-space: nowrap !important; line-height: 0.4 !important;
      letter-spacing: 0.3em !important; text-align: right !important; list-style: square inside !important;
      box-sizing: content-box !important; margin: 7px !important; padding: 0 !important;
      text-transform: uppercase !important; font-size: 9px !important; writing-mode: horizontal-tb !important; }
  input, textarea, button, select, form, ol, ul, li, p, h2, h3, section, article, header, footer, label, a, svg {
      display: inline !important; width: 20px !important; height: 8px !important; position: absolute !important;
      visibility: hidden !important; opacity: 0 !important; }
  palaver-comments { display: inline !important; }
`

describe('a host page whose own CSS is hostile', function () {
  this.timeout(20_000)
  let style: HTMLStyleElement
  let widget: PalaverComments

  before(async () => {
    style = document.createElement('style')
    style.textContent = HOSTILE_CSS
    document.head.append(style)
    const comments = ['a', 'b', 'c'].map((id) =>
      comment(id, {
        html: `<p>Comment ${id}: ${'enough text to wrap over more than one line in a column of any normal width, if wrapping is allowed at all. '.repeat(4)}</p>`,
      }),
    )
    widget = document.createElement('palaver-comments')
    widget.setAttribute('thread', 'hostile-css')
    widget.setAttribute('loading', 'eager')
    // The page's own box for the widget (its floats and nowrap make the page as wide as it likes).
    widget.style.setProperty('width', '600px', 'important')
    widget.adapter = new MemoryAdapter({ threads: { 'hostile-css': { comments } } })
    document.body.append(widget)
    await waitUntil('the list', () => widget.shadowRoot?.querySelectorAll('ol.comments > li').length === 3)
    await settle()
  })

  after(() => {
    style.remove()
    widget.remove()
  })

  const form = () => widget.shadowRoot!.querySelector('palaver-comment-form')!.shadowRoot!

  it('keeps the form fields block-level, full-width and one below the other', () => {
    const fields = ['body', 'name', 'email', 'url'].map((id) => form().querySelector<HTMLElement>(`#${id}`)!)
    for (const field of fields) {
      const css = getComputedStyle(field)
      expect(css.display, field.id).to.equal('block')
      expect(css.visibility, field.id).to.equal('visible')
      expect(field.getBoundingClientRect().width, field.id).to.be.greaterThan(200)
    }
    const tops = fields.map((f) => f.getBoundingClientRect().top)
    for (let i = 1; i < tops.length; i++) expect(tops[i]!, `${fields[i]!.id} below ${fields[i - 1]!.id}`).to.be.greaterThan(tops[i - 1]! + 10)
  })

  it('keeps the list vertical, its comments readable and wrapping', () => {
    const items = [...widget.shadowRoot!.querySelectorAll<HTMLElement>('ol.comments > li')]
    const boxes = items.map((li) => li.getBoundingClientRect())
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.top, `comment ${i} below comment ${i - 1}`).to.be.at.least(boxes[i - 1]!.bottom - 1)
      expect(Math.abs(boxes[i]!.left - boxes[0]!.left), 'same left edge').to.be.below(2)
    }
    const body = widget.shadowRoot!.querySelector<HTMLElement>('.body p')!
    const css = getComputedStyle(body)
    expect(css.visibility).to.equal('visible')
    expect(css.whiteSpace).to.not.equal('nowrap')
    expect(body.getBoundingClientRect().width).to.be.within(200, 600)
    expect(body.getBoundingClientRect().height, 'wraps onto more than one line').to.be.greaterThan(parseFloat(css.lineHeight) * 1.5)
  })
})
