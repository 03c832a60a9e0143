// SQL functions survive a restart: their definitions (parameters with defaults, result, options,
// body as text or as parsed statements, comment) are catalog entries written in the DDL's
// transaction, and the OID counter moves past them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { MemoryVfs } from '../../../kernel/index.js'
import { rows, run } from '../../../testing/session-assertions.js'

test('SQL functions load back after a restart, dropped and rolled-back ones stay gone', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'functions', vfs, checkpointIntervalMs: 0 })
  const before = first.createSession({ user: 'postgres' })
  await run(before, 'CREATE SCHEMA app')
  await run(before, 'CREATE TABLE app.t (id int PRIMARY KEY, name text)')
  await run(before, "INSERT INTO app.t VALUES (1, 'one'), (2, 'two')")
  await run(
    before,
    `CREATE FUNCTION app.name_of(i int, fallback text DEFAULT 'none') RETURNS text
     LANGUAGE sql STABLE STRICT AS $$select coalesce((select name from app.t where id = i), fallback)$$`,
  )
  await run(
    before,
    'CREATE FUNCTION app.pairs(n int) RETURNS TABLE (i int, s text) LANGUAGE sql AS $$select g, g::text from generate_series(1, n) g$$',
  )
  await run(before, 'CREATE FUNCTION app.twice(x int) RETURNS int IMMUTABLE RETURN x * 2')
  await run(
    before,
    'CREATE FUNCTION app.total(VARIADIC v int[]) RETURNS bigint LANGUAGE sql AS $$select sum(x) from unnest(v) x$$',
  )
  await run(before, "COMMENT ON FUNCTION app.twice(int) IS 'doubles'")
  await run(before, 'CREATE FUNCTION gone() RETURNS int LANGUAGE sql AS $$select 1$$')
  await run(before, 'DROP FUNCTION gone')
  await run(before, 'BEGIN')
  await run(before, 'CREATE FUNCTION rolled_back() RETURNS int LANGUAGE sql AS $$select 1$$')
  await run(before, 'ROLLBACK')
  await first.close()

  const second = await openDatabase({ path: 'functions', vfs, checkpointIntervalMs: 0 })
  const after = second.createSession({ user: 'postgres' })
  assert.deepEqual(
    await rows(
      after,
      "SELECT app.name_of(2), app.name_of(3), app.name_of(fallback => '?', i => 9), app.name_of(NULL) IS NULL, app.twice(21), app.total(1, 2, 3)",
    ),
    [['two', 'none', '?', true, 42, 6n]],
  )
  assert.deepEqual(await rows(after, 'SELECT * FROM app.pairs(2)'), [
    [1, '1'],
    [2, '2'],
  ])
  for (const missing of ['SELECT gone()', 'SELECT rolled_back()']) {
    const outcome = await after.execute(missing)
    assert.equal(outcome.error?.code, '42883', missing)
  }
  // New objects get OIDs past the loaded functions: creating more does not collide.
  await run(after, 'CREATE FUNCTION app.more() RETURNS int LANGUAGE sql AS $$select 7$$')
  await run(after, 'CREATE TABLE app.u (a int)')
  assert.deepEqual(await rows(after, 'SELECT app.more()'), [[7]])
  await second.close()
})
