/**
 * The two caps on a thread's shape, so that no chain of replies and no crowd of them can
 * make an answer (or a client walking it) unbounded. Both are documented in docs/api.md.
 */

/**
 * Replies nest at most this many levels below their top-level comment (depth 0). A reply
 * to a comment at this depth is attached to that comment's parent instead — the deepest
 * ancestor that may still take replies — so it lands at this depth, beside the comment
 * it answered.
 */
export const MAX_REPLY_DEPTH = 100

/**
 * At most this many replies in one answer. A page holds top-level comments with all their
 * replies while they fit; the first top-level comment of a page always comes, and when its
 * replies alone are more, the rest are fetched with GET /api/v1/comments/:id/replies.
 */
export const MAX_REPLIES_PER_PAGE = 1000
