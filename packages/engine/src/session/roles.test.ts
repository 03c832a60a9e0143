// Roles through sessions: what golden scripts cannot show (they log in as postgres): login
// checks at session open, a non-superuser login, persistence of roles, memberships and owners
// across a restart, and the stored password verifier.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  builtinRoles,
  bypassesRls,
  parseScramVerifier,
  scramVerifier,
  verifiesPassword,
} from '../catalog/index.js'
import { openDatabase } from '../database.js'
import { MemoryVfs } from '../kernel/index.js'
import { fails, rows, run } from '../testing/session-assertions.js'

test('the built-in roles are those Supabase sets up', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  assert.deepEqual(
    builtinRoles.map((role) => role.name),
    ['postgres', 'anon', 'authenticated', 'service_role', 'authenticator'],
  )
  const expected = [
    ['anon', false, false],
    ['authenticated', false, false],
    ['service_role', false, false],
    ['authenticator', true, true],
  ]
  for (const [name] of expected) {
    // authenticator may switch to each of the three, without inheriting their privileges.
    assert.deepEqual(
      await rows(
        session,
        `SELECT pg_has_role('authenticator', '${name}', 'MEMBER'), pg_has_role('authenticator', '${name}', 'USAGE')`,
      ),
      name === 'authenticator' ? [[true, true]] : [[true, false]],
    )
  }
  const authenticator = database.createSession({ user: 'authenticator' })
  await run(authenticator, 'SET ROLE anon')
  assert.deepEqual(await rows(authenticator, 'SELECT current_user, session_user'), [
    ['anon', 'authenticator'],
  ])
  await run(authenticator, 'SET ROLE service_role')
  await fails(authenticator, 'SET ROLE postgres', '42501')
  authenticator.close()
  const serviceRole = builtinRoles.find((role) => role.name === 'service_role')
  const anon = builtinRoles.find((role) => role.name === 'anon')
  assert.ok(serviceRole !== undefined && anon !== undefined)
  assert.equal(bypassesRls(serviceRole), true)
  assert.equal(bypassesRls(anon), false)
  session.close()
  await database.close()
})

test('a session opens only as an existing role with LOGIN (28000)', async () => {
  const database = await openDatabase({ path: ':memory:' })
  assert.throws(() => database.createSession({ user: 'nobody' }), {
    code: '28000',
    message: 'role "nobody" does not exist',
  })
  assert.throws(() => database.createSession({ user: 'anon' }), {
    code: '28000',
    message: 'role "anon" is not permitted to log in',
  })
  const admin = database.createSession({ user: 'postgres' })
  await run(admin, 'CREATE ROLE alice LOGIN')
  const alice = database.createSession({ user: 'alice' })
  assert.deepEqual(await rows(alice, 'SELECT current_user, session_user'), [['alice', 'alice']])
  // Not a superuser: no SET SESSION AUTHORIZATION to another role, no SET ROLE outside its
  // memberships, no role management.
  await fails(alice, 'SET SESSION AUTHORIZATION postgres', '42501')
  await run(alice, 'SET SESSION AUTHORIZATION alice')
  await fails(alice, 'SET ROLE anon', '42501')
  await fails(alice, 'CREATE ROLE bob', '42501')
  await fails(alice, 'ALTER ROLE alice CREATEDB', '42501')
  await run(alice, "ALTER ROLE alice PASSWORD 'new one'")
  await fails(alice, "ALTER ROLE postgres PASSWORD 'x'", '42501')
  await fails(alice, "SELECT set_config('role', 'anon', false)", '42501')
  // The session user cannot be dropped while the session runs, by anyone in it.
  await run(admin, 'ALTER ROLE alice CREATEROLE')
  await fails(alice, 'DROP ROLE alice', '55006')
  await run(admin, 'ALTER ROLE alice NOLOGIN')
  assert.throws(() => database.createSession({ user: 'alice' }), { code: '28000' })
  alice.close()
  admin.close()
  await database.close()
})

