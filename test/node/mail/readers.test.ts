/**
 * Reply notifications, on both dialects, through a real SMTP server: a reader who ticked
 * "Notify me of replies" hears of published replies to their comments in that thread — not
 * of held ones until they are approved, never of their own — at most once per thread per
 * hour (a digest), with RFC 8058 one-click unsubscribe and a visible unsubscribe link.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Store } from '../../../src/server/store.js'
import { uniqueThread } from '../server/helpers/client.js'
import { ANN, BOB, CAROL, eachDialect, type Harness, HOUR, pageOf, PUBLIC_URL, withHarness } from './helpers/harness.js'
import { linksOf, rawHeader } from './helpers/smtp.js'

/** Ann subscribes in `thread`, Bob replies, and the mail Ann gets for it. */
async function subscribedWithReply(h: Harness, thread: string, title?: string) {
  const ann = await h.post({ thread, title, author: ANN, notify: true })
  await h.post({ thread, author: BOB, parentId: ann.id })
  await h.drain()
  return { ann, mail: (await h.smtp.next()).mail }
}

const UNSUBSCRIBE = 'Unsubscribe from replies in this thread'

const subscriptions = (store: Store, thread: string) => store.db.selectFrom('mail_subscriptions').selectAll().where('thread_key', '=', thread).execute()

