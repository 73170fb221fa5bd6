/**
 * Request bodies, checked with valibot. The schemas `satisfies` the shared model types, so
 * a change to Draft in src/model.ts that the server does not accept fails to compile.
 * The field rules themselves (limits, what an email address and a website are) are the
 * form's too: src/core/draft.ts. Issues become the problem+json field map: field → { code, message }.
 */
import * as v from 'valibot'
import { isBlank, isEmail, isWebsite, type DraftLimits } from '../core/draft.js'
import type { Draft, FieldCode } from '../model.js'
import type { FieldErrors } from './problem.js'
import { normalizeThreadKey } from './thread-key.js'

/**
 * What POST /api/v1/comments takes: the widget's Draft plus where, the form token and the
 * page's address (mail links to it).
 */
export type PostRequest = Draft & { thread: string; title?: string | null; page?: string | null; formToken?: string }
export type PatchRequest = { body: string }

/** The draft's limits (sent to the widget in the thread info), and the request's own. */
export interface Limits extends DraftLimits {
  /** Thread keys are page paths or ids; longer ones are not keys. */
  thread: number
  title: number
}

// Shared by every "required" check, so issue → code can recognise it. Text that shows
// nothing (zero-width characters, Hangul fillers: core/draft.ts isBlank) is not there.
const NOT_BLANK = (text: string): boolean => !isBlank(text)

const required = (label: string) => v.check<string, string>(NOT_BLANK, `${label} is required.`)
const tooLong = (label: string, max: number) => v.maxLength<string, number, string>(max, `${label} is too long (at most ${max} characters).`)
const text = (label: string) => v.string(`${label} must be text.`)

/** Reply notifications are mail: ticking the box makes the email required (the form knows it too: core's requiredFor). */
const mailable = (input: { notify?: boolean; author: { email: string } }) => !input.notify || input.author.email !== ''

export function postSchema(limits: Limits, requireEmail: boolean) {
  const validEmail = v.check((s: string) => s.trim() === '' || isEmail(s.trim()), 'Email is not a valid address.')
  const email = requireEmail
    ? v.pipe(v.optional(text('Email'), ''), required('Email'), tooLong('Email', limits.email), validEmail, v.trim())
    : v.pipe(v.optional(text('Email'), ''), tooLong('Email', limits.email), validEmail, v.trim())
  const fields = v.object({
    thread: v.pipe(text('Thread'), required('Thread'), tooLong('Thread', limits.thread), v.transform(normalizeThreadKey)),
    title: v.optional(v.nullable(v.pipe(text('Title'), tooLong('Title', limits.title)))),
    parentId: v.optional(v.nullable(v.pipe(text('Parent'), tooLong('Parent', 64))), null),
    author: v.object(
      {
        name: v.pipe(v.optional(text('Name'), ''), required('Name'), tooLong('Name', limits.name), v.trim()),
        email,
        url: v.pipe(
          v.optional(v.nullable(text('Website')), ''),
          v.transform((s) => (s ?? '').trim()),
          tooLong('Website', limits.url),
          v.check((s: string) => s === '' || isWebsite(s), 'Website must be an http(s) address.'),
        ),
      },
      'Author must be an object with name, email and url.',
    ),
    body: v.pipe(v.optional(text('Comment'), ''), required('Comment'), tooLong('Comment', limits.body)),
    page: v.optional(v.nullable(v.pipe(text('Page'), tooLong('Page', limits.url)))),
    lang: v.optional(
      v.pipe(text('Language'), tooLong('Language', 35), v.regex(/^[a-z]{2,3}(?:-[a-z\d]{1,8})*$/i, 'Language must be a BCP 47 tag like de or en-GB.')),
    ),
    notify: v.optional(v.boolean('Notify must be true or false.')),
    formToken: v.optional(v.string()),
    trap: v.optional(v.string()),
  })
  return v.pipe(
    fields,
    v.forward(v.partialCheck([['notify'], ['author', 'email']], mailable, 'An email address is needed to be notified of replies.'), ['author', 'email']),
  ) satisfies v.GenericSchema<unknown, PostRequest>
}

export function patchSchema(limits: Limits) {
  return v.object({
    body: v.pipe(v.optional(text('Comment'), ''), required('Comment'), tooLong('Comment', limits.body)),
  }) satisfies v.GenericSchema<unknown, PatchRequest>
}

/** author.name → name: the widget's fields are flat. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  const keys = (issue.path ?? []).map((item) => String(item.key))
  return keys[keys.length - 1] ?? 'request'
}

function codeOf(issue: v.BaseIssue<unknown>): FieldCode {
  if (issue.received === 'undefined' || issue.requirement === NOT_BLANK || issue.requirement === mailable) return 'required'
  if (issue.type === 'max_length') return 'too-long'
  return 'invalid'
}

export function parseBody<T>(schema: v.GenericSchema<unknown, T>, input: unknown): { ok: true; value: T } | { ok: false; fields: FieldErrors } {
  const result = v.safeParse(schema, input)
  if (result.success) return { ok: true, value: result.output }
  const fields: FieldErrors = {}
  for (const issue of result.issues) {
    const field = fieldOf(issue)
    // The first problem per field is the one worth showing.
    fields[field] ??= { code: codeOf(issue), message: issue.message }
  }
  return { ok: false, fields }
}
