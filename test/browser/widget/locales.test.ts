/**
 * The languages shipped beside the script (src/i18n/locales/, issue 13.13): each complete
 * against English (no key missing, none extra), each with the plural forms its language
 * has in Intl.PluralRules, and regional tags with their language's words and their own
 * dates ("en-GB" day-month, "pt-PT" pt-BR's words). Here they are registered from source
 * as the loader registers them; test/browser/build/locales.test.ts loads the built files.
 */
import { expect } from '@open-wc/testing'
import type { AxeResults, RunOptions } from 'axe-core'
// axe-core is a UMD script: loading it defines window.axe.
import 'axe-core/axe.min.js'
import { LOCALE_FILES } from '../../../src/i18n/available.js'
import { de, en, messagesFor, plural, registerLocale, type Messages } from '../../../src/i18n/index.js'
import es from '../../../src/i18n/locales/es.js'
import fr from '../../../src/i18n/locales/fr.js'
import it_ from '../../../src/i18n/locales/it.js'
import nl from '../../../src/i18n/locales/nl.js'
import pl from '../../../src/i18n/locales/pl.js'
import ptBR from '../../../src/i18n/locales/pt-BR.js'
import sv from '../../../src/i18n/locales/sv.js'
import tr from '../../../src/i18n/locales/tr.js'
import { comment } from '../helpers/comments.js'
import { $, form, memory, mount } from '../helpers/widget.js'

const SHIPPED: Record<string, Messages> = { es, fr, it: it_, nl, pl, 'pt-BR': ptBR, sv, tr }
const ALL: Record<string, Messages> = { de, ...SHIPPED }
const PLURAL_KEYS = ['heading', 'headingUntitled', 'commentCount', 'newComments'] as const
const CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other']

/** Every difference between a locale's shape and English's: `missing x`, `extra y`, `x is a string, not a function`. */
function shapeDifferences(messages: Record<string, unknown>, base: Record<string, unknown> = en, at = ''): string[] {
  const found: string[] = []
  for (const key of Object.keys(base)) {
    if (!(key in messages)) found.push(`missing ${at}${key}`)
  }
  for (const key of Object.keys(messages)) {
    if (!(key in base)) {
      found.push(`extra ${at}${key}`)
      continue
    }
    const [mine, theirs] = [messages[key], base[key]]
    if (PLURAL_KEYS.includes(key as (typeof PLURAL_KEYS)[number])) continue // plural forms: checked by category below
    if (Array.isArray(theirs)) {
      if (!Array.isArray(mine) || mine.length !== theirs.length || mine.some((part) => typeof part !== 'string'))
        found.push(`${at}${key} is not ${theirs.length} texts`)
    } else if (typeof theirs === 'object' && theirs) {
      found.push(...shapeDifferences(mine as Record<string, unknown>, theirs as Record<string, unknown>, `${at}${key}.`))
    } else if (typeof mine !== typeof theirs) {
      found.push(`${at}${key} is a ${typeof mine}, not a ${typeof theirs}`)
    } else if (mine === '') {
      found.push(`${at}${key} is empty`)
    }
  }
  return found
}

/** What a locale's plural texts lack or have too many of, against Intl.PluralRules for `tag`. */
function pluralDifferences(messages: Messages, tag: string): string[] {
  const needed = new Intl.PluralRules(tag).resolvedOptions().pluralCategories as string[]
  const found: string[] = []
  for (const key of PLURAL_KEYS) {
    const forms = Object.keys(messages[key])
    for (const category of needed) if (!forms.includes(category)) found.push(`${key} lacks ${category}`)
    for (const form of forms) if (!needed.includes(form) || !CATEGORIES.includes(form)) found.push(`${key} has ${form}, which ${tag} never selects`)
  }
  return found
}

