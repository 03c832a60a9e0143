// pg_backend_pid and pg_cancel_backend through sessions: the pid is the session id (what pgwire
// reports in BackendKeyData); a cancel ends exactly the target's waiting statement with 57014;
// PostgreSQL's permission rules (42501) and an unknown pid (false).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import { rows, run } from '../testing/session-assertions.js'

test('pg_backend_pid is the session id; pg_cancel_backend cancels that session and no other', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const admin = database.createSession({ user: 'postgres' })
  const holder = database.createSession({ user: 'postgres' })
  const waiter = database.createSession({ user: 'postgres' })
  try {
    assert.deepEqual(await rows(admin, 'SELECT pg_backend_pid()'), [[admin.id]])
    assert.deepEqual(await rows(waiter, 'SELECT pg_backend_pid()'), [[waiter.id]])
    await run(admin, 'CREATE TABLE t (id int PRIMARY KEY, v int)')
    await run(admin, 'INSERT INTO t VALUES (1, 0)')
    await run(holder, 'BEGIN')
    await run(holder, 'UPDATE t SET v = 1 WHERE id = 1')
    // The waiter blocks on the holder's row lock until it is canceled.
    const waiting = waiter.execute('UPDATE t SET v = 2 WHERE id = 1')
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.deepEqual(await rows(admin, `SELECT pg_cancel_backend(${waiter.id})`), [[true]])
    const outcome = await waiting
    assert.equal(outcome.error?.code, '57014')
    assert.equal(outcome.error?.message, 'canceling statement due to user request')
    // The holder was not touched: its transaction commits.
    await run(holder, 'COMMIT')
    assert.deepEqual(await rows(admin, 'SELECT v FROM t'), [[1]])
    assert.deepEqual(await rows(admin, 'SELECT pg_cancel_backend(2147483647)'), [[false]])
  } finally {
    for (const session of [admin, holder, waiter]) session.close()
    await database.close()
  }
})

test("pg_cancel_backend follows PostgreSQL's permission rules", async () => {
  const database = await openDatabase({ path: ':memory:' })
  const admin = database.createSession({ user: 'postgres' })
  try {
    await run(admin, 'CREATE ROLE alice LOGIN')
    await run(admin, 'CREATE ROLE bob LOGIN')
    await run(admin, 'GRANT bob TO alice')
    const alice = database.createSession({ user: 'alice' })
    const bob = database.createSession({ user: 'bob' })
    const carol = database.createSession({ user: 'alice' })
    const fail = async (sql: string) => (await bob.execute(sql)).error
    // Not a superuser: a superuser's session is out of reach.
    assert.deepEqual([(await fail(`SELECT pg_cancel_backend(${admin.id})`))?.code], ['42501'])
    assert.equal(
      (await fail(`SELECT pg_cancel_backend(${admin.id})`))?.message,
      'must be a superuser to cancel superuser query',
    )
    // bob has no privileges of alice.
    assert.equal(
      (await fail(`SELECT pg_cancel_backend(${alice.id})`))?.message,
      'must be a member of the role whose query is being canceled or member of pg_signal_backend',
    )
    // alice has bob's privileges, and her own (nothing runs there: true, nothing canceled).
    assert.deepEqual(await rows(alice, `SELECT pg_cancel_backend(${bob.id})`), [[true]])
    assert.deepEqual(await rows(alice, `SELECT pg_cancel_backend(${carol.id})`), [[true]])
    for (const session of [alice, bob, carol]) session.close()
  } finally {
    admin.close()
    await database.close()
  }
})

test('pg_stat_activity lists the open sessions, their state and query, hiding other roles', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const admin = database.createSession({ user: 'postgres' })
  const worker = database.createSession({ user: 'postgres' })
  try {
    await run(admin, 'CREATE ROLE outsider LOGIN')
    await run(worker, "SET application_name = 'worker'")
    await run(worker, 'BEGIN')
    await run(worker, 'SELECT 42')
    const seen = await rows(
      admin,
      `SELECT pid, usename, application_name, state, query, backend_type, xact_start IS NOT NULL,
              backend_start <= now() FROM pg_stat_activity ORDER BY pid`,
    )
    assert.deepEqual(seen, [
      [
        admin.id,
        'postgres',
        '',
        'active',
        `SELECT pid, usename, application_name, state, query, backend_type, xact_start IS NOT NULL,
              backend_start <= now() FROM pg_stat_activity ORDER BY pid`,
        'client backend',
        true,
        true,
      ],
      [
        worker.id,
        'postgres',
        'worker',
        'idle in transaction',
        'SELECT 42',
        'client backend',
        true,
        true,
      ],
    ])
    await run(worker, 'COMMIT')
    const outsider = database.createSession({ user: 'outsider' })
    assert.deepEqual(
      await rows(outsider, `SELECT state, query FROM pg_stat_activity WHERE pid = ${worker.id}`),
      [[null, '<insufficient privilege>']],
    )
    assert.deepEqual(
      await rows(outsider, `SELECT state FROM pg_stat_activity WHERE pid = pg_backend_pid()`),
      [['active']],
    )
    outsider.close()
  } finally {
    admin.close()
    worker.close()
    await database.close()
  }
})
