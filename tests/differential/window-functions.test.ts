// Differential test of window functions against the real PostgreSQL 15 at 127.0.0.1:5432: the
// same window queries run on the embedded engine and on PostgreSQL over generated data full of
// NULLs and ties (a seeded generator, so a failure replays), and their results must agree
// exactly: column names, rows in text format, and for errors the SQLSTATE, message and position.
// Every query orders its output completely, so row order is part of the comparison.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, formatValueText, openDatabase, type Session } from '@bkg-db/engine'
import pg from 'pg'

type Outcome =
  | { kind: 'rows'; columns: string[]; rows: (string | null)[][] }
  | { kind: 'command' }
  | { kind: 'error'; code: string; message: string; position: number | undefined }

/** A small deterministic generator (LCG), so the data is the same on every run. */
function generator(seed: number): (bound: number) => number {
  let state = seed >>> 0
  return (bound) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state % bound
  }
}

/** INSERT statements for `rows` rows with NULLs and many ties in every ordering column. */
function generatedRows(rows: number, seed: number): string {
  const next = generator(seed)
  const values: string[] = []
  const maybe = (text: string): string => (next(6) === 0 ? 'NULL' : text)
  for (let id = 1; id <= rows; id++) {
    const g = maybe(String(next(4)))
    const x = maybe(String(next(8) - 2))
    const f = maybe(['0.5', '1.5', '-2', '3.25', "'Infinity'", '7'][next(6)] ?? '0')
    const n = maybe(`${next(50) / 4}`)
    const d = maybe(`'2024-01-${String(1 + next(9)).padStart(2, '0')}'`)
    const ts = maybe(
      `'2024-03-01 ${String(next(5)).padStart(2, '0')}:${next(2) === 0 ? '00' : '30'}'`,
    )
    const s = maybe(`'${'abc'[next(3)]}'`)
    values.push(`(${id}, ${g}, ${x}, ${f}, ${n}, ${d}, ${ts}, ${s})`)
  }
  return `INSERT INTO w VALUES ${values.join(', ')}`
}

const setup = [
  'CREATE TABLE w (id int PRIMARY KEY, g int, x int, f float8, n numeric, d date, ts timestamp, s text)',
  generatedRows(60, 20_261_202),
  'CREATE TABLE empty_w (id int PRIMARY KEY, x int)',
]

