// Policy notations end to end on the real PostgreSQL 15 (127.0.0.1:5432, or BKG_DIFF_PG_URL):
// the DBAL ACL and a JSON policy document are compiled by the engine against the same
// schema, installed on PostgreSQL as native policies with applyPolicies, and queried as each
// role with SET ROLE + request.jwt.claims; every role must see and change exactly the rows the
// rules allow. Supabase's auth helpers are created from the engine's own definitions, so they
// are checked on PostgreSQL too. A scratch database and uniquely named roles are dropped after.
// The same scenario runs on the engine (compiled rules applied, then queried per role).
import assert from 'node:assert/strict'
import { after, before, describe, it, test } from 'node:test'
import {
  applyPolicies,
  authHelpers,
  compileAcl,
  compilePolicyDocuments,
  type Database,
  openDatabase,
  type PolicyTarget,
  type Session,
  SqlError,
  type SqlStateCode,
} from '@bkg-db/engine'
import pg from 'pg'

const url = process.env['BKG_DIFF_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const prefix = `bkg_notations_${process.pid}`
const role = {
  user: `${prefix}_user`,
  admin: `${prefix}_admin`,
  god: `${prefix}_god`,
  supergod: `${prefix}_supergod`,
  authenticated: `${prefix}_authenticated`,
}

const schemaSql = [
  'CREATE TABLE users (id uuid PRIMARY KEY, level int, name text)',
  'CREATE TABLE page_config (id int PRIMARY KEY, level int, body text)',
  'CREATE TABLE notes (id int PRIMARY KEY, user_id uuid, body text, is_public boolean)',
  'CREATE TABLE widgets (id int PRIMARY KEY)',
]

const ann = '00000000-0000-0000-0000-0000000000a1'
const bob = '00000000-0000-0000-0000-0000000000b2'
const cy = '00000000-0000-0000-0000-0000000000c3'

const dataSql = [
  `INSERT INTO users VALUES ('${ann}', 1, 'ann'), ('${bob}', 3, 'bob'), ('${cy}', 5, 'cy')`,
  "INSERT INTO page_config VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 5, 'c')",
  `INSERT INTO notes VALUES (1, '${ann}', 'ann private', false), (2, '${bob}', 'bob private', false),
     (3, '${bob}', 'bob public', true)`,
]

/** The DBAL rules, with DBAL roles mapped to this run's database roles. */
const acl = {
  roles: { user: role.user, admin: role.admin, god: role.god, supergod: role.supergod },
  rules: [
    { entity: 'User', role: ['user'], operations: ['read'], row_level_filter: 'id = $user.id' },
    {
      entity: 'User',
      role: ['admin', 'god', 'supergod'],
      operations: ['create', 'read', 'update', 'delete'],
    },
    {
      entity: 'PageConfig',
      role: ['user', 'admin'],
      operations: ['read'],
      row_level_filter: 'level <= $user.level',
    },
  ],
}

const notePolicies = [
  {
    name: 'own or public notes',
    table: 'notes',
    command: 'select',
    roles: [role.authenticated],
    using: 'user_id = auth.uid() OR is_public',
  },
]

let admin: pg.Client
let client: pg.Client
let engine: Database
let session: Session

/** applyPolicies' view of a PostgreSQL connection: statements through the simple protocol. */
function postgresTarget(connection: pg.Client): PolicyTarget {
  let status: PolicyTarget['transactionStatus'] = 'idle'
  return {
    get transactionStatus() {
      return status
    },
    async execute(sql: string) {
      try {
        await connection.query(sql)
        if (/^BEGIN/i.test(sql)) status = 'transaction'
        if (/^(COMMIT|ROLLBACK)/i.test(sql)) status = 'idle'
        return { error: undefined }
      } catch (error: unknown) {
        if (status === 'transaction') status = 'failed'
        if (/^ROLLBACK/i.test(sql)) status = 'idle'
        const code = (error as { code?: unknown }).code
        if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) throw error
        return { error: new SqlError(code as SqlStateCode, (error as Error).message) }
      }
    },
  }
}

type Seen = { rows: string[][]; count?: number | null } | { code: string }

/** Runs `sql` as `name` with `claims` (JSON text, or none) in a transaction rolled back after. */
async function as(name: string, claims: object | string | null, sql: string): Promise<Seen> {
  await client.query('BEGIN')
  try {
    await client.query(`SET LOCAL ROLE ${name}`)
    if (claims !== null) {
      const text = typeof claims === 'string' ? claims : JSON.stringify(claims)
      await client.query("SELECT set_config('request.jwt.claims', $1, true)", [text])
    }
    const result = await client.query({ text: sql, rowMode: 'array' })
    const rows = (result.rows as unknown[][]).map((row) => row.map((value) => String(value)))
    return { rows, count: result.rowCount }
  } catch (error: unknown) {
    return { code: String((error as { code?: unknown }).code) }
  } finally {
    await client.query('ROLLBACK')
  }
}

function rows(...values: string[][]): { rows: string[][] } {
  return { rows: values }
}

