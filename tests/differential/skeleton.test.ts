// Differential test against the real PostgreSQL (the oracle): the same statements run on the
// embedded engine and on PostgreSQL 15 at 127.0.0.1:5432, and their results must agree: column
// names, rows (text format), command tags, and for errors the SQLSTATE, message and position.
// Each run uses a fresh schema on PostgreSQL so tables do not collide.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, formatValueText, openDatabase, type Session } from '@bkg-db/engine'
import pg from 'pg'

/** Statements in order; each runs alone (its own implicit transaction) on both systems. */
const script = [
  'CREATE TABLE t (id int primary key, name text)',
  "INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, NULL), (10, 'j')",
  'SELECT * FROM t ORDER BY id',
  'SELECT id, name FROM t WHERE id < 5 AND id > 1 ORDER BY id DESC LIMIT 2',
  "SELECT name FROM t WHERE name = 'b'",
  'SELECT id FROM t ORDER BY name NULLS FIRST, id',
  'SELECT id FROM t ORDER BY name DESC, id',
  'SELECT id AS k FROM t ORDER BY k DESC LIMIT 2 OFFSET 1',
  'SELECT t.id FROM t WHERE t.name IS NULL',
  'SELECT id FROM t WHERE NOT (id = 1) AND name IS NOT NULL ORDER BY 1',
  "SELECT 1, 'x', true, 3000000000, 7 / 2, -7 % 3, NULL, '5'::int + 1, 12::text",
  "INSERT INTO t VALUES (1, 'dup')",
  "INSERT INTO t VALUES (20, 'x'), (20, 'y')",
  'INSERT INTO t (id, name) VALUES (21, 5)',
  'SELECT true::text, false::text',
  'SELECT * FROM t WHERE id = 20',
  "INSERT INTO t (name) VALUES ('no key')",
  "INSERT INTO t VALUES (4, 'a', 'extra')",
  'INSERT INTO t (id, nosuch) VALUES (4, 1)',
  'SELECT * FROM nosuch',
  'SELECT nosuch FROM t',
  'SELECT t.nosuch FROM t',
  'SELECT x.id FROM t',
  "SELECT * FROM t WHERE id = 'one'",
  'SELECT * FROM t WHERE name = 1',
  'SELECT * FROM t WHERE id',
  'SELEC * FROM t',
  'SELECT * FROM t WHERE',
  "SELECT 'abc'",
  "SELECT 'abc'::int",
  'SELECT 2147483647 + 1',
  'SELECT 1 / 0',
  "SELECT 'maybe'::boolean",
  'SELECT * FROM t ORDER BY 3',
  'CREATE TABLE t (id int)',
  'SELECT id AS x, name AS x FROM t ORDER BY x',
  'SELECT id AS x, id AS x FROM t ORDER BY x',
  'SELECT t.id FROM t AS a',
  'INSERT INTO t (id, name) VALUES (1)',
  'CREATE TABLE u (id int, PRIMARY KEY (id, id))',
  'SELECT -2147483648 / -1',
  'SELECT -2147483648',
  "SELECT '1_000'::int",
  "SELECT 'ééé', nosuch FROM t",
  'SELECT $$😀$$, nosuch FROM t',
  'CREATE TABLE u (id int primary key, id2 int primary key)',
  'CREATE TABLE u (a int, a text)',
  'CREATE TABLE u (a nosuchtype)',
  'CREATE TABLE b (k bigint primary key, f boolean, s smallint)',
  "INSERT INTO b VALUES (9223372036854775807, 'yes', 1), (-1, 'off', -32768), (5, NULL, NULL)",
  'SELECT * FROM b ORDER BY k',
  'SELECT k + 1 FROM b WHERE k = 9223372036854775807',
  'SELECT k FROM b WHERE f ORDER BY k',
  'UPDATE b SET s = s + 1 WHERE k < 6',
  'SELECT * FROM b ORDER BY k',
  'UPDATE b SET k = k - 10 WHERE k = 5',
  'UPDATE b SET k = -1 WHERE k = -5',
  'UPDATE b SET nosuch = 1',
  'UPDATE b SET s = 1, s = 2',
  "UPDATE b SET s = 'x'",
  'DELETE FROM b WHERE f',
  'SELECT * FROM b ORDER BY k',
  'DELETE FROM b',
  'DROP TABLE b',
  'DROP TABLE t',
  'DROP TABLE t',
]

type Outcome =
  | { kind: 'rows'; columns: string[]; rows: (string | null)[][]; tag: string }
  | { kind: 'command'; tag: string }
  | { kind: 'error'; code: string; message: string; position: number | undefined }

async function runEngine(session: Session, sql: string): Promise<Outcome> {
  const { results, error } = await session.execute(sql)
  if (error !== undefined) {
    return { kind: 'error', code: error.code, message: error.message, position: error.position }
  }
  const result = results[0]
  assert.ok(result !== undefined)
  // node-postgres reports only the first word of a command tag, plus the row count.
  const word = result.commandTag.split(' ')[0] ?? ''
  if (result.columns === undefined) {
    return {
      kind: 'command',
      tag: result.rowCount === undefined ? word : `${word} ${result.rowCount}`,
    }
  }
  const columns = result.columns
  return {
    kind: 'rows',
    columns: columns.map((column) => column.name),
    rows: result.rows.map((row) =>
      row.map((value, i) => formatValueText(value, columns[i]?.typeOid ?? 0)),
    ),
    tag: result.commandTag,
  }
}

async function runPostgres(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const result = await client.query({
      text: sql,
      rowMode: 'array',
      types: { getTypeParser: () => (v: string) => v },
    })
    const tag = result.rowCount === null ? result.command : `${result.command} ${result.rowCount}`
    if (result.fields.length === 0 && result.command !== 'SELECT') return { kind: 'command', tag }
    return {
      kind: 'rows',
      columns: result.fields.map((field) => field.name),
      rows: result.rows as (string | null)[][],
      tag,
    }
  } catch (error: unknown) {
    const e = error as { code?: string; message?: string; position?: string }
    return {
      kind: 'error',
      code: e.code ?? '?',
      message: e.message ?? '?',
      position: e.position === undefined ? undefined : Number(e.position),
    }
  }
}

let database: Database
let session: Session
let client: pg.Client
const schema = `bkg_diff_${process.pid}`

before(async () => {
  database = await openDatabase({ path: ':memory:' })
  session = database.createSession({ user: 'postgres' })
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' })
  await client.connect()
  await client.query(`CREATE SCHEMA ${schema}`)
  await client.query(`SET search_path = ${schema}`)
})

after(async () => {
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
  await client.end()
  await database.close()
})

test('the engine agrees with PostgreSQL on the walking skeleton statements', async () => {
  for (const sql of script) {
    const expected = await runPostgres(client, sql)
    const actual = await runEngine(session, sql)
    assert.deepEqual(actual, expected, sql)
  }
})
