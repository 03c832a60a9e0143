// statement_timeout and cancel() through a Session: a statement that would run for minutes
// stops with 57014 once its timeout passes (the executor polls its deadline, so no timer has to
// run), in a join, an aggregate, a sort, a recursive CTE and a DML statement; a statement
// waiting for a row lock stops on timeout and on cancel(); the transaction is aborted as after
// any error and the session works afterwards. No assertion depends on how long anything took.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Database, openDatabase } from '../database.js'
import type { Session } from './session.js'

const timeoutMessage = 'canceling statement due to statement timeout'
const cancelMessage = 'canceling statement due to user request'

async function run(session: Session, sql: string): Promise<void> {
  const outcome = await session.execute(sql)
  assert.equal(outcome.error, undefined, `${sql}: ${outcome.error?.message}`)
}

async function failure(session: Session, sql: string): Promise<{ code: string; message: string }> {
  const outcome = await session.execute(sql)
  assert.ok(outcome.error !== undefined, `${sql} should fail`)
  return { code: outcome.error.code, message: outcome.error.message }
}

/** A database with `t` of 1,000 rows: t × t × t is a billion rows, minutes of work. */
async function setup(): Promise<{ database: Database; session: Session }> {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (n int primary key)')
  await run(
    session,
    'INSERT INTO t WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 1000) SELECT n FROM r',
  )
  return { database, session }
}

test('statement_timeout stops long statements with 57014; the session goes on', async () => {
  const { database, session } = await setup()
  await run(session, "SET statement_timeout = '50ms'")
  for (const sql of [
    'SELECT count(*) FROM t a, t b, t c',
    'SELECT count(*) FROM t a JOIN t b ON a.n % 7 = b.n % 7 JOIN t c ON b.n % 5 = c.n % 5',
    'SELECT a.n FROM t a, t b, t c ORDER BY 1 LIMIT 1',
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) FROM r',
    'INSERT INTO t SELECT a.n * 1000000 + b.n * 1000 + c.n FROM t a, t b, t c',
  ]) {
    assert.deepEqual(await failure(session, sql), { code: '57014', message: timeoutMessage }, sql)
  }
  // Nothing of the interrupted INSERT stays (its implicit transaction rolled back).
  await run(session, 'RESET statement_timeout')
  const count = await session.execute('SELECT count(*) FROM t')
  assert.deepEqual(count.results[0]?.rows, [[1000n]])
  await database.close()
})

test('a timeout inside a block aborts it; ROLLBACK TO a savepoint recovers it', async () => {
  const { database, session } = await setup()
  await run(session, 'BEGIN')
  await run(session, 'INSERT INTO t VALUES (-1)')
  await run(session, 'SAVEPOINT s')
  await run(session, "SET LOCAL statement_timeout = '20ms'")
  assert.equal((await failure(session, 'SELECT count(*) FROM t a, t b, t c')).code, '57014')
  assert.equal(session.transactionStatus, 'failed')
  assert.equal((await failure(session, 'SELECT 1')).code, '25P02')
  await run(session, 'ROLLBACK TO s')
  await run(session, 'SELECT count(*) FROM t')
  await run(session, 'COMMIT')
  const rows = await session.execute('SELECT n FROM t WHERE n < 0')
  assert.deepEqual(rows.results[0]?.rows, [[-1]])
  await database.close()
})

test('a statement waiting for a row lock times out, and is cancelled by cancel()', async () => {
  const { database, session } = await setup()
  const holder = database.createSession({ user: 'postgres' })
  await run(holder, 'BEGIN')
  await run(holder, 'SELECT * FROM t WHERE n = 1 FOR UPDATE')

  await run(session, "SET statement_timeout = '30ms'")
  assert.deepEqual(await failure(session, 'UPDATE t SET n = 0 WHERE n = 1'), {
    code: '57014',
    message: timeoutMessage,
  })
  await run(session, 'RESET statement_timeout')

  await run(session, 'BEGIN')
  const waiting = session.execute('UPDATE t SET n = 0 WHERE n = 1')
  // Let the update reach its wait, then cancel it from here (another async context).
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve))
  session.cancel()
  const outcome = await waiting
  assert.equal(outcome.error?.code, '57014')
  assert.equal(outcome.error?.message, cancelMessage)
  assert.equal(session.transactionStatus, 'failed')
  await run(session, 'ROLLBACK')

  // A cancel with nothing running is ignored, as in PostgreSQL.
  session.cancel()
  await run(holder, 'COMMIT')
  await run(session, 'UPDATE t SET n = 0 WHERE n = 1')
  await database.close()
})

test('cancel() between the statements of one call stops the rest of the call', async () => {
  const { database, session } = await setup()
  // The first statement runs long enough that the session yields before the second one; the
  // cancel request is queued behind it and seen when the session yields.
  const statements = Array.from({ length: 200 }, () => 'SELECT count(*) FROM t a, t b').join(';')
  const running = session.execute(statements)
  setImmediate(() => session.cancel())
  const outcome = await running
  assert.equal(outcome.error?.code, '57014')
  assert.equal(outcome.error?.message, cancelMessage)
  assert.ok(outcome.results.length < 200, 'the remaining statements did not run')
  await run(session, 'SELECT 1')
  await database.close()
})
