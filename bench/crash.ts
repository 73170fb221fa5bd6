/**
 * Crash under write load, on SQLite (WAL) and PostgreSQL: the load of bench/load.ts, and
 * the server is killed with SIGKILL twice in the middle of it (after 30 % and 70 % of the
 * comments were acknowledged) and started again on the same database. Clients whose
 * request died retry it with the same Idempotency-Key. Afterwards every comment that got
 * a 201 is there as acknowledged, every key made exactly one comment (nothing lost,
 * nothing twice), nothing is half-written, and the counts are exact.
 * Run: npm run bench:crash [-- --comments 1000 --clients 50 --threads 20 --readers 10]
 * Results are printed and written to bench/results/crash.md; exits 1 on any problem.
 */
import { writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { audit, loadOptions, onEachDialect, summary, writeLoad } from './write-load.js'

const options = loadOptions()
const KILL_AT = [0.3, 0.7].map((share) => Math.round(options.comments * share))

const rows: string[] = []
const notes: string[] = []
let failed = false
await onEachDialect(async (name, server, location) => {
  const kills: Promise<void>[] = []
  const killedAfter: number[] = []
  const result = await writeLoad(server, {
    ...options,
    onAck: (acked) => {
      if (KILL_AT.includes(acked) && !killedAfter.includes(acked)) {
        killedAfter.push(acked)
        kills.push(server.kill9())
      }
    },
  })
  await Promise.all(kills)
  const problems = await audit(location, result.acked, { threads: options.threads, expectedTotal: options.comments }, await server.url())
  if (result.acked.length !== options.comments)
    problems.push(`${result.acked.length} of ${options.comments} acknowledged; refused: ${JSON.stringify(result.refused)}`)
  if (killedAfter.length !== KILL_AT.length) problems.push(`killed ${killedAfter.length} times, not ${KILL_AT.length}`)
  rows.push(`${summary(name, result)} ${killedAfter.length} | ${result.networkFailures} |`)
  const line = `${name}: killed with SIGKILL after ${killedAfter.join(' and ')} acknowledgements; ${result.networkFailures} requests died with the process and were retried with their key; audit: ${problems.length ? problems.slice(0, 10).join('; ') : `all ${result.acked.length} acknowledged comments stored once, ${options.comments} keys → ${options.comments} comments, nothing half-written, counts exact`}`
  notes.push(`- ${line}`)
  console.log(line)
  if (problems.length) failed = true
})

const report = `# Crash under write load (${new Date().toISOString().slice(0, 10)})

\`npm run bench:crash\`: the load of \`npm run bench:load\` (${options.comments} comments, ${options.clients} clients, ${options.threads} threads, ${options.readers} readers); the server process is killed with SIGKILL after ${KILL_AT.join(' and ')} acknowledged comments and started again on the same database (SQLite in WAL mode with synchronous=NORMAL; PostgreSQL). A request that died with the process is retried with the same Idempotency-Key. Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}.

| dialect | acknowledged | s | posts/s | post p50 ms | post p99 ms | reads | read p50 ms | read p99 ms | kills | died, retried |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

${notes.join('\n')}
`
console.log(report)
writeFileSync(new URL('./results/crash.md', import.meta.url), report)
process.exit(failed ? 1 : 0)
