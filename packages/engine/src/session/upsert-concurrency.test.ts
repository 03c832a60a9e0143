// Concurrent upserts (INSERT ... ON CONFLICT) of the same keys from many sessions, interleaved
// at every await: under READ COMMITTED none fails and no increment is lost; under REPEATABLE
// READ some fail with 40001 (never 23505) and, retried as PostgreSQL advises, the total is exact.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import type { Session } from '../index.js'

const sessionsCount = 6
const rounds = 5

async function run(session: Session, sql: string): Promise<void> {
  const { error } = await session.execute(sql)
  if (error !== undefined) throw error
}

const increment = "INSERT INTO c VALUES ('x', 1) ON CONFLICT (k) DO UPDATE SET n = c.n + 1"
const once = "INSERT INTO c VALUES ('y', 1) ON CONFLICT DO NOTHING"

async function counts(session: Session): Promise<unknown[][]> {
  const { results, error } = await session.execute('SELECT k, n FROM c ORDER BY k')
  assert.equal(error, undefined)
  return results[0]?.rows.map((row) => [...row]) ?? []
}

/** A database with table c, one session to set up and check, and the competing sessions. */
async function openWithSessions() {
  const database = await openDatabase({ path: ':memory:' })
  const setup = database.createSession({ user: 'postgres' })
  await run(setup, 'CREATE TABLE c (k text PRIMARY KEY, n int)')
  const sessions = Array.from({ length: sessionsCount }, () =>
    database.createSession({ user: 'postgres' }),
  )
  return { database, setup, sessions }
}

test('READ COMMITTED: concurrent upserts never fail and never lose an update', async () => {
  const { database, setup, sessions } = await openWithSessions()
  await Promise.all(
    sessions.map(async (session) => {
      for (let round = 0; round < rounds; round++) {
        await run(session, 'BEGIN')
        await run(session, increment)
        await run(session, once)
        await run(session, 'COMMIT')
      }
    }),
  )
  assert.deepEqual(await counts(setup), [
    ['x', sessionsCount * rounds],
    ['y', 1],
  ])
  await database.close()
})

test('REPEATABLE READ: conflicts are 40001, never 23505; retried, no update is lost', async () => {
  const { database, setup, sessions } = await openWithSessions()
  let serializationFailures = 0
  await Promise.all(
    sessions.map(async (session) => {
      for (let round = 0; round < rounds; round++) {
        for (;;) {
          await run(session, 'BEGIN ISOLATION LEVEL REPEATABLE READ')
          await run(session, 'SELECT 1')
          const { error } = await session.execute(increment)
          if (error === undefined) {
            await run(session, 'COMMIT')
            break
          }
          assert.equal(error.code, '40001', error.message)
          serializationFailures++
          await run(session, 'ROLLBACK')
        }
      }
    }),
  )
  assert.ok(serializationFailures > 0, 'the sessions did overlap')
  assert.deepEqual(await counts(setup), [['x', sessionsCount * rounds]])
  await database.close()
})
