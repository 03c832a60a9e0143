/**
 * Runs one sqllogictest file's records, in order, on one connection (a fresh database), as the
 * engine `postgresql`: records that skipif/onlyif exclude are not run, an applicable `halt` ends
 * the file. Each run record gives a RecordResult: pass, or fail with a reason (the grouping key
 * of the report: an error's SQLSTATE and message with names blanked out, or what went wrong
 * with the result) and a detail (expected vs got, or the whole error message).
 *
 * A record counts as passed only when the statement succeeds (`statement ok`) or fails
 * (`statement error`), or when the query succeeds with as many columns as the record declares
 * and its formatted values match after the sort mode (check-result.ts).
 *
 * The connection is an interface so the same code runs on the in-process engine
 * (engine-connection.ts) and on real PostgreSQL (pg-connection.ts), which validates the runner.
 */
import { checkResult, sortValues } from './check-result.js'
import { formatCell } from './format-value.js'
import {
  isTestRecord,
  planRecords,
  type QueryRecord,
  type SltRecord,
  type StatementRecord,
} from './parse-slt.js'

/** The engine name the corpus' skipif/onlyif lines are matched against. */
export const engineName = 'postgresql'

/** What running one record's SQL gave: the last result's columns and rows as text, or the error. */
export type RunOutcome =
  | {
      readonly kind: 'ok'
      /** pg_type OIDs of the columns; undefined when the statement returns no rows. */
      readonly columnTypeOids: readonly number[] | undefined
      readonly rows: readonly (readonly (string | null)[])[]
    }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }

export interface SltConnection {
  run(sql: string): Promise<RunOutcome>
  close(): Promise<void>
}

export interface RecordResult {
  readonly line: number
  readonly isPass: boolean
  /** Why it failed, as a grouping key; undefined for a pass. */
  readonly reason?: string
  /** Expected vs got, or the full error; undefined for a pass. */
  readonly detail?: string
  /**
   * For a failure because a table or view does not exist: the reason its CREATE statement
   * failed earlier in the file (the root of a cascade: one unsupported column type in a CREATE
   * TABLE fails every record that uses the table).
   */
  readonly cause?: string
}

/** Reasons that are not SQL errors. */
export const failureReasons = {
  unexpectedSuccess: 'statement succeeded but the record expects an error',
  columnCount: 'wrong number of result columns',
  noRows: 'query returned no result set',
  rowCount: 'wrong result: different number of values',
  values: 'wrong result: different values',
  invalidRecord: 'record the runner cannot parse',
  exception: 'runner exception',
} as const

const detailCharsMax = 600

function clip(text: string, charsMax: number): string {
  return text.length > charsMax ? `${text.slice(0, charsMax)}…` : text
}

/**
 * The grouping key of an error: SQLSTATE and message with quoted names and numbers blanked, so
 * `relation "t1" does not exist` and `relation "t2" does not exist` are one reason. Syntax errors
 * keep their token: which token is rejected says which feature is missing.
 */
export function errorReason(code: string, message: string): string {
  const firstLine = message.split('\n')[0] ?? ''
  const isSyntax = firstLine.startsWith('syntax error at or near')
  const blanked = isSyntax
    ? firstLine
    : firstLine.replace(/"[^"]*"/g, '"…"').replace(/\b\d+(\.\d+)?\b/g, 'N')
  return `${code} ${blanked}`
}

async function runStatement(
  connection: SltConnection,
  record: StatementRecord,
): Promise<RecordResult> {
  const outcome = await connection.run(record.sql)
  const line = record.line
  if (outcome.kind === 'error') {
    if (record.expectsError) return { line, isPass: true }
    return {
      line,
      isPass: false,
      reason: errorReason(outcome.code, outcome.message),
      detail: clip(`${outcome.code}: ${outcome.message}`, detailCharsMax),
    }
  }
  if (!record.expectsError) return { line, isPass: true }
  return { line, isPass: false, reason: failureReasons.unexpectedSuccess }
}

