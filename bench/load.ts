/**
 * Write load against the real server on loopback, on SQLite and PostgreSQL: 1,000
 * comments posted by 50 concurrent clients over 20 threads, with 10 readers listing
 * threads in parallel. Afterwards every acknowledged (201) comment must be in the database
 * as acknowledged, every count exact, nothing twice. Reports throughput and p50/p99.
 * Run: npm run bench:load [-- --comments 1000 --clients 50 --threads 20 --readers 10]
 * Results are printed and written to bench/results/load.md; exits 1 on any problem.
 */
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { audit, loadOptions, onEachDialect, summary, writeLoad } from './write-load.js'

const options = loadOptions()

const rows: string[] = []
let failed = false
await onEachDialect(async (name, server, location) => {
  const result = await writeLoad(server, options)
  const problems = await audit(location, result.acked, { threads: options.threads, expectedTotal: result.acked.length }, await server.url())
  if (result.acked.length !== options.comments)
    problems.push(`${result.acked.length} of ${options.comments} acknowledged; refused: ${JSON.stringify(result.refused)}`)
  rows.push(summary(name, result))
  console.log(
    `${name}: ${result.acked.length} acknowledged in ${result.seconds.toFixed(1)} s, ${result.readMs.length} reads, ${result.networkFailures} network failures; audit: ${problems.length ? problems.slice(0, 10).join('; ') : 'all acknowledged comments stored once, counts exact'}`,
  )
  if (problems.length) failed = true
})

const report = `# Write load (${new Date().toISOString().slice(0, 10)})

\`npm run bench:load\`: ${options.comments} comments posted by ${options.clients} concurrent clients over ${options.threads} threads, ${options.readers} readers listing threads in parallel, one \`palaver serve\` process on loopback. Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}. Afterwards every acknowledged comment was in the database once, as acknowledged, and every count exact${failed ? ' — NOT on this run: see the output' : ''}.

| dialect | acknowledged | s | posts/s | post p50 ms | post p99 ms | reads | read p50 ms | read p99 ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`
console.log(report)
writeFileSync(new URL('./results/load.md', import.meta.url), report)
process.exit(failed ? 1 : 0)
