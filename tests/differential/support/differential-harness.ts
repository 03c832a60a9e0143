/**
 * DifferentialHarness: one embedded bkg-db database (in-process, in memory) and one PostgreSQL
 * connection (the oracle, `BKG_DIFF_PG_URL` or 127.0.0.1:5432) that receive the same statements.
 * Each harness works in a fresh schema on PostgreSQL, dropped on close, so runs never collide;
 * both sides pin the settings output depends on (DateStyle, TimeZone, extra_float_digits), so
 * the text of every value can be compared exactly.
 *
 * Outcomes are in the comparable form of compare-outcomes.ts: values as PostgreSQL's text output
 * (the engine's through `formatValueText`), type OIDs, command tags as node-postgres reports them
 * (first word and row count), errors as SQLSTATE and message.
 */
import { type Database, formatValueText, openDatabase, type Session } from '@bkg-db/engine'
import pg from 'pg'
import type { Outcome } from './compare-outcomes.js'

/** Settings both sides run with: PostgreSQL's defaults, pinned against a customised server. */
const pinnedSettings = [
  "SET DateStyle = 'ISO, MDY'",
  "SET TimeZone = 'UTC'",
  "SET IntervalStyle = 'postgres'",
  'SET extra_float_digits = 1',
]

/** A runaway generated query must not stall the run; the engine side is bounded by its data. */
const postgresStatementTimeoutMs = 10_000

let schemasCreated = 0

export interface DifferentialHarnessOptions {
  /** node-postgres connection string; default `BKG_DIFF_PG_URL` or the local server. */
  readonly postgresUrl?: string
}

export class DifferentialHarness {
  readonly schema: string
  readonly #database: Database
  readonly #session: Session
  readonly #client: pg.Client

  private constructor(schema: string, database: Database, session: Session, client: pg.Client) {
    this.schema = schema
    this.#database = database
    this.#session = session
    this.#client = client
  }

  static async open(options: DifferentialHarnessOptions = {}): Promise<DifferentialHarness> {
    const url =
      options.postgresUrl ??
      process.env['BKG_DIFF_PG_URL'] ??
      'postgres://postgres@127.0.0.1:5432/postgres'
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    schemasCreated += 1
    const schema = `bkg_diff_${process.pid}_${schemasCreated}`
    const database = await openDatabase({ path: ':memory:' })
    const session = database.createSession({ user: 'postgres' })
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await client.query(`CREATE SCHEMA ${schema}`)
      await client.query(`SET search_path = ${schema}`)
      await client.query(`SET statement_timeout = ${postgresStatementTimeoutMs}`)
      for (const sql of pinnedSettings) {
        await client.query(sql)
        expectSuccess(await runEngine(session, sql), sql, 'bkg-db')
      }
    } catch (error: unknown) {
      await client.end()
      await database.close()
      throw error
    }
    return new DifferentialHarness(schema, database, session, client)
  }

  /** Runs statements that must succeed on both sides (schema and data); throws otherwise. */
  async setup(statements: readonly string[]): Promise<void> {
    for (const sql of statements) {
      const { engine, postgres } = await this.run(sql)
      expectSuccess(postgres, sql, 'PostgreSQL')
      expectSuccess(engine, sql, 'bkg-db')
    }
  }

  /** Runs one statement on both sides, PostgreSQL first. */
  async run(sql: string): Promise<{ engine: Outcome; postgres: Outcome }> {
    const postgres = await runPostgres(this.#client, sql)
    const engine = await runEngine(this.#session, sql)
    return { engine, postgres }
  }

  async close(): Promise<void> {
    try {
      await this.#client.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`)
    } finally {
      await this.#client.end()
      this.#session.close()
      await this.#database.close()
    }
  }
}

function expectSuccess(outcome: Outcome, sql: string, side: string): void {
  if (outcome.kind === 'error') {
    throw new Error(`${side} failed on setup statement ${sql}: ${outcome.code} ${outcome.message}`)
  }
}

/** node-postgres reports a command tag as its first word and the row count. */
function tagOf(command: string, rowCount: number | null | undefined): string {
  return rowCount === null || rowCount === undefined ? command : `${command} ${rowCount}`
}

export async function runEngine(session: Session, sql: string): Promise<Outcome> {
  const { results, error } = await session.execute(sql)
  if (error !== undefined) return { kind: 'error', code: error.code, message: error.message }
  const result = results[results.length - 1]
  if (result === undefined) return { kind: 'command', tag: '' }
  const tag = tagOf(result.commandTag.split(' ')[0] ?? '', result.rowCount)
  const columns = result.columns
  if (columns === undefined) return { kind: 'command', tag }
  return {
    kind: 'rows',
    columns: columns.map((column) => ({ name: column.name, typeOid: column.typeOid })),
    rows: result.rows.map((row) =>
      row.map((value, i) => formatValueText(value, columns[i]?.typeOid ?? 0, result.typeContext)),
    ),
    tag,
  }
}

export async function runPostgres(client: pg.Client, sql: string): Promise<Outcome> {
  try {
    const result = await client.query<(string | null)[]>({
      text: sql,
      rowMode: 'array',
      types: { getTypeParser: () => (value: string) => value },
    })
    const tag = tagOf(result.command, result.rowCount)
    if (result.fields.length === 0 && result.command !== 'SELECT') return { kind: 'command', tag }
    return {
      kind: 'rows',
      columns: result.fields.map((field) => ({ name: field.name, typeOid: field.dataTypeID })),
      rows: result.rows,
      tag,
    }
  } catch (error: unknown) {
    // A SQLSTATE is five digits or capitals; node's own errors (ECONNRESET) are not answers.
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      if (!/^[0-9A-Z]{5}$/.test(error.code)) throw error
      return { kind: 'error', code: error.code, message: error.message }
    }
    throw error
  }
}
