import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { field, form, type } from '../helpers/widget.js'
import { waitUntil } from '../helpers/wait.js'

/**
 * Network faults between the widget and the real reference server (started, killed and
 * restarted by the palaver-server plugin in web-test-runner.config.js): the server down,
 * slow, or answering 500 after it stored the comment, while a reader posts; and the event
 * stream dropped while others post. The draft stays, a retry is offered, a retry with the
 * same Idempotency-Key makes exactly one comment, and the stream fills its gap once.
 */

interface ServerState {
  url: string
  running: boolean
}
const server = (action: 'start' | 'kill' | 'restart') => executeServerCommand<ServerState, { action: string }>('palaver-server', { action })

/** A fault-injecting fetch around the real one (a test double: it decides what the widget sees). */
class FaultyFetch {
  mode: 'pass' | 'slow' | 'stored-then-500' = 'pass'
  readonly posts: { key: string | null; status: number | 'network error' }[] = []

  readonly fetch: typeof fetch = async (input, init) => {
    const isPost = init?.method === 'POST'
    const key = new Headers(init?.headers).get('idempotency-key')
    try {
      if (isPost && this.mode === 'slow') await new Promise((r) => setTimeout(r, 800))
      const response = await fetch(input, init)
      if (isPost && this.mode === 'stored-then-500') {
        // The server stored it; the answer is lost on the way and replaced by a 500.
        this.posts.push({ key, status: 500 })
        return new Response(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500 }), {
          status: 500,
          headers: { 'content-type': 'application/problem+json' },
        })
      }
      if (isPost) this.posts.push({ key, status: response.status })
      return response
    } catch (error) {
      if (isPost) this.posts.push({ key, status: 'network error' })
      throw error
    }
  }
}

const bodies = (el: PalaverComments) => [...el.shadowRoot!.querySelectorAll('.body')].map((b) => b.textContent!.trim())
const submit = (el: PalaverComments) => form(el).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!
const formError = (el: PalaverComments) => form(el).shadowRoot!.querySelector('.form-error')?.textContent ?? ''

/** What the server holds for a thread, asked directly (not through the widget). */
async function stored(url: string, thread: string): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/comments?${new URLSearchParams({ thread })}`)
  const page = (await response.json()) as { comments: { html: string }[] }
  return page.comments.map((c) => c.html.replace(/<[^>]+>/g, ''))
}

/** Another reader posting directly to the server. */
async function postDirect(url: string, thread: string, body: string): Promise<void> {
  const list = (await (await fetch(`${url}/api/v1/comments?${new URLSearchParams({ thread })}`)).json()) as { thread: { formToken: string } }
  const response = await fetch(`${url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `direct-${body}` },
    body: JSON.stringify({
      thread,
      parentId: null,
      author: { name: 'Other reader', email: 'other@example.org', url: '' },
      body,
      formToken: list.thread.formToken,
      trap: '',
    }),
  })
  if (response.status !== 201) throw new Error(`direct post: ${response.status} ${await response.text()}`)
}

let run = 0
const thread = (label: string) => `/faults/${label}/${Date.now().toString(36)}-${run++}`

async function mountWith(url: string, key: string, faulty: FaultyFetch): Promise<PalaverComments> {
  const el = await fixture<PalaverComments>(html`<palaver-comments thread=${key} loading="eager" lang="en"
    .adapter=${new PalaverAdapter(url, { fetch: faulty.fetch })}></palaver-comments>`)
  await waitUntil('the form', () => el.shadowRoot!.querySelector('palaver-comment-form'))
  await el.updateComplete
  return el
}

/** Submits, and expects the failure: the message, the draft kept, the button offering a retry. */
async function submitAndFail(el: PalaverComments, draft: string): Promise<void> {
  submit(el).click()
  await waitUntil('the error', () => formError(el).includes('could not be posted'))
  expect(field<HTMLTextAreaElement>(el, 'body').value).to.equal(draft)
  expect(submit(el).textContent!.trim()).to.equal('Try again')
}

/** A widget on a fresh thread of the real server, through a FaultyFetch, with a draft filled in. */
async function withDraft(url: string, label: string, draft: string) {
  const key = thread(label)
  const faulty = new FaultyFetch()
  const el = await mountWith(url, key, faulty)
  type(el, 'body', draft)
  type(el, 'name', 'Reader')
  type(el, 'email', 'reader@example.org')
  return { key, faulty, el }
}

