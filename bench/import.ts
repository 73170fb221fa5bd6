/**
 * Import speed and memory: a generated WordPress export with 100,000 comments (1,000
 * posts of 100 comments, a third of them replies, 300-character bodies with a link and
 * some HTML) imported into a fresh SQLite file and a fresh PostgreSQL database, timed,
 * with the process's peak resident memory and heap sampled every 20 ms. Flat memory means
 * the peak does not grow with the file: --comments 20000 against the default shows it.
 * Run: node --import tsx bench/import.ts [--comments 100000] [--per-post 100] [--sqlite-only]
 * Prints one line per dialect.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Store } from '../src/server/store.js'
import { importFile } from '../src/server/transfer/import.js'
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../test/node/server/helpers/dialects.js'

const { values } = parseArgs({
  options: { comments: { type: 'string', default: '100000' }, 'per-post': { type: 'string', default: '100' }, 'sqlite-only': { type: 'boolean' } },
})
const total = Number(values.comments)
const perPost = Number(values['per-post'])
const dir = mkdtempSync(join(tmpdir(), 'palaver-bench-import-'))
const file = join(dir, 'export.xml')

async function generate(): Promise<void> {
  const out = createWriteStream(file)
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link><wp:wxr_version>1.2</wp:wxr_version>
`)
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Größe, naïve — ünïcödé.'
  let id = 0
  for (let post = 1; id < total; post++) {
    await write(`<item><title>Post ${post}</title><link>https://bench.example/${post}/</link><wp:post_id>${post}</wp:post_id><wp:post_date_gmt>2020-01-01 00:00:00</wp:post_date_gmt><wp:comment_status>open</wp:comment_status><wp:post_type>post</wp:post_type><content:encoded><![CDATA[<p>${filler.repeat(10)}</p>]]></content:encoded>\n`)
    const first = id + 1
    for (let n = 0; n < perPost && id < total; n++) {
      id++
      const parent = n % 3 === 2 ? first + Math.floor((n - 1) / 2) : 0
      const seconds = String(n % 60).padStart(2, '0')
      await write(`<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[Reader ${id % 5000}]]></wp:comment_author><wp:comment_author_email>reader${id % 5000}@example.org</wp:comment_author_email><wp:comment_author_url>https://reader${id % 5000}.example/</wp:comment_author_url><wp:comment_author_IP>203.0.113.${id % 250}</wp:comment_author_IP><wp:comment_date_gmt>2020-01-${String(1 + (n % 28)).padStart(2, '0')} 10:${String(Math.floor(n / 60)).padStart(2, '0')}:${seconds}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment ${id}: <strong>${filler}</strong>\n\nSee https://example.org/${id} for more.]]></wp:comment_content><wp:comment_approved>${id % 50 === 0 ? '0' : '1'}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`)
    }
    await write('</item>\n')
  }
  await write('</channel></rss>\n')
  out.end()
  await once(out, 'finish')
}

async function measure(open: () => Promise<TestDatabase>) {
  const database = await open()
  const store = await Store.open(database.location)
  global.gc?.()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 20)
  const started = performance.now()
  const summary = await importFile(store.db, 'bench-secret-0123456789abcdefgh', file, { format: 'wxr', rules: [], dryRun: false })
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  const stored = Number((await store.db.selectFrom('comments').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  await store.close()
  await database.drop()
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0)
  console.log(
    `${database.name}: ${summary.imported.toLocaleString('en-US')} comments (${stored.toLocaleString('en-US')} stored) in ${seconds.toFixed(1)} s = ${Math.round(summary.imported / seconds).toLocaleString('en-US')} comments/s (both passes); peak RSS ${mib(peakRss)} MiB (${mib(base.rss)} before), peak heap ${mib(peakHeap)} MiB (${mib(base.heapUsed)} before)`,
  )
}

try {
  await generate()
  console.log(`generated ${total.toLocaleString('en-US')} comments in ${Math.ceil(total / perPost)} posts: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`)
  await measure(sqliteDatabase)
  if (!values['sqlite-only']) await measure(postgresDatabase)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
