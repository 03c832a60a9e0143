// Prepared statements and portals (prepared-statement.ts) as pgwire's extended protocol uses
// them: Describe's parameter types and columns, Execute with a row limit (suspension), the
// implicit transaction until Sync, portals dying with their transaction, a suspended portal
// keeping its snapshot, errors aborting blocks, re-binding after DDL, and the point-select fast
// path giving what execute() gives. Codes and wording as PostgreSQL 15's.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import { SqlError } from '../errors/index.js'
import type { Session } from './session.js'

async function setUp(rowCount = 5): Promise<{
  session: Session
  close: () => Promise<void>
  database: Awaited<ReturnType<typeof openDatabase>>
}> {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (id int PRIMARY KEY, k int, pad varchar(10))')
  for (let id = 1; id <= rowCount; id++) {
    await run(session, `INSERT INTO t VALUES (${id}, ${id * 10}, 'row ${id}')`)
  }
  return { session, database, close: () => database.close() }
}

async function run(session: Session, sql: string): Promise<unknown[][]> {
  const outcome = await session.execute(sql)
  if (outcome.error !== undefined) throw outcome.error
  return outcome.results.at(-1)?.rows.map((row) => [...row]) ?? []
}

async function rejectsWith(promise: Promise<unknown>, code: string, message?: string) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SqlError, String(error))
    assert.equal(error.code, code, error.message)
    if (message !== undefined) assert.equal(error.message, message)
    return true
  })
}

test('prepare describes parameter types and result columns with their table origin', async () => {
  const { session, database, close } = await setUp()
  const statement = await session.prepare('SELECT id, pad, k + $2 AS sum FROM t WHERE id = $1')
  assert.deepEqual(statement.paramTypes, [23, 23])
  assert.equal(statement.command, 'SELECT')
  const table = await run(session, "SELECT 't'::regclass::oid")
  const tableOid = Number(table[0]?.[0])
  assert.deepEqual(
    statement.columns?.map((c) => [c.name, c.typeOid, c.typeModifier, c.tableOid, c.columnNumber]),
    [
      ['id', 23, -1, tableOid, 1],
      ['pad', 1043, 14, tableOid, 3],
      ['sum', 23, -1, 0, 0],
    ],
  )
  const insert = await session.prepare('INSERT INTO t VALUES ($1, $2, $3)', {
    paramTypes: [20, 0],
  })
  assert.deepEqual(insert.paramTypes, [20, 23, 1043])
  assert.equal(insert.columns, undefined)
  assert.equal(insert.command, 'INSERT')
  const show = await session.prepare('SHOW TimeZone')
  assert.deepEqual(
    show.columns?.map((c) => c.name),
    ['TimeZone'],
  )
  void database
  await close()
})

test('parameters nothing types are 42P18; a typed one then misused is 42883; unknown OIDs 42704', async () => {
  const { session, close } = await setUp()
  await rejectsWith(
    session.prepare('SELECT $2::int'),
    '42P18',
    'could not determine data type of parameter $1',
  )
  await rejectsWith(session.prepare('SELECT 1 WHERE $1 IS NULL'), '42P18')
  await rejectsWith(session.prepare('SELECT * FROM t WHERE id = $1 AND pad = $1'), '42883')
  await session.prepare('SELECT $1::int, $1::text')
  await rejectsWith(session.prepare('SELECT $1', { paramTypes: [999_999] }), '42704')
  // A declared type fixes the parameter; unused declared ones are fine.
  const statement = await session.prepare('SELECT $1', { paramTypes: [25, 23] })
  assert.deepEqual(statement.paramTypes, [25, 23])
  await rejectsWith(session.prepare('SELECT 1; SELECT 2'), '42601')
  await close()
})

