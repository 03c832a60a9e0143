// The change feed at the engine's surface: committed row changes arrive in commit order with
// old and new rows; rolled-back transactions and catalog changes do not appear; a subscription
// resumes from a batch's LSN across a restart, replaying what committed after it.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../database.js'
import { MemoryVfs } from '../../kernel/index.js'
import type { ChangeBatch } from './row-changes.js'

async function run(
  session: { execute(sql: string): Promise<{ error: unknown }> },
  sql: string,
): Promise<void> {
  const { error } = await session.execute(sql)
  assert.equal(error, undefined, sql)
}

test('committed changes arrive in commit order with old and new rows', async () => {
  const database = await openDatabase({ path: ':memory:', checkpointIntervalMs: 0 })
  const batches: ChangeBatch[] = []
  const unsubscribe = database.subscribeChanges((batch) => batches.push(batch))
  const a = database.createSession({ user: 'postgres' })
  const b = database.createSession({ user: 'postgres' })
  await run(a, 'CREATE TABLE t (id int primary key, name text)')
  await run(a, "INSERT INTO t VALUES (1, 'one'), (2, 'two')")
  await run(b, "UPDATE t SET name = 'uno' WHERE id = 1")
  await run(a, 'BEGIN')
  await run(a, "INSERT INTO t VALUES (3, 'rolled back')")
  await run(a, 'ROLLBACK')
  await run(b, 'DELETE FROM t WHERE id = 2')
  unsubscribe()
  await run(a, "INSERT INTO t VALUES (4, 'after unsubscribe')")
  assert.deepEqual(
    batches.map((batch) => batch.changes.map((c) => [c.table, c.kind, c.oldRow, c.newRow])),
    [
      [
        ['t', 'insert', undefined, [1, 'one']],
        ['t', 'insert', undefined, [2, 'two']],
      ],
      [['t', 'update', [1, 'one'], [1, 'uno']]],
      [['t', 'delete', [2, 'two'], undefined]],
    ],
  )
  const lsns = batches.map((batch) => batch.lsn)
  assert.deepEqual(
    [...lsns].sort((x, y) => x - y),
    lsns,
    'commit order',
  )
  assert.ok(batches.every((batch) => batch.commitTime instanceof Date))
  await database.close()
})

test('INSERT ... ON CONFLICT DO UPDATE: the change feed shows an insert or an update, as plain DML', async () => {
  const database = await openDatabase({ path: ':memory:', checkpointIntervalMs: 0 })
  const batches: ChangeBatch[] = []
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (id int primary key, n int)')
  await run(session, 'INSERT INTO t VALUES (1, 1)')
  database.subscribeChanges((batch) => batches.push(batch))
  const upsert =
    'INSERT INTO t VALUES (1, 10), (2, 20) ON CONFLICT (id) DO UPDATE SET n = t.n + excluded.n'
  await run(session, upsert)
  await run(session, 'INSERT INTO t VALUES (2, 0) ON CONFLICT (id) DO NOTHING')
  await run(session, 'WITH d AS (DELETE FROM t WHERE id = 2 RETURNING *) SELECT * FROM d')
  assert.deepEqual(
    batches.map((batch) => batch.changes.map((c) => [c.kind, c.oldRow, c.newRow])),
    [
      [
        ['update', [1, 1], [1, 11]],
        ['insert', undefined, [2, 20]],
      ],
      [['delete', [2, 20], undefined]],
    ],
  )
  await database.close()
})

test('a subscription resumes from an LSN after a restart', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'resume', vfs, checkpointIntervalMs: 0 })
  const seen: ChangeBatch[] = []
  first.subscribeChanges((batch) => seen.push(batch))
  const session = first.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (id int primary key)')
  await run(session, 'INSERT INTO t VALUES (1)')
  await run(session, 'INSERT INTO t VALUES (2)')
  const resumeFrom = seen[0]?.lsn
  assert.ok(resumeFrom !== undefined)
  // Crash-like: no close (no checkpoint), reopen on the same files.
  const second = await openDatabase({ path: 'resume', vfs, checkpointIntervalMs: 0 })
  const replayed: ChangeBatch[] = []
  second.subscribeChanges((batch) => replayed.push(batch), { fromLsn: resumeFrom })
  assert.deepEqual(
    replayed.map((batch) => batch.changes.map((c) => c.newRow)),
    [[[2]]],
  )
  await run(second.createSession({ user: 'postgres' }), 'INSERT INTO t VALUES (3)')
  assert.deepEqual(replayed.at(-1)?.changes[0]?.newRow, [3])
  await second.close()
})
