/**
 * The owner's reply from the admin page and mail, on both dialects, through a real SMTP
 * server: it is a published reply like any other, so the reader it answers hears of it in
 * their reply digest; replying to a held comment approves it, and mails the owner nothing.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { uniqueThread } from '../server/helpers/client.js'
import { ANN, eachDialect, OWNER, withHarness } from './helpers/harness.js'

eachDialect("the owner's reply", (store) => {
  test("the owner's reply reaches the subscribed reader's digest, under the owner's name", async () => {
    await withHarness(store(), { app: { ownerName: 'Jo Owner' }, mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('owner-reply')
      const ann = await h.post({ thread, title: 'Gardening', author: ANN, notify: true })
      const res = await h.client.admin('POST', `/comments/${ann.id}/reply`, { json: { body: 'Glad you liked it.' } })
      assert.equal(res.status, 201)
      assert.equal(await h.drain(), 1)
      const { to, mail } = await h.smtp.next()
      assert.deepEqual(to, [ANN.email])
      assert.match(mail.subject ?? '', /Jo Owner.*replied to your comment/)
      assert.ok(mail.text?.includes('Glad you liked it.'))
    })
  })

  test('replying to a held comment approves it; the owner is not mailed about their own reply', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('owner-held')
      const ann = await h.post({ thread, author: ANN })
      assert.equal(await h.drain(), 1, 'the held comment mails the owner')
      await h.smtp.next()
      const res = await h.client.admin('POST', `/comments/${ann.id}/reply`, { json: { body: 'Approved and answered.' } })
      assert.equal(res.status, 201)
      assert.equal(res.json.author.email, OWNER, 'the owner address is the reply’s email, seen only here')
      assert.equal(await h.drain(), 0)
      assert.equal((await h.client.store.comment(ann.id))?.status, 'approved')
    })
  })
})
