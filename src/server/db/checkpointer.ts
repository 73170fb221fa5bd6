/**
 * SQLite's WAL checkpoints, off the event loop. By default the connection that commits
 * copies the WAL back into the database file itself, fsync included, inside whichever
 * commit crosses 1,000 pages: under a load of posts that was half of a commit's time (1,350
 * µs against 685 without) and a stall of the one thread every request waits on. So the
 * server's connection never checkpoints (wal_autocheckpoint = 0); a worker thread with a
 * connection of its own runs a PASSIVE checkpoint every CHECKPOINT_MS — it waits for
 * nobody and nobody waits for it, and what it copies is what was committed, so durability
 * is as before. Should the worker fail, the server's connection checkpoints again itself.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type BetterSqlite3 from 'better-sqlite3'

/** Often enough that the WAL stays a few MiB under a heavy write load; a checkpoint with nothing to copy costs microseconds. */
const CHECKPOINT_MS = 200
/** SQLite's own default, for the connection that takes checkpointing back. */
const AUTOCHECKPOINT_PAGES = 1000

/**
 * The worker's whole program (CommonJS, run with `eval`, so the build needs no file for it):
 * better-sqlite3 is required by the path the server resolved, wherever it was installed.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const SQLite = require(workerData.module)
const db = new SQLite(workerData.file)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  close(): Promise<void>
}

export function startCheckpointer(sqlite: BetterSqlite3.Database, file: string, everyMs = CHECKPOINT_MS): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0')
  let closed = false
  const module = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { module, file, everyMs } })
  // It must not keep the process alive, nor take it down.
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.once('error', (error) => {
    if (closed) return
    console.error(`palaver: the SQLite checkpoint thread stopped (${error.message}); the server's connection checkpoints itself again`)
    sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  })
  return {
    async close() {
      if (closed) return
      closed = true
      // Held again for its last moment, or a process with nothing else to do would exit first.
      worker.ref()
      worker.postMessage('close')
      await exited
    },
  }
}
