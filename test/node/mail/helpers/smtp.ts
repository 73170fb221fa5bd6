/**
 * A real SMTP server for the mail tests: smtp-server (the nodemailer project's) listening on
 * a loopback port, with a login, every message it accepts parsed by mailparser. Tests can
 * make it refuse the next messages (a temporary 451 or a permanent 550), and there is a
 * "dead" server that accepts connections and never says a word.
 */
import { createServer, type Server, type Socket } from 'node:net'
import { once } from 'node:events'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export const SMTP_USER = 'palaver'
export const SMTP_PASSWORD = 'smtp-password-never-printed'

export interface Received {
  /** The envelope's recipients (RCPT TO). */
  to: string[]
  mail: ParsedMail
}

export class TestSmtp {
  readonly received: Received[] = []
  /** Errors to answer the next messages with, one each (then accept again). */
  readonly refusals: Array<{ code: number; message: string }> = []
  private seen = 0
  private waiters: Array<() => void> = []

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(): Promise<TestSmtp> {
    let self: TestSmtp | null = null
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, done) {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) done(null, { user: auth.username })
        else done(new Error('Invalid username or password'))
      },
      onData(stream, session, done) {
        const refusal = self!.refusals.shift()
        simpleParser(stream)
          .then((mail) => {
            if (refusal) return done(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
            self!.received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail })
            done()
            for (const wake of self!.waiters.splice(0)) wake()
          })
          .catch(done)
      },
    })
    server.listen(0, '127.0.0.1')
    await once(server.server, 'listening')
    const address = server.server.address()
    self = new TestSmtp(server, typeof address === 'object' && address ? address.port : 0)
    return self
  }

  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}`
  }

  /** The next message not returned yet; fails after timeoutMs. */
  async next(timeoutMs = 5000): Promise<Received> {
    const deadline = Date.now() + timeoutMs
    while (this.received.length <= this.seen) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no mail arrived within ${timeoutMs} ms (${this.seen} seen so far)`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    return this.received[this.seen++]!
  }

  /** Messages that arrived and were not returned by next() yet. */
  unseen(): Received[] {
    return this.received.slice(this.seen)
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

/** Accepts TCP connections and never answers: an SMTP server that hangs. */
export async function deadSmtp(): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<Socket>()
  let count = 0
  const server: Server = createServer((socket) => {
    count++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    connections: () => count,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** The links of a mail's text part, by what they say before the colon ("Approve: https://…"). */
export function linksOf(text: string): Record<string, string> {
  const links: Record<string, string> = {}
  for (const match of text.matchAll(/^([^\n:]+): (https?:\/\/\S+)$/gm)) links[match[1]!.trim()] = match[2]!
  return links
}

/** A header as the mail carried it (unfolded), not as mailparser interprets it. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line
  return line?.replace(/\r?\n(?=[ \t])/g, '').replace(/^[^:]+:\s*/, '')
}

/** The comment an owner's mail is about: its moderation links name it (`/mail/moderate/<id>.…`). */
export function commentOf(text: string): string {
  const match = /\/mail\/moderate\/([\w-]+)\./.exec(text)
  if (!match) throw new Error(`no moderation link in:\n${text}`)
  return match[1]!
}
