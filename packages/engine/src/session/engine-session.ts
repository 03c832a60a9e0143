/**
 * EngineSession: runs SQL text for one client and owns its transaction state.
 *
 * Transaction states (what ReadyForQuery reports), and the function behind each transition:
 *
 *                 #begin (BEGIN)                      #fail (any error)
 *     ┌──────┐ ─────────────────────▶ ┌─────────────┐ ──────────────────▶ ┌────────┐
 *     │ idle │                        │ transaction │                     │ failed │
 *     └──────┘ ◀───────────────────── └─────────────┘                     └────────┘
 *        ▲      #commit / #rollback                                           │
 *        └────────────────────────── #rollback (COMMIT or ROLLBACK) ──────────┘
 *
 * Outside an explicit block, the statements of one `execute` call share an implicit transaction
 * (PostgreSQL's simple query semantics): it commits after the last statement, and an error rolls
 * back all of them. BEGIN inside that string turns the implicit transaction into an explicit one.
 *
 * Invariants:
 *   1. `#transaction` is defined exactly when the state is not idle or an implicit transaction
 *      is running inside `execute`.
 *   2. In the failed state only COMMIT and ROLLBACK run; everything else is 25P02.
 */
import type { Table } from '../catalog/index.js'
import { SqlError, SqlState, toSqlError } from '../errors/index.js'
import type { KernelTransaction } from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { type BoundQuery, bindStatement } from '../sql/bind/index.js'
import type {
  ExecuteOutcome,
  Notice,
  StatementResult,
  TransactionStatus,
} from '../sql/execute/index.js'
import { type ExecutionContext, executeStatement } from '../sql/execute/index.js'
import type { ParsedStatement } from '../sql/parse/index.js'
import type { ParameterValue, Value } from '../types/index.js'
import type { DatabaseCore } from './database-core.js'
import { convertParameters } from './parameters.js'
import type { Session } from './session.js'

interface OpenTransaction {
  readonly kernel: KernelTransaction
  /** The catalog version this transaction started from, and its working version. */
  readonly baseCatalogVersion: number
  catalog: ExecutionContext['catalog']
  isExplicit: boolean
}

export class EngineSession implements Session {
  readonly id: number
  readonly user: string
  readonly #core: DatabaseCore
  #transaction: OpenTransaction | undefined
  #isFailed = false
  #isClosed = false

  constructor(core: DatabaseCore, id: number, user: string) {
    this.#core = core
    this.id = id
    this.user = user
  }

  get transactionStatus(): TransactionStatus {
    if (this.#isFailed) return 'failed'
    return this.#transaction?.isExplicit === true ? 'transaction' : 'idle'
  }

  async execute(sql: string, params?: readonly ParameterValue[]): Promise<ExecuteOutcome> {
    if (this.#isClosed) {
      return {
        results: [],
        error: new SqlError(SqlState.connectionDoesNotExist, 'session is closed'),
      }
    }
    const results: StatementResult[] = []
    try {
      const statements = this.#core.parseCache.parse(sql)
      if (params !== undefined && statements.length > 1) {
        throw new SqlError(
          SqlState.syntaxError,
          'cannot insert multiple commands into a prepared statement',
        )
      }
      for (const statement of statements) {
        results.push(await this.#executeOne(statement, params ?? []))
      }
      await this.#finishImplicit()
      return { results, error: undefined }
    } catch (error: unknown) {
      this.#fail()
      return { results, error: toSqlError(error) }
    }
  }

  close(): void {
    if (this.#isClosed) return
    this.#isClosed = true
    this.#transaction?.kernel.rollback()
    this.#transaction = undefined
    this.#core.sessionClosed(this)
  }

  async #executeOne(
    statement: ParsedStatement,
    params: readonly ParameterValue[],
  ): Promise<StatementResult> {
    const catalog = this.#transaction?.catalog ?? this.#core.catalog
    const query = bindStatement(catalog, statement)
    const bound = query.statement
    if (bound.kind === 'Transaction') {
      switch (bound.action) {
        case 'begin':
          return this.#begin()
        case 'commit':
          return this.#commitCommand()
        case 'rollback':
          return this.#rollbackCommand()
      }
    }
    if (this.#isFailed) {
      throw new SqlError(
        SqlState.inFailedSqlTransaction,
        'current transaction is aborted, commands ignored until end of transaction block',
      )
    }
    return this.#run(query, params)
  }

  #run(query: BoundQuery, params: readonly ParameterValue[]): StatementResult {
    const parameters: Value[] = convertParameters(params, query.parameterTypes)
    const transaction = this.#transaction ?? this.#open(false)
    const context: ExecutionContext = {
      transaction: transaction.kernel,
      catalog: transaction.catalog,
      parameters,
      nextRowId: (table: Table) => this.#core.nextRowId(table),
      notices: [],
    }
    const result = executeStatement(query.statement, context)
    transaction.catalog = context.catalog
    return result
  }

  #open(isExplicit: boolean): OpenTransaction {
    assert(this.#transaction === undefined, 'no transaction is open')
    const catalog = this.#core.catalog
    this.#transaction = {
      kernel: this.#core.kernel.begin(),
      baseCatalogVersion: catalog.version,
      catalog,
      isExplicit,
    }
    return this.#transaction
  }

