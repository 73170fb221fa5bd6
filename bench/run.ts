/**
 * `npm run bench`: every benchmark, one after the other, on a fresh build; prints as it
 * goes and writes bench/results.md with the machine, browser and versions.
 *   1. bundle sizes (scripts/check-size.js: raw, gzip -9, brotli of every entry point)
 *   2. render benchmark in headless Chromium (bench/render.ts)
 *   3. Palaver beside Waline and Artalk in the same run, with ratios (bench/peers.ts)
 *   4. server benchmark with autocannon on SQLite and PostgreSQL (bench/server.ts)
 * Takes about 2–4 minutes on 2 cores (2 min 8 s measured on 2026-11-27).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'

function run(command: string, args: string[], allowFailure = false): string {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'] })
  process.stdout.write(result.stdout)
  if (result.status !== 0 && !allowFailure) {
    console.error(`bench: ${command} ${args.join(' ')} failed`)
    process.exit(1)
  }
  return result.stdout
}

const version = (pkg: string) => (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version

run('npm', ['run', 'build', '--silent'])
// The size check fails when over budget; the numbers are still worth recording.
const sizes = run('node', ['scripts/check-size.js'], true)
run('node', ['--import', 'tsx', 'bench/render.ts'])
run('node', ['--import', 'tsx', 'bench/peers.ts'])
run('node', ['--import', 'tsx', 'bench/server.ts', '--duration', '5'])
const chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim()

const report = `# Benchmark results

Recorded ${new Date().toISOString()} by \`npm run bench\`.

- Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB
- Node ${process.version}; ${chromium}
- lit ${version('lit')}, dompurify ${version('dompurify')}, nanostores ${version('nanostores')}, vite ${version('vite')}

## Bundle sizes

\`\`\`
${sizes.trim()}
\`\`\`

${readFileSync('bench/results/render.md', 'utf8').replace(/^# /m, '## ')}
${readFileSync('bench/results/peers.md', 'utf8').replace(/^# /m, '## ')}
${readFileSync('bench/results/server.md', 'utf8').replace(/^# /m, '## ')}
`
writeFileSync('bench/results.md', report)
console.log('\nbench: wrote bench/results.md')
