/**
 * The simple query protocol's answer to one Query message: per statement result a
 * RowDescription (when it returns rows), its DataRows in text format, its notices and a
 * CommandComplete; then the error that stopped the rest, or EmptyQueryResponse when the text
 * held no statement. The caller sends ReadyForQuery after it.
 *
 * Rows are written in batches of pgSendBufferBytesMax, waiting for the socket to drain between
 * batches, so a large result reaches a slow client without piling up in server memory beyond
 * what the engine already materialised. The extended protocol (extended-query.ts) writes its rows
 * with writeRows too, in text or binary per column.
 */
import {
  assert,
  type ColumnDescription,
  type CopyHandler,
  type ExecuteOutcome,
  formatValueText,
  InternalError,
  type Row,
  type Session,
  SqlError,
  SqlState,
  type StatementResult,
  type TypeContext,
} from '@bkg-db/engine'
import { pgSendBufferBytesMax } from '../limits.js'
import {
  commandComplete,
  dataRow,
  dataRowEncoded,
  emptyQueryResponse,
  errorResponse,
  noticeResponse,
  rowDescription,
} from './codec/index.js'
import type { SocketOutput } from './socket-output.js'
import { encodeValue, textFormat } from './value-codec.js'

/** Runs `sql`; never rejects: anything thrown becomes the outcome's error. */
export async function executeQuery(
  session: Session,
  sql: string,
  copy?: CopyHandler,
): Promise<ExecuteOutcome> {
  try {
    return await session.execute(sql, undefined, copy === undefined ? undefined : { copy })
  } catch (error) {
    return { results: [], error: toSqlError(error) }
  }
}

/** Queues (and flushes, as batches fill) every message of `outcome`, except ReadyForQuery. */
export async function writeQueryOutcome(
  outcome: ExecuteOutcome,
  output: SocketOutput,
): Promise<void> {
  for (const result of outcome.results) {
    if (output.isClosed) return
    await writeStatementResult(result, output)
  }
  if (outcome.error !== undefined) {
    output.queue(errorResponse(outcome.error))
  } else if (outcome.results.length === 0) {
    output.queue(emptyQueryResponse())
  }
}

async function writeStatementResult(result: StatementResult, output: SocketOutput): Promise<void> {
  const columns = result.columns
  if (columns === undefined) {
    assert(result.rows.length === 0, 'a result without columns has no rows')
  } else {
    output.queue(rowDescription(columns))
    await writeRows(result.rows, columns, result.typeContext, output)
    if (output.isClosed) return
  }
  for (const notice of result.notices) output.queue(noticeResponse(notice))
  output.queue(commandComplete(result.commandTag))
}

/**
 * Queues a DataRow per row, in each column's format (`formats`: Bind's result format codes,
 * one per column; absent: all text), flushing whenever pgSendBufferBytesMax is queued.
 */
export async function writeRows(
  rows: readonly Row[],
  columns: readonly ColumnDescription[],
  context: TypeContext | undefined,
  output: SocketOutput,
  formats?: readonly number[],
): Promise<void> {
  const isText = formats === undefined || formats.every((format) => format === textFormat)
  for (const row of rows) {
    output.queue(
      isText
        ? dataRow(formatRow(row, columns, context))
        : dataRowEncoded(encodeRow(row, columns, formats, context)),
    )
    if (output.pendingBytes < pgSendBufferBytesMax) continue
    await output.flush()
    if (output.isClosed) return
  }
}

function encodeRow(
  row: Row,
  columns: readonly ColumnDescription[],
  formats: readonly number[],
  context: TypeContext | undefined,
): (Uint8Array | null)[] {
  assert(row.length === columns.length, 'a row has one value per column')
  return row.map((value, index) => {
    const column = columns[index]
    assert(column !== undefined, 'a row has one value per column')
    return encodeValue(value, column, formats[index] ?? textFormat, context)
  })
}

function formatRow(
  row: Row,
  columns: readonly ColumnDescription[],
  context: TypeContext | undefined,
): (string | null)[] {
  assert(row.length === columns.length, 'a row has one value per column')
  return row.map((value, index) =>
    formatValueText(value, columns[index]?.type ?? columns[index]?.typeOid ?? 0, context),
  )
}

export function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error
  const message = error instanceof Error ? error.message : String(error)
  const cause =
    error instanceof InternalError ? error : new InternalError(message, { cause: error })
  return new SqlError(SqlState.internalError, `internal error: ${message}`, {}, { cause })
}
