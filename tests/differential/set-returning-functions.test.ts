// Differential test of set-returning functions against the real PostgreSQL (the oracle):
// functions in FROM (ROWS FROM, WITH ORDINALITY, LATERAL, column definition lists), in the
// select list (lockstep, nesting), their placement errors, and each function's edge cases run
// on the embedded engine and on PostgreSQL 15 at 127.0.0.1:5432; column names, rows, command
// tags and errors (SQLSTATE, message, position) must agree. A fresh schema isolates the run.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, formatValueText, openDatabase, type Session } from '@bkg-db/engine'
import pg from 'pg'

/** Statements in order; each runs alone (its own implicit transaction) on both systems. */
const script = [
  'CREATE TABLE srf_t (id int primary key, arr int[], tags text[], doc jsonb)',
  `INSERT INTO srf_t VALUES (1, '{1,2}', '{a,b,c}', '{"k": 1, "l": [1, 2]}'),
    (2, '{}', '{x}', '[1, "two", null]'), (3, NULL, NULL, NULL), (4, '{{1,2},{3,4}}', '{}', '{}')`,
  // Functions in FROM: names, aliases, ordinality, ROWS FROM.
  'SELECT * FROM generate_series(1, 3)',
  'SELECT * FROM generate_series(1, 3) AS g',
  'SELECT * FROM generate_series(1, 3) AS g(x) WHERE x > 1 ORDER BY x DESC',
  'SELECT g.* FROM generate_series(1, 3) g',
  'SELECT generate_series.generate_series FROM generate_series(1, 2)',
  'SELECT * FROM generate_series(1, 3) WITH ORDINALITY',
  'SELECT * FROM generate_series(1, 3) WITH ORDINALITY AS g(a, b)',
  'SELECT * FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3))',
  'SELECT * FROM ROWS FROM (generate_series(1, 2), generate_series(1, 3)) WITH ORDINALITY AS t(a, b, c)',
  'SELECT * FROM ROWS FROM (generate_series(1, 2)) AS t',
  `SELECT * FROM ROWS FROM (generate_series(1, 2), jsonb_each('{"a": 1}')) WITH ORDINALITY`,
  "SELECT * FROM upper('a')",
  "SELECT * FROM upper('a') AS u",
  // LATERAL, explicit and implicit.
  'SELECT t.id, x FROM srf_t t, unnest(t.arr) AS x ORDER BY 1, 2',
  'SELECT t.id, x FROM srf_t t, LATERAL unnest(t.arr) AS x ORDER BY 1, 2',
  'SELECT t.id, x FROM srf_t t LEFT JOIN LATERAL unnest(t.arr) AS x ON true ORDER BY 1, 2',
  'SELECT t.id, x FROM srf_t t CROSS JOIN unnest(t.tags) x ORDER BY 1, 2',
  'SELECT u.* FROM srf_t, unnest(arr, tags) u WHERE id = 1',
  'SELECT * FROM srf_t, unnest(arr, tags) WITH ORDINALITY AS u(a, b, n) WHERE id = 1',
  'SELECT * FROM generate_series(1, 3) g, generate_series(1, g) h',
  // (PostgreSQL materializes a function scan's whole result, so no 10^9-row LATERAL series
  // here: the engine's laziness is pinned by the golden script.)
  // The select list: lockstep, nesting, ordering, grouping.
  'SELECT id, unnest(arr) FROM srf_t ORDER BY 1, 2',
  'SELECT id, unnest(arr), generate_series(1, 3) FROM srf_t ORDER BY 1, 3',
  'SELECT generate_series(1, 3), generate_series(1, 2)',
  'SELECT generate_series(1, generate_series(1, 3))',
  'SELECT generate_series(1, 3) + generate_series(1, 2)',
  'SELECT generate_series(1, 3) AS g ORDER BY g DESC',
  'SELECT generate_series(1, 1000000000) LIMIT 3',
  'SELECT DISTINCT unnest(tags) FROM srf_t ORDER BY 1',
  'SELECT count(*) FROM (SELECT generate_series(1, 10)) s',
  'SELECT generate_series(1, count(*)::int) FROM srf_t',
  'SELECT 1 GROUP BY generate_series(1, 3)',
  'SELECT 1 ORDER BY generate_series(1, 3)',
  'SELECT unnest(tags) AS u, 5 AS c FROM srf_t WHERE id = 1',
  'SELECT unnest(arr) FROM srf_t WHERE id = 3',
  // Placement errors.
  'SELECT * FROM generate_series(1, generate_series(1, 2))',
  'SELECT CASE WHEN true THEN generate_series(1, 2) END',
  'SELECT COALESCE(generate_series(1, 2), 0)',
  'SELECT 1 WHERE generate_series(1, 2) > 1',
  'SELECT sum(generate_series(1, 3))',
  'SELECT 1 LIMIT generate_series(1, 3)',
  'SELECT 1 HAVING generate_series(1, 2) > 0',
  'VALUES (generate_series(1, 2))',
  'SELECT * FROM generate_series(1, sum(1))',
  // Column lists.
  'SELECT * FROM jsonb_to_record(\'{"a": 1}\')',
  'SELECT * FROM generate_series(1, 2) AS g(a int)',
  'SELECT * FROM generate_series(1, 2) AS g(a, b)',
  "SELECT * FROM jsonb_each('{}') AS e(a, b, c)",
  'SELECT * FROM jsonb_to_record(\'{"a": 1}\') AS r(a int, a text)',
  'SELECT jsonb_to_record(\'{"a": 1}\')',
  // generate_series.
  'SELECT * FROM generate_series(1, 10, 3)',
  'SELECT * FROM generate_series(10, 1, -4)',
  'SELECT * FROM generate_series(1, 10, 0)',
  'SELECT * FROM generate_series(2147483646, 2147483647)',
  'SELECT * FROM generate_series(1, 2147483647, 1073741824)',
  'SELECT * FROM generate_series(9223372036854775806, 9223372036854775807)',
  'SELECT * FROM generate_series(1, 3, NULL)',
  'SELECT * FROM generate_series(1.5, 3)',
  'SELECT * FROM generate_series(1, 3, 0.5)',
  'SELECT * FROM generate_series(0.1, 0.35, 0.1)',
  "SELECT * FROM generate_series(1, 'nan'::numeric)",
  "SELECT * FROM generate_series(1, 3, 'nan'::numeric)",
  "SELECT * FROM generate_series('infinity'::numeric, 3)",
  "SELECT * FROM generate_series('2020-01-01'::timestamp, '2020-01-02', '12 hours')",
  "SELECT * FROM generate_series('2020-01-01'::timestamp, '2020-01-02', '0 hours')",
  // unnest and generate_subscripts.
  'SELECT * FROM srf_t, unnest(arr) WITH ORDINALITY WHERE id = 4',
  'SELECT id, generate_subscripts(arr, 1) FROM srf_t ORDER BY 1, 2',
  'SELECT * FROM srf_t, generate_subscripts(arr, 2, true) s WHERE id = 4',
  'SELECT * FROM srf_t, generate_subscripts(arr, 3) s',
  // JSON.
  'SELECT id, e.* FROM srf_t, jsonb_each(doc) e WHERE id = 1',
  'SELECT * FROM jsonb_each(\'{"a": 1, "b": [2]}\') AS e(k)',
  'SELECT jsonb_each(\'{"a": 1}\')',
  'SELECT * FROM jsonb_each_text(\'{"a": null, "b": "x"}\')',
  'SELECT * FROM json_each(\'{"a": 1, "a": 2}\')',
  'SELECT * FROM json_each_text(\'{"a": "x"}\')',
  'SELECT * FROM jsonb_array_elements(\'[1, "x"]\')',
  'SELECT jsonb_array_elements(\'[1, "x"]\')',
  'SELECT * FROM jsonb_array_elements_text(\'[1, "x", null]\') AS e',
  'SELECT * FROM json_array_elements(\'[1, {"a":2}]\')',
  'SELECT * FROM json_array_elements_text(\'[1, "x"]\')',
  'SELECT * FROM json_array_elements(\'{"a": 1}\')',
  "SELECT * FROM jsonb_array_elements('1')",
  'SELECT jsonb_object_keys(\'{"a": 1, "b": 2}\')',
  'SELECT * FROM json_object_keys(\'{"a": 1, "b": 2}\')',
  "SELECT * FROM jsonb_object_keys('[1]')",
  "SELECT * FROM jsonb_each('[1]')",
  'SELECT id, jsonb_array_elements(doc) FROM srf_t WHERE id = 2',
  'SELECT * FROM jsonb_to_recordset(\'[{"a":1,"b":"x"},{"a":2,"c":3}]\') AS r(a int, b text, c numeric)',
  'SELECT * FROM json_to_record(\'{"a":[1,2],"b":{"c":1},"d":"2020-01-01","e":true}\') AS r(a int[], b text, d date, e bool)',
  'SELECT * FROM jsonb_to_record(\'{"a":[[1,2],[3,4]], "b":"{5,6}", "c": 1.5}\') AS r(a int[], b int[], c text)',
  'SELECT * FROM json_to_record(\'{"a":{"x":1}, "b":[1, 2]}\') AS r(a json, b json)',
  'SELECT * FROM jsonb_to_record(\'{"a":"x"}\') AS r(a int)',
  "SELECT * FROM jsonb_to_record('[1]') AS r(a int)",
  "SELECT * FROM json_to_record('1') AS r(a int)",
  'SELECT * FROM jsonb_to_record(NULL) AS r(a int)',
  'SELECT * FROM jsonb_to_recordset(NULL) AS r(a int)',
  'SELECT * FROM jsonb_to_recordset(\'{"a":1}\') AS r(a int)',
  "SELECT * FROM jsonb_to_recordset('[1]') AS r(a int)",
  'SELECT * FROM json_to_recordset(\'{"a":1}\') AS r(a int)',
  'SELECT * FROM json_to_recordset(\'[{"a":1,"a":2}]\') AS r(a int)',
  // Text.
  "SELECT * FROM regexp_matches('abcabc', 'b(c)', 'g')",
  "SELECT regexp_matches('abcabc', '(b)(c)', 'g')",
  "SELECT * FROM regexp_matches('abc', 'x')",
  "SELECT * FROM regexp_matches('aBc', 'b', 'ig')",
  "SELECT * FROM regexp_matches('abc', 'b', 'z')",
  "SELECT * FROM regexp_split_to_table('a,b,c', ',')",
  "SELECT regexp_split_to_table('a1b22c', '[0-9]+')",
  "SELECT * FROM string_to_table('a|b|c', '|') AS s",
  "SELECT * FROM string_to_table('a,b,,c', ',', '')",
  "SELECT * FROM string_to_table('abc', NULL)",
  "SELECT * FROM string_to_table('abc', '')",
  'DROP TABLE srf_t',
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
const schema = `bkg_diff_srf_${process.pid}`

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

test('the engine agrees with PostgreSQL on set-returning functions', async () => {
  for (const sql of script) {
    const expected = await runPostgres(client, sql)
    const actual = await runEngine(session, sql)
    assert.deepEqual(actual, expected, sql)
  }
})
