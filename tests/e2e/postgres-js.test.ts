/**
 * postgres.js (`postgres`) in its default mode, against the built bkg-db and against the real
 * PostgreSQL 15 side by side: tagged-template queries run as named prepared statements over the
 * extended protocol (Parse with Describe of the statement, then Bind/Execute), `sql.unsafe`
 * (unnamed statements, and the simple protocol for multi-statement text), transactions with
 * `sql.begin` (commit, rollback on a thrown error, savepoints), cursors (Execute with a row
 * limit and PortalSuspended), `.describe()`, `.values()`, errors, and 8 pooled connections.
 * The transcripts must be equal.
 *
 * postgres.js's default `fetch_types`: at connect it reads the array types from
 * pg_catalog.pg_type, so arrays are sent and parsed as arrays on both sides.
 */
import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { after, before, describe, it } from 'node:test'
import postgres from 'postgres'
import {
  comparable,
  type DriverTarget,
  type DriverTargets,
  openDriverTargets,
} from '../support/driver-targets.js'

type Sql = postgres.Sql<Record<string, never>>

/** COPY as postgres.js runs it: a tagged template (Parse/Bind/Execute) whose Execute answers
 * CopyInResponse / CopyOutResponse; `.writable()` and `.readable()` stream the data. */
async function copyScenario(target: DriverTarget): Promise<unknown> {
  const sql = connect(target)
  try {
    await sql`CREATE TABLE pjcopy (id int, name text)`
    const writable = await sql`COPY pjcopy FROM STDIN`.writable()
    await pipeline(Readable.from(['1\tone\n', '2\ttwo\n3\t\\N\n']), writable)
    const rows = await sql`SELECT id, name FROM pjcopy ORDER BY id`
    const readable = await sql`COPY pjcopy TO STDOUT (FORMAT csv, HEADER)`.readable()
    let csv = ''
    for await (const chunk of readable) csv += String(chunk)
    await sql`DROP TABLE pjcopy`
    return comparable({ rows: [...rows], csv })
  } finally {
    await sql.end()
  }
}
type Transcript = [string, unknown][]

function connect(target: DriverTarget, max = 1): Sql {
  return postgres({
    host: target.host,
    port: target.port,
    user: target.user,
    ...(target.password === undefined ? {} : { password: target.password }),
    database: target.database,
    connection: target.settings,
    max,
    onnotice: () => undefined,
  })
}

function describeError(error: unknown): unknown {
  if (!(error instanceof postgres.PostgresError)) return { notAPostgresError: String(error) }
  const { code, message, detail, hint, position, severity } = error
  return comparable({
    code,
    message,
    detail,
    hint,
    position,
    severity,
    table: error.table_name,
    column: error.column_name,
    constraint: error.constraint_name,
  })
}

async function record(
  transcript: Transcript,
  label: string,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    const result = await run()
    const extra =
      Array.isArray(result) && 'command' in result
        ? { command: result.command, count: (result as { count?: unknown }).count }
        : {}
    transcript.push([
      label,
      comparable({ result: Array.isArray(result) ? [...result] : result, ...extra }),
    ])
  } catch (error) {
    transcript.push([label, { error: describeError(error) }])
  }
}

