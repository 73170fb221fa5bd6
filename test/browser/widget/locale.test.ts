/**
 * Languages a page adds (registerLocale): this test file is the host page, and it defines
 * French, Polish and Dutch the way a site would. Plural forms come from Intl.PluralRules
 * (French counts 0 as singular, Polish has few and many); texts a locale leaves out are
 * English, with one console warning naming them.
 */
import { expect, fixture, html } from '@open-wc/testing'
import { de, en, registerLocale, type Messages } from '../../../src/index.js'
import type { PalaverComments } from '../../../src/widget/palaver-comments/palaver-comments.js'
import type { PalaverCount } from '../../../src/widget/palaver-count/palaver-count.js'
import { comment } from '../helpers/comments.js'
import { $, form, memory, mount, settle } from '../helpers/widget.js'

/** French as a site would define it: English's keys, French words (a few shown here in full). */
const fr: Messages = {
  ...en,
  locale: 'fr',
  thousands: '\u202f',
  heading: {
    one: (n, title) => `${n} réponse à « ${title} »`,
    other: (n, title) => `${n} réponses à « ${title} »`,
  },
  headingUntitled: { one: (n) => `${n} réponse`, other: (n) => `${n} réponses` },
  noComments: 'Pas encore de commentaires.',
  formHeading: 'Laisser un commentaire',
  submit: 'Publier',
  preview: 'Aperçu',
  commentCount: { one: (n) => `${n} commentaire`, other: (n) => `${n} commentaires` },
  errors: { ...en.errors, network: 'Le serveur de commentaires est injoignable.' },
}

/** Polish: one, few, many (and other for fractions), as Intl.PluralRules('pl') selects them. */
const pl: Messages = {
  ...en,
  locale: 'pl',
  heading: {
    one: (n, t) => `${n} odpowiedź na „${t}”`,
    few: (n, t) => `${n} odpowiedzi na „${t}”`,
    many: (n, t) => `${n} odpowiedzi (wiele) na „${t}”`,
    other: (n, t) => `${n} odpowiedzi (inne) na „${t}”`,
  },
  commentCount: {
    one: (n) => `${n} komentarz`,
    few: (n) => `${n} komentarze`,
    many: (n) => `${n} komentarzy`,
    other: (n) => `${n} komentarza`,
  },
}

const heading = (el: PalaverComments) => $(el, 'h2')!.textContent!.trim()
const comments = (n: number) => Array.from({ length: n }, (_, i) => comment(`c${n}-${i}`))

describe('languages the page adds (registerLocale)', () => {
  before(() => {
    registerLocale('fr', fr)
    registerLocale('pl', pl)
  })

  it('speaks a registered language where the page says so, regional tags included', async () => {
    const el = await mount(memory(comments(2)), { lang: 'fr-CA' })
    expect(heading(el)).to.equal('2 réponses à « A post »')
    expect(form(el).shadowRoot!.querySelector('h3')!.textContent).to.equal('Laisser un commentaire')
    expect(form(el).shadowRoot!.querySelector('button[type=submit]')!.textContent!.trim()).to.equal('Publier')
  })

  it('counts 0 as singular in French, as Intl.PluralRules says', async () => {
    expect(new Intl.PluralRules('fr').select(0)).to.equal('one')
    const el = await mount(memory([]), { lang: 'fr' })
    expect(heading(el)).to.equal('0 réponse à « A post »')
    expect($(el, '.empty')!.textContent).to.equal('Pas encore de commentaires.')
  })

  it('uses every plural category a language has: Polish one, few and many', async () => {
    const cases: [number, string][] = [
      [1, '1 odpowiedź na „A post”'],
      [3, '3 odpowiedzi na „A post”'],
      [5, '5 odpowiedzi (wiele) na „A post”'],
      [22, '22 odpowiedzi na „A post”'],
    ]
    for (const [n, text] of cases) expect(heading(await mount(memory(comments(n)), { lang: 'pl' })), String(n)).to.equal(text)
    const count = await fixture<PalaverCount>(html`<palaver-count lang="pl" thread="t" .adapter=${memory(comments(12))}></palaver-count>`)
    for (let i = 0; i < 20 && !count.shadowRoot!.textContent!.trim(); i++) await new Promise((r) => setTimeout(r, 10))
    expect(count.shadowRoot!.textContent!.trim()).to.equal('12 komentarzy')
  })

  it('renders elements already on the page again when their language is registered', async () => {
    const el = await mount(memory(comments(1)), { lang: 'it' })
    const count = await fixture<PalaverCount>(html`<palaver-count lang="it" thread="t" .adapter=${memory(comments(3))}></palaver-count>`)
    for (let i = 0; i < 20 && !count.shadowRoot!.textContent!.trim(); i++) await new Promise((r) => setTimeout(r, 10))
    expect(heading(el)).to.equal('1 Reply to “A post”')
    expect(count.shadowRoot!.textContent!.trim()).to.equal('3 comments')
    registerLocale('it', {
      ...en,
      locale: 'it',
      heading: { one: (n, t) => `${n} risposta a “${t}”`, other: (n, t) => `${n} risposte a “${t}”` },
      commentCount: { one: (n) => `${n} commento`, other: (n) => `${n} commenti` },
    })
    await settle(el)
    await count.updateComplete
    expect(heading(el)).to.equal('1 risposta a “A post”')
    expect(count.shadowRoot!.textContent!.trim()).to.equal('3 commenti')
  })

  it('shows English for the texts a locale lacks, and warns once, naming them', async () => {
    const warnings: unknown[][] = []
    const warn = console.warn
    console.warn = (...args: unknown[]) => warnings.push(args)
    try {
      // A page without TypeScript: nothing told it that Messages has more keys.
      const partial = { noComments: 'Nog geen reacties.', errors: { network: 'Geen verbinding.' } } as unknown as Messages
      registerLocale('nl', partial)
    } finally {
      console.warn = warn
    }
    expect(warnings.length).to.equal(1)
    const text = String(warnings[0]![0])
    expect(text).to.contain('"nl"')
    for (const key of ['heading', 'formHeading', 'dateTime', 'commentCount']) expect(text).to.contain(key)
    expect(text).not.to.contain('noComments')
    const el = await mount(memory([]), { lang: 'nl' })
    expect($(el, '.empty')!.textContent).to.equal('Nog geen reacties.')
    expect(heading(el)).to.equal('0 Replies to “A post”')
    expect(form(el).shadowRoot!.querySelector('h3')!.textContent).to.equal('Leave a comment')
  })

  it('refuses a locale tag Intl cannot read when it is registered, not when it renders', () => {
    expect(() => registerLocale('xx', { ...en, locale: 'not a tag!' })).to.throw(RangeError)
  })

  it('may replace a built-in language, and a complete locale warns about nothing', async () => {
    const warnings: unknown[][] = []
    const warn = console.warn
    console.warn = (...args: unknown[]) => warnings.push(args)
    try {
      registerLocale('de', { ...de, formHeading: 'Was meinst du?' })
    } finally {
      console.warn = warn
    }
    try {
      expect(warnings).to.deep.equal([])
      const el = await mount(memory(comments(2)), { lang: 'de' })
      expect(form(el).shadowRoot!.querySelector('h3')!.textContent).to.equal('Was meinst du?')
      expect(heading(el)).to.equal('2 Antworten auf „A post“')
    } finally {
      registerLocale('de', de)
    }
  })
})