const heading = (el: Element) => $(el, 'h2')!.textContent!.trim()
const comments = (n: number) => Array.from({ length: n }, (_, i) => comment(`c${n}-${i}`))
const parts = { year: 2026, month: 2, day: 2, hours: 9, minutes: 1 }
const intl = (tag: string, d = parts) =>
  new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(d.year, d.month, d.day, d.hours, d.minutes))

describe('the languages shipped beside the script', () => {
  before(() => {
    for (const [tag, messages] of Object.entries(SHIPPED)) registerLocale(tag, messages)
  })

  it('ships exactly the files the loader knows', () => {
    expect(Object.keys(SHIPPED).sort()).to.deep.equal([...LOCALE_FILES].sort())
  })

  it('has every key of English in every locale, and no other', () => {
    for (const [tag, messages] of Object.entries(ALL)) expect(shapeDifferences(messages), tag).to.deep.equal([])
    // The check itself sees a missing and an extra key (canary).
    const { noComments: _, ...lacking } = fr
    expect(shapeDifferences({ ...lacking, noComment: 'x', errors: { ...fr.errors, oops: 'x' } })).to.deep.equal([
      'missing noComments',
      'extra errors.oops',
      'extra noComment',
    ])
  })

  it('names each locale by its own tag, and gives every text in its language', () => {
    for (const [tag, messages] of Object.entries(SHIPPED)) {
      expect(messages.locale, tag).to.equal(tag)
      expect(messages.formHeading, tag).not.to.equal(en.formHeading)
      expect(messages.errors.network, tag).not.to.equal(en.errors.network)
    }
  })

  it('has the plural forms of each language, as Intl.PluralRules selects them (regions too)', () => {
    for (const [tag, messages] of Object.entries(ALL)) expect(pluralDifferences(messages, tag), tag).to.deep.equal([])
    for (const tag of ['pt-PT', 'fr-CA', 'es-MX', 'de-AT', 'en-GB']) expect(pluralDifferences(messagesFor(tag), tag), tag).to.deep.equal([])
    expect(pluralDifferences({ ...pl, commentCount: { one: () => '', other: () => '' } }, 'pl')).to.deep.equal([
      'commentCount lacks few',
      'commentCount lacks many',
    ])
  })

  it('says counts as each language does', () => {
    const count = (tag: string, n: number) => plural(messagesFor(tag), messagesFor(tag).commentCount, n)
    const cases: [string, number, string][] = [
      ['fr', 0, '0 commentaire'],
      ['fr', 2, '2 commentaires'],
      ['fr', 1000000, '1\u202f000\u202f000 de commentaires'],
      ['es', 1, '1 comentario'],
      ['es', 1000000, '1.000.000 de comentarios'],
      ['it', 3, '3 commenti'],
      ['nl', 1, '1 reactie'],
      ['nl', 2, '2 reacties'],
      ['pl', 1, '1 komentarz'],
      ['pl', 3, '3 komentarze'],
      ['pl', 5, '5 komentarzy'],
      ['pl', 22, '22 komentarze'],
      ['pl', 25, '25 komentarzy'],
      ['pt-BR', 0, '0 comentários'],
      ['pt-BR', 1, '1 comentário'],
      ['pt-PT', 0, '0 comentários'],
      ['pt-PT', 1, '1 comentário'],
      ['sv', 1, '1 kommentar'],
      ['sv', 2, '2 kommentarer'],
      ['tr', 1, '1 yorum'],
      ['tr', 5, '5 yorum'],
    ]
    for (const [tag, n, text] of cases) expect(count(tag, n), `${tag} ${n}`).to.equal(text)
  })

  it('writes dates in each region’s own order: en-US month first, en-GB day first, both in English', () => {
    expect(messagesFor('en-US').dateTime(parts)).to.equal('March 2, 2026 at 9:01 AM')
    expect(messagesFor('en').dateTime(parts)).to.equal('March 2, 2026 at 9:01 AM')
    expect(messagesFor('en-GB').dateTime(parts)).to.equal('2 March 2026 at 09:01')
    expect(messagesFor('en-GB').formHeading).to.equal(en.formHeading)
    expect(messagesFor('en-AU').dateTime(parts)).to.equal(intl('en-AU'))
  })

  it('gives pt-PT the words of pt-BR with the dates and plural rule of Portugal', () => {
    const pt = messagesFor('pt-PT')
    expect(pt.formHeading).to.equal(ptBR.formHeading)
    expect(pt.submit).to.equal('Publicar comentário')
    expect(pt.locale).to.equal('pt-PT')
    expect(pt.dateTime(parts)).to.equal(intl('pt-PT'))
    expect(messagesFor('pt-BR').dateTime(parts)).to.equal(intl('pt-BR'))
    expect(messagesFor('pt').formHeading).to.equal(ptBR.formHeading)
    // Where the two differ: Intl counts 0 as singular in Brazil, as plural in Portugal.
    expect(new Intl.PluralRules('pt-BR').select(0)).to.equal('one')
    expect(new Intl.PluralRules(pt.locale).select(0)).to.equal('other')
  })

  it('takes other regions’ dates from the full tag and the words from the language', () => {
    const january = { ...parts, month: 0 }
    const cases: [string, Messages][] = [
      ['fr-CA', fr],
      ['es-MX', es],
      ['de-AT', de],
      ['de-CH', de],
      ['it-CH', it_],
      ['nl-BE', nl],
      ['sv-FI', sv],
    ]
    for (const [tag, words] of cases) {
      const m = messagesFor(tag)
      expect(m.dateTime(january), tag).to.equal(intl(tag, january))
      expect(m.formHeading, tag).to.equal(words.formHeading)
    }
    // The full tag matters: Austrians write "Jänner", Canadians "09 h 01".
    expect(messagesFor('de-AT').dateTime(january)).to.contain('Jänner')
    expect(messagesFor('de').dateTime(january)).to.contain('Januar ')
    expect(messagesFor('fr-CA').dateTime(parts)).to.contain('09 h 01')
    // Each language's own dates, for the bare tag, are Intl's too.
    for (const [tag, messages] of Object.entries(ALL)) expect(messages.dateTime(parts), tag).to.equal(intl(tag))
  })

  it('speaks English for a language it does not have, and its own dates for a region Intl cannot read', () => {
    expect(messagesFor('ja')).to.equal(en)
    expect(messagesFor('en_GB').dateTime(parts)).to.equal('March 2, 2026 at 9:01 AM')
    expect(messagesFor('de_AT').formHeading).to.equal(en.formHeading)
    expect(messagesFor('').formHeading).to.equal(en.formHeading)
    // A language with a region Intl cannot read: its words, its own dates, no error.
    expect(messagesFor('de-AT!')).to.equal(de)
  })

  it('renders the widget in French on a French page, dates included', async () => {
    const el = await mount(memory(comments(2)), { lang: 'fr' })
    expect(heading(el)).to.equal('2 réponses à «\u00a0A post\u00a0»')
    expect(form(el).shadowRoot!.querySelector('h3')!.textContent).to.equal('Laisser un commentaire')
    const time = $(el, 'time')!
    const d = new Date(time.getAttribute('datetime')!)
    expect(time.textContent).to.equal(
      intl('fr', { year: d.getFullYear(), month: d.getMonth(), day: d.getDate(), hours: d.getHours(), minutes: d.getMinutes() }),
    )
  })

  it('has no accessibility violations in French and Polish', async () => {
    const axe = (window as unknown as { axe: { run(el: Element, o: RunOptions): Promise<AxeResults> } }).axe
    for (const lang of ['fr', 'pl']) {
      const el = await mount(memory(comments(3)), { lang })
      const result = await axe.run(el, { resultTypes: ['violations'] })
      expect(
        result.violations.map((v) => `${v.id}: ${v.help}`),
        lang,
      ).to.deep.equal([])
    }
  })
})
