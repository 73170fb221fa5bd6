/**
 * WordPressAdapter against a real WordPress: each of WordPress's refusals arrives as the
 * PalaverError the form understands. Some cannot come through the widget, whose own
 * checks stop the draft first (missing name, email or body); here they reach WordPress.
 */
import { expect } from '@open-wc/testing'
import { PalaverError } from '../../src/core/errors.js'
import { WordPressAdapter } from '../../src/adapters/wordpress.js'
import type { Draft } from '../../src/model.js'
import { unique, wp } from './seed.js'

const draft = (over: Partial<Draft['author']> & { body?: string; parentId?: string | null } = {}): Draft => ({
  parentId: over.parentId ?? null,
  author: { name: over.name ?? 'Ann Example', email: over.email ?? 'ann@example.com', url: over.url ?? '' },
  body: over.body ?? unique('Adapter test'),
})

async function refusal(thread: number | string, d: Draft): Promise<PalaverError> {
  const adapter = new WordPressAdapter(wp.url)
  try {
    await adapter.post(String(thread), d, { idempotencyKey: crypto.getRandomValues(new Uint32Array(2)).join('') })
  } catch (error) {
    expect(error).to.be.instanceOf(PalaverError)
    return error as PalaverError
  }
  throw new Error('WordPress accepted the comment')
}

describe('WordPressAdapter against a real WordPress', () => {
  beforeEach(() => localStorage.clear())

  it('lists a page of top-level comments with all their replies, and a cursor for the rest', async () => {
    const adapter = new WordPressAdapter(wp.url)
    const first = await adapter.list(String(wp.long), { limit: 4, sort: 'oldest' })
    expect(first.thread).to.deep.include({ key: String(wp.long), title: 'A long discussion', count: wp.longCount, open: true })
    expect(first.thread.requires).to.deep.equal(['name', 'email'])
    expect(first.comments.filter((c) => c.parentId === null).length).to.equal(4)
    expect(first.comments.length).to.equal(5) // Reader 4 has one reply
    expect(first.nextCursor).to.equal('4')
    const last = await adapter.list(String(wp.long), { limit: 200, sort: 'oldest', cursor: '100' })
    expect(last.comments.filter((c) => c.parentId === null).length).to.equal(20)
    expect(last.nextCursor).to.equal(null)
  })

  it('maps the comment model: ids as strings, UTC dates, kinds, opaque avatar seeds', async () => {
    const page = await new WordPressAdapter(wp.url).list(String(wp.read), { limit: 50, sort: 'oldest' })
    const byId = new Map(page.comments.map((c) => [c.id, c]))
    const bob = byId.get(String(wp.comments.bob))!
    expect(bob.parentId).to.equal(String(wp.comments.ann))
    expect(bob.createdAt).to.equal('2026-03-02T09:02:00.000Z')
    expect(bob.status).to.equal('approved')
    expect(bob.author.avatar).to.match(/^[0-9a-f]+$/)
    expect(bob.author.avatar, 'not the Gravatar hash itself').to.have.length.below(32)
    expect(byId.get(String(wp.comments.ping))!.kind).to.equal('pingback')
    expect(byId.get(String(wp.comments.track))!.kind).to.equal('trackback')
    expect(JSON.stringify(page)).to.not.contain('gravatar')
  })

  it('counts threads as the list does, by ID or slug', async () => {
    const counts = await new WordPressAdapter(wp.url).count([String(wp.read), 'a-long-discussion'])
    expect(counts).to.deep.equal({ [String(wp.read)]: 6, 'a-long-discussion': wp.longCount })
  })

  it('puts a missing name on the name field', async () => {
    const error = await refusal(wp.write, draft({ name: '' }))
    expect(error.kind).to.equal('validation')
    expect(Object.keys(error.fields)).to.deep.equal(['name'])
    expect(error.fields.name!.code).to.equal('required')
  })

  it('puts a missing email on the email field', async () => {
    const error = await refusal(wp.write, draft({ email: '' }))
    expect(Object.keys(error.fields)).to.deep.equal(['email'])
    expect(error.fields.email!.code).to.equal('required')
  })

  it('puts an email WordPress refuses on the email field, with its words', async () => {
    const error = await refusal(wp.write, draft({ email: 'ann@exa_mple.com' }))
    expect(error.kind).to.equal('validation')
    expect(error.fields.email).to.deep.equal({ code: 'invalid', message: 'Invalid email address.' })
  })

  it('puts an empty comment on the body field', async () => {
    const error = await refusal(wp.write, draft({ body: '' }))
    expect(error.fields.body!.code).to.equal('required')
  })

  it('puts a name longer than WordPress stores on the name field', async () => {
    const error = await refusal(wp.write, draft({ name: 'N'.repeat(300) }))
    expect(error.fields.name!.code).to.equal('too-long')
  })

  it('decodes the entities of a duplicate refusal', async () => {
    const adapter = new WordPressAdapter(wp.url)
    const same = draft()
    await adapter.post(String(wp.write), same, { idempotencyKey: 'first' })
    const error = await refusal(wp.write, same)
    expect(error.kind).to.equal('duplicate')
    expect(error.message).to.equal('Duplicate comment detected; it looks as though you’ve already said that!')
  })

  it('posts once per idempotency key', async () => {
    const adapter = new WordPressAdapter(wp.url)
    const d = draft()
    const a = await adapter.post(String(wp.write), d, { idempotencyKey: 'same-key' })
    const b = await adapter.post(String(wp.write), d, { idempotencyKey: 'same-key' })
    expect(b.comment.id).to.equal(a.comment.id)
  })

  it('calls a closed post closed', async () => {
    const error = await refusal(wp.closed, draft())
    expect(error.kind).to.equal('closed')
  })

  it('tells the owner to install the plugin when WordPress wants a login', async () => {
    const error = await refusal(wp.members, draft())
    expect(error.kind).to.equal('forbidden')
    expect(error.status).to.equal(401)
    expect(error.message).to.contain('Palaver plugin')
  })

  it('calls a post that does not exist not found', async () => {
    const error = await refusal(999999, draft())
    expect(error.kind).to.equal('not-found')
  })

  it('refuses a reply to a comment that is not part of the thread (WordPress would take it)', async () => {
    const error = await refusal(wp.write, draft({ parentId: String(wp.comments.ann) }))
    expect(error.kind).to.equal('validation')
    expect(error.message).to.contain('not part of this discussion')
  })
})
