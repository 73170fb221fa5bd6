/**
 * The tables as Kysely sees them. Both dialects store the same column types: text for
 * timestamps (ISO 8601 in UTC, which sorts as text) and integers for flags, so every query
 * reads the same on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely'

/** 'spam' is a moderation verdict; readers only ever see approved, pending (their own) or deleted. */
export type StoredStatus = 'approved' | 'pending' | 'spam' | 'deleted'

export interface ThreadTable {
  key: string
  /**
   * What the first post (or an import) said the page was called: for the owner, mail and
   * feeds — never shown to readers over the page's own title (issue 13.8).
   */
  title: string | null
  /** The owner's title (admin API): the one readers are shown, over the page's own. */
  owner_title?: string | null
  /** 1 = takes comments, 0 = closed by the admin. */
  open: number
  created_at: string
  /**
   * Bumped after every change of the thread or its comments that readers can see — the
   * thread's state, or a comment that was or becomes approved; never for held comments
   * alone, so the tag does not tell who watches it that the queue is busy (Store does it,
   * never a route). The list's ETag is made from it, so a tag is never newer than what it
   * stands for.
   */
  version: Generated<number>
  /** The page the thread is on (http(s), on an allowed origin), as the widget sent it: mail links to it. */
  url: string | null
  /** The page's language (BCP 47) as the widget sent it: mail about the thread is written in it. */
  lang: string | null
}

export interface CommentTable {
  id: string
  thread_key: string
  parent_id: string | null
  /** The top-level ancestor (itself for top-level comments): a page loads whole subtrees by it. */
  root_id: string
  /** Levels below the top-level comment (0 for it), at most MAX_REPLY_DEPTH (services/caps.ts). */
  depth: number
  kind: string
  author_name: string
  /** Stored for the owner, never sent anywhere. */
  author_email: string
  author_url: string | null
  /** HMAC of the lower-cased email: the avatar seed and the "same author" key. */
  author_key: string | null
  body_text: string
  body_html: string
  status: StoredStatus
  created_at: string
  edited_at: string | null
  /** SHA-256 of the edit token; the token itself is never stored. */
  edit_token_hash: string | null
  /** The poster's address truncated to /24 (IPv4) or /48 (IPv6). */
  ip_prefix: string | null
  /** SHA-256 of thread, author and normalized text: the same comment again (services/duplicates.ts). */
  dedupe_key: string | null
  /** Imported comments: where they came from ("wxr:123"), unique per thread (src/server/transfer/). */
  source_id?: string | null
  /** Bumped by every edit of the text: an approval names the version the owner read. */
  version: number
  /** 1 once the comment has been held for moderation: its edits go back to the queue. */
  held: number
  /** Why it was last held (moderation.ts HoldReason), for the admin page; null when never held. */
  hold_reason?: string | null
  /**
   * 'owner' for the owner's replies written on the admin page; null for everyone else. No
   * public request can set it (the post schema has no such field): the widget's badge trusts it.
   */
  author_role?: string | null
}

export interface IdempotencyTable {
  /** SHA-256 of thread + Idempotency-Key. */
  key_hash: string
  /** SHA-256 of the request body, so a reused key with another body is refused. */
  request_hash: string
  comment_id: string
  created_at: string
}

/**
 * The outbox: a change readers must hear about, written in the transaction that made it.
 * Each process's EventHub reads new rows after commit and sends the comment's current
 * public view; SSE streams replay from here (Last-Event-ID). Ids grow in commit order.
 */
export interface EventTable {
  id: Generated<number>
  thread_key: string
  comment_id: string
  created_at: string
  /** 1: only the admin stream hears of it (a change no reader could see). */
  admin_only: Generated<number>
}

/** Server-wide values that must survive restarts and be shared by processes (the secret). */
export interface SettingTable {
  name: string
  value: string
}

/** A token bucket of one client network (middleware/rate-limit.ts), on PostgreSQL. */
export interface RateBucketTable {
  /** The limiter's name and the network prefix: `writes:203.0.113.0/24`. */
  key: string
  tokens: number
  /** When `tokens` was true, in ms since the epoch. */
  at: number
  /** 1 when the last take got a token. */
  taken: number
}

/**
 * A Webmention received (src/server/webmention/): one row per source and target, reused
 * when the sender sends it again; its id is the status URL's.
 */
export interface WebmentionTable {
  id: string
  source: string
  target: string
  thread_key: string
  /** queued → accepted (stored as a comment) | rejected (not verified) | removed (the source no longer links). */
  status: 'queued' | 'accepted' | 'rejected' | 'removed'
  /** Why, for the sender's status page. */
  detail: string | null
  comment_id: string | null
  created_at: string
  updated_at: string
}

/** A reader who asked to hear of replies to their comments in one thread (mail/). */
export interface MailSubscriptionTable {
  id: string
  thread_key: string
  /** The reader, as comments know them (HMAC of the email): replies to their comments are theirs. */
  author_key: string
  /** Where the mail goes; never sent anywhere else. */
  email: string
  created_at: string
  /** The earliest time the next digest may go: at most one mail per thread per reader per hour. */
  next_digest_at: string | null
}

/** 'held' and 'new' go to the owner, 'replies' (a digest) to a subscriber. */
export type MailKind = 'held' | 'new' | 'replies'
/** queued → sending (claimed by one worker) → sent, or skipped (nothing left to say), or failed (gave up). */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'skipped' | 'failed'

/** One mail to send: written in the transaction of the change that causes it, drained by mail/worker.ts. */
export interface MailQueueTable {
  id: string
  kind: MailKind
  recipient: string
  thread_key: string
  subscription_id: string | null
  status: MailStatus
  attempts: Generated<number>
  next_attempt_at: string
  /** While sending: when the claim lapses (a worker that died mid-send frees the row then). */
  claimed_until: string | null
  created_at: string
  finished_at: string | null
  /** The last failure, as logSafe() says it: no addresses. */
  last_error: string | null
}

/** The comments a mail is about: one for the owner's mails, the replies of a digest. */
export interface MailItemTable {
  mail_id: string
  comment_id: string
}

/** One-click links already used (single use), kept until they would have expired anyway. */
export interface MailLinkUseTable {
  nonce: string
  used_at: string
}

/** A signed-in admin page (admin/sessions.ts): only the SHA-256 of the cookie's value is kept. */
export interface AdminSessionTable {
  id_hash: string
  created_at: string
  expires_at: string
}

export interface Schema {
  threads: ThreadTable
  comments: CommentTable
  idempotency: IdempotencyTable
  events: EventTable
  settings: SettingTable
  rate_buckets: RateBucketTable
  webmentions: WebmentionTable
  mail_subscriptions: MailSubscriptionTable
  mail_queue: MailQueueTable
  mail_items: MailItemTable
  mail_link_uses: MailLinkUseTable
  admin_sessions: AdminSessionTable
}
