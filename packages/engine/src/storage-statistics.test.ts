// Database.storageStatistics and the checkpointWalBytes option: the counters /metrics reports,
// and a small WAL trigger checkpointing while a load runs (the torture uses one).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from './database.js'
import { MemoryVfs } from './kernel/index.js'
import { checkpointWalBytesMin } from './limits.js'

test('a small checkpointWalBytes checkpoints during a load; the statistics follow the log', async () => {
  const vfs = new MemoryVfs()
  const db = await openDatabase({
    path: 'stats',
    vfs,
    checkpointIntervalMs: 0,
    checkpointWalBytes: checkpointWalBytesMin,
  })
  try {
    const start = db.storageStatistics()
    assert.equal(start.checkpointsCompleted, 0, 'a new database replays nothing')
    const session = db.createSession({ user: 'postgres' })
    const run = async (sql: string, params?: readonly (string | number)[]) => {
      const outcome = await session.execute(sql, params)
      assert.equal(outcome.error, undefined)
    }
    await run('CREATE TABLE t (id int PRIMARY KEY, pad text)')
    for (let i = 0; i < 1000; i++) {
      await run('INSERT INTO t VALUES ($1, $2)', [i, 'x'.repeat(500)])
    }
    // Checkpoints run in the background: wait for the last one started to finish.
    for (let i = 0; i < 100 && db.storageStatistics().redoLsn === start.redoLsn; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const end = db.storageStatistics()
    assert.ok(end.walInsertLsn - start.walInsertLsn > 4 * checkpointWalBytesMin, 'the log grew')
    assert.ok(end.walFlushLsn <= end.walInsertLsn)
    assert.ok(end.walFlushLsn > start.walInsertLsn, 'commits made the log durable')
    assert.ok(end.checkpointsCompleted >= 2, `checkpoints: ${end.checkpointsCompleted}`)
    assert.ok(end.redoLsn > start.redoLsn, 'the redo point moved')
    assert.ok(end.walInsertLsn - end.redoLsn < 2 * checkpointWalBytesMin + 65536)
  } finally {
    await db.close()
  }
})

test('checkpointWalBytes below the minimum is refused', async () => {
  await assert.rejects(
    openDatabase({ path: ':memory:', checkpointWalBytes: checkpointWalBytesMin - 1 }),
    /checkpointWalBytes must be an integer of at least 65536/,
  )
})
