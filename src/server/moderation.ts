/**
 * Whether a new or edited comment is published at once or held for the admin, and why.
 *  - none:  publish at once
 *  - first: hold an author's comments until one of theirs has been approved; the author is
 *           the name and email pair (both normalized, as WordPress compares them), never
 *           the email alone: an address is unverified and often guessable, a name is shown
 *  - all:   hold everything
 * In every mode a body with more links than the link limit (2 unless the owner says
 * otherwise) is held: that is what link spam looks like. The links counted are the ones a
 * reader can follow (countLinks): bare addresses, `www.` ones too, are linked by the rules
 * the widget links by (src/core/links.ts). The reason is stored with the comment
 * (hold_reason), for the admin page's queue.
 */
import { blockedWordIn, inBlockedNetwork } from './admin/settings.js'
import type { Moderation } from './options.js'
import { countLinks } from './render.js'
import { normalizedText } from './services/duplicates.js'
import type { Store } from './store.js'

/** The default link limit (--link-limit, or the admin page's setting). */
export const MAX_LINKS_UNMODERATED = 2

/** Why a comment waits for the owner; shown in the admin page's queue. */
export type HoldReason = 'moderation-all' | 'first-comment' | 'links' | 'held-parent' | 'edited' | 'blocked-word' | 'blocked-network'

/** The rules a post is held by (the flags, or the settings the owner stored: admin/settings.ts). */
export interface ModerationRules {
  moderation: Moderation
  linkLimit: number
  blockedWords: readonly string[]
  blockedPrefixes: readonly string[]
}

/** What the rules look at besides the rendered body: what the author typed and where from. */
export interface Submission {
  html: string
  /** Name, email, website and text as typed: blocked words are looked for in all of them. */
  texts: readonly string[]
  ipPrefix: string | null
}

/** Who wrote a comment, as "first" moderation recognizes them: the email's key and the name. */
export interface AuthorIdentity {
  key: string | null
  name: string
}

/** Why this new comment is held, or null when it is published at once. */
export async function holdReason(rules: ModerationRules, post: Submission, author: AuthorIdentity, store: Store): Promise<HoldReason | null> {
  if (inBlockedNetwork(post.ipPrefix, rules.blockedPrefixes)) return 'blocked-network'
  if (blockedWordIn(post.texts, rules.blockedWords) !== null) return 'blocked-word'
  if (countLinks(post.html) > rules.linkLimit) return 'links'
  if (rules.moderation === 'all') return 'moderation-all'
  if (rules.moderation === 'first') return (await isKnownAuthor(author, store)) ? null : 'first-comment'
  return null
}

/** The same email (by its key) and the same name (normalized) as an approved comment's. */
async function isKnownAuthor(author: AuthorIdentity, store: Store): Promise<boolean> {
  if (!author.key) return false
  const name = normalizedText(author.name)
  return (await store.approvedNames(author.key)).some((approved) => normalizedText(approved) === name)
}
