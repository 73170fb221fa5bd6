/**
 * The synthetic thread every browser benchmark renders, and the same thread in each peer
 * widget's own API format (bench/widgets.ts), so every widget shows the same comments:
 * every second comment top-level, replies up to three deep, ~300-character bodies with a
 * link and emphasis.
 */
import type { Comment } from '../src/model.js'

const bodyText = (i: number) => ({
  html:
    `<p>Comment ${i}: a thoughtful note about the article, with <em>emphasis</em> where it matters and a link to ` +
    `<a href="https://example.org/source/${i}">a source</a>. It goes on for a while, as comments do, to reach ` +
    `about three hundred characters of text, which is a typical length for a reply on a blog.</p>`,
  markdown:
    `Comment ${i}: a thoughtful note about the article, with *emphasis* where it matters and a link to ` +
    `[a source](https://example.org/source/${i}). It goes on for a while, as comments do, to reach ` +
    `about three hundred characters of text, which is a typical length for a reply on a blog.`,
})

/** A deterministic thread of n comments in Palaver's format (docs/api.md). */
export function syntheticThread(n: number): Comment[] {
  const comments: Comment[] = []
  const depth = new Map<string, number>()
  let seed = 42
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = 0; i < n; i++) {
    const id = `c${i}`
    let parentId: string | null = null
    if (i % 2 === 1) {
      const candidates = comments.filter((c) => (depth.get(c.id) ?? 0) < 3).slice(-20)
      parentId = candidates[Math.floor(random() * candidates.length)]?.id ?? null
    }
    depth.set(id, parentId ? (depth.get(parentId) ?? 0) + 1 : 0)
    comments.push({
      id,
      parentId,
      kind: 'comment',
      author: { name: `Reader ${i}`, url: i % 3 ? null : `https://reader${i}.example`, avatar: `seed${i}` },
      html: bodyText(i).html,
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      editedAt: null,
      status: 'approved',
    })
  }
  return comments
}

const index = (id: string) => Number(id.slice(1))
/** Peers load avatars from an image service; here it is another origin, refused and counted. */
const avatar = (i: number) => `https://avatar.bench.test/${i}.png`

/** Each comment's top-level ancestor. */
function rootsOf(comments: Comment[]): Map<string, string> {
  const byId = new Map(comments.map((c) => [c.id, c]))
  const root = new Map<string, string>()
  for (const c of comments) {
    let r = c
    while (r.parentId) r = byId.get(r.parentId) ?? r
    root.set(c.id, r.id)
  }
  return root
}

/**
 * Waline's GET /api/comment answer (`{ errno, data: { count, page, pageSize, totalPages, data } }`):
 * top-level comments, newest first as Waline sorts by default, each with every reply of its
 * subtree in `children` (flat, oldest first, `pid` the parent, `rid` the root, `reply_user`
 * the parent's author), bodies as HTML — Waline's server renders the Markdown.
 */
export function walineAnswer(comments: Comment[], pageSize: number) {
  const root = rootsOf(comments)
  const byId = new Map(comments.map((c) => [c.id, c]))
  const card = (c: Comment) => {
    const i = index(c.id)
    return {
      objectId: String(i + 1),
      nick: c.author.name,
      link: c.author.url ?? '',
      avatar: avatar(i),
      comment: c.html,
      orig: bodyText(i).markdown,
      insertedAt: c.createdAt,
      time: Date.parse(c.createdAt),
      like: 0,
      status: 'approved',
      type: 'guest',
      user_id: '',
      browser: '',
      os: '',
      addr: '',
      sticky: 0,
    }
  }
  const roots = comments.filter((c) => !c.parentId).reverse()
  const data = roots.slice(0, pageSize).map((r) => ({
    ...card(r),
    children: comments
      .filter((c) => c.parentId && root.get(c.id) === r.id)
      .map((c) => {
        const parent = byId.get(c.parentId as string) as Comment
        return {
          ...card(c),
          pid: String(index(parent.id) + 1),
          rid: String(index(r.id) + 1),
          reply_user: { nick: parent.author.name, link: parent.author.url ?? '', avatar: avatar(index(parent.id)) },
        }
      }),
  }))
  return {
    errno: 0,
    errmsg: '',
    data: { count: comments.length, page: 1, pageSize, totalPages: Math.max(1, Math.ceil(roots.length / pageSize)), data },
  }
}

/**
 * Artalk's GET /api/v2/comments answer (`{ comments, count, roots_count, page }`): one flat
 * list, `rid` the parent (0 at the top), bodies as Markdown — Artalk renders them in the page.
 */
export function artalkAnswer(comments: Comment[]) {
  return {
    comments: comments.map((c) => {
      const i = index(c.id)
      return {
        id: i + 1,
        content: bodyText(i).markdown,
        content_marked: '',
        nick: c.author.name,
        email_encrypted: `e${i}`,
        link: c.author.url ?? '',
        rid: c.parentId ? index(c.parentId) + 1 : 0,
        ua: '',
        date: c.createdAt.replace('T', ' ').slice(0, 19),
        user_id: 0,
        is_collapsed: false,
        is_pending: false,
        is_pinned: false,
        is_verified: false,
        is_allow_reply: true,
        badge_name: '',
        badge_color: '',
        ip_region: '',
        page_key: '/bench',
        page_url: '/bench',
        visible: true,
        site_name: 'Bench',
        vote_up: 0,
        vote_down: 0,
      }
    }),
    count: comments.length,
    roots_count: comments.filter((c) => !c.parentId).length,
    page: { id: 1, key: '/bench', title: 'Bench post', url: '/bench', site_name: 'Bench', admin_only: false, pv: 0, vote_up: 0, vote_down: 0, date: '' },
  }
}
