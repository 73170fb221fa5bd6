/**
 * Readers of JSON from elsewhere (a backend, browser storage): each gives a value of the
 * type asked for, or says there is none. What an adapter maps from them is the widget's
 * model, whatever the JSON held.
 */
import type { Comment, ThreadInfo } from '../model.js'

/** A string, or '' for anything else. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** An object's members, or none for anything else (arrays included). */
export const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

const KINDS: ReadonlySet<unknown> = new Set(['comment', 'pingback', 'trackback', 'webmention'])
const STATUSES: ReadonlySet<unknown> = new Set(['approved', 'pending', 'deleted'])
const FIELDS: ReadonlySet<unknown> = new Set(['name', 'email', 'url', 'body'])
export const isText = (value: unknown): value is string => typeof value === 'string'
/** Absent (null or undefined) or a string. */
const isOptionalText = (value: unknown) => value == null || typeof value === 'string'

/**
 * A comment the widget can show: every field of the model of its type (a string where a
 * string belongs), whatever an adapter passed on from its backend or its storage.
 */
export function isComment(value: unknown): value is Comment {
  const c = record(value)
  const author = record(c.author)
  return (
    isText(c.id) &&
    isOptionalText(c.parentId) &&
    KINDS.has(c.kind) &&
    isText(author.name) &&
    isOptionalText(author.url) &&
    isOptionalText(author.avatar) &&
    isText(c.html) &&
    isText(c.createdAt) &&
    isOptionalText(c.editedAt) &&
    STATUSES.has(c.status)
  )
}

/** What a thread says, in the types the heading and the form read. */
export function isThreadInfo(value: unknown): value is ThreadInfo {
  const info = record(value)
  return (
    isOptionalText(info.title) &&
    Number.isFinite(info.count) &&
    typeof info.open === 'boolean' &&
    Array.isArray(info.requires) &&
    info.requires.every((field) => FIELDS.has(field))
  )
}
