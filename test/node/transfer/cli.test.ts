/**
 * `palaver import` and `palaver export` as programs (the real CLI in a child process), on
 * SQLite and PostgreSQL: summaries, progress lines, one-line failures with exit codes,
 * format detection, the secret the server would use, and export to stdout.
 */
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { avatarSeed } from '../../../src/server/tokens.js'
import { runCli } from '../server/helpers/process.js'
import { SECRET } from '../server/helpers/client.js'
import { bySource, DISQUS, eachDialect, issoDatabase, scratch, WXR } from './helpers.js'

function assertOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `one line, got: ${stderr}`)
  assert.match(lines[0]!, /^palaver: /)
  assert.match(lines[0]!, pattern)
  assert.doesNotMatch(stderr, /\bat .+:\d+|Error:/)
}

eachDialect('palaver import and export', (fresh) => {
  test('import prints progress on stderr and a summary with the skipped records; again, it changes nothing', async () => {
    await fresh.store()
    const database = ['--database', fresh.location(), '--secret', SECRET]
    const first = await runCli(['import', WXR, ...database])
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stderr, /^palaver: import: 100%, 11 comments read$/m, 'plain progress lines when not a terminal')
    for (const line of [
      'Imported:',
      'threads: 3 new, 0 already there',
      'comments: 11 (8 approved, 1 held, 1 spam, 1 removed)',
      'pingbacks, trackbacks and webmentions: 2 (1, 1, 0)',
      'already imported, left as they are: 0',
      'replies without their parent, imported at the top level: 1',
      'skipped: 2',
      '  - comment 110 (line 186): comment type "order_note" is not a comment',
      '  - comment 111 (line 200): no date',
    ]) {
      assert.ok(first.stdout.split('\n').includes(line), `${line}\nin:\n${first.stdout}`)
    }
    const again = await runCli(['import', WXR, ...database])
    assert.equal(again.code, 0)
    assert.match(again.stdout, /^comments: 0 /m)
    assert.match(again.stdout, /^already imported, left as they are: 11$/m)
  })

  test('the format is told from the file, and avatar seeds use the secret the server uses', async () => {
    const store = await fresh.store()
    for (const file of [DISQUS, issoDatabase(`cli-${fresh.dialect}.db`)]) {
      const run = await runCli(['import', file], { PALAVER_DATABASE: fresh.location(), PALAVER_SECRET: SECRET })
      assert.equal(run.code, 0, run.stderr)
    }
    const amelie = (await bySource(store, '/posts/first-post/')).get('disqus:5001')!
    assert.equal(amelie.author_key, avatarSeed(SECRET, 'amelie@example.fr'))
    assert.ok((await bySource(store, '/blog/isso-post/')).get('isso:1'))
  })

  test('--dry-run stores nothing', async () => {
    const store = await fresh.store()
    const run = await runCli(['import', WXR, '--dry-run', '--database', fresh.location()])
    assert.equal(run.code, 0, run.stderr)
    assert.match(run.stdout, /^Dry run: nothing was stored/)
    assert.equal((await store.db.selectFrom('comments').select('id').execute()).length, 0)
  })

  test('export writes the JSON to stdout and counts to stderr; --format wxr writes WordPress XML', async () => {
    await fresh.store()
    assert.equal((await runCli(['import', WXR, '--database', fresh.location()])).code, 0)
    const json = await runCli(['export', '--database', fresh.location()])
    assert.equal(json.code, 0, json.stderr)
    assert.equal(json.stderr, 'palaver: exported 3 threads, 11 comments\n')
    const document = JSON.parse(json.stdout)
    assert.equal(document.format, 'palaver-export')
    assert.equal(document.threads.length, 3)
    const wxr = await runCli(['export', '--format', 'wxr', '--site-url', 'https://new.example', '--thread', '/blog/2021/orphan/', '--database', fresh.location()])
    assert.equal(wxr.code, 0, wxr.stderr)
    assert.match(wxr.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>/)
    assert.match(wxr.stdout, /<link>https:\/\/new.example\/blog\/2021\/orphan\/<\/link>/)
    assert.equal(wxr.stdout.match(/<item>/g)?.length, 1)
  })
})

test('usage mistakes are one line and exit 2', async () => {
  for (const [args, pattern] of [
    [['import'], /import needs the FILE/],
    [['import', WXR, DISQUS], /unexpected argument/],
    [['import', WXR, '--format', 'csv'], /--format is wxr, disqus, isso, palaver/],
    [['import', WXR, '--map', 'no-equals-sign'], /--map takes FROM=TO/],
    [['import', WXR, '--bogus'], /unknown option --bogus/],
    [['export', '--format', 'csv'], /--format is palaver or wxr/],
    [['export', 'file.json'], /palaver export > FILE/],
    [['import', WXR, '--database', 'mysql://x/y'], /--database takes an SQLite file path/],
  ] as const) {
    const run = await runCli([...args])
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`)
    assertOneLine(run.stderr, pattern)
  }
})

test('a file that cannot be read, or is broken, is one line and exit 1', async () => {
  const database = join(scratch, 'cli-errors.sqlite')
  const broken = join(scratch, 'cli-broken.xml')
  writeFileSync(broken, readFileSync(WXR, 'utf8').slice(0, 5000))
  const notAnExport = join(scratch, 'cli-unknown.txt')
  writeFileSync(notAnExport, 'just text\n')
  for (const [file, pattern] of [
    [join(scratch, 'missing.xml'), /cannot read .*missing\.xml: ENOENT/],
    [broken, /not well-formed XML: cli-broken\.xml:\d+:\d+: /],
    [notAnExport, /cannot tell what .* is .*name it with --format/],
  ] as const) {
    const run = await runCli(['import', file, '--database', database])
    assert.equal(run.code, 1, `${file}: ${run.stderr}`)
    assertOneLine(run.stderr, pattern)
    assert.equal(run.stdout, '')
  }
})

test('export does not create a database that is not there', async () => {
  const run = await runCli(['export', '--database', join(scratch, 'typo.sqlite')])
  assert.equal(run.code, 1)
  assertOneLine(run.stderr, /no database at .*typo\.sqlite/)
})

test('--help names the commands; each command has its own help', async () => {
  const help = await runCli(['--help'])
  for (const command of ['palaver import FILE', 'palaver export', 'palaver gdpr export EMAIL', 'palaver gdpr erase EMAIL']) assert.ok(help.stdout.includes(command), command)
  for (const command of ['import', 'export']) {
    const run = await runCli([command, '--help'])
    assert.equal(run.code, 0)
    assert.match(run.stdout, new RegExp(`^Usage: palaver ${command}`))
  }
})
