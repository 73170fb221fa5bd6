/**
 * The page's state, in nanostores, changed only by the actions below; the elements read
 * the stores and call the actions. `$view` (section, status, thread, search) outlives a
 * session: when it ends, signing in again returns to the same view.
 */
import { atom } from 'nanostores'
import { sanitizerReady } from '../content/sanitize.js'
import {
  type AdminComment,
  AdminApiError,
  fieldMessages,
  type AdminThread,
  api,
  type BulkAction,
  type Counts,
  type Session,
  type Settings,
  STATUSES,
  type Status,
} from './api.js'
import type { AdminMessages } from './i18n.js'

export type Section = 'queue' | 'threads' | 'settings' | 'data'
export interface View {
  section: Section
  status: Status
  thread: string
  q: string
}

export type SessionState = { state: 'checking' } | { state: 'signed-out'; reason: 'expired' | 'signed-out' | null } | { state: 'signed-in'; session: Session }

export type Load = 'idle' | 'loading' | 'ready' | 'error'

export interface Queue {
  load: Load
  comments: AdminComment[]
  nextCursor: string | null
  counts: Counts
}

/** A text for the live region, in the page's language when it is shown. */
export type Notice = ((m: AdminMessages) => string) | null

const NO_COUNTS: Counts = { pending: 0, approved: 0, spam: 0, deleted: 0 }

const SECTIONS: readonly Section[] = ['queue', 'threads', 'settings', 'data']

/** The view named in the address's fragment (`#section=queue&status=spam&thread=/a&q=text`), so a reload or a bookmark keeps it. */
export function viewFromHash(hash: string): View {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const section = params.get('section') as Section
  const status = params.get('status') as Status
  return {
    section: SECTIONS.includes(section) ? section : 'queue',
    status: STATUSES.includes(status) ? status : 'pending',
    thread: params.get('thread') ?? '',
    q: params.get('q') ?? '',
  }
}

function hashOf(view: View): string {
  const params = new URLSearchParams({ section: view.section, status: view.status })
  if (view.thread) params.set('thread', view.thread)
  if (view.q) params.set('q', view.q)
  return `#${params}`
}

export const $view = atom<View>(viewFromHash(globalThis.location?.hash ?? ''))
export const $session = atom<SessionState>({ state: 'checking' })
export const $queue = atom<Queue>({ load: 'idle', comments: [], nextCursor: null, counts: NO_COUNTS })
export const $threads = atom<{ load: Load; threads: AdminThread[]; nextCursor: string | null }>({ load: 'idle', threads: [], nextCursor: null })
export const $settings = atom<{ load: Load; settings: Settings | null; fixed: string[] }>({ load: 'idle', settings: null, fixed: [] })
export const $notice = atom<{ text: Notice; at: number }>({ text: null, at: 0 })

export function announce(text: Notice): void {
  $notice.set({ text, at: Date.now() })
}

// Session

let expiryTimer: ReturnType<typeof setTimeout> | undefined

/**
 * Signed in until `expiresAt`: then the session is checked again, so an idle page goes back
 * to the form when it ends, not at the next click. (setTimeout takes at most ~24.8 days.)
 */
function signedIn(session: Session): void {
  $session.set({ state: 'signed-in', session })
  clearTimeout(expiryTimer)
  const left = Date.parse(session.expiresAt) - Date.now()
  if (Number.isFinite(left)) expiryTimer = setTimeout(() => void checkSession(), Math.min(Math.max(left, 0) + 1_000, 2 ** 31 - 1))
}

export async function checkSession(): Promise<void> {
  try {
    signedIn(await api.session())
  } catch {
    clearTimeout(expiryTimer)
    const was = $session.get().state
    $session.set({ state: 'signed-out', reason: was === 'signed-in' ? 'expired' : null })
  }
}

/** Resolves to null when signed in, else the error the form shows. */
export async function signIn(token: string): Promise<'wrong' | 'too-many' | 'failed' | null> {
  try {
    signedIn(await api.signIn(token))
    return null
  } catch (error) {
    const status = error instanceof AdminApiError ? error.status : 0
    return status === 401 ? 'wrong' : status === 429 ? 'too-many' : 'failed'
  }
}

export async function signOut(): Promise<void> {
  await api.signOut().catch(() => {})
  clearTimeout(expiryTimer)
  $session.set({ state: 'signed-out', reason: 'signed-out' })
  $queue.set({ load: 'idle', comments: [], nextCursor: null, counts: NO_COUNTS })
}

/** A request met 401: back to the sign-in form, keeping $view. */
export function sessionEnded(): void {
  clearTimeout(expiryTimer)
  if ($session.get().state === 'signed-in') $session.set({ state: 'signed-out', reason: 'expired' })
}

// View

export function showView(change: Partial<View>): void {
  const next = { ...$view.get(), ...change }
  $view.set(next)
  history.replaceState(null, '', hashOf(next))
  if (next.section === 'queue') void loadQueue()
  if (next.section === 'threads') void loadThreads()
  if (next.section === 'settings') void loadSettings()
}

// Queue

let queueRequest = 0

export async function loadQueue(more = false): Promise<void> {
  const view = $view.get()
  const current = $queue.get()
  const id = ++queueRequest
  $queue.set({ ...current, load: 'loading', ...(more ? {} : { comments: [], nextCursor: null }) })
  try {
    // Bodies are shown as readers see them: where the browser has no HTML Sanitizer API, the
    // page waits for DOMPurify (palaver-purify.js) with the first answer.
    const [page] = await Promise.all([
      api.comments({ status: view.status, thread: view.thread, q: view.q, cursor: more ? current.nextCursor : null }),
      sanitizerReady(),
    ])
    if (id !== queueRequest) return
    const comments = more ? [...$queue.get().comments, ...page.comments.filter((c) => !$queue.get().comments.some((o) => o.id === c.id))] : page.comments
    $queue.set({ load: 'ready', comments, nextCursor: page.nextCursor, counts: page.counts })
  } catch {
    if (id === queueRequest) $queue.set({ ...$queue.get(), load: 'error' })
  }
}

