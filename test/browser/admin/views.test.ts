/**
 * The threads and settings views of the moderation page, with fake server answers (a
 * stand-in for fetch that records what the page sends): what they show, what they send,
 * fields fixed by flags, a refusal's field map, axe. The page against the real server is
 * test/node/admin/page.test.ts.
 */
import { expect, fixture, html } from '@open-wc/testing'
import type { AxeResults, RunOptions } from 'axe-core'
import 'axe-core/axe.min.js'
import '../../../src/admin/admin-settings/admin-settings.js'
import '../../../src/admin/admin-threads/admin-threads.js'
import type { AdminSettings } from '../../../src/admin/admin-settings/admin-settings.js'
import type { AdminThreads } from '../../../src/admin/admin-threads/admin-threads.js'
import type { AdminThread } from '../../../src/admin/api.js'
import { de } from '../../../src/admin/i18n.js'
import { loadSettings, loadThreads } from '../../../src/admin/stores.js'

interface Sent {
  method: string
  url: string
  body: unknown
  csrf: string | null
}

const realFetch = window.fetch
let sent: Sent[] = []

/** Answers by "METHOD path" (path with its query); records every request. */
function fakeServer(answers: Record<string, (body: unknown) => [number, unknown]>): void {
  sent = []
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    const method = init?.method ?? 'GET'
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined
    sent.push({ method, url, body, csrf: new Headers(init?.headers).get('X-Palaver-Admin') })
    const answer = answers[`${method} ${url}`]
    const [status, data] = answer ? answer(body) : [404, { type: 'not-found' }]
    return new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } })
  }
}

async function violations(el: Element): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(el: Element, o: RunOptions): Promise<AxeResults> } }).axe
  const result = await axe.run(el, { resultTypes: ['violations'] })
  return result.violations.map((v) => `${v.id}: ${v.help}`)
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

const thread = (key: string, open = true): AdminThread => ({
  key,
  title: null,
  pageTitle: `Page ${key}`,
  url: `https://blog.example${key}`,
  open,
  counts: { pending: 2, approved: 5, spam: 1, deleted: 0 },
  lastCommentAt: '2026-12-01T10:00:00.000Z',
})

afterEach(() => {
  window.fetch = realFetch
})

describe('the threads view (fake server answers)', () => {
  it('lists threads with counts; closing and saving a title send PATCH with the CSRF header; axe-clean', async () => {
    fakeServer({
      'GET /api/v1/admin/threads?limit=50': () => [200, { threads: [thread('/a'), thread('/b', false)], nextCursor: null }],
      'PATCH /api/v1/admin/threads?thread=%2Fa': (body) => [200, { thread: { ...thread('/a'), ...(body as object) } }],
    })
    await loadThreads()
    const el = await fixture<AdminThreads>(html`<admin-threads></admin-threads>`)
    const items = el.shadowRoot!.querySelectorAll('li')
    expect(items.length).to.equal(2)
    expect(items[0]!.querySelector('.counts')!.textContent).to.contain('Pending 2').and.contain('Approved 5').and.contain('Spam 1')
    expect(items[1]!.querySelector('.state')!.textContent).to.equal('Closed')
    expect(await violations(el)).to.deep.equal([])

    items[0]!.querySelector<HTMLButtonElement>('button.toggle')!.click()
    await settle()
    expect(sent.at(-1)).to.deep.equal({ method: 'PATCH', url: '/api/v1/admin/threads?thread=%2Fa', body: { open: false }, csrf: '1' })
    expect(el.shadowRoot!.querySelector('li .state')!.textContent).to.equal('Closed')

    const input = el.shadowRoot!.querySelector<HTMLInputElement>('li input[name="title"]')!
    input.value = '  The owner’s title  '
    el.shadowRoot!.querySelector<HTMLFormElement>('li form')!.requestSubmit()
    await settle()
    expect(sent.at(-1)!.body).to.deep.equal({ title: 'The owner’s title' })
    expect(el.shadowRoot!.querySelector('li h3')!.textContent).to.equal('The owner’s title')
  })
})

describe('the settings view (fake server answers)', () => {
  const settings = { moderation: 'first', linkLimit: 2, blockedWords: ['casino'], blockedPrefixes: [] }

  it('shows a field fixed by a flag disabled, saying so; saves only the others; axe-clean', async () => {
    fakeServer({
      'GET /api/v1/admin/settings': () => [200, { settings, fixed: ['moderation'] }],
      'PUT /api/v1/admin/settings': (body) => [200, { settings: { ...settings, ...(body as object) }, fixed: ['moderation'] }],
    })
    await loadSettings()
    const el = await fixture<AdminSettings>(html`<admin-settings></admin-settings>`)
    const root = el.shadowRoot!
    const moderation = root.querySelector<HTMLSelectElement>('#moderation')!
    expect(moderation.disabled).to.equal(true)
    expect(moderation.getAttribute('aria-describedby')).to.equal('moderation-fixed')
    expect(root.querySelector('#moderation-fixed')!.textContent).to.equal('Set by a command-line flag; change it there.')
    expect(root.querySelector<HTMLInputElement>('#linkLimit')!.disabled).to.equal(false)
    expect(await violations(el)).to.deep.equal([])

    root.querySelector<HTMLInputElement>('#linkLimit')!.value = '4'
    root.querySelector<HTMLTextAreaElement>('#blockedPrefixes')!.value = '203.0.113.0/24\n\n 198.51.100.0/24 '
    root.querySelector('form')!.requestSubmit()
    await settle()
    const put = sent.at(-1)!
    expect(put.method).to.equal('PUT')
    expect(put.csrf).to.equal('1')
    expect(put.body).to.deep.equal({ linkLimit: 4, blockedWords: ['casino'], blockedPrefixes: ['203.0.113.0/24', '198.51.100.0/24'] })
  })

  it('shows the field map of a refusal on its field, in German too', async () => {
    fakeServer({
      'GET /api/v1/admin/settings': () => [200, { settings, fixed: [] }],
      'PUT /api/v1/admin/settings': () => [
        422,
        { type: 'validation', fields: { blockedPrefixes: { code: 'invalid', message: 'Not a network prefix: 300.1.2.3/8' } } },
      ],
    })
    await loadSettings()
    const el = await fixture<AdminSettings>(html`<admin-settings .messages=${de}></admin-settings>`)
    const root = el.shadowRoot!
    expect(root.querySelector('h2')!.textContent).to.equal('Einstellungen')
    root.querySelector('form')!.requestSubmit()
    await settle()
    const field = root.querySelector('#blockedPrefixes')!
    expect(field.getAttribute('aria-invalid')).to.equal('true')
    expect(root.querySelector(`#${field.getAttribute('aria-describedby')}`)!.textContent).to.equal('Not a network prefix: 300.1.2.3/8')
    expect(await violations(el)).to.deep.equal([])
  })
})
