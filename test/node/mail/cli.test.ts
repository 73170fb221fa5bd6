/**
 * Mail through the real `palaver serve` process, over HTTP, to a real SMTP server: the
 * flags and what the CLI refuses, the whole path from a held comment to the owner's mail to
 * its Approve link to the reader's reply notification and its one-click unsubscribe, and —
 * on PostgreSQL — two processes that send each mail once.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { POSTGRES_SELECTED, postgresDatabase } from '../server/helpers/dialects.js'
import { runCli, startServer, type Running } from '../server/helpers/process.js'
import { ANN, BOB, freePort, OWNER } from './helpers/harness.js'
import { commentOf, linksOf, rawHeader, SMTP_PASSWORD, TestSmtp } from './helpers/smtp.js'

const ORIGIN = 'https://blog.example'
const ADMIN = 'mail-cli-admin-token-0123456789'

/** A server with mail on, whose --public-url is its own address (links in mail lead back to it). */
async function mailServer(smtp: TestSmtp, database: string, extra: string[] = []): Promise<Running> {
  const port = await freePort()
  const args = [
    '--port',
    String(port),
    '--database',
    database,
    '--origin',
    ORIGIN,
    '--min-post-seconds',
    '0',
    // Write limits are shared by the processes on PostgreSQL; this test is about mail, not them.
    '--rate-burst',
    '0',
    '--admin-token',
    ADMIN,
    '--moderation',
    'all',
    '--public-url',
    `http://127.0.0.1:${port}`,
    '--mail-from',
    'Blog <comments@blog.example>',
    '--notify-owner',
    OWNER,
    ...extra,
  ]
  // The SMTP URL comes from the environment here, the way a password should. (The last
  // --port wins over startServer's --port 0.)
  return startServer(args, { PALAVER_SMTP_URL: smtp.url })
}

async function post(server: Running, thread: string, fields: Record<string, unknown>) {
  const list = await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)
  const { formToken } = ((await list.json()) as any).thread
  const res = await fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN },
    body: JSON.stringify({ thread, title: 'Over HTTP', parentId: null, body: 'Hello over HTTP.', page: `${ORIGIN}${thread}`, formToken, ...fields }),
  })
  const text = await res.text()
  assert.equal(res.status, 201, text)
  return JSON.parse(text).comment as { id: string; status: string }
}

