// The plan cache reuses a bound statement only while what it was bound against holds: the
// same catalog version (DDL, also a transaction's own uncommitted DDL), search_path, user and
// the settings literals are read with; clock literals are never frozen.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import type { Session } from './session.js'

async function rows(
  session: Session,
  sql: string,
  params?: readonly string[],
): Promise<unknown[][]> {
  const outcome = await session.execute(sql, params)
  if (outcome.error !== undefined) throw outcome.error
  return outcome.results.at(-1)?.rows.map((row) => [...row]) ?? []
}

test('a cached statement sees a table dropped and re-created with other columns', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await rows(session, 'CREATE TABLE t (a int)')
  await rows(session, 'INSERT INTO t VALUES (1)')
  assert.deepEqual(await rows(session, 'SELECT * FROM t'), [[1]])
  await rows(session, 'DROP TABLE t')
  await rows(session, 'CREATE TABLE t (b text, c int)')
  await rows(session, "INSERT INTO t VALUES ('x', 2)")
  assert.deepEqual(await rows(session, 'SELECT * FROM t'), [['x', 2]])
  await database.close()
})

test('uncommitted DDL of one transaction never leaks into another session through the cache', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const a = database.createSession({ user: 'postgres' })
  const b = database.createSession({ user: 'postgres' })
  await rows(a, 'CREATE TABLE t (a int)')
  await rows(a, 'INSERT INTO t VALUES (1)')
  await rows(a, 'BEGIN')
  await rows(a, 'DROP TABLE t')
  await rows(a, 'CREATE TABLE t (z text)')
  await rows(a, "INSERT INTO t VALUES ('private')")
  assert.deepEqual(await rows(a, 'SELECT * FROM t'), [['private']])
  assert.deepEqual(await rows(b, 'SELECT * FROM t'), [[1]])
  await rows(a, 'ROLLBACK')
  assert.deepEqual(await rows(a, 'SELECT * FROM t'), [[1]])
  await database.close()
})

test('search_path decides which table an unqualified name means, cached or not', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await rows(session, 'CREATE SCHEMA other')
  await rows(session, 'CREATE TABLE t (a int)')
  await rows(session, 'CREATE TABLE other.t (a int)')
  await rows(session, 'INSERT INTO t VALUES (1)')
  await rows(session, 'INSERT INTO other.t VALUES (2)')
  assert.deepEqual(await rows(session, 'SELECT a FROM t'), [[1]])
  await rows(session, 'SET search_path = other, public')
  assert.deepEqual(await rows(session, 'SELECT a FROM t'), [[2]])
  await rows(session, "SELECT set_config('search_path', 'public', false)")
  assert.deepEqual(await rows(session, 'SELECT a FROM t'), [[1]])
  await database.close()
})

test('literals are read with the current settings, and clock literals are read anew', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  const sql = "SELECT '01/02/2020'::date::text"
  assert.deepEqual(await rows(session, sql), [['2020-01-02']])
  await rows(session, "SET DateStyle = 'ISO, DMY'")
  assert.deepEqual(await rows(session, sql), [['2020-02-01']])
  const now = "SELECT 'now'::timestamptz::text"
  const [[first]] = (await rows(session, now)) as [[string]]
  await new Promise((resolve) => setTimeout(resolve, 5))
  const [[second]] = (await rows(session, now)) as [[string]]
  assert.notEqual(first, second)
  await database.close()
})

test('a repeated parameterised statement runs with the values of each call', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await rows(session, 'CREATE TABLE t (id int PRIMARY KEY, v text)')
  await rows(session, "INSERT INTO t VALUES (1, 'one'), (2, 'two')")
  for (const [id, v] of [
    ['1', 'one'],
    ['2', 'two'],
    ['3', undefined],
  ] as const) {
    const found = await rows(session, 'SELECT v FROM t WHERE id = $1', [id])
    assert.deepEqual(found, v === undefined ? [] : [[v]])
  }
  await database.close()
})
