/**
 * What a statement runs against: the kernel transaction, the transaction's catalog version
 * (DDL replaces it), the statement's parameter values, and the row id source for tables
 * without a primary key.
 */
import type { Catalog, SearchPath, Table } from '../../catalog/index.js'
import type { BackendActivity, SystemSource } from '../../catalog/system/index.js'
import type { KernelTransaction } from '../../kernel/index.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundStatement } from '../bind/index.js'
import { quoteIdent, type StatementEnvironment } from '../functions/index.js'
import type { DeferredConstraints } from './deferred-constraints.js'
import type { SessionSequences } from './session-sequences.js'
import type { StatementInterrupt } from './statement-interrupt.js'
import type { Notice } from './statement-result.js'

export interface ExecutionContext {
  readonly transaction: KernelTransaction
  catalog: Catalog
  /** The session's search path (schemas, `$user` resolved). */
  readonly searchPath: SearchPath
  readonly parameters: readonly Value[]
  readonly nextRowId: (table: Table) => bigint
  readonly notices: Notice[]
  /** What function calls see: settings, time zone, the statement's timestamps. */
  readonly environment: StatementEnvironment
  /** Rows of enclosing query levels (correlated subqueries, LATERAL), by frame slot. */
  readonly frames: (Row | undefined)[]
  /** WITH RECURSIVE work tables, by id. */
  readonly workTables: Map<number, readonly Row[]>
  /** statement_timeout and cancel: the executor's loops call `tick()` (statement-interrupt.ts). */
  readonly interrupt: StatementInterrupt
  /** The session's sequence state (ALTER SEQUENCE reads the current value through it). */
  readonly sequences: SessionSequences
  /** The transaction's deferred constraint checks and SET CONSTRAINTS modes. */
  readonly deferred: DeferredConstraints
  /** Checks a statement a SQL function's body runs, as the session checks statements it is
   * sent (a READ ONLY transaction refuses writes, 25006); absent: nothing to check. */
  readonly checkNestedStatement?: (statement: BoundStatement) => void
  /** The database's open sessions, for pg_stat_activity; absent outside a session. */
  readonly activities?: () => Iterable<BackendActivity>
}

/** The role the statement runs as: SET ROLE's role, else the session user (the owner of what
 * it creates, whose privileges are checked). */
export function currentRoleOf(context: ExecutionContext): string {
  const environment = context.environment
  return environment.currentUser ?? environment.sessionUser ?? 'postgres'
}

/** What a scan of a system catalog reads (catalog/system/): the statement's catalog version,
 * so the transaction's own DDL shows. */
export function systemSourceOf(context: ExecutionContext): SystemSource {
  const environment = context.environment
  return {
    catalog: context.catalog,
    searchPath: context.searchPath,
    user: currentRoleOf(context),
    databaseName: environment.databaseName ?? 'postgres',
    setting: (name) => environment.settings.get(name, true) ?? undefined,
    quoteIdent,
    settings: () =>
      (environment.settings.names?.() ?? []).map((name) => ({
        name,
        value: environment.settings.get(name, true) ?? '',
      })),
    ...(context.activities === undefined ? {} : { activities: context.activities }),
  }
}
