/**
 * `palaver serve` as a program: help, one-line failures, generated admin token, environment
 * twins, the --demo seed, and comments surviving a restart — through a real port.
 */
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { after, describe, test } from 'node:test'
import { runCli, startServer, type Running } from './helpers/process.js'

const dir = mkdtempSync(join(tmpdir(), 'palaver-cli-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function assertOneLine(stderr: string) {
  const lines = stderr.trimEnd().split('\n')
  assert.equal(lines.length, 1, `one line, got: ${stderr}`)
  assert.match(lines[0]!, /^palaver: /)
  assert.doesNotMatch(stderr, /\bat .+:\d+|Error:/)
}

async function listed(server: Running, thread: string) {
  return (await fetch(`${server.url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json() as Promise<any>
}

async function post(server: Running, thread: string, body: string, origin: string) {
  const formToken = (await listed(server, thread)).thread.formToken
  return fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ thread, parentId: null, author: { name: 'Cli', email: 'cli@example.org', url: '' }, body, formToken }),
  })
}

describe('palaver command line', () => {
  test('--help lists every option with its environment twin', async () => {
    const { code, stdout } = await runCli(['--help'])
    assert.equal(code, 0)
    for (const flag of [
      '--port',
      '--host',
      '--database',
      '--origin',
      '--admin-token',
      '--moderation',
      '--edit-window',
      '--min-post-seconds',
      '--require-email',
      '--max-body',
      '--max-request',
      '--secret',
      '--demo',
    ]) {
      assert.ok(stdout.includes(flag), flag)
    }
    for (const env of [
      'PALAVER_PORT',
      'PALAVER_HOST',
      'PALAVER_DATABASE',
      'DATABASE_URL',
      'PALAVER_ORIGINS',
      'PALAVER_ADMIN_TOKEN',
      'PALAVER_MODERATION',
      'PALAVER_EDIT_WINDOW',
      'PALAVER_MIN_POST_SECONDS',
    ]) {
      assert.ok(stdout.includes(env), env)
    }
  })

  test('a wrong option or value is one line on stderr and exit code 2', async () => {
    for (const args of [
      ['serve', '--bogus'],
      ['serve', '--moderation', 'sometimes'],
      ['serve', '--port', 'eighty'],
      ['serve', '--origin', 'blog.example'],
      ['launch'],
    ]) {
      const { code, stderr, stdout } = await runCli(args)
      assert.equal(code, 2, args.join(' '))
      assert.equal(stdout, '')
      assertOneLine(stderr)
    }
  })

  test('an unreachable database is one line on stderr and a non-zero exit', async () => {
    const { code, stderr } = await runCli(['serve', '--port', '0', '--database', 'postgres://nobody:hunter2@127.0.0.1:1/none'])
    assert.equal(code, 1)
    assertOneLine(stderr)
    assert.match(stderr, /cannot open the database/)
    assert.doesNotMatch(stderr, /hunter2/, 'the password is not printed')
  })

  test('without --admin-token one is generated, printed once, stored hashed, and works', async () => {
    const database = join(dir, 'admin.sqlite')
    const first = await startServer(['--database', database])
    const token = /admin token \(shown once, stored hashed\): (\S+)/.exec(first.stderr())?.[1]
    assert.ok(token, first.stderr())
    assert.ok(!first.stdout().includes(token), 'the token is not in the log')
    const res = await fetch(`${first.url}/api/v1/admin/comments`, { headers: { authorization: `Bearer ${token}` } })
    assert.equal(res.status, 200)
    await first.stop()
    const second = await startServer(['--database', database])
    try {
      assert.ok(!second.stdout().includes(token) && !second.stderr().includes(token), 'not printed again')
      assert.equal((await fetch(`${second.url}/api/v1/admin/comments`, { headers: { authorization: `Bearer ${token}` } })).status, 200)
    } finally {
      await second.stop()
    }
    assert.ok(!readFileSync(database).includes(token), 'the token itself is not in the database file')
  })

  test('environment twins configure the server and flags win over them', async () => {
    const server = await startServer(['--database', join(dir, 'env.sqlite'), '--moderation', 'none'], {
      PALAVER_ORIGINS: 'https://env.example,https://other.example',
      PALAVER_MIN_POST_SECONDS: '0',
      PALAVER_MODERATION: 'all',
    })
    try {
      const res = await post(server, '/env', 'From the environment', 'https://other.example')
      assert.equal(res.status, 201)
      assert.equal(((await res.json()) as any).comment.status, 'approved', '--moderation none beats PALAVER_MODERATION=all')
    } finally {
      await server.stop()
    }
  })

  test('comments survive a restart of the server on its SQLite file', async () => {
    const database = join(dir, 'restart.sqlite')
    const args = ['--database', database, '--min-post-seconds', '0', '--origin', 'https://blog.example']
    const first = await startServer(args)
    const res = await post(first, '/restart', 'Still here after a restart', 'https://blog.example')
    assert.equal(res.status, 201)
    await first.stop()
    const second = await startServer(args)
    try {
      const page = await listed(second, '/restart')
      assert.deepEqual(
        page.comments.map((c: any) => c.html),
        ['<p>Still here after a restart</p>'],
      )
    } finally {
      await second.stop()
    }
  })

  test('--demo seeds the demo threads into an empty database once and serves the demo folder', async () => {
    const seed = JSON.parse(readFileSync(new URL('../../../demo/data/threads.json', import.meta.url), 'utf8')) as { key: string; comments: unknown[] }[]
    const database = join(dir, 'demo.sqlite')
    const first = await startServer(['--demo', '--database', database])
    try {
      for (const thread of seed) assert.equal((await listed(first, thread.key)).thread.count, thread.comments.length, thread.key)
      const page = await listed(first, seed[0]!.key)
      assert.ok(page.comments.some((c: any) => c.kind === 'pingback') || seed.every((t: any) => t.comments.every((c: any) => c.kind !== 'pingback')))
      assert.equal((await fetch(`${first.url}/en.html`)).status, 200)
      assert.equal((await fetch(`${first.url}/data/threads.json`)).status, 404, 'the seed, with its example emails, is not served')
      assert.equal((await fetch(`${first.url}/../package.json`)).status, 404)
      assert.equal((await fetch(`${first.url}/%2e%2e/package.json`)).status, 404)
    } finally {
      await first.stop()
    }
    const second = await startServer(['--demo', '--database', database])
    try {
      assert.equal((await listed(second, seed[0]!.key)).thread.count, seed[0]!.comments.length, 'not seeded twice')
    } finally {
      await second.stop()
    }
  })

  test('--version and -v print the package version', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
    for (const flag of ['--version', '-v']) {
      const { code, stdout } = await runCli([flag])
      assert.equal(code, 0)
      assert.equal(stdout, `${version}\n`)
    }
  })

  test('a wrong environment variable is named as such, not as its flag', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PALAVER_PORT: 'eighty' }, /^palaver: PALAVER_PORT must be a whole number/],
      [{ PALAVER_MODERATION: 'sometimes' }, /^palaver: PALAVER_MODERATION is none, first or all/],
      [{ PALAVER_REQUIRE_EMAIL: 'maybe' }, /^palaver: PALAVER_REQUIRE_EMAIL is yes or no/],
      [{ PALAVER_ORIGINS: 'blog.example' }, /^palaver: PALAVER_ORIGINS must be scheme:\/\/host/],
      [{ DATABASE_URL: 'mysql://x/y' }, /^palaver: DATABASE_URL takes an SQLite file path/],
    ]
    for (const [env, expected] of cases) {
      const { code, stderr } = await runCli(['serve'], { PALAVER_PORT: '0', ...env })
      assert.equal(code, 2, JSON.stringify(env))
      assertOneLine(stderr)
      assert.match(stderr, expected)
    }
  })

  test('a database location that is neither an SQLite path nor postgres:// is refused before anything is created', async () => {
    const cwd = mkdtempSync(join(dir, 'db-url-'))
    for (const location of ['mysql://x/y', 'mongodb://localhost/palaver', 'redis://127.0.0.1']) {
      const { code, stderr } = await runCli(['serve', '--port', '0', '--database', location], {}, cwd)
      assert.equal(code, 2, location)
      assertOneLine(stderr)
      assert.match(stderr, /--database takes an SQLite file path \(\.\/palaver\.sqlite\) or a postgres:\/\/ URL/)
    }
    assert.deepEqual(readdirSync(cwd), [], 'no folder such as mysql: was created')
  })

  test('a file: URL names an SQLite file', async () => {
    const file = join(dir, 'file-url.sqlite')
    const server = await startServer(['--database', pathToFileURL(file).href])
    try {
      assert.match(server.stdout(), /\(sqlite /)
      assert.ok(existsSync(file), 'the SQLite file is where the URL points')
    } finally {
      await server.stop()
    }
  })

  test('a weak --admin-token or --secret is refused with the flag named', async () => {
    for (const [args, env, expected] of [
      [['--admin-token', 'a'], {}, /--admin-token must be at least 22 characters/],
      [['--secret', 'x'], {}, /--secret must be at least 22 characters/],
      [['--admin-token', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'], {}, /--admin-token must be at least 22/],
      [[], { PALAVER_SECRET: 'short-secret' }, /PALAVER_SECRET must be at least 22 characters/],
    ] as const) {
      const { code, stderr } = await runCli(['serve', '--port', '0', ...args], env)
      assert.equal(code, 2, String(expected))
      assertOneLine(stderr)
      assert.match(stderr, expected)
    }
  })

  test('the log is one JSON object per line on stdout', async () => {
    const server = await startServer(['--database', join(dir, 'log.sqlite')])
    await server.stop()
    const lines = server.stdout().trimEnd().split('\n')
    assert.ok(lines.length >= 3, server.stdout())
    for (const line of lines) {
      const entry = JSON.parse(line) as { level: string; time: string; msg: string }
      assert.ok(['info', 'warn', 'error'].includes(entry.level), line)
      assert.ok(!Number.isNaN(Date.parse(entry.time)), line)
      assert.equal(typeof entry.msg, 'string')
    }
    assert.ok(lines.some((line) => /listening on/.test(line)))
    assert.ok(
      lines.some((line) => /"msg":"stopped"/.test(line)),
      'the shutdown is logged',
    )
  })

  test('GET /healthz answers 200 while the database is reachable', async () => {
    const server = await startServer(['--database', join(dir, 'health.sqlite')])
    try {
      const res = await fetch(`${server.url}/healthz`)
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), { status: 'ok' })
      assert.equal(res.headers.get('cache-control'), 'no-store')
    } finally {
      await server.stop()
    }
  })

  test('SIGTERM lets a request in flight finish, ends event streams, and exits 0', async () => {
    const server = await startServer(['--database', join(dir, 'shutdown.sqlite'), '--min-post-seconds', '0', '--origin', 'https://blog.example'])
    const stream = await fetch(`${server.url}/api/v1/events?thread=%2Fshutdown`)
    assert.equal(stream.status, 200)
    const reader = stream.body!.getReader()
    await reader.read() // the stream is open
    const { formToken } = (await listed(server, '/shutdown')).thread
    const json = JSON.stringify({
      thread: '/shutdown',
      parentId: null,
      author: { name: 'Cli', email: 'cli@example.org', url: '' },
      body: 'Sent across the shutdown',
      formToken,
    })
    // A request whose body is still arriving when SIGTERM comes: the server must wait for it.
    let finishBody!: () => void
    const rest = new Promise<void>((resolve) => (finishBody = resolve))
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(json.slice(0, 20)))
        await rest
        controller.enqueue(new TextEncoder().encode(json.slice(20)))
        controller.close()
      },
    })
    const posting = fetch(`${server.url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://blog.example' },
      body,
      duplex: 'half',
    } as RequestInit)
    // Answered on a second connection, so the server has taken the first one by now.
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200)
    const exited = once(server.child, 'exit') as Promise<[number | null]>
    server.child.kill('SIGTERM')
    await new Promise((resolve) => server.child.stdout!.once('data', resolve)) // "SIGTERM: shutting down"
    finishBody()
    const res = await posting
    assert.equal(res.status, 201)
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }))
      if (done) break
    }
    const [code] = await exited
    assert.equal(code, 0)
    assert.ok(/SIGTERM: shutting down/.test(server.stdout()))
    const again = await startServer(['--database', join(dir, 'shutdown.sqlite')])
    try {
      assert.equal((await listed(again, '/shutdown')).thread.count, 1, 'the comment was stored')
    } finally {
      await again.stop()
    }
  })

  test('requests Node refuses itself (bad syntax, oversized headers) are answered as problem+json', async () => {
    const server = await startServer(['--database', join(dir, 'client-error.sqlite')])
    const { port } = new URL(server.url)
    const raw = async (request: string) => {
      const socket = connect(Number(port), '127.0.0.1')
      await once(socket, 'connect')
      socket.end(request)
      let text = ''
      for await (const chunk of socket) text += chunk
      return text
    }
    try {
      const broken = await raw('GARBAGE / NOT-HTTP\r\n\r\n')
      assert.match(broken, /^HTTP\/1\.1 400 Bad Request\r\n/)
      assert.match(broken, /content-type: application\/problem\+json/)
      assert.equal(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4)).status, 400)
      const huge = await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)
      assert.match(huge, /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
      assert.equal(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4)).kind, 'validation')
    } finally {
      await server.stop()
    }
  })
})
