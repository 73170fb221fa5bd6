/**
 * Runs the real CLI as a child process, for the tests that go through a port: the command
 * line itself, restarts, and several processes sharing PostgreSQL. It runs the source
 * (src/server/cli.ts through tsx), so the inner loop needs no build; the built bin
 * (bin/palaver.js → dist/server/cli.js) is tested from the packed tarball (test/package/).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

export const CLI = fileURLToPath(new URL('../../../../src/server/cli.ts', import.meta.url))
// Resolved here, so a child started in another folder (cwd) still finds tsx.
const RUN = ['--import', import.meta.resolve('tsx'), CLI]
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PALAVER_') && name !== 'DATABASE_URL'))

export interface Finished {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs to the end (for --help and failures). */
export async function runCli(args: string[], env: Record<string, string> = {}, cwd?: string): Promise<Finished> {
  const child = spawn(process.execPath, [...RUN, ...args], { env: { ...CLEAN_ENV, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // A command that should have failed but serves instead must not hang the suite.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  const [code] = (await once(child, 'exit')) as [number | null]
  clearTimeout(timer)
  return { code, stdout, stderr }
}

export interface Running {
  url: string
  child: ChildProcess
  stdout: () => string
  stderr: () => string
  stop(): Promise<void>
}

/** Starts `palaver serve --port 0 …` and resolves once it says where it listens. */
export async function startServer(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [...RUN, 'serve', '--port', '0', ...args], { env: { ...CLEAN_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 15_000)
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      const match = /listening on (http:\/\/\S+)/.exec(stdout)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}: ${stderr}`))
    })
  })
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    },
  }
}
