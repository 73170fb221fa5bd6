/**
 * The widget's texts: English and German built in, any other language registered by the
 * page (`registerLocale`), chosen per element from its `lang`.
 */
import type { ReactiveElement } from 'lit'
import { de } from './de.js'
import { en, type Messages, type PluralForms } from './en.js'

export { en, de }
export type { Messages, PluralForms }

/** Every locale by lower-cased tag: the built-in ones and those the page registered. */
const locales: Record<string, Messages> = { en, de }

/** The locale for a BCP 47 tag: exact, then the primary language ("de-AT" → de), else English. */
export function messagesFor(lang: string | null | undefined): Messages {
  const tag = (lang ?? '').toLowerCase()
  return locales[tag] ?? locales[tag.split('-')[0] ?? ''] ?? en
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
