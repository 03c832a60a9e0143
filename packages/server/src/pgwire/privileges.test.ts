/**
 * Object privileges over pgwire (issue #5): a differential run of GRANT / REVOKE / role
 * scripts on the real PostgreSQL 15 (127.0.0.1:5432, a scratch database and roles named
 * `privdiff_<pid>_*`, removed afterwards; skipped when PostgreSQL is not reachable) and on
 * bkg-db, comparing rows, command tags, warnings and errors statement by statement; a session
 * logged in as a non-superuser; and a matrix of tables × roles × commands.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Database, openDatabase } from '@bkg-db/engine'
import { Client } from 'pg'
import { type PgServer, startPgServer } from './index.js'
import { RecordingLogger, RecordingMetrics } from './test-doubles.test.js'

const prefix = `privdiff_${process.pid}_`
const scratchDatabase = `privileges_diff_${process.pid}`

let database: Database
let server: PgServer
let port = 0

before(async () => {
  database = await openDatabase({ path: ':memory:' })
  server = await startPgServer({
    host: '127.0.0.1',
    port: 0,
    database,
    // Any LOGIN role may log in from here without a password (the test is about privileges;
    // logins are pg-server-auth.test.ts's).
    trust: ['127.0.0.1/32'],
    databaseNames: ['postgres'],
    logger: new RecordingLogger(),
    metrics: new RecordingMetrics(),
  })
  port = server.port
})

after(async () => {
  await server.close()
  await database.close()
})

async function connectBkg(user = 'postgres'): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port,
    user,
    password: 'secret',
    database: 'postgres',
  })
  await client.connect()
  return client
}

/** One statement's outcome in a form both servers must agree on. */
async function outcome(client: Client, sql: string): Promise<string> {
  const notices: string[] = []
  const listener = (notice: {
    severity?: string | undefined
    code?: string | undefined
    message?: string | undefined
  }): void => {
    notices.push(`${notice.severity ?? ''} ${notice.code ?? ''}: ${notice.message}`)
  }
  client.on('notice', listener)
  try {
    const result = await client.query({ text: sql, rowMode: 'array' })
    const rows = result.rows.map((row: unknown[]) => row.map((v) => String(v)).join('|'))
    return [result.command, ...rows, ...notices].join('\n')
  } catch (error: unknown) {
    const failure = error as { code?: string; message?: string }
    return [...notices, `error ${failure.code}: ${failure.message}`].join('\n')
  } finally {
    client.off('notice', listener)
  }
}

const r = (name: string): string => `${prefix}${name}`

/** The differential script: every statement runs as the superuser, with SET ROLE to act as
 * the others. */
