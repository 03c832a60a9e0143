/**
 * The simple query protocol's answer to one Query message: per statement result a
 * RowDescription (when it returns rows), its DataRows in text format, its notices and a
 * CommandComplete; then the error that stopped the rest, or EmptyQueryResponse when the text
 * held no statement. The caller sends ReadyForQuery after it.
 *
 * Rows are written in batches of pgSendBufferBytesMax, waiting for the socket to drain between
 * batches, so a large result reaches a slow client without piling up in server memory beyond
 * what the engine already materialised. Binary format comes with the extended protocol (#6).
 */
import {
  assert,
  type ColumnDescription,
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
  emptyQueryResponse,
  errorResponse,
  noticeResponse,
  rowDescription,
} from './codec/index.js'
import type { SocketOutput } from './socket-output.js'

/** Runs `sql`; never rejects: anything thrown becomes the outcome's error. */
export async function executeQuery(session: Session, sql: string): Promise<ExecuteOutcome> {
  try {
    return await session.execute(sql)
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
    for (const row of result.rows) {
      output.queue(dataRow(formatRow(row, columns, result.typeContext)))
      if (output.pendingBytes < pgSendBufferBytesMax) continue
      await output.flush()
      if (output.isClosed) return
    }
  }
  for (const notice of result.notices) output.queue(noticeResponse(notice))
  output.queue(commandComplete(result.commandTag))
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

function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error
  const message = error instanceof Error ? error.message : String(error)
  const cause =
    error instanceof InternalError ? error : new InternalError(message, { cause: error })
  return new SqlError(SqlState.internalError, `internal error: ${message}`, {}, { cause })
}
