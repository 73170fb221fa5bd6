/**
 * A missing `--origin` (issue 15, item 1, the widget's side): against a real server that
 * does not allow the test page, the palaver adapter tells a CORS refusal from a server that
 * is down, tells the owner in the console which `--origin` to add, and readers see a plain
 * message.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { executeServerCommand } from '@web/test-runner-commands'
import { PalaverAdapter } from '../../../src/adapters/palaver.js'
import '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { rejection } from '../helpers/errors.js'
import { waitUntil } from '../helpers/wait.js'

const server = (action: 'start' | 'kill') => executeServerCommand<{ url: string }, { action: string }>('palaver-server-other-origin', { action })

describe('a server that does not allow this page (real server)', () => {
  let warnings: string[] = []
  const warn = console.warn
  beforeEach(() => {
    warnings = []
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '))
  })
  afterEach(() => {
    console.warn = warn
  })

  it('is told apart from a server that is down, and the console names the --origin to add', async () => {
    const { url } = (await server('start'))!
    const error = await rejection(new PalaverAdapter(url).list('/t', { limit: 5, sort: 'oldest' }))
    expect(error.kind).to.equal('config')
    expect(warnings.join('\n')).to.contain(`--origin ${location.origin}`)
  })

  it('readers see a plain message, not "check your connection"', async () => {
    const { url } = (await server('start'))!
    const el = await fixture<PalaverComments>(html`<palaver-comments server=${url} thread="/t" loading="eager" lang="en"></palaver-comments>`)
    const shown = await waitUntil('the error', () => el.shadowRoot!.querySelector('.state-error p')?.textContent)
    expect(shown).to.contain('The comment section is not set up correctly.')
    expect(shown).not.to.contain('Check your connection')
  })

  it('a server that is down stays a network error, without the owner hint', async () => {
    const { url } = (await server('kill'))!
    const error = await rejection(new PalaverAdapter(url).list('/t', { limit: 5, sort: 'oldest' }))
    expect(error.kind).to.equal('network')
    expect(warnings.join('\n')).not.to.contain('--origin')
  })
})
