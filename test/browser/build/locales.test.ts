/**
 * The built languages on a plain page (issue 13.13): the script-tag build (here
 * dist/palaver-memory.js, whose adapter needs no server; every script-tag build loads its
 * languages the same way) imports dist/locales/<file>.js beside itself for the page's
 * language, and that file only; en and de load nothing; a file that cannot be loaded
 * leaves the page in English, working. Needs `npm run build`. The page is an iframe whose
 * document this test writes; wtr serves the repo root, and /broken-locales/ serves the same
 * script with every locale file failing (web-test-runner.config.js).
 */
import { expect } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { comment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'

const STORAGE_KEY = 'palaver:memory'
const thread = {
  title: 'Plain page',
  open: true,
  tokens: {},
  comments: [comment('l1', { author: { name: 'Ada', url: null, avatar: 'l1' } }), comment('l2', { parentId: 'l1' })],
}

interface Page {
  win: Window & typeof globalThis
  root: ShadowRoot
  /** Every URL the page fetched under a locales/ folder. */
  localeRequests: () => string[]
  warnings: string[]
}

/** A plain page with the script and a thread; resolves once the heading reads `heading`. */
async function plainPage(lang: string, heading: RegExp, script = '/dist/palaver-memory.js'): Promise<Page> {
  const frame = document.createElement('iframe')
  frame.srcdoc = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>Plain page</title>
<script>window.warnings = []; const warn = console.warn; console.warn = (...a) => { warnings.push(a.map(String).join(' ')); warn(...a) }</script>
<script src="${script}" defer></script></head>
<body><palaver-comments adapter="memory" thread="/plain.html" loading="eager"></palaver-comments></body></html>`
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  const win = frame.contentWindow as Window & typeof globalThis & { warnings: string[] }
  const root = () => win.document.querySelector('palaver-comments')?.shadowRoot
  const text = () => root()?.querySelector('h2')?.textContent?.trim() ?? ''
  await waitUntil(`a heading like ${heading}`, () => heading.test(text()), 5000)
  return {
    win,
    root: root()!,
    localeRequests: () =>
      win.performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.includes('/locales/')),
    warnings: win.warnings,
  }
}

const heading = (page: Page) => page.root.querySelector('h2')!.textContent!.trim()
const formHeading = (page: Page) => page.root.querySelector('palaver-comment-form')!.shadowRoot!.querySelector('h3')!.textContent

describe('the language files beside the script-tag build', () => {
  before(async () => {
    for (const file of ['/dist/palaver-memory.js', '/dist/locales/fr.js', '/dist/locales/pt-BR.js']) {
      const response = await fetch(file, { method: 'HEAD' })
      if (!response.ok) throw new Error(`${file} answered ${response.status}: run \`npm run build\` first.`)
    }
  })

  beforeEach(() => localStorage.setItem(STORAGE_KEY, JSON.stringify({ '/plain.html': thread })))

  afterEach(() => {
    localStorage.removeItem(STORAGE_KEY)
    for (const frame of document.querySelectorAll('iframe')) frame.remove()
  })

  it('loads /locales/fr.js, and no other language, on a French page and speaks French', async () => {
    const page = await plainPage('fr', /réponses/)
    expect(heading(page)).to.equal('2 réponses à «\u00a0Plain page\u00a0»')
    expect(formHeading(page)).to.equal('Laisser un commentaire')
    expect(page.localeRequests()).to.deep.equal(['/dist/locales/fr.js'])
    expect(page.warnings).to.deep.equal([])
  })

  it('loads the language file on a page with a strict CSP and Trusted Types required', async () => {
    const frame = document.createElement('iframe')
    frame.src = '/test/browser/security/pages/strict-built-fr.html'
    document.body.append(frame)
    const text = () => frame.contentWindow?.document.querySelector('palaver-comments')?.shadowRoot?.querySelector('h2')?.textContent ?? ''
    await waitUntil('the French heading', () => text().includes('réponses'), 5000)
    const win = frame.contentWindow as Window & typeof globalThis
    // Really strict: the page may not run a string as script.
    expect(() => win.eval('1')).to.throw()
    expect(
      win.document.querySelector('palaver-comments')!.shadowRoot!.querySelector('palaver-comment-form')!.shadowRoot!.querySelector('h3')!.textContent,
    ).to.equal('Laisser un commentaire')
  })

  it('loads the file across origins from the real server: dist/palaver.js and /locales/es.js', async () => {
    // The server (palaver serve, dist/ from `npm run build`) is on another port: another origin,
    // so import() needs the server's CORS; this page's origin is allowed to comment.
    const { url } = await executeServerCommand<{ url: string }, { action: string }>('palaver-server', { action: 'start' })
    const frame = document.createElement('iframe')
    frame.srcdoc = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><title>Una página</title>
<script src="${url}/palaver.js" defer></script></head>
<body><palaver-comments server="${url}" thread="/locales-es" thread-title="Una página" loading="eager"></palaver-comments></body></html>`
    document.body.append(frame)
    const root = () => frame.contentWindow?.document.querySelector('palaver-comments')?.shadowRoot
    await waitUntil('the Spanish heading', () => /respuestas a «Una página»/.test(root()?.querySelector('h2')?.textContent ?? ''), 8000)
    expect(root()!.querySelector('palaver-comment-form')!.shadowRoot!.querySelector('h3')!.textContent).to.equal('Deja un comentario')
    const requested = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => name.includes('/locales/'))
    expect(requested).to.deep.equal([`${url}/locales/es.js?v=${(await (await fetch('/package.json')).json()).version}`])
  })

  it('loads pt-BR’s words on a pt-PT page, with Portugal’s dates', async () => {
    const page = await plainPage('pt-PT', /respostas/)
    expect(heading(page)).to.equal('2 respostas para “Plain page”')
    expect(formHeading(page)).to.equal('Deixe um comentário')
    expect(page.localeRequests()).to.deep.equal(['/dist/locales/pt-BR.js'])
    const time = page.root.querySelector('time')!
    const d = new Date(time.getAttribute('datetime')!)
    const expected = new Intl.DateTimeFormat('pt-PT', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(
      Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()),
    )
    expect(time.textContent).to.equal(expected)
  })

  it('loads nothing for English, German, or a language it does not ship', async () => {
    for (const [lang, text] of [
      ['en-GB', /Replies/],
      ['de-AT', /Antworten/],
      ['ja', /Replies/],
    ] as const) {
      const page = await plainPage(lang, text)
      expect(page.localeRequests(), lang).to.deep.equal([])
      page.win.frameElement!.remove()
    }
  })

  it('stays in English, working, when the language file cannot be loaded, and says why once', async () => {
    const page = await plainPage('fr', /Replies/, '/broken-locales/palaver-memory.js')
    await waitUntil('the warning', () => page.warnings.length > 0, 5000)
    expect(heading(page)).to.equal('2 Replies to “Plain page”')
    expect(formHeading(page)).to.equal('Leave a comment')
    expect(page.root.querySelectorAll('[part~="body"]').length).to.equal(2)
    expect(page.warnings).to.have.length(1)
    expect(page.warnings[0]).to.match(/^palaver: .*\/broken-locales\/locales\/fr\.js/)
    expect(page.localeRequests()).to.deep.equal(['/broken-locales/locales/fr.js'])
    // Its later renders ask again for nothing: the failed language is not retried in a loop.
    page.root.host.setAttribute('lang', 'fr-CA')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(page.localeRequests()).to.have.length(1)
    expect(heading(page)).to.equal('2 Replies to “Plain page”')
  })
})
