/**
 * Sending through an SMTP server with nodemailer. Every wait is bounded, so one send takes
 * at most about a minute even against a server that accepts the connection and then says
 * nothing — far below the queue's claim (queue.ts CLAIM_MS), so a live worker never loses
 * a row it is sending to another.
 */
import { createTransport } from 'nodemailer'

export interface OutgoingMail {
  from: string
  to: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
}

/** What the worker needs of a transport; tests may pass their own. */
export interface MailTransport {
  sendMail(mail: OutgoingMail): Promise<unknown>
  close(): void
}

export interface Timeouts {
  connectionMs: number
  greetingMs: number
  socketMs: number
}

export const SEND_TIMEOUTS: Timeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 }

export function smtpTransport(url: string, timeouts: Timeouts = SEND_TIMEOUTS): MailTransport {
  return createTransport({
    url,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
  })
}

/**
 * An SMTP answer that will not change by trying again (5xx to the recipient or the
 * message). Anything else — no connection, a timeout, 4xx, a refused login (the owner may
 * fix the password and restart) — is tried again later.
 */
export function permanentFailure(error: unknown): boolean {
  const { code, responseCode } = error as { code?: string; responseCode?: number }
  return typeof responseCode === 'number' && responseCode >= 500 && (code === 'EENVELOPE' || code === 'EMESSAGE')
}