/** Window queries; each orders its output completely. */
const queries = [
  // Ranking and distribution.
  'SELECT id, row_number() OVER (ORDER BY id) FROM w ORDER BY id',
  'SELECT id, g, x, row_number() OVER (PARTITION BY g ORDER BY x, id), rank() OVER (PARTITION BY g ORDER BY x), dense_rank() OVER (PARTITION BY g ORDER BY x) FROM w ORDER BY id',
  'SELECT id, percent_rank() OVER (ORDER BY x), cume_dist() OVER (ORDER BY x) FROM w ORDER BY id',
  'SELECT id, percent_rank() OVER (PARTITION BY g ORDER BY x DESC NULLS LAST), cume_dist() OVER (PARTITION BY g ORDER BY s NULLS FIRST) FROM w ORDER BY id',
  'SELECT id, ntile(4) OVER (ORDER BY id), ntile(7) OVER (PARTITION BY g ORDER BY id), ntile(100) OVER (PARTITION BY s ORDER BY id) FROM w ORDER BY id',
  'SELECT id, rank() OVER (), dense_rank() OVER (), percent_rank() OVER (), cume_dist() OVER () FROM w ORDER BY id',
  // lag, lead and the value functions.
  'SELECT id, lag(x) OVER (ORDER BY id), lead(x) OVER (ORDER BY id), lag(x, 2) OVER (ORDER BY id), lead(x, 3, -1) OVER (ORDER BY id) FROM w ORDER BY id',
  "SELECT id, lag(x, -1) OVER (PARTITION BY g ORDER BY id), lead(n, 1, 0.5) OVER (PARTITION BY g ORDER BY id), lag(s, 1, 'none') OVER (PARTITION BY g ORDER BY id) FROM w ORDER BY id",
  'SELECT id, first_value(x) OVER (PARTITION BY g ORDER BY x, id), last_value(x) OVER (PARTITION BY g ORDER BY x, id), nth_value(x, 2) OVER (PARTITION BY g ORDER BY x, id) FROM w ORDER BY id',
  'SELECT id, first_value(id) OVER w, last_value(id) OVER w, nth_value(id, 3) OVER w FROM w WINDOW w AS (PARTITION BY g ORDER BY x, id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING EXCLUDE CURRENT ROW) ORDER BY id',
  'SELECT id, last_value(id) OVER (ORDER BY x NULLS FIRST, id RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), min(id) OVER (ORDER BY x GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING), first_value(id) OVER (ORDER BY x, id GROUPS BETWEEN 1 FOLLOWING AND 2 FOLLOWING EXCLUDE TIES) FROM w ORDER BY id',
  // Aggregates over the default frame (peers included), whole partitions and moving frames.
  'SELECT id, x, sum(x) OVER (ORDER BY x), count(*) OVER (ORDER BY x), count(x) OVER (ORDER BY x), avg(x) OVER (ORDER BY x) FROM w ORDER BY id',
  'SELECT id, sum(x) OVER (PARTITION BY g), min(s) OVER (PARTITION BY g), max(d) OVER (PARTITION BY g), avg(n) OVER (PARTITION BY g) FROM w ORDER BY id',
  'SELECT id, sum(x) OVER (ORDER BY id ROWS 2 PRECEDING), sum(x) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), array_agg(x) OVER (ORDER BY id ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM w ORDER BY id',
  "SELECT id, string_agg(s, ',') OVER (PARTITION BY g ORDER BY id), array_agg(id) OVER (PARTITION BY g ORDER BY x, id), json_agg(x) OVER (PARTITION BY g ORDER BY id ROWS UNBOUNDED PRECEDING) FROM w ORDER BY id",
  "SELECT id, bool_and(x > 0) OVER (ORDER BY id ROWS 3 PRECEDING), bool_or(x > 3) OVER (PARTITION BY g), count(*) FILTER (WHERE x > 0) OVER (PARTITION BY g ORDER BY id), sum(x) FILTER (WHERE s = 'a') OVER (ORDER BY id ROWS 4 PRECEDING) FROM w ORDER BY id",
  'SELECT id, jsonb_agg(x) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) FROM w WHERE id <= 12 ORDER BY id',
  // GROUPS and EXCLUDE.
  'SELECT id, x, sum(id) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(id) OVER (ORDER BY x GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING), count(*) OVER (ORDER BY x GROUPS 1 PRECEDING) FROM w ORDER BY id',
  'SELECT id, x, sum(id) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING EXCLUDE GROUP), sum(id) OVER (ORDER BY x RANGE BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES), sum(id) OVER (ORDER BY x EXCLUDE CURRENT ROW), sum(id) OVER (ORDER BY x GROUPS CURRENT ROW EXCLUDE NO OTHERS) FROM w ORDER BY id',
  // RANGE with offsets over every supported key type, with NULLs first and last.
  'SELECT id, x, sum(id) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY x DESC RANGE BETWEEN 2 PRECEDING AND CURRENT ROW), count(*) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING), count(*) OVER (ORDER BY x DESC NULLS LAST RANGE BETWEEN 1 FOLLOWING AND 3 FOLLOWING) FROM w ORDER BY id',
  "SELECT id, f, count(*) OVER (ORDER BY f RANGE BETWEEN 1 PRECEDING AND 1.5 FOLLOWING), sum(id) OVER (ORDER BY f DESC RANGE BETWEEN 'Infinity' PRECEDING AND 0.5 PRECEDING) FROM w ORDER BY id",
  'SELECT id, n, count(*) OVER (ORDER BY n RANGE BETWEEN 2.5 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY n DESC RANGE 3 PRECEDING) FROM w ORDER BY id',
  "SELECT id, d, count(*) OVER (ORDER BY d RANGE BETWEEN '2 days' PRECEDING AND '1 day' FOLLOWING), count(*) OVER (ORDER BY d DESC NULLS LAST RANGE '1 day' PRECEDING) FROM w ORDER BY id",
  "SELECT id, ts, count(*) OVER (ORDER BY ts RANGE BETWEEN '1 hour' PRECEDING AND '30 minutes' FOLLOWING), count(*) OVER (ORDER BY ts RANGE BETWEEN '1 hour' FOLLOWING AND UNBOUNDED FOLLOWING) FROM w ORDER BY id",
  'SELECT id, x, sum(id) OVER (PARTITION BY g ORDER BY x::int2 RANGE BETWEEN 2147483647 PRECEDING AND 9223372036854775807 FOLLOWING) FROM w ORDER BY id',
  "SELECT t, count(*) OVER (ORDER BY t RANGE BETWEEN '1 day 1 hour' PRECEDING AND '30 minutes' FOLLOWING) FROM (VALUES ('10:00'::time), ('10:30'), ('11:00'), ('23:30'), (NULL)) v(t) ORDER BY t",
  "SELECT i, count(*) OVER (ORDER BY i RANGE BETWEEN '1 day' PRECEDING AND CURRENT ROW) FROM (VALUES ('1 day'::interval), ('36 hours'), ('3 days')) v(i) ORDER BY i",
  "SELECT t, count(*) OVER (ORDER BY t DESC RANGE BETWEEN '1 day' PRECEDING AND '1 day' FOLLOWING) FROM (VALUES ('2024-01-01 00:00+00'::timestamptz), ('2024-01-02 00:00+00'), ('2024-01-05 00:00+00')) v(t) ORDER BY t",
  'SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 9223372036854775807 PRECEDING AND 9223372036854775807 FOLLOWING) FROM (VALUES (1::int8), (9223372036854775807), (-9223372036854775808)) v(x) ORDER BY x',
  // Several windows, named windows and refinements, windows over grouped rows.
  'SELECT id, sum(x) OVER w1, count(*) OVER w2, rank() OVER (w1 ORDER BY id) FROM w WINDOW w1 AS (PARTITION BY g), w2 AS (w1 ORDER BY x, id ROWS 1 PRECEDING) ORDER BY id',
  'SELECT g, count(*), sum(count(*)) OVER (), rank() OVER (ORDER BY count(*) DESC, g), sum(sum(x)) OVER (ORDER BY g) FROM w GROUP BY g ORDER BY g',
  'SELECT g, avg(x), lag(avg(x)) OVER (ORDER BY g NULLS FIRST) FROM w GROUP BY g HAVING count(*) > 2 ORDER BY g',
  'SELECT DISTINCT g, count(*) OVER (PARTITION BY g) FROM w ORDER BY g',
  'SELECT id, row_number() OVER (ORDER BY x DESC, id) AS rn FROM w ORDER BY rn LIMIT 5 OFFSET 2',
  'SELECT * FROM (SELECT id, g, row_number() OVER (PARTITION BY g ORDER BY id DESC) AS rn FROM w) ranked WHERE rn <= 2 ORDER BY g, rn',
  'SELECT id, (SELECT count(*) FROM w AS inner_w WHERE inner_w.g = w.g) - row_number() OVER (PARTITION BY g ORDER BY id) FROM w ORDER BY id',
  'SELECT x, row_number() OVER (ORDER BY x), sum(x) OVER () FROM empty_w',
  'SELECT id, x, sum(x) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - x FROM w ORDER BY sum(x) OVER (ORDER BY id), id',
  // Errors.
  'SELECT id FROM w WHERE row_number() OVER () > 1',
  'SELECT row_number() OVER (ORDER BY row_number() OVER ()) FROM w',
  'SELECT sum(row_number() OVER ()) FROM w',
  'SELECT row_number() FROM w',
  'SELECT lower(s) OVER () FROM w',
  'SELECT count(DISTINCT x) OVER () FROM w',
  'SELECT array_agg(x ORDER BY x) OVER () FROM w',
  'SELECT row_number() FILTER (WHERE x > 1) OVER () FROM w',
  'SELECT sum(x) OVER nope FROM w',
  'SELECT sum(x) OVER (w ORDER BY x) FROM w WINDOW w AS (ORDER BY id)',
  'SELECT sum(x) OVER (w PARTITION BY x) FROM w WINDOW w AS (ORDER BY id)',
  'SELECT sum(x) OVER (w) FROM w WINDOW w AS (ROWS UNBOUNDED PRECEDING)',
  'SELECT sum(x) OVER w FROM w WINDOW w AS (), w AS ()',
  'SELECT sum(x) OVER (ORDER BY x, id RANGE 1 PRECEDING) FROM w',
  'SELECT sum(x) OVER (ORDER BY s RANGE 1 PRECEDING) FROM w',
  'SELECT sum(x) OVER (ORDER BY x RANGE 1.5 PRECEDING) FROM w',
  'SELECT sum(x) OVER (GROUPS 1 PRECEDING) FROM w',
  'SELECT sum(x) OVER (ROWS x PRECEDING) FROM w',
  'SELECT sum(x) OVER (ROWS sum(x) PRECEDING) FROM w',
  'SELECT id FROM w GROUP BY row_number() OVER ()',
  'SELECT g FROM w GROUP BY g HAVING row_number() OVER () > 1',
  'SELECT ntile(0) OVER () FROM w',
  'SELECT nth_value(x, 0) OVER () FROM w',
  'SELECT sum(x) OVER (ROWS -1 PRECEDING) FROM w',
  'SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND NULL FOLLOWING) FROM w',
  'SELECT sum(x) OVER (ORDER BY x RANGE -1 PRECEDING) FROM w',
  'SELECT sum(x) OVER (ORDER BY x GROUPS BETWEEN CURRENT ROW AND -2 FOLLOWING) FROM w',
  'SELECT sum(x) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM w',
  'SELECT sum(x) OVER (ROWS 1 FOLLOWING) FROM w',
  'SELECT count(*) FILTER (WHERE row_number() OVER () > 1) FROM w',
  'SELECT row_number(1) OVER () FROM w',
  'VALUES (row_number() OVER ())',
  'SELECT * FROM w a JOIN w b ON row_number() OVER () = 1',
  'SELECT * FROM w LIMIT row_number() OVER ()',
  'DELETE FROM empty_w WHERE row_number() OVER () = 1',
  "SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 'a' FOLLOWING) FROM w",
  'SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 3000000000 FOLLOWING) FROM w',
  // Windows in set operations and correlated subqueries.
  'SELECT id, rank() OVER (ORDER BY x) FROM w UNION ALL SELECT 0, count(*) OVER () FROM w ORDER BY 1, 2',
  'SELECT id, (SELECT max(r) FROM (SELECT row_number() OVER (ORDER BY w2.id) AS r FROM w w2 WHERE w2.g = w.g) s) FROM w ORDER BY id',
]