eachDialect('reply notifications', (store) => {
  test('a reply mails the subscribed author of the comment it answers: the reply, a link to it, and unsubscribe headers', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('reply')
      const list = await h.client.list(thread)
      assert.equal(list.json.thread.notifications, true, 'the thread info offers it')
      const ann = await h.post({ thread, title: 'Gardening', author: ANN, body: 'Tomatoes need sun.', notify: true })
      assert.equal(await h.drain(), 0, 'subscribing mails nothing')
      const reply = await h.post({ thread, author: BOB, parentId: ann.id, body: 'And <em>water</em>, lots of it. <img src=x onerror=alert(1)>' })
      assert.equal(await h.drain(), 1)

      const { to, mail } = await h.smtp.next()
      assert.deepEqual(to, [ANN.email])
      assert.equal(mail.subject, '\u2068Bob Builder\u2069 replied to your comment on “Gardening”')
      const text = mail.text!
      assert.ok(text.includes('And <em>water</em>, lots of it.'), 'the reply as typed')
      assert.ok(text.includes('(To your comment: “Tomatoes need sun.”)'))
      const links = linksOf(text)
      assert.equal(links['Read the reply'], `${pageOf(thread)}#comment-${reply.id}`)
      const unsubscribe = links[UNSUBSCRIBE]!
      assert.ok(unsubscribe.startsWith(`${PUBLIC_URL}/mail/unsubscribe/`))
      assert.equal(rawHeader(mail, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click')
      assert.equal(rawHeader(mail, 'List-Unsubscribe'), `<${unsubscribe}>`)
      const html = String(mail.html)
      assert.ok(html.includes('<em>water</em>'))
      assert.ok(!/<img|onerror=alert/i.test(html.replace(/&lt;img[^&]*&gt;/g, '')), 'no image or handler as markup')
      assert.ok(html.includes(`href="${unsubscribe}"`), 'a visible unsubscribe link')
      assert.ok(!text.includes(BOB.email) && !html.includes(BOB.email), "the replier's email is not in it")
    })
  })

  test('never to the reply’s own author, and never to a reader who did not ask', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('self')
      const ann = await h.post({ thread, author: ANN, notify: true })
      const carol = await h.post({ thread, author: CAROL })
      await h.post({ thread, author: ANN, parentId: ann.id, body: 'Answering myself.' })
      await h.post({ thread, author: BOB, parentId: carol.id, body: 'To Carol, who did not ask.' })
      await h.post({ thread, author: ANN, parentId: carol.id, body: 'Ann answers Carol.' })
      assert.equal(await h.drain(), 0)
      assert.equal(h.smtp.received.length, 0)
    })
  })

  test('a held reply mails nobody until it is approved; then the reader hears of it', async () => {
    await withHarness(store(), { app: { moderation: 'all' }, mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('held')
      const ann = await h.post({ thread, author: ANN, notify: true })
      await h.client.admin('POST', `/comments/${ann.id}/approve`)
      const reply = await h.post({ thread, author: BOB, parentId: ann.id, body: 'Held for now.' })
      assert.equal(reply.status, 'pending')
      assert.equal(await h.drain(), 0)
      h.client.clock.advance(2 * HOUR)
      assert.equal(await h.drain(), 0, 'not later either')
      assert.equal(h.smtp.received.length, 0)

      assert.equal((await h.client.admin('POST', `/comments/${reply.id}/approve`)).status, 200)
      assert.equal(await h.drain(), 1)
      const { to, mail } = await h.smtp.next()
      assert.deepEqual(to, [ANN.email])
      assert.ok(mail.text!.includes('Held for now.'))
    })
  })

  test('a reply marked spam before the mail goes out is not mailed', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('spam')
      const ann = await h.post({ thread, author: ANN, notify: true })
      const reply = await h.post({ thread, author: BOB, parentId: ann.id })
      await h.client.admin('POST', `/comments/${reply.id}/spam`)
      assert.equal(await h.drain(), 1)
      assert.equal(h.smtp.received.length, 0)
    })
  })

  test('at most one mail per thread per reader per hour: the replies of that hour arrive as one digest', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('digest')
      const other = uniqueThread('digest-other')
      const ann = await h.post({ thread, title: 'Busy thread', author: ANN, notify: true })
      const annElsewhere = await h.post({ thread: other, title: 'Other thread', author: ANN, notify: true })

      await h.post({ thread, author: BOB, parentId: ann.id, body: 'First reply.' })
      assert.equal(await h.drain(), 1)
      assert.equal((await h.smtp.next()).mail.subject, '\u2068Bob Builder\u2069 replied to your comment on “Busy thread”')

      h.client.clock.advance(10 * 60_000)
      const second = await h.post({ thread, author: BOB, parentId: ann.id, body: 'Second reply.' })
      h.client.clock.advance(10 * 60_000)
      const third = await h.post({ thread, author: CAROL, parentId: ann.id, body: 'Third reply, from Carol.' })
      await h.post({ thread: other, author: BOB, parentId: annElsewhere.id, body: 'In the other thread.' })
      assert.equal(await h.drain(), 1, 'another thread is another mail')
      assert.equal((await h.smtp.next()).mail.subject, '\u2068Bob Builder\u2069 replied to your comment on “Other thread”')

      h.client.clock.advance(39 * 60_000)
      assert.equal(await h.drain(), 0, 'not within the hour')
      assert.equal(h.smtp.unseen().length, 0)

      h.client.clock.advance(60_000)
      assert.equal(await h.drain(), 1)
      const digest = (await h.smtp.next()).mail
      assert.equal(digest.subject, '2 new replies to your comments on “Busy thread”')
      const text = digest.text!
      assert.ok(text.indexOf('Second reply.') < text.indexOf('Third reply, from Carol.'), 'oldest first')
      assert.ok(!text.includes('First reply.'), 'what was sent is not sent again')
      assert.equal(text.match(/Read the reply: /g)?.length, 2)
      assert.ok(text.includes(`#comment-${second.id}`) && text.includes(`#comment-${third.id}`))

      h.client.clock.advance(30 * 60_000)
      await h.post({ thread, author: BOB, parentId: ann.id, body: 'Fourth, half an hour after the digest.' })
      assert.equal(await h.drain(), 0, 'the hour counts from the digest')
      h.client.clock.advance(30 * 60_000)
      assert.equal(await h.drain(), 1)
      assert.ok((await h.smtp.next()).mail.text!.includes('Fourth'))
    })
  })

  test('the digest is written in the thread’s language', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('deutsch')
      const ann = await h.post({ thread, title: 'Gartenarbeit', author: ANN, notify: true, lang: 'de' })
      await h.post({ thread, author: BOB, parentId: ann.id, body: 'Gießen!' })
      await h.drain()
      const { mail } = await h.smtp.next()
      assert.equal(mail.subject, '\u2068Bob Builder\u2069 hat auf Ihren Kommentar zu „Gartenarbeit“ geantwortet')
      assert.match(String(mail.html), /<html lang="de">/)
      const links = linksOf(mail.text!)
      assert.ok(links['Antwort lesen'])
      const page = await h.follow(links['Benachrichtigungen zu dieser Diskussion abbestellen']!)
      assert.match(page.text, /<h1>Keine Mails mehr zu Antworten\?<\/h1>/)
    })
  })

  test('the visible unsubscribe link: GET asks and changes nothing, the page’s POST unsubscribes, later replies mail nothing', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('unsubscribe')
      const { ann, mail } = await subscribedWithReply(h, thread, 'Leaving')
      const link = linksOf(mail.text!)[UNSUBSCRIBE]!

      for (let i = 0; i < 3; i++) {
        const page = await h.follow(link)
        assert.equal(page.status, 200)
        assert.match(page.text, /<h1>Stop mail about replies\?<\/h1>/)
        assert.match(page.text, /<form method="post">/)
      }
      assert.equal((await subscriptions(store(), thread)).length, 1, 'GET unsubscribed nobody')

      const done = await h.follow(link, 'POST', '')
      assert.equal(done.status, 200)
      assert.match(done.text, /You are unsubscribed\./)
      assert.match(done.text, /on “Leaving”/)
      assert.equal((await subscriptions(store(), thread)).length, 0)
      assert.equal((await h.follow(link, 'POST')).status, 200, 'twice is fine')
      assert.match((await h.follow(link)).text, /You are unsubscribed\./)

      h.client.clock.advance(2 * HOUR)
      await h.post({ thread, author: BOB, parentId: ann.id })
      assert.equal(await h.drain(), 0)
      assert.equal(h.smtp.unseen().length, 0)
    })
  })

  test('RFC 8058 one-click: a mail program’s POST to the List-Unsubscribe address unsubscribes without a page, and the waiting digest goes too', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('one-click')
      const { ann, mail } = await subscribedWithReply(h, thread)
      const url = rawHeader(mail, 'List-Unsubscribe')!.replace(/^<|>$/g, '')
      await h.post({ thread, author: CAROL, parentId: ann.id, body: 'Waiting in the next digest.' })

      const res = await h.follow(url, 'POST', 'List-Unsubscribe=One-Click')
      assert.equal(res.status, 200)
      assert.equal((await subscriptions(store(), thread)).length, 0)
      h.client.clock.advance(2 * HOUR)
      assert.equal(await h.drain(), 0, 'the digest that waited is gone')
      assert.equal(h.smtp.unseen().length, 0)
    })
  })

  test('an unsubscribe link that was changed is refused and unsubscribes nobody', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('forged')
      const { mail } = await subscribedWithReply(h, thread)
      const link = linksOf(mail.text!)[UNSUBSCRIBE]!
      const [id, signature] = link.slice(`${PUBLIC_URL}/mail/unsubscribe/`.length).split('.') as [string, string]
      for (const forged of [`${id}.${signature.slice(1)}`, `${id}0.${signature}`, id, `${id}.${signature}.x`]) {
        const res = await h.follow(`${PUBLIC_URL}/mail/unsubscribe/${forged}`, 'POST')
        assert.equal(res.status, 404, forged)
        assert.match(res.text, /This link is not valid\./)
      }
      assert.equal((await subscriptions(store(), thread)).length, 1)
    })
  })

  test('notify needs an email: without one it is a field error on email, which the form marks', async () => {
    await withHarness(store(), { app: { requireEmail: false }, mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('no-email')
      const res = await h.postRaw({ thread, author: { name: 'Nobody', email: '' }, notify: true })
      assert.equal(res.status, 422)
      assert.equal(res.json.codes.email, 'required')
      assert.match(res.json.errors.email, /email address is needed/)
      assert.equal((await h.postRaw({ thread, author: { name: 'Nobody', email: '' } })).status, 201, 'without notify it is fine')
      const bad = await h.postRaw({ thread, author: ANN, lang: 'not a tag!' })
      assert.equal(bad.status, 422)
      assert.equal(bad.json.codes.lang, 'invalid')
    })
  })

  test('ticking twice keeps one subscription per reader and thread', async () => {
    await withHarness(store(), { mail: { notifyOwner: null } }, async (h) => {
      const thread = uniqueThread('twice')
      const first = await h.post({ thread, author: ANN, notify: true })
      await h.post({ thread, author: ANN, notify: true })
      assert.equal((await subscriptions(store(), thread)).length, 1)
      await h.post({ thread, author: BOB, parentId: first.id })
      await h.drain()
      assert.deepEqual((await h.smtp.next()).to, [ANN.email])
    })
  })
})
