/**
 * <palaver-comments adapter="wordpress"> in Chromium against a real WordPress (Debian's
 * package, the Palaver plugin) on another origin: read, nest, page, post, reply, held
 * comments, and WordPress's errors on the right fields. Run by `npm run test:wordpress`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../../src/index.js'
import type { PalaverComments } from '../../src/widget/palaver-comments/palaver-comments.js'
import { $, $$, field, form, settle, type } from '../browser/helpers/widget.js'
import { approve, asAdmin, fromWordPress, unique, wp } from './seed.js'

beforeEach(() => {
  sessionStorage.clear()
  localStorage.clear()
})

async function mount(thread: string | number, attrs: { pageSize?: number; sort?: string } = {}) {
  const el = await fixture<PalaverComments>(html`<palaver-comments
    adapter="wordpress"
    server=${wp.url}
    thread=${String(thread)}
    loading="eager"
    lang="en"
    sort=${attrs.sort ?? 'oldest'}
    page-size=${attrs.pageSize ?? 50}
  ></palaver-comments>`)
  await waitUntil(() => /\d/.test($(el, 'h2')?.textContent ?? '') || $(el, '.state-error'), 'the thread did not load', { timeout: 15000 })
  await settle(el)
  return el
}

const heading = (el: Element) => $(el, 'h2')!.textContent!.trim()
const item = (el: Element, id: number | string) => $(el, `[id="comment-${id}"]`)
const liveText = (el: Element) => $(el, '[role=status][aria-live=polite]')!.textContent!.trim()
const topLevel = (el: Element) => $$(el, 'ol.comments > li')
const formError = (el: PalaverComments) => form(el).shadowRoot!.querySelector('.form-error')?.textContent?.trim() ?? ''
const fieldError = (el: PalaverComments, id: string) => form(el).shadowRoot!.getElementById(`${id}-error`)?.textContent?.trim() ?? ''

function fill(el: PalaverComments, values: Partial<Record<'name' | 'email' | 'url' | 'body', string>>) {
  for (const [id, value] of Object.entries(values)) type(el, id, value)
}

async function submit(el: PalaverComments) {
  form(el).shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click()
  await waitUntil(() => form(el).store?.$form.get().status !== 'sending', 'the post did not finish', { timeout: 15000 })
  await settle(el)
}

/** Counts this page's requests to WordPress's comments list while `run` runs. */
async function countingListRequests<T>(run: () => Promise<T>): Promise<{ result: T; pages: string[] }> {
  const original = window.fetch
  const pages: string[] = []
  window.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (url.pathname.endsWith('/wp/v2/comments') && (init?.method ?? 'GET') === 'GET') pages.push(url.searchParams.get('page') ?? '')
    return original(input, init)
  }
  try {
    return { result: await run(), pages }
  } finally {
    window.fetch = original
  }
}