test('a non-superuser with CREATEROLE manages non-superuser roles only', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const admin = database.createSession({ user: 'postgres' })
  await run(admin, 'CREATE ROLE manager LOGIN CREATEROLE')
  const manager = database.createSession({ user: 'manager' })
  await run(manager, 'CREATE ROLE staff')
  await run(manager, 'GRANT staff TO manager')
  await fails(manager, 'CREATE ROLE boss SUPERUSER', '42501')
  await fails(manager, 'CREATE ROLE replicator REPLICATION', '42501')
  await fails(manager, 'CREATE ROLE skipper BYPASSRLS', '42501')
  await fails(manager, 'GRANT postgres TO staff', '42501')
  await fails(manager, 'ALTER ROLE postgres NOLOGIN', '42501')
  await fails(manager, 'ALTER ROLE staff BYPASSRLS', '42501')
  await run(manager, 'ALTER ROLE staff LOGIN')
  await fails(manager, 'DROP ROLE postgres', '42501')
  await run(manager, 'REVOKE staff FROM manager')
  await run(manager, 'DROP ROLE staff')
  manager.close()
  admin.close()
  await database.close()
})

test('roles, memberships and owners survive a restart; rolled-back role DDL never happened', async () => {
  const vfs = new MemoryVfs()
  const first = await openDatabase({ path: 'roles', vfs })
  const session = first.createSession({ user: 'postgres' })
  await run(session, "CREATE ROLE app LOGIN PASSWORD 'pw' CONNECTION LIMIT 5")
  await run(session, 'CREATE ROLE readers')
  await run(session, 'GRANT readers TO app WITH ADMIN OPTION')
  await run(session, 'CREATE SCHEMA shop AUTHORIZATION app')
  await run(session, 'SET ROLE app; CREATE TABLE shop.items (id int); RESET ROLE')
  await run(session, 'DROP OWNED BY anon; DROP ROLE anon')
  await run(session, 'ALTER ROLE authenticated RENAME TO members')
  await run(session, 'BEGIN; CREATE ROLE ghost; GRANT readers TO ghost; ROLLBACK')
  session.close()
  await first.close()

  const second = await openDatabase({ path: 'roles', vfs })
  const again = second.createSession({ user: 'app' })
  assert.deepEqual(
    await rows(again, "SELECT current_user, pg_has_role('readers', 'MEMBER WITH ADMIN OPTION')"),
    [['app', true]],
  )
  await fails(again, 'SET ROLE ghost', '42704')
  await fails(again, 'SET ROLE anon', '42704')
  await fails(again, 'SET ROLE authenticated', '42704')
  const admin = second.createSession({ user: 'postgres' })
  // app still owns the schema and the table.
  await fails(admin, 'DROP ROLE app', '2BP01')
  assert.deepEqual(await rows(admin, "SELECT pg_has_role('authenticator', 'members', 'MEMBER')"), [
    [true],
  ])
  again.close()
  admin.close()
  await second.close()
})

test('passwords are stored as SCRAM-SHA-256 verifiers that check the password', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, "CREATE ROLE app LOGIN PASSWORD 'correct horse'")
  const given = scramVerifier('other', new Uint8Array(16).fill(7))
  await run(session, `CREATE ROLE copied LOGIN PASSWORD '${given}'`)
  await run(session, 'CREATE ROLE nopass LOGIN PASSWORD NULL')
  const login = database.findLogin('app') ?? assert.fail('app exists')
  assert.equal(login.canLogin, true)
  const verifier = login.verifier ?? assert.fail('app has a password')
  assert.match(
    verifier,
    /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*$/,
  )
  assert.equal(verifiesPassword(verifier, 'correct horse'), true)
  assert.equal(verifiesPassword(verifier, 'wrong'), false)
  assert.equal(parseScramVerifier(verifier)?.salt.length, 16)
  assert.equal(database.findLogin('copied')?.verifier, given)
  assert.equal(database.findLogin('nopass')?.verifier, undefined)
  assert.equal(database.findLogin('nobody'), undefined)
  session.close()
  await database.close()
})

test('membership honours INHERIT for privileges, not for SET ROLE', async () => {
  const database = await openDatabase({ path: ':memory:' })
  const session = database.createSession({ user: 'postgres' })
  await run(session, 'CREATE ROLE a; CREATE ROLE b NOINHERIT; CREATE ROLE c; CREATE ROLE d')
  await run(session, 'GRANT b TO a; GRANT c TO b; GRANT d TO c')
  const result = await rows(
    session,
    `SELECT pg_has_role('a', 'b', 'USAGE'), pg_has_role('a', 'c', 'USAGE'),
            pg_has_role('a', 'c', 'MEMBER'), pg_has_role('b', 'd', 'USAGE'),
            pg_has_role('c', 'd', 'USAGE')`,
  )
  assert.deepEqual(result, [[true, false, true, false, true]])
  session.close()
  await database.close()
})
