/**
 * node-postgres with the extended query protocol (every query with values, or a name, or
 * binary results, goes Parse/Bind/Describe/Execute/Sync), run against the built bkg-db and
 * against the real PostgreSQL 15 side by side: the transcripts (rows as pg decodes them, field
 * types and formats, command tags, error fields) must be equal. Covers parameterised queries,
 * named prepared statements reused, binary results (`binary: true`) and binary parameters
 * (Buffers), row-mode arrays, errors (the connection carries on), transactions, and a pool of 8
 * running concurrent queries. Row-limited Execute (PortalSuspended) is covered byte by byte in
 * packages/server/src/pgwire/extended-query.test.ts: pg has no row limit without pg-cursor,
 * which is not worth a dependency for that.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import pg from 'pg'
import {
  clientConfig,
  comparable,
  type DriverTarget,
  type DriverTargets,
  openDriverTargets,
} from '../support/driver-targets.js'

type Transcript = [string, unknown][]

/**
 * A query forced onto the extended protocol with pg's options its type definitions do not list:
 * `binary` (results in binary format) and `rows` (Execute fetches that many rows at a time,
 * the rest after each PortalSuspended).
 */
function extendedQuery(
  text: string,
  values: unknown[],
  options: { readonly binary?: boolean; readonly rows?: number },
): pg.QueryConfig {
  const query: pg.QueryConfig & typeof options & { readonly queryMode: 'extended' } = {
    text,
    values,
    queryMode: 'extended',
    ...options,
  }
  return query
}

function describeResult(result: pg.QueryResult): unknown {
  return comparable({
    command: result.command,
    rowCount: result.rowCount,
    fields: result.fields.map((field) => [field.name, field.dataTypeID, field.format]),
    rows: result.rows,
  })
}

function describeError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return { notADatabaseError: String(error) }
  const { code, message, detail, hint, position, table, column, constraint, severity } = error
  return comparable({ code, message, detail, hint, position, table, column, constraint, severity })
}

/** Runs `query` and records its result or its error under `label`. */
async function record(
  transcript: Transcript,
  label: string,
  query: () => Promise<pg.QueryResult>,
): Promise<void> {
  try {
    transcript.push([label, describeResult(await query())])
  } catch (error) {
    transcript.push([label, { error: describeError(error) }])
  }
}

const createItems = `CREATE TABLE items (
  id int PRIMARY KEY, name text NOT NULL, price numeric(10,2), tags text[], created timestamptz,
  data jsonb, raw bytea, big int8, ratio float8, flag bool, day date, span interval, uid uuid
)`

const insertItem =
  'INSERT INTO items VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)'

const itemValues: unknown[][] = [
  [
    1,
    'widget',
    '12.50',
    ['a', 'b c', null],
    new Date('2024-02-29T12:34:56.789Z'),
    { k: [1, 2], s: 'x' },
    Buffer.from([0, 1, 254, 255]),
    '9007199254740993',
    0.1,
    true,
    '2024-02-29',
    '1 year 2 mons 3 days 04:05:06.5',
    'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
  ],
  [2, 'gadget', null, [], null, null, null, null, null, null, null, null, null],
  [
    3,
    'ünïcode ✓',
    '-0.01',
    ['{braces}', '"quoted"'],
    new Date(0),
    [],
    Buffer.alloc(0),
    '-1',
    -2.5e-10,
    false,
    '1999-12-31',
    '-1 days +02:00:00',
    '00000000-0000-0000-0000-000000000000',
  ],
]