  #begin(): StatementResult {
    if (this.#isFailed) {
      throw new SqlError(
        SqlState.inFailedSqlTransaction,
        'current transaction is aborted, commands ignored until end of transaction block',
      )
    }
    const notices: Notice[] = []
    if (this.#transaction?.isExplicit === true) {
      notices.push({
        severity: 'WARNING',
        code: SqlState.activeSqlTransaction,
        message: 'there is already a transaction in progress',
      })
    } else if (this.#transaction !== undefined) {
      this.#transaction.isExplicit = true
    } else {
      this.#open(true)
    }
    return commandResult('BEGIN', notices)
  }

  async #commitCommand(): Promise<StatementResult> {
    if (this.#isFailed) {
      this.#rollback()
      return commandResult('ROLLBACK', [])
    }
    const notices = this.#transaction?.isExplicit === true ? [] : [noTransactionWarning()]
    await this.#commit()
    return commandResult('COMMIT', notices)
  }

  #rollbackCommand(): StatementResult {
    const notices =
      this.#isFailed || this.#transaction?.isExplicit === true ? [] : [noTransactionWarning()]
    this.#rollback()
    return commandResult('ROLLBACK', notices)
  }

  /** Commits the open transaction: catalog conflicts are checked first, then the kernel commits,
   * then the new catalog version is published. */
  async #commit(): Promise<void> {
    const transaction = this.#transaction
    if (transaction === undefined) return
    this.#transaction = undefined
    const hasDdl = transaction.catalog.version !== transaction.baseCatalogVersion
    if (hasDdl && this.#core.catalog.version !== transaction.baseCatalogVersion) {
      transaction.kernel.rollback()
      throw new SqlError(
        SqlState.serializationFailure,
        'could not serialize access due to concurrent schema change',
        { hint: 'Retry the transaction.' },
      )
    }
    await transaction.kernel.commit()
    if (hasDdl) this.#core.publishCatalog(transaction.catalog)
  }

  #rollback(): void {
    this.#transaction?.kernel.rollback()
    this.#transaction = undefined
    this.#isFailed = false
  }

  async #finishImplicit(): Promise<void> {
    if (this.#transaction !== undefined && !this.#transaction.isExplicit) await this.#commit()
  }

  /** After an error: an explicit transaction enters the failed state; an implicit one is gone. */
  #fail(): void {
    if (this.#transaction?.isExplicit === true) {
      this.#isFailed = true
      return
    }
    if (this.#transaction !== undefined) this.#rollback()
  }
}

function commandResult(tag: string, notices: readonly Notice[]): StatementResult {
  return {
    command: tag,
    commandTag: tag,
    columns: undefined,
    rows: [],
    rowCount: undefined,
    notices,
  }
}

function noTransactionWarning(): Notice {
  return {
    severity: 'WARNING',
    code: SqlState.noActiveSqlTransaction,
    message: 'there is no transaction in progress',
  }
}
