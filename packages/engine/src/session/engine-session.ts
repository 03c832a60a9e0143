/**
 * EngineSession: runs SQL text for one client and owns its transaction state.
 *
 * Transaction states (what ReadyForQuery reports), and the function behind each transition:
 *
 *                 #begin (BEGIN)                      #fail (any error, 57014 too)
 *     ┌──────┐ ─────────────────────▶ ┌─────────────┐ ──────────────────▶ ┌────────┐
 *     │ idle │                        │ transaction │ ◀────────────────── │ failed │
 *     └──────┘ ◀───────────────────── └─────────────┘  #rollbackTo        └────────┘
 *        ▲      #commit / #rollback                    (ROLLBACK TO)          │
 *        └────────────────────────── #rollback (COMMIT or ROLLBACK) ──────────┘
 *
 * Inside a block, SAVEPOINT / RELEASE / ROLLBACK TO (#savepoint, #release, #rollbackTo) keep a
 * stack of savepoints (savepoints.ts); ROLLBACK TO undoes the rows and row locks (the kernel),
 * the catalog, the SET values and the READ ONLY mode since the savepoint, and leaves the
 * failed state.
 *
 * Outside an explicit block, the statements of one `execute` call share an implicit transaction
 * (PostgreSQL's simple query semantics): it commits after the last statement, and an error rolls
 * back all of them. BEGIN inside that string turns the implicit transaction into an explicit one.
 *
 * Invariants:
 *   1. `#transaction` is defined exactly when the state is not idle or an implicit transaction
 *      is running inside `execute`.
 *   2. In the failed state only COMMIT, ROLLBACK and ROLLBACK TO run; everything else is 25P02.
 *   3. A read-only transaction runs no statement that writes (read-only.ts, 25006).
 *   4. A running statement has `#interrupt`: statement_timeout and cancel() stop it (57014).
 */
import type { Catalog, SearchPath, Table } from '../catalog/index.js'
import { SqlError, SqlState, toSqlError } from '../errors/index.js'
import {
  type IsolationLevel,
  type KernelTransaction,
  TransactionConflict,
} from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { parseCacheStatementBytesMax, statementRetriesMax } from '../limits.js'
import {
  type BoundQuery,
  type BoundSet,
  type BoundSetTransaction,
  type BoundTransaction,
  bindStatement,
  relationNamesOf,
  type TransactionIsolation,
} from '../sql/bind/index.js'
import type {
  ColumnDescription,
  ExecuteOutcome,
  Notice,
  PlanSlot,
  StatementResult,
  TransactionStatus,
} from '../sql/execute/index.js'
import {
  type ExecutionContext,
  executeStatement,
  SessionSequences,
  StatementInterrupt,
} from '../sql/execute/index.js'
import type { StatementEnvironment } from '../sql/functions/index.js'
import type { Node, ParsedStatement } from '../sql/parse/index.js'
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
import { assertAllowedReadOnly } from './read-only.js'
import { findSavepoint, notInTransactionBlock, type Savepoint } from './savepoints.js'
import type { Session } from './session.js'
import {
  assertSettingName,
  parseBoolean,
  parseDurationMs,
  SessionSettings,
  searchPathSchemas,
} from './settings.js'

/** Between the statements of one call, the session yields to the event loop once this long
 * has passed since it last did, so a cancel request (and other sessions) can run. */
const statementsYieldAfterMs = 10

interface OpenTransaction {
  /** Replaced only by SET TRANSACTION ISOLATION LEVEL before the first query (no writes yet). */
  kernel: KernelTransaction
  /** The catalog version this transaction started from, and its working version. */
  baseCatalogVersion: number
  catalog: ExecutionContext['catalog']
  isExplicit: boolean
  /** now() and transaction_timestamp(): µs since 2000-01-01 UTC. */
  readonly startedAt: bigint
  /** As SHOW transaction_isolation prints it (READ UNCOMMITTED runs as READ COMMITTED). */
  isolation: TransactionIsolation
  isReadOnly: boolean
  /** Whether a statement took a snapshot (PostgreSQL's FirstSnapshotSet): from then on the
   * isolation level and READ WRITE can no longer be set (25001). */
  hasSnapshot: boolean
  /** Open savepoints, outermost first. */
  readonly savepoints: Savepoint[]
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
  /** The running statement's interrupt (invariant 4). */
  #interrupt: StatementInterrupt | undefined
  /** cancel() was called during the current `execute` call (seen between its statements). */
  #isCancelRequested = false
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

