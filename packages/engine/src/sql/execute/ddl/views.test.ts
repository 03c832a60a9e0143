// Views survive a restart: the definition (query AST, columns, options, dependencies) is
// stored in the catalog and loads back; after reopening, the view reads its table, writes
// through it still check its option, and DROP still sees what depends on what.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { MemoryVfs } from '../../../kernel/index.js'
import { fails, rows, run } from '../../../testing/session-assertions.js'

test('views, their options and dependencies load back after a restart', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'views', vfs, checkpointIntervalMs: 0 })
  const before = first.createSession({ user: 'postgres' })
  await run(before, 'CREATE TABLE t (a int PRIMARY KEY, b text)')
  await run(before, "INSERT INTO t VALUES (1, 'one'), (2, 'two')")
  await run(before, 'CREATE VIEW big WITH (security_barrier) AS SELECT * FROM t WHERE a > 1')
  await run(before, 'CREATE VIEW big_checked AS SELECT a, b FROM big WITH CASCADED CHECK OPTION')
  await first.close()

  const second = await openDatabase({ path: 'views', vfs, checkpointIntervalMs: 0 })
  const after = second.createSession({ user: 'postgres' })
  assert.deepEqual(await rows(after, 'SELECT * FROM big_checked'), [[2, 'two']])
  await fails(after, "INSERT INTO big_checked VALUES (0, 'zero')", '44000')
  await run(after, "INSERT INTO big_checked VALUES (3, 'three')")
  assert.deepEqual(await rows(after, 'SELECT a FROM big ORDER BY a'), [[2], [3]])
  await fails(after, 'DROP TABLE t', '2BP01')
  await fails(after, 'DROP VIEW big', '2BP01')
  await run(after, 'DROP TABLE t CASCADE')
  await fails(after, 'SELECT * FROM big', '42P01')
  await second.close()
})
