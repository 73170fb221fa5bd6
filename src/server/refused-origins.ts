/**
 * A missing or wrong --origin is the most common reason a widget "cannot reach" its
 * server, and the reader's browser hides why. So the operator hears of it: one log line
 * per refused origin, at most once per origin every ten minutes, naming the flag that
 * would allow it. Nothing of the request but the origin goes into the line, and only an
 * origin that is one (http(s)://host[:port]): `null`, junk and look-alikes are counted
 * toward nothing and logged never. At most 100 origins are remembered, so a flood of
 * invented origins fills neither memory nor the log.
 */
export const REFUSAL_LOG_INTERVAL_MS = 10 * 60_000
const REMEMBERED = 100

export class RefusedOrigins {
  private readonly loggedAt = new Map<string, number>()

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {}

  note(origin: string): void {
    if (!isOrigin(origin)) return
    const now = this.now()
    const last = this.loggedAt.get(origin)
    if (last !== undefined && now - last < REFUSAL_LOG_INTERVAL_MS) return
    if (last === undefined && !this.roomFor(now)) return
    this.loggedAt.set(origin, now)
    this.log(
      `palaver: refused a request from ${origin}, which is not an allowed origin; to embed the widget there, start the server with --origin ${origin} (or add it to PALAVER_ORIGINS)`,
    )
  }

  private roomFor(now: number): boolean {
    if (this.loggedAt.size < REMEMBERED) return true
    for (const [origin, at] of this.loggedAt) if (now - at >= REFUSAL_LOG_INTERVAL_MS) this.loggedAt.delete(origin)
    return this.loggedAt.size < REMEMBERED
  }
}

function isOrigin(text: string): boolean {
  if (text.length > 300) return false
  try {
    const url = new URL(text)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text
  } catch {
    return false
  }
}
