// Row-level security through sessions: policy DDL (errors, owner checks, transactions,
// persistence across a restart, column renames, DROP COLUMN / DROP ROLE refusals), the bypass
// rules, row_security = off, and attacks, each named for what it tries. The matrix of visible
// rows per role and path, compared with PostgreSQL, is packages/server/src/pgwire/
// row-security.test.ts. Expected errors and messages were checked on PostgreSQL 15.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { openDatabase } from '../database.js'
import { MemoryVfs } from '../kernel/index.js'
import { fails, rows, run } from '../testing/session-assertions.js'
import type { Session } from './session.js'

const setup = [
  'CREATE ROLE alice',
  'CREATE ROLE bob',
  'CREATE TABLE t (id int PRIMARY KEY, owner text NOT NULL, secret text NOT NULL)',
  "INSERT INTO t VALUES (1, 'alice', 's1'), (2, 'bob', 's2')",
  'ALTER TABLE t ENABLE ROW LEVEL SECURITY',
  'CREATE POLICY own ON t USING (owner = current_user)',
  // Table privileges come first, as in PostgreSQL: policies only filter what a role may touch.
  'GRANT SELECT, INSERT, UPDATE, DELETE ON t TO alice, bob',
]

async function scenario(): Promise<{ session: Session; close: () => Promise<void> }> {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  for (const sql of setup) await run(session, sql)
  return {
    session,
    close: async () => {
      session.close()
      await database.close()
    },
  }
}

async function error(session: Session, sql: string): Promise<{ code: string; message: string }> {
  const outcome = await session.execute(sql)
  assert.ok(outcome.error !== undefined, `${sql} should fail`)
  return { code: outcome.error.code, message: outcome.error.message }
}

test('policy DDL errors are PostgreSQL’s', async () => {
  const { session, close } = await scenario()
  try {
    assert.deepEqual(await error(session, 'CREATE POLICY own ON t USING (true)'), {
      code: '42710',
      message: 'policy "own" for table "t" already exists',
    })
    await fails(session, 'CREATE POLICY q ON nosuch USING (true)', '42P01')
    assert.deepEqual(await error(session, 'CREATE POLICY q ON t FOR INSERT USING (true)'), {
      code: '42601',
      message: 'only WITH CHECK expression allowed for INSERT',
    })
    assert.deepEqual(await error(session, 'CREATE POLICY q ON t FOR SELECT WITH CHECK (true)'), {
      code: '42601',
      message: 'WITH CHECK cannot be applied to SELECT or DELETE',
    })
    await fails(session, 'CREATE POLICY q ON t TO nosuchrole USING (true)', '42704')
    await fails(session, 'CREATE POLICY q ON t USING (zz > 0)', '42703')
    assert.deepEqual(await error(session, 'CREATE POLICY q ON t USING (1)'), {
      code: '42804',
      message: 'argument of POLICY must be type boolean, not type integer',
    })
    assert.deepEqual(await error(session, 'CREATE POLICY q ON t USING (count(*) > 0)'), {
      code: '42803',
      message: 'aggregate functions are not allowed in policy expressions',
    })
    assert.deepEqual(await error(session, 'DROP POLICY nosuch ON t'), {
      code: '42704',
      message: 'policy "nosuch" for table "t" does not exist',
    })
    await run(session, 'DROP POLICY IF EXISTS nosuch ON t')
    const missing = await session.execute('DROP POLICY IF EXISTS p ON nosuch')
    assert.equal(missing.error, undefined)
    assert.deepEqual(
      missing.results[0]?.notices.map((notice) => notice.message),
      ['relation "nosuch" does not exist, skipping'],
    )
    assert.deepEqual(await error(session, 'SET row_security = maybe'), {
      code: '22023',
      message: 'parameter "row_security" requires a Boolean value',
    })
    await fails(session, 'ALTER POLICY nosuch ON t USING (true)', '42704')
    await fails(session, 'ALTER POLICY own ON t RENAME TO own', '42710')
    await run(session, 'ALTER POLICY own ON t RENAME TO mine')
    await run(session, 'ALTER POLICY mine ON t TO alice USING (owner = current_user)')
  } finally {
    await close()
  }
})

test('only the table owner changes policies and RLS flags (42501 must be owner)', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'ALTER TABLE t OWNER TO bob')
    await run(session, 'SET ROLE alice')
    for (const sql of [
      'CREATE POLICY z ON t USING (true)',
      'ALTER TABLE t DISABLE ROW LEVEL SECURITY',
      'ALTER POLICY own ON t RENAME TO z',
    ]) {
      assert.deepEqual(await error(session, sql), {
        code: '42501',
        message: 'must be owner of table t',
      })
    }
    assert.deepEqual(await error(session, 'DROP POLICY own ON t'), {
      code: '42501',
      message: 'must be owner of relation t',
    })
    await run(session, 'RESET ROLE')
    await run(session, 'SET ROLE bob')
    await run(session, 'CREATE POLICY z ON t USING (true)')
    await run(session, 'DROP POLICY z ON t')
  } finally {
    await close()
  }
})

