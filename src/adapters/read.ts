/**
 * Readers of JSON from elsewhere (a backend, browser storage): each gives a value of the
 * type asked for, or says there is none. What an adapter maps from them is the widget's
 * model, whatever the JSON held.
 */

/** A string, or '' for anything else. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** An object's members, or none for anything else (arrays included). */
export const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
