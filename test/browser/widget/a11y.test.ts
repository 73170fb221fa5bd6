import { expect, fixture, html } from '@open-wc/testing'
import type { AxeResults, RunOptions } from 'axe-core'
// axe-core is a UMD script: loading it defines window.axe.
import 'axe-core/axe.min.js'
import { PalaverError } from '../../../src/core/errors.js'
import type { Adapter } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { form, memory, mount, settle, type, withPreview } from '../helpers/widget.js'

/** Runs axe-core over the widget (shadow roots included) and lists violations readably. */
async function violations(el: Element): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(el: Element, o: RunOptions): Promise<AxeResults> } }).axe
  const result = await axe.run(el, { resultTypes: ['violations'] })
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)
}

/** The same in the dark theme, on a dark page (contrast is measured against what is behind). */
async function darkViolations(el: Element): Promise<string[]> {
  el.setAttribute('theme', 'dark')
  document.body.style.background = '#111'
  try {
    return await violations(el)
  } finally {
    document.body.style.background = ''
  }
}

describe('accessibility (axe-core)', () => {
  it('the check itself finds a violation inside a shadow root (canary)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`)
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button>'
    expect((await violations(host)).join()).to.contain('button-name')
  })

  it('has no violations with comments loaded, nested, flat and a pingback', async () => {
    const el = await mount(
      memory([
        comment('a', { author: { name: 'Ann', url: 'https://ann.example', avatar: 'a' } }),
        comment('b', { parentId: 'a' }),
        comment('c', { parentId: 'b' }),
        comment('p', { kind: 'pingback', author: { name: 'A citing post', url: 'https://x.example', avatar: null }, html: '<p>Excerpt…</p>' }),
      ]),
      { maxDepth: 2 },
    )
    expect(await violations(el)).to.deep.equal([])
  })

  it('has no violations when empty', async () => {
    expect(await violations(await mount(memory([])))).to.deep.equal([])
  })

  it('has no violations in the load error state', async () => {
    const broken: Adapter = { list: async () => Promise.reject(new PalaverError('network', 'down')), post: async () => Promise.reject(new Error('no')) }
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" .adapter=${broken}></palaver-comments>`)
    await settle(el)
    expect(el.shadowRoot!.querySelector('.state-error')).to.exist
    expect(await violations(el)).to.deep.equal([])
  })

  it('has no violations with field errors shown', async () => {
    const el = await mount(memory([comment('a')]))
    form(el).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
    await settle(el)
    expect(form(el).shadowRoot!.querySelectorAll('[aria-invalid=true]').length).to.be.greaterThan(0)
    expect(await violations(el)).to.deep.equal([])
  })

  it('has no violations with the Preview shown and the formatting help open, in both themes', async () => {
    const rendering =
      '<p><strong>Bold</strong> <a href="https://x.example">link</a></p><blockquote><p>q</p></blockquote><ul><li>i</li></ul><pre><code>c</code></pre>'
    const el = await mount(withPreview(async () => rendering, [comment('a')]))
    type(el, 'body', '**Bold**')
    const root = form(el).shadowRoot!
    root.querySelector<HTMLButtonElement>('button[aria-controls=body-preview]')!.click()
    root.querySelector('details')!.open = true
    await settle(el)
    expect(root.querySelector('#body-preview strong')).to.exist
    expect(await violations(el)).to.deep.equal([])
    expect(await darkViolations(el)).to.deep.equal([])
  })

  it('has no violations in the dark theme', async () => {
    expect(await darkViolations(await mount(memory([comment('a')])))).to.deep.equal([])
  })
})