test('policies are transactional, follow column renames, and hold DROP COLUMN and DROP ROLE', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'BEGIN')
    await run(session, 'CREATE POLICY rolled ON t TO alice USING (false)')
    await run(session, 'ROLLBACK')
    await fails(session, 'DROP POLICY rolled ON t', '42704')
    await run(session, 'ALTER TABLE t RENAME COLUMN owner TO who')
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await rows(session, 'SELECT id FROM t'), [[1]])
    await run(session, 'RESET ROLE')
    assert.deepEqual(await error(session, 'ALTER TABLE t DROP COLUMN who'), {
      code: '2BP01',
      message: 'cannot drop column who of table t because other objects depend on it',
    })
    await run(session, 'CREATE POLICY alices ON t TO alice USING (true)')
    assert.deepEqual(await error(session, 'DROP ROLE alice'), {
      code: '2BP01',
      message: 'role "alice" cannot be dropped because some objects depend on it',
    })
    await run(session, 'DROP POLICY alices ON t')
    // Her table privileges hold the role too, as in PostgreSQL.
    await run(session, 'REVOKE ALL ON t FROM alice')
    await run(session, 'DROP ROLE alice')
    await run(session, 'ALTER TABLE t DROP COLUMN who CASCADE')
    await run(session, 'SET ROLE bob')
    // The policy went with the column: RLS is on and no policy applies, so nothing is visible.
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[0n]])
  } finally {
    await close()
  }
})

test('policies and RLS flags survive a restart', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'rls', vfs })
  const session = first.createSession({ user: 'postgres' })
  for (const sql of setup) await run(session, sql)
  await run(session, 'ALTER TABLE t FORCE ROW LEVEL SECURITY')
  await run(session, "CREATE POLICY r ON t AS RESTRICTIVE FOR SELECT TO bob USING (secret <> 's2')")
  session.close()
  await first.close()
  const second = await openDatabase({ path: 'rls', vfs })
  const again = second.createSession({ user: 'postgres' })
  try {
    await run(again, 'SET ROLE alice')
    assert.deepEqual(await rows(again, 'SELECT id FROM t'), [[1]])
    await run(again, 'RESET ROLE')
    await run(again, 'SET ROLE bob')
    assert.deepEqual(await rows(again, 'SELECT id FROM t'), [])
  } finally {
    again.close()
    await second.close()
  }
})

test('bypass: superusers, BYPASSRLS roles, the owner unless FORCE', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'CREATE ROLE keeper')
    await run(session, 'ALTER TABLE t OWNER TO keeper')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[2n]])
    await run(session, 'SET ROLE service_role')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[2n]])
    await run(session, 'SET ROLE keeper')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[2n]])
    await run(session, 'ALTER TABLE t FORCE ROW LEVEL SECURITY')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[0n]])
    await run(session, 'ALTER TABLE t NO FORCE ROW LEVEL SECURITY')
    await run(session, 'SET ROLE anon')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[0n]])
    await run(session, 'RESET ROLE')
    await run(session, 'ALTER TABLE t DISABLE ROW LEVEL SECURITY')
    await run(session, 'SET ROLE anon')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[2n]])
  } finally {
    await close()
  }
})

test('row_security = off fails a query policies would filter, not one they do not', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'SET row_security = off')
    assert.deepEqual(await rows(session, 'SELECT count(*) FROM t'), [[2n]])
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await error(session, 'SELECT id FROM t'), {
      code: '42501',
      message: 'query would be affected by row-level security policy for table "t"',
    })
    await run(session, 'RESET row_security')
    assert.deepEqual(await rows(session, 'SELECT id FROM t'), [[1]])
  } finally {
    await close()
  }
})

test('attack: a leaky function in WHERE that errors on a hidden value sees no hidden row', async () => {
  const { session, close } = await scenario()
  try {
    // Fails (division by zero) exactly when it is given bob's secret.
    await run(
      session,
      `CREATE FUNCTION leak(text) RETURNS bool LANGUAGE sql
         AS $$ SELECT CASE WHEN $1 = 's2' THEN 1 / (length($1) - 2) = 1 ELSE true END $$`,
    )
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await rows(session, 'SELECT id FROM t WHERE leak(secret)'), [[1]])
    assert.deepEqual(await rows(session, 'SELECT id FROM t WHERE id = 2 AND leak(secret)'), [])
    assert.deepEqual(await rows(session, 'SELECT id FROM t WHERE leak(secret) OR id = 2'), [[1]])
    assert.deepEqual(
      await rows(session, 'SELECT x.id FROM t x JOIN t y ON leak(y.secret) AND x.id = y.id'),
      [[1]],
    )
    assert.deepEqual(await rows(session, 'SELECT id FROM (SELECT * FROM t) s WHERE leak(secret)'), [
      [1],
    ])
  } finally {
    await close()
  }
})

