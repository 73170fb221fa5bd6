/**
 * The form's Preview and formatting help. The rendering comes from the real reference
 * server (`palaver serve`, started by the palaver-server plugin in web-test-runner.config.js,
 * through POST /api/v1/preview); backends without a preview (memory, WordPress) show
 * neither. What a backend answers goes through the widget's own sanitizer.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand, sendKeys } from '@web/test-runner-commands'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { WordPressAdapter } from '../../../src/adapters/wordpress.js'
import { PalaverError } from '../../../src/core/errors.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { waitUntil as until } from '../helpers/wait.js'
import { comment } from '../helpers/comments.js'
import { $, field, form, memory, mount, settle, type, withPreview } from '../helpers/widget.js'

const server = () => executeServerCommand<{ url: string }, { action: string }>('palaver-server', { action: 'start' })

const inForm = <T extends Element = HTMLElement>(el: PalaverComments, selector: string) => form(el).shadowRoot!.querySelector<T>(selector)
const toggle = (el: PalaverComments) => inForm<HTMLButtonElement>(el, 'button[aria-controls=body-preview]')
const region = (el: PalaverComments) => inForm<HTMLElement>(el, '#body-preview')!

/** The element that has focus, looking through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
  return el
}

let run = 0
async function mountOnServer(url: string, lang = 'en'): Promise<PalaverComments> {
  const el = await fixture<PalaverComments>(html`<palaver-comments server=${url} thread=${`/preview/${Date.now()}-${run++}`}
    loading="eager" lang=${lang}></palaver-comments>`)
  await until('the form', () => el.shadowRoot!.querySelector('palaver-comment-form'))
  await settle(el)
  return el
}

describe('Preview and formatting help', () => {
  let url: string
  before(async () => {
    url = (await server()).url
  })
  beforeEach(() => {
    sessionStorage.clear()
    localStorage.clear()
  })

  it('shows the body as the server renders it, in place of the comment field, and goes back', async () => {
    const el = await mountOnServer(url)
    type(el, 'body', '**Bold** and _em_, `code`:\n\n> quoted\n\n- one\n- [two](https://two.example)\n\nsee https://x.example/a_b_/c')
    await settle(el)
    const button = toggle(el)!
    expect(button.textContent!.trim()).to.equal('Preview')
    expect(button.getAttribute('aria-pressed')).to.equal('false')
    expect(region(el).hidden).to.be.true
    button.click()
    await until('the rendering', () => region(el).querySelector('strong'))
    expect(button.getAttribute('aria-pressed')).to.equal('true')
    expect(field(el, 'body').hidden, 'the comment field makes room').to.be.true
    expect(region(el).hidden).to.be.false
    const shown = region(el)
    expect(shown.querySelector('strong')!.textContent).to.equal('Bold')
    expect(shown.querySelector('em')!.textContent).to.equal('em')
    expect(shown.querySelector('code')!.textContent).to.equal('code')
    expect(shown.querySelector('blockquote')!.textContent!.trim()).to.equal('quoted')
    expect([...shown.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(['one', 'two'])
    const links = [...shown.querySelectorAll('a')].map((a) => [a.getAttribute('href'), a.getAttribute('rel')])
    expect(links).to.deep.equal([
      ['https://two.example', 'nofollow ugc noopener'],
      ['https://x.example/a_b_/c', 'nofollow ugc noopener'],
    ])
    button.click()
    await settle(el)
    expect(button.getAttribute('aria-pressed')).to.equal('false')
    expect(region(el).hidden).to.be.true
    expect(field<HTMLTextAreaElement>(el, 'body').hidden).to.be.false
    expect(field<HTMLTextAreaElement>(el, 'body').value, 'the draft is untouched').to.contain('**Bold**')
  })

  it('posts from the Preview, and the next comment starts in the comment field', async () => {
    const el = await mountOnServer(url)
    type(el, 'body', 'Posted *from* the preview')
    type(el, 'name', 'Pia')
    type(el, 'email', 'pia@example.org')
    toggle(el)!.click()
    await until('the rendering', () => region(el).querySelector('em'))
    inForm<HTMLButtonElement>(el, 'button[type=submit]')!.click()
    await until('the comment', () => el.shadowRoot!.querySelector('.body em'))
    await settle(el)
    expect(el.shadowRoot!.querySelector('.body')!.innerHTML).to.equal('<p>Posted <em>from</em> the preview</p>')
    expect(toggle(el)!.getAttribute('aria-pressed')).to.equal('false')
    expect(field<HTMLTextAreaElement>(el, 'body').hidden).to.be.false
  })

  it('a blank body previews as nothing, without asking the server', async () => {
    let asked = 0
    const el = await mount(withPreview(async () => (asked++, '<p>x</p>')))
    type(el, 'body', '  \n ')
    toggle(el)!.click()
    await settle(el)
    expect(region(el).hidden).to.be.false
    expect(region(el).textContent!.trim()).to.equal('')
    expect(asked).to.equal(0)
  })

  it('sanitizes what a backend answers, as it sanitizes comments', async () => {
    ;(window as unknown as { previewRan?: boolean }).previewRan = false
    const hostile = withPreview(
      async () => '<p>ok<img src=x onerror="window.previewRan=true"><script>window.previewRan=true</script><a href="javascript:alert(1)">j</a></p>',
    )
    const el = await mount(hostile)
    type(el, 'body', 'anything')
    toggle(el)!.click()
    await until('the rendering', () => region(el).querySelector('p'))
    await new Promise((r) => setTimeout(r, 50))
    expect(region(el).querySelector('img, script')).to.equal(null)
    expect(region(el).querySelector('a')!.hasAttribute('href')).to.be.false
    expect((window as unknown as { previewRan: boolean }).previewRan).to.be.false
  })

  it('says why when the preview fails, and an answer that comes after the reader left is dropped', async () => {
    let answer: (html: string) => void = () => {}
    let fail = true
    const flaky = withPreview(() => (fail ? Promise.reject(new PalaverError('network', 'down')) : new Promise<string>((resolve) => (answer = resolve))))
    const el = await mount(flaky)
    type(el, 'body', 'text')
    toggle(el)!.click()
    await settle(el)
    expect(region(el).textContent).to.contain('The comment server could not be reached.')
    toggle(el)!.click()
    fail = false
    toggle(el)!.click()
    await settle(el)
    expect(region(el).textContent!.trim()).to.equal('Loading…')
    expect(region(el).getAttribute('role')).to.equal('region')
    toggle(el)!.click()
    answer('<p>late</p>')
    await settle(el)
    expect(region(el).hidden).to.be.true
    expect(region(el).textContent).not.to.contain('late')
  })

  it("says when the body is over the server's limit (palaver serve --max-body 50)", async () => {
    const limited = await executeServerCommand<{ url: string }, { action: string }>('palaver-server-limits', { action: 'start' })
    const el = await mountOnServer(limited.url)
    type(el, 'body', 'x'.repeat(51))
    toggle(el)!.click()
    await until('the answer', () => !['', 'Loading…'].includes(region(el).textContent!.trim()))
    expect(region(el).textContent!.trim()).to.equal('Comment is too long.')
  })

  it('works with the keyboard alone: the toggle and the help open with Space and Enter', async () => {
    const el = await mountOnServer(url)
    field(el, 'body').focus()
    await sendKeys({ type: '*typed*' })
    await sendKeys({ press: 'Tab' })
    expect(focused()).to.equal(toggle(el))
    await sendKeys({ press: 'Space' })
    await until('the rendering', () => region(el).querySelector('em'))
    expect(focused(), 'focus stays on the toggle').to.equal(toggle(el))
    await sendKeys({ press: 'Tab' })
    expect(focused()?.localName).to.equal('summary')
    await sendKeys({ press: 'Enter' })
    expect(inForm<HTMLDetailsElement>(el, 'details')!.open).to.be.true
    await sendKeys({ down: 'Shift' })
    await sendKeys({ press: 'Tab' })
    await sendKeys({ up: 'Shift' })
    expect(focused()).to.equal(toggle(el))
    await sendKeys({ press: 'Enter' })
    await settle(el)
    expect(toggle(el)!.getAttribute('aria-pressed')).to.equal('false')
  })

  it('the help shows the subset as typed, in English and in German', async () => {
    const en = await mountOnServer(url)
    expect(inForm(en, 'summary')!.textContent).to.equal('Formatting help')
    const example = inForm(en, 'details pre')!.textContent!
    for (const typed of ['*italic*', '**bold**', '`code`', '> quote', '- list item', '[link](https://example.org)']) expect(example).to.contain(typed)
    const de = await mountOnServer(url, 'de')
    expect(toggle(de)!.textContent!.trim()).to.equal('Vorschau')
    expect(inForm(de, 'summary')!.textContent).to.equal('Hilfe zur Formatierung')
    expect(inForm(de, 'details pre')!.textContent).to.contain('**fett**')
  })

  it('offers neither Preview nor the help where the backend renders no preview (memory, WordPress)', async () => {
    const el = await mount(memory([comment('a')]))
    expect(toggle(el)).to.equal(null)
    expect(inForm(el, 'details')).to.equal(null)
    expect($(el, 'palaver-comment-form')).to.exist
    expect('preview' in MemoryAdapter.prototype || 'preview' in WordPressAdapter.prototype).to.be.false
  })
})
