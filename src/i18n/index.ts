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

// Intl objects are costly to create and the heading is rendered often: one of each per locale.
const rules = new Map<string, Intl.PluralRules>()
const numbers = new Map<string, Intl.NumberFormat>()

/** Picks the plural form with Intl.PluralRules and formats the number for the locale. */
export function plural(messages: Messages, forms: Plural, n: number): string
export function plural<A>(messages: Messages, forms: PluralWith<A>, n: number, arg: A): string
export function plural<A>(messages: Messages, forms: PluralWith<A>, n: number, arg?: A): string {
  const { locale } = messages
  let rule = rules.get(locale)
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale)))
  let number = numbers.get(locale)
  if (!number) numbers.set(locale, (number = new Intl.NumberFormat(locale)))
  const form = rule.select(n) === 'one' ? forms.one : forms.other
  return form(number.format(n), arg as A)
}