  /**
   * Cancels the running statement (pgwire's CancelRequest): it fails with 57014 "canceling
   * statement due to user request" and the transaction is aborted as after any error. Takes
   * effect at once on a statement waiting for a row lock, else at its next interruption check
   * or before the next statement of the same call; a session with nothing running ignores it,
   * as PostgreSQL does. Statements run synchronously, so this can only be called (from another
   * async context: a connection's socket, a timer) while the running one waits or between
   * statements; a statement that computes without waiting is bounded by statement_timeout.
   */
  cancel(): void {
    if (this.#interrupt === undefined && !this.#isRunning) return
    this.#isCancelRequested = true
    this.#interrupt?.cancel()
  }

  #isRunning = false

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
    this.#isCancelRequested = false
    this.#isRunning = true
    try {
      const statements = this.#core.parseCache.parse(sql)
      if (params !== undefined && statements.length > 1) {
        throw new SqlError(
          SqlState.syntaxError,
          'cannot insert multiple commands into a prepared statement',
        )
      }
      let yieldedAt = performance.now()
      for (const statement of statements) {
        if (statements.length > 1 && performance.now() - yieldedAt > statementsYieldAfterMs) {
          await new Promise((resolve) => setImmediate(resolve))
          yieldedAt = performance.now()
        }
        results.push(await this.#executeInterruptibly(statement, params ?? []))
      }
      await this.#finishImplicit()
      return { results, error: undefined }
    } catch (error: unknown) {
      this.#fail()
      return { results, error: toSqlError(error) }
    } finally {
      this.#isRunning = false
    }
  }

  /** One statement under its interrupt: statement_timeout as the statement starts it, and a
   * cancel request that came before it (between statements of this call). */
  async #executeInterruptibly(
    statement: ParsedStatement,
    params: readonly ParameterValue[],
  ): Promise<StatementResult> {
    const timeoutMs = parseDurationMs('statement_timeout', this.#settings.get('statement_timeout'))
    const interrupt = new StatementInterrupt(timeoutMs)
    if (this.#isCancelRequested) interrupt.cancel()
    this.#interrupt = interrupt
    try {
      interrupt.check()
      return await this.#executeOne(statement, params, interrupt)
    } finally {
      interrupt.end()
      this.#interrupt = undefined
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
    interrupt: StatementInterrupt,
  ): Promise<StatementResult> {
    // In an aborted block only COMMIT, ROLLBACK and ROLLBACK TO run; check before binding, so
    // that a bad name is not reported instead of 25P02 (as PostgreSQL does).
    if (this.#isFailed && !isAllowedWhenFailed(statement.node)) throw abortedTransaction()
    for (let attempt = 0; ; attempt++) {
      const bound = this.#bind(statement)
      const query = bound.query
      if (query.statement.kind === 'Transaction') return this.#transactionCommand(query.statement)
      if (query.statement.kind === 'Set') return this.#set(query.statement)
      if (query.statement.kind === 'SetTransaction') return this.#setTransaction(query.statement)
      if (query.statement.kind === 'Show') return this.#show(query.statement.name)
      if (query.statement.kind === 'Vacuum') return this.#vacuum()
      const transaction = this.#transaction ?? this.#open(false, {})
      if (transaction.isReadOnly) assertAllowedReadOnly(query.statement)
      try {
        const result = this.#run(query, params, transaction, interrupt, bound)
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
          interrupt.armTimer()
          await this.#core.kernel.waitFor(
            transaction.kernel.id,
            error.holder,
            timeoutMs,
            interrupt.signal,
          )
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

  /**
   * The statement bound against the catalog it runs on: from the plan cache when this text ran
   * before under the same catalog version and binding state (plan-cache.ts), else bound now
   * (and cached, for single-statement strings short enough to be worth it).
   */
  #bind(statement: ParsedStatement): PlanSlot & { readonly query: BoundQuery } {
    const catalog = this.#catalogForStatement()
    const sql = statement.source.text
    const isCacheable = sql.length <= parseCacheStatementBytesMax && statement.text === sql.trim()
    const key = isCacheable ? this.#bindingKey() : ''
    if (isCacheable) {
      const cached = this.#core.planCache.get(catalog, key, sql)
      if (cached !== undefined) return cached
    }
    const query = bindStatement(catalog, statement, this.#typeContext(), {
      searchPath: this.#searchPath(),
      user: this.user,
    })
    const cached = isCacheable ? this.#core.planCache.put(catalog, key, sql, query) : undefined
    return cached ?? { query, plan: undefined }
  }

  /** The session state binding reads (see plan-cache.ts), as one string; recomputed only
   * when a setting changed. */
  #bindingKey(): string {
    const settings = this.#settings
    if (this.#derived?.version !== settings.version) this.#derived = this.#derive()
    return this.#derived.bindingKey
  }

  /** Values derived from the settings, valid for one settings version. */
  #derived: { readonly version: number; readonly bindingKey: string } | undefined

  #derive(): { readonly version: number; readonly bindingKey: string } {
    const settings = this.#settings
    const bindingKey = [
      this.user,
      settings.get('search_path'),
      settings.get('timezone'),
      settings.get('datestyle'),
      settings.get('intervalstyle'),
      settings.get('extra_float_digits'),
      settings.get('bytea_output'),
    ].join('\u0000')
    return { version: settings.version, bindingKey }
  }

  #run(
    query: BoundQuery,
    params: readonly ParameterValue[],
    transaction: OpenTransaction,
    interrupt: StatementInterrupt,
    slot: PlanSlot,
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
    transaction.hasSnapshot = true
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
      interrupt,
      sequences: this.#sequences,
    }
    const result = executeStatement(query.statement, context, slot)
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
      sessionUser: this.user,
      output: (value, type) => formatValue(value, type, types),
      settings: {
        get: (name, isMissingOk) =>
          this.#transactionSetting(name) ??
          (isMissingOk ? (settings.find(name) ?? null) : settings.get(name)),
        set: (name, value, isLocal) => settings.set(name, value, isLocal && transaction.isExplicit),
      },
    }
  }

