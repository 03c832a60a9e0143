/**
 * Server errors: ApiError (a bad HTTP request, with a BKG-<group><nn> code), the one table from
 * SQLSTATE to HTTP status, and ListenError (a listener could not bind).
 *
 * Not here: SqlError and SQLSTATEs (the engine's errors/), ConfigError (config.ts),
 * CredentialsError (credentials.ts).
 *
 * Invariants:
 *   1. A BKG code is never reused; retired codes stay listed in api-error.ts.
 *   2. Every SQL error leaving over HTTP gets its status from httpStatusForSqlState.
 * Imports: nothing of ours. Tests: http-status.test.ts.
 */
export { ApiError, type ApiErrorCode, type ApiErrorFields } from './api-error.js'
export { type ErrorHttpStatus, httpStatusForSqlState } from './http-status.js'
export { ListenError, type ListenFace } from './listen-error.js'
