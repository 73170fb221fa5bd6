/**
 * Whether a new or edited comment is published at once or held for the admin.
 *  - none:  publish at once
 *  - first: hold an author's comments until one of theirs has been approved; the author is
 *           the name and email pair (both normalized, as WordPress compares them), never
 *           the email alone: an address is unverified and often guessable, a name is shown
 *  - all:   hold everything
 * In every mode a body with more than two links is held: that is what link spam looks like.
 * The links counted are the ones a reader can follow (countLinks): bare addresses, `www.`
 * ones too, are linked by the rules the widget links by (src/core/links.ts).
 */
import type { Moderation } from './options.js'
import { countLinks } from './render.js'
import { normalizedText } from './services/duplicates.js'
import type { Store } from './store.js'

export const MAX_LINKS_UNMODERATED = 2

/** Who wrote a comment, as "first" moderation recognizes them: the email's key and the name. */
export interface AuthorIdentity {
  key: string | null
  name: string
}

export async function initialStatus(mode: Moderation, html: string, author: AuthorIdentity, store: Store): Promise<'approved' | 'pending'> {
  if (countLinks(html) > MAX_LINKS_UNMODERATED) return 'pending'
  if (mode === 'all') return 'pending'
  if (mode === 'first') return (await isKnownAuthor(author, store)) ? 'approved' : 'pending'
  return 'approved'
}

/** The same email (by its key) and the same name (normalized) as an approved comment's. */
async function isKnownAuthor(author: AuthorIdentity, store: Store): Promise<boolean> {
  if (!author.key) return false
  const name = normalizedText(author.name)
  return (await store.approvedNames(author.key)).some((approved) => normalizedText(approved) === name)
}