  #open(
    isExplicit: boolean,
    modes: { readonly isolation?: TransactionIsolation; readonly isReadOnly?: boolean },
  ): OpenTransaction {
    assert(this.#transaction === undefined, 'no transaction is open')
    this.#settings.beginTransaction()
    const catalog = this.#core.catalog
    const isolation = modes.isolation ?? this.#defaultIsolation()
    this.#transaction = {
      kernel: this.#beginKernel(isolation),
      baseCatalogVersion: catalog.version,
      catalog,
      isExplicit,
      startedAt: postgresNow(),
      isolation,
      isReadOnly: modes.isReadOnly ?? this.#settings.get('default_transaction_read_only') === 'on',
      hasSnapshot: false,
      savepoints: [],
    }
    return this.#transaction
  }

  #beginKernel(isolation: TransactionIsolation): KernelTransaction {
    return this.#core.kernel.begin({
      isolation: kernelIsolation(isolation),
      isSynchronousCommit: this.#settings.get('synchronous_commit') !== 'off',
    })
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

  #defaultIsolation(): TransactionIsolation {
    const level = this.#settings.get('default_transaction_isolation')
    return level === 'repeatable read' || level === 'read uncommitted' ? level : 'read committed'
  }

  #set(bound: BoundSet): StatementResult {
    const notices: Notice[] = []
    const name = bound.name?.toLowerCase()
    if (name === 'transaction_isolation' || name === 'transaction_read_only') {
      // PostgreSQL's SET TRANSACTION is a SET of these; outside a block it changes nothing.
      if (bound.value !== undefined && this.#transaction?.isExplicit === true) {
        this.#applyModes(this.#transaction, parseModeSetting(name, bound.value))
      }
    } else if (bound.name === undefined) this.#settings.resetAll()
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

  /** SET TRANSACTION and SET SESSION CHARACTERISTICS AS TRANSACTION. */
  #setTransaction(bound: BoundSetTransaction): StatementResult {
    const notices: Notice[] = []
    if (bound.scope === 'session') {
      if (bound.isolation !== undefined) {
        this.#settings.set('default_transaction_isolation', bound.isolation, false)
      }
      if (bound.isReadOnly !== undefined) {
        this.#settings.set('default_transaction_read_only', bound.isReadOnly ? 'on' : 'off', false)
      }
    } else if (this.#transaction?.isExplicit === true) {
      this.#applyModes(this.#transaction, bound)
    } else {
      notices.push({
        severity: 'WARNING',
        code: SqlState.noActiveSqlTransaction,
        message: 'SET TRANSACTION can only be used in transaction blocks',
      })
    }
    return commandResult('SET', notices)
  }

  /** SET TRANSACTION's modes with PostgreSQL's checks (25001), in its order. */
  #applyModes(
    transaction: OpenTransaction,
    modes: { readonly isolation?: TransactionIsolation; readonly isReadOnly?: boolean },
  ): void {
    const { isolation, isReadOnly } = modes
    if (isolation !== undefined && isolation !== transaction.isolation) {
      if (transaction.hasSnapshot) {
        throw activeTransaction('SET TRANSACTION ISOLATION LEVEL must be called before any query')
      }
      if (transaction.savepoints.length > 0) {
        throw activeTransaction(
          'SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction',
        )
      }
      transaction.isolation = isolation
      if (kernelIsolation(isolation) !== transaction.kernel.isolation) {
        // Nothing ran yet (no snapshot, so no writes or locks): start the kernel one afresh.
        assert(!transaction.kernel.hasWrites, 'no query ran in the transaction')
        transaction.kernel.rollback()
        transaction.kernel = this.#beginKernel(isolation)
      }
    }
    if (isReadOnly === false && transaction.isReadOnly) {
      if (transaction.savepoints.length > 0) {
        throw activeTransaction(
          'cannot set transaction read-write mode inside a read-only transaction',
        )
      }
      if (transaction.hasSnapshot) {
        throw activeTransaction('transaction read-write mode must be set before any query')
      }
    }
    if (isReadOnly !== undefined) transaction.isReadOnly = isReadOnly
  }

  /** transaction_isolation and transaction_read_only: the open transaction's modes, else the
   * defaults the next one would take; undefined for any other setting. */
  #transactionSetting(name: string): string | undefined {
    const key = name.toLowerCase()
    const transaction = this.#transaction
    if (key === 'transaction_isolation') return transaction?.isolation ?? this.#defaultIsolation()
    if (key !== 'transaction_read_only') return undefined
    if (transaction === undefined) return this.#settings.get('default_transaction_read_only')
    return transaction.isReadOnly ? 'on' : 'off'
  }

  #show(name: string): StatementResult {
    const value = this.#transactionSetting(name) ?? this.#settings.get(name)
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

  #transactionCommand(bound: BoundTransaction): Promise<StatementResult> | StatementResult {
    switch (bound.action) {
      case 'begin':
        return this.#begin(bound)
      case 'commit':
        return this.#commitCommand()
      case 'rollback':
        return this.#rollbackCommand()
      case 'savepoint':
        return this.#savepoint(bound.savepoint ?? '')
      case 'release':
        return this.#release(bound.savepoint ?? '')
      case 'rollbackTo':
        return this.#rollbackTo(bound.savepoint ?? '')
    }
  }

  #begin(bound: BoundTransaction): StatementResult {
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
      const modes = {
        ...(bound.isolation === undefined ? {} : { isolation: bound.isolation }),
        ...(bound.isReadOnly === undefined ? {} : { isReadOnly: bound.isReadOnly }),
      }
      this.#open(true, modes)
    }
    return commandResult('BEGIN', notices)
  }

  /** The open transaction block, or 25P01 naming `command`. */
  #block(command: string): OpenTransaction {
    const transaction = this.#transaction
    if (transaction?.isExplicit !== true) throw notInTransactionBlock(command)
    return transaction
  }

  #savepoint(name: string): StatementResult {
    const transaction = this.#block('SAVEPOINT')
    transaction.savepoints.push({
      name,
      depth: transaction.kernel.savepoint(),
      catalog: transaction.catalog,
      baseCatalogVersion: transaction.baseCatalogVersion,
      settings: this.#settings.mark(),
      isReadOnly: transaction.isReadOnly,
    })
    return commandResult('SAVEPOINT', [])
  }

  #release(name: string): StatementResult {
    const transaction = this.#block('RELEASE SAVEPOINT')
    const index = findSavepoint(transaction.savepoints, name)
    const savepoint = transaction.savepoints[index]
    assert(savepoint !== undefined, 'found savepoints exist')
    transaction.kernel.releaseSavepoint(savepoint.depth)
    transaction.savepoints.length = index
    return commandResult('RELEASE', [])
  }

  /** Undoes everything since the savepoint (rows, locks, catalog, settings, READ ONLY) and
   * leaves the failed state; the savepoint stays, the ones inside it end. */
  #rollbackTo(name: string): StatementResult {
    const transaction = this.#block('ROLLBACK TO SAVEPOINT')
    const index = findSavepoint(transaction.savepoints, name)
    const savepoint = transaction.savepoints[index]
    assert(savepoint !== undefined, 'found savepoints exist')
    transaction.kernel.rollbackToSavepoint(savepoint.depth)
    transaction.savepoints.length = index + 1
    transaction.catalog = savepoint.catalog
    transaction.baseCatalogVersion = savepoint.baseCatalogVersion
    transaction.isReadOnly = savepoint.isReadOnly
    this.#settings.restore(savepoint.settings)
    this.#isFailed = false
    return commandResult('ROLLBACK', [])
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
        if (hasDdl) this.#core.publishCatalog(transaction.catalog.committed())
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

