/**
 * Keeps every response the suite sees (status, headers, body, SSE text) so a final test can
 * scan them all for what must never leave the server: email addresses, client IPs, token
 * hashes, secrets and stack traces.
 */
export interface Recorded {
  what: string
  text: string
}

export class Recorder {
  readonly records: Recorded[] = []
  /** Exact strings that must not appear (hashes, secrets), collected from the database. */
  readonly forbidden = new Set<string>()
  /**
   * Exact strings only the owner may see (emails, network prefixes): forbidden everywhere
   * but in answers of the admin API (and its event stream), which show them on purpose.
   */
  readonly private = new Set<string>()

  /** Answers meant for the owner alone: the admin API's, never a public one. */
  static forOwner(what: string): boolean {
    return / \/api\/v1\/admin\//.test(what)
  }

  add(what: string, text: string): void {
    this.records.push({ what, text })
  }

  addResponse(what: string, response: Response, body: string): void {
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
    this.add(what, `${response.status}\n${headers}\n\n${body}`)
  }

  /** Every finding as "what: reason"; empty when clean. */
  leaks(clientAddresses: string[]): string[] {
    const findings: string[] = []
    const patterns: [string, RegExp][] = [
      ['email address', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/],
      ['stack trace', /\n\s+at .+[:(]\d+:\d+|node_modules|\.ts:\d+/],
      ['error name', /\b(?:TypeError|ReferenceError|SyntaxError|SqliteError|DatabaseError)\b/],
    ]
    for (const { what, text } of this.records) {
      const owners = Recorder.forOwner(what)
      for (const [reason, pattern] of patterns) {
        if (owners && reason === 'email address') continue
        if (pattern.test(text)) findings.push(`${what}: ${reason} ${pattern.exec(text)![0]}`)
      }
      for (const secret of this.forbidden) if (secret && text.includes(secret)) findings.push(`${what}: stored secret or hash ${secret.slice(0, 8)}…`)
      if (owners) continue
      for (const address of clientAddresses) if (text.includes(address)) findings.push(`${what}: client address ${address}`)
      for (const value of this.private) if (value && text.includes(value)) findings.push(`${what}: private value ${value.slice(0, 8)}…`)
    }
    return findings
  }
}

export const recorder = new Recorder()
