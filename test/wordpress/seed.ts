/** What scripts/wordpress/setup.php seeded, handed to the page by web-test-runner.wordpress.config.js. */
export interface WordPressSeed {
  url: string
  /** Ann → Bob → Cleo, a pingback, a trackback, a hostile body; a held and a spam comment. */
  read: number
  comments: Record<'ann' | 'bob' | 'cleo' | 'ping' | 'track' | 'held' | 'spam' | 'xss', number>
  /** 120 top-level comments and 30 replies: two REST pages. */
  long: number
  longCount: number
  longRoots: number
  closed: number
  /** Refuses anonymous comments (the test knobs), as WordPress does without the plugin. */
  members: number
  /** Where the writing tests write; Ann (ann@example.com) has an approved comment, so hers go through. */
  write: number
  /** Basic credentials (an application password) of the site's admin. */
  admin: string
}

declare global {
  interface Window {
    PALAVER_WP: WordPressSeed
    __palaverWpXss?: number
  }
}

export const wp = window.PALAVER_WP
export const api = `${wp.url}/wp-json/wp/v2`

interface WpComment {
  id: number
  post: number
  parent: number
  author_name: string
  content: { rendered: string }
  status: string
}

/** A comment as WordPress itself answers anonymous readers (401 when it is held). */
export async function fromWordPress(id: string | number): Promise<{ status: number; comment: WpComment | null }> {
  const response = await fetch(`${api}/comments/${id}`)
  return { status: response.status, comment: response.ok ? ((await response.json()) as WpComment) : null }
}

/** A comment as wp-admin's Comments list knows it (the REST API's edit context, as the admin). */
export async function asAdmin(id: string | number): Promise<WpComment & { author_email: string }> {
  const response = await fetch(`${api}/comments/${id}?context=edit`, { headers: { Authorization: `Basic ${wp.admin}` } })
  if (!response.ok) throw new Error(`comment ${id} as admin: ${response.status}`)
  return (await response.json()) as WpComment & { author_email: string }
}

/** What a moderator does in wp-admin: approve a held comment (a test-only route of the test knobs). */
export async function approve(id: string | number): Promise<void> {
  const response = await fetch(`${wp.url}/wp-json/palaver-test/v1/approve/${id}`, { method: 'POST' })
  if (!response.ok) throw new Error(`approve ${id}: ${response.status}`)
}

/** A body no test wrote before: WordPress refuses duplicates. */
export const unique = (text: string) => `${text} (${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)})`