/** Statements an aborted block still runs (invariant 2). */
function isAllowedWhenFailed(node: Node): boolean {
  if (!('TransactionStmt' in node)) return false
  const kind = node.TransactionStmt.kind
  return (
    kind === 'TRANS_STMT_COMMIT' ||
    kind === 'TRANS_STMT_ROLLBACK' ||
    kind === 'TRANS_STMT_ROLLBACK_TO'
  )
}

function kernelIsolation(isolation: TransactionIsolation): IsolationLevel {
  return isolation === 'repeatable read' ? 'repeatable read' : 'read committed'
}

function activeTransaction(message: string): SqlError {
  return new SqlError(SqlState.activeSqlTransaction, message)
}

/** SET transaction_isolation / transaction_read_only = value, as SET TRANSACTION's modes. */
function parseModeSetting(
  name: 'transaction_isolation' | 'transaction_read_only',
  value: string,
): { isolation?: TransactionIsolation; isReadOnly?: boolean } {
  if (name === 'transaction_read_only') return { isReadOnly: parseBoolean(value, name) === 'on' }
  const level = value.trim().toLowerCase()
  if (level === 'serializable') {
    throw new SqlError(SqlState.featureNotSupported, 'SERIALIZABLE isolation is not supported yet')
  }
  if (level === 'read uncommitted' || level === 'read committed' || level === 'repeatable read') {
    return { isolation: level }
  }
  throw new SqlError(
    SqlState.invalidParameterValue,
    `invalid value for parameter "transaction_isolation": "${value}"`,
    { hint: 'Available values: serializable, repeatable read, read committed, read uncommitted.' },
  )
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
