/**
 * `npm run bench`: every benchmark, one after the other, on a fresh build; prints as it
 * goes and writes bench/results.md with the machine, browser and versions.
 *   1. bundle sizes (scripts/check-size.js: raw, gzip -9, brotli of every entry point)
 *   2. render benchmark in headless Chromium (bench/render.ts)
 *   3. Palaver beside Waline and Artalk in the same run, with ratios (bench/peers.ts)
 *   4. server benchmark with autocannon on SQLite and PostgreSQL (bench/server.ts)
 *   5. the server's memory with 1,000 event streams and a one-minute soak (bench/server-memory.ts;
 *      the 10-minute soak of docs/performance.md is `npm run bench:memory`)
 * Takes about 10–12 minutes on 2 cores (its parts timed on 2026-12-03: the peers ~4, rendering
 * ~3–4, the server ~2.5, memory ~1.2; it was 2 min 8 s on 2026-11-27, before the peers).
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
run('node', ['--import', 'tsx', 'bench/server-memory.ts', '--minutes', '1'])
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
${readFileSync('bench/results/server-memory.md', 'utf8').replace(/^# /m, '## ')}
`
writeFileSync('bench/results.md', report)
console.log('\nbench: wrote bench/results.md')