describe('<palaver-comments adapter="wordpress"> on a real WordPress', () => {
  describe('reading', () => {
    it("shows the post's title and counts only the comments a reader can see", async () => {
      const el = await mount(wp.read)
      // Ann, Bob, Cleo, the pingback, the trackback, Mallory; not the held one, not the spam.
      expect(heading(el)).to.equal('6 Replies to “Palaver meets WordPress”')
      expect(item(el, wp.comments.held)).to.equal(null)
      expect(item(el, wp.comments.spam)).to.equal(null)
    })

    it("nests replies as WordPress's parent field says", async () => {
      const el = await mount(wp.read)
      const ann = item(el, wp.comments.ann)!
      expect(ann.parentElement!.matches('ol.comments')).to.equal(true)
      const bob = ann.querySelector<HTMLElement>(`:scope > ol.children > [id="comment-${wp.comments.bob}"]`)
      expect(bob, 'Bob answers Ann').to.exist
      expect(bob!.querySelector(`:scope > ol.children > [id="comment-${wp.comments.cleo}"]`), 'Cleo answers Bob').to.exist
      expect(topLevel(el).map((li) => li.id)).to.deep.equal(
        [wp.comments.ann, wp.comments.ping, wp.comments.track, wp.comments.xss].map((id) => `comment-${id}`),
      )
    })

    it('renders the body WordPress formatted, with the author linked to their website', async () => {
      const el = await mount(wp.read)
      const ann = item(el, wp.comments.ann)!
      const body = ann.querySelector('.body')!
      expect(body.querySelectorAll('p').length).to.equal(2)
      expect(body.querySelector('br'), 'a line break').to.exist
      expect(body.textContent).to.contain('Tom & Jerry')
      const author = ann.querySelector<HTMLAnchorElement>('a.author')!
      expect(author.textContent).to.equal('Ann Example')
      expect(author.href).to.equal('https://ann.example/')
    })

    it('shows pingbacks and trackbacks as mentions, their titles decoded', async () => {
      const el = await mount(wp.read)
      const ping = item(el, wp.comments.ping)!.querySelector('article')!
      expect(ping.getAttribute('part')).to.contain('mention')
      expect(ping.getAttribute('aria-label')).to.equal('Pingback: Another blog » A post that links here')
      expect(ping.querySelector<HTMLAnchorElement>('a.author')!.href).to.equal('https://blog.example/links-here/')
      expect(item(el, wp.comments.track)!.querySelector('article')!.getAttribute('aria-label')).to.equal('Trackback: Third blog')
    })

    it("never trusts WordPress's rendered HTML: a hostile body is sanitized", async () => {
      delete window.__palaverWpXss
      const el = await mount(wp.read)
      const body = item(el, wp.comments.xss)!.querySelector('.body')!
      expect(body.textContent).to.contain('Hostile')
      expect(body.querySelector('script, [onerror]')).to.equal(null)
      await new Promise((r) => setTimeout(r, 100))
      expect(window.__palaverWpXss).to.equal(undefined)
    })

    it('finds a post by its slug or its path', async () => {
      for (const thread of ['palaver-meets-wordpress', '/palaver-meets-wordpress/']) {
        const el = await mount(thread)
        expect(heading(el), thread).to.equal('6 Replies to “Palaver meets WordPress”')
      }
    })

    it('loads all 150 comments of a long post in two parallel requests and pages the top level itself', async () => {
      const { result: el, pages } = await countingListRequests(() => mount(wp.long, { pageSize: 50 }))
      expect(pages.sort()).to.deep.equal(['1', '2'])
      expect(heading(el)).to.equal(`${wp.longCount} Replies to “A long discussion”`)
      expect(topLevel(el).length).to.equal(50)
      // Reader 4 (the 4th top-level comment) has Replier 1's answer.
      expect(topLevel(el)[3]!.querySelector('ol.children')!.textContent).to.contain('Reply number 1.')
      const more = () => $<HTMLButtonElement>(el, 'button[part=load-more]')
      const { pages: later } = await countingListRequests(async () => {
        for (const expected of [100, 120]) {
          more()!.click()
          await waitUntil(() => topLevel(el).length === expected, `${expected} top-level comments`)
        }
      })
      expect(later, '"Load more" reads what was loaded').to.deep.equal([])
      expect(more()).to.equal(null)
      expect(topLevel(el).at(-1)!.textContent).to.contain('Comment number 120.')
      expect($$(el, 'ol.children > li').length).to.equal(30)
    })

    it('shows the newest first when asked', async () => {
      const el = await mount(wp.long, { pageSize: 10, sort: 'newest' })
      expect(topLevel(el)[0]!.textContent).to.contain('Comment number 120.')
    })

    it('hides the form on a post whose comments are closed, and still shows its comments', async () => {
      const el = await mount(wp.closed)
      expect(heading(el)).to.equal('1 Reply to “Closed for comments”')
      expect($(el, 'palaver-comment-form')).to.equal(null)
      expect($(el, '.closed')!.textContent).to.equal('Comments are closed.')
      expect($(el, 'button.reply')).to.equal(null)
    })

    it('says a post that does not exist cannot be found', async () => {
      const el = await mount(999999)
      expect($(el, '.state-error')!.textContent).to.contain('This discussion could not be found.')
    })
  })

  describe('writing', () => {
    it('posts a comment that appears at once and lands in WordPress', async () => {
      const el = await mount(wp.write)
      const before = Number(/\d+/.exec(heading(el))![0])
      const text = unique('Hello from Palaver & friends <3')
      fill(el, { name: 'Ann Example', email: 'ann@example.com', url: 'https://ann.example', body: text })
      await submit(el)
      expect(liveText(el)).to.equal('Your comment was posted.')
      const posted = form(el).store!.$form.get().posted!
      expect(posted.status).to.equal('approved')
      expect(item(el, posted.id)!.textContent).to.contain(text)
      expect(heading(el)).to.equal(`${before + 1} Replies to “Write here”`)

      const { comment } = await fromWordPress(posted.id)
      expect(comment!.post).to.equal(wp.write)
      expect(comment!.parent).to.equal(0)
      expect(comment!.author_name).to.equal('Ann Example')
      // Stored as the text it was: "&" and "<" are not markup.
      expect(new DOMParser().parseFromString(comment!.content.rendered, 'text/html').body.textContent).to.contain(text)

      const admin = await asAdmin(posted.id)
      expect(admin.status, "approved in wp-admin's Comments list").to.equal('approved')
      expect(admin.author_email, 'the email reached WordPress').to.equal('ann@example.com')
      expect(JSON.stringify(form(el).store!.$form.get().posted), 'and no further').to.not.contain('ann@example.com')

      const again = await mount(wp.write)
      expect(heading(again)).to.equal(`${before + 1} Replies to “Write here”`)
      expect(item(again, posted.id)).to.exist
    })

    it('posts a reply under its parent, and WordPress records the parent', async () => {
      const el = await mount(wp.write)
      const parent = topLevel(el)[0]!
      parent.querySelector<HTMLButtonElement>('button.reply')!.click()
      await settle(el)
      const text = unique('A reply from Palaver')
      fill(el, { name: 'Ann Example', email: 'ann@example.com', body: text })
      await submit(el)
      const posted = form(el).store!.$form.get().posted!
      expect(parent.querySelector(`ol.children > [id="comment-${posted.id}"]`)).to.exist
      const comment = await asAdmin(posted.id)
      expect(comment.status).to.equal('approved')
      expect(String(comment.parent)).to.equal(parent.id.replace('comment-', ''))
    })

    it('shows a held comment to its author only, as pending, until WordPress approves it', async () => {
      const el = await mount(wp.write)
      const before = heading(el)
      const text = unique('A first-time author is held')
      fill(el, { name: 'New Nora', email: `nora.${Date.now()}@example.com`, body: text })
      await submit(el)
      expect(liveText(el)).to.equal('Your comment was received and is awaiting moderation.')
      const posted = form(el).store!.$form.get().posted!
      expect(posted.status).to.equal('pending')
      const mine = item(el, posted.id)!
      expect(mine.querySelector('.moderation')!.textContent).to.equal('Your comment is awaiting moderation.')
      expect(heading(el), 'pending comments do not count').to.equal(before)
      expect((await fromWordPress(posted.id)).status, 'WordPress does not show it to anonymous readers').to.equal(401)
      expect((await asAdmin(posted.id)).status, "it waits in wp-admin's Pending list").to.equal('hold')

      const reload = await mount(wp.write)
      expect(item(reload, posted.id)!.querySelector('.moderation'), 'still shown to its author after a reload').to.exist

      const key = Object.keys(localStorage).find((k) => k.startsWith('palaver:wordpress:held:'))!
      const stored = localStorage.getItem(key)!
      localStorage.removeItem(key)
      const stranger = await mount(wp.write)
      expect(item(stranger, posted.id), 'another reader does not see it').to.equal(null)
      localStorage.setItem(key, stored)

      await approve(posted.id)
      const approved = await mount(wp.write)
      expect(item(approved, posted.id)!.querySelector('.moderation')).to.equal(null)
      expect(Number(/\d+/.exec(heading(approved))![0])).to.equal(Number(/\d+/.exec(before)![0]) + 1)
      expect(localStorage.getItem(key), 'the local copy goes once WordPress lists it').to.equal(null)
    })

    it("shows WordPress's verdict on an email address beside the email field", async () => {
      const el = await mount(wp.write)
      // Passes the form's own check; WordPress's is_email() refuses the underscore.
      fill(el, { name: 'Ann Example', email: 'ann@exa_mple.com', body: unique('Bad email') })
      await submit(el)
      expect(field(el, 'email').getAttribute('aria-invalid')).to.equal('true')
      expect(fieldError(el, 'email')).to.not.equal('')
      expect(field(el, 'name').getAttribute('aria-invalid')).to.equal('false')
    })

    it('says so when the same comment is posted twice', async () => {
      const el = await mount(wp.write)
      const text = unique('Said twice')
      fill(el, { name: 'Ann Example', email: 'ann@example.com', body: text })
      await submit(el)
      fill(el, { name: 'Ann Example', email: 'ann@example.com', body: text })
      await submit(el)
      expect(formError(el)).to.equal('It looks as though you already posted this comment.')
      expect(field<HTMLTextAreaElement>(el, 'body').value, 'the draft stays').to.equal(text)
    })

    it("asks to wait when WordPress's flood check refuses a comment", async () => {
      const el = await mount(wp.write)
      fill(el, { name: 'Ann Example', email: 'ann@example.com', body: unique('Just before') })
      await submit(el)
      fill(el, { name: 'Fast Fred', email: 'fred@flood.test', body: unique('Too fast') })
      await submit(el)
      expect(formError(el)).to.contain('You are commenting too quickly.')
    })
  })
})