test('a SELECT portal suspends at maxRows and resumes where it stopped', async () => {
  const { session, close } = await setUp()
  const statement = await session.prepare('SELECT id FROM t ORDER BY id')
  const portal = await statement.bind([], { resultFormats: [1] })
  assert.deepEqual(portal.resultFormats, [1])
  const first = await portal.execute(2)
  assert.deepEqual(first.rows, [[1], [2]])
  assert.equal(first.isSuspended, true)
  const second = await portal.execute(2)
  assert.deepEqual(second.rows, [[3], [4]])
  assert.equal(second.isSuspended, true)
  const last = await portal.execute(2)
  assert.deepEqual(last.rows, [[5]])
  assert.equal(last.isSuspended, false)
  assert.equal(last.commandTag, 'SELECT 1')
  await session.sync()
  assert.equal(session.transactionStatus, 'idle')
  await close()
})

test('a portal dies with its transaction (34000 after sync)', async () => {
  const { session, close } = await setUp()
  const statement = await session.prepare('SELECT id FROM t ORDER BY id')
  const portal = await statement.bind([], { name: 'c1' })
  assert.equal((await portal.execute(1)).isSuspended, true)
  await session.sync()
  await rejectsWith(portal.execute(1), '34000', 'portal "c1" does not exist')
  await close()
})

test('statements run through portals stay in one implicit transaction until sync', async () => {
  const { session, database, close } = await setUp()
  const other = database.createSession({ user: 'postgres' })
  const insert = await session.prepare('INSERT INTO t VALUES ($1, 0, $2)')
  const result = await (await insert.bind(['6', 'six'])).execute()
  assert.equal(result.commandTag, 'INSERT 0 1')
  assert.equal(session.transactionStatus, 'idle')
  assert.deepEqual(await run(other, 'SELECT count(*) FROM t'), [[5n]])
  await session.sync()
  assert.deepEqual(await run(other, 'SELECT count(*) FROM t'), [[6n]])
  other.close()
  await close()
})

test('a suspended portal keeps its snapshot while later statements write', async () => {
  const { session, close } = await setUp()
  await run(session, 'BEGIN')
  const portal = await (await session.prepare('SELECT id FROM t ORDER BY id')).bind([])
  assert.deepEqual((await portal.execute(2)).rows, [[1], [2]])
  await run(session, 'INSERT INTO t VALUES (9, 90, NULL)')
  await run(session, 'DELETE FROM t WHERE id = 4')
  const rest = await portal.execute(0)
  assert.deepEqual(rest.rows, [[3], [4], [5]])
  assert.deepEqual(await run(session, 'SELECT id FROM t ORDER BY id'), [[1], [2], [3], [5], [9]])
  await run(session, 'COMMIT')
  await close()
})

test('rows of a statement run to completion come out in pieces; the tag counts each piece', async () => {
  const { session, close } = await setUp(0)
  const statement = await session.prepare(
    'INSERT INTO t SELECT g, g, NULL FROM generate_series(1, 5) AS g RETURNING id',
  )
  const portal = await statement.bind([])
  const first = await portal.execute(3)
  assert.deepEqual(first.rows, [[1], [2], [3]])
  assert.equal(first.isSuspended, true)
  const last = await portal.execute(3)
  assert.deepEqual(last.rows, [[4], [5]])
  assert.equal(last.isSuspended, false)
  assert.equal(last.commandTag, 'INSERT 0 2')
  await session.sync()
  assert.deepEqual(await run(session, 'SELECT count(*) FROM t'), [[5n]])
  await close()
})

test('an error in a block aborts it (25P02 on bind and prepare); an implicit one rolls back', async () => {
  const { session, close } = await setUp()
  const select = await session.prepare('SELECT k / $1 FROM t WHERE id = 1')
  await run(session, 'BEGIN')
  await rejectsWith(select.execute([0]), '22012')
  assert.equal(session.transactionStatus, 'failed')
  await rejectsWith(select.bind([1]), '25P02')
  await rejectsWith(session.prepare('SELECT 1'), '25P02')
  const rollback = await session.prepare('ROLLBACK')
  assert.equal((await rollback.execute()).commandTag, 'ROLLBACK')
  assert.equal(session.transactionStatus, 'idle')
  const insert = await session.prepare('INSERT INTO t VALUES ($1, 1, NULL)')
  await (await insert.bind([7])).execute()
  await rejectsWith((await insert.bind([7])).execute(), '23505')
  await session.sync()
  assert.deepEqual(await run(session, 'SELECT count(*) FROM t WHERE id = 7'), [[0n]])
  await close()
})