function onlyRows(seen: Seen): Seen {
  return 'rows' in seen ? { rows: seen.rows } : seen
}

before(async () => {
  admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${prefix}`)
  for (const name of Object.values(role)) await admin.query(`CREATE ROLE ${name} NOLOGIN`)
  const target = new URL(url)
  target.pathname = `/${prefix}`
  client = new pg.Client({ connectionString: target.toString() })
  await client.connect()
  await client.query('CREATE SCHEMA auth')
  for (const helper of authHelpers) await client.query(helper.definition)
  await client.query('GRANT USAGE ON SCHEMA auth TO PUBLIC')
  for (const sql of [...schemaSql, ...dataSql]) await client.query(sql)
  await client.query(`GRANT SELECT ON notes TO ${role.authenticated}`)
  await client.query('ALTER TABLE notes ENABLE ROW LEVEL SECURITY')

  engine = await openDatabase({ path: ':memory:' })
  session = engine.createSession({ user: 'postgres' })
  for (const sql of schemaSql) {
    const { error } = await session.execute(sql)
    assert.equal(error, undefined)
  }
})

after(async () => {
  await client?.end()
  await engine?.close()
  if (admin !== undefined) {
    await admin.query(`DROP DATABASE IF EXISTS ${prefix}`)
    for (const name of Object.values(role)) await admin.query(`DROP ROLE IF EXISTS ${name}`)
    await admin.end()
  }
})

describe('policy notations on PostgreSQL', () => {
  it('installs the DBAL rules as native policies, twice without error', async () => {
    const compiled = await compileAcl(session, acl)
    await applyPolicies(postgresTarget(client), compiled)
    await applyPolicies(postgresTarget(client), compiled)
    const policies = await client.query(
      "SELECT tablename, policyname, cmd FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2",
    )
    assert.deepEqual(
      policies.rows.map((row: { tablename: string; policyname: string; cmd: string }) =>
        [row.tablename, row.policyname, row.cmd].join(' '),
      ),
      [
        'page_config dbal_2_read SELECT',
        'users dbal_0_read SELECT',
        'users dbal_1_create INSERT',
        'users dbal_1_delete DELETE',
        'users dbal_1_read SELECT',
        'users dbal_1_update UPDATE',
      ],
    )
  })

  it('user sees its own row and pages up to its level, nothing without claims', async () => {
    const claims = { id: ann, level: 2 }
    assert.deepEqual(onlyRows(await as(role.user, claims, 'SELECT name FROM users')), rows(['ann']))
    assert.deepEqual(
      onlyRows(await as(role.user, claims, 'SELECT body FROM page_config ORDER BY id')),
      rows(['a'], ['b']),
    )
    const bobClaims = { id: bob, level: 5 }
    assert.deepEqual(
      onlyRows(await as(role.user, bobClaims, 'SELECT name FROM users')),
      rows(['bob']),
    )
    assert.deepEqual(
      onlyRows(await as(role.user, bobClaims, 'SELECT count(*) FROM page_config')),
      rows(['3']),
    )
    assert.deepEqual(onlyRows(await as(role.user, null, 'SELECT name FROM users')), rows())
    assert.deepEqual(onlyRows(await as(role.user, {}, 'SELECT body FROM page_config')), rows())
  })

  it('user may not write: the rules grant no INSERT, UPDATE or DELETE', async () => {
    const claims = { id: ann, level: 2 }
    const insert = `INSERT INTO users VALUES ('${cy.replace('c3', 'd4')}', 1, 'dee')`
    assert.deepEqual(await as(role.user, claims, insert), { code: '42501' })
    assert.deepEqual(await as(role.user, claims, "UPDATE users SET name = 'x'"), { code: '42501' })
    assert.deepEqual(await as(role.user, claims, 'DELETE FROM users'), { code: '42501' })
  })

  it('admin, god and supergod read and write every user; admin pages follow the filter', async () => {
    for (const name of [role.admin, role.god, role.supergod]) {
      assert.deepEqual(
        onlyRows(await as(name, null, 'SELECT name FROM users ORDER BY name')),
        rows(['ann'], ['bob'], ['cy']),
      )
      assert.deepEqual(await as(name, null, 'UPDATE users SET level = level + 1'), {
        rows: [],
        count: 3,
      })
      assert.deepEqual(await as(name, null, "DELETE FROM users WHERE name = 'cy'"), {
        rows: [],
        count: 1,
      })
    }
    const insert = `INSERT INTO users VALUES ('00000000-0000-0000-0000-0000000000d4', 1, 'dee')`
    assert.deepEqual(await as(role.admin, null, insert), { rows: [], count: 1 })
    assert.deepEqual(
      onlyRows(await as(role.admin, { level: 1 }, 'SELECT body FROM page_config')),
      rows(['a']),
    )
    // god has no rule on PageConfig: no privilege at all (deny by default).
    assert.deepEqual(await as(role.god, { level: 9 }, 'SELECT body FROM page_config'), {
      code: '42501',
    })
  })

  it('claims that are not JSON fail with 22P02, as on the engine', async () => {
    assert.deepEqual(await as(role.user, '{not json', 'SELECT name FROM users'), {
      code: '22P02',
    })
  })

  it('a failing statement applies nothing (one transaction)', async () => {
    const broken = {
      roles: { user: `${prefix}_missing` },
      rules: [{ entity: 'Widget', role: 'user', operations: ['read'] }],
    }
    const compiled = await compileAcl(session, broken)
    await assert.rejects(applyPolicies(postgresTarget(client), compiled), (error: Error) => {
      assert.equal((error as { code?: string }).code, '42704')
      assert.match(
        error.message,
        /^statement 2 \(REVOKE .*widgets.*\): role ".*_missing" does not exist$/,
      )
      return true
    })
    const state = await client.query(
      "SELECT relrowsecurity FROM pg_class WHERE oid = 'public.widgets'::regclass",
    )
    assert.equal(state.rows[0]?.relrowsecurity, false)
  })

  it('installs JSON policy documents: auth.uid() sees own and public notes', async () => {
    await applyPolicies(postgresTarget(client), await compilePolicyDocuments(session, notePolicies))
    const sql = 'SELECT body FROM notes ORDER BY id'
    assert.deepEqual(
      onlyRows(await as(role.authenticated, { sub: ann }, sql)),
      rows(['ann private'], ['bob public']),
    )
    assert.deepEqual(
      onlyRows(await as(role.authenticated, { sub: bob }, sql)),
      rows(['bob private'], ['bob public']),
    )
    assert.deepEqual(onlyRows(await as(role.authenticated, null, sql)), rows(['bob public']))
  })
})

/** Runs compiled statements on the engine one at a time; each must succeed. */
async function applyOnEngine(local: Session, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    const { error } = await local.execute(statement)
    assert.equal(error, undefined, `${statement}: ${error?.message}`)
  }
}

test('the same DBAL rules enforced by the engine: user and admin see exactly the allowed rows', async () => {
  const db = await openDatabase({ path: ':memory:' })
  try {
    const local = db.createSession({ user: 'postgres' })
    for (const sql of [...schemaSql, ...dataSql])
      assert.equal((await local.execute(sql)).error, undefined)
    for (const name of Object.values(role)) await local.execute(`CREATE ROLE ${name}`)
    await applyOnEngine(local, (await compileAcl(local, acl)).statements)
    const seen = async (name: string, claims: object | null, sql: string): Promise<Seen> => {
      await local.execute('BEGIN')
      try {
        await local.execute(`SET LOCAL ROLE ${name}`)
        if (claims !== null) {
          const text = JSON.stringify(claims).replaceAll("'", "''")
          await local.execute(`SELECT set_config('request.jwt.claims', '${text}', true)`)
        }
        const { results, error } = await local.execute(sql)
        if (error !== undefined) return { code: error.code }
        return { rows: (results.at(-1)?.rows ?? []).map((row) => row.map((v) => String(v))) }
      } finally {
        await local.execute('ROLLBACK')
      }
    }
    const claims = { id: ann, level: 2 }
    assert.deepEqual(await seen(role.user, claims, 'SELECT name FROM users'), rows(['ann']))
    assert.deepEqual(
      await seen(role.user, claims, 'SELECT body FROM page_config ORDER BY id'),
      rows(['a'], ['b']),
    )
    assert.deepEqual(
      await seen(role.user, { id: bob, level: 5 }, 'SELECT name FROM users'),
      rows(['bob']),
    )
    assert.deepEqual(await seen(role.user, null, 'SELECT name FROM users'), rows())
    assert.deepEqual(await seen(role.user, {}, 'SELECT body FROM page_config'), rows())
    // The rules give user read only: the compiled GRANTs hold no write privilege, so writes
    // fail before any policy is looked at (42501), as in PostgreSQL.
    const insert = `INSERT INTO users VALUES ('00000000-0000-0000-0000-0000000000d4', 1, 'dee')`
    assert.deepEqual(await seen(role.user, claims, insert), { code: '42501' })
    assert.deepEqual(await seen(role.user, claims, "UPDATE users SET name = 'x' RETURNING name"), {
      code: '42501',
    })
    assert.deepEqual(await seen(role.user, claims, 'DELETE FROM users RETURNING name'), {
      code: '42501',
    })
    assert.deepEqual(
      await seen(role.admin, null, 'SELECT name FROM users ORDER BY name'),
      rows(['ann'], ['bob'], ['cy']),
    )
    assert.deepEqual(
      await seen(role.admin, null, 'UPDATE users SET level = level + 1 RETURNING name'),
      rows(['ann'], ['bob'], ['cy']),
    )
    assert.deepEqual(await seen(role.admin, null, `${insert} RETURNING name`), rows(['dee']))
    assert.deepEqual(
      await seen(role.admin, { level: 1 }, 'SELECT body FROM page_config'),
      rows(['a']),
    )
    // god has no rule on PageConfig: no SELECT privilege either, so 42501 as in PostgreSQL.
    assert.deepEqual(await seen(role.god, { level: 9 }, 'SELECT body FROM page_config'), {
      code: '42501',
    })
  } finally {
    await db.close()
  }
})
