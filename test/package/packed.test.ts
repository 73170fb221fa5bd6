/**
 * The package as a site owner gets it: `npm pack`, installed from the tarball into an empty
 * folder with no dev dependencies, then `npx palaver --help`, `npx palaver serve` on SQLite,
 * a comment posted over HTTP, and the widget loaded from the server. Needs a build first
 * (npm test builds before it); installs the dependencies from the npm registry or cache.
 */
import assert from 'node:assert/strict'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string
  exports: Record<string, unknown>
  dependencies: Record<string, string>
}
const dir = mkdtempSync(join(tmpdir(), 'palaver-packed-'))
const app = join(dir, 'site')
const ORIGIN = 'https://blog.example'
const ADMIN = 'packed-admin-token-0123456789abc'

/** Only what the tarball declares: no dev dependencies, no tsx, nothing from this checkout. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !name.startsWith('PALAVER_') && name !== 'DATABASE_URL' && name !== 'NODE_OPTIONS'),
)

const npx = (args: string[]) => execFileSync('npx', ['--no-install', 'palaver', ...args], { cwd: app, env, encoding: 'utf8' })

let tarball = ''
let server: ChildProcess | null = null

before(
  () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'server', 'cli.js')), 'run npm run build first')
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' })) as { filename: string }[]
    tarball = join(dir, packed[0]!.filename)
    execFileSync('mkdir', ['-p', app])
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }))
    execFileSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: app, env, stdio: 'ignore' })
  },
  { timeout: 600_000 },
)

after(async () => {
  if (server && server.exitCode === null) {
    const exited = once(server, 'exit')
    server.kill('SIGTERM')
    await exited
  }
  rmSync(dir, { recursive: true, force: true })
})

describe('the packed package', () => {
  test('installs its runtime libraries as dependencies and no dev tools', () => {
    const installed = readdirSync(join(app, 'node_modules'))
    for (const name of ['hono', 'kysely', 'valibot', 'sanitize-html', 'pino', 'better-sqlite3']) assert.ok(installed.includes(name), name)
    for (const name of ['@hono', 'lit', 'dompurify']) assert.ok(installed.includes(name), name)
    for (const name of ['tsx', 'typescript', 'vite', '@web']) assert.ok(!installed.includes(name), `${name} is not installed`)
  })

  test('ships the builds, the licence and the demo, and no tests', () => {
    const root = join(app, 'node_modules', 'palaver')
    for (const file of [
      'dist/palaver.js',
      'dist/palaver-wordpress.js',
      'dist/palaver-memory.js',
      'dist/palaver-hydrate.js',
      'dist/palaver-purify.js',
      'dist/palaver-admin.js',
      'dist/palaver.mjs',
      'dist/locales/fr.js',
      'dist/locales/pt-BR.js',
      'dist/types/index.d.ts',
      'dist/server/cli.js',
      'dist/server/thread-shadow.js',
      'custom-elements.json',
      'LICENSE',
      'demo/index.html',
    ]) {
      assert.ok(existsSync(join(root, file)), file)
    }
    assert.ok(!existsSync(join(root, 'test')), 'no test folder')
    assert.match(readFileSync(join(root, 'LICENSE'), 'utf8'), /^MIT License/)
  })

  test("the script-tag builds start with V8's compile hint, so their functions compile off the main thread as they stream in", () => {
    const root = join(app, 'node_modules', 'palaver')
    for (const file of ['palaver.js', 'palaver-wordpress.js', 'palaver-memory.js', 'palaver-hydrate.js', 'palaver-purify.js', 'palaver-admin.js']) {
      assert.match(readFileSync(join(root, 'dist', file), 'utf8').slice(0, 40), /^\/\/# allFunctionsCalledOnLoad\n\(function\(/, file)
    }
  })

  test('every export resolves to a file in the package, types first', () => {
    const root = join(app, 'node_modules', 'palaver')
    const main = pkg.exports['.'] as Record<string, string>
    assert.deepEqual(Object.keys(main)[0], 'types', 'types come first')
    for (const [name, target] of Object.entries(pkg.exports)) {
      // A pattern export ("./locales/*.js") is checked with one file it matches.
      const files = (typeof target === 'string' ? [target] : Object.values(target as Record<string, string>)).map((file) => file.replace('*', 'fr'))
      for (const file of files) assert.ok(existsSync(join(root, file)), `${name} → ${file}`)
    }
    for (const name of ['./palaver.js', './palaver-wordpress.js', './palaver-memory.js', './locales/*.js', './custom-elements.json', './package.json'])
      assert.ok(name in pkg.exports, name)
  })

  test('npx palaver --help and --version run the compiled server without TypeScript', () => {
    assert.match(npx(['--help']), /Usage: palaver serve/)
    assert.equal(npx(['--version']).trim(), pkg.version)
  })

  test('npx palaver serve starts on SQLite, takes a comment over HTTP and serves the widget', async () => {
    // The bin npx runs, started directly so that SIGTERM reaches the server itself.
    server = spawn(
      join(app, 'node_modules', '.bin', 'palaver'),
      ['serve', '--port', '0', '--database', './comments.sqlite', '--origin', ORIGIN, '--min-post-seconds', '0', '--admin-token', ADMIN, '--demo'],
      {
        cwd: app,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let stdout = ''
    let stderr = ''
    server.stderr!.on('data', (chunk) => (stderr += chunk))
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${stderr}`)), 30_000)
      server!.stdout!.on('data', (chunk) => {
        stdout += chunk
        const match = /listening on (http:\/\/[^\s"]+)/.exec(stdout)
        if (match) {
          clearTimeout(timer)
          resolve(match[1]!)
        }
      })
      server!.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })

    assert.equal((await fetch(`${url}/healthz`)).status, 200)
    const thread = '/packed'
    const listed = (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as { thread: { formToken: string } }
    const res = await fetch(`${url}/api/v1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({
        thread,
        parentId: null,
        author: { name: 'Owner', email: 'owner@example.org', url: '' },
        body: 'From the packed package',
        formToken: listed.thread.formToken,
      }),
    })
    assert.equal(res.status, 201, await res.clone().text())
    const page = (await (await fetch(`${url}/api/v1/comments?thread=${encodeURIComponent(thread)}`)).json()) as { comments: { html: string }[] }
    assert.deepEqual(
      page.comments.map((c) => c.html),
      ['<p>From the packed package</p>'],
    )
    assert.ok(existsSync(join(app, 'comments.sqlite')), 'the SQLite file is in the site folder')

    const script = await fetch(`${url}/palaver.js`)
    assert.equal(script.status, 200)
    assert.match(script.headers.get('content-type') ?? '', /javascript/)
    const code = await script.text()
    assert.ok(code.includes('palaver-comments'), 'the widget build defines <palaver-comments>')
    assert.equal(code, readFileSync(join(app, 'node_modules', 'palaver', 'dist', 'palaver.js'), 'utf8'))
    // The languages it loads on demand, beside it.
    const french = await fetch(`${url}/locales/fr.js?v=${pkg.version}`)
    assert.equal(french.status, 200)
    assert.match(await french.text(), /Laisser un commentaire/)

    const demo = await fetch(`${url}/`)
    assert.equal(demo.status, 200, '--demo serves the shipped demo pages')
    assert.match(await demo.text(), /<palaver-comments|palaver/)
  })
})
