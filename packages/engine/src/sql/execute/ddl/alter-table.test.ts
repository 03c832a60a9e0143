// ALTER TABLE and CHECK constraints beyond the golden scripts: altered tables (new columns,
// a new primary key, CHECK constraints, renames) load back after a restart with their rows;
// what is refused (0A000 for subcommands of other features, 2BP01 while views read the table);
// tables with indexes and foreign keys: rollback and crash recovery of their DDL.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Database, openDatabase } from '../../../database.js'
import { MemoryVfs, SimulatedVfs, type Vfs } from '../../../kernel/index.js'
import { type Executor, fails, rows, run } from '../../../testing/session-assertions.js'

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
  await fails(session, 'ALTER TABLE t OWNER TO postgres, ADD COLUMN c int', '0A000')
  await fails(session, 'ALTER TABLE t ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY', '0A000')
  await fails(
    session,
    'ALTER TABLE t ENABLE ROW LEVEL SECURITY, ALTER COLUMN a ADD GENERATED ALWAYS AS IDENTITY',
    '0A000',
  )
  await run(session, 'CREATE VIEW v AS SELECT a FROM t')
  await fails(session, 'ALTER TABLE t ALTER COLUMN b TYPE bigint', '0A000')
  await fails(session, 'ALTER TABLE t DROP COLUMN b', '2BP01')
  await fails(session, 'ALTER TABLE t RENAME COLUMN b TO c', '2BP01')
  await run(session, 'DROP VIEW v')
  await run(session, 'ALTER TABLE t DROP COLUMN b')
  assert.deepEqual(await rows(session, 'SELECT * FROM t'), [])
  await database.close()
})

// --- Tables with indexes and foreign keys: index contents follow every change (read through
// the indexes and checked by uniqueness), a rollback restores definitions and entries, and the
// result survives a crash (recovery from the log alone).

/** Whether the plan of `sql` reads the named index (EXPLAIN), so its entries are what answer. */
async function usesIndex(session: Executor, sql: string, index: string): Promise<boolean> {
  const plan = await rows(session, `EXPLAIN ${sql}`)
  return plan.some((row) => String((row as unknown[])[0]).includes(index))
}

function open(vfs: Vfs, path = 'alter-indexes'): Promise<Database> {
  return openDatabase({ path, vfs, checkpointIntervalMs: 0 })
}

const setup = [
  'CREATE TABLE p (id int PRIMARY KEY, code text, n int)',
  'CREATE UNIQUE INDEX p_code_idx ON p (code)',
  'CREATE INDEX p_n_idx ON p (n)',
  "INSERT INTO p SELECT g, 'c' || g, g % 10 FROM generate_series(1, 200) AS g",
  'CREATE TABLE c (id int PRIMARY KEY, p_code text REFERENCES p (code) ON UPDATE CASCADE)',
  "INSERT INTO c VALUES (1, 'c1'), (2, 'c2')",
]

test('a rolled-back ALTER TABLE restores definitions and index entries', async () => {
  const database = await open(new MemoryVfs())
  const session = database.createSession({ user: 'postgres' })
  for (const sql of setup) await run(session, sql)
  await run(session, 'BEGIN')
  await run(session, 'ALTER TABLE p DROP COLUMN n')
  await run(session, 'ALTER TABLE p ADD COLUMN m int DEFAULT 1, ADD UNIQUE (id, m)')
  await run(session, 'ALTER TABLE p ALTER COLUMN id TYPE bigint')
  await run(session, 'ALTER TABLE p RENAME COLUMN code TO label')
  await run(session, 'ALTER TABLE c DROP CONSTRAINT c_p_code_fkey')
  await run(session, "DELETE FROM p WHERE label = 'c1'")
  await run(session, 'ROLLBACK')
  assert.deepEqual(await rows(session, "SELECT id, n FROM p WHERE code = 'c17'"), [[17, 7]])
  assert.ok(await usesIndex(session, "SELECT id FROM p WHERE code = 'c17'", 'p_code_idx'))
  assert.deepEqual(await rows(session, 'SELECT count(*) FROM p WHERE n = 3'), [[20n]])
  await fails(session, "INSERT INTO p VALUES (999, 'c5', 0)", '23505')
  await fails(session, "DELETE FROM p WHERE code = 'c1'", '23503')
  await fails(session, 'SELECT m FROM p', '42703')
  await database.close()
})

test('DDL on a table with indexes and foreign keys survives a crash', async () => {
  const vfs = new SimulatedVfs({ seed: 7 })
  const first = await open(vfs)
  const session = first.createSession({ user: 'postgres' })
  for (const sql of setup) await run(session, sql)
  await run(session, 'ALTER TABLE p DROP COLUMN n')
  await run(
    session,
    'ALTER TABLE p ADD COLUMN m int DEFAULT 1, ADD CONSTRAINT p_id_m UNIQUE (id, m)',
  )
  await run(session, 'ALTER TABLE p RENAME COLUMN code TO label')
  await run(session, 'ALTER TABLE p ALTER COLUMN id TYPE bigint')
  await run(session, 'ALTER INDEX p_code_idx RENAME TO p_label_idx')
  await run(session, 'CREATE TABLE d (x bigint, y int)')
  await run(session, 'INSERT INTO d VALUES (5, 1), (6, 1)')
  await run(session, 'ALTER TABLE d ADD FOREIGN KEY (x, y) REFERENCES p (id, m)')
  // A transaction cut off by the crash: its DDL and rows vanish.
  const cutOff = first.createSession({ user: 'postgres' })
  await run(cutOff, 'BEGIN')
  await run(cutOff, 'ALTER TABLE p DROP CONSTRAINT p_id_m CASCADE')
  await run(cutOff, 'ALTER TABLE p ADD COLUMN lost int, DROP COLUMN label CASCADE')
  vfs.crash()

  const second = await open(vfs)
  const after = second.createSession({ user: 'postgres' })
  assert.deepEqual(await rows(after, "SELECT id, m FROM p WHERE label = 'c17'"), [[17n, 1]])
  assert.ok(await usesIndex(after, "SELECT id FROM p WHERE label = 'c17'", 'p_label_idx'))
  await fails(after, 'SELECT n FROM p', '42703')
  await fails(after, 'SELECT lost FROM p', '42703')
  await fails(after, "INSERT INTO p VALUES (999, 'c5', 2)", '23505')
  await fails(after, 'INSERT INTO d VALUES (5, 2)', '23503')
  await fails(after, 'DELETE FROM p WHERE id = 6', '23503')
  await fails(after, 'DROP INDEX p_label_idx', '2BP01')
  await run(after, "UPDATE p SET label = 'renamed' WHERE id = 2")
  assert.deepEqual(await rows(after, 'SELECT p_code FROM c ORDER BY id'), [['c1'], ['renamed']])
  await second.close()
})