async function scenario(target: DriverTarget): Promise<Transcript> {
  const transcript: Transcript = []
  const sql = connect(target)
  try {
    await record(
      transcript,
      'create',
      () => sql`
      CREATE TABLE people (
        id int PRIMARY KEY, name text NOT NULL, born date, score numeric(6,2), tags text[],
        meta jsonb, photo bytea, seen timestamptz, visits int8, active bool
      )`,
    )
    const people = [
      {
        id: 1,
        name: 'Ada',
        born: '1815-12-10',
        score: '99.50',
        tags: '{math,"first programmer"}',
        meta: { langs: ['en', 'fr'] },
        photo: Buffer.from([1, 2, 3]),
        seen: new Date('2024-05-01T10:00:00Z'),
        visits: '9007199254740993',
        active: true,
      },
      {
        id: 2,
        name: 'Grace',
        born: null,
        score: null,
        tags: '{}',
        meta: null,
        photo: null,
        seen: null,
        visits: null,
        active: false,
      },
      {
        id: 3,
        name: 'Édouard ✓',
        born: '2000-02-29',
        score: '-1.25',
        tags: '{NULL,x}',
        meta: [],
        photo: Buffer.alloc(0),
        seen: new Date(0),
        visits: '-1',
        active: null,
      },
    ]
    for (const person of people) {
      await record(transcript, 'insert', () => sql`INSERT INTO people ${sql(person)} RETURNING id`)
    }
    for (const id of [1, 2, 3, 4]) {
      await record(
        transcript,
        'select by id (one prepared statement)',
        () => sql`SELECT * FROM people WHERE id = ${id}`,
      )
    }
    await record(
      transcript,
      'parameters of many types',
      () =>
        sql`SELECT ${1}::int + 1 AS n, ${'x'}::text AS t, ${true}::bool AS b, ${new Date('2020-01-01T00:00:00Z')}::timestamptz AS ts, ${12.5}::float8 AS f, ${'{"a":1}'}::jsonb AS j`,
    )
    await record(
      transcript,
      'in list',
      () => sql`SELECT id FROM people WHERE id IN ${sql([1, 3])} ORDER BY id`,
    )
    // With fetch_types, arrays come back parsed and go out as arrays.
    await record(
      transcript,
      'arrays',
      () =>
        sql`SELECT ${sql.array([1, 2, 3])}::int4[] AS ints, ARRAY['a', 'b'] AS texts, ARRAY[1.5]::float8[] AS floats, tags FROM people ORDER BY id`,
    )
    await record(transcript, 'values', () => sql`SELECT id, name FROM people ORDER BY id`.values())
    await record(transcript, 'describe', async () => {
      const described = await sql`SELECT id, name FROM people WHERE id = ${1}`.describe()
      return {
        types: described.types,
        columns: described.columns.map((column) => [column.name, column.type]),
      }
    })
    await record(transcript, 'cursor', async () => {
      const batches: unknown[] = []
      for await (const rows of sql`SELECT id FROM people ORDER BY id`.cursor(2)) {
        batches.push([...rows])
      }
      return batches
    })
    await record(transcript, 'unsafe with parameters', () =>
      sql.unsafe('SELECT $1::int + 1 AS x, $2::text AS y', [41, 'z']),
    )
    await record(transcript, 'unsafe, several statements', () =>
      sql.unsafe('SELECT 1 AS a; SELECT 2 AS b'),
    )
    await record(transcript, 'commit', () =>
      sql.begin(async (tx) => {
        await tx`UPDATE people SET visits = visits + 1 WHERE id = ${1}`
        return tx`SELECT visits FROM people WHERE id = ${1}`
      }),
    )
    await record(transcript, 'rollback on throw', () =>
      sql.begin(async (tx) => {
        await tx`DELETE FROM people WHERE id = ${2}`
        throw new Error('changed my mind')
      }),
    )
    await record(transcript, 'savepoint', () =>
      sql.begin(async (tx) => {
        await tx`UPDATE people SET name = ${'Grace H.'} WHERE id = ${2}`
        await tx
          .savepoint(async (sp) => {
            await sp`DELETE FROM people WHERE id = ${3}`
            throw new Error('undo the delete only')
          })
          .catch(() => undefined)
        return tx`SELECT id, name FROM people ORDER BY id`
      }),
    )
    await record(
      transcript,
      'duplicate key',
      () => sql`INSERT INTO people (id, name) VALUES (${1}, ${'again'})`,
    )
    await record(
      transcript,
      'not null',
      () => sql`INSERT INTO people (id, name) VALUES (${9}, ${null})`,
    )
    await record(transcript, 'bad input', () => sql`SELECT ${'nope'}::int`)
    await record(transcript, 'division', () => sql`SELECT 1 / ${0}::int AS q`)
    await record(transcript, 'error in transaction', () =>
      sql.begin(async (tx) => {
        await tx`UPDATE people SET name = ${'never'} WHERE id = ${1}`
        await tx`SELECT 1 / ${0}::int`
      }),
    )
    await record(
      transcript,
      'after errors',
      () => sql`SELECT id, name, visits FROM people ORDER BY id`,
    )
  } finally {
    await sql.end()
  }
  return transcript
}

/** 8 pooled connections, 40 concurrent queries: every answer belongs to its query. */
async function poolScenario(target: DriverTarget): Promise<unknown> {
  const sql = connect(target, 8)
  try {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        sql`SELECT ${index}::int * 2 AS doubled, count(*)::int AS n FROM people WHERE id <= ${index}`.then(
          (rows) => rows[0],
        ),
      ),
    )
    return comparable(answers)
  } finally {
    await sql.end()
  }
}

describe('postgres.js against PostgreSQL', () => {
  let targets: DriverTargets

  before(async () => {
    targets = await openDriverTargets('pgjs')
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

  it('streams COPY FROM STDIN and COPY TO STDOUT through the extended protocol', async () => {
    assert.deepEqual(await copyScenario(targets.bkg), await copyScenario(targets.postgres))
  })

  it('answers concurrent queries from 8 connections as PostgreSQL does', async () => {
    assert.deepEqual(await poolScenario(targets.bkg), await poolScenario(targets.postgres))
  })
})
