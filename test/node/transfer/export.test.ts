/**
 * Exports on SQLite and PostgreSQL: Palaver's JSON reads back into a fresh database
 * exactly (the two exports are diffed), its documented JSON Schema says what the code
 * writes, and the WXR export, read by the WXR importer, gives back the same discussion.
 */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import type * as v from 'valibot'
import type { Store } from '../../../src/server/store.js'
import { exportJson, exportWxr } from '../../../src/server/transfer/export.js'
import { exportedComment, exportedThread, exportHeader } from '../../../src/server/transfer/palaver-json.js'
import { TestClient } from '../server/helpers/client.js'
import { DISQUS, eachDialect, importInto, issoDatabase, scratch, snapshot, WXR } from './helpers.js'

const NOW = '2026-12-01T12:00:00.000Z'

async function exported(store: Store, format: 'json' | 'wxr' = 'json', thread: string | null = null): Promise<string> {
  let text = ''
  const sink = async (chunk: string) => {
    text += chunk
  }
  if (format === 'wxr') await exportWxr(store.db, sink, { thread, now: NOW, siteUrl: 'https://new.example' })
  else await exportJson(store.db, sink, { thread, now: NOW })
  return text
}

/** A database with everything an export must carry: three sources, a native post with its edit token, a setting. */
async function filled(store: Store, dialect: string): Promise<void> {
  await importInto(store, WXR, { format: 'wxr' })
  await importInto(store, DISQUS, { format: 'disqus' })
  await importInto(store, issoDatabase(`export-${dialect}.db`), { format: 'isso' })
  const client = new TestClient(store)
  const { comment } = await client.posted({ thread: '/native', title: 'Posted here', body: 'Posted through the API.\n\nhttps://example.org' })
  client.clock.advance(60_000)
  await client.posted({ thread: '/native', parentId: comment.id, body: 'A reply.' })
  await client.admin('POST', `/threads/close?thread=${encodeURIComponent('/closed-empty')}`)
  await store.putSetting('welcome_text', 'Be kind.')
  // What `palaver serve` stores on first start.
  await store.putSetting('secret', `secret-of-${dialect}-0123456789abcdef`)
  await store.putSetting('admin_token_hash', 'a'.repeat(64))
}