/** Submits again; the comment shows once in the widget and is stored once. */
async function retryPostsOnce(el: PalaverComments, url: string, key: string, draft: string): Promise<void> {
  submit(el).click()
  await waitUntil('the posted comment', () => bodies(el).includes(draft))
  expect(bodies(el).filter((b) => b === draft)).to.have.length(1)
  expect(await stored(url, key)).to.deep.equal([draft])
}

describe('network faults while posting, against the real server', function () {
  this.timeout(30_000)
  let url: string

  before(async () => {
    url = (await server('start')).url
    sessionStorage.clear()
  })
  after(() => server('start'))

  it('server down: the draft stays, a retry is offered, and the retry after it is back posts once', async () => {
    const { key, faulty, el } = await withDraft(url, 'down', 'Posted while the server was down.')
    await server('kill')
    await submitAndFail(el, 'Posted while the server was down.')

    await server('restart')
    await retryPostsOnce(el, url, key, 'Posted while the server was down.')
    expect(faulty.posts.map((p) => p.status)).to.deep.equal(['network error', 201])
    expect(faulty.posts[0]!.key).to.be.a('string').and.equal(faulty.posts[1]!.key)
  })

  it('500 after the server stored it: the retry with the same key gets the stored comment, not a second one', async () => {
    const { key, faulty, el } = await withDraft(url, '500', 'Stored, but the answer was lost.')
    faulty.mode = 'stored-then-500'
    await submitAndFail(el, 'Stored, but the answer was lost.')

    faulty.mode = 'pass'
    await retryPostsOnce(el, url, key, 'Stored, but the answer was lost.')
    expect(faulty.posts.map((p) => p.status)).to.deep.equal([500, 201])
    expect(faulty.posts[0]!.key).to.equal(faulty.posts[1]!.key)
  })

  it('slow server: the form says it is posting, and pressing submit again meanwhile posts nothing more', async () => {
    const { key, faulty, el } = await withDraft(url, 'slow', 'Posted to a slow server.')
    faulty.mode = 'slow'
    submit(el).click()
    await waitUntil('the sending state', () => submit(el).textContent!.trim() === 'Posting…')
    expect(submit(el).getAttribute('aria-disabled')).to.equal('true')
    submit(el).click()
    submit(el).click()
    await waitUntil('the posted comment', () => bodies(el).includes('Posted to a slow server.'))
    expect(faulty.posts).to.have.length(1)
    expect(await stored(url, key)).to.deep.equal(['Posted to a slow server.'])
  })
})

describe('a dropped event stream, against the real server', function () {
  this.timeout(30_000)

  it('reconnects by itself and shows what was posted meanwhile, each comment once', async () => {
    const { url } = await server('start')
    const key = thread('stream')
    const el = await fixture<PalaverComments>(html`<palaver-comments server=${url} thread=${key} loading="eager" lang="en"></palaver-comments>`)
    await waitUntil('the form', () => el.shadowRoot!.querySelector('palaver-comment-form'))
    // Live while connected (this also proves the stream is open).
    await postDirect(url, key, 'First, while connected.')
    await waitUntil('the live comment', () => bodies(el).includes('First, while connected.'))

    await server('kill')
    await server('restart')
    await postDirect(url, key, 'Second, while the stream was down.')
    await postDirect(url, key, 'Third, while the stream was down.')

    // EventSource reconnects after the server's retry time and sends Last-Event-ID.
    const expected = ['First, while connected.', 'Second, while the stream was down.', 'Third, while the stream was down.']
    await waitUntil('the gap filled', () => expected.every((b) => bodies(el).includes(b)), 10_000)
    // The stream is in order: once a later comment is in, no repeat of the gap is still on its way.
    await postDirect(url, key, 'Fourth, after the gap.')
    await waitUntil('the comment after the gap', () => bodies(el).includes('Fourth, after the gap.'))
    expect(bodies(el).sort()).to.deep.equal([...expected, 'Fourth, after the gap.'].sort())
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.match(/^\s*4\b/)
  })
})
