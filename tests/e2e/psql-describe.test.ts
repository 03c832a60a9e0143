/**
 * psql's describe commands (\d, \dt, \di, \dv, \ds, \d table, \d+ table, \df) against
 * the built server and against the real PostgreSQL 15 (a scratch database there), over the same
 * schema: psql builds them from pg_catalog queries, so equal output means the catalogs answer
 * as PostgreSQL's do. psql prints no OIDs for these commands, so outputs compare as they are.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import { runPsql } from '../support/run-psql.js'
import { ServerProcess } from '../support/server-process.js'

const schema = `CREATE TABLE parent (
  id int PRIMARY KEY,
  code varchar(12) NOT NULL UNIQUE,
  price numeric(10,2),
  stock int DEFAULT 0
);
CREATE TABLE child (
  id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent int NOT NULL REFERENCES parent (id) ON DELETE CASCADE,
  qty smallint
);
CREATE INDEX child_parent ON child (parent);
CREATE VIEW parent_codes AS SELECT id, code FROM parent;
CREATE SEQUENCE counter;
CREATE TABLE events (id serial PRIMARY KEY, at timestamptz NOT NULL);
CREATE FUNCTION add_one(a int, b int DEFAULT 1) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT a + b';
`

// Not compared: \dn (bkg-db has Supabase's auth schema, and public is owned by postgres rather
// than pg_database_owner), and defaults that PostgreSQL deparses with casts ('x'::text): the
// catalog keeps expressions as written (docs/architecture/sql.md, System catalogs).
const commands = [
  '\\d',
  '\\dt',
  '\\di',
  '\\dv',
  '\\ds',
  '\\d parent',
  '\\d child',
  '\\d+ parent',
  '\\df',
]

describe('psql describe commands', () => {
  let server: ServerProcess
  let password = ''
  const database = `pgcatalog_e2e_${process.pid}`
  const admin = new pg.Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database: 'postgres',
  })

  before(async () => {
    server = await ServerProcess.start()
    password = server.credentials().password
    await admin.connect()
    await admin.query(`CREATE DATABASE ${database}`)
    const created = await runPsql({ port: 5432, password: '', database, script: schema })
    assert.equal(created.exitCode, 0, created.stderr)
    const ours = await runPsql({ port: server.pgPort, password, script: schema })
    assert.equal(ours.exitCode, 0, ours.stderr)
  })

  after(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database}`)
    await admin.end()
    await server.dispose()
  })

  for (const command of commands) {
    it(`${command} prints what PostgreSQL prints`, async () => {
      const expected = await runPsql({ port: 5432, password: '', database, script: `${command}\n` })
      const actual = await runPsql({ port: server.pgPort, password, script: `${command}\n` })
      assert.equal(actual.stderr, expected.stderr)
      assert.equal(actual.stdout, expected.stdout)
    })
  }
})
