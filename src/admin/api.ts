/**
 * The page's one way to the server: /api/v1/admin with the session cookie (sent by the
 * browser; the page never sees it or the token after sign-in). Every request that changes
 * something carries `X-Palaver-Admin: 1`, the CSRF header the server requires with a
 * cookie. Shapes follow the console's contract (AdminComment and friends).
 */
export type Status = 'pending' | 'approved' | 'spam' | 'deleted'
export const STATUSES: readonly Status[] = ['pending', 'approved', 'spam', 'deleted']
export type HoldReason = 'moderation-all' | 'first-comment' | 'links' | 'held-parent' | 'edited' | 'blocked-word' | 'blocked-network'
export type BulkAction = 'approve' | 'spam' | 'delete'
export type Counts = Record<Status, number>

export interface AdminComment {
  id: string
  thread: string
  threadTitle: string | null
  threadUrl: string | null
  parentId: string | null
  status: Status
  version: number
  createdAt: string
  editedAt: string | null
  author: { name: string; email: string; url: string | null; role?: 'owner' }
  ipPrefix: string | null
  links: number
  holdReason: HoldReason | null
  bodyHtml: string
  bodyText: string
}

export interface Session {
  expiresAt: string
  owner: { name: string }
}

export interface AdminThread {
  key: string
  title: string | null
  pageTitle: string | null
  url: string | null
  open: boolean
  counts: Counts
  lastCommentAt: string | null
}

export interface Settings {
  moderation: 'none' | 'first' | 'all'
  linkLimit: number
  blockedWords: string[]
  blockedPrefixes: string[]
}

export type ImportFormat = 'wxr' | 'disqus' | 'isso' | 'palaver'
export interface Listed {
  total: number
  reasons: Record<string, number>
  records: { where: string; reason: string }[]
}
/** POST /import's answer: what was (or, in a dry run, would be) stored. */
export interface ImportSummary {
  format: ImportFormat
  dryRun: boolean
  threadsCreated: number
  threadsExisting: number
  imported: number
  unchanged: number
  kinds: { comment: number; pingback: number; trackback: number; webmention: number }
  statuses: Counts
  orphans: Listed
  skipped: Listed
}
/** GET /gdpr's answer, as far as the page shows it (the download carries all of it). */
export interface PersonalData {
  email: string
  comments: { thread: string }[]
  subscriptions: { thread: string }[]
}

export interface Problem {
  type?: string
  title?: string
  detail?: string
  /** The field map of a refusal: what is wrong with each field (RFC 9457 problem, as the server writes it). */
  fields?: Record<string, { code?: string; message?: string }>
}

/** Each field's message, for showing beside the field. */
export function fieldMessages(problem: Problem): Record<string, string> {
  return Object.fromEntries(Object.entries(problem.fields ?? {}).map(([name, field]) => [name, field.message ?? field.code ?? '']))
}

/** An answer that was not 2xx, with its problem+json when it had one. */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`)
  }
}

const BASE = '/api/v1/admin'

/** Called when a request other than signing in meets 401: the session has ended. */
let onExpired: () => void = () => {}
export function whenSessionEnds(callback: () => void): void {
  onExpired = callback
}

/** `body` is sent as JSON, except a Blob (a file to import), which is sent as it is. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (method !== 'GET') headers['X-Palaver-Admin'] = '1'
  const raw = body instanceof Blob
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : raw ? body : JSON.stringify(body),
    })
  } catch {
    throw new AdminApiError(0, { type: 'network' })
  }
  if (response.status === 204) return undefined as T
  const data = (await response.json().catch(() => ({}))) as unknown
  if (!response.ok) {
    if (response.status === 401 && path !== '/session') onExpired()
    throw new AdminApiError(response.status, (data ?? {}) as Problem)
  }
  return data as T
}

const query = (params: Record<string, string | number | null | undefined>) => {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `?${text}` : ''
}

export interface CommentQuery {
  status: Status
  thread?: string
  q?: string
  cursor?: string | null
  limit?: number
}

export const api = {
  signIn: (token: string) => call<Session>('POST', '/session', { token }),
  session: () => call<Session>('GET', '/session'),
  signOut: () => call<void>('DELETE', '/session'),

  comments: (q: CommentQuery) =>
    call<{ comments: AdminComment[]; nextCursor: string | null; counts: Counts }>(
      'GET',
      `/comments${query({ status: q.status, thread: q.thread, q: q.q, cursor: q.cursor, limit: q.limit ?? 50 })}`,
    ),
  approve: (id: string, version: number) => call<AdminComment>('POST', `/comments/${encodeURIComponent(id)}/approve`, { version }),
  spam: (id: string) => call<AdminComment>('POST', `/comments/${encodeURIComponent(id)}/spam`, {}),
  remove: (id: string) => call<void>('DELETE', `/comments/${encodeURIComponent(id)}`),
  edit: (id: string, body: string) => call<AdminComment>('PATCH', `/comments/${encodeURIComponent(id)}`, { body }),
  reply: (id: string, body: string) => call<AdminComment>('POST', `/comments/${encodeURIComponent(id)}/reply`, { body }),
  bulk: (action: BulkAction, ids: string[]) =>
    call<{ results: ({ id: string; ok: true; comment?: AdminComment } | { id: string; ok: false; problem: Problem })[] }>('POST', '/comments/bulk', {
      action,
      ids,
    }),

  threads: (cursor: string | null) => call<{ threads: AdminThread[]; nextCursor: string | null }>('GET', `/threads${query({ cursor, limit: 50 })}`),
  patchThread: (key: string, change: { title?: string | null; open?: boolean }) =>
    call<{ thread: AdminThread }>('PATCH', `/threads${query({ thread: key })}`, change),

  settings: () => call<{ settings: Settings; fixed: string[] }>('GET', '/settings'),
  importFile: (file: Blob, format: ImportFormat | '', dryRun: boolean) =>
    call<ImportSummary>('POST', `/import${query({ format, dryRun: dryRun ? 1 : null })}`, file),
  personalData: (email: string) => call<PersonalData>('GET', `/gdpr${query({ email })}`),
  erase: (email: string, confirm: string) => call<{ erased: number; threads: number; subscriptions: number }>('POST', '/gdpr/erase', { email, confirm }),

  saveSettings: (change: Partial<Settings>) => call<{ settings: Settings; fixed: string[] }>('PUT', '/settings', change),
}

export const EVENTS_URL = `${BASE}/events`
