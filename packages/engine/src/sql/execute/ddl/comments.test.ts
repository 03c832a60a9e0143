// Comments survive a restart: COMMENT ON stores them in the objects' definitions (a built-in
// schema's too), and TRUNCATE ... RESTART IDENTITY's restarted sequence loads back restarted.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { MemoryVfs } from '../../../kernel/index.js'
import { rows, run } from '../../../testing/session-assertions.js'

test('comments and a TRUNCATE RESTART IDENTITY load back after a restart', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'comments', vfs, checkpointIntervalMs: 0 })
  const before = first.createSession({ user: 'postgres' })
  await run(before, 'CREATE TABLE t (id serial PRIMARY KEY, b text)')
  await run(before, 'CREATE VIEW v AS SELECT * FROM t')
  await run(before, "INSERT INTO t (b) VALUES ('one'), ('two')")
  await run(before, "COMMENT ON TABLE t IS 'the table'")
  await run(before, "COMMENT ON COLUMN t.b IS 'the column'")
  await run(before, "COMMENT ON COLUMN v.b IS 'the view column'")
  await run(before, "COMMENT ON INDEX t_pkey IS 'the key'")
  await run(before, "COMMENT ON SEQUENCE t_id_seq IS 'the sequence'")
  await run(before, "COMMENT ON SCHEMA public IS 'the schema'")
  await run(before, 'TRUNCATE t RESTART IDENTITY')
  await first.close()

  const second = await openDatabase({ path: 'comments', vfs, checkpointIntervalMs: 0 })
  const after = second.createSession({ user: 'postgres' })
  assert.deepEqual(
    await rows(
      after,
      `SELECT obj_description('t'::regclass, 'pg_class'), col_description('t'::regclass, 2),
        col_description('v'::regclass, 2), obj_description('t_pkey'::regclass, 'pg_class'),
        obj_description('t_id_seq'::regclass, 'pg_class'), obj_description(2200, 'pg_namespace')`,
    ),
    [['the table', 'the column', 'the view column', 'the key', 'the sequence', 'the schema']],
  )
  assert.deepEqual(await rows(after, 'SELECT count(*) FROM t'), [[0n]])
  await run(after, "INSERT INTO t (b) VALUES ('three')")
  assert.deepEqual(await rows(after, 'SELECT id, b FROM t'), [[1, 'three']])
  await second.close()
})
