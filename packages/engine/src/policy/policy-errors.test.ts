/**
 * Invalid policy documents and ACL rules: each is refused as a whole with an error naming the
 * document or rule (index and entity) and the problem, and the SQLSTATE of the cause.
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, openDatabase } from '../database.js'
import type { Session } from '../session/session.js'
import { run } from '../testing/session-assertions.js'
import { compileAcl } from './compile-acl.js'
import { compilePolicyDocuments } from './compile-policies.js'

let db: Database
let session: Session

before(async () => {
  db = await openDatabase({ path: ':memory:' })
  session = db.createSession({ user: 'postgres' })
  await run(session, 'CREATE TABLE users (id uuid PRIMARY KEY, level int, name text)')
  await run(session, "CREATE TYPE mood AS ENUM ('ok', 'sad')")
  await run(session, 'CREATE TABLE moods (id int PRIMARY KEY, mood mood)')
  await run(session, 'CREATE VIEW user_names AS SELECT name FROM users')
})

after(async () => {
  await db.close()
})

const note = (name: string, fields: Record<string, unknown> = {}) => ({
  name,
  table: 'users',
  ...fields,
})

const documentCases: [string, unknown, string, RegExp][] = [
  ['not an object', [42], '22023', /^policies\[0\]: must be a JSON object$/],
  ['missing name', [{ table: 'users' }], '22023', /^policies\[0\]: field "name" is missing$/],
  ['missing table', [{ name: 'p' }], '22023', /field "table" is missing/],
  ['unknown field', [note('p', { usnig: 'true' })], '22023', /unknown field "usnig"/],
  ['bad command', [note('p', { command: 'read' })], '22023', /"command" must be one of/],
  [
    'check on select',
    [note('p', { command: 'select', check: 'true' })],
    '22023',
    /WITH CHECK cannot be applied to SELECT or DELETE/,
  ],
  [
    'check on delete',
    [note('p', { command: 'delete', check: 'true' })],
    '22023',
    /WITH CHECK cannot be applied/,
  ],
  [
    'using on insert',
    [note('p', { command: 'insert', using: 'true' })],
    '22023',
    /only WITH CHECK expression allowed for INSERT/,
  ],
  ['empty roles', [note('p', { roles: [] })], '22023', /"roles" must be a non-empty array/],
  ['long name', [note('x'.repeat(64))], '22023', /longer than 63 bytes/],
  [
    'unknown table',
    [note('p', { table: 'nope' })],
    '42P01',
    /^policies\[0\] \("p"\): field "table": relation "public.nope" does not exist$/,
  ],
  [
    'unknown column',
    [note('ok', { using: 'true' }), note('p', { using: 'idd = auth.uid()' })],
    '42703',
    /^policies\[1\] \("p"\): field "using": column "idd" does not exist$/,
  ],
  ['unknown function', [note('p', { check: 'nope(id)' })], '42883', /field "check": function nope/],
  ['not boolean', [note('p', { using: 'level' })], '42804', /must be type boolean/],
  ['syntax', [note('p', { using: 'level <' })], '42601', /field "using": syntax error/],
  ['injection', [note('p', { using: 'true) OR (true' })], '42601', /closes a parenthesis/],
  ['parameter', [note('p', { using: 'id = $1' })], '42601', /parameters and dollar quotes/],
  [
    'duplicate',
    [note('p', { using: 'true' }), note('p', { using: 'false' })],
    '42710',
    /policies\[1\] \("p"\): policy "p" for table "users" appears twice/,
  ],
]

for (const [what, input, code, message] of documentCases) {
  test(`policy document refused: ${what}`, async () => {
    await assert.rejects(compilePolicyDocuments(session, input), (error: Error) => {
      assert.equal((error as { code?: string }).code, code)
      assert.match(error.message, message)
      return true
    })
  })
}

const rule = (fields: Record<string, unknown>) => ({
  entity: 'User',
  role: 'user',
  operations: ['read'],
  ...fields,
})

const aclCases: [string, unknown, string, RegExp][] = [
  ['not a mapping', [], '22023', /^ACL document: must be a mapping$/],
  ['no rules', {}, '22023', /"rules" must be a list/],
  ['unknown top-level key', { rules: [], rule: [] }, '22023', /unknown key "rule"/],
  ['rule not a mapping', { rules: ['x'] }, '22023', /^rules\[0\]: must be a mapping$/],
  ['missing entity', { rules: [{ role: 'user' }] }, '22023', /^rules\[0\]: "entity" must be/],
  [
    'unknown rule key',
    { rules: [rule({ row_level_fitler: 'true' })] },
    '22023',
    /^rules\[0\] \(entity User\): unknown key "row_level_fitler"$/,
  ],
  [
    'unknown operation',
    { rules: [rule({}), rule({ operations: ['read', 'write'] })] },
    '22023',
    /^rules\[1\] \(entity User\): unknown operation "write"/,
  ],
  ['no roles', { rules: [rule({ role: [] })] }, '22023', /"role" must be a name or a non-empty/],
  [
    'unknown entity',
    { rules: [rule({ entity: 'Widget' })] },
    '42P01',
    /^rules\[0\] \(entity Widget\): unknown entity: no table "Widget", "widget", "widgets" in schema "public"$/,
  ],
  [
    'explicit table missing',
    { rules: [rule({ table: 'people' })] },
    '42P01',
    /unknown entity: no table "people"/,
  ],
  [
    'unknown column',
    { rules: [rule({ row_level_filter: 'lvl <= $user.level' })] },
    '42703',
    /^rules\[0\] \(entity User\): row_level_filter: column "lvl" does not exist$/,
  ],
  [
    'filter does not parse',
    { rules: [rule({ row_level_filter: 'level <= AND' })] },
    '42601',
    /row_level_filter: syntax error/,
  ],
  [
    'unknown $user form',
    { rules: [rule({ row_level_filter: 'id = $user' })] },
    '42601',
    /row_level_filter: unknown \$user form "\$user"/,
  ],
  [
    'nested claim',
    { rules: [rule({ row_level_filter: 'name = $user.meta.name' })] },
    '42601',
    /unknown \$user form "\$user\.meta\."/,
  ],
  [
    'claim of a type claims cannot be cast to',
    { rules: [rule({ entity: 'Mood', row_level_filter: 'mood = $user.mood' })] },
    '42804',
    /rules\[0\] \(entity Mood\): row_level_filter: \$user\.mood is used as a value of type OID/,
  ],
  [
    'schema missing',
    { schema: 'nowhere', rules: [rule({})] },
    '42P01',
    /unknown entity: no table "User", "user", "users" in schema "nowhere"/,
  ],
]

for (const [what, input, code, message] of aclCases) {
  test(`ACL rule refused: ${what}`, async () => {
    await assert.rejects(compileAcl(session, input), (error: Error) => {
      assert.equal((error as { code?: string }).code, code)
      assert.match(error.message, message)
      return true
    })
  })
}

test('the compiler leaves the session usable after refusing input', async () => {
  await assert.rejects(compileAcl(session, { rules: [rule({ row_level_filter: 'nope' })] }))
  assert.equal(session.transactionStatus, 'idle')
  const compiled = await compileAcl(session, { rules: [rule({})] })
  assert.equal(compiled.statements.length, 5)
})
