/**
 * The Palaver plugin (wordpress/palaver.php) on a real WordPress, over HTTP, from Node:
 * what a browser cannot show a test (other origins, the headers themselves).
 * Run by scripts/test-wordpress.sh, which passes the site in PALAVER_WP_SEED.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

interface Seed {
  url: string
  read: number
  closed: number
  write: number
  comments: Record<'ann' | 'ping' | 'track' | 'held' | 'spam', number>
}

const seed = JSON.parse(process.env.PALAVER_WP_SEED ?? 'null') as Seed | null
if (!seed) throw new Error('PALAVER_WP_SEED is not set: run `npm run test:wordpress`.')
const api = `${seed.url}/wp-json/wp/v2`
const listed = 'http://localhost:8766'
const stranger = 'https://elsewhere.example'

const comments = (query: string, origin = listed) => fetch(`${api}/comments?post=${seed.read}&${query}`, { headers: { Origin: origin } })
const ids = async (response: Response) => ((await response.json()) as Array<{ id: number }>).map((c) => c.id)

describe('the Palaver WordPress plugin', () => {
  it('answers a listed origin with CORS headers and exposes the totals', async () => {
    const response = await comments('per_page=1')
    assert.equal(response.headers.get('access-control-allow-origin'), listed)
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /X-WP-Total\b.*X-WP-TotalPages/)
    assert.match(response.headers.get('vary') ?? '', /Origin/)
  })

  it('gives an origin that is not listed no CORS headers', async () => {
    const response = await comments('per_page=1', stranger)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('access-control-allow-origin'), null)
  })

  it('lets a listed origin preflight a JSON post, and no other', async () => {
    const preflight = (origin: string) =>
      fetch(`${api}/comments`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
      })
    const ok = await preflight(listed)
    assert.equal(ok.headers.get('access-control-allow-origin'), listed)
    assert.match(ok.headers.get('access-control-allow-methods') ?? '', /POST/)
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /Content-Type/i)
    assert.equal((await preflight(stranger)).headers.get('access-control-allow-origin'), null)
  })

  it('refuses a comment posted from an origin that is not listed, before WordPress stores it', async () => {
    const body = new URLSearchParams({ post: String(seed.write), author_name: 'Eve', author_email: 'eve@example.com', content: 'From elsewhere' })
    const response = await fetch(`${api}/comments`, { method: 'POST', headers: { Origin: stranger }, body })
    assert.equal(response.status, 403)
    assert.equal(((await response.json()) as { code: string }).code, 'palaver_origin_not_allowed')
    const search = await fetch(`${api}/comments?post=${seed.write}&search=From+elsewhere`)
    assert.deepEqual(await ids(search), [])
  })

  it('lets anonymous readers post through the REST API (WordPress says 401 without it)', async () => {
    const response = await fetch(`${api}/comments`, {
      method: 'POST',
      headers: { Origin: listed, 'Content-Type': 'application/json' },
      body: JSON.stringify({ post: seed.write, author_name: 'Ann Example', author_email: 'ann@example.com', content: `Plugin test ${Date.now()}` }),
    })
    assert.equal(response.status, 201)
    assert.equal(((await response.json()) as { status: string }).status, 'approved')
  })

  it('lists approved pingbacks and trackbacks with ?palaver=1, never held or spam ones', async () => {
    const plain = await ids(await comments('per_page=100'))
    assert.ok(!plain.includes(seed.comments.ping), 'WordPress alone lists comments only')
    const all = await ids(await comments('per_page=100&palaver=1'))
    assert.ok(all.includes(seed.comments.ping) && all.includes(seed.comments.track) && all.includes(seed.comments.ann))
    assert.ok(!all.includes(seed.comments.held) && !all.includes(seed.comments.spam))
    assert.equal((await comments('type=pingback')).status, 401, 'other types stay forbidden to anonymous readers')
  })

  it('tells whether a post is open and which fields it requires', async () => {
    const field = async (id: number) =>
      ((await (await fetch(`${api}/posts/${id}?_fields=id,palaver`)).json()) as { palaver: { open: boolean; requires: string[] } }).palaver
    assert.deepEqual(await field(seed.read), { open: true, requires: ['name', 'email'] })
    assert.equal((await field(seed.closed)).open, false)
  })
})
