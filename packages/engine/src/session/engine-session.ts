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
import type { Catalog, SearchPath, Table } from '../catalog/index.js'
import { SqlError, SqlState, toSqlError } from '../errors/index.js'
import {
  type IsolationLevel,
  type KernelTransaction,
  TransactionConflict,
} from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { statementRetriesMax } from '../limits.js'
import {
  type BoundQuery,
  type BoundSet,
  bindStatement,
  relationNamesOf,
} from '../sql/bind/index.js'
import type {
  ColumnDescription,
  ExecuteOutcome,
  Notice,
  StatementResult,
  TransactionStatus,
} from '../sql/execute/index.js'
import { type ExecutionContext, executeStatement, SessionSequences } from '../sql/execute/index.js'
import type { StatementEnvironment } from '../sql/functions/index.js'
import type { ParsedStatement } from '../sql/parse/index.js'
import {
  formatValue,
  type ParameterValue,
  type RelationNames,
  sqlTypes,
  type TypeContext,
  type Value,
} from '../types/index.js'
import type { DatabaseCore } from './database-core.js'
import { convertParameters } from './parameters.js'
import type { Session } from './session.js'
import {
  assertSettingName,
  parseDurationMs,
  SessionSettings,
  searchPathSchemas,
} from './settings.js'

interface OpenTransaction {
  readonly kernel: KernelTransaction
  /** The catalog version this transaction started from, and its working version. */
  baseCatalogVersion: number
  catalog: ExecutionContext['catalog']
  isExplicit: boolean
  /** now() and transaction_timestamp(): µs since 2000-01-01 UTC. */
  readonly startedAt: bigint
}

export class EngineSession implements Session {
  readonly id: number
  readonly user: string
  readonly #core: DatabaseCore
  #transaction: OpenTransaction | undefined
  #isFailed = false
  #isClosed = false
  #queue: Promise<void> = Promise.resolve()
  readonly #settings = new SessionSettings()
  /** currval, lastval and cached values of this session's sequences. */
  readonly #sequences: SessionSequences

  constructor(core: DatabaseCore, id: number, user: string) {
    this.#core = core
    this.#sequences = new SessionSequences(core.sequences)
    this.id = id
    this.user = user
  }

  get transactionStatus(): TransactionStatus {
    if (this.#isFailed) return 'failed'
    return this.#transaction?.isExplicit === true ? 'transaction' : 'idle'
  }

  /** Calls run one at a time: a second call waits for the first, so an implicit transaction
   * never mixes the statements of two calls. */
  execute(sql: string, params?: readonly ParameterValue[]): Promise<ExecuteOutcome> {
    const run = this.#queue.then(() => this.#execute(sql, params))
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    )
    return run
  }

