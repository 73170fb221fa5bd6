/**
 * Group commit for SQLite. Its one connection runs one transaction at a time, and a commit
 * (writing the changed pages to the WAL) was a third of a post's database time. A change
 * does not start its transaction at once: it waits for the end of the event loop's I/O
 * phase (setImmediate), so the posts whose requests arrived in the same phase join it, and
 * all share one transaction. (Queries through better-sqlite3 are synchronous: a transaction
 * started at once runs to its end before the next request is even read, and nothing would
 * ever wait to join.) Each change runs in a SAVEPOINT of its own, so one that fails is
 * rolled back alone and the others still commit, in order, as if run one after another (a
 * later one sees what an earlier one wrote: the duplicate check still holds). Nobody's
 * promise settles before the COMMIT has succeeded, so an acknowledgement still means stored.
 * On an idle server the wait is one turn of the loop, microseconds.
 */
import type { ControlledTransaction, Kysely, Transaction } from 'kysely'

interface Queued<DB> {
  work: (tx: Transaction<DB>) => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
}

/** Enough to amortize the commit; few enough that one batch does not stall reads for long. */
const MAX_BATCH = 32

export function groupCommit<DB>(db: Kysely<DB>, maxBatch = MAX_BATCH): <T>(work: (tx: Transaction<DB>) => Promise<T>) => Promise<T> {
  const queue: Queued<DB>[] = []
  let draining = false

  const drain = async () => {
    try {
      while (queue.length > 0) await commitBatch(db, queue.splice(0, maxBatch))
    } finally {
      draining = false
    }
  }

  return <T>(work: (tx: Transaction<DB>) => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!draining) {
        draining = true
        setImmediate(drain)
      }
    })
}

async function commitBatch<DB>(db: Kysely<DB>, batch: Queued<DB>[]): Promise<void> {
  if (batch.length === 1) {
    const [only] = batch as [Queued<DB>]
    await db.transaction().execute(only.work).then(only.resolve, only.reject)
    return
  }
  let tx: ControlledTransaction<DB>
  try {
    tx = await db.startTransaction().execute()
  } catch (error) {
    for (const item of batch) item.reject(error)
    return
  }
  const succeeded: { item: Queued<DB>; value: unknown }[] = []
  try {
    for (const item of batch) {
      const inner = await tx.savepoint('change').execute()
      try {
        const value = await item.work(inner)
        await inner.releaseSavepoint('change').execute()
        succeeded.push({ item, value })
      } catch (error) {
        // Only this change's writes are undone; the transaction goes on with the next.
        await inner.rollbackToSavepoint('change').execute()
        await inner.releaseSavepoint('change').execute()
        item.reject(error)
      }
    }
    await tx.commit().execute()
  } catch (error) {
    // The transaction itself failed (a savepoint statement, the commit: disk full, I/O):
    // nothing of the batch is stored. Everyone hears so; a promise already rejected stays as it was.
    await tx
      .rollback()
      .execute()
      .catch(() => {})
    for (const item of batch) item.reject(error)
    return
  }
  for (const { item, value } of succeeded) item.resolve(value)
}
