import type { DateParts } from './en.js'

/**
 * A `dateTime` for a BCP 47 tag from Intl.DateTimeFormat (long date, short time): the
 * order and words of that tag's region, "2 March 2026 at 09:01" for en-GB. The parts are
 * already in the reader's time zone, so they are formatted as UTC, unchanged. The format
 * is made here, once (its first use costs ~15 ms, which en and de avoid with their own
 * written-out dates); a tag Intl cannot read throws here, not at each date.
 */
export function intlDateTime(tag: string): (d: DateParts) => string {
  const format = new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })
  return (d) => format.format(Date.UTC(d.year, d.month, d.day, d.hours, d.minutes))
}