const script = [
  `CREATE ROLE ${r('alice')}`,
  `CREATE ROLE ${r('bob')}`,
  `CREATE ROLE ${r('team')}`,
  `GRANT ${r('team')} TO ${r('bob')}`,
  'CREATE TABLE pd_t (id int PRIMARY KEY, a text, b int)',
  "INSERT INTO pd_t VALUES (1, 'x', 10)",
  'CREATE SEQUENCE pd_s',
  "CREATE FUNCTION pd_f() RETURNS int LANGUAGE sql AS 'SELECT 7'",
  `SELECT has_table_privilege('${r('alice')}', 'pd_t', 'SELECT')`,
  `SET ROLE ${r('alice')}`,
  'SELECT * FROM pd_t',
  'SELECT pd_f()',
  'RESET ROLE',
  `GRANT SELECT (id, a), UPDATE (b) ON pd_t TO ${r('alice')} WITH GRANT OPTION`,
  `GRANT SELECT ON pd_t TO ${r('team')}`,
  `SET ROLE ${r('alice')}`,
  'SELECT id, a FROM pd_t',
  'SELECT b FROM pd_t',
  'UPDATE pd_t SET b = 11 WHERE id = 1',
  'UPDATE pd_t SET b = b + 1',
  'UPDATE pd_t SET b = 12 RETURNING a',
  'DELETE FROM pd_t',
  `GRANT SELECT (a) ON pd_t TO ${r('bob')}`,
  `GRANT INSERT ON pd_t TO ${r('bob')}`,
  'RESET ROLE',
  `SET ROLE ${r('bob')}`,
  'SELECT * FROM pd_t',
  'RESET ROLE',
  `REVOKE SELECT ON pd_t FROM ${r('alice')}`,
  `REVOKE GRANT OPTION FOR SELECT (a) ON pd_t FROM ${r('alice')}`,
  `REVOKE GRANT OPTION FOR SELECT (a) ON pd_t FROM ${r('alice')} CASCADE`,
  `SELECT has_column_privilege('${r('bob')}', 'pd_t', 'a', 'SELECT'), has_column_privilege('${r('alice')}', 'pd_t', 'a', 'SELECT WITH GRANT OPTION')`,
  `REVOKE EXECUTE ON FUNCTION pd_f() FROM PUBLIC`,
  `SET ROLE ${r('bob')}`,
  'SELECT pd_f()',
  'RESET ROLE',
  `GRANT EXECUTE ON FUNCTION pd_f() TO ${r('team')}`,
  `SET ROLE ${r('bob')}`,
  'SELECT pd_f()',
  'RESET ROLE',
  `GRANT USAGE ON SEQUENCE pd_s TO ${r('alice')}`,
  `SELECT has_sequence_privilege('${r('alice')}', 'pd_s', 'USAGE'), has_sequence_privilege('${r('alice')}', 'pd_s', 'UPDATE')`,
  `GRANT DELETE ON SEQUENCE pd_s TO ${r('alice')}`,
  `GRANT ALL ON SCHEMA public TO ${r('alice')} WITH GRANT OPTION`,
  `SELECT has_schema_privilege('${r('alice')}', 'public', 'CREATE WITH GRANT OPTION')`,
  `REVOKE ALL ON SCHEMA public FROM ${r('alice')}`,
  `DROP ROLE ${r('team')}`,
  `REVOKE ALL ON pd_t FROM ${r('alice')}, ${r('bob')}, ${r('team')} CASCADE`,
  `REVOKE ALL ON FUNCTION pd_f() FROM ${r('team')}`,
  `REVOKE ALL ON SEQUENCE pd_s FROM ${r('alice')}`,
  `DROP ROLE ${r('team')}`,
  'DROP FUNCTION pd_f()',
  'DROP SEQUENCE pd_s',
  'DROP TABLE pd_t',
  `DROP ROLE ${r('alice')}, ${r('bob')}`,
]

describe('privileges: differential against PostgreSQL 15', () => {
  let postgres: Client | undefined
  let admin: Client | undefined

  before(async () => {
    const candidate = new Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    })
    try {
      await candidate.connect()
      await candidate.query(`DROP DATABASE IF EXISTS ${scratchDatabase}`)
      await candidate.query(`CREATE DATABASE ${scratchDatabase}`)
      admin = candidate
      postgres = new Client({
        host: '127.0.0.1',
        port: 5432,
        user: 'postgres',
        database: scratchDatabase,
      })
      await postgres.connect()
    } catch {
      await candidate.end().catch(() => undefined)
      admin = undefined
    }
  })

  after(async () => {
    await postgres?.end().catch(() => undefined)
    if (admin !== undefined) {
      await admin.query(`DROP DATABASE IF EXISTS ${scratchDatabase}`)
      // Roles are cluster-wide: drop any this run left behind.
      const left = await admin.query<{ rolname: string }>(
        'SELECT rolname FROM pg_roles WHERE starts_with(rolname, $1)',
        [prefix],
      )
      for (const { rolname } of left.rows) await admin.query(`DROP ROLE "${rolname}"`)
      await admin.end()
    }
  })

  it('gives the same rows, warnings and errors', async (t) => {
    if (postgres === undefined) {
      t.skip('PostgreSQL is not reachable on 127.0.0.1:5432')
      return
    }
    const bkg = await connectBkg()
    try {
      for (const sql of script) {
        const expected = await outcome(postgres, sql)
        const actual = await outcome(bkg, sql)
        assert.equal(actual, expected, sql)
      }
    } finally {
      await bkg.end()
    }
  })
})