async function scenario(target: DriverTarget): Promise<Transcript> {
  const transcript: Transcript = []
  const client = new pg.Client(clientConfig(target))
  await client.connect()
  try {
    await record(transcript, 'create', () => client.query(createItems))
    for (const values of itemValues) {
      await record(transcript, 'insert named', () =>
        client.query({ name: 'insert-item', text: insertItem, values }),
      )
    }
    await record(transcript, 'parameters', () =>
      client.query('SELECT $1::int + $2::int AS sum, $3::text AS t, $4::bool AS b', [
        40,
        2,
        'x',
        true,
      ]),
    )
    await record(transcript, 'select text', () =>
      client.query('SELECT * FROM items WHERE id = ANY($1::int[]) ORDER BY id', [[1, 2, 3]]),
    )
    await record(transcript, 'select binary', () =>
      client.query(
        extendedQuery(
          'SELECT id, name, big, ratio, flag, day, created, data, raw, uid, price, tags FROM items ORDER BY id',
          [],
          { binary: true },
        ),
      ),
    )
    await record(transcript, 'binary expressions', () =>
      client.query(
        extendedQuery(
          "SELECT 1::int2 AS s, 2::int4 AS i, NULL::int8 AS n, 'x'::varchar AS v, 'y'::name AS nm, 26::oid AS o, '{1,NULL,3}'::int4[] AS a, '[0:1][1:2]={{1,2},{3,4}}'::int8[] AS m, '12:00'::time AS tm, '2000-01-01 00:00'::timestamp AS ts, $1::bytea AS raw",
          [Buffer.from('binary param')],
          { binary: true },
        ),
      ),
    )
    await record(transcript, 'paged rows', () =>
      client.query(extendedQuery('SELECT id, name FROM items ORDER BY id', [], { rows: 1 })),
    )
    await record(transcript, 'row mode', () =>
      client.query({ text: 'SELECT id, name FROM items ORDER BY id', rowMode: 'array' }),
    )
    for (let run = 0; run < 3; run++) {
      await record(transcript, 'named select reused', () =>
        client.query({
          name: 'by-id',
          text: 'SELECT name, price FROM items WHERE id = $1',
          values: [run + 1],
        }),
      )
    }
    await record(transcript, 'duplicate key', () => client.query(insertItem, itemValues[0]))
    await record(transcript, 'bad parameter', () => client.query('SELECT $1::int AS n', ['nope']))
    await record(transcript, 'division', () => client.query('SELECT 1 / $1::int AS q', [0]))
    await record(transcript, 'missing table', () =>
      client.query('SELECT * FROM nowhere WHERE a = $1', [1]),
    )
    await record(transcript, 'after errors', () =>
      client.query('SELECT count(*)::int AS n FROM items'),
    )
    await record(transcript, 'begin', () => client.query('BEGIN'))
    await record(transcript, 'update in block', () =>
      client.query('UPDATE items SET name = $1 WHERE id = $2', ['renamed', 1]),
    )
    await record(transcript, 'error in block', () => client.query('SELECT $1::int', ['x']))
    await record(transcript, 'aborted block', () => client.query('SELECT $1::int', [1]))
    await record(transcript, 'rollback', () => client.query('ROLLBACK'))
    await record(transcript, 'rolled back', () =>
      client.query('SELECT name FROM items WHERE id = $1', [1]),
    )
    await record(transcript, 'begin again', () => client.query('BEGIN'))
    await record(transcript, 'delete in block', () =>
      client.query('DELETE FROM items WHERE id = $1', [2]),
    )
    await record(transcript, 'commit', () => client.query('COMMIT'))
    await record(transcript, 'committed', () => client.query('SELECT id FROM items ORDER BY id'))
  } finally {
    await client.end()
  }
  return transcript
}

/** 8 pooled connections, 40 concurrent parameterised queries: every answer belongs to its query. */
async function poolScenario(target: DriverTarget): Promise<unknown> {
  const pool = new pg.Pool({ ...clientConfig(target), max: 8 })
  try {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        pool
          .query('SELECT $1::int * 2 AS doubled, count(*)::int AS n FROM items WHERE id <= $1', [
            index,
          ])
          .then((result) => result.rows[0]),
      ),
    )
    assert.ok(pool.totalCount <= 8)
    return answers
  } finally {
    await pool.end()
  }
}

describe('node-postgres, extended protocol, against PostgreSQL', () => {
  let targets: DriverTargets

  before(async () => {
    targets = await openDriverTargets('pgext')
  })

  after(async () => {
    await targets.dispose()
  })

  it('gives the same transcript as PostgreSQL 15', async () => {
    const expected = await scenario(targets.postgres)
    const actual = await scenario(targets.bkg)
    for (const [index, [label, result]] of expected.entries()) {
      assert.deepEqual(actual[index], [label, result], `step ${index}: ${label}`)
    }
    assert.equal(actual.length, expected.length)
  })

  it('answers concurrent queries from a pool of 8 as PostgreSQL does', async () => {
    assert.deepEqual(await poolScenario(targets.bkg), await poolScenario(targets.postgres))
  })
})
