import { de } from './de.js'
import { en, type Messages } from './en.js'

export { en, de }
export type { Messages }
export const locales: Record<string, Messages> = { en, de }

/** The locale for a BCP 47 tag: exact, then the primary language ("de-AT" → de), else English. */
export function messagesFor(lang: string | null | undefined): Messages {
  const tag = (lang ?? '').toLowerCase()
  return locales[tag] ?? locales[tag.split('-')[0] ?? ''] ?? en
}

type Plural = { one: (n: string) => string; other: (n: string) => string }
type PluralWith<A> = { one: (n: string, a: A) => string; other: (n: string, a: A) => string }

// Intl objects are costly to create and the heading is rendered often: one per locale.
const rules = new Map<string, Intl.PluralRules>()

/**
 * A count with the locale's digit grouping. Counts are whole and small, and
 * Intl.NumberFormat's first use costs about 20 ms of every page load; this does not.
 */
export function formatCount(messages: Messages, n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+$)/g, messages.thousands)
}

/** Picks the plural form with Intl.PluralRules and formats the number for the locale. */
export function plural(messages: Messages, forms: Plural, n: number): string
export function plural<A>(messages: Messages, forms: PluralWith<A>, n: number, arg: A): string
export function plural<A>(messages: Messages, forms: PluralWith<A>, n: number, arg?: A): string {
  const { locale } = messages
  let rule = rules.get(locale)
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)))
  const form = rule.select(n) === 'one' ? forms.one : forms.other
  return form(formatCount(messages, n), arg as A)
}
