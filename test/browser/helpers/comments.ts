/** Comments, drafts and backend records for tests, each with sensible defaults. */
import type { Comment, Draft } from '../../../src/model.js'

let clock = Date.parse('2026-03-02T09:00:00Z')

/** A comment of the widget's model; times increase with each call, so order is stable. */
export function comment(id: string, over: Partial<Comment> = {}): Comment {
  clock += 60_000
  return {
    id,
    parentId: null,
    kind: 'comment',
    author: { name: `Author ${id}`, url: null, avatar: `seed-${id}` },
    html: `<p>Body of ${id}</p>`,
    createdAt: new Date(clock).toISOString(),
    editedAt: null,
    status: 'approved',
    ...over,
  }
}

/** What a reader typed: Ann, with an email, saying hello. */
export const draft = (over: Partial<Draft> = {}): Draft => ({
  parentId: null,
  author: { name: 'Ann', email: 'ann@example.org', url: '' },
  body: 'Hello',
  ...over,
})

/** A WordPress comment as /wp/v2/comments sends it to anonymous readers (WordPress 6.1). */
export function wpComment(id: number, over: Record<string, unknown> = {}) {
  return {
    id,
    parent: 0,
    author_name: `Author ${id}`,
    author_url: '',
    date_gmt: `2026-03-02T09:${String(id % 60).padStart(2, '0')}:00`,
    content: { rendered: `<p>Comment ${id}</p>\n` },
    status: 'approved',
    type: 'comment',
    author_avatar_urls: { '24': `https://secure.gravatar.com/avatar/257c57037d384ae37ea27a07e8a01665?s=24&d=mm&r=g` },
    ...over,
  }
}

export type WpCommentRecord = ReturnType<typeof wpComment>