eachDialect('Palaver JSON export', (fresh) => {
  test('an export imported into an empty database exports identically, and the rows are the same', async () => {
    const source = await fresh.store()
    await filled(source, fresh.dialect)
    const first = await exported(source)
    const file = join(scratch, `export-${fresh.dialect}.json`)
    writeFileSync(file, first)

    const target = await fresh.store()
    const summary = await importInto(target, file, { format: 'palaver' })
    assert.equal(summary.skipped.length + summary.orphans.length, 0)
    assert.equal(await exported(target), first)
    const strip = (s: Awaited<ReturnType<typeof snapshot>>) => ({ ...s, threads: s.threads.map(({ version: _v, ...t }) => t) })
    assert.deepEqual(strip(await snapshot(target)), strip(await snapshot(source)), 'every column of every row, but the version counters')
    assert.equal(await target.setting('welcome_text'), 'Be kind.')
    assert.equal(await target.setting('secret'), undefined, 'secrets stay where they are')
    assert.equal(await target.setting('admin_token_hash'), undefined)

    // And back into the same database: nothing changes.
    const before = await snapshot(target)
    assert.equal((await importInto(target, file, { format: 'palaver' })).unchanged, summary.imported)
    assert.deepEqual(await snapshot(target), before)
  })

  test("the owner's replies keep their role through an export and an import (the widget's badge)", async () => {
    const source = await fresh.store()
    const client = new TestClient(source, { ownerName: 'Jo Owner' })
    const { comment } = await client.posted({ thread: '/owner-export' })
    const reply = await client.admin('POST', `/comments/${comment.id}/reply`, { json: { body: 'Thanks, from the owner.' } })
    const text = await exported(source, 'json', '/owner-export')
    const roles = Object.fromEntries(JSON.parse(text).threads[0].comments.map((c: any) => [c.id, c.author.role]))
    assert.deepEqual(roles, { [comment.id]: null, [reply.json.id]: 'owner' })
    const file = join(scratch, `owner-export-${fresh.dialect}.json`)
    writeFileSync(file, text)
    const target = await fresh.store()
    await importInto(target, file, { format: 'palaver' })
    assert.equal((await target.comment(reply.json.id))?.author_role, 'owner')
    assert.equal((await target.comment(comment.id))?.author_role, null)
    const listed = (await new TestClient(target).list('/owner-export')).json.comments
    assert.equal(listed.find((c: any) => c.id === reply.json.id).author.role, 'owner')
  })

  test('the file is one JSON document, a thread per line, without secrets', async () => {
    const store = await fresh.store()
    await filled(store, fresh.dialect)
    const text = await exported(store)
    const document = JSON.parse(text)
    const lines = text.trimEnd().split('\n')
    assert.equal(lines.length, document.threads.length + 2)
    assert.match(lines[0]!, /^\{"format":"palaver-export","version":1,"exportedAt":"2026-12-01T12:00:00.000Z","settings":\{[^\n]*\},"threads":\[$/)
    for (const [i, line] of lines.slice(1, -1).entries()) assert.deepEqual(JSON.parse(line.replace(/,$/, '')), document.threads[i])
    assert.equal(lines.at(-1), ']}')
    assert.deepEqual(document.settings, { welcome_text: 'Be kind.' })
    assert.ok(!text.includes((await store.setting('secret'))!))
    assert.ok(!text.includes((await store.setting('admin_token_hash'))!))
    const keys = document.threads.map((t: any) => t.key)
    assert.deepEqual(keys, [...keys].sort(), 'threads in key order')
    assert.ok(keys.includes('/closed-empty'), 'threads without comments are kept')
  })

  test('--thread exports one thread', async () => {
    const store = await fresh.store()
    await filled(store, fresh.dialect)
    const document = JSON.parse(await exported(store, 'json', '/native'))
    assert.deepEqual(
      document.threads.map((t: any) => t.key),
      ['/native'],
    )
    assert.equal(document.threads[0].comments.length, 2)
    assert.ok(document.threads[0].comments[0].editTokenHash, 'a native comment keeps its edit token hash')
  })

  test('a pretty-printed export reads the same as the written one', async () => {
    const store = await fresh.store()
    await filled(store, fresh.dialect)
    const text = await exported(store)
    const pretty = join(scratch, `pretty-${fresh.dialect}.json`)
    writeFileSync(pretty, JSON.stringify(JSON.parse(text), null, 2))
    const target = await fresh.store()
    await importInto(target, pretty, { format: 'palaver' })
    assert.equal(await exported(target), text)
  })

  test('a broken record is refused with where it is, before anything is stored', async () => {
    const store = await fresh.store()
    await filled(store, fresh.dialect)
    const lines = (await exported(store)).split('\n')
    lines[3] = lines[3]!.replace(/"createdAt":"[^"]+"/, '"createdAt":"yesterday"')
    const file = join(scratch, `bad-${fresh.dialect}.json`)
    writeFileSync(file, lines.join('\n'))
    const target = await fresh.store()
    await assert.rejects(
      importInto(target, file, { format: 'palaver' }),
      /^SourceError: line 4: thread\.createdAt: must be an ISO time|line 4: thread\.comments\[\d+\]\.createdAt: must be an ISO time/,
    )
    assert.equal((await snapshot(target)).comments.length, 0)
  })
})

eachDialect('WXR export', (fresh) => {
  test('read back by the WXR importer, it gives the same threads, authors, bodies, statuses, kinds and replies', async () => {
    const source = await fresh.store()
    await filled(source, fresh.dialect)
    const wxr = await exported(source, 'wxr')
    const file = join(scratch, `export-${fresh.dialect}.wxr.xml`)
    writeFileSync(file, wxr)
    const target = await fresh.store()
    const summary = await importInto(target, file, { format: 'wxr' })
    assert.deepEqual(summary.skipped, [])

    /** A discussion as a reader and the owner see it, independent of ids and milliseconds. */
    const discussion = async (store: Store) => {
      const { threads, comments } = await snapshot(store)
      const byId = new Map(comments.map((c) => [c.id, c]))
      const said = (c: (typeof comments)[number] | undefined) => (c ? `${c.author_name}|${c.created_at.slice(0, 19)}` : null)
      return {
        // WordPress has no empty posts: threads without comments are not in a WXR file.
        threads: threads.filter((t) => comments.some((c) => c.thread_key === t.key)).map((t) => [t.key, t.title, t.open]),
        comments: comments.map((c) => [
          c.thread_key,
          c.kind,
          c.status,
          c.author_name,
          c.author_email,
          c.author_url,
          c.author_key,
          c.body_html,
          c.created_at.slice(0, 19),
          c.ip_prefix,
          said(c.parent_id ? byId.get(c.parent_id) : undefined),
        ]),
      }
    }
    assert.deepEqual(await discussion(target), await discussion(source))
  })

  test('the WXR file is well-formed XML with one item per thread and WordPress fields', async () => {
    const store = await fresh.store()
    await filled(store, fresh.dialect)
    const { XMLParser, XMLValidator } = await import('fast-xml-parser')
    const wxr = await exported(store, 'wxr')
    assert.equal(XMLValidator.validate(wxr), true)
    const rss = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' }).parse(wxr).rss
    assert.equal(rss.channel['wp:wxr_version'], 1.2)
    const native = rss.channel.item.find((item: any) => item.link === 'https://new.example/native')
    assert.equal(native.title, 'Posted here')
    assert.equal(native['wp:comment'].length, 2)
    const [first, reply] = native['wp:comment']
    assert.equal(reply['wp:comment_parent'], first['wp:comment_id'])
    assert.equal(first['wp:comment_content']['#cdata'], 'Posted through the API.\n\nhttps://example.org')
  })
})

test('the JSON Schema in docs/ names exactly the fields and values the export writes', () => {
  const schema = JSON.parse(readFileSync(new URL('../../../docs/export.schema.json', import.meta.url), 'utf8'))
  const same = (documented: any, code: v.ObjectSchema<any, any> | v.StrictObjectSchema<any, any>, where: string) => {
    assert.deepEqual(Object.keys(documented.properties).sort(), Object.keys(code.entries).sort(), `${where}: properties`)
    assert.deepEqual([...documented.required].sort(), Object.keys(code.entries).sort(), `${where}: required`)
    assert.equal(documented.additionalProperties, false, `${where}: no other properties`)
  }
  same(
    {
      ...schema,
      properties: Object.fromEntries(Object.entries(schema.properties).filter(([k]) => k !== 'threads')),
      required: schema.required.filter((k: string) => k !== 'threads'),
    },
    exportHeader,
    'header',
  )
  same(schema.$defs.thread, exportedThread, 'thread')
  same(schema.$defs.comment, exportedComment, 'comment')
  same(schema.$defs.comment.properties.author, exportedComment.entries.author, 'author')
  assert.deepEqual(schema.$defs.comment.properties.kind.enum, exportedComment.entries.kind.options)
  assert.deepEqual(schema.$defs.comment.properties.status.enum, exportedComment.entries.status.options)
})
