/**
 * `palaver doctor URL` against real host pages (a small HTTP server on loopback) and a real
 * `palaver serve`: every check says ok when the set-up is right, and names the fix when not.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { cspAllows } from '../../../src/server/commands/doctor.js'
import { runCli, startServer, type Running } from './helpers/process.js'

const dir = mkdtempSync(join(tmpdir(), 'palaver-doctor-'))
let api: Running
let host: Server
let hostOrigin = ''
const pages = new Map<string, { html: string; csp?: string }>()

const page = (server: string, extra = '') => `<!doctype html><html><head>
<script src="${server}/palaver.js" defer></script>${extra}</head>
<body><article>Post</article><palaver-comments server="${server}" thread="/doctor-post"></palaver-comments></body></html>`

before(async () => {
  host = createServer((req, res) => {
    const found = pages.get(req.url ?? '')
    if (!found) return void res.writeHead(404).end('not here')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(found.csp ? { 'content-security-policy': found.csp } : {}) })
    res.end(found.html)
  })
  host.listen(0, '127.0.0.1')
  await once(host, 'listening')
  hostOrigin = `http://127.0.0.1:${(host.address() as { port: number }).port}`
  api = await startServer(['--database', join(dir, 'doctor.sqlite'), '--origin', hostOrigin])
})

after(async () => {
  await api?.stop()
  host?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function doctor(path: string) {
  const result = await runCli(['doctor', `${hostOrigin}${path}`])
  const lines = result.stdout.trimEnd().split('\n')
  const line = (check: string) => lines.find((l) => l.slice(6).startsWith(check)) ?? ''
  return { ...result, lines, line }
}

describe('palaver doctor', () => {
  test('a page set up right passes every check and exits 0', async () => {
    pages.set('/good.html', { html: page(api.url), csp: `default-src 'self'; script-src 'self' ${api.url}; connect-src ${api.url}` })
    const { code, lines, line } = await doctor('/good.html')
    assert.equal(code, 0, lines.join('\n'))
    for (const check of ['page', 'element', 'script', 'thread', 'server', 'origin', 'csp']) assert.match(line(check), /^ok /, check)
    assert.match(line('thread'), /"\/doctor-post"/)
    assert.match(line('tls'), /^warn/)
  })

  test('an origin the server does not allow is named with the exact flag to add', async () => {
    const other = await startServer(['--database', join(dir, 'other.sqlite')])
    try {
      pages.set('/wrong-origin.html', { html: page(other.url) })
      const { code, line } = await doctor('/wrong-origin.html')
      assert.equal(code, 1)
      assert.match(line('origin'), new RegExp(`^FAIL .*start the server with --origin ${hostOrigin.replace(/[.:/]/g, '\\$&')}`))
      assert.match(line('server'), /^ok /, 'the server itself is fine')
    } finally {
      await other.stop()
    }
  })

  test("a Content-Security-Policy that blocks the server's requests is reported with the directive", async () => {
    pages.set('/csp.html', { html: page(api.url), csp: `default-src 'self'; script-src 'self' ${api.url}` })
    const { code, line } = await doctor('/csp.html')
    assert.equal(code, 1)
    assert.match(line('csp'), /^FAIL .*connect-src does not allow/)
    // A <meta> policy counts too.
    pages.set('/csp-meta.html', { html: page(api.url, `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">`) })
    const meta = await doctor('/csp-meta.html')
    assert.match(meta.line('csp'), /^FAIL .*script-src does not allow/)
  })

  test('a page without the element or the script says what to paste', async () => {
    pages.set('/bare.html', { html: '<!doctype html><title>Bare</title><p>No comments here</p>' })
    const { code, line } = await doctor('/bare.html')
    assert.equal(code, 1)
    assert.match(line('element'), /^FAIL .*add <palaver-comments server=/)
    assert.match(line('script'), /^FAIL .*palaver\.js/)
  })

  test('a server that is down is told apart from a refused origin', async () => {
    pages.set('/down.html', { html: page('http://127.0.0.1:9') })
    const { code, line, lines } = await doctor('/down.html')
    assert.equal(code, 1)
    assert.match(line('server'), /^FAIL .*not reachable/)
    assert.ok(!lines.some((l) => l.includes(' origin ')), 'no origin verdict without a server')
  })

  test('a missing page and a bad address are one clear line each', async () => {
    assert.match((await doctor('/nope.html')).line('page'), /^FAIL .*answered 404/)
    const usage = await runCli(['doctor'])
    assert.equal(usage.code, 2)
    assert.match(usage.stderr, /^palaver: usage: palaver doctor/)
    const bad = await runCli(['doctor', 'ftp://x'])
    assert.equal(bad.code, 1)
    assert.match(bad.stdout, /^FAIL {2}page/)
  })
})

test('CSP source matching: self, schemes, hosts, wildcards and ports', () => {
  const pageUrl = new URL('https://blog.example/post')
  const target = new URL('https://comments.blog.example/api')
  assert.equal(cspAllows(["'self'"], target, pageUrl), false)
  assert.equal(cspAllows(["'self'"], new URL('https://blog.example/x'), pageUrl), true)
  assert.equal(cspAllows(['https:'], target, pageUrl), true)
  assert.equal(cspAllows(['*.blog.example'], target, pageUrl), true)
  assert.equal(cspAllows(['*.other.example'], target, pageUrl), false)
  assert.equal(cspAllows(['https://comments.blog.example'], target, pageUrl), true)
  assert.equal(cspAllows(['https://comments.blog.example:8443'], target, pageUrl), false)
  assert.equal(cspAllows(['comments.blog.example'], target, pageUrl), true)
  assert.equal(cspAllows(["'none'"], target, pageUrl), false)
  assert.equal(cspAllows(['*'], target, pageUrl), true)
})
