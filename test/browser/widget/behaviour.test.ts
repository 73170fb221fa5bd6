import { expect, fixture, html } from '@open-wc/testing'
import { MemoryAdapter } from '../../../src/adapters/memory.js'
import { PalaverError } from '../../../src/core/errors.js'
import { de, en } from '../../../src/i18n/index.js'
import type { Adapter, Comment } from '../../../src/model.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import { comment } from '../helpers/comments.js'
import { waitUntil } from '../helpers/wait.js'
import { $, $$, form, memory, mount, settle } from '../helpers/widget.js'

/** Every key path of a messages object, with the kind of value found there. */
function shape(value: unknown, path = ''): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k))
  }
  return [`${path}:${Array.isArray(value) ? 'array' : typeof value}`]
}

describe('languages', () => {
  it('German has every key of English, of the same kind', () => {
    expect(shape(de).sort()).to.deep.equal(shape(en).sort())
  })

  it('shows the German heading with German plural rules and quotes', async () => {
    const el = await mount(memory([comment('a'), comment('b')]), { lang: 'de' })
    expect($(el, 'h2')!.textContent!.trim()).to.equal('2 Antworten auf „A post“')
    const one = await mount(memory([comment('a')]), { lang: 'de' })
    expect($(one, 'h2')!.textContent!.trim()).to.equal('1 Antwort auf „A post“')
  })

  it('shows the German form with the seed page wording', async () => {
    const el = await mount(memory([]), { lang: 'de' })
    const root = form(el).shadowRoot!
    expect(root.querySelector('h3')!.textContent).to.equal('Schreibe einen Kommentar')
    expect(root.querySelector('.note')!.textContent!.replace(/\s+/g, ' ')).to.equal(
      'Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.',
    )
    expect(root.querySelector('label[for=body]')!.textContent).to.contain('Kommentar')
  })

  it('takes the language of the nearest [lang] ancestor and follows a change', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-AT">
      <palaver-comments thread="t" loading="eager" .adapter=${memory([comment('a')])}></palaver-comments>
    </div>`)
    const el = wrapper.querySelector('palaver-comments')!
    await settle(el)
    expect($(el, 'h2')!.textContent).to.contain('Antwort auf')
    el.setAttribute('lang', 'en')
    await settle(el)
    expect($(el, 'h2')!.textContent).to.contain('Reply to')
  })

  it("follows a change of an ancestor's lang", async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="en">
      <palaver-comments thread="t" loading="eager" .adapter=${memory([comment('a')])}></palaver-comments>
    </div>`)
    const el = wrapper.querySelector('palaver-comments')!
    await settle(el)
    expect($(el, 'h2')!.textContent).to.contain('Reply to')
    wrapper.setAttribute('lang', 'de')
    await settle(el)
    expect($(el, 'h2')!.textContent).to.contain('Antwort auf')
  })
})

