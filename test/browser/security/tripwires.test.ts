import { expect } from '@open-wc/testing'
import { waitUntil } from '../helpers/wait.js'
import { allTrips, armTripwires, resetTrips, settle, shadowFindings, watchShadow } from './tripwires.js'

/** The tripwires themselves: each one fires on what it is there to catch (unsanitized HTML, on purpose). */
describe('the widget-level tripwires', () => {
  before(armTripwires)
  beforeEach(resetTrips)
  after(resetTrips)

  function host(markup: string): HTMLElement {
    const el = document.createElement('div')
    el.attachShadow({ mode: 'open' }).innerHTML = markup
    document.body.append(el)
    return el
  }

  it('record dialogs, the trap and a handler that runs', async () => {
    window.alert('a')
    const el = host('<img src="data:," onerror="window.__xss(\'img\')">')
    await waitUntil('the handler', () => allTrips().some((t) => t.includes('img')), 2000)
    el.remove()
    expect(allTrips()).to.include.members(['alert(a)', '__xss(img)'])
  })

  it('record a request to another origin', async () => {
    await fetch('http://127.0.0.2:9/leak').catch(() => {})
    expect(allTrips().some((t) => t.startsWith('fetch http://127.0.0.2:9/leak'))).to.equal(true)
  })

  it('let a javascript: link be followed when clicked, so it runs and trips; http(s) links are stopped', async () => {
    const el = host('<a id="js" href="javascript:window.__xss(\'link\')">x</a><a id="http" href="https://example.org/">y</a>')
    el.shadowRoot!.querySelector<HTMLAnchorElement>('#http')!.click()
    el.shadowRoot!.querySelector<HTMLAnchorElement>('#js')!.click()
    await waitUntil('the link to run', () => allTrips().includes('__xss(link)'), 2000)
    await settle()
    el.remove()
    expect(allTrips()).to.include.members(["followed a link to javascript:window.__xss('link')", '__xss(link)'])
    expect(location.href).to.not.contain('example.org')
  })

  it('find handlers, forbidden elements, non-http(s) URLs and style attributes in a shadow DOM', () => {
    const el = host('<b onclick="x()">b</b><style></style><a href="javascript:x()">a</a><img src="data:,"><p style="color:red">p</p><svg><circle/></svg>')
    const found = shadowFindings(el)
    el.remove()
    expect(found).to.include.members(['b[onclick]', 'style', 'a[href=javascript:x()]', 'img', 'img[src=data:,]', 'p[style]', 'svg svg', 'svg circle'])
  })

  it('see what appears in a shadow root, even when it is gone again', async () => {
    const el = host('<p>quiet</p>')
    const stop = watchShadow(el)
    const img = document.createElement('img')
    img.setAttribute('onerror', 'void 0')
    el.shadowRoot!.append(img)
    await settle()
    img.remove()
    stop()
    el.remove()
    expect(allTrips()).to.include.members(['seen in the shadow DOM: img[onerror]', 'seen in the shadow DOM: img'])
  })
})
