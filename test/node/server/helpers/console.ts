/** The admin page's side of the contract tests: a client that signs in and calls with the session cookie. */
import type { AppOptions } from '../../../../src/server/options.js'
import { ADMIN_TOKEN, type Call, type Res, type TestClient } from './client.js'
import { clientFor, type Env } from './env.js'

/** The console's own origin in these tests (--public-url): the only Origin a cookie request may carry. */
export const CONSOLE_ORIGIN = 'https://comments.example'

export class ConsoleClient {
  cookie: string | null = null

  constructor(readonly client: TestClient) {}

  /** POST /session with the page's header, from the page's origin; keeps the cookie. */
  async signIn(token = ADMIN_TOKEN): Promise<Res> {
    const res = await this.client.call('POST', '/api/v1/admin/session', {
      json: { token },
      origin: CONSOLE_ORIGIN,
      headers: { 'x-palaver-admin': '1' },
    })
    const set = res.headers.get('set-cookie')
    if (res.status === 200 && set) this.cookie = set.split(';')[0]!
    return res
  }

  /** A request as the page makes it: the cookie, the header, its own Origin (each may be overridden). */
  call(method: string, path: string, call: Call = {}): Promise<Res> {
    return this.client.call(method, `/api/v1/admin${path}`, {
      origin: CONSOLE_ORIGIN,
      ...call,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), 'x-palaver-admin': '1', ...call.headers },
    })
  }
}

export async function signedIn(env: Env, overrides: Partial<AppOptions> = {}): Promise<ConsoleClient> {
  const page = new ConsoleClient(clientFor(env, { publicUrl: CONSOLE_ORIGIN, ...overrides }))
  const res = await page.signIn()
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`)
  return page
}
