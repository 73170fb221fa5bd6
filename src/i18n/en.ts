/**
 * English: the base locale. Every other locale must have every key of this one (a test
 * checks it), so a missing translation is a failing build, not a blank label.
 */
/** A moment in the reader's time zone, as the date texts need it (month 0–11). */
export interface DateParts {
  year: number
  month: number
  day: number
  hours: number
  minutes: number
}

/**
 * A text for each plural category a language has (Intl.PluralRules: zero, one, two, few,
 * many, other) for a count already formatted; `other` is required, a missing category
 * uses `other`. English and German need `one` and `other`; Polish adds `few` and `many`.
 */
export type PluralForms<A extends unknown[] = []> = { other: (n: string, ...args: A) => string } & {
  [category in Exclude<Intl.LDMLPluralRule, 'other'>]?: (n: string, ...args: A) => string
}

/** Two digits: 9 → "09" (minutes, and German hours). */
export const pad = (n: number) => String(n).padStart(2, '0')
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

export const en = {
  locale: 'en',
  /** The thousands separator of counts: "1,000". (Intl.NumberFormat costs ~20 ms on first use.) */
  thousands: ',',
  /**
   * "March 2, 2026 at 9:01 AM", as Intl.DateTimeFormat's long date and short time say it
   * (a test compares them); written out because its first use costs ~15 ms per page.
   */
  dateTime: (d: DateParts) => `${months[d.month]} ${d.day}, ${d.year} at ${((d.hours + 11) % 12) + 1}:${pad(d.minutes)} ${d.hours < 12 ? 'AM' : 'PM'}`,
  heading: {
    one: (n, title) => `${n} Reply to “${title}”`,
    other: (n, title) => `${n} Replies to “${title}”`,
  } as PluralForms<[title: string]>,
  headingUntitled: {
    one: (n) => `${n} Reply`,
    other: (n) => `${n} Replies`,
  } as PluralForms,
  noComments: 'No comments yet. Be the first to write one.',
  loading: 'Loading comments…',
  /** The heading while no count is known because loading failed. */
  commentsHeading: 'Comments',
  loadError: 'The comments could not be loaded.',
  retry: 'Try again',
  loadMore: 'Load more comments',
  loadingMore: 'Loading…',
  reply: 'Reply',
  replyTo: (name: string) => `Reply to ${name}`,
  cancelReply: 'Cancel reply',
  permalink: 'Link to this comment',
  inReplyTo: 'in reply to',
  pingback: 'Pingback',
  trackback: 'Trackback',
  webmention: 'Mention',
  deleted: 'This comment was deleted.',
  /** Under a body longer than the widget shows (src/content/caps.ts). */
  bodyCut: 'Too long to show in full.',
  awaitingModeration: 'Your comment is awaiting moderation.',
  edited: 'edited',
  edit: 'Edit',
  editLabel: 'Edit your comment',
  save: 'Save',
  cancel: 'Cancel',
  remove: 'Delete',
  confirmRemove: 'Delete this comment?',
  keep: 'Keep it',
  saved: 'Your changes were saved.',
  removed: 'Your comment was deleted.',
  anonymous: 'Anonymous',
  /** Beside the name on the site owner's own replies (only the backend can mark them). */
  ownerBadge: 'Site owner',
  says: 'says:',
  formHeading: 'Leave a comment',
  replyHeading: (name: string) => `Leave a reply to ${name}`,
  formNote: 'Your email address will not be published.',
  /** The text around the * in "Required fields are marked *". */
  requiredNote: ['Required fields are marked ', '.'] as [string, string],
  name: 'Name',
  email: 'Email',
  url: 'Website',
  body: 'Comment',
  trap: 'Leave this field empty',
  remember: 'Save my name, email, and website in this browser for the next time I comment.',
  /** Offered only by backends that mail (the thread info's `notifications`). */
  notify: 'Notify me of replies by email',
  submit: 'Post Comment',
  sending: 'Posting…',
  closed: 'Comments are closed.',
  feed: 'Feed of these comments (Atom)',
  fieldRequired: (field: string) => `${field} is required.`,
  fieldInvalid: (field: string) => `${field} is not valid.`,
  fieldTooLong: (field: string) => `${field} is too long.`,
  emailInvalid: 'Please enter a valid email address.',
  urlInvalid: 'Please enter a web address starting with http:// or https://.',
  posted: 'Your comment was posted.',
  postedPending: 'Your comment was received and is awaiting moderation.',
  postFailed: 'Your comment could not be posted. Your text is kept; please try again.',
  fixFields: (n: number) => (n === 1 ? 'Please correct the marked field.' : `Please correct the ${n} marked fields.`),
  errors: {
    network: 'The comment server could not be reached. Check your connection and try again.',
    server: 'The comment server had a problem. Please try again in a moment.',
    closed: 'Comments on this page are closed.',
    duplicate: 'It looks as though you already posted this comment.',
    'rate-limited': 'You are commenting too quickly. Please wait a moment and try again.',
    'too-soon': 'That was quick! Please wait a few seconds and try again.',
    'not-found': 'This discussion could not be found.',
    forbidden: 'This site may not post comments to the comment server.',
    'edit-expired': 'The time for changes is over.',
    config: 'The comment section is not set up correctly.',
    validation: 'Please correct the marked fields.',
  },
  commentCount: {
    one: (n) => `${n} comment`,
    other: (n) => `${n} comments`,
  } as PluralForms,
  newComments: {
    one: (n) => `${n} new comment`,
    other: (n) => `${n} new comments`,
  } as PluralForms,
  /** The form's Preview and formatting help, shown when the backend renders previews (the Palaver server). */
  preview: 'Preview',
  formatHelp: 'Formatting help',
  /** What the help shows, as typed: the Markdown subset the server renders (docs/api.md). */
  formatExample: '*italic*  **bold**  `code`\n> quote\n- list item\n[link](https://example.org)',
}

export type Messages = typeof en
