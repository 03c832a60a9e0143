/**
 * What a statement returns to the caller: the shape pgwire turns into RowDescription, DataRow and
 * CommandComplete, and HTTP turns into JSON. Rows are fully materialised here; portals with row
 * limits come with the extended query protocol.
 */
import type { SqlError, SqlStateCode } from '../../errors/index.js'
import type { Row, SqlType, TypeContext } from '../../types/index.js'

export interface ColumnDescription {
  readonly name: string
  /** pg_type OID of the column's type (23 int4, 20 int8, 25 text, 16 bool, ...). */
  readonly typeOid: number
  /** pg_type.typlen: bytes of a fixed-size type, -1 for variable length. */
  readonly typeSize: number
  /** Type modifier (varchar length, numeric precision); -1 when none. */
  readonly typeModifier: number
  /** OID of the table the column comes from, 0 when it is computed. */
  readonly tableOid: number
  /** Attribute number in that table (1-based), 0 when computed. */
  readonly columnNumber: number
  /** The full type, for formatting values of types only the catalog knows (enums and their
   * arrays): pass it to formatValueText instead of typeOid. */
  readonly type?: SqlType
}

export interface Notice {
  readonly severity: 'NOTICE' | 'WARNING' | 'INFO' | 'DEBUG' | 'LOG'
  readonly code: SqlStateCode
  readonly message: string
  readonly detail?: string
  readonly hint?: string
}

export interface StatementResult {
  /** The command word(s): 'SELECT', 'INSERT', 'CREATE TABLE', 'BEGIN', ... */
  readonly command: string
  /** PostgreSQL's CommandComplete tag: 'SELECT 2', 'INSERT 0 3', 'DROP TABLE'. */
  readonly commandTag: string
  /** Present when the statement returns rows (even zero of them); absent otherwise. */
  readonly columns: readonly ColumnDescription[] | undefined
  readonly rows: readonly Row[]
  /** Rows returned or affected, for commands that count them; undefined for others. */
  readonly rowCount: number | undefined
  readonly notices: readonly Notice[]
  /** The session settings values print with (TimeZone, DateStyle, ...): pass to
   * formatValueText. Absent: PostgreSQL's defaults. */
  readonly typeContext?: TypeContext
}

/**
 * The outcome of a statement string: the results of the statements that ran, in order, and the
 * error that stopped the rest, if any. An empty string (or only comments) gives no results and
 * no error: pgwire answers it with EmptyQueryResponse.
 */
export interface ExecuteOutcome {
  readonly results: readonly StatementResult[]
  readonly error: SqlError | undefined
}

/** Transaction state between statements, as ReadyForQuery reports it (I, T, E). */
export type TransactionStatus = 'idle' | 'transaction' | 'failed'
