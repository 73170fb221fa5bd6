/**
 * Importing WordPress, Disqus and Isso data on SQLite and PostgreSQL: what each source's
 * records become, that readers then see them through the API, that a second import
 * changes nothing, that a broken file writes nothing, dry runs and --map.
 */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { SourceError } from '../../../src/server/transfer/records.js'
import { avatarSeed } from '../../../src/server/tokens.js'
import { parseMapRule } from '../../../src/server/transfer/map.js'
import { SECRET, TestClient } from '../server/helpers/client.js'
import { bySource, DISQUS, eachDialect, importInto, issoDatabase, scratch, snapshot, WXR } from './helpers.js'

const POST = '/blog/2019/05/gruesse-aus-koeln'

eachDialect('WordPress (WXR) import', (fresh) => {
  test('posts become threads keyed by their path, with their titles and comment status', async () => {
    const store = await fresh.store()
    await importInto(store, WXR, { format: 'wxr' })
    const threads = await store.db.selectFrom('threads').select(['key', 'title', 'open', 'created_at']).orderBy('key').execute()
    assert.deepEqual(threads, [
      { key: '/blog/2019/05/gruesse-aus-koeln', title: 'Grüße aus Köln — ein Anfang', open: 1, created_at: '2019-05-14T08:30:00.000Z' },
      { key: '/blog/2021/orphan', title: 'A post whose comment lost its parent', open: 1, created_at: '2021-03-01T12:00:00.000Z' },
      // A plain permalink keeps its query; comments closed in WordPress are closed here.
      { key: '/blog/?page_id=42', title: 'Über uns', open: 0, created_at: '2020-01-01T00:00:00.000Z' },
    ])
  })

  test('comments keep threading, GMT dates, statuses, kinds and authors; bodies are rendered like new posts', async () => {
    const store = await fresh.store()
    const summary = await importInto(store, WXR, { format: 'wxr' })
    const c = await bySource(store, POST)
    const zoe = c.get('wxr:101')!
    assert.equal(zoe.parent_id, null)
    assert.equal(zoe.root_id, zoe.id)
    assert.equal(zoe.created_at, '2019-05-14T09:02:03.000Z')
    assert.equal(zoe.author_name, 'Zoë Ångström')
    assert.equal(zoe.author_email, 'Zoe.Angstrom@Example.org', 'kept for the owner')
    assert.equal(zoe.author_key, avatarSeed(SECRET, 'zoe.angstrom@example.org'))
    assert.equal(zoe.author_url, 'https://zoe.example/')
    assert.equal(zoe.ip_prefix, '203.0.113.0/24')
    assert.equal(
      zoe.body_html,
      '<p>Schöner Beitrag! Grüße aus Köln 🎉</p>\n<p>Siehe <a href="https://zoe.example/notes/" rel="nofollow ugc noopener">meine Notizen</a> &amp; <strong>danke</strong>.<br />\nZweite Zeile.</p>',
    )
    const admin = c.get('wxr:102')!
    assert.equal(admin.parent_id, zoe.id)
    assert.equal(admin.author_url, null, 'a javascript: website is dropped')
    assert.equal(admin.body_html, '<p>Danke, Zoë!<br />\nEin <em>zweiter</em> Gedanke: &lt;script&gt;alert("x")&lt;/script&gt;</p>')
    const kenji = c.get('wxr:103')!
    assert.equal(kenji.parent_id, admin.id, 'a reply listed before its parent still finds it')
    assert.equal(kenji.root_id, zoe.id)
    assert.equal(kenji.ip_prefix, '2001:db8:85a3::/48')
    assert.equal(kenji.body_html, '<p>A reply to a reply, listed before its parent.</p>\n<p>日本語も大丈夫。</p>')
    assert.equal(c.get('wxr:104')!.status, 'pending')
    assert.equal(c.get('wxr:105')!.status, 'spam')

    const trashed = c.get('wxr:106')!
    assert.deepEqual(
      [trashed.status, trashed.author_name, trashed.author_email, trashed.body_text, trashed.body_html, trashed.ip_prefix],
      ['deleted', '', '', '', '', null],
      'a trashed comment keeps only its place',
    )
    assert.equal(c.get('wxr:107')!.parent_id, trashed.id)

    const ping = c.get('wxr:108')!
    assert.equal(ping.kind, 'pingback')
    assert.equal(ping.author_name, 'Another Blog » Linking to Köln', 'entities in names are decoded')
    assert.equal(ping.author_url, 'https://another.example/2019/05/linking/')
    assert.equal(ping.body_html, '<p>[…] as Zoë wrote in Grüße aus Köln, the start […]</p>')
    assert.equal(c.get('wxr:109')!.kind, 'trackback')

    const page = await bySource(store, '/blog/?page_id=42')
    assert.equal(page.get('wxr:201')!.author_name, 'Anonymous')
    assert.match(page.get('wxr:201')!.body_html, /^<p>First paragraph.<\/p>\n<p>Second paragraph<br \/>\nwith a break.<\/p>\n/)

    const orphan = (await bySource(store, '/blog/2021/orphan')).get('wxr:301')!
    assert.equal(orphan.parent_id, null)
    assert.equal(orphan.root_id, orphan.id)

    assert.equal(summary.imported, 11)
    assert.deepEqual(summary.kinds, { comment: 9, pingback: 1, trackback: 1, webmention: 0 })
    assert.deepEqual(summary.statuses, { approved: 8, pending: 1, spam: 1, deleted: 1 })
    assert.deepEqual(summary.skipped, [
      { reason: 'comment type "order_note" is not a comment', where: 'comment 110 (line 186)' },
      { reason: 'no date', where: 'comment 111 (line 200)' },
    ])
    assert.deepEqual(
      summary.orphans.map((o) => o.where),
      ['comment 301 (line 264)'],
    )
  })

  test('readers see the imported thread through the API: approved comments, a placeholder for the trashed one', async () => {
    const store = await fresh.store()
    const client = new TestClient(store)
    // Read first, so the server holds the empty page: the import must end it (page cache).
    assert.deepEqual((await client.list(POST)).json.comments, [])
    await importInto(store, WXR, { format: 'wxr' })
    const res = await client.list(POST)
    assert.equal(res.status, 200)
    assert.equal(res.json.thread.title, 'Grüße aus Köln — ein Anfang')
    assert.equal(res.json.thread.count, 6)
    const names = res.json.comments.map((c: any) => `${c.kind}:${c.author.name || '(removed)'}`)
    assert.deepEqual(names, [
      'comment:Zoë Ångström',
      'comment:admin',
      'comment:Kenji 田中',
      'comment:(removed)',
      'comment:Still Here',
      'pingback:Another Blog » Linking to Köln',
      'trackback:Old Tracker',
    ])
    assert.ok(!res.text.includes('@'), 'no email reaches readers')
  })

  test('importing the same file again changes nothing', async () => {
    const store = await fresh.store()
    await importInto(store, WXR, { format: 'wxr' })
    const before = await snapshot(store)
    const again = await importInto(store, WXR, { format: 'wxr' })
    assert.deepEqual(await snapshot(store), before, 'same rows, same thread versions')
    assert.equal(again.imported, 0)
    assert.equal(again.unchanged, 11)
    assert.equal(again.threadsCreated, 0)
    assert.equal(again.threadsExisting, 3)
  })

  test('a file that breaks half-way is refused with its line, and nothing is stored', async () => {
    const store = await fresh.store()
    const text = readFileSync(WXR, 'utf8')
    const broken = join(scratch, `broken-${fresh.dialect}.xml`)
    // Cut inside the second item: the first item is whole, and still must not be stored.
    writeFileSync(broken, `${text.slice(0, text.indexOf('<wp:comment_id>201'))}<wp:comment_author>Half</wp:comm`)
    await assert.rejects(importInto(store, broken, { format: 'wxr' }), (error: Error) => {
      assert.ok(error instanceof SourceError)
      assert.match(error.message, /^not well-formed XML: broken-\w+\.xml:\d+:\d+: /)
      return true
    })
    assert.equal((await snapshot(store)).comments.length, 0)
    assert.equal((await snapshot(store)).threads.length, 0)
  })

  test('a file that is not a WordPress export is one clear error', async () => {
    const store = await fresh.store()
    await assert.rejects(importInto(store, DISQUS, { format: 'wxr' }), /not a WordPress export \(WXR\): the document is <disqus>/)
  })

  test('a dry run reports what an import would do and stores nothing', async () => {
    const store = await fresh.store()
    const summary = await importInto(store, WXR, { format: 'wxr', dryRun: true })
    assert.equal(summary.imported, 11)
    assert.equal(summary.threadsCreated, 3)
    const after = await snapshot(store)
    assert.equal(after.comments.length + after.threads.length, 0)
  })

  test('--map rewrites source addresses into thread keys', async () => {
    const store = await fresh.store()
    const rules = ['https://old.example/blog/?page_id==/pages/', 'https://old.example/blog/=/'].map((r) => parseMapRule(r)!)
    await importInto(store, WXR, { format: 'wxr', rules })
    const keys = (await store.db.selectFrom('threads').select('key').orderBy('key').execute()).map((t) => t.key)
    assert.deepEqual(keys, ['/2019/05/gruesse-aus-koeln', '/2021/orphan', '/pages/42'])
  })
})

