/**
 * The --smtp-url value: `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS
 * from the start), with the account in the URL. Its password is never printed: every
 * message and log line shows the URL through describeSmtpUrl().
 */

/** The URL when it is one Palaver can send through; null otherwise. */
export function parseSmtpUrl(text: string): URL | null {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return null
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) return null
  return url
}

/**
 * smtps://***@host:465 — for messages and the log. The account goes too: it is often an
 * email address, and the log carries none.
 */
export function describeSmtpUrl(text: string): string {
  const url = parseSmtpUrl(text)
  if (!url) return 'smtp://…'
  return `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}`
}
