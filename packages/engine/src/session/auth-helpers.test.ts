/**
 * Request identity: schema `auth` exists after open (also for a data directory created without
 * it), its helpers read `request.jwt.claims` (and the legacy per-claim settings) as Supabase's
 * do, and `WHERE owner = auth.uid()` is one evaluation per statement that can use an index.
 */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mock, test } from 'node:test'
import { openDatabase } from '../database.js'
import { fails, rows, run } from '../testing/session-assertions.js'
import { behaviourOf, sqlTypes } from '../types/index.js'
import { SessionSettings } from './settings.js'

const alice = '00000000-0000-0000-0000-00000000000a'
const claims = JSON.stringify({ sub: alice, role: 'authenticated', email: 'a@example.com' })

test('auth helpers read request.jwt.claims; a missing claim is NULL', async () => {
  const db = await openDatabase({ path: ':memory:' })
  const session = db.createSession({ user: 'postgres' })
  assert.deepEqual(
    await rows(session, 'SELECT auth.uid(), auth.role(), auth.email(), auth.jwt()'),
    [[null, null, null, null]],
  )
  await run(session, 'BEGIN')
  await run(session, `SELECT set_config('request.jwt.claims', '${claims}', true)`)
  assert.deepEqual(
    await rows(session, "SELECT auth.uid()::text, auth.role(), auth.email(), auth.jwt() ->> 'sub'"),
    [[alice, 'authenticated', 'a@example.com', alice]],
  )
  // The legacy per-claim setting wins over the claims document, as in Supabase.
  await run(session, "SET LOCAL request.jwt.claim.role = 'service_role'")
  assert.deepEqual(await rows(session, 'SELECT auth.role()'), [['service_role']])
  await run(session, 'COMMIT')
  // set_config(..., true) is transaction-local: gone after COMMIT.
  assert.deepEqual(await rows(session, 'SELECT auth.uid()'), [[null]])
  await run(session, `SET request.jwt.claims = '{"role": "anon"}'`)
  assert.deepEqual(await rows(session, 'SELECT auth.uid(), auth.email(), auth.role()'), [
    [null, null, 'anon'],
  ])
  await db.close()
})

test('claims that are not JSON fail like a bad jsonb cast (22P02)', async () => {
  const db = await openDatabase({ path: ':memory:' })
  const session = db.createSession({ user: 'postgres' })
  await run(session, "SET request.jwt.claims = '{not json'")
  await fails(session, 'SELECT auth.uid()', '22P02')
  await fails(session, 'SELECT auth.jwt()', '22P02')
  await db.close()
})

test('WHERE owner = auth.uid() is evaluated once per statement and uses an index', async () => {
  const db = await openDatabase({ path: ':memory:' })
  const session = db.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE notes (id int PRIMARY KEY, owner uuid, plain_owner uuid)')
  await run(session, 'CREATE INDEX notes_owner ON notes (owner)')
  await run(
    session,
    `INSERT INTO notes SELECT g, ('00000000-0000-0000-0000-00000000000' || (g % 10))::uuid,
       ('00000000-0000-0000-0000-00000000000' || (g % 10))::uuid FROM generate_series(1, 300) g`,
  )
  await run(session, `SET request.jwt.claims = '{"sub": "00000000-0000-0000-0000-000000000007"}'`)
  const plan = await rows(session, 'EXPLAIN SELECT id FROM notes WHERE owner = auth.uid()')
  assert.match(String(plan[0]), /^Index Scan using notes_owner on notes/)
  assert.match(String(plan[1]), /Index Cond: \(owner = /)

  // Without an index the filter runs per row, but the claims are read and parsed once.
  const settingsReads = mock.method(SessionSettings.prototype, 'find')
  const jsonbInputs = mock.method(behaviourOf(sqlTypes.jsonb), 'input')
  try {
    assert.deepEqual(
      await rows(session, 'SELECT count(*) FROM notes WHERE plain_owner = auth.uid()'),
      [[30n]],
    )
    const claimReads = settingsReads.mock.calls.filter(
      (call) => call.arguments[0] === 'request.jwt.claims',
    )
    // Two reads, not 300: NULLIF(current_setting(...), '') evaluates its argument once for the
    // comparison and once for the result (the binder copies it into both; PostgreSQL reads it
    // once). The whole inlined expression, claims parse included, runs once.
    assert.equal(claimReads.length, 2)
    assert.equal(jsonbInputs.mock.callCount(), 1)
  } finally {
    settingsReads.mock.restore()
    jsonbInputs.mock.restore()
  }
  await db.close()
})

test('opening a data directory without schema auth creates it; existing helpers are kept', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bkg-auth-helpers-'))
  try {
    const first = await openDatabase({ path: dir })
    const session = first.createSession({ user: 'postgres' })
    // As a data directory from before the helpers: no schema auth at all.
    await run(session, 'DROP SCHEMA auth CASCADE')
    await first.close()

    const second = await openDatabase({ path: dir })
    const again = second.createSession({ user: 'postgres' })
    await run(again, `SET request.jwt.claims = '{"sub": "${alice}"}'`)
    assert.deepEqual(await rows(again, 'SELECT auth.uid()::text'), [[alice]])
    await run(
      again,
      "CREATE OR REPLACE FUNCTION auth.role() RETURNS text LANGUAGE sql STABLE AS $$ select 'mine' $$",
    )
    await run(again, 'DROP FUNCTION auth.email()')
    await second.close()

    const third = await openDatabase({ path: dir })
    const last = third.createSession({ user: 'postgres' })
    await run(last, `SET request.jwt.claims = '{"email": "b@example.com"}'`)
    assert.deepEqual(await rows(last, 'SELECT auth.role(), auth.email()'), [
      ['mine', 'b@example.com'],
    ])
    await third.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