test('bind checks parameter counts, values and result formats', async () => {
  const { session, close } = await setUp()
  const statement = await session.prepare('SELECT id, k FROM t WHERE id = $1', { name: 'byid' })
  await rejectsWith(
    statement.bind([]),
    '08P01',
    'bind message supplies 0 parameters, but prepared statement "byid" requires 1',
  )
  await rejectsWith(statement.bind(['x']), '22P02')
  await rejectsWith(
    statement.bind([1], { resultFormats: [0, 1, 0] }),
    '08P01',
    'bind message has 3 result formats but query has 2 columns',
  )
  await rejectsWith(session.prepare('SELECT 1', { name: 'byid' }), '42P05')
  assert.equal(session.preparedStatement('byid'), statement)
  statement.close()
  assert.equal(session.preparedStatement('byid'), undefined)
  await rejectsWith(statement.bind([1]), '26000')
  await close()
})

test('DDL re-binds a prepared statement; a changed result type is 0A000', async () => {
  const { session, close } = await setUp()
  const star = await session.prepare('SELECT * FROM t WHERE id = $1')
  const narrow = await session.prepare('SELECT k FROM t WHERE id = $1')
  await run(session, 'ALTER TABLE t ADD COLUMN z int')
  await rejectsWith(star.execute([1]), '0A000', 'cached plan must not change result type')
  assert.deepEqual((await narrow.execute([1])).rows, [[10]])
  await run(session, 'DROP TABLE t')
  await rejectsWith(narrow.execute([1]), '42P01')
  await run(session, 'CREATE TABLE t (k int, id int PRIMARY KEY)')
  await run(session, 'INSERT INTO t VALUES (77, 1)')
  assert.deepEqual((await narrow.execute([1])).rows, [[77]])
  await close()
})

test('the point-select fast path answers as execute() does', async () => {
  const { session, close } = await setUp()
  const sql = 'SELECT pad, id FROM t WHERE id = $1'
  const statement = await session.prepare(sql)
  for (const id of [1, 3, 3, 99, null, 5, 2]) {
    const fast = await statement.execute([id])
    const slow = await session.execute(sql, [id])
    assert.equal(slow.error, undefined)
    assert.deepEqual(fast.rows, slow.results[0]?.rows)
    assert.equal(fast.commandTag, slow.results[0]?.commandTag)
    assert.deepEqual(fast.columns, slow.results[0]?.columns)
  }
  // Through a portal (pgwire's Bind, Execute, Sync) too.
  for (const id of [4, 98]) {
    const portal = await statement.bind([id])
    const piece = await portal.execute(1)
    assert.deepEqual(piece.rows, id === 4 ? [['row 4', 4]] : [])
    assert.equal(piece.isSuspended, id === 4)
    await session.sync()
  }
  // With a suspended portal open, the lookup waits for it to be drained (its snapshot kept).
  await run(session, 'BEGIN')
  const scan = await (await session.prepare('SELECT id FROM t ORDER BY id')).bind([])
  assert.deepEqual((await scan.execute(1)).rows, [[1]])
  await run(session, 'DELETE FROM t WHERE id = 5')
  assert.deepEqual((await statement.execute([5])).rows, [])
  assert.deepEqual((await scan.execute(0)).rows, [[2], [3], [4], [5]])
  await run(session, 'ROLLBACK')
  // Inside a block it sees the block's own writes.
  await run(session, 'BEGIN')
  await run(session, "UPDATE t SET pad = 'new' WHERE id = 2")
  assert.deepEqual((await statement.execute([2])).rows, [['new', 2]])
  await run(session, 'ROLLBACK')
  assert.deepEqual((await statement.execute([2])).rows, [['row 2', 2]])
  await close()
})
