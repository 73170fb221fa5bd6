/**
 * The comment model and the adapter contract, as the widget, the adapters and the
 * reference server share them. Types only — importing this module costs no bytes. The
 * rules behind some of these types (draft fields and limits, error kinds) live in
 * src/core/. docs/adapters.md explains both ("The interface", "The comment model").
 */
import type { DraftField, DraftLimits } from './core/draft.js'
import type { ErrorKind, FieldCode } from './core/errors.js'

export type { DraftField, DraftLimits } from './core/draft.js'
export type { ErrorKind, FieldCode, FieldProblem } from './core/errors.js'

export type Sort = 'oldest' | 'newest'
export type CommentKind = 'comment' | 'pingback' | 'trackback' | 'webmention'
export type CommentStatus = 'approved' | 'pending' | 'deleted'

export interface Author {
  name: string
  /** Only http(s) URLs are ever rendered as links. */
  url: string | null
  /** Avatar seed: an opaque string the widget draws an identicon from. Never an image URL. */
  avatar: string | null
  /**
   * 'owner': written by the site's owner (the Palaver server's admin page); the widget shows
   * a "Site owner" badge. Set only by the backend, never by anything a reader sends.
   */
  role?: 'owner'
}

export interface Comment {
  id: string
  parentId: string | null
  kind: CommentKind
  /** For pingbacks, trackbacks and webmentions: name = the citing page's title, url = its address. */
  author: Author
  /** Rendered body; the widget sanitizes it again right before rendering, always. */
  html: string
  createdAt: string
  editedAt: string | null
  status: CommentStatus
  /** Posted from this browser; may be edited or removed while the edit window is open. */
  mine?: boolean
}

export interface Draft {
  parentId: string | null
  author: { name: string; email: string; url: string }
  body: string
  /** The honeypot: a hidden field that people leave empty. */
  trap?: string
  /**
   * "Notify me of replies": mail the author when someone answers (backends whose thread
   * info says `notifications`). Needs the email, whatever `requires` says.
   */
  notify?: boolean
  /** The language the widget speaks (BCP 47); mail about the thread is written in it. */
  lang?: string
}

export interface ThreadInfo {
  key: string
  title: string | null
  /** Approved comments a reader can see once every page is loaded (pending ones never count). */
  count: number
  open: boolean
  /** Fields the backend insists on; the form marks them with *. */
  requires: DraftField[]
  /**
   * Palaver server only: the most characters each field may hold (its `--max-name`,
   * `--max-url`, `--max-body`). The form enforces these; without them, core's defaults.
   */
  limits?: DraftLimits
  /** Palaver server only: a signed token that must be a few seconds old when posting. */
  formToken?: string
  /** Palaver server only: it mails replies to readers who ask (the form offers "Notify me of replies"). */
  notifications?: boolean
  /** Palaver server only: the address of the thread's Atom feed (the widget links to it). */
  feed?: string
}

export interface Page {
  thread: ThreadInfo
  comments: Comment[]
  nextCursor: string | null
  /** Comments the backend sent that the adapter could not map (a field of the wrong type), left out. */
  dropped?: number
}

export interface Posted {
  comment: Comment
  editToken?: string
  editableUntil?: string
}

export interface ListOptions {
  cursor?: string
  /** Top-level comments per page; each page carries their replies too. */
  limit: number
  sort: Sort
  /**
   * Edit tokens this browser holds for the thread: lets the backend include the reader's
   * own pending comments (marked `mine`), which nobody else sees.
   */
  mine?: string[]
}

/**
 * The one seam between the widget and any backend. Optional members are capabilities:
 * the widget hides what an adapter cannot do. Every method rejects with a PalaverError.
 */
export interface Adapter {
  list(thread: string, page: ListOptions): Promise<Page>
  post(thread: string, draft: Draft, opts: { idempotencyKey: string }): Promise<Posted>
  edit?(id: string, body: string, token: string): Promise<Comment>
  remove?(id: string, token: string): Promise<void>
  count?(threads: string[]): Promise<Record<string, number>>
  subscribe?(thread: string, onChange: (c: Comment) => void): () => void
  /**
   * The HTML a body as typed would become, for the form's Preview. Offering it also says
   * the backend renders Palaver's formatting (the Markdown subset of docs/api.md): the
   * form then shows Preview and the formatting help; without it, neither.
   */
  preview?(body: string): Promise<string>
}

/** Wire shape of RFC 9457 problem details as the reference server sends them. */
export interface Problem {
  type: string
  title: string
  status: number
  detail?: string
  /** Field → human message. */
  errors?: Record<string, string>
  /** Field → machine code (an extension member). */
  codes?: Record<string, FieldCode>
  /** Palaver's error kind (an extension member). */
  kind?: ErrorKind
}
