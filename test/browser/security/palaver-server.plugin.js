/**
 * A web-test-runner plugin that lets browser tests use the real reference server: it
 * starts `palaver serve` (bin/palaver.js, SQLite in a temp folder) on a fixed loopback
 * port with the test page's origin allowed, and offers commands to kill it with SIGKILL
 * and start it again on the same port and database. Browser side:
 * `executeServerCommand('palaver-server', { action: 'start' | 'kill' | 'restart' })`.
 * Another instance, with its own command name and extra `palaver serve` flags, runs a
 * server configured otherwise: `palaverServerPlugin({ command: 'x', args: ['--max-body', '50'] })`;
 * with `allowTestPage: false` it does not allow the test page's origin (a missing `--origin`).
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../../scripts/free-port.js'

const BIN = fileURLToPath(new URL('../../../bin/palaver.js', import.meta.url))

export function palaverServerPlugin({ command: name = 'palaver-server', args: extra = [], allowTestPage = true } = {}) {
  let origins = []
  let dir = null
  let port = 0
  let child = null

  async function start() {
    if (child) return
    dir ??= mkdtempSync(join(tmpdir(), 'palaver-wtr-'))
    port ||= await freePort()
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PALAVER_') && name !== 'DATABASE_URL'))
    const args = [
      BIN,
      'serve',
      '--port',
      String(port),
      '--database',
      join(dir, 'palaver.sqlite'),
      '--min-post-seconds',
      '0',
      '--rate-burst',
      '0',
      '--admin-token',
      'wtr-admin-token-0123456789',
    ]
    for (const origin of origins) args.push('--origin', origin)
    args.push(...extra)
    const started = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`palaver serve did not start: ${output}`)), 15_000)
      const listen = (chunk) => {
        output += chunk
        if (/listening on/.test(output)) {
          clearTimeout(timer)
          resolve()
        }
      }
      started.stdout.on('data', listen)
      started.stderr.on('data', (chunk) => (output += chunk))
      started.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`palaver serve exited with ${code}: ${output}`))
      })
    })
    child = started
  }

  async function kill() {
    if (!child) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    child = null
  }

  return {
    name,
    serverStart({ config }) {
      if (allowTestPage) origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`]
    },
    async serverStop() {
      await kill()
      if (dir) rmSync(dir, { recursive: true, force: true })
    },
    async executeCommand({ command, payload }) {
      if (command !== name) return undefined
      if (payload?.action === 'kill') await kill()
      else if (payload?.action === 'restart') {
        await kill()
        await start()
      } else await start()
      return { url: `http://127.0.0.1:${port}`, running: child !== null }
    },
  }
}