async function runQuery(connection: SltConnection, record: QueryRecord): Promise<RecordResult> {
  const outcome = await connection.run(record.sql)
  const line = record.line
  if (outcome.kind === 'error') {
    return {
      line,
      isPass: false,
      reason: errorReason(outcome.code, outcome.message),
      detail: clip(`${outcome.code}: ${outcome.message}`, detailCharsMax),
    }
  }
  const typeOids = outcome.columnTypeOids
  if (typeOids === undefined) return { line, isPass: false, reason: failureReasons.noRows }
  const letters = record.types
  if (typeOids.length !== letters.length) {
    return {
      line,
      isPass: false,
      reason: failureReasons.columnCount,
      detail: `expected ${letters.length} columns (${letters}), got ${typeOids.length}`,
    }
  }
  const values: string[] = []
  for (const row of outcome.rows) {
    for (let column = 0; column < letters.length; column++) {
      const cell = { text: row[column] ?? null, typeOid: typeOids[column] ?? 0 }
      values.push(formatCell(cell, letters[column] ?? 'T'))
    }
  }
  const check = checkResult(sortValues(values, letters.length, record.sortMode), record.expected)
  if (check.isMatch) return { line, isPass: true }
  const expectedCount =
    record.expected.kind === 'hash' ? record.expected.count : record.expected.values.length
  return {
    line,
    isPass: false,
    reason: expectedCount === values.length ? failureReasons.values : failureReasons.rowCount,
    detail: clip(`expected ${check.expected}; got ${check.actual}`, detailCharsMax),
  }
}

async function runRecord(connection: SltConnection, record: SltRecord): Promise<RecordResult> {
  try {
    switch (record.kind) {
      case 'statement':
        return await runStatement(connection, record)
      case 'query':
        return await runQuery(connection, record)
      case 'invalid':
        return {
          line: record.line,
          isPass: false,
          reason: failureReasons.invalidRecord,
          detail: record.problem,
        }
      default:
        throw new Error(`not a test record: ${record.kind}`)
    }
  } catch (error: unknown) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
    return {
      line: record.line,
      isPass: false,
      reason: failureReasons.exception,
      detail: clip(message, detailCharsMax),
    }
  }
}

/** The relation a CREATE TABLE / CREATE VIEW statement creates (lower case). */
const createPattern =
  /^\s*CREATE\s+(?:(?:TEMP|TEMPORARY)\s+)?(?:TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([A-Za-z_][A-Za-z0-9_]*)/i
/** The relation a 42P01 error names. */
const missingPattern = /(?:relation|table|view) "([^"]+)" does not exist/

/**
 * Tracks CREATE statements that failed, so later failures for want of their relation are
 * attributed to the CREATE's reason (a view over a missing table inherits the table's cause).
 */
class CascadeTracker {
  readonly #failedCreates = new Map<string, string>()

  attribute(record: SltRecord, result: RecordResult): RecordResult {
    const created =
      record.kind === 'statement' && !record.expectsError
        ? createPattern.exec(record.sql)?.[1]?.toLowerCase()
        : undefined
    if (result.isPass || result.reason === undefined) {
      if (created !== undefined) this.#failedCreates.delete(created)
      return result
    }
    let cause: string | undefined
    if (result.reason.startsWith('42P01 ')) {
      const missing = missingPattern.exec(result.detail ?? '')?.[1]?.toLowerCase()
      if (missing !== undefined) cause = this.#failedCreates.get(missing)
    }
    if (created !== undefined) this.#failedCreates.set(created, cause ?? result.reason)
    return cause === undefined ? result : { ...result, cause }
  }
}

/** Runs every record of `records` that the engine runs; `onResult` receives each result. */
export async function runRecords(
  records: readonly SltRecord[],
  connection: SltConnection,
  onResult: (result: RecordResult) => void,
): Promise<void> {
  const cascades = new CascadeTracker()
  for (const { record, isSkipped } of planRecords(records, engineName)) {
    if (isSkipped || !isTestRecord(record)) continue
    onResult(cascades.attribute(record, await runRecord(connection, record)))
  }
}
