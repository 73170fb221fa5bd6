#!/usr/bin/env node
// Runs the Node-side tests with node:test: test/node (server contract, security, e2e)
// and the unit tests beside the server's modules (src/server/**/*.test.ts, as Hono lays
// out its middleware). Node 20's runner finds no tests when given a directory and still
// exits 0, so this lists the files itself and fails when none ran. Extra arguments
// filter by path.
//
// The files in ALONGSIDE spend their time waiting for the clock (an admin session's real
// minute), not working: they run in a second process beside the rest, which saves that
// minute of every CI run; everything else runs one file at a time.
import { spawn } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const ALONGSIDE = ['test/node/admin/expiry.test.ts']

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return walk(path)
    return entry.name.endsWith('.test.ts') ? [path] : []
  })
}

const filters = process.argv.slice(2)
const files = ['test/node', 'src/server']
  .flatMap(walk)
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
if (files.length === 0) {
  console.error('run-node-tests: no test files found under test/node or src/server')
  process.exit(1)
}

/** One node:test process over `group`; resolves with its exit status and what it printed. */
function run(group) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...group], {
      stdio: ['inherit', 'pipe', 'inherit'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.on('close', (status) => resolve({ status: status ?? 1, stdout }))
  })
}

const groups = [files.filter((f) => !ALONGSIDE.includes(f)), files.filter((f) => ALONGSIDE.includes(f))].filter((group) => group.length > 0)
const results = await Promise.all(groups.map(run))
let passed = 0
for (const result of results) {
  process.stdout.write(result.stdout)
  passed += Number(/^ℹ pass (\d+)/m.exec(result.stdout)?.[1] ?? 0)
}
const failed = results.find((result) => result.status !== 0)
if (failed) process.exit(failed.status)
if (passed === 0) {
  console.error('run-node-tests: no test ran')
  process.exit(1)
}
