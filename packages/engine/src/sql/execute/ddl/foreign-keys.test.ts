// Foreign keys beyond the golden scripts: definitions survive a restart and are enforced after
// it; DEFERRABLE keys are checked at COMMIT (deferrable UNIQUE is 0A000); a cascade follows a long
// chain of references.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../../../database.js'
import { MemoryVfs } from '../../../kernel/index.js'
import type { Session } from '../../../session/session.js'

async function run(session: Session, sql: string): Promise<unknown[][]> {
  const { results, error } = await session.execute(sql)
  if (error !== undefined) throw error
  return results.at(-1)?.rows.map((row) => [...row]) ?? []
}

async function failure(session: Session, sql: string): Promise<{ code: string; message: string }> {
  const { error } = await session.execute(sql)
  assert.ok(error !== undefined, `${sql} fails`)
  return { code: error.code, message: error.message }
}

test('foreign keys survive a restart and are enforced after it', async () => {
  const vfs = new MemoryVfs()
  const options = { path: 'fk-test', vfs, checkpointIntervalMs: 0 }
  let database = await openDatabase(options)
  let session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE p (id int PRIMARY KEY)')
  await run(
    session,
    'CREATE TABLE c (id int PRIMARY KEY, p_id int CONSTRAINT to_p REFERENCES p ON DELETE CASCADE)',
  )
  await run(session, 'INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (10, 1), (20, 2)')
  session.close()
  await database.close()

  database = await openDatabase(options)
  session = database.createSession({ user: 'postgres' })
  const rejected = await failure(session, 'INSERT INTO c VALUES (30, 3)')
  assert.equal(rejected.code, '23503')
  assert.match(rejected.message, /foreign key constraint "to_p"/)
  await run(session, 'DELETE FROM p WHERE id = 1')
  assert.deepEqual(await run(session, 'SELECT id FROM c ORDER BY id'), [[20]])
  const drop = await failure(session, 'DROP TABLE p')
  assert.equal(drop.code, '2BP01')
  session.close()
  await database.close()
})

test('DEFERRABLE foreign keys are checked at COMMIT; MATCH PARTIAL and deferrable keys are 0A000', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE p (id int PRIMARY KEY)')
  for (const sql of [
    'CREATE TABLE c (x int REFERENCES p MATCH PARTIAL)',
    'CREATE TABLE u (x int UNIQUE DEFERRABLE)',
    'CREATE TABLE u (x int PRIMARY KEY INITIALLY DEFERRED)',
  ]) {
    assert.equal((await failure(session, sql)).code, '0A000', sql)
  }
  await run(session, 'CREATE TABLE c (x int REFERENCES p NOT DEFERRABLE INITIALLY IMMEDIATE)')
  assert.equal((await failure(session, 'INSERT INTO c VALUES (1)')).code, '23503')
  await run(session, 'CREATE TABLE d (x int, FOREIGN KEY (x) REFERENCES p INITIALLY DEFERRED)')
  await run(session, 'BEGIN; INSERT INTO d VALUES (1)')
  assert.equal((await failure(session, 'COMMIT')).code, '23503')
  await run(session, 'BEGIN; INSERT INTO d VALUES (2); INSERT INTO p VALUES (2); COMMIT')
  session.close()
  await database.close()
})

test('a cascade follows a long chain of self references', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE t (id int PRIMARY KEY, up int REFERENCES t ON DELETE CASCADE)')
  await run(session, 'INSERT INTO t SELECT g, nullif(g - 1, 0) FROM generate_series(1, 300) g')
  await run(session, 'DELETE FROM t WHERE id = 1')
  assert.deepEqual(await run(session, 'SELECT count(*) FROM t'), [[0n]])
  session.close()
  await database.close()
})