eachDialect('Disqus import', (fresh) => {
  test('threads, replies, deleted and spam posts, anonymous authors', async () => {
    const store = await fresh.store()
    const summary = await importInto(store, DISQUS, { format: 'disqus' })
    const threads = await store.db.selectFrom('threads').select(['key', 'title', 'open']).orderBy('key').execute()
    assert.deepEqual(threads, [
      { key: '/posts/closed-one', title: 'A closed discussion', open: 0 },
      { key: '/posts/first-post', title: 'Première publication', open: 1 },
      { key: '/posts/late', title: 'Late & listed last', open: 1 },
    ])
    const c = await bySource(store, '/posts/first-post')
    const amelie = c.get('disqus:5001')!
    assert.equal(amelie.created_at, '2016-03-01T11:00:00.000Z')
    assert.equal(amelie.author_key, avatarSeed(SECRET, 'amelie@example.fr'))
    assert.equal(
      amelie.body_html,
      '<p>Très bien écrit, merci !</p>\n<p>Second paragraph with a <a href="https://example.org/ref" rel="nofollow ugc noopener">link</a>.</p>',
    )
    const bernard = c.get('disqus:5002')!
    assert.equal(bernard.parent_id, amelie.id)
    assert.equal(bernard.body_html, '<p>Je réponds à Amélie.<br />\nAvec une deuxième ligne.</p>')
    const guest = c.get('disqus:5003')!
    assert.equal(guest.parent_id, bernard.id, 'a reply listed before its parent')
    assert.equal(guest.root_id, amelie.id)
    assert.deepEqual([guest.author_name, guest.author_email, guest.author_key], ['Guest Reader', '', null])
    assert.deepEqual([c.get('disqus:5004')!.status, c.get('disqus:5004')!.body_text], ['deleted', ''])
    assert.equal(c.get('disqus:5005')!.parent_id, c.get('disqus:5004')!.id)
    const closed = await bySource(store, '/posts/closed-one')
    assert.equal(closed.get('disqus:5006')!.status, 'spam')
    assert.equal(closed.get('disqus:5007')!.author_name, 'Δημήτρης')
    assert.equal((await bySource(store, '/posts/late')).get('disqus:5009')!.status, 'approved', 'its thread came later in the file')
    assert.deepEqual(summary.skipped, [
      { reason: 'its thread was deleted', where: 'post 5008 (line 151)' },
      { reason: 'empty comment', where: 'post 5010 (line 177)' },
    ])
  })

  test('a second import changes nothing', async () => {
    const store = await fresh.store()
    await importInto(store, DISQUS, { format: 'disqus' })
    const before = await snapshot(store)
    const again = await importInto(store, DISQUS, { format: 'disqus' })
    assert.deepEqual(await snapshot(store), before)
    assert.equal(again.unchanged, 8)
  })
})