describe('privileges: a non-superuser over pgwire', () => {
  it('is refused what it was not granted, and gets what it was', async () => {
    const setup = await connectBkg()
    await setup.query('CREATE ROLE wire_reader LOGIN')
    await setup.query('CREATE ROLE wire_other')
    await setup.query('CREATE TABLE wire_t (id int)')
    await setup.query('INSERT INTO wire_t VALUES (1), (2)')
    const reader = await connectBkg('wire_reader')
    try {
      await assert.rejects(reader.query('SELECT * FROM wire_t'), {
        code: '42501',
        message: 'permission denied for table wire_t',
      })
      await assert.rejects(reader.query('SET ROLE wire_other'), {
        code: '42501',
        message: 'permission denied to set role "wire_other"',
      })
      await assert.rejects(reader.query('GRANT SELECT ON wire_t TO wire_reader'), {
        code: '42501',
        message: 'permission denied for table wire_t',
      })
      await setup.query('GRANT SELECT ON wire_t TO wire_reader')
      const rows = await reader.query('SELECT id FROM wire_t ORDER BY id')
      assert.deepEqual(
        rows.rows.map((row: { id: number }) => row.id),
        [1, 2],
      )
      await assert.rejects(reader.query('DELETE FROM wire_t'), { code: '42501' })
      const prepared = await reader.query({ name: 'q', text: 'SELECT count(*) AS n FROM wire_t' })
      assert.equal(String(prepared.rows[0].n), '2')
      await setup.query('REVOKE SELECT ON wire_t FROM wire_reader')
      // The prepared statement is bound anew for the new catalog: the revoke applies.
      await assert.rejects(reader.query({ name: 'q', text: 'SELECT count(*) AS n FROM wire_t' }), {
        code: '42501',
      })
    } finally {
      await reader.end()
      await setup.query('DROP TABLE wire_t')
      await setup.query('DROP ROLE wire_reader, wire_other')
      await setup.end()
    }
  })
})

describe('privileges: matrix of tables × roles × commands', () => {
  const commands: Record<string, string> = {
    select: 'SELECT count(*) FROM {t}',
    insert: 'INSERT INTO {t} VALUES (100, 0)',
    update: 'UPDATE {t} SET v = v + 1',
    delete: 'DELETE FROM {t} WHERE id = 100',
    truncate: 'TRUNCATE {t}',
  }
  // Per table, what each role was granted (the API roles get ALL from the defaults).
  const grants: Record<string, Record<string, string[]>> = {
    m_open: { m_reader: ['select'], m_writer: ['select', 'insert', 'update', 'delete'] },
    m_closed: { m_reader: [], m_writer: ['insert'] },
    m_cols: { m_reader: ['select'], m_writer: [] },
  }
  const roles = ['m_reader', 'm_writer', 'anon']

  it('allows exactly what was granted', async () => {
    const admin = await connectBkg()
    try {
      await admin.query('CREATE ROLE m_reader')
      await admin.query('CREATE ROLE m_writer')
      for (const table of Object.keys(grants)) {
        await admin.query(`CREATE TABLE ${table} (id int, v int)`)
        await admin.query(`INSERT INTO ${table} VALUES (1, 1)`)
      }
      await admin.query('REVOKE ALL ON m_closed FROM anon')
      await admin.query('GRANT SELECT ON m_open TO m_reader')
      await admin.query('GRANT SELECT, INSERT, UPDATE, DELETE ON m_open TO m_writer')
      await admin.query('GRANT INSERT ON m_closed TO m_writer')
      await admin.query('GRANT SELECT (id, v) ON m_cols TO m_reader')
      for (const table of Object.keys(grants)) {
        for (const role of roles) {
          for (const [command, text] of Object.entries(commands)) {
            const allowed =
              role === 'anon'
                ? table !== 'm_closed'
                : (grants[table]?.[role] ?? []).includes(command)
            await admin.query('BEGIN')
            await admin.query(`SET LOCAL ROLE ${role}`)
            const result = await admin
              .query(text.replace('{t}', table))
              .then(() => 'allowed')
              .catch((error: { code?: string }) =>
                error.code === '42501' ? 'denied' : `${error.code}`,
              )
            await admin.query('ROLLBACK')
            assert.equal(result, allowed ? 'allowed' : 'denied', `${role} ${command} ${table}`)
          }
        }
      }
    } finally {
      for (const table of Object.keys(grants)) await admin.query(`DROP TABLE IF EXISTS ${table}`)
      await admin.query('DROP ROLE IF EXISTS m_reader, m_writer')
      await admin.end()
    }
  })
})
