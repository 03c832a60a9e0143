/**
 * Errors of the engine: SqlError (bad input, with SQLSTATE), InternalError (a bug), and the
 * generated SQLSTATE table. Imports: nothing. Tests: sql-error.test.ts.
 */
export { InternalError } from './internal-error.js'
export { type Severity, SqlError, type SqlErrorFields, toSqlError } from './sql-error.js'
export { SqlState, type SqlStateCode, sqlStateCodes } from './sqlstate.js'
