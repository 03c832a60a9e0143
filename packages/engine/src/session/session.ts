/**
 * Session: one client's connection to the database: its transaction state, and the entry point
 * that runs SQL text. pgwire maps one connection to one Session; HTTP uses one per request.
 */

import type { ExecuteOptions, ExecuteOutcome, TransactionStatus } from '../sql/execute/index.js'
import type { ParameterValue } from '../types/index.js'
import type { PreparedStatement, PrepareOptions } from './prepared-statement.js'

export interface SessionOptions {
  /** The role the session runs as (authenticated by the caller). */
  readonly user: string
  readonly applicationName?: string
}

export interface Session {
  /** Unique among the database's open sessions; pgwire reports it as the backend pid. */
  readonly id: number
  readonly user: string
  readonly transactionStatus: TransactionStatus
  /**
   * Runs one or more `;`-separated statements. Calls on one session run one after another. Statements outside an explicit transaction
   * block run in one implicit transaction, as PostgreSQL's simple query protocol does. With
   * `params`, the text must hold exactly one statement; `$n` refers to `params[n - 1]`.
   * `options.copy` serves COPY FROM STDIN / TO STDOUT (sql/execute/copy/copy-handler.ts).
   */
  execute(
    sql: string,
    params?: readonly ParameterValue[],
    options?: ExecuteOptions,
  ): Promise<ExecuteOutcome>
  /**
   * Parses and binds one statement for repeated execution (pgwire's Parse; see
   * prepared-statement.ts for Bind, Execute, Describe and Close). Rejects with the SqlError;
   * an error aborts the transaction as a failed statement does.
   */
  prepare(sql: string, options?: PrepareOptions): Promise<PreparedStatement>
  /** The statement prepared under `name` (SQL PREPARE, or prepare() with a name). */
  preparedStatement(name: string): PreparedStatement | undefined
  /** pgwire's Sync: commits the implicit transaction portals ran in (outside a block). */
  sync(): Promise<void>
  /**
   * Cancels the statement running on this session, if any: it fails with 57014 "canceling
   * statement due to user request" (pgwire's CancelRequest calls this). May be called from
   * another async context while `execute` runs; see EngineSession.cancel for when it bites.
   */
  cancel(): void
  /**
   * A protocol error happened (pgwire): marks an open transaction block aborted (ROLLBACK ends
   * it), and rolls back the implicit transaction portals left open, as an error does.
   */
  failTransaction(): void
  /** A setting's current value as SHOW prints it; undefined for an unknown name. */
  setting(name: string): string | undefined
  /** Rolls back any open transaction and releases the session. Idempotent. */
  close(): void
}
