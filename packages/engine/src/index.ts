/**
 * @bkg-db/engine: an embedded SQL database with PostgreSQL's dialect and semantics.
 *
 * Usable on its own, like SQLite or PGlite: `openDatabase()` gives a Database, a Database gives
 * Sessions, and a Session executes SQL text. No network code lives in this package; the server
 * package puts pgwire and HTTP in front of it.
 *
 * ```ts
 * const db = await openDatabase({ path: ':memory:' })
 * const session = db.createSession({ user: 'postgres' })
 * const { results, error } = await session.execute('SELECT 1 AS one')
 * ```
 *
 * Invariants:
 *   1. Everything thrown across this surface is a SqlError (with a SQLSTATE); bugs surface as
 *      SqlError XX000 carrying the InternalError as `cause`.
 *   2. A statement runs to completion synchronously; only waiting (durability, locks) is async.
 */
export {
  isScramVerifier,
  parseScramVerifier,
  type RoleLogin,
  scramVerifier,
  verifiesPassword,
} from './catalog/index.js'
export {
  type Database,
  type DatabaseOptions,
  openDatabase,
  type StorageStatistics,
} from './database.js'
export {
  InternalError,
  SqlError,
  type SqlErrorFields,
  SqlState,
  type SqlStateCode,
} from './errors/index.js'
export { MemoryVfs, NodeVfs, SimulatedVfs, type Vfs } from './kernel/index.js'
export { assert, assertNever } from './lib/assert.js'
export { Random } from './lib/random.js'
export {
  applyPolicies,
  type CompiledPolicies,
  compileAcl,
  compilePolicyDocuments,
  formatCompiledPolicies,
  type PolicySession,
  type PolicyTarget,
} from './policy/index.js'
export { authHelpers } from './session/auth-helpers.js'
export type {
  BindOptions,
  Portal,
  PortalResult,
  PreparedStatement,
  PrepareOptions,
} from './session/prepared-statement.js'
export type { Session, SessionOptions } from './session/session.js'
export type {
  ChangeBatch,
  ChangeBatchListener,
  CopyHandler,
  CopyStart,
  ExecuteOptions,
  RowChange,
} from './sql/execute/index.js'
export type {
  ColumnDescription,
  ExecuteOutcome,
  Notice,
  StatementResult,
  TransactionStatus,
} from './sql/execute/statement-result.js'
export { behaviourOf, isTypeImplemented } from './types/behaviours.js'
export { findTypeByOid, type SqlType } from './types/sql-type.js'
export { formatValueText } from './types/text-format.js'
export { defaultTypeContext, type TypeContext } from './types/type-behaviour.js'
export { typeOids } from './types/type-oids.js'
export type { ParameterValue, Row, Value } from './types/value.js'
export { engineVersion, postgresVersion } from './version.js'