  /** A protocol-level error inside a transaction block (pgwire) aborts the block, as in
   * PostgreSQL; outside a block it has nothing to abort. */
  failTransaction(): void {
    if (this.#transaction?.isExplicit === true) this.#isFailed = true
  }

  async #execute(
    sql: string,
    params: readonly ParameterValue[] | undefined,
  ): Promise<ExecuteOutcome> {
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

  /**
   * Binds and runs one statement. A write that meets another transaction's uncommitted version
   * undoes the statement, waits for that transaction, and runs the statement again (binding it
   * anew); under READ COMMITTED a write that meets a version committed after the snapshot runs
   * it again with a new snapshot. This is how PostgreSQL's "the later writer waits, then
   * re-checks" behaviour is obtained without row-level re-evaluation.
   */
  async #executeOne(
    statement: ParsedStatement,
    params: readonly ParameterValue[],
  ): Promise<StatementResult> {
    // In an aborted block only COMMIT and ROLLBACK run; check before binding, so that a bad
    // name is not reported instead of 25P02 (as PostgreSQL does).
    if (this.#isFailed && !('TransactionStmt' in statement.node)) throw abortedTransaction()
    for (let attempt = 0; ; attempt++) {
      const catalog = this.#catalogForStatement()
      const query = bindStatement(catalog, statement, this.#typeContext(), {
        searchPath: this.#searchPath(),
        user: this.user,
      })
      const bound = query.statement
      if (bound.kind === 'Transaction') {
        switch (bound.action) {
          case 'begin':
            return this.#begin(bound.isolation)
          case 'commit':
            return this.#commitCommand()
          case 'rollback':
            return this.#rollbackCommand()
        }
      }
      if (bound.kind === 'Set') return this.#set(bound)
      if (bound.kind === 'Show') return this.#show(bound.name)
      if (bound.kind === 'Vacuum') return this.#vacuum()
      const transaction = this.#transaction ?? this.#open(false, this.#defaultIsolation())
      try {
        const result = this.#run(query, params, transaction)
        await this.#flushSequences()
        return result
      } catch (error: unknown) {
        if (!(error instanceof TransactionConflict)) throw error
        transaction.kernel.rollbackStatement()
        if (attempt >= statementRetriesMax) {
          throw new SqlError(
            SqlState.serializationFailure,
            'could not serialize access due to repeated concurrent updates',
            { hint: 'Retry the transaction.' },
          )
        }
        if (error.kind === 'wait') {
          const timeoutMs = parseDurationMs('lock_timeout', this.#settings.get('lock_timeout'))
          await this.#core.kernel.waitFor(transaction.kernel.id, error.holder, timeoutMs)
        }
      }
    }
  }

  /** Sequence values handed out must survive a crash once anyone can see them: the log is made
   * durable up to their reservation before the statement's result leaves (access/
   * sequence-state.ts). Mostly nothing to wait for: a reservation covers 32 values. */
  async #flushSequences(): Promise<void> {
    const lsn = this.#sequences.takeLsnPending()
    if (lsn > 0) await this.#core.kernel.flushLog(lsn)
  }

