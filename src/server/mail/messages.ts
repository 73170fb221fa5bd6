/**
 * The words of mail and the mail pages, English and German, chosen by the thread's language
 * (the widget's, stored with the thread). Server-only: the reader's widget never carries
 * them. German addresses the reader as "Sie". Values are plain text; the templates escape them.
 */

export interface MailMessages {
  locale: string
  /** "December 2, 2026 at 6:00 PM UTC" */
  dateTime: (ms: number) => string
  quote: (title: string) => string
  held: { subject: (title: string) => string; intro: (name: string, title: string) => string }
  published: { subject: (title: string) => string; intro: (name: string, title: string) => string }
  website: string
  actions: { approve: string; spam: string; delete: string }
  linkNote: (until: string) => string
  readThread: string
  replies: {
    subject: (count: number, name: string, title: string) => string
    intro: (title: string) => string
    replied: (name: string) => string
    answering: string
    read: string
    why: string
    unsubscribe: string
  }
  pages: {
    confirm: { approve: string; spam: string; delete: string }
    byline: (name: string, title: string) => string
    nothingYet: string
    done: { approve: string; spam: string; delete: string }
    already: { approve: string; spam: string; delete: string }
    gone: string
    invalid: string
    expired: string
    used: string
    instead: string
    unsubscribe: { title: string; text: (title: string) => string; button: string; done: string; doneText: (title: string) => string }
  }
}

const utc = (locale: string) => {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' })
  return (ms: number) => `${format.format(ms)} UTC`
}

export const en: MailMessages = {
  locale: 'en',
  dateTime: utc('en'),
  quote: (title) => `“${title}”`,
  held: {
    subject: (title) => `Waiting for approval: a comment on “${title}”`,
    intro: (name, title) => `${name} wrote a comment on “${title}”. It waits for your approval; readers do not see it yet.`,
  },
  published: {
    subject: (title) => `New comment on “${title}”`,
    intro: (name, title) => `${name} wrote a comment on “${title}”. It is published.`,
  },
  website: 'Website',
  actions: { approve: 'Approve', spam: 'Mark as spam', delete: 'Delete' },
  linkNote: (until) => `Each link asks once more before it acts, works once, and expires on ${until}.`,
  readThread: 'Read the thread',
  replies: {
    subject: (count, name, title) => (count === 1 ? `${name} replied to your comment on “${title}”` : `${count} new replies to your comments on “${title}”`),
    intro: (title) => `There are new replies to your comments on “${title}”.`,
    replied: (name) => `${name} replied:`,
    answering: 'To your comment',
    read: 'Read the reply',
    why: 'You get this mail because you ticked “Notify me of replies by email” when you commented. At most one mail per hour.',
    unsubscribe: 'Unsubscribe from replies in this thread',
  },
  pages: {
    confirm: { approve: 'Approve this comment?', spam: 'Mark this comment as spam?', delete: 'Delete this comment?' },
    byline: (name, title) => `By ${name}, on “${title}”:`,
    nothingYet: 'Nothing happens until you press the button.',
    done: { approve: 'The comment is approved.', spam: 'The comment is marked as spam.', delete: 'The comment is deleted.' },
    already: { approve: 'This comment is already approved.', spam: 'This comment is already marked as spam.', delete: 'This comment is already deleted.' },
    gone: 'This comment no longer exists.',
    invalid: 'This link is not valid.',
    expired: 'This link has expired.',
    used: 'This link was already used.',
    instead: 'Moderate on the admin page or with the admin API instead.',
    unsubscribe: {
      title: 'Stop mail about replies?',
      text: (title) => `You will get no more mail about replies to your comments on “${title}”.`,
      button: 'Unsubscribe',
      done: 'You are unsubscribed.',
      doneText: (title) => `No more mail about replies on “${title}” will be sent to you.`,
    },
  },
}

export const de: MailMessages = {
  locale: 'de',
  dateTime: utc('de'),
  quote: (title) => `„${title}“`,
  held: {
    subject: (title) => `Wartet auf Freigabe: ein Kommentar zu „${title}“`,
    intro: (name, title) => `${name} hat „${title}“ kommentiert. Der Kommentar wartet auf Ihre Freigabe; Leser sehen ihn noch nicht.`,
  },
  published: {
    subject: (title) => `Neuer Kommentar zu „${title}“`,
    intro: (name, title) => `${name} hat „${title}“ kommentiert. Der Kommentar ist veröffentlicht.`,
  },
  website: 'Website',
  actions: { approve: 'Freigeben', spam: 'Als Spam markieren', delete: 'Löschen' },
  linkNote: (until) => `Jeder Link fragt vor dem Ausführen noch einmal nach, gilt nur einmal und läuft am ${until} ab.`,
  readThread: 'Zur Diskussion',
  replies: {
    subject: (count, name, title) =>
      count === 1 ? `${name} hat auf Ihren Kommentar zu „${title}“ geantwortet` : `${count} neue Antworten auf Ihre Kommentare zu „${title}“`,
    intro: (title) => `Es gibt neue Antworten auf Ihre Kommentare zu „${title}“.`,
    replied: (name) => `${name} hat geantwortet:`,
    answering: 'Auf Ihren Kommentar',
    read: 'Antwort lesen',
    why: 'Sie erhalten diese Mail, weil Sie beim Kommentieren „Bei Antworten per E-Mail benachrichtigen“ angekreuzt haben. Höchstens eine Mail pro Stunde.',
    unsubscribe: 'Benachrichtigungen zu dieser Diskussion abbestellen',
  },
  pages: {
    confirm: { approve: 'Diesen Kommentar freigeben?', spam: 'Diesen Kommentar als Spam markieren?', delete: 'Diesen Kommentar löschen?' },
    byline: (name, title) => `Von ${name}, zu „${title}“:`,
    nothingYet: 'Erst der Knopf führt die Aktion aus.',
    done: { approve: 'Der Kommentar ist freigegeben.', spam: 'Der Kommentar ist als Spam markiert.', delete: 'Der Kommentar ist gelöscht.' },
    already: {
      approve: 'Dieser Kommentar ist schon freigegeben.',
      spam: 'Dieser Kommentar ist schon als Spam markiert.',
      delete: 'Dieser Kommentar ist schon gelöscht.',
    },
    gone: 'Diesen Kommentar gibt es nicht mehr.',
    invalid: 'Dieser Link ist ungültig.',
    expired: 'Dieser Link ist abgelaufen.',
    used: 'Dieser Link wurde schon benutzt.',
    instead: 'Moderieren Sie stattdessen im Admin-Bereich oder über die Admin-API.',
    unsubscribe: {
      title: 'Keine Mails mehr zu Antworten?',
      text: (title) => `Sie erhalten dann keine Mails mehr zu Antworten auf Ihre Kommentare zu „${title}“.`,
      button: 'Abbestellen',
      done: 'Sie haben die Benachrichtigungen abbestellt.',
      doneText: (title) => `Zu Antworten in „${title}“ erhalten Sie keine Mails mehr.`,
    },
  },
}

const LOCALES: Record<string, MailMessages> = { en, de }

/** Exact tag, then its primary language ("de-AT" → de), else English. */
export function mailMessages(lang: string | null | undefined): MailMessages {
  const tag = (lang ?? '').toLowerCase()
  return LOCALES[tag] ?? LOCALES[tag.split('-')[0] ?? ''] ?? en
}
