/**
 * Row-level security matrix (issue #5): tables × roles × commands × paths (direct, join,
 * subquery, CTE, view as its owner, security_invoker view, RETURNING, ON CONFLICT), each case
 * with the rows it must see or the SQLSTATE it must fail with. The same scenario runs on the
 * engine in-process, on the engine over pgwire, and on the real PostgreSQL (a scratch database
 * `rls_diff_<pid>` and roles prefixed `rlsdiff_`, dropped after): all three must agree with the
 * expectation, so the expectations are PostgreSQL's. Every case runs in a transaction rolled
 * back after, as the role named, so writes never leak into the next case.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Database, Session } from '@bkg-db/engine'
import { Client } from 'pg'
import type { PgServer } from './index.js'
import { startEngineServer } from './test-doubles.test.js'

const pgUrl = process.env['BKG_DIFF_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const scratch = `rls_diff_${process.pid}`

const alice = 'rlsdiff_alice'
const bob = 'rlsdiff_bob'
const admin = 'rlsdiff_admin'
const owner = 'rlsdiff_owner'
const nobody = 'rlsdiff_nobody'
const roles = [alice, bob, admin, owner, nobody]

const roleSql = [
  `CREATE ROLE ${alice}`,
  `CREATE ROLE ${bob}`,
  `CREATE ROLE ${admin} BYPASSRLS`,
  `CREATE ROLE ${owner}`,
  `CREATE ROLE ${nobody}`,
]

/** The scenario, run as postgres, with the GRANTs PostgreSQL requires. */
const setupSql = [
  `CREATE TABLE docs (id int PRIMARY KEY, owner text NOT NULL, body text NOT NULL,
     published boolean NOT NULL DEFAULT false)`,
  'CREATE TABLE tags (doc_id int NOT NULL, tag text NOT NULL)',
  `INSERT INTO docs VALUES (1, '${alice}', 'a1', false), (2, '${alice}', 'a2', true),
     (3, '${bob}', 'b1', false), (4, '${bob}', 'b2', true)`,
  "INSERT INTO tags VALUES (1, 'x'), (2, 'y'), (3, 'z'), (4, 'w')",
  `ALTER TABLE docs OWNER TO ${owner}`,
  'ALTER TABLE docs ENABLE ROW LEVEL SECURITY',
  'CREATE POLICY read_own_or_published ON docs FOR SELECT USING (owner = current_user OR published)',
  'CREATE POLICY insert_own ON docs FOR INSERT WITH CHECK (owner = current_user)',
  'CREATE POLICY update_own ON docs FOR UPDATE USING (owner = current_user)',
  'CREATE POLICY delete_own ON docs FOR DELETE USING (owner = current_user)',
  "CREATE POLICY no_secret ON docs AS RESTRICTIVE USING (body <> 'secret')",
  'CREATE TABLE comments (id int PRIMARY KEY, doc_id int NOT NULL REFERENCES docs)',
  'GRANT SELECT, INSERT ON comments TO PUBLIC',
  'CREATE VIEW docs_view AS SELECT id, owner, body FROM docs',
  `ALTER VIEW docs_view OWNER TO ${owner}`,
  'CREATE VIEW docs_invoker WITH (security_invoker = true) AS SELECT id, owner FROM docs',
  'GRANT SELECT, INSERT, UPDATE, DELETE ON docs TO PUBLIC',
  'GRANT SELECT ON tags TO PUBLIC',
  'GRANT SELECT ON docs_view TO PUBLIC',
  'GRANT SELECT ON docs_invoker TO PUBLIC',
]

type Expected = { readonly rows: readonly (readonly string[])[] } | { readonly code: string }

interface Case {
  readonly role: string
  readonly sql: string
  readonly expected: Expected
}

const rows = (...values: string[][]): Expected => ({ rows: values })
const ids = (...values: number[]): Expected => rows(...values.map((id) => [String(id)]))
const fails = (code: string): Expected => ({ code })