describe('paging and sorting', () => {
  const many = () => Array.from({ length: 7 }, (_, i) => comment(`p${i}`))

  it('shows page-size top-level comments, then loads more until all are shown', async () => {
    const el = await mount(memory(many()), { pageSize: 3 })
    expect($$(el, 'ol.comments > li').length).to.equal(3)
    expect($(el, 'h2')!.textContent).to.match(/^7 Replies/)
    $<HTMLButtonElement>(el, 'button[part=load-more]')!.click()
    await settle(el)
    expect($$(el, 'ol.comments > li').length).to.equal(6)
    $<HTMLButtonElement>(el, 'button[part=load-more]')!.click()
    await settle(el)
    expect($$(el, 'ol.comments > li').length).to.equal(7)
    expect($(el, 'button[part=load-more]') === null).to.equal(true)
  })

  it('sorts newest first when asked', async () => {
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" sort="newest"
      .adapter=${memory(many())}></palaver-comments>`)
    await settle(el)
    expect(
      $$(el, 'ol.comments > li')
        .map((li) => li.id)
        .slice(0, 2),
    ).to.deep.equal(['comment-p6', 'comment-p5'])
  })
})

describe('states', () => {
  it('says so when there are no comments yet', async () => {
    const el = await mount(memory([]))
    expect($(el, '.empty')!.textContent).to.equal('No comments yet. Be the first to write one.')
    expect($(el, 'h2')!.textContent!.trim()).to.equal('0 Replies to “A post”')
  })

  it('shows a loading skeleton that reserves space until the first page arrives', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const adapter = memory([comment('a')])
    const slow: Adapter = { list: async (t, p) => (await gate, adapter.list(t, p)), post: adapter.post.bind(adapter) }
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" .adapter=${slow}></palaver-comments>`)
    expect($(el, '.skeleton')!.getAttribute('aria-busy')).to.equal('true')
    expect(el.getBoundingClientRect().height).to.be.greaterThan(200)
    release()
    await settle(el)
    expect($(el, '.skeleton') === null).to.equal(true)
  })

  it('shows an error with a retry button that loads again', async () => {
    let fail = true
    const adapter = memory([comment('a')])
    const flaky: Adapter = {
      list: async (t, p) => {
        if (fail) throw new PalaverError('network', 'down')
        return adapter.list(t, p)
      },
      post: adapter.post.bind(adapter),
    }
    const errors: string[] = []
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="t" loading="eager" .adapter=${flaky}
      @palaver-error=${(e: { error: PalaverError }) => errors.push(e.error.kind)}></palaver-comments>`)
    await settle(el)
    expect($(el, '.state-error')!.textContent).to.contain('The comments could not be loaded.')
    fail = false
    $<HTMLButtonElement>(el, '.state-error button')!.click()
    await settle(el)
    expect($$(el, 'ol.comments > li').length).to.equal(1)
  })

  it('explains a misconfiguration in the element instead of throwing', async () => {
    const el = await fixture<PalaverComments>(html`<palaver-comments adapter="nonsense"></palaver-comments>`)
    await settle(el)
    expect($(el, '.error')!.textContent).to.contain('Unknown adapter "nonsense"')
    const noServer = await fixture<PalaverComments>(html`<palaver-comments></palaver-comments>`)
    await settle(noServer)
    expect($(noServer, '.error')!.textContent).to.contain('server')
  })

  it('does not load a lazy widget until it nears the viewport', async () => {
    let calls = 0
    const adapter = memory([comment('a')])
    const counting: Adapter = { list: (t, p) => (calls++, adapter.list(t, p)), post: adapter.post.bind(adapter) }
    const page = await fixture<HTMLDivElement>(html`<div>
      <div style="height: 5000px"></div>
      <palaver-comments thread="t" .adapter=${counting}></palaver-comments>
    </div>`)
    const el = page.querySelector('palaver-comments')!
    await settle(el)
    expect(calls).to.equal(0)
    el.scrollIntoView()
    await waitUntil('the first list call', () => calls > 0)
    await settle(el)
    expect(calls).to.equal(1)
    expect($$(el, 'ol.comments > li').length).to.equal(1)
  })
})

describe('several widgets and thread changes', () => {
  it('keeps two widgets on one page independent', async () => {
    const adapter = new MemoryAdapter({
      threads: { one: { comments: [comment('x')], title: 'One' }, two: { comments: [comment('y'), comment('z')], title: 'Two' } },
    })
    const page = await fixture<HTMLDivElement>(html`<div>
      <palaver-comments thread="one" loading="eager" .adapter=${adapter}></palaver-comments>
      <palaver-comments thread="two" loading="eager" .adapter=${adapter}></palaver-comments>
    </div>`)
    const [a, b] = [...page.querySelectorAll('palaver-comments')]
    await settle(a!)
    await settle(b!)
    expect($(a!, 'h2')!.textContent).to.contain('1 Reply to “One”')
    expect($(b!, 'h2')!.textContent).to.contain('2 Replies to “Two”')
    $<HTMLButtonElement>(a!, 'button.reply')!.click()
    await settle(a!)
    expect($(b!, 'ol.comments palaver-comment-form') === null).to.equal(true)
  })

  it('reloads when the thread attribute changes', async () => {
    const adapter = new MemoryAdapter({
      threads: { one: { comments: [comment('x')], title: 'One' }, two: { comments: [comment('y'), comment('z')], title: 'Two' } },
    })
    const el = await fixture<PalaverComments>(html`<palaver-comments thread="one" loading="eager" .adapter=${adapter}></palaver-comments>`)
    await settle(el)
    el.setAttribute('thread', 'two')
    await settle(el)
    expect($(el, 'h2')!.textContent).to.contain('2 Replies to “Two”')
    expect($$(el, 'ol.comments > li').map((li) => li.id)).to.deep.equal(['comment-y', 'comment-z'])
  })

  it('stops listening for live comments when removed', async () => {
    const live = countingSubscriptions(memory([]))
    const el = await mount(live)
    expect(live.subscribed).to.equal(1)
    el.remove()
    expect(live.subscribed).to.equal(0)
  })
})

/** An adapter that counts its open live subscriptions. */
function countingSubscriptions(adapter: MemoryAdapter) {
  const live = {
    subscribed: 0,
    list: adapter.list.bind(adapter),
    post: adapter.post.bind(adapter),
    subscribe(thread: string, onChange: (c: Comment) => void) {
      live.subscribed++
      const stop = adapter.subscribe(thread, onChange)
      return () => {
        live.subscribed--
        stop()
      }
    },
  } satisfies Adapter & { subscribed: number }
  return live
}

describe('live updates', () => {
  it('adds a comment from the live stream, counts it and announces it', async () => {
    const adapter = memory([comment('a')])
    const el = await mount(adapter)
    await adapter.post('t', { parentId: null, author: { name: 'Live', email: 'l@example.com', url: '' }, body: 'Fresh' }, { idempotencyKey: 'k1' })
    await settle(el)
    expect($$(el, 'ol.comments > li').length).to.equal(2)
    expect($(el, 'h2')!.textContent).to.match(/^2 Replies/)
    expect($(el, '[role=status][aria-live=polite]')!.textContent!.trim()).to.equal('1 new comment')
  })

  it('replaces an edited comment and turns a removed one with replies into a placeholder', async () => {
    const adapter = memory([])
    const el = await mount(adapter)
    const author = { name: 'E', email: 'e@example.com', url: '' }
    const parent = await adapter.post('t', { parentId: null, author, body: 'Before' }, { idempotencyKey: 'p1' })
    await adapter.post('t', { parentId: 'p1', author, body: 'Child' }, { idempotencyKey: 'c1' })
    await adapter.edit('p1', 'After', parent.editToken!)
    await settle(el)
    expect($(el, '#comment-p1 .body')!.textContent).to.contain('After')
    await adapter.remove('p1', parent.editToken!)
    await settle(el)
    expect($(el, '#comment-p1 > article.deleted') !== null).to.equal(true)
    expect($(el, 'h2')!.textContent).to.match(/^1 Reply/)
  })
})

describe('themes', () => {
  it('switches colours live with the theme attribute', async () => {
    const el = await mount(memory([]))
    el.setAttribute('theme', 'light')
    const light = getComputedStyle(el).getPropertyValue('--palaver-text').trim()
    el.setAttribute('theme', 'dark')
    const dark = getComputedStyle(el).getPropertyValue('--palaver-text').trim()
    expect(light).not.to.equal(dark)
  })
})

describe('moving the element', () => {
  it('shows the thread again and listens again after being moved elsewhere in the page', async () => {
    const live = countingSubscriptions(memory([comment('a')]))
    const el = await mount(live)
    const elsewhere = document.createElement('div')
    document.body.append(elsewhere)
    elsewhere.append(el)
    await settle(el)
    await el.updateComplete
    expect($$(el, 'ol.comments > li').length).to.equal(1)
    expect(live.subscribed).to.equal(1)
    elsewhere.remove()
    expect(live.subscribed).to.equal(0)
  })
})

describe('dates', () => {
  it('words dates as Intl.DateTimeFormat does (long date, short time), in both languages', async () => {
    const { formatDate } = await import('../../../src/widget/comment-list/comment-list.js')
    const moments = ['2026-03-02T09:01:00Z', '2026-12-24T23:59:00Z', '2026-01-10T12:00:00Z', '2026-07-05T00:05:00Z', '2025-10-31T13:45:30Z']
    for (const iso of moments) {
      for (const m of [en, de]) {
        const intl = new Intl.DateTimeFormat(m.locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))
        expect(formatDate(iso, m), `${m.locale} ${iso}`).to.equal(intl)
      }
    }
    expect(formatDate('not a date', en)).to.equal('')
  })
})

describe('numbers', () => {
  it('groups digits as Intl.NumberFormat does, in both languages', async () => {
    const { formatCount } = await import('../../../src/i18n/index.js')
    for (const n of [0, 1, 12, 999, 1000, 9999, 10000, 123456, 1234567]) {
      expect(formatCount(en, n), `en ${n}`).to.equal(new Intl.NumberFormat('en').format(n))
      expect(formatCount(de, n), `de ${n}`).to.equal(new Intl.NumberFormat('de').format(n))
    }
  })
})
