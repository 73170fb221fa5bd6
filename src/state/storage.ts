/**
 * The few things the widget keeps in the browser, each in one place:
 * - edit tokens of comments posted from here (localStorage): they let the reader see
 *   their own pending comments after a reload, and edit or remove within the window;
 * - the unsent draft (sessionStorage): it survives a reload or a failed post, and is gone
 *   when the tab closes;
 * - name, email and website (localStorage), only when the reader opted in.
 * Storage may be blocked, full or tampered with: every access fails soft (safe-storage.ts).
 */
import { local, readStored, session, writeStored } from '../adapters/safe-storage.js'

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

/** A stored value of the shape the widget wrote, or null: storage may hold anything. */
function read<T extends object>(store: () => Storage, key: string): T | null {
  const value = readStored(store, key)
  return value && typeof value === 'object' ? (value as T) : null
}

export function readTokens(scope: string): HeldToken[] {
  const now = Date.now()
  const stored = read<HeldToken[]>(local, `palaver:tokens:${scope}`)
  return (Array.isArray(stored) ? stored : [])
    .filter((t) => typeof t?.id === 'string' && typeof t.token === 'string' && now - t.at < TOKEN_TTL)
    .map((t) => (t.until !== null && t.until < now ? { ...t, text: null } : t))
}

export function saveToken(scope: string, held: Omit<HeldToken, 'at'>): void {
  const tokens = [...readTokens(scope).filter((t) => t.id !== held.id), { ...held, at: Date.now() }]
  writeStored(local, `palaver:tokens:${scope}`, tokens.slice(-MAX_TOKENS))
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
export const saveDraft = (scope: string, draft: StoredDraft | null) => writeStored(session, `palaver:draft:${scope}`, draft)

export interface RememberedAuthor {
  name: string
  email: string
  url: string
}

export const readAuthor = () => read<RememberedAuthor>(local, 'palaver:author')
export const saveAuthor = (author: RememberedAuthor | null) => writeStored(local, 'palaver:author', author)
