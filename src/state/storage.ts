/**
 * The few things the widget keeps in the browser, each in one place:
 * - edit tokens of comments posted from here (localStorage): they let the reader see
 *   their own pending comments after a reload, and edit or remove within the window;
 * - the unsent draft (sessionStorage): it survives a reload or a failed post, and is gone
 *   when the tab closes;
 * - name, email and website (localStorage), only when the reader opted in.
 * Storage may be blocked (privacy modes, sandboxed iframes): every access fails soft.
 */

export interface HeldToken {
  id: string
  token: string
  /** When the token was saved (ms); old tokens are dropped. */
  at: number
  /** Until when the comment may be edited or removed (ms), if the backend said. */
  until: number | null
  /** The text as typed, for editing; kept only while the edit window is open. */
  text: string | null
}

const MAX_TOKENS = 50
const TOKEN_TTL = 90 * 24 * 3600 * 1000

function read<T>(store: () => Storage, key: string): T | null {
  try {
    const raw = store().getItem(key)
    return raw ? (JSON.parse(raw) as T) : null
  } catch {
    return null
  }
}

function write(store: () => Storage, key: string, value: unknown): void {
  try {
    if (value === null) store().removeItem(key)
    else store().setItem(key, JSON.stringify(value))
  } catch {
    // Blocked or full: the value lives only as long as the page.
  }
}

const local = () => localStorage
const session = () => sessionStorage

export function readTokens(scope: string): HeldToken[] {
  const now = Date.now()
  return (read<HeldToken[]>(local, `palaver:tokens:${scope}`) ?? [])
    .filter((t) => now - t.at < TOKEN_TTL)
    .map((t) => (t.until !== null && t.until < now ? { ...t, text: null } : t))
}

export function saveToken(scope: string, held: Omit<HeldToken, 'at'>): void {
  const tokens = [...readTokens(scope).filter((t) => t.id !== held.id), { ...held, at: Date.now() }]
  write(local, `palaver:tokens:${scope}`, tokens.slice(-MAX_TOKENS))
}

export interface StoredDraft {
  name: string
  email: string
  url: string
  body: string
  parentId: string | null
  idempotencyKey: string | null
}

export const readDraft = (scope: string) => read<StoredDraft>(session, `palaver:draft:${scope}`)
export const saveDraft = (scope: string, draft: StoredDraft | null) => write(session, `palaver:draft:${scope}`, draft)

export interface RememberedAuthor {
  name: string
  email: string
  url: string
}

export const readAuthor = () => read<RememberedAuthor>(local, 'palaver:author')
export const saveAuthor = (author: RememberedAuthor | null) => write(local, 'palaver:author', author)
