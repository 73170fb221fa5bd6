import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, test } from 'node:test'
import { clientFor, type Env } from '../helpers/env.js'
import { uniqueThread } from '../helpers/client.js'

export function privacy(env: Env) {
  describe('privacy', () => {
    test('the avatar seed is a keyed hash of the lower-cased email, not a plain hash of it', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const a = await client.posted({ thread, author: { email: 'Same.Person@Example.org' } })
      const b = await client.posted({ thread, author: { email: 'same.person@example.org' } })
      assert.equal(a.comment.author.avatar, b.comment.author.avatar)
      for (const algorithm of ['md5', 'sha1', 'sha256']) {
        const plain = createHash(algorithm).update('same.person@example.org').digest('hex')
        assert.ok(!plain.startsWith(a.comment.author.avatar), algorithm)
      }
      const otherServer = clientFor(env, { secret: 'another-secret' })
      const c = await otherServer.posted({ thread: uniqueThread(), author: { email: 'same.person@example.org' } })
      assert.notEqual(c.comment.author.avatar, a.comment.author.avatar)
    })

    test('email is never in a public response, not even in errors about it; only the admin list shows it to the owner', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const bad = await client.post({ thread, author: { email: 'broken@@example.org' } })
      assert.equal(bad.status, 422)
      assert.doesNotMatch(bad.text, /broken/)
      const ok = await client.posted({ thread, author: { email: 'private.person@example.org' } })
      assert.doesNotMatch(JSON.stringify(ok), /private\.person/)
      assert.doesNotMatch((await client.list(thread)).text, /private\.person/)
      assert.doesNotMatch((await client.call('GET', `/api/v1/counts?thread=${encodeURIComponent(thread)}`)).text, /private\.person/)
      const owner = await client.admin('GET', `/comments?status=approved&thread=${encodeURIComponent(thread)}`)
      assert.equal(owner.json.comments[0].author.email, 'private.person@example.org', 'the owner may see it, only there')
    })
  })
}
