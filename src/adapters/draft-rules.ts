import type { DraftField, FieldProblem } from '../model.js'

export type FieldErrors = Partial<Record<DraftField, FieldProblem>>

/** Limits the reference server enforces; the form checks them first, the memory adapter as a backend. */
export const LIMITS: Record<DraftField, number> = { name: 100, email: 254, url: 2000, body: 20000 }
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const WEB = /^https?:\/\/[^\s/]+\.[^\s]+$/i

/**
 * Checks what a reader typed against what the thread requires: an empty map means it may
 * be sent. Messages are plain English for backends; the form words them from the codes.
 */
export function checkDraft(values: Record<DraftField, string>, requires: readonly DraftField[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const field of ['name', 'email', 'url', 'body'] as const) {
    const value = values[field].trim()
    if (!value) {
      if (field === 'body' || requires.includes(field)) errors[field] = { code: 'required', message: `${field} is required.` }
    } else if (value.length > LIMITS[field]) errors[field] = { code: 'too-long', message: `${field} is too long.` }
    else if (field === 'email' && !EMAIL.test(value)) errors[field] = { code: 'invalid', message: 'email is not valid.' }
    else if (field === 'url' && !WEB.test(value)) errors[field] = { code: 'invalid', message: 'url is not an http(s) address.' }
  }
  return errors
}