  /** The catalog a statement binds against: the newest committed one, unless this transaction
   * changed the catalog itself (then its own version). */
  #catalogForStatement(): Catalog {
    const transaction = this.#transaction
    if (transaction === undefined) return this.#core.catalog
    if (transaction.catalog.version !== transaction.baseCatalogVersion) return transaction.catalog
    transaction.catalog = this.#core.catalog
    transaction.baseCatalogVersion = this.#core.catalog.version
    return transaction.catalog
  }

  #run(
    query: BoundQuery,
    params: readonly ParameterValue[],
    transaction: OpenTransaction,
  ): StatementResult {
    const searchPath = this.#searchPath()
    // Functions and conversions resolve relations in the catalog as the statement leaves it.
    let catalog = transaction.catalog
    const parameters: Value[] = convertParameters(params, query.parameterTypes, {
      ...this.#typeContext(),
      relationNames: relationNamesOf(() => catalog, searchPath),
    })
    const kernel = transaction.kernel
    kernel.beginStatement()
    const environment = this.#environment(
      transaction,
      relationNamesOf(() => catalog, searchPath),
    )
    const context: ExecutionContext = {
      transaction: kernel,
      get catalog() {
        return catalog
      },
      set catalog(next) {
        catalog = next
      },
      searchPath,
      parameters,
      nextRowId: (table: Table) => this.#core.rowIds.next(table, kernel),
      notices: [],
      environment: { ...environment, sequences: this.#sequences.access(() => catalog) },
      frames: [],
      workTables: new Map(),
      sequences: this.#sequences,
    }
    const result = executeStatement(query.statement, context)
    transaction.catalog = context.catalog
    return result.columns === undefined
      ? result
      : { ...result, typeContext: context.environment.types }
  }

  /** search_path as schema names, for name lookups. */
  #searchPath(): SearchPath {
    return searchPathSchemas(this.#settings.get('search_path'), this.user)
  }

  /** The settings values are read and printed with. */
  #typeContext(): TypeContext {
    const settings = this.#settings
    return {
      timeZone: settings.get('timezone'),
      dateStyle: settings.get('datestyle'),
      intervalStyle: settings.get('intervalstyle'),
      extraFloatDigits: Number(settings.get('extra_float_digits')),
      byteaOutput: settings.get('bytea_output') === 'escape' ? 'escape' : 'hex',
    }
  }

  /** What function calls of one statement see. */
  #environment(transaction: OpenTransaction, relationNames: RelationNames): StatementEnvironment {
    const settings = this.#settings
    const types = { ...this.#typeContext(), relationNames }
    return {
      types,
      transactionTimestamp: transaction.startedAt,
      statementTimestamp: postgresNow(),
      random: Math.random,
      output: (value, type) => formatValue(value, type, types),
      settings: {
        get: (name, isMissingOk) =>
          isMissingOk ? (settings.find(name) ?? null) : settings.get(name),
        set: (name, value, isLocal) => settings.set(name, value, isLocal && transaction.isExplicit),
      },
    }
  }

  #open(isExplicit: boolean, isolation: IsolationLevel): OpenTransaction {
    assert(this.#transaction === undefined, 'no transaction is open')
    this.#settings.beginTransaction()
    const catalog = this.#core.catalog
    this.#transaction = {
      kernel: this.#core.kernel.begin({
        isolation,
        isSynchronousCommit: this.#settings.get('synchronous_commit') !== 'off',
      }),
      baseCatalogVersion: catalog.version,
      catalog,
      isExplicit,
      startedAt: postgresNow(),
    }
    return this.#transaction
  }

  async #vacuum(): Promise<StatementResult> {
    if (this.#transaction !== undefined) {
      throw new SqlError(
        SqlState.activeSqlTransaction,
        'VACUUM cannot run inside a transaction block',
      )
    }
    await this.#core.kernel.vacuum()
    return commandResult('VACUUM', [])
  }

  #defaultIsolation(): IsolationLevel {
    const level = this.#settings.get('default_transaction_isolation')
    return level === 'repeatable read' ? 'repeatable read' : 'read committed'
  }

  #set(bound: BoundSet): StatementResult {
    const notices: Notice[] = []
    if (bound.name === undefined) this.#settings.resetAll()
    else if (bound.isLocal && this.#transaction?.isExplicit !== true) {
      // As in PostgreSQL: outside a block there is nothing for SET LOCAL to last until.
      assertSettingName(bound.name)
      notices.push({
        severity: 'WARNING',
        code: SqlState.noActiveSqlTransaction,
        message: 'SET LOCAL can only be used in transaction blocks',
      })
    } else this.#settings.set(bound.name, bound.value, bound.isLocal)
    const tag = bound.value === undefined && !bound.isLocal ? 'RESET' : 'SET'
    return commandResult(tag, notices)
  }

  #show(name: string): StatementResult {
    const value =
      name.toLowerCase() === 'transaction_isolation'
        ? (this.#transaction?.kernel.isolation ?? this.#defaultIsolation())
        : this.#settings.get(name)
    const column: ColumnDescription = {
      name: this.#settings.displayName(name),
      typeOid: sqlTypes.text.oid,
      typeSize: sqlTypes.text.size,
      typeModifier: -1,
      tableOid: 0,
      columnNumber: 0,
    }
    return {
      command: 'SHOW',
      commandTag: 'SHOW',
      columns: [column],
      rows: [[value]],
      rowCount: 1,
      notices: [],
    }
  }

  #begin(isolation: IsolationLevel | undefined): StatementResult {
    if (this.#isFailed) throw abortedTransaction()
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
      this.#open(true, isolation ?? this.#defaultIsolation())
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
      this.#settings.endTransaction(false)
      throw new SqlError(
        SqlState.serializationFailure,
        'could not serialize access due to concurrent schema change',
        { hint: 'Retry the transaction.' },
      )
    }
    try {
      await transaction.kernel.commit(() => {
        if (hasDdl) this.#core.publishCatalog(transaction.catalog)
      })
    } catch (error: unknown) {
      this.#settings.endTransaction(false)
      throw error
    }
    this.#settings.endTransaction(true)
  }

  #rollback(): void {
    this.#transaction?.kernel.rollback()
    this.#transaction = undefined
    this.#isFailed = false
    this.#settings.endTransaction(false)
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

function abortedTransaction(): SqlError {
  return new SqlError(
    SqlState.inFailedSqlTransaction,
    'current transaction is aborted, commands ignored until end of transaction block',
  )
}

function noTransactionWarning(): Notice {
  return {
    severity: 'WARNING',
    code: SqlState.noActiveSqlTransaction,
    message: 'there is no transaction in progress',
  }
}

/** The current time as PostgreSQL keeps timestamps: microseconds since 2000-01-01 UTC. */
function postgresNow(): bigint {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000)
  return BigInt(micros) - 946_684_800_000_000n
}
