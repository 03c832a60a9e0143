/**
 * SqlError: bad input or data, reported with a SQLSTATE and PostgreSQL's wording, because ORMs
 * and drivers match on both (`relation "x" does not exist`). The optional fields are those of
 * PostgreSQL's ErrorResponse; the edges (pgwire, HTTP) translate them, nothing else does.
 */
import { InternalError } from './internal-error.js'
import { SqlState, type SqlStateCode } from './sqlstate.js'

export type Severity = 'ERROR' | 'FATAL' | 'PANIC'

export interface SqlErrorFields {
  readonly detail?: string
  readonly hint?: string
  /** 1-based character offset into the statement text, as in PostgreSQL's `P` field. */
  readonly position?: number
  readonly schema?: string
  readonly table?: string
  readonly column?: string
  readonly dataType?: string
  readonly constraint?: string
  /** Where it happened (PostgreSQL's `W` field), e.g. `COPY t, line 3, column a: "x"`. */
  readonly where?: string
  readonly severity?: Severity
}

export class SqlError extends Error {
  override readonly name = 'SqlError'
  readonly code: SqlStateCode
  readonly detail: string | undefined
  readonly hint: string | undefined
  readonly position: number | undefined
  readonly schema: string | undefined
  readonly table: string | undefined
  readonly column: string | undefined
  readonly dataType: string | undefined
  readonly constraint: string | undefined
  readonly where: string | undefined
  readonly severity: Severity

  constructor(
    code: SqlStateCode,
    message: string,
    fields: SqlErrorFields = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.code = code
    this.detail = fields.detail
    this.hint = fields.hint
    this.position = fields.position
    this.schema = fields.schema
    this.table = fields.table
    this.column = fields.column
    this.dataType = fields.dataType
    this.constraint = fields.constraint
    this.where = fields.where
    this.severity = fields.severity ?? 'ERROR'
  }

  /** A copy with `where` (PostgreSQL's context line) set, for errors raised below the code that
   * knows where they happened. */
  withWhere(where: string): SqlError {
    return new SqlError(this.code, this.message, { ...this.fields(), where }, { cause: this })
  }

  /** A copy carrying a statement position, for errors raised before the position was known. */
  withPosition(position: number): SqlError {
    return new SqlError(this.code, this.message, { ...this.fields(), position }, { cause: this })
  }

  fields(): SqlErrorFields {
    const fields: { -readonly [K in keyof SqlErrorFields]: SqlErrorFields[K] } = {}
    if (this.detail !== undefined) fields.detail = this.detail
    if (this.hint !== undefined) fields.hint = this.hint
    if (this.position !== undefined) fields.position = this.position
    if (this.schema !== undefined) fields.schema = this.schema
    if (this.table !== undefined) fields.table = this.table
    if (this.column !== undefined) fields.column = this.column
    if (this.dataType !== undefined) fields.dataType = this.dataType
    if (this.constraint !== undefined) fields.constraint = this.constraint
    if (this.where !== undefined) fields.where = this.where
    fields.severity = this.severity
    return fields
  }
}

/**
 * Converts anything thrown while running a statement into the SqlError a client is shown.
 * InternalError and unexpected exceptions become XX000; a JavaScript stack overflow becomes
 * 54001, as PostgreSQL reports runaway recursion.
 */
export function toSqlError(error: unknown): SqlError {
  if (error instanceof SqlError) return error
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
      hint: 'The statement is nested too deeply.',
    })
  }
  if (error instanceof InternalError) {
    return new SqlError(SqlState.internalError, error.message, {}, { cause: error })
  }
  const message = error instanceof Error ? error.message : String(error)
  return new SqlError(SqlState.internalError, `internal error: ${message}`, {}, { cause: error })
}