eachDialect('Isso import', (fresh) => {
  test('threads, modes 1/2/4, parents, Unix times and edits from a comments.db', async () => {
    const store = await fresh.store()
    const summary = await importInto(store, issoDatabase(`isso-${fresh.dialect}.db`), { format: 'isso' })
    const threads = await store.db.selectFrom('threads').select(['key', 'title']).orderBy('key').execute()
    assert.deepEqual(
      threads,
      [
        { key: '/blog/isso-post', title: 'Isso: a post with ümlauts' },
        { key: '/blog/second', title: null },
      ],
      'a thread without comments is not created',
    )
    const c = await bySource(store, '/blog/isso-post')
    const first = c.get('isso:1')!
    assert.equal(first.created_at, '2020-01-01T10:00:00.123Z')
    assert.equal(first.author_url, 'https://emile.example/')
    assert.equal(first.ip_prefix, '203.0.113.0/24')
    assert.equal(
      first.body_html,
      '<p>First!</p>\n<p>Markdown <em>emphasis</em> stays as typed, <a href="https://example.org/" rel="nofollow ugc noopener">https://example.org</a> is linked.</p>',
    )
    const reply = c.get('isso:2')!
    assert.deepEqual([reply.parent_id, reply.author_name, reply.edited_at], [first.id, 'Anonymous', '2020-01-01T12:00:00.250Z'])
    assert.equal(c.get('isso:3')!.status, 'pending')
    assert.equal(c.get('isso:3')!.author_url, null, 'a website that is not a URL is dropped')
    assert.equal(c.get('isso:4')!.status, 'deleted')
    assert.equal(c.get('isso:5')!.parent_id, c.get('isso:4')!.id)
    assert.equal((await bySource(store, '/blog/second')).get('isso:6')!.body_html, '<p>中文评论</p>')
    assert.equal(summary.imported, 6)

    const before = await snapshot(store)
    await importInto(store, issoDatabase(`isso-${fresh.dialect}.db`), { format: 'isso' })
    assert.deepEqual(await snapshot(store), before, 'a second import changes nothing')
  })

  test('a file that is not an Isso database is refused', async () => {
    const store = await fresh.store()
    await assert.rejects(importInto(store, WXR, { format: 'isso' }), /cannot open .* as an SQLite database|not an Isso database/)
  })
})
