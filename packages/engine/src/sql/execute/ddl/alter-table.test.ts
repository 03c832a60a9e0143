// ALTER TABLE and CHECK constraints beyond the golden scripts: altered tables (new columns,
// a new primary key, CHECK constraints, renames) load back after a restart with their rows;
// what is refused (0A000 for subcommands of other features, 2BP01 while views read the table).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { MemoryVfs } from '../../../kernel/index.js'
import type { ExecuteOutcome } from '../statement-result.js'

interface Executor {
  execute(sql: string): Promise<ExecuteOutcome>
}

async function run(session: Executor, sql: string): Promise<void> {
  const { error } = await session.execute(sql)
  assert.equal(error, undefined, sql)
}

async function fails(session: Executor, sql: string, code: string): Promise<void> {
  const { error } = await session.execute(sql)
  assert.equal(error?.code, code, sql)
}

async function rows(session: Executor, sql: string): Promise<readonly unknown[]> {
  const outcome = await session.execute(sql)
  assert.equal(outcome.error, undefined, sql)
  return outcome.results.at(-1)?.rows ?? []
}

test('altered tables and their CHECK constraints load back after a restart', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'alter', vfs, checkpointIntervalMs: 0 })
  const before = first.createSession({ user: 'postgres' })
  await run(before, 'CREATE TABLE t (a int, b text, CHECK (a < 100))')
  await run(before, "INSERT INTO t VALUES (1, 'one'), (2, 'two')")
  await run(
    before,
    "ALTER TABLE t ADD PRIMARY KEY (a), ADD COLUMN c int DEFAULT 5 CHECK (c > 0), ADD CONSTRAINT nv CHECK (b <> 'x') NOT VALID",
  )
  await run(before, 'ALTER TABLE t RENAME COLUMN b TO label')
  await run(before, 'ALTER TABLE t RENAME TO u')
  // Without its primary key, a table's rows are keyed by hidden row ids.
  await run(
    before,
    "CREATE TABLE k (s text PRIMARY KEY, n int); INSERT INTO k VALUES ('b', 1), ('a', 2)",
  )
  await run(before, "ALTER TABLE k DROP CONSTRAINT k_pkey; INSERT INTO k VALUES ('a', 3)")
  await first.close()

  const second = await openDatabase({ path: 'alter', vfs, checkpointIntervalMs: 0 })
  const after = second.createSession({ user: 'postgres' })
  assert.deepEqual(await rows(after, 'SELECT a, label, c FROM u ORDER BY a'), [
    [1, 'one', 5],
    [2, 'two', 5],
  ])
  await fails(after, "INSERT INTO u VALUES (1, 'dup', 1)", '23505')
  await fails(after, "INSERT INTO u VALUES (200, 'big', 1)", '23514')
  await fails(after, "INSERT INTO u VALUES (3, 'three', 0)", '23514')
  await fails(after, "INSERT INTO u VALUES (3, 'x', 1)", '23514')
  await run(after, "INSERT INTO u (a, label) VALUES (3, 'three')")
  assert.deepEqual(await rows(after, 'SELECT c FROM u WHERE a = 3'), [[5]])
  await run(after, 'ALTER TABLE u VALIDATE CONSTRAINT nv')
  await run(after, "INSERT INTO k VALUES ('a', 4)")
  assert.deepEqual(await rows(after, 'SELECT s, n FROM k ORDER BY n'), [
    ['b', 1],
    ['a', 2],
    ['a', 3],
    ['a', 4],
  ])
  await second.close()
})

test('subcommands of other features are refused with 0A000, dependent views with 2BP01', async () => {
  const database = await openDatabase({ path: 'refused', vfs: new MemoryVfs() })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (a int PRIMARY KEY, b int)')
  await fails(session, 'ALTER TABLE t OWNER TO postgres', '0A000')
  await fails(session, 'ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY', '0A000')
  await fails(session, 'ALTER TABLE t SET SCHEMA public', '0A000')
  await fails(session, 'ALTER TABLE t ADD UNIQUE (b)', '0A000')
  await fails(session, 'ALTER TABLE t ADD FOREIGN KEY (b) REFERENCES t (a)', '0A000')
  await fails(session, 'ALTER TABLE t ENABLE ROW LEVEL SECURITY', '0A000')
  await run(session, 'CREATE VIEW v AS SELECT a FROM t')
  await fails(session, 'ALTER TABLE t ALTER COLUMN b TYPE bigint', '0A000')
  await fails(session, 'ALTER TABLE t DROP COLUMN b', '2BP01')
  await fails(session, 'ALTER TABLE t RENAME COLUMN b TO c', '2BP01')
  await run(session, 'DROP VIEW v')
  await run(session, 'ALTER TABLE t DROP COLUMN b')
  assert.deepEqual(await rows(session, 'SELECT * FROM t'), [])
  await database.close()
})
