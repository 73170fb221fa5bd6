import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { uniqueThread } from '../helpers/client.js'
import { clientFor, type Env } from '../helpers/env.js'

const html = (client: ReturnType<typeof clientFor>, thread: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  client.call('GET', `/api/v1/threads/html?${new URLSearchParams({ thread, ...query })}`, { headers })

export function threadHtml(env: Env) {
  describe('the server-rendered thread', () => {
    test('holds every approved comment with its replies nested, the honest count and permalinks', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const first = (
        await client.posted({
          thread,
          body: 'First <em>point</em> and https://example.org/a',
          author: { name: 'Ann <b>Example</b>', url: 'https://ann.example' },
        })
      ).comment
      client.clock.advance(1000)
      const reply = (await client.posted({ thread, parentId: first.id, body: 'A reply to it' })).comment
      client.clock.advance(1000)
      await client.posted({ thread, body: 'Second top-level comment' })
      const res = await html(client, thread, { title: 'A post & more' })
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/)
      assert.match(res.text, /<h2 id="palaver-heading">3 Replies to “A post &amp; more”<\/h2>/)
      assert.match(res.text, new RegExp(`<li id="comment-${first.id}" class="palaver-comment">`))
      assert.match(res.text, new RegExp(`href="#comment-${reply.id}"`))
      // The reply sits in an <ol> inside its parent's <li>.
      const parentLi = res.text.indexOf(`id="comment-${first.id}"`)
      const replyLi = res.text.indexOf(`id="comment-${reply.id}"`)
      const second = res.text.indexOf('Second top-level comment')
      assert.ok(parentLi < replyLi && replyLi < second)
      assert.ok(res.text.slice(parentLi, replyLi).includes('<ol>'))
      assert.match(res.text, /First <em>point<\/em> and <a href="https:\/\/example\.org\/a" rel="nofollow ugc noopener">/)
      assert.match(res.text, /Ann &lt;b&gt;Example&lt;\/b&gt;/, 'names are text')
      assert.match(res.text, /<a href="https:\/\/ann\.example" rel="nofollow ugc noopener">/)
      assert.match(res.text, /<time datetime="\d{4}-\d\d-\d\dT[^"]+Z">/)
      assert.doesNotMatch(res.text, /<script|ann@example\.org|style=/)
    })

    test('leaves out pending and spam comments, keeps removed parents as placeholders', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const open = clientFor(env)
      const thread = uniqueThread()
      const parent = (await open.posted({ thread, body: 'Parent that will be removed' })).comment
      await open.posted({ thread, parentId: parent.id, body: 'Reply that stays' })
      await client.posted({ thread, body: 'Held for moderation' })
      const spam = (await open.posted({ thread, body: 'Spam to be marked' })).comment
      assert.equal((await open.admin('POST', `/comments/${spam.id}/spam`)).status, 200)
      assert.equal((await open.admin('DELETE', `/comments/${parent.id}`)).status, 204)
      const res = await html(open, thread, { lang: 'de' })
      assert.equal(res.status, 200)
      assert.doesNotMatch(res.text, /Held for moderation|Spam to be marked|Parent that will be removed/)
      assert.match(res.text, /Reply that stays/)
      assert.match(res.text, /Dieser Kommentar wurde gelöscht\./)
      assert.match(res.text, /<h2 id="palaver-heading">1 Antwort<\/h2>/, 'the count is what is shown: one reply')
      assert.match(res.text, /lang="de"/)
    })

    test('speaks every shipped language, a region with its language’s words and its own dates', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      const posted = (await client.posted({ thread, body: 'Bonjour' })).comment
      const utc = (tag: string) =>
        new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(posted.createdAt).setUTCSeconds(0, 0))
      const fr = await html(client, thread, { lang: 'fr', title: 'Un billet' })
      assert.match(fr.text, /<h2 id="palaver-heading">1 réponse à «\u00a0Un billet\u00a0»<\/h2>/)
      assert.match(fr.text, /lang="fr"/)
      assert.ok(fr.text.includes(utc('fr')), `the date as Intl writes it in French: ${utc('fr')}`)
      const pt = await html(client, thread, { lang: 'pt-PT' })
      assert.match(pt.text, /<h2 id="palaver-heading">1 resposta<\/h2>/)
      assert.match(pt.text, /lang="pt-PT"/)
      assert.ok(pt.text.includes(utc('pt-PT')))
      const gb = await html(client, thread, { lang: 'en-GB' })
      assert.match(gb.text, /<h2 id="palaver-heading">1 Reply<\/h2>/)
      assert.ok(gb.text.includes(utc('en-GB')), 'day before month, in English')
      assert.match((await html(client, thread, { lang: 'pl' })).text, /<h2 id="palaver-heading">1 odpowiedź<\/h2>/)
    })

    test('carries an ETag from the thread version and answers 304 until the thread changes', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread })
      const first = await html(client, thread)
      const etag = first.headers.get('etag')!
      assert.ok(etag)
      assert.match(first.headers.get('cache-control') ?? '', /max-age=/)
      assert.equal((await html(client, thread, {}, { 'if-none-match': etag })).status, 304)
      await client.posted({ thread })
      assert.equal((await html(client, thread, {}, { 'if-none-match': etag })).status, 200)
    })

    test('shadow=1 is the element’s own shadow root for the first page, with the page it rendered as its seed', async () => {
      const client = clientFor(env, { moderation: 'all' })
      const open = clientFor(env)
      const thread = uniqueThread()
      const first = (await open.posted({ thread, body: 'First <em>point</em>', author: { name: 'Ann <b>', url: 'https://ann.example' } })).comment
      open.clock.advance(1000)
      await open.posted({ thread, parentId: first.id, body: 'A reply to it' })
      open.clock.advance(1000)
      await open.posted({ thread, body: 'Second top-level comment' })
      await client.posted({ thread, body: 'Held for moderation' })
      const res = await html(open, thread, { shadow: '1', title: 'A post', limit: '1' })
      assert.equal(res.status, 200)
      assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/)
      assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=60$/)
      assert.match(res.text, /^<template shadowrootmode="open"><style>/)
      assert.match(res.text, /<!--lit-part [\w+/=]+-->/, 'Lit SSR markers, for hydration')
      assert.match(res.text, /<h2 id="heading" part="heading" tabindex="-1"><!--lit-part-->3 Replies to “A post”<!--\/lit-part--><\/h2>/)
      assert.match(res.text, /<div class="body" part="body">First <em>point<\/em><\/div>|<div class="body" part="body"><p>First <em>point<\/em><\/p><\/div>/)
      assert.match(res.text, /A reply to it/)
      assert.doesNotMatch(res.text, /Second top-level comment<\/p><\/div>/, 'limit=1: one top-level comment')
      assert.match(res.text, /part="load-more"/, 'and Load more for the rest')
      assert.match(res.text, /Ann &lt;b&gt;/, 'names are text')
      assert.match(res.text, /href="https:\/\/ann\.example\/" rel="nofollow ugc noopener"/)
      assert.doesNotMatch(res.text, /Held for moderation|@example\.org|formToken/)
      const seed = JSON.parse(/<script type="application\/json" class="palaver-seed">(.*?)<\/script>/.exec(res.text)![1]!) as {
        thread: { count: number; feed: string }
        comments: Array<{ id: string }>
        nextCursor: string | null
      }
      const listed = (await open.call('GET', `/api/v1/comments?${new URLSearchParams({ thread, limit: '1' })}`)).json as { comments: Array<{ id: string }> }
      assert.deepEqual(
        seed.comments.map((c) => c.id),
        listed.comments.map((c) => c.id),
        'the same page as GET /api/v1/comments',
      )
      assert.equal(seed.thread.count, 3)
      assert.ok(seed.nextCursor)
      assert.match(seed.thread.feed, /^https?:\/\/[^/]+\/api\/v1\/feed\?thread=/, 'the feed as an absolute address')
    })

    test('shadow=1 has its own ETag and 304, and bad limit, sort or max-depth are 400 problems', async () => {
      const client = clientFor(env)
      const thread = uniqueThread()
      await client.posted({ thread })
      const plain = (await html(client, thread)).headers.get('etag')
      const shadow = await html(client, thread, { shadow: '1' })
      const etag = shadow.headers.get('etag')!
      assert.ok(etag && etag !== plain)
      assert.equal((await html(client, thread, { shadow: '1' }, { 'if-none-match': etag })).status, 304)
      for (const [name, value] of [
        ['limit', '0'],
        ['limit', '201'],
        ['sort', 'sideways'],
        ['max-depth', 'x'],
      ] as const) {
        const bad = await html(client, thread, { shadow: '1', [name]: value })
        assert.equal(bad.status, 400, `${name}=${value}`)
        assert.equal(bad.headers.get('content-type'), 'application/problem+json')
      }
    })

    test('an empty thread says so; a missing thread parameter is a 400 problem', async () => {
      const client = clientFor(env)
      const res = await html(client, uniqueThread())
      assert.match(res.text, /No comments yet/)
      const bad = await client.call('GET', '/api/v1/threads/html')
      assert.equal(bad.status, 400)
      assert.equal(bad.headers.get('content-type'), 'application/problem+json')
    })
  })
}