test('attack: an index on the filtered column does not let a user qual run before the policy', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'CREATE INDEX t_secret ON t (secret)')
    await run(session, 'SET ROLE alice')
    // A cast error would reveal bob's secret if the cast ran on his row.
    assert.deepEqual(await error(session, 'SELECT id FROM t WHERE secret::int = 1'), {
      code: '22P02',
      message: 'invalid input syntax for type integer: "s1"',
    })
    assert.deepEqual(await rows(session, "SELECT id FROM t WHERE secret = 's2'"), [])
  } finally {
    await close()
  }
})

test('attack: a policy USING (user_id = auth.uid()) still uses an index', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  try {
    await run(session, 'CREATE TABLE notes (id int PRIMARY KEY, user_id uuid, body text)')
    await run(session, 'CREATE INDEX notes_user ON notes (user_id)')
    await run(session, 'ALTER TABLE notes ENABLE ROW LEVEL SECURITY')
    await run(session, 'CREATE POLICY mine ON notes USING (user_id = auth.uid())')
    await run(session, 'SET ROLE authenticated')
    const plan = await rows(session, 'EXPLAIN SELECT body FROM notes')
    assert.match(plan.map((row) => String((row as unknown[])[0])).join('\n'), /Index/)
  } finally {
    session.close()
    await database.close()
  }
})

test('attack: error messages of checks do not show the hidden or rejected row', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'SET ROLE alice')
    const message = await error(session, "INSERT INTO t VALUES (3, 'bob', 'mine')")
    assert.deepEqual(message, {
      code: '42501',
      message: 'new row violates row-level security policy for table "t"',
    })
    const outcome = await session.execute("UPDATE t SET owner = 'bob' WHERE id = 1")
    assert.equal(outcome.error?.code, '42501')
    assert.equal(outcome.error?.detail, undefined)
  } finally {
    await close()
  }
})

test('attack: SET ROLE to a role not granted, as a non-superuser, is refused', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const admin = database.createSession({ user: 'postgres' })
  for (const sql of setup) await run(admin, sql)
  await run(admin, 'ALTER ROLE alice LOGIN')
  const session = database.createSession({ user: 'alice' })
  try {
    await fails(session, 'SET ROLE bob', '42501')
    await fails(session, 'SET ROLE service_role', '42501')
    await fails(session, 'SET SESSION AUTHORIZATION postgres', '42501')
    assert.deepEqual(await rows(session, 'SELECT id FROM t'), [[1]])
  } finally {
    session.close()
    admin.close()
    await database.close()
  }
})

test('attack: a view created by the reader does not lift its own policies', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'CREATE SCHEMA alice_space')
    await run(session, 'ALTER SCHEMA alice_space OWNER TO alice')
    await run(session, 'SET ROLE alice')
    await run(session, 'CREATE VIEW alice_space.everything AS SELECT * FROM public.t')
    assert.deepEqual(await rows(session, 'SELECT id FROM alice_space.everything'), [[1]])
    // Writing through it is checked as its owner too.
    await fails(session, "UPDATE alice_space.everything SET owner = 'bob'", '42501')
  } finally {
    await close()
  }
})

test('attack: aggregates and RETURNING reveal nothing of hidden rows', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await rows(session, 'SELECT count(*), max(secret) FROM t'), [[1n, 's1']])
    assert.deepEqual(await rows(session, 'UPDATE t SET secret = secret RETURNING secret'), [['s1']])
    assert.deepEqual(await rows(session, 'DELETE FROM t WHERE true RETURNING secret'), [['s1']])
  } finally {
    await close()
  }
})

test('attack: a policy reading its own table is infinite recursion (42P17), not a bypass', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'CREATE POLICY loop ON t USING ((SELECT count(*) FROM t) > 0)')
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await error(session, 'SELECT * FROM t'), {
      code: '42P17',
      message: 'infinite recursion detected in policy for relation "t"',
    })
  } finally {
    await close()
  }
})

test('attack: a restrictive policy whose function raises on hidden rows never sees them', async () => {
  const { session, close } = await scenario()
  try {
    // Raises (division by zero) on bob's row; permissive policies are evaluated first, so the
    // restrictive one only ever runs on rows they let through.
    await run(
      session,
      `CREATE FUNCTION picky(text) RETURNS bool LANGUAGE sql
         AS $$ SELECT CASE WHEN $1 = 's2' THEN 1 / (length($1) - 2) = 1 ELSE true END $$`,
    )
    await run(session, 'CREATE POLICY picky ON t AS RESTRICTIVE USING (picky(secret))')
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await rows(session, 'SELECT id FROM t'), [[1]])
    await run(session, 'RESET ROLE')
    await run(session, 'SET ROLE bob')
    await fails(session, 'SELECT id FROM t', '22012')
  } finally {
    await close()
  }
})

// COPY TO binds a SELECT over the table, which policies filter like any other.
test('COPY FROM into a table under policies is refused (0A000), as PostgreSQL', async () => {
  const { session, close } = await scenario()
  try {
    await run(session, 'SET ROLE alice')
    assert.deepEqual(await error(session, 'COPY t FROM STDIN'), {
      code: '0A000',
      message: 'COPY FROM not supported with row-level security',
    })
  } finally {
    await close()
  }
})
