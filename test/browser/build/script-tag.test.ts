/**
 * The script-tag builds (dist/palaver*.js, made by `npm run build`) on a plain page that
 * loads nothing else: a build must define <palaver-comments> and render a thread by itself,
 * with no second request (no chunk, no font, no stylesheet) and no page globals to set.
 * The page is an iframe whose document this test writes; wtr serves the repo root, so
 * /dist/… are the built files. dist/palaver-memory.js's adapter reads its threads from
 * localStorage, which the iframe shares with this page: the test stores a thread there.
 * dist/palaver.js (the Palaver server's build) must carry only its own adapter and say
 * which script to load for another. Only where the browser has no HTML Sanitizer API is
 * there a second request: palaver-purify.js, DOMPurify with the project's policy.
 */
import { expect } from '@open-wc/testing'
import { comment } from '../helpers/comments.js'
import { nextFrame, waitUntil } from '../helpers/wait.js'

const SCRIPT = '/dist/palaver-memory.js'
const SERVER_SCRIPT = '/dist/palaver.js'
const STORAGE_KEY = 'palaver:memory'

const thread = {
  title: 'Plain page',
  open: true,
  tokens: {},
  comments: [
    comment('c1', { author: { name: 'Ada', url: null, avatar: 'c1' }, html: '<p>First comment from the build test.</p>' }),
    comment('c2', { parentId: 'c1', author: { name: 'Grace', url: null, avatar: 'c2' }, html: '<p>A reply to Ada.</p>' }),
  ],
}

interface Rendered {
  heading: string
  bodies: string[]
  frame: HTMLIFrameElement
}

/** Writes a plain page into an iframe and waits until the element shows its heading. */
async function renderPlainPage(lang: string, heading: RegExp, script = SCRIPT, attrs = 'adapter="memory"', pageScript = ''): Promise<Rendered> {
  const frame = document.createElement('iframe')
  frame.style.width = '800px'
  frame.style.height = '600px'
  frame.srcdoc = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Plain page</title>
<script src="${script}"></script>${pageScript ? `<script>${pageScript}</script>` : ''}</head>
<body><palaver-comments ${attrs} thread="/plain.html" loading="eager"></palaver-comments></body></html>`
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded

  const win = frame.contentWindow!
  const read = () => win.document.querySelector('palaver-comments')?.shadowRoot?.querySelector('h2')?.textContent?.trim() ?? ''
  const failed = () => Boolean(win.document.querySelector('palaver-comments')?.shadowRoot?.querySelector('.error'))
  await waitUntil('the heading or an error', () => heading.test(read()) || failed(), 5000)

  const root = win.document.querySelector('palaver-comments')?.shadowRoot
  const bodies = [...(root?.querySelectorAll('[part~="body"]') ?? [])].map((el) => el.textContent?.trim() ?? '')
  return { heading: read(), bodies, frame }
}

describe('the script-tag builds (dist/palaver-memory.js, dist/palaver.js)', () => {
  before(async () => {
    for (const script of [SCRIPT, SERVER_SCRIPT]) {
      const response = await fetch(script, { method: 'HEAD' })
      if (!response.ok) throw new Error(`${script} answered ${response.status}: run \`npm run build\` first.`)
    }
  })

  beforeEach(() => localStorage.setItem(STORAGE_KEY, JSON.stringify({ '/plain.html': thread })))

  afterEach(() => {
    localStorage.removeItem(STORAGE_KEY)
    for (const frame of document.querySelectorAll('iframe')) frame.remove()
  })

  it('renders a thread on a plain page that loads nothing but the script', async () => {
    const { heading, bodies } = await renderPlainPage('en', /Replies/)
    expect(heading).to.equal('2 Replies to “Plain page”')
    expect(bodies).to.deep.equal(['First comment from the build test.', 'A reply to Ada.'])
  })

  it('makes no request other than the script', async () => {
    const { frame } = await renderPlainPage('en', /Replies/)
    // What the rendered thread makes the page load (fonts, images, stylesheets) is asked
    // for by the time it is laid out and painted and its fonts are ready.
    const win = frame.contentWindow!
    await win.document.fonts.ready
    await nextFrame(win)
    await nextFrame(win)
    expect(win.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)).to.deep.equal([SCRIPT])
  })

  it('where the browser has no HTML Sanitizer, loads palaver-purify.js from beside the script and renders the same', async () => {
    // A page script that runs before the element is parsed: a browser without setHTML.
    const { heading, bodies, frame } = await renderPlainPage('en', /Replies/, SCRIPT, 'adapter="memory"', 'delete Element.prototype.setHTML')
    expect(heading).to.equal('2 Replies to “Plain page”')
    expect(bodies).to.deep.equal(['First comment from the build test.', 'A reply to Ada.'])
    const loaded = frame.contentWindow!.performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname)
    expect(loaded).to.deep.equal([SCRIPT, '/dist/palaver-purify.js'])
  })

  it('speaks the language of the page it is embedded in', async () => {
    const { heading } = await renderPlainPage('de', /Antworten/)
    expect(heading).to.equal('2 Antworten auf „Plain page“')
  })

  it('takes a language the page defines, through the element class (no globals)', async () => {
    // What a page would write after the script tag: only the texts it needs, the rest English.
    const french = `customElements.whenDefined('palaver-comments').then((PalaverComments) =>
      PalaverComments.registerLocale('fr', {
        heading: { one: (n, t) => n + ' réponse à « ' + t + ' »', other: (n, t) => n + ' réponses à « ' + t + ' »' },
        formHeading: 'Laisser un commentaire',
      }))`
    const { heading, frame } = await renderPlainPage('fr-FR', /réponses/, SCRIPT, 'adapter="memory"', french)
    expect(heading).to.equal('2 réponses à « Plain page »')
    const form = frame.contentWindow!.document.querySelector('palaver-comments')!.shadowRoot!.querySelector('palaver-comment-form')!
    expect(form.shadowRoot!.querySelector('h3')!.textContent).to.equal('Laisser un commentaire')
    expect(form.shadowRoot!.querySelector('button[type=submit]')!.textContent!.trim(), 'a text it left out, in English').to.equal('Post Comment')
  })

  it('needs no process global or other set-up on the page', async () => {
    const { frame } = await renderPlainPage('en', /Replies/)
    const win = frame.contentWindow as Window & { process?: unknown }
    expect(win.process === undefined).to.equal(true)
    expect(win.customElements.get('palaver-comments') !== undefined).to.equal(true)
  })

  it('needs no adapter attribute: the backend of the build is the default', async () => {
    const { heading } = await renderPlainPage('en', /Replies/, SCRIPT, '')
    expect(heading).to.equal('2 Replies to “Plain page”')
  })

  it('palaver.js carries only the palaver adapter and names the script that has another', async () => {
    const { frame } = await renderPlainPage('en', /Replies/, SERVER_SCRIPT)
    const error = frame.contentWindow!.document.querySelector('palaver-comments')!.shadowRoot!.querySelector('.error')
    expect(error?.textContent ?? '').to.contain('adapter="memory" comes with palaver-memory.js')
    expect(localStorage.getItem(STORAGE_KEY)).to.contain('First comment from the build test.')
  })

  it('palaver.js asks for the server of its default adapter', async () => {
    const { frame } = await renderPlainPage('en', /Replies/, SERVER_SCRIPT, '')
    const error = frame.contentWindow!.document.querySelector('palaver-comments')!.shadowRoot!.querySelector('.error')
    expect(error?.textContent ?? '').to.contain('needs a server="…" attribute')
  })
})
