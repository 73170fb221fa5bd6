import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Store } from '../../../../src/server/store.js'
import { SETTINGS_CACHE_MS } from '../../../../src/server/admin/settings.js'
import { TestClient, uniqueThread } from '../helpers/client.js'
import { signedIn } from '../helpers/console.js'
import type { Env } from '../helpers/env.js'

const DEFAULTS = { moderation: 'none', linkLimit: 2, blockedWords: [], blockedPrefixes: [] }

export function adminSettings(env: Env) {
  describe('admin settings', () => {
    // The settings rows are shared by every test on this database (stored ones win over an
    // app's unfixed options): each test leaves none behind.
    const reset = async (page: Awaited<ReturnType<typeof signedIn>>) => {
      await page.client.store.db.deleteFrom('settings').where('name', 'like', 'admin:%').execute()
    }

    test('settings are stored in the database and read at post time: moderation, link limit', async () => {
      const page = await signedIn(env)
      try {
        const start = await page.call('GET', '/settings')
        assert.equal(start.status, 200)
        assert.deepEqual(start.json, { settings: DEFAULTS, fixed: [] })
        const put = await page.call('PUT', '/settings', { json: { moderation: 'all' } })
        assert.deepEqual(put.json.settings, { ...DEFAULTS, moderation: 'all' })
        const held = await page.client.posted({ thread: uniqueThread() })
        assert.equal(held.comment.status, 'pending', 'the next post is held at once in this process')
        await page.call('PUT', '/settings', { json: { moderation: 'none', linkLimit: 0 } })
        const linked = await page.client.posted({ thread: uniqueThread(), body: 'see https://one.example' })
        assert.equal(linked.comment.status, 'pending')
        assert.equal((await page.client.store.adminRows([linked.comment.id]))[0]?.hold_reason, 'links')
      } finally {
        await reset(page)
      }
    })

    test('blocked words and networks hold (not reject) a comment and say why', async () => {
      const page = await signedIn(env)
      try {
        const put = await page.call('PUT', '/settings', { json: { blockedWords: ['  Casino ', 'casino', ''], blockedPrefixes: ['203.0.113.0/24'] } })
        assert.deepEqual(put.json.settings.blockedWords, ['Casino'], 'trimmed, blanks and repeats dropped')
        const word = await page.client.posted({ thread: uniqueThread(), body: 'Best CASINO deals' }, { headers: {} })
        assert.equal(word.comment.status, 'pending')
        const reasons = async (id: string) => (await page.client.store.adminRows([id]))[0]?.hold_reason
        // The test client posts from 203.0.113.57: blocked network first.
        assert.equal(await reasons(word.comment.id), 'blocked-network')
        await page.call('PUT', '/settings', { json: { blockedPrefixes: ['198.51.100.7'] } })
        const other = await page.client.post({ thread: uniqueThread(), body: 'hello' }, { ip: '198.51.100.200' })
        assert.equal(other.json.comment.status, 'pending', 'one address blocks its whole stored /24')
        const wordOnly = await page.client.posted({ thread: uniqueThread(), body: 'the casino is closed' })
        assert.equal(await reasons(wordOnly.comment.id), 'blocked-word')
        const byName = await page.client.posted({ thread: uniqueThread(), author: { name: 'Casino Bot' } })
        assert.equal(await reasons(byName.comment.id), 'blocked-word', 'the name counts too')
        const clean = await page.client.posted({ thread: uniqueThread(), body: 'nothing to see' })
        assert.equal(clean.comment.status, 'approved')
      } finally {
        await reset(page)
      }
    })

    test('flags win: fixed settings are reported, used, and refused with 409 fixed-by-flag', async () => {
      const page = await signedIn(env, { moderation: 'first', linkLimit: 5, fixedSettings: ['moderation', 'linkLimit'] })
      const got = await page.call('GET', '/settings')
      assert.deepEqual(got.json, { settings: { ...DEFAULTS, moderation: 'first', linkLimit: 5 }, fixed: ['moderation', 'linkLimit'] })
      const refused = await page.call('PUT', '/settings', { json: { moderation: 'none', blockedWords: ['x'] } })
      assert.equal(refused.status, 409)
      assert.equal(refused.json.type, 'urn:palaver:problem:fixed-by-flag')
      assert.deepEqual(Object.keys(refused.json.codes), ['moderation'])
      assert.deepEqual((await page.call('GET', '/settings')).json.settings.blockedWords, [], 'nothing of a refused change is stored')
    })

    test('bad settings are 422 with a field map; the header and a session are needed', async () => {
      const page = await signedIn(env)
      for (const [json, field] of [
        [{ moderation: 'some' }, 'moderation'],
        [{ linkLimit: -1 }, 'linkLimit'],
        [{ linkLimit: 1.5 }, 'linkLimit'],
        [{ blockedWords: 'casino' }, 'blockedWords'],
        [{ blockedPrefixes: ['not a network'] }, 'blockedPrefixes'],
      ] as const) {
        const res = await page.call('PUT', '/settings', { json })
        assert.equal(res.status, 422, JSON.stringify(json))
        assert.ok(res.json.codes[field], field)
      }
      assert.equal((await page.call('PUT', '/settings', { json: { moderation: 'all' }, headers: { 'x-palaver-admin': '' } })).json.kind, 'csrf')
      assert.deepEqual((await page.call('GET', '/settings')).json.settings, DEFAULTS)
      await reset(page)
    })

    test('another process sees a change within a second (its cache), on the same database', async () => {
      const page = await signedIn(env)
      const other = new TestClient(await Store.open(env().location), {})
      try {
        assert.equal((await other.posted({ thread: uniqueThread() })).comment.status, 'approved', 'primes its cache')
        await page.call('PUT', '/settings', { json: { moderation: 'all' } })
        await new Promise((resolve) => setTimeout(resolve, SETTINGS_CACHE_MS + 50))
        assert.equal((await other.posted({ thread: uniqueThread() })).comment.status, 'pending')
      } finally {
        await reset(page)
        await other.store.close()
      }
    })
  })
}