describe('palaver serve with mail', () => {
  const folders: string[] = []
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  })
  const sqliteFile = () => {
    const folder = mkdtempSync(join(tmpdir(), 'palaver-mail-'))
    folders.push(folder)
    return join(folder, 'palaver.sqlite')
  }

  test('--help lists the mail flags and their environment twins', async () => {
    const { code, stdout } = await runCli(['--help'])
    assert.equal(code, 0)
    for (const [flag, env] of [
      ['--smtp-url', 'PALAVER_SMTP_URL'],
      ['--mail-from', 'PALAVER_MAIL_FROM'],
      ['--notify-owner', 'PALAVER_NOTIFY_OWNER'],
      ['--notify-owner-all', 'PALAVER_NOTIFY_OWNER_ALL'],
      ['--mail-link-expiry', 'PALAVER_MAIL_LINK_EXPIRY'],
    ]) {
      assert.match(stdout, new RegExp(`${flag} .*\\n.*\\[${env}\\]`), flag)
    }
  })

  test('mail needs --public-url and --mail-from; a bad value is refused; the SMTP password is never repeated', async () => {
    const url = `smtp://palaver:${SMTP_PASSWORD}@127.0.0.1:2525`
    const base = ['serve', '--database', sqliteFile()]
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [[...base, '--smtp-url', url, '--mail-from', 'a@blog.example'], {}, /--smtp-url needs --public-url/],
      [[...base, '--public-url', 'https://c.blog.example'], { PALAVER_SMTP_URL: url }, /PALAVER_SMTP_URL needs --mail-from/],
      [[...base, '--smtp-url', url, '--public-url', 'https://c.blog.example'], {}, /--smtp-url needs --mail-from/],
      [
        [...base, '--smtp-url', `https://palaver:${SMTP_PASSWORD}@mail.example`, '--public-url', 'https://c.blog.example', '--mail-from', 'a@blog.example'],
        {},
        /--smtp-url must look like smtp:\/\/user:password@host:587/,
      ],
      [[...base, '--notify-owner', 'not-an-address'], {}, /--notify-owner must be an email address/],
      [[...base, '--mail-from', 'Blog <nope>'], {}, /--mail-from must be an address/],
      [[...base, '--notify-owner-all', 'maybe'], {}, /--notify-owner-all is yes or no/],
      [[...base, '--mail-link-expiry', 'forever'], {}, /--mail-link-expiry takes a duration/],
    ]
    for (const [args, env, expected] of cases) {
      const { code, stdout, stderr } = await runCli(args, env)
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`)
      assert.match(stderr, expected)
      assert.ok(!stderr.includes(SMTP_PASSWORD) && !stdout.includes(SMTP_PASSWORD), stderr)
    }
  })

  test('without --smtp-url the server says mail is off and sends nothing', async () => {
    const server = await startServer([
      '--database',
      sqliteFile(),
      '--notify-owner',
      OWNER,
      '--origin',
      ORIGIN,
      '--min-post-seconds',
      '0',
      '--moderation',
      'all',
    ])
    try {
      assert.match(server.stdout(), /"msg":"mail: off \(no --smtp-url\)"/)
      const list = (await (await fetch(`${server.url}/api/v1/comments?thread=%2Foff`)).json()) as any
      assert.equal(list.thread.notifications, undefined)
      await post(server, '/off', { author: { ...ANN, url: '' }, notify: true })
    } finally {
      await server.stop()
    }
  })

  test('a held comment mails the owner; Approve works over HTTP; the reply then mails its subscriber, who unsubscribes in one click', async () => {
    const smtp = await TestSmtp.start()
    const server = await mailServer(smtp, sqliteFile())
    try {
      assert.match(server.stdout(), new RegExp(`mail: on, through smtp://\\*\\*\\*@127\\.0\\.0\\.1:${smtp.port}`))
      const thread = '/over-http'
      const ann = await post(server, thread, { author: { ...ANN, url: '' }, notify: true, lang: 'en' })
      assert.equal(ann.status, 'pending')

      const owner = await smtp.next(10_000)
      assert.deepEqual(owner.to, [OWNER])
      const approve = linksOf(owner.mail.text!).Approve!
      assert.ok(approve.startsWith(`${server.url}/mail/moderate/`), approve)

      const page = await fetch(approve)
      assert.equal(page.status, 200)
      assert.match(await page.text(), /<form method="post">/)
      const before = (await (await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as any
      assert.deepEqual(before.comments, [], 'the GET approved nothing')
      const done = await fetch(approve, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' })
      assert.equal(done.status, 200)
      assert.match(await done.text(), /The comment is approved\./)
      const listed = (await (await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as any
      assert.deepEqual(
        listed.comments.map((c: any) => c.id),
        [ann.id],
      )
      assert.equal((await fetch(approve, { method: 'POST' })).status, 410, 'once')

      // Bob answers; his reply is held, so Ann hears nothing until the owner approves it.
      const reply = await post(server, thread, { author: { ...BOB, url: '' }, parentId: ann.id, body: 'A reply over HTTP.' })
      const ownerAgain = await smtp.next(10_000)
      assert.deepEqual(ownerAgain.to, [OWNER], 'the owner first, about the held reply')
      const approveReply = await fetch(linksOf(ownerAgain.mail.text!).Approve!, { method: 'POST' })
      assert.equal(approveReply.status, 200)

      const toAnn = await smtp.next(10_000)
      assert.deepEqual(toAnn.to, [ANN.email])
      assert.ok(toAnn.mail.text!.includes(`${ORIGIN}${thread}#comment-${reply.id}`))
      const unsubscribe = rawHeader(toAnn.mail, 'List-Unsubscribe')!.replace(/^<|>$/g, '')
      const oneClick = await fetch(unsubscribe, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      })
      assert.equal(oneClick.status, 200)
      assert.match(await oneClick.text(), /You are unsubscribed\./)
      assert.equal(smtp.unseen().length, 0)
    } finally {
      await server.stop()
      await smtp.close()
    }
    const output = server.stdout() + server.stderr()
    assert.ok(!output.includes(SMTP_PASSWORD), 'the SMTP password is never printed')
    for (const address of [OWNER, ANN.email, BOB.email]) assert.ok(!output.includes(address), `${address} is not in the log`)
    assert.match(server.stdout(), /"msg":"stopped"/, 'the worker let the process stop')
  })

  if (POSTGRES_SELECTED) {
    test('two processes on one PostgreSQL database send each mail once', async () => {
      const database = await postgresDatabase()
      const smtp = await TestSmtp.start()
      const servers: Running[] = []
      try {
        servers.push(await mailServer(smtp, database.location))
        servers.push(await mailServer(smtp, database.location))
        const posted: string[] = []
        for (let i = 0; i < 12; i++) posted.push((await post(servers[i % 2]!, '/two-processes', { author: { ...ANN, url: '' }, body: `Held ${i}` })).id)
        for (let i = 0; i < 12; i++) await smtp.next(15_000)
        // Longer than the workers' poll (5 s): a second copy would have come by now.
        await new Promise((resolve) => setTimeout(resolve, 6000))
        const mailed = smtp.received.map((r) => commentOf(r.mail.text!))
        assert.equal(mailed.length, 12)
        assert.deepEqual([...mailed].sort(), [...posted].sort())
      } finally {
        await Promise.all(servers.map((s) => s.stop()))
        await smtp.close()
        await database.drop()
      }
    })
  }
})
