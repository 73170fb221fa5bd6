/**
 * The widget's texts: English and German built in, any other language registered by the
 * page (`registerLocale`) or loaded when a page needs it (./load.ts, in the script-tag
 * builds), chosen per element from its `lang`.
 */
import type { ReactiveElement } from 'lit'
import { de } from './de.js'
import { en, type Messages, type PluralForms } from './en.js'
import { intlDateTime } from './intl-date.js'

export { en, de }
export type { Messages, PluralForms }

/** Every locale by lower-cased tag: the built-in ones and those the page registered. */
const locales: Record<string, Messages> = { en, de }

/** Regional tags whose dates their language's own `dateTime` writes already (no Intl needed). */
const OWN_DATES = /^(en-us|de-de)$/
/** Each regional tag's texts, made once: its language's words, its own dates and plural rule. */
const regional = new Map<string, Messages>()
/** Told the primary language of a `lang` no locale answers ("fr"), at each render that asks. */
let onMissing: ((language: string) => void) | null = null

/**
 * The texts for a BCP 47 tag: a locale registered under the exact tag; else its primary
 * language's words ("de-AT" → de), or where the language has none of its own, those of a
 * region registered for it ("pt-PT" → pt-BR), with the dates and plural rule of the full
 * tag ("en-GB": "2 March 2026 at 09:01"); else English, and the loader, if there is one,
 * hears which language was missing (it registers it when loaded).
 */
export function messagesFor(lang: string | null | undefined): Messages {
  const tag = (lang ?? '').toLowerCase()
  const exact = locales[tag]
  if (exact) return exact
  const language = tag.split('-')[0] ?? ''
  const words = locales[language] ?? locales[Object.keys(locales).find((key) => key.startsWith(`${language}-`)) ?? '']
  if (!words) {
    if (language) onMissing?.(language)
    return en
  }
  return tag === language || OWN_DATES.test(tag) ? words : inRegion(words, tag, lang as string)
}

/** `lang` as the page wrote it ("pt-PT"): the texts' `locale`, for plurals and the server's lang="…". */
function inRegion(words: Messages, tag: string, lang: string): Messages {
  let texts = regional.get(tag)
  if (!texts) {
    try {
      texts = { ...words, locale: lang, dateTime: intlDateTime(lang) }
    } catch {
      texts = words // Not a tag Intl can read ("en_GB"): the language's own dates.
    }
    regional.set(tag, texts)
  }
  return texts
}

/** Sets who hears of a language no locale answers (./load.ts; one per page). */
export function whenMissing(listener: (language: string) => void): void {
  onMissing = listener
}

// Intl objects are costly to create and the heading is rendered often: one per locale.
const rules = new Map<string, Intl.PluralRules>()

/**
 * Adds a language, or replaces one (`en` and `de` too), for every element whose `lang`
 * names it; elements on the page render again in it. A text the object lacks (a page
 * without a compiler has nothing to tell it) is taken from English, and one console
 * warning names what was missing. `locale` defaults to `tag`; Intl.PluralRules picks the
 * plural forms by it, so it must be a BCP 47 tag (else a RangeError, here).
 */
export function registerLocale(tag: string, messages: Messages): void {
  // What the page gave, typed as what a page without a compiler may give; `locale` defaults to the tag.
  const given: Partial<Messages> = { locale: tag, ...(messages as Partial<Messages>) }
  const missing = Object.keys(en).filter((key) => !(key in given))
  if (missing.length) console.warn(`palaver: locale "${tag}" lacks ${missing}; using English.`)
  const errors = { ...en.errors, ...given.errors }
  const complete: Messages = { ...en, ...given, errors }
  // A tag Intl cannot read would throw at every render that counts: refuse it here.
  rules.set(complete.locale, new Intl.PluralRules(complete.locale))
  locales[tag.toLowerCase()] = complete
  regional.clear()
  // Elements read their texts as they render: render the ones on the page again.
  // (The server reads these texts too, where there is no document.)
  const page = (globalThis as { document?: { querySelectorAll(selector: string): Iterable<ReactiveElement> } }).document
  for (const element of page?.querySelectorAll('palaver-comments,palaver-count') ?? []) element.requestUpdate()
}

/**
 * A count with the locale's digit grouping. Counts are whole and small, and
 * Intl.NumberFormat's first use costs about 20 ms of every page load; this does not.
 */
export function formatCount(messages: Messages, n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, messages.thousands)
}

/** Picks the plural form with Intl.PluralRules and formats the number for the locale. */
export function plural<A extends unknown[]>(messages: Messages, forms: PluralForms<A>, n: number, ...args: A): string {
  const { locale } = messages
  let rule = rules.get(locale)
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)))
  return (forms[rule.select(n)] ?? forms.other)(formatCount(messages, n), ...args)
}
