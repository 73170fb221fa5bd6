#!/usr/bin/env node
// Runs the Node-side tests with node:test: test/node (server contract, security, e2e)
// and the unit tests beside the server's modules (src/server/**/*.test.ts, as Hono lays
// out its middleware). Node 20's runner finds no tests when given a directory and still
// exits 0, so this lists the files itself and fails when none ran. Extra arguments
// filter by path.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
  stdio: ['inherit', 'pipe', 'inherit'],
  encoding: 'utf8',
})
process.stdout.write(result.stdout)
const passed = /^ℹ pass (\d+)/m.exec(result.stdout)
if (result.status === 0 && (!passed || Number(passed[1]) === 0)) {
  console.error('run-node-tests: no test ran')
  process.exit(1)
}
process.exit(result.status ?? 1)
