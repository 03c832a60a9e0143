/**
 * The one table from SQLSTATE to HTTP status, used wherever an engine error leaves over HTTP.
 * A specific code wins over its class (the first two characters); anything not listed is 500.
 *
 *   Code or class  Status  Why
 *   08 connection exception         503  the backend is unreachable; try again later
 *   08P01 protocol violation        400  the request itself is malformed (parameter count)
 *   0A feature not supported        501  valid request bkg-db does not implement (yet)
 *   0L invalid grantor              403
 *   0P invalid role specification   403
 *   21 cardinality violation        400  the statement's data is wrong
 *   22 data exception               400  bad value: overflow, invalid text representation, ...
 *   23 integrity constraint         409  conflicts with stored data: duplicate key, foreign key
 *   25 invalid transaction state    400  the request's own statements misuse transactions
 *   26 invalid SQL statement name   400
 *   28 invalid authorization        401  who the client is was not accepted
 *   34 invalid cursor name          400
 *   3D invalid catalog name         400
 *   3F invalid schema name          400
 *   40 transaction rollback         409  serialization failure or deadlock: retry the request
 *   42 syntax or access rule        400  syntax error, unknown table or column, type mismatch
 *   42501 insufficient privilege    403  known client, not allowed
 *   44 WITH CHECK OPTION violation  400
 *   53 insufficient resources       503  disk full, out of memory, too many connections
 *   54 program limit exceeded       400  statement too complex or too large: change the request
 *   55 object not in prerequisite   409  object in use, lock not available
 *   57 operator intervention        503  query canceled, server shutting down
 *   58 system error                 500  I/O error
 *   P0001 raise exception           400  raised on purpose by the request's own SQL
 *   XX internal error               500  a bug in bkg-db
 *
 * PostgREST (src/PostgREST/Error.hs) maps 42P01 to 404 because its URLs name tables; here the
 * table is named in SQL the client wrote, so an unknown one is a bad request like any typo.
 */

/** The statuses this table and the API error table produce. */
export type ErrorHttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501 | 503

const statusByCode: Readonly<Record<string, ErrorHttpStatus>> = {
  // A protocol violation over HTTP is the request's fault (e.g. a wrong parameter count).
  '08P01': 400,
  '42501': 403,
  P0001: 400,
}

const statusByClass: Readonly<Record<string, ErrorHttpStatus>> = {
  '08': 503,
  '0A': 501,
  '0L': 403,
  '0P': 403,
  '21': 400,
  '22': 400,
  '23': 409,
  '25': 400,
  '26': 400,
  '28': 401,
  '34': 400,
  '3D': 400,
  '3F': 400,
  '40': 409,
  '42': 400,
  '44': 400,
  '53': 503,
  '54': 400,
  '55': 409,
  '57': 503,
  '58': 500,
  XX: 500,
}

export function httpStatusForSqlState(code: string): ErrorHttpStatus {
  return statusByCode[code] ?? statusByClass[code.slice(0, 2)] ?? 500
}