/** Whether a comment belongs in the list the view shows. */
export function inView(comment: AdminComment, view: View): boolean {
  if (comment.status !== view.status) return false
  if (view.thread && comment.thread !== view.thread) return false
  const q = view.q.trim().toLowerCase()
  return !q || [comment.author.name, comment.author.email, comment.bodyText].some((text) => text.toLowerCase().includes(q))
}

/**
 * A comment as it is now (from an action's answer or the live stream): replaced where it
 * is, inserted newest first when it joins the view, removed when it left it. Returns
 * whether it was new to the list.
 */
export function applyComment(comment: AdminComment): boolean {
  const queue = $queue.get()
  const index = queue.comments.findIndex((c) => c.id === comment.id)
  const belongs = inView(comment, $view.get())
  const comments = [...queue.comments]
  if (index >= 0) {
    if (comments[index]!.version > comment.version && comments[index]!.status === comment.status) return false
    if (belongs) comments[index] = comment
    else comments.splice(index, 1)
  } else if (belongs) {
    const at = comments.findIndex((c) => c.createdAt < comment.createdAt)
    // Older than everything loaded while more pages wait: it comes with its page.
    if (at < 0 && queue.nextCursor) return false
    comments.splice(at < 0 ? comments.length : at, 0, comment)
  }
  $queue.set({ ...queue, comments })
  scheduleCounts()
  return index < 0 && belongs
}

function dropComments(ids: string[]): void {
  const queue = $queue.get()
  $queue.set({ ...queue, comments: queue.comments.filter((c) => !ids.includes(c.id)) })
  scheduleCounts()
}

let countsTimer: ReturnType<typeof setTimeout> | undefined

/** The counts by status after changes, fetched once for a burst of them. */
function scheduleCounts(): void {
  clearTimeout(countsTimer)
  countsTimer = setTimeout(async () => {
    const view = $view.get()
    try {
      const { counts } = await api.comments({ status: view.status, thread: view.thread, q: view.q, limit: 1 })
      $queue.set({ ...$queue.get(), counts })
    } catch {
      // The counts stay as they were; the next change or load fetches them again.
    }
  }, 250)
}

/** One action on one or many comments. */
export async function act(action: BulkAction, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  try {
    if (ids.length === 1) {
      const id = ids[0]!
      if (action === 'delete') {
        await api.remove(id)
        dropComments([id])
      } else {
        const version = $queue.get().comments.find((c) => c.id === id)?.version ?? 0
        applyComment(action === 'approve' ? await api.approve(id, version) : await api.spam(id))
      }
      announce((m) => m.done[action](1))
      return
    }
    const { results } = await api.bulk(action, ids)
    const ok = results.filter((r) => r.ok)
    for (const result of ok) if (result.ok && result.comment) applyComment(result.comment)
    dropComments(ok.filter((r) => !(r.ok && r.comment && inView(r.comment, $view.get()))).map((r) => r.id))
    const failed = results.length - ok.length
    announce((m) => `${m.done[action](ok.length)}${failed ? ` ${m.done.failed(failed)}` : ''}`)
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 409) announce((m) => m.done.conflict)
    else if (!(error instanceof AdminApiError && error.status === 401)) announce((m) => m.done.error)
    throw error
  }
}

export async function editBody(id: string, body: string): Promise<void> {
  applyComment(await api.edit(id, body))
  announce((m) => m.done.edited)
}

/** The owner's reply; a reply to a held comment approves it (the server does, and says so live). */
export async function replyTo(parent: AdminComment, body: string): Promise<AdminComment> {
  const reply = await api.reply(parent.id, body)
  applyComment(reply)
  if (parent.status === 'pending') applyComment({ ...parent, status: 'approved', holdReason: null })
  announce((m) => m.done.replied)
  return reply
}

// Threads

export async function loadThreads(more = false): Promise<void> {
  const current = $threads.get()
  $threads.set({ ...current, load: 'loading' })
  try {
    const page = await api.threads(more ? current.nextCursor : null)
    $threads.set({ load: 'ready', threads: more ? [...current.threads, ...page.threads] : page.threads, nextCursor: page.nextCursor })
  } catch {
    $threads.set({ ...$threads.get(), load: 'error' })
  }
}

export async function changeThread(key: string, change: { title?: string | null; open?: boolean }): Promise<void> {
  const { thread } = await api.patchThread(key, change)
  const current = $threads.get()
  $threads.set({ ...current, threads: current.threads.map((t) => (t.key === key ? thread : t)) })
  announce((m) => m.threads.saved)
}

// Settings

export async function loadSettings(): Promise<void> {
  $settings.set({ ...$settings.get(), load: 'loading' })
  try {
    const { settings, fixed } = await api.settings()
    $settings.set({ load: 'ready', settings, fixed })
  } catch {
    $settings.set({ ...$settings.get(), load: 'error' })
  }
}

/** Saves what changed; resolves to the field map of a refusal, or null. */
export async function saveSettings(change: Partial<Settings>): Promise<Record<string, string> | null> {
  try {
    const { settings, fixed } = await api.saveSettings(change)
    $settings.set({ load: 'ready', settings, fixed })
    announce((m) => m.settings.saved)
    return null
  } catch (error) {
    if (error instanceof AdminApiError && error.status !== 401) {
      announce((m) => m.settings.invalid)
      return fieldMessages(error.problem)
    }
    throw error
  }
}
