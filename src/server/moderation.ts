/**
 * Whether a new or edited comment is published at once or held for the admin.
 *  - none:  publish at once
 *  - first: hold an author's comments until one of theirs has been approved
 *  - all:   hold everything
 * In every mode a body with more than two links is held: that is what link spam looks like.
 * The links counted are the ones a reader can follow (countLinks): bare addresses, `www.`
 * ones too, are linked by the rules the widget links by (src/core/links.ts).
 */
import type { Moderation } from './options.js'
import { countLinks } from './render.js'
import type { Store } from './store.js'

export const MAX_LINKS_UNMODERATED = 2

export async function initialStatus(
  mode: Moderation,
  html: string,
  authorKey: string | null,
  store: Store,
): Promise<'approved' | 'pending'> {
  if (countLinks(html) > MAX_LINKS_UNMODERATED) return 'pending'
  if (mode === 'all') return 'pending'
  if (mode === 'first') return authorKey && (await store.authorHasApproved(authorKey)) ? 'approved' : 'pending'
  return 'approved'
}
