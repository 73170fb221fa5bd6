/**
 * The admin API's request bodies, checked with valibot like the public ones (validation.ts);
 * issues become the 422 problem+json field map.
 */
import * as v from 'valibot'

export const BULK_MAX = 200

export type BulkAction = 'approve' | 'spam' | 'delete'

export function bulkSchema() {
  return v.object({
    action: v.picklist(['approve', 'spam', 'delete'], 'action is approve, spam or delete.'),
    // Checked as a whole, so a bad id is reported under `ids`, not under its index.
    ids: v.pipe(
      v.array(v.unknown(), 'ids is a list of comment ids.'),
      v.check((ids: unknown[]) => ids.every((id) => typeof id === 'string' && /^[\w-]{1,64}$/.test(id)), 'ids are comment ids.'),
      v.transform((ids) => ids as string[]),
      v.minLength(1, 'ids names at least one comment.'),
      v.maxLength(BULK_MAX, `ids names at most ${BULK_MAX} comments.`),
    ),
  })
}

/** PATCH /admin/threads: the owner's title (null or blank: none) and whether it takes comments. */
export function threadPatchSchema(maxTitle: number) {
  return v.object({
    title: v.optional(
      v.nullable(
        v.pipe(
          v.string('The title must be text or null.'),
          v.transform((text: string) => text.trim()),
          v.maxLength(maxTitle, `The title is too long (at most ${maxTitle} characters).`),
          v.transform((text: string) => text || null),
        ),
      ),
    ),
    open: v.optional(v.boolean('open is true or false.')),
  })
}