const matrix: readonly Case[] = [
  // SELECT, direct: own rows and published ones; BYPASSRLS and the owner see everything.
  { role: alice, sql: 'SELECT id FROM docs ORDER BY id', expected: ids(1, 2, 4) },
  { role: bob, sql: 'SELECT id FROM docs ORDER BY id', expected: ids(2, 3, 4) },
  { role: nobody, sql: 'SELECT id FROM docs ORDER BY id', expected: ids(2, 4) },
  { role: admin, sql: 'SELECT id FROM docs ORDER BY id', expected: ids(1, 2, 3, 4) },
  { role: owner, sql: 'SELECT id FROM docs ORDER BY id', expected: ids(1, 2, 3, 4) },
  // FOR UPDATE / SHARE: UPDATE policies filter the rows too.
  { role: alice, sql: 'SELECT id FROM docs ORDER BY id FOR UPDATE', expected: ids(1, 2) },
  { role: nobody, sql: 'SELECT id FROM docs FOR SHARE', expected: rows() },
  // Aggregates count only visible rows.
  { role: alice, sql: 'SELECT count(*), sum(id) FROM docs', expected: rows(['3', '7']) },
  { role: nobody, sql: 'SELECT max(body) FROM docs', expected: rows(['b2']) },
  // Join, subquery, CTE.
  {
    role: alice,
    sql: 'SELECT d.id, t.tag FROM docs d JOIN tags t ON t.doc_id = d.id ORDER BY 1',
    expected: rows(['1', 'x'], ['2', 'y'], ['4', 'w']),
  },
  {
    role: bob,
    sql: 'SELECT t.tag FROM tags t LEFT JOIN docs d ON d.id = t.doc_id WHERE d.id IS NULL ORDER BY 1',
    expected: rows(['x']),
  },
  {
    role: alice,
    sql: 'SELECT tag FROM tags WHERE doc_id IN (SELECT id FROM docs) ORDER BY 1',
    expected: rows(['w'], ['x'], ['y']),
  },
  {
    role: nobody,
    sql: 'SELECT (SELECT count(*) FROM docs d WHERE d.id = t.doc_id) FROM tags t ORDER BY doc_id',
    expected: rows(['0'], ['1'], ['0'], ['1']),
  },
  {
    role: alice,
    sql: 'WITH mine AS (SELECT id FROM docs) SELECT count(*) FROM mine',
    expected: rows(['3']),
  },
  // A view reads as its owner (the table owner: no policy applies); a security_invoker view as the caller.
  { role: alice, sql: 'SELECT id FROM docs_view ORDER BY id', expected: ids(1, 2, 3, 4) },
  { role: nobody, sql: 'SELECT id FROM docs_view ORDER BY id', expected: ids(1, 2, 3, 4) },
  { role: alice, sql: 'SELECT id FROM docs_invoker ORDER BY id', expected: ids(1, 2, 4) },
  { role: nobody, sql: 'SELECT id FROM docs_invoker ORDER BY id', expected: ids(2, 4) },
  // UPDATE: only own rows; RETURNING shows only them; a new row outside the policy fails.
  {
    role: alice,
    sql: "UPDATE docs SET body = body || '!' RETURNING id, body",
    expected: rows(['1', 'a1!'], ['2', 'a2!']),
  },
  { role: alice, sql: "UPDATE docs SET body = 'z' WHERE id = 3 RETURNING id", expected: rows() },
  { role: nobody, sql: "UPDATE docs SET body = 'z' RETURNING id", expected: rows() },
  {
    role: alice,
    sql: `UPDATE docs SET owner = '${bob}' WHERE id = 1`,
    expected: fails('42501'),
  },
  { role: alice, sql: "UPDATE docs SET body = 'secret' WHERE id = 1", expected: fails('42501') },
  { role: admin, sql: "UPDATE docs SET body = 'z' RETURNING id", expected: ids(1, 2, 3, 4) },
  // DELETE.
  { role: alice, sql: 'DELETE FROM docs WHERE id IN (1, 3) RETURNING id', expected: ids(1) },
  { role: bob, sql: 'DELETE FROM docs RETURNING id', expected: ids(3, 4) },
  // INSERT with WITH CHECK, and RETURNING.
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (5, '${alice}', 'n', false) RETURNING id`,
    expected: ids(5),
  },
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (6, '${bob}', 'n', false)`,
    expected: fails('42501'),
  },
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (7, '${alice}', 'secret', false)`,
    expected: fails('42501'),
  },
  // Policies are checked before unique keys: a hidden row's key is not revealed by a row the
  // role may not write; a row it may write meets the key as PostgreSQL reports it.
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (3, '${bob}', 'n', false)`,
    expected: fails('42501'),
  },
  { role: alice, sql: 'UPDATE docs SET id = 3 WHERE id = 1', expected: fails('23505') },
  // Foreign key checks see every row, as PostgreSQL's (they run as the table owner): a hidden
  // parent is found, and the error for a missing one names only the value given.
  { role: alice, sql: 'INSERT INTO comments VALUES (1, 3) RETURNING id', expected: ids(1) },
  { role: alice, sql: 'INSERT INTO comments VALUES (2, 99)', expected: fails('23503') },
  // ON CONFLICT DO UPDATE: the existing row must pass UPDATE's USING (an error, not a skip).
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (1, '${alice}', 'n', false) ON CONFLICT (id) DO UPDATE SET body = 'c' RETURNING id, body`,
    expected: rows(['1', 'c']),
  },
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (3, '${alice}', 'n', false) ON CONFLICT (id) DO UPDATE SET body = 'c'`,
    expected: fails('42501'),
  },
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (1, '${alice}', 'n', false) ON CONFLICT (id) DO UPDATE SET owner = '${bob}'`,
    expected: fails('42501'),
  },
  {
    role: alice,
    sql: `INSERT INTO docs VALUES (3, '${alice}', 'n', false) ON CONFLICT (id) DO NOTHING RETURNING id`,
    expected: rows(),
  },
]

/** Runs one statement somewhere; rows as text, or the error's SQLSTATE. */
type Runner = (sql: string) => Promise<Expected>

async function runCase(run: Runner, testCase: Case): Promise<Expected> {
  await run('BEGIN')
  try {
    await run(`SET LOCAL ROLE ${testCase.role}`)
    return await run(testCase.sql)
  } finally {
    await run('ROLLBACK')
  }
}

function text(value: unknown): string {
  return value === null ? 'null' : String(value)
}

function sessionRunner(session: Session): Runner {
  return async (sql) => {
    const { results, error } = await session.execute(sql)
    if (error !== undefined) return { code: error.code }
    const last = results.at(-1)
    return { rows: (last?.rows ?? []).map((row) => row.map(text)) }
  }
}

/** Statements through node-postgres: the simple protocol, or with `isExtended` Parse / Bind /
 * Execute (prepared plans and the point-lookup fast path must filter the same rows). */
function clientRunner(client: Client, isExtended = false): Runner {
  return async (sql) => {
    try {
      const isControl = /^(BEGIN|ROLLBACK|SET)/.test(sql)
      const queryMode = isExtended && !isControl ? { queryMode: 'extended' as const } : {}
      const result = await client.query({ text: sql, rowMode: 'array', ...queryMode })
      return { rows: (result.rows as unknown[][]).map((row) => row.map(text)) }
    } catch (error: unknown) {
      return { code: String((error as { code?: unknown }).code) }
    }
  }
}

/** Runs setup SQL on the engine; each statement must succeed. */
async function runSetup(run: Runner, sql: string): Promise<void> {
  const outcome = await run(sql)
  assert.ok(!('code' in outcome), `${sql}: ${'code' in outcome ? outcome.code : ''}`)
}

let database: Database
let server: PgServer
let wire: Client
let postgresAdmin: Client
let postgres: Client

before(async () => {
  ;({ database, server } = await startEngineServer())
  const setup = sessionRunner(database.createSession({ user: 'postgres' }))
  for (const sql of [...roleSql, ...setupSql]) await runSetup(setup, sql)
  wire = new Client({
    host: '127.0.0.1',
    port: server.port,
    user: 'postgres',
    password: 'secret',
    database: 'postgres',
  })
  await wire.connect()

  postgresAdmin = new Client({ connectionString: pgUrl })
  await postgresAdmin.connect()
  await dropPostgresScenario()
  await postgresAdmin.query(`CREATE DATABASE ${scratch}`)
  for (const sql of roleSql) await postgresAdmin.query(sql)
  const target = new URL(pgUrl)
  target.pathname = `/${scratch}`
  postgres = new Client({ connectionString: target.toString() })
  await postgres.connect()
  for (const sql of setupSql) await postgres.query(sql)
})

async function dropPostgresScenario(): Promise<void> {
  await postgresAdmin.query(`DROP DATABASE IF EXISTS ${scratch}`)
  for (const role of roles) await postgresAdmin.query(`DROP ROLE IF EXISTS ${role}`)
}

after(async () => {
  await wire?.end()
  await postgres?.end()
  if (postgresAdmin !== undefined) {
    await dropPostgresScenario()
    await postgresAdmin.end()
  }
  await server?.close()
  await database?.close()
})

describe('row-level security matrix', () => {
  it('PostgreSQL gives every expectation (differential reference)', async () => {
    const run = clientRunner(postgres)
    for (const testCase of matrix) {
      assert.deepEqual(
        await runCase(run, testCase),
        testCase.expected,
        `${testCase.role}: ${testCase.sql}`,
      )
    }
  })

  it('the engine in-process gives the same rows and SQLSTATEs', async () => {
    const session = database.createSession({ user: 'postgres' })
    try {
      const run = sessionRunner(session)
      for (const testCase of matrix) {
        assert.deepEqual(
          await runCase(run, testCase),
          testCase.expected,
          `${testCase.role}: ${testCase.sql}`,
        )
      }
    } finally {
      session.close()
    }
  })

  it('the engine over pgwire gives the same rows and SQLSTATEs', async () => {
    const run = clientRunner(wire)
    for (const testCase of matrix) {
      assert.deepEqual(
        await runCase(run, testCase),
        testCase.expected,
        `${testCase.role}: ${testCase.sql}`,
      )
    }
  })

  it('the engine over pgwire’s extended protocol gives the same rows and SQLSTATEs', async () => {
    const run = clientRunner(wire, true)
    const pointLookups: Case[] = [
      { role: alice, sql: 'SELECT id, body FROM docs WHERE id = 3', expected: rows() },
      { role: alice, sql: 'SELECT id, body FROM docs WHERE id = 1', expected: rows(['1', 'a1']) },
    ]
    for (const testCase of [...matrix, ...pointLookups, ...pointLookups]) {
      assert.deepEqual(
        await runCase(run, testCase),
        testCase.expected,
        `${testCase.role}: ${testCase.sql}`,
      )
    }
  })
})
