/**
 * Fixed-script differential tests: each statement of a script runs alone on the embedded engine
 * and on PostgreSQL 15 at 127.0.0.1:5432 (in a fresh schema), and the outcomes must be equal:
 * column names, rows in text format, command tags, and for errors the SQLSTATE, message and
 * position. Shared by the per-feature script tests (skeleton, set-returning functions).
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, formatValueText, openDatabase, type Session } from '@bkg-db/engine'
import pg from 'pg'

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
      row.map((value, i) => formatValueText(value, columns[i]?.type ?? columns[i]?.typeOid ?? 0)),
    ),
    // As node-postgres reports it: the first word and the row count (`INSERT 0 1` → `INSERT 1`).
    tag: `${word} ${result.commandTag.split(' ').at(-1) ?? ''}`,
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

/** Registers a test running `script` on both systems; `schemaPrefix` names the schema the
 * PostgreSQL side uses (suffixed with the process id, so parallel runs do not collide). */
export function scriptDifferentialTest(
  title: string,
  schemaPrefix: string,
  script: readonly string[],
): void {
  let database: Database
  let session: Session
  let client: pg.Client
  const schema = `${schemaPrefix}_${process.pid}`

  before(async () => {
    database = await openDatabase({ path: ':memory:' })
    session = database.createSession({ user: 'postgres' })
    client = new pg.Client({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
    })
    await client.connect()
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(`SET search_path = ${schema}`)
  })

  after(async () => {
    await client.query(`DROP SCHEMA ${schema} CASCADE`)
    await client.end()
    await database.close()
  })

  test(title, async () => {
    for (const sql of script) {
      const expected = await runPostgres(client, sql)
      const actual = await runEngine(session, sql)
      assert.deepEqual(actual, expected, sql)
    }
  })
}