async function runEngine(session: Session, sql: string): Promise<Outcome> {
  const { results, error } = await session.execute(sql)
  if (error !== undefined) {
    return { kind: 'error', code: error.code, message: error.message, position: error.position }
  }
  const result = results[0]
  assert.ok(result !== undefined)
  const columns = result.columns
  if (columns === undefined) return { kind: 'command' }
  return {
    kind: 'rows',
    columns: columns.map((column) => column.name),
    rows: result.rows.map((row) =>
      row.map((value, i) => formatValueText(value, columns[i]?.typeOid ?? 0)),
    ),
  }
}

async function runPostgres(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const result = await client.query({
      text: sql,
      rowMode: 'array',
      types: { getTypeParser: () => (v: string) => v },
    })
    if (result.fields.length === 0 && result.command !== 'SELECT') return { kind: 'command' }
    return {
      kind: 'rows',
      columns: result.fields.map((field) => field.name),
      rows: result.rows as (string | null)[][],
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
const schema = `bkg_window_${process.pid}`

before(async () => {
  database = await openDatabase({ path: ':memory:' })
  session = database.createSession({ user: 'postgres' })
  client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' })
  await client.connect()
  await client.query(`CREATE SCHEMA ${schema}`)
  await client.query(`SET search_path = ${schema}`)
  for (const sql of setup) {
    assert.deepEqual(await runEngine(session, sql), await runPostgres(client, sql), sql)
  }
})

after(async () => {
  await client.query(`DROP SCHEMA ${schema} CASCADE`)
  await client.end()
  await database.close()
})

test('window queries over generated data agree with PostgreSQL', async () => {
  const failures: string[] = []
  for (const sql of queries) {
    const expected = await runPostgres(client, sql)
    const actual = await runEngine(session, sql)
    try {
      assert.deepEqual(actual, expected)
    } catch (error: unknown) {
      const detail = error instanceof Error ? error.message : String(error)
      failures.push(`${sql}\n${detail.split('\n').slice(0, 40).join('\n')}`)
    }
  }
  assert.deepEqual(failures, [])
})
