/**
 * The owner's mail, on both dialects, through a real SMTP server: one mail per held comment
 * (and with --notify-owner-all per published one) with the sanitized text, the thread link
 * and one-click Approve / Spam / Delete links — which show a page on GET, act only on the
 * page's POST, work once, expire, and refuse any change to them.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readModerationToken } from '../../../src/server/mail/links.js'
import type { Store } from '../../../src/server/store.js'
import { SECRET, TestClient, uniqueThread } from '../server/helpers/client.js'
import { ANN, DAY, eachDialect, FROM, harness, OWNER, pageOf, PUBLIC_URL, withHarness } from './helpers/harness.js'
import { commentOf, linksOf } from './helpers/smtp.js'

const statusOf = async (store: Store, id: string) => (await store.comment(id))?.status

eachDialect('owner mail', (store) => {
  test('a held comment mails the owner once: its text sanitized, the thread link, and Approve, Spam and Delete links', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('held')
      const body = 'Nice post! <script>alert("x")</script> <b>bold</b> & see https://ann.example/notes'
      const comment = await h.post({ thread, title: 'Hello <world>', body })
      assert.equal(comment.status, 'pending')
      assert.equal(h.smtp.received.length, 0, 'nothing is sent from the request')
      assert.equal(await h.drain(), 1)

      const { to, mail } = await h.smtp.next()
      assert.deepEqual(to, [OWNER])
      assert.deepEqual(
        mail.from?.value.map(({ name, address }) => `${name} <${address}>`),
        [FROM],
      )
      assert.equal(mail.subject, 'Waiting for approval: a comment on “Hello <world>”')
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated')
      assert.equal(mail.headers.get('list-unsubscribe'), undefined, 'the owner mail is no list mail')

      const text = mail.text!
      assert.ok(text.includes(body), 'the text part carries the comment as typed')
      assert.match(text, /Ann Example\u2069? wrote a comment on “Hello <world>”/)
      const html = String(mail.html)
      assert.ok(!/<script/i.test(html), 'no script reaches the HTML part')
      assert.ok(html.includes('&lt;script&gt;'), 'typed HTML outside the allowlist shows as text')
      assert.ok(html.includes('<b>bold</b>'), 'allowed markup stays')
      assert.ok(html.includes('Hello &lt;world&gt;'), 'the title is escaped')
      assert.match(html, /<a href="https:\/\/ann\.example\/notes" rel="nofollow ugc noopener">/)
      assert.match(html, /<html lang="en">/)
      assert.ok(
        !JSON.stringify(mail.headers).includes(ANN.email) && !text.includes(ANN.email) && !html.includes(ANN.email),
        "the commenter's email is in no mail",
      )

      const links = linksOf(text)
      assert.deepEqual(Object.keys(links).sort(), ['Approve', 'Delete', 'Mark as spam', 'Read the thread'])
      assert.equal(links['Read the thread'], pageOf(thread), 'the page (a held comment has no anchor there yet)')
      for (const label of ['Approve', 'Mark as spam', 'Delete']) {
        assert.ok(links[label]!.startsWith(`${PUBLIC_URL}/mail/moderate/`), label)
        assert.ok(html.includes(`href="${links[label]}"`), `${label} is a link in the HTML part too`)
      }
      assert.match(text, /expires on \w+ \d+, \d{4}/)

      assert.equal(await h.drain(), 0, 'sent once')
      assert.equal(
        (await store().db.selectFrom('mail_queue').select(['status', 'recipient']).executeTakeFirstOrThrow()).recipient,
        '',
        'a sent row keeps no address',
      )
    })
  })

  test('the mail and its pages speak the thread’s language: German when the widget posted in German', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('de')
      await h.post({ thread, title: 'Hallo Welt', lang: 'de-AT' })
      await h.drain()
      const { mail } = await h.smtp.next()
      assert.equal(mail.subject, 'Wartet auf Freigabe: ein Kommentar zu „Hallo Welt“')
      assert.match(String(mail.html), /<html lang="de">/)
      const links = linksOf(mail.text!)
      assert.deepEqual(Object.keys(links).sort(), ['Als Spam markieren', 'Freigeben', 'Löschen', 'Zur Diskussion'])
      const page = await h.follow(links.Freigeben!)
      assert.match(page.text, /<html lang="de">/)
      assert.match(page.text, /<h1>Diesen Kommentar freigeben\?<\/h1>/)
    })
  })

  test('Approve: GET shows the comment and a form and changes nothing; the POST approves; then every link of that mail is spent', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('approve')
      const comment = await h.post({ thread, body: 'Please approve <i>me</i>' })
      await h.drain()
      const links = linksOf((await h.smtp.next()).mail.text!)

      // What a mail scanner does: fetch every link, several times.
      for (const label of ['Approve', 'Mark as spam', 'Delete', 'Approve']) {
        const page = await h.follow(links[label]!)
        assert.equal(page.status, 200, label)
        assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8')
        assert.equal(page.headers.get('cache-control'), 'no-store')
        assert.equal(page.headers.get('referrer-policy'), 'no-referrer')
        assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/)
        assert.match(page.text, /<form method="post"><button type="submit">/)
        assert.ok(!/<script/i.test(page.text))
      }
      const approvePage = await h.follow(links.Approve!)
      assert.match(approvePage.text, /<h1>Approve this comment\?<\/h1>/)
      assert.match(approvePage.text, /<blockquote><p>Please approve <i>me<\/i><\/p><\/blockquote>/)
      assert.equal(await statusOf(store(), comment.id), 'pending', 'no GET changed anything')
      // This read leaves the empty page in the server's page cache: the approval must end it.
      assert.equal((await h.client.list(thread)).json.comments.length, 0)

      const done = await h.follow(links.Approve!, 'POST')
      assert.equal(done.status, 200)
      assert.match(done.text, /<h1>The comment is approved\.<\/h1>/)
      assert.equal(await statusOf(store(), comment.id), 'approved')
      assert.deepEqual(
        (await h.client.list(thread)).json.comments.map((c: any) => c.id),
        [comment.id],
        'readers see it now',
      )

      for (const label of ['Approve', 'Mark as spam', 'Delete']) {
        for (const method of ['POST', 'GET'] as const) {
          const again = await h.follow(links[label]!, method)
          assert.equal(again.status, 410, `${method} ${label} after use`)
          assert.match(again.text, /This link was already used\./)
        }
      }
      assert.equal(await statusOf(store(), comment.id), 'approved', 'a spent link does nothing')
    })
  })

  test('Spam and Delete act from their own mails; Delete erases what the author wrote', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('verdicts')
      const spam = await h.post({ thread, body: 'Buy cheap things' })
      const gone = await h.post({ thread, body: 'Delete me, please' })
      await h.drain()
      const mails = [await h.smtp.next(), await h.smtp.next()]
      const linksFor = (id: string) => linksOf(mails.find((r) => commentOf(r.mail.text!) === id)!.mail.text!)

      assert.equal((await h.follow(linksFor(spam.id)['Mark as spam']!, 'POST')).status, 200)
      assert.equal(await statusOf(store(), spam.id), 'spam')
      const deleted = await h.follow(linksFor(gone.id).Delete!, 'POST')
      assert.match(deleted.text, /The comment is deleted\./)
      const row = await store().comment(gone.id)
      assert.equal(row?.status, 'deleted')
      assert.equal(row?.body_text, '')
    })
  })

  test('links refuse any change — signature, action, comment, expiry — and expire after 7 days', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('tamper')
      const comment = await h.post({ thread })
      const other = await h.post({ thread })
      await h.drain()
      const mails = [await h.smtp.next(), await h.smtp.next()]
      const approve = linksOf(mails.find((r) => commentOf(r.mail.text!) === comment.id)!.mail.text!).Approve!
      const token = approve.slice(`${PUBLIC_URL}/mail/moderate/`.length)
      const [id, action, expires, nonce, signature] = token.split('.') as [string, string, string, string, string]

      const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A')
      const forgeries = {
        signature: [id, action, expires, nonce, flipped],
        action: [id, 'delete', expires, nonce, signature],
        comment: [other.id, action, expires, nonce, signature],
        expiry: [id, action, (parseInt(expires, 36) + 86_400 * 365).toString(36), nonce, signature],
        nonce: [id, action, expires, `${nonce}0`, signature],
        truncated: [id, action, expires, nonce],
      }
      for (const [what, parts] of Object.entries(forgeries)) {
        for (const method of ['GET', 'POST'] as const) {
          const res = await h.follow(`${PUBLIC_URL}/mail/moderate/${parts.join('.')}`, method)
          assert.equal(res.status, 404, `${method} with a changed ${what}`)
          assert.match(res.text, /This link is not valid\./)
        }
      }
      assert.equal(await statusOf(store(), comment.id), 'pending')
      assert.equal(await statusOf(store(), other.id), 'pending')

      const check = readModerationToken(SECRET, token, h.client.clock.now())
      assert.ok(check.ok)
      assert.ok(Math.abs(check.link.expiresMs - (h.client.clock.now() + 7 * DAY)) < 2000, 'expires in 7 days by default')
      h.client.clock.advance(7 * DAY + 1000)
      for (const method of ['GET', 'POST'] as const) {
        const late = await h.follow(approve, method)
        assert.equal(late.status, 410, method)
        assert.match(late.text, /This link has expired\./)
      }
      assert.equal(await statusOf(store(), comment.id), 'pending')
    })
  })

  test('--mail-link-expiry shortens the links’ life', async () => {
    await withHarness(store(), { app: { moderation: 'all' }, mail: { linkTtlMs: 3_600_000 } }, async (h) => {
      const comment = await h.post({ thread: uniqueThread('expiry') })
      await h.drain()
      const approve = linksOf((await h.smtp.next()).mail.text!).Approve!
      h.client.clock.advance(3_600_000 - 5000)
      assert.equal((await h.follow(approve)).status, 200)
      h.client.clock.advance(10_000)
      assert.equal((await h.follow(approve, 'POST')).status, 410)
      assert.equal(await statusOf(store(), comment.id), 'pending')
    })
  })

  test('a link of a comment already moderated says so and changes nothing, and keeps the link', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const comment = await h.post({ thread: uniqueThread('already') })
      await h.drain()
      const links = linksOf((await h.smtp.next()).mail.text!)
      await h.client.admin('POST', `/comments/${comment.id}/approve`)
      const page = await h.follow(links.Approve!, 'POST')
      assert.match(page.text, /This comment is already approved\./)
      assert.doesNotMatch(page.text, /<form/)
      assert.equal((await h.follow(links['Mark as spam']!, 'POST')).status, 200, 'the mail’s links are not spent by it')
      assert.equal(await statusOf(store(), comment.id), 'spam')
    })
  })

  test('a held comment moderated before its mail goes out is not mailed: nothing is left to decide', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const comment = await h.post({ thread: uniqueThread('early') })
      assert.equal((await h.client.admin('POST', `/comments/${comment.id}/approve`)).status, 200)
      assert.equal(await h.drain(), 1)
      assert.equal(h.smtp.received.length, 0)
      assert.equal((await store().db.selectFrom('mail_queue').select('status').executeTakeFirstOrThrow()).status, 'skipped')
    })
  })

  test('--notify-owner-all yes: a published comment mails the owner too, with Spam and Delete but no Approve', async () => {
    await withHarness(store(), { mail: { notifyOwnerAll: true } }, async (h) => {
      const thread = uniqueThread('all')
      const comment = await h.post({ thread, title: 'Open thread' })
      assert.equal(comment.status, 'approved')
      await h.drain()
      const { mail } = await h.smtp.next()
      assert.equal(mail.subject, 'New comment on “Open thread”')
      assert.deepEqual(Object.keys(linksOf(mail.text!)).sort(), ['Delete', 'Mark as spam', 'Read the thread'])
      assert.equal((await h.follow(linksOf(mail.text!)['Mark as spam']!, 'POST')).status, 200)
      assert.deepEqual((await h.client.list(thread)).json.comments, [], 'spam is gone for readers')
    })
  })

  test('without --notify-owner-all a published comment mails nobody; without --notify-owner a held one mails nobody', async () => {
    const open = await harness(store())
    try {
      await open.post({ thread: uniqueThread('quiet') })
      assert.equal(await open.drain(), 0)
    } finally {
      await open.close()
    }
    const held = await harness(store(), { app: { moderation: 'all' }, mail: { notifyOwner: null } })
    try {
      await held.post({ thread: uniqueThread('quiet') })
      assert.equal(await held.drain(), 0)
      assert.equal(held.smtp.received.length, 0)
    } finally {
      await held.close()
    }
  })

  test('an edit that adds links sends a comment back to moderation, and the owner hears of it', async () => {
    await withHarness(store(), {}, async (h) => {
      const thread = uniqueThread('edit')
      const posted = await h.postRaw({ thread, body: 'Plain words' })
      const { comment, editToken } = posted.json
      assert.equal(await h.drain(), 0)
      const edited = await h.client.call('PATCH', `/api/v1/comments/${comment.id}`, {
        json: { body: 'Now see https://a.example https://b.example https://c.example' },
        headers: { authorization: `Bearer ${editToken}` },
      })
      assert.equal(edited.json.comment.status, 'pending')
      await h.drain()
      const { mail } = await h.smtp.next()
      assert.match(mail.subject!, /^Waiting for approval/)
      assert.ok(mail.text!.includes('https://c.example'))
    })
  })

  test('the page address is kept only on an allowed origin: a mail never links elsewhere', async () => {
    await withHarness(store(), { app: { moderation: 'all' } }, async (h) => {
      const thread = uniqueThread('page')
      await h.post({ thread, page: 'https://evil.example/phish' })
      await h.drain()
      const { mail } = await h.smtp.next()
      assert.ok(!mail.text!.includes('evil.example') && !String(mail.html).includes('evil.example'))
      assert.equal(linksOf(mail.text!)['Read the thread'], undefined)
      // A later post from the real page fills it in.
      await h.post({ thread, page: `${pageOf(thread)}#comments` })
      await h.drain()
      assert.equal(linksOf((await h.smtp.next()).mail.text!)['Read the thread']?.split('#')[0], pageOf(thread))
    })
  })

  test('without SMTP configured nothing is queued, nothing is offered, and posting with notify still works', async () => {
    const client = new TestClient(store(), { moderation: 'all', publicUrl: PUBLIC_URL, mail: null })
    const thread = uniqueThread('off')
    const list = await client.list(thread)
    assert.equal(list.json.thread.notifications, undefined)
    await store().db.deleteFrom('mail_queue').execute()
    const res = await client.call('POST', '/api/v1/comments', {
      json: {
        thread,
        parentId: null,
        author: { name: 'Ann', email: 'ann@example.org', url: '' },
        body: 'No mail here',
        formToken: list.json.thread.formToken,
        notify: true,
      },
    })
    assert.equal(res.status, 201, res.text)
    assert.equal((await store().db.selectFrom('mail_queue').selectAll().execute()).length, 0)
    assert.equal((await store().db.selectFrom('mail_subscriptions').selectAll().where('thread_key', '=', thread).execute()).length, 0)
  })
})
