// RETURNING, UPDATE ... FROM and DELETE ... USING through the session: statements repeated with
// new parameters (served from the plan cache after the first run) return the rows of each run,
// and a read-only transaction still refuses them (25006) however they return rows.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import type { Session } from './session.js'

async function result(
  session: Session,
  sql: string,
  params?: readonly string[],
): Promise<{ tag: string; columns: string[] | undefined; rows: unknown[][] }> {
  const outcome = await session.execute(sql, params)
  if (outcome.error !== undefined) throw outcome.error
  const last = outcome.results.at(-1)
  assert.ok(last !== undefined, sql)
  return {
    tag: last.commandTag,
    columns: last.columns?.map((column) => column.name),
    rows: last.rows.map((row) => [...row]),
  }
}

test('cached DML with RETURNING returns the rows of each execution', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await result(session, 'CREATE TABLE t (id int PRIMARY KEY, x int)')
  await result(session, 'CREATE TABLE j (k int, v int)')
  await result(session, 'INSERT INTO j VALUES (1, 10), (1, 11), (2, 20)')
  const insert = 'INSERT INTO t VALUES ($1, $2) RETURNING id, x * 2 AS twice'
  assert.deepEqual(await result(session, insert, ['1', '5']), {
    tag: 'INSERT 0 1',
    columns: ['id', 'twice'],
    rows: [[1, 10]],
  })
  assert.deepEqual((await result(session, insert, ['2', '7'])).rows, [[2, 14]])
  const update = 'UPDATE t SET x = t.x + j.v FROM j WHERE j.k = t.id AND t.id = $1 RETURNING t.x'
  for (const expected of [15, 25]) {
    // Two rows of j match id 1: the row still changes once per execution.
    assert.deepEqual(await result(session, update, ['1']), {
      tag: 'UPDATE 1',
      columns: ['x'],
      rows: [[expected]],
    })
  }
  const remove = 'DELETE FROM t USING j WHERE j.k = t.id AND j.v = $1 RETURNING t.id, j.v'
  assert.deepEqual((await result(session, remove, ['20'])).rows, [[2, 20]])
  assert.deepEqual(await result(session, remove, ['20']), {
    tag: 'DELETE 0',
    columns: ['id', 'v'],
    rows: [],
  })
  await database.close()
})

test('a read-only transaction refuses DML with RETURNING', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await result(session, 'CREATE TABLE t (id int PRIMARY KEY)')
  await result(session, 'BEGIN READ ONLY')
  for (const [sql, command] of [
    ['INSERT INTO t VALUES (1) RETURNING id', 'INSERT'],
    ['UPDATE t SET id = 2 FROM t AS u RETURNING t.id', 'UPDATE'],
    ['DELETE FROM t USING t AS u RETURNING u.id', 'DELETE'],
  ] as const) {
    await assert.rejects(result(session, sql), {
      code: '25006',
      message: `cannot execute ${command} in a read-only transaction`,
    })
    await result(session, 'ROLLBACK')
    await result(session, 'BEGIN READ ONLY')
  }
  await result(session, 'ROLLBACK')
  await database.close()
})
