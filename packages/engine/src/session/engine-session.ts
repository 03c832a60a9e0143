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
 * Prepared statements and portals (prepared-statement.ts) run here too: portals leave their
 * implicit transaction open until `sync()`; `statement.execute` ends it as `execute` does.
 *
 * Invariants:
 *   1. `#transaction` is defined exactly when the state is not idle or an implicit transaction
 *      is running inside `execute`, or was left open by portals until `sync()` (the extended
 *      protocol's implicit transaction; prepared-statement.ts).
 *   2. In the failed state only COMMIT, ROLLBACK and ROLLBACK TO run; everything else is 25P02.
 *   3. A read-only transaction runs no statement that writes (read-only.ts, 25006).
 *   4. A running statement has `#interrupt`: statement_timeout and cancel() stop it (57014).
 */
import {
  answerPrivilegeQuestion,
  type Catalog,
  canSetRole,
  isAdminOf,
  isMemberOf,
  type SearchPath,
  type Table,
} from '../catalog/index.js'
import type { BackendActivity } from '../catalog/system/index.js'
import { catalogAccessOf } from '../catalog/system/index.js'
import { SqlError, SqlState, toSqlError } from '../errors/index.js'
import {
  type IsolationLevel,
  type KernelTransaction,
  TransactionConflict,
} from '../kernel/index.js'
import { assert } from '../lib/assert.js'
import { parseCacheStatementBytesMax, statementRetriesMax } from '../limits.js'
import {
  type BoundCopyFrom,
  type BoundCopyTo,
  type BoundExpr,
  type BoundQuery,
  type BoundSet,
  type BoundSetTransaction,
  type BoundTransaction,
  bindDeclaredTypes,
  bindExecuteArguments,
  bindStatement,
  inputsOf,
  type Rel,
  relationNamesOf,
  type TransactionIsolation,
} from '../sql/bind/index.js'
import type {
  ColumnDescription,
  CopyHandler,
  ExecuteOptions,
  ExecuteOutcome,
  Notice,
  PlanSlot,
  StatementResult,
  TransactionStatus,
} from '../sql/execute/index.js'
import {
  checkRows,
  commandOf,
  compileExpression,
  compilePointLookup,
  DeferredConstraints,
  describeResult,
  type ExecutionContext,
  executeStatement,
  openSelect,
  persistAcls,
  RoutineRunner,
  runCopyFrom,
  runCopyTo,
  runDeferredChecks,
  SessionSequences,
  StatementInterrupt,
  statementScope,
  systemSourceOf,
} from '../sql/execute/index.js'
import type { RoleAccess, StatementEnvironment } from '../sql/functions/index.js'
import type {
  DeallocateStmt,
  DiscardStmt,
  ExecuteStmt,
  Node,
  ParsedStatement,
  PrepareStmt,
} from '../sql/parse/index.js'
import {
  findTypeByOid,
  formatValue,
  type ParameterValue,
  type RelationNames,
  type Row,
  type SqlType,
  sqlTypes,
  type TypeContext,
  type Value,
} from '../types/index.js'
import type { DatabaseCore } from './database-core.js'
import { convertParameters } from './parameters.js'
import {
  type BindOptions,
  EnginePortal,
  EnginePreparedStatement,
  type Portal,
  type PortalResult,
  type PreparedBinding,
  type PreparedHost,
  type PreparedStatement,
  type PrepareOptions,
} from './prepared-statement.js'
import { assertAllowedReadOnly } from './read-only.js'
import { findSavepoint, notInTransactionBlock, type Savepoint } from './savepoints.js'
import type { Session } from './session.js'
import {
  assertSettingName,
  parseBoolean,
  parseDurationMs,
  SessionSettings,
  searchPathSchemas,
  settingNames,
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
  /** Checks of DEFERRABLE constraints waiting for the commit; SET CONSTRAINTS modes. */
  readonly deferred: DeferredConstraints
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
  /** Transactions ended so far: a portal lives while this is what it was at its bind. */
  #generation = 0
  /** Named prepared statements (PREPARE, or prepare() with a name). */
  readonly #prepared = new Map<string, EnginePreparedStatement>()
  /** Portals of the current transaction (prepared-statement.ts invariant 3 drains them). */
  readonly #portals = new Set<EnginePortal>()
  /** What statements and portals call back into. */
  readonly #host: PreparedHost = {
    bindPortal: (statement, params, options) =>
      this.#enqueue(() => this.#bindPortal(statement, params, options)),
    executePrepared: (statement, params) =>
      this.#enqueue(() =>
        this.#tracked(statement.parsed.text, () => this.#executePrepared(statement, params)),
      ),
    executePortal: (portal, maxRows, options) =>
      this.#enqueue(async () => {
        this.#copyHandler = options?.copy
        try {
          return await this.#tracked(portal.statement.parsed.text, () =>
            this.#executePortal(portal, maxRows),
          )
        } finally {
          this.#copyHandler = undefined
        }
      }),
    closeStatement: (statement) => {
      if (this.#prepared.get(statement.name) === statement) this.#prepared.delete(statement.name)
    },
  }

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
  execute(
    sql: string,
    params?: readonly ParameterValue[],
    options?: ExecuteOptions,
  ): Promise<ExecuteOutcome> {
    return this.#enqueue(async () => {
      this.#copyHandler = options?.copy
      try {
        return await this.#tracked(sql, () => this.#execute(sql, params))
      } finally {
        this.#copyHandler = undefined
      }
    })
  }

  /** The COPY handler of the running execute() call, if its caller gave one. */
  #copyHandler: CopyHandler | undefined

  // What pg_stat_activity shows (activity()): times as epoch milliseconds, cheap to take on
  // every call, converted only when someone looks.
  readonly #backendStartMs = Date.now()
  #query = ''
  #queryStartMs: number | undefined
  #stateChangeMs: number | undefined
  #isActive = false
  /** The database's sessions as pg_stat_activity shows them (one closure per session). */
  readonly #activities = (): BackendActivity[] =>
    [...this.#core.sessions].map((session) => session.activity())

  /** Runs `call` (one client request) as the session's current query. */
  async #tracked<T>(query: string, call: () => Promise<T>): Promise<T> {
    this.#query = query
    this.#queryStartMs = Date.now()
    this.#stateChangeMs = this.#queryStartMs
    this.#isActive = true
    try {
      return await call()
    } finally {
      this.#isActive = false
      this.#stateChangeMs = Date.now()
    }
  }

  /** This session as pg_stat_activity shows it. */
  activity(): BackendActivity {
    const status = this.transactionStatus
    return {
      pid: this.id,
      user: this.user,
      applicationName: this.#settings.find('application_name') ?? '',
      backendStart: postgresMicros(this.#backendStartMs),
      transactionStart: this.#transaction?.startedAt,
      queryStart: this.#queryStartMs === undefined ? undefined : postgresMicros(this.#queryStartMs),
      stateChange:
        this.#stateChangeMs === undefined ? undefined : postgresMicros(this.#stateChangeMs),
      state: this.#isActive
        ? 'active'
        : status === 'failed'
          ? 'idle in transaction (aborted)'
          : status === 'transaction'
            ? 'idle in transaction'
            : 'idle',
      query: this.#query,
    }
  }

  /** Parses and binds one statement for repeated execution (pgwire's Parse). */
  prepare(sql: string, options: PrepareOptions = {}): Promise<PreparedStatement> {
    return this.#enqueue(() => this.#prepare(sql, options))
  }

  /** The statement prepared under `name` (PREPARE, or prepare() with a name), if any. */
  preparedStatement(name: string): PreparedStatement | undefined {
    return this.#prepared.get(name)
  }

  /**
   * pgwire's Sync: commits the implicit transaction that statements run through portals left
   * open (outside a transaction block), which ends its portals. Inside a block it does
   * nothing; in a failed block it waits for ROLLBACK as every statement does.
   */
  sync(): Promise<void> {
    return this.#enqueue(async () => {
      try {
        await this.#finishImplicit()
      } catch (error: unknown) {
        this.#fail()
        throw toSqlError(error)
      }
    })
  }

  /** Runs `call` after every call queued before it (one call at a time per session). */
  #enqueue<T>(call: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(call)
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
    this.#fail()
  }

  setting(name: string): string | undefined {
    return this.#settings.find(name)
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
      try {
        await this.#finishImplicit()
      } catch (error: unknown) {
        // PostgreSQL commits before the last statement's CommandComplete: a commit that fails
        // (deferred constraint checks) reports the error instead of it.
        results.pop()
        throw error
      }
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
    return this.#interruptibly((interrupt) => this.#executeOne(statement, params, interrupt))
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
    const node = statement.node
    if ('PrepareStmt' in node) return this.#prepareCommand(statement, node.PrepareStmt)
    if ('ExecuteStmt' in node) return this.#executeCommand(statement, node.ExecuteStmt, interrupt)
    if ('DeallocateStmt' in node) return this.#deallocateCommand(node.DeallocateStmt)
    if ('DiscardStmt' in node) return this.#discardCommand(node.DiscardStmt)
    return this.#runStatement(() => {
      const slot = this.#bind(statement)
      return { slot, parameters: () => this.#convert(slot.query.parameterTypes, params, '') }
    }, interrupt)
  }

  /**
   * Runs one bound statement. A write that meets another transaction's uncommitted version
   * undoes the statement, waits for that transaction, and runs the statement again (binding it
   * anew: `bind` is called per attempt); under READ COMMITTED a write that meets a version
   * committed after the snapshot runs it again with a new snapshot. This is how PostgreSQL's
   * "the later writer waits, then re-checks" behaviour is obtained without row-level
   * re-evaluation.
   */
  async #runStatement(
    bind: () => {
      readonly slot: PlanSlot & { readonly query: BoundQuery }
      readonly parameters: ParameterSupply
    },
    interrupt: StatementInterrupt,
  ): Promise<StatementResult> {
    this.#drainPortals(undefined)
    for (let attempt = 0; ; attempt++) {
      const { slot, parameters } = bind()
      const query = slot.query
      if (query.statement.kind === 'Transaction') return this.#transactionCommand(query.statement)
      if (query.statement.kind === 'Set') return this.#set(query.statement)
      if (query.statement.kind === 'SetTransaction') return this.#setTransaction(query.statement)
      if (query.statement.kind === 'Show') return this.#show(query.statement.name)
      if (query.statement.kind === 'Vacuum') return this.#vacuum(query.statement.isAnalyzeOnly)
      if (query.statement.kind === 'CopyFrom' || query.statement.kind === 'CopyTo') {
        return this.#copy(query.statement, interrupt)
      }
      const values = typeof parameters === 'function' ? parameters() : parameters
      const transaction = this.#transaction ?? this.#open(false, {})
      if (transaction.isReadOnly) assertAllowedReadOnly(query.statement)
      try {
        const result = this.#run(query, values, transaction, interrupt, slot)
        await this.#flushSequences()
        if (query.statement.kind === 'SetConstraints' && !transaction.isExplicit) {
          // It changes nothing beyond its own implicit transaction.
          return { ...result, notices: [setConstraintsOutsideBlock(), ...result.notices] }
        }
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
        await this.#afterConflict(transaction, error, interrupt)
      }
    }
  }

  /** Caller-supplied values as the parameters' types (08P01 on a count mismatch). */
  #convert(
    types: readonly SqlType[],
    params: readonly ParameterValue[],
    statementName: string,
  ): Value[] {
    return convertParameters(params, types, this.#outputTypes(), statementName)
  }

  // ---- Prepared statements and portals (prepared-statement.ts) ----

  async #prepare(sql: string, options: PrepareOptions): Promise<PreparedStatement> {
    if (this.#isClosed) throw sessionClosed()
    try {
      const statements = this.#core.parseCache.parse(sql)
      if (statements.length > 1) {
        throw new SqlError(
          SqlState.syntaxError,
          'cannot insert multiple commands into a prepared statement',
        )
      }
      const parsed = statements[0]
      if (parsed === undefined) {
        throw new SqlError(
          SqlState.featureNotSupported,
          'empty prepared statements are not supported yet',
        )
      }
      if (this.#isFailed && !isAllowedWhenFailed(parsed.node)) throw abortedTransaction()
      const name = options.name ?? ''
      const declared = (options.paramTypes ?? []).map(declaredType)
      return this.#newPrepared(name, parsed, declared)
    } catch (error: unknown) {
      this.#fail()
      throw toSqlError(error)
    }
  }

  /** Binds `parsed` with `declared` parameter types and keeps it (under `name` when named). */
  #newPrepared(
    name: string,
    parsed: ParsedStatement,
    declared: readonly (SqlType | undefined)[],
  ): EnginePreparedStatement {
    if (name !== '' && this.#prepared.has(name)) {
      throw new SqlError(
        SqlState.duplicatePreparedStatement,
        `prepared statement "${name}" already exists`,
      )
    }
    const binding = this.#bindPrepared(parsed, declared)
    const untyped = binding.query.untypedParameters[0]
    if (untyped !== undefined) {
      throw new SqlError(
        SqlState.indeterminateDatatype,
        `could not determine data type of parameter $${untyped + 1}`,
      )
    }
    const statement = new EnginePreparedStatement(this.#host, {
      name,
      parsed,
      binding,
      columns: this.#describe(binding.query),
      command: commandOf(binding.query.statement),
    })
    if (name !== '') this.#prepared.set(name, statement)
    return statement
  }

  #bindPrepared(
    parsed: ParsedStatement,
    parameterTypes: readonly (SqlType | undefined)[],
  ): PreparedBinding {
    const catalog = this.#catalogForStatement()
    const query = bindStatement(catalog, parsed, this.#typeContext(), {
      searchPath: this.#searchPath(),
      user: this.#currentRole(),
      sessionUser: this.#sessionUser(),
      isRowSecurityOff: this.#settings.get('row_security') === 'off',
      parameterTypes,
    })
    return {
      query,
      catalog,
      bindingKey: this.#bindingKey(),
      plan: undefined,
      pointLookup: undefined,
    }
  }

  /** Result columns of a bound statement, SHOW's included. */
  #describe(query: BoundQuery): readonly ColumnDescription[] | undefined {
    const statement = query.statement
    return statement.kind === 'Show'
      ? [this.#showColumn(statement.name)]
      : describeResult(statement)
  }

  /**
   * The statement's binding, made anew when the catalog or the settings binding reads changed
   * since (PostgreSQL re-plans silently), with the parameter types it was prepared with; a
   * re-bind that changes the result columns fails as PostgreSQL's does (0A000).
   */
  #validate(statement: EnginePreparedStatement): PreparedBinding {
    const binding = statement.binding
    if (
      binding.catalog === this.#catalogForStatement() &&
      binding.bindingKey === this.#bindingKey()
    ) {
      return binding
    }
    const rebound = this.#bindPrepared(statement.parsed, statement.parameterTypes)
    if (!sameColumns(this.#describe(rebound.query), statement.columns)) {
      throw new SqlError(SqlState.featureNotSupported, 'cached plan must not change result type')
    }
    statement.binding = rebound
    return rebound
  }

  async #bindPortal(
    statement: EnginePreparedStatement,
    params: readonly ParameterValue[],
    options: BindOptions,
  ): Promise<Portal> {
    if (this.#isClosed) throw sessionClosed()
    try {
      if (statement.isClosed) throw preparedMissing(statement.name)
      if (this.#isFailed && !isAllowedWhenFailed(statement.parsed.node)) throw abortedTransaction()
      this.#validate(statement)
      const parameters = this.#convert(statement.parameterTypes, params, statement.name)
      const portal = new EnginePortal(this.#host, {
        name: options.name ?? '',
        statement,
        parameters,
        resultFormats: resultFormatsFor(
          options.resultFormats ?? [],
          statement.columns?.length ?? 0,
        ),
        generation: this.#generation,
      })
      this.#portals.add(portal)
      return portal
    } catch (error: unknown) {
      this.#fail()
      throw toSqlError(error)
    }
  }

  /**
   * Bind, Execute to completion and Sync in one call: the in-process path. A point select on
   * the primary key (point-lookup.ts) skips the executor: snapshot, kernel get, output row.
   */
  async #executePrepared(
    statement: EnginePreparedStatement,
    params: readonly ParameterValue[],
  ): Promise<StatementResult> {
    if (this.#isClosed) throw sessionClosed()
    this.#isCancelRequested = false
    this.#isRunning = true
    try {
      if (statement.isClosed) throw preparedMissing(statement.name)
      if (this.#isFailed && !isAllowedWhenFailed(statement.parsed.node)) throw abortedTransaction()
      const binding = this.#validate(statement)
      const parameters = this.#convert(statement.parameterTypes, params, statement.name)
      const result =
        this.#pointSelect(statement, binding, parameters) ??
        (await this.#interruptibly((interrupt) =>
          this.#runStatement(() => ({ slot: this.#validate(statement), parameters }), interrupt),
        ))
      notePointLookup(statement.binding)
      await this.#finishImplicit()
      return result
    } catch (error: unknown) {
      this.#fail()
      throw toSqlError(error)
    } finally {
      this.#isRunning = false
    }
  }

  /**
   * The point-select fast path (point-lookup.ts), when the statement's plan is one and no
   * suspended portal needs draining first: the snapshot, the kernel get, the output row.
   * Undefined when the statement must run through the executor.
   */
  #pointSelect(
    statement: EnginePreparedStatement,
    binding: PreparedBinding,
    parameters: readonly Value[],
  ): StatementResult | undefined {
    const lookup = binding.pointLookup
    if (lookup === undefined) return undefined
    for (const portal of this.#portals) if (portal.stream !== undefined) return undefined
    const transaction = this.#transaction ?? this.#open(false, {})
    transaction.kernel.beginStatement()
    transaction.hasSnapshot = true
    const rows = lookup.run(transaction.kernel, parameters)
    return {
      command: 'SELECT',
      commandTag: rows.length === 1 ? 'SELECT 1' : 'SELECT 0',
      columns: statement.columns,
      rows,
      rowCount: rows.length,
      notices: [],
      typeContext: this.#outputTypes(),
    }
  }

  /** Runs `body` under a new statement interrupt (statement_timeout, cancel). */
  async #interruptibly<T>(body: (interrupt: StatementInterrupt) => Promise<T>): Promise<T> {
    const interrupt = this.#newInterrupt()
    this.#interrupt = interrupt
    try {
      interrupt.check()
      return await body(interrupt)
    } finally {
      interrupt.end()
      this.#interrupt = undefined
    }
  }

  #newInterrupt(): StatementInterrupt {
    const timeoutMs = parseDurationMs('statement_timeout', this.#settings.get('statement_timeout'))
    const interrupt = new StatementInterrupt(timeoutMs)
    if (this.#isCancelRequested) interrupt.cancel()
    return interrupt
  }

  /** The type context values are read and printed with, for the current settings (relation
   * names resolve in the transaction's catalog as it is when they are read). */
  #outputTypes(): TypeContext {
    const settings = this.#settings
    if (this.#outputTypesCache?.version !== settings.version) {
      const searchPath = this.#searchPath()
      this.#outputTypesCache = {
        version: settings.version,
        types: {
          ...this.#typeContext(),
          relationNames: relationNamesOf(
            () => this.#transaction?.catalog ?? this.#core.catalog,
            searchPath,
          ),
        },
      }
    }
    return this.#outputTypesCache.types
  }

  #outputTypesCache: { readonly version: number; readonly types: TypeContext } | undefined

  async #executePortal(portal: EnginePortal, maxRows: number): Promise<PortalResult> {
    if (this.#isClosed) throw sessionClosed()
    if (portal.isClosed || portal.generation !== this.#generation) {
      throw new SqlError(SqlState.invalidCursorName, `portal "${portal.name}" does not exist`)
    }
    // A portal bound before the block failed runs no more (PostgreSQL's exec_execute_message).
    if (this.#isFailed && !isAllowedWhenFailed(portal.statement.parsed.node)) {
      throw abortedTransaction()
    }
    this.#isCancelRequested = false
    this.#isRunning = true
    try {
      if (portal.result === undefined && portal.stream === undefined) {
        await this.#startPortal(portal, maxRows)
      } else if (portal.stream !== undefined) {
        portal.interrupt?.restart(
          parseDurationMs('statement_timeout', this.#settings.get('statement_timeout')),
        )
      }
      return await this.#fetch(portal, maxRows)
    } catch (error: unknown) {
      portal.close()
      this.#fail()
      throw toSqlError(error)
    } finally {
      this.#isRunning = false
      portal.interrupt?.end()
      this.#interrupt = undefined
    }
  }

  /**
   * A portal's first Execute. A SELECT asked for some rows (and not locking rows) opens its plan
   * and keeps it open between calls; anything else runs to completion now, its rows kept.
   */
  async #startPortal(portal: EnginePortal, maxRows: number): Promise<void> {
    const statement = portal.statement
    if (this.#isFailed && !isAllowedWhenFailed(statement.parsed.node)) throw abortedTransaction()
    const interrupt = this.#newInterrupt()
    portal.interrupt = interrupt
    this.#interrupt = interrupt
    interrupt.check()
    const binding = this.#validate(statement)
    const query = binding.query
    const point = this.#pointSelect(statement, binding, portal.parameters)
    if (point !== undefined) {
      portal.result = point
      portal.buffer = point.rows
      portal.bufferIndex = 0
      return
    }
    if (maxRows > 0 && query.statement.kind === 'Select' && !locksRows(query.statement.plan)) {
      this.#drainPortals(portal)
      const transaction = this.#transaction ?? this.#open(false, {})
      const context = this.#beginStatement(transaction, interrupt, portal.parameters)
      const rows = openSelect(query.statement, context, statement.binding)[Symbol.iterator]()
      portal.stream = { rows, context }
      return
    }
    const result = await this.#runStatement(
      () => ({ slot: this.#validate(statement), parameters: portal.parameters }),
      interrupt,
    )
    notePointLookup(statement.binding)
    portal.result = result
    portal.buffer = result.rows
    portal.bufferIndex = 0
  }

  /** Up to `maxRows` rows of a started portal (0: all that remain). */
  async #fetch(portal: EnginePortal, maxRows: number): Promise<PortalResult> {
    const stream = portal.stream
    if (stream !== undefined) {
      const interrupt = portal.interrupt
      if (interrupt !== undefined) {
        this.#interrupt = interrupt
        if (this.#isCancelRequested) interrupt.cancel()
        interrupt.check()
      }
      const rows = takeRows(stream.rows, maxRows)
      await this.#flushSequences()
      const isSuspended = maxRows > 0 && rows.length === maxRows
      const result = this.#selectResult(portal, rows, stream.context)
      if (!isSuspended) {
        portal.stream = undefined
        portal.result = result
        portal.buffer = []
      }
      return { ...result, isSuspended }
    }
    const result = portal.result
    assert(result !== undefined, 'a started portal has a stream or a result')
    const start = portal.bufferIndex
    const end =
      maxRows === 0 ? portal.buffer.length : Math.min(portal.buffer.length, start + maxRows)
    portal.bufferIndex = end
    const isWhole = start === 0 && end === portal.buffer.length && maxRows === 0
    const rows = isWhole ? portal.buffer : portal.buffer.slice(start, end)
    const isSuspended = maxRows > 0 && rows.length === maxRows
    const notices = start === 0 ? result.notices : []
    // As PostgreSQL: the tag counts the rows of this call when a result comes in pieces.
    const commandTag = isWhole ? result.commandTag : withRowCount(result.commandTag, rows.length)
    return { ...result, rows, commandTag, notices, isSuspended }
  }

  #selectResult(
    portal: EnginePortal,
    rows: readonly Row[],
    context: ExecutionContext,
  ): StatementResult {
    return {
      command: 'SELECT',
      commandTag: `SELECT ${rows.length}`,
      columns: portal.columns,
      rows,
      rowCount: rows.length,
      notices: context.notices.splice(0),
      typeContext: context.environment.types,
    }
  }

  /** Reads the rest of every streaming portal but `except` into its buffer, so the next
   * statement can take a snapshot (prepared-statement.ts invariant 3). */
  #drainPortals(except: EnginePortal | undefined): void {
    for (const portal of this.#portals) {
      const stream = portal.stream
      if (portal === except || stream === undefined) continue
      const rows = takeRows(stream.rows, 0)
      portal.stream = undefined
      portal.buffer = rows
      portal.bufferIndex = 0
      portal.result = this.#selectResult(portal, rows, stream.context)
    }
  }

  /** A transaction ended: its portals are gone. */
  #transactionEnded(): void {
    this.#generation++
    if (this.#portals.size === 0) return
    for (const portal of this.#portals) portal.close()
    this.#portals.clear()
  }

  /** PREPARE name [(types)] AS statement. Not transactional: it stays after a rollback. */
  #prepareCommand(statement: ParsedStatement, prepare: PrepareStmt): StatementResult {
    const name = prepare.name ?? ''
    const query = prepare.query
    assert(query !== undefined, 'PREPARE has a statement')
    const declared = bindDeclaredTypes(
      this.#catalogForStatement(),
      this.#searchPath(),
      statement,
      prepare.argtypes ?? [],
    )
    this.#newPrepared(
      name,
      { node: query, text: statement.text, source: statement.source },
      declared,
    )
    return commandResult('PREPARE', [])
  }

  /** EXECUTE name [(arguments)]: the prepared statement's result. */
  async #executeCommand(
    statement: ParsedStatement,
    execute: ExecuteStmt,
    interrupt: StatementInterrupt,
  ): Promise<StatementResult> {
    const name = execute.name ?? ''
    const prepared = this.#prepared.get(name)
    if (prepared === undefined) throw preparedMissing(name)
    const args = execute.params ?? []
    const types = prepared.parameterTypes
    if (args.length !== types.length) {
      throw new SqlError(
        SqlState.syntaxError,
        `wrong number of parameters for prepared statement "${name}"`,
        { detail: `Expected ${types.length} parameters but got ${args.length}.` },
      )
    }
    const exprs = bindExecuteArguments(
      this.#catalogForStatement(),
      statement,
      args,
      types,
      this.#typeContext(),
      { searchPath: this.#searchPath(), user: this.user },
    )
    const result = await this.#runStatement(
      () => ({
        slot: this.#validate(prepared),
        parameters: () => this.#evaluateArguments(exprs, interrupt),
      }),
      interrupt,
    )
    notePointLookup(prepared.binding)
    return result
  }

  /** EXECUTE's arguments, evaluated in the statement's transaction and settings. */
  #evaluateArguments(exprs: readonly BoundExpr[], interrupt: StatementInterrupt): Value[] {
    const transaction = this.#transaction ?? this.#open(false, {})
    const context = this.#beginStatement(transaction, interrupt, [])
    const scope = statementScope(context, [])
    return exprs.map((expr) => compileExpression(scope, expr)([]))
  }

  #deallocateAll(): void {
    for (const statement of this.#prepared.values()) statement.isClosed = true
    this.#prepared.clear()
  }

  /** DEALLOCATE [PREPARE] name | ALL. */
  #deallocateCommand(deallocate: DeallocateStmt): StatementResult {
    const name = deallocate.name
    if (name === undefined) {
      this.#deallocateAll()
      return commandResult('DEALLOCATE ALL', [])
    }
    const statement = this.#prepared.get(name)
    if (statement === undefined) throw preparedMissing(name)
    statement.close()
    return commandResult('DEALLOCATE', [])
  }

  /**
   * DISCARD PLANS | SEQUENCES | TEMP | ALL, what poolers send between clients. PLANS: plans are
   * re-validated at each use already; TEMP: there are no temporary tables (0A000 at CREATE).
   * ALL, outside a transaction block only: portals, settings (RESET ALL), prepared statements
   * and sequence state, as PostgreSQL's CLOSE ALL; RESET ALL; DEALLOCATE ALL; DISCARD
   * SEQUENCES. (SET SESSION AUTHORIZATION DEFAULT and advisory locks do not exist here.)
   */
  #discardCommand(discard: DiscardStmt): StatementResult {
    switch (discard.target) {
      case 'DISCARD_PLANS':
        return commandResult('DISCARD PLANS', [])
      case 'DISCARD_TEMP':
        return commandResult('DISCARD TEMP', [])
      case 'DISCARD_SEQUENCES':
        this.#sequences.discard()
        return commandResult('DISCARD SEQUENCES', [])
      default:
        break
    }
    if (this.#transaction?.isExplicit === true) {
      throw new SqlError(
        SqlState.activeSqlTransaction,
        'DISCARD ALL cannot run inside a transaction block',
      )
    }
    for (const portal of this.#portals) portal.close()
    this.#portals.clear()
    this.#settings.resetAll()
    this.#deallocateAll()
    this.#sequences.discard()
    return commandResult('DISCARD ALL', [])
  }

  /** After a statement met another transaction's write: waits for that transaction to end
   * (bounded by lock_timeout and the statement's interrupt) before the statement runs again. */
  async #afterConflict(
    transaction: OpenTransaction,
    conflict: TransactionConflict,
    interrupt: StatementInterrupt,
  ): Promise<void> {
    if (conflict.kind !== 'wait') return
    const timeoutMs = parseDurationMs('lock_timeout', this.#settings.get('lock_timeout'))
    interrupt.armTimer()
    await this.#core.kernel.waitFor(
      transaction.kernel.id,
      conflict.holder,
      timeoutMs,
      interrupt.signal,
    )
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
    // The current role (SET ROLE's): row-level security and CURRENT_USER bind against it.
    const query = bindStatement(catalog, statement, this.#typeContext(), {
      searchPath: this.#searchPath(),
      user: this.#currentRole(),
      sessionUser: this.#sessionUser(),
      isRowSecurityOff: this.#settings.get('row_security') === 'off',
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
      this.#currentRole(),
      this.#sessionUser(),
      settings.get('search_path'),
      settings.get('row_security'),
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
    parameters: readonly Value[],
    transaction: OpenTransaction,
    interrupt: StatementInterrupt,
    slot: PlanSlot,
  ): StatementResult {
    const context = this.#beginStatement(transaction, interrupt, parameters)
    const result = executeStatement(query.statement, context, slot)
    if (context.catalog !== transaction.catalog) persistAcls(context, transaction.catalog)
    transaction.catalog = context.catalog
    return result.columns === undefined
      ? result
      : { ...result, typeContext: context.environment.types }
  }

  /** Takes the statement's snapshot and makes the context it runs in. */
  #beginStatement(
    transaction: OpenTransaction,
    interrupt: StatementInterrupt,
    parameters: readonly Value[],
  ): ExecutionContext {
    const searchPath = this.#searchPath()
    // Functions and conversions resolve relations in the catalog as the statement leaves it.
    let catalog = transaction.catalog
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
      environment: {
        ...environment,
        sequences: this.#sequences.access(
          () => catalog,
          () => this.#currentRole(),
        ),
        routines: new RoutineRunner(() => context),
        catalog: catalogAccessOf(() => systemSourceOf(context)),
      },
      frames: [],
      workTables: new Map(),
      interrupt,
      sequences: this.#sequences,
      deferred: transaction.deferred,
      activities: this.#activities,
      ...(transaction.isReadOnly ? { checkNestedStatement: assertAllowedReadOnly } : {}),
    }
    return context
  }

  /**
   * The checks DEFERRABLE constraints deferred, run before the commit in a statement of their
   * own (after waiting for a conflicting writer, as any statement); an error fails the COMMIT.
   */
  async #runDeferred(transaction: OpenTransaction): Promise<void> {
    if (!transaction.deferred.hasPending) return
    const interrupt = this.#interrupt ?? new StatementInterrupt(0)
    const checks = transaction.deferred.takeDue(() => true)
    for (let attempt = 0; ; attempt++) {
      try {
        runDeferredChecks(this.#beginStatement(transaction, interrupt, []), checks)
        return
      } catch (error: unknown) {
        if (!(error instanceof TransactionConflict) || attempt >= statementRetriesMax) throw error
        transaction.kernel.rollbackStatement()
        await this.#afterConflict(transaction, error, interrupt)
      }
    }
  }

  /** search_path as schema names, for name lookups. */
  #searchPath(): SearchPath {
    return searchPathSchemas(this.#settings.get('search_path'), this.#currentRole())
  }

  /** The session user: SET SESSION AUTHORIZATION's role, else the login user. */
  #sessionUser(): string {
    const value = this.#settings.get('session_authorization')
    return value === '' ? this.user : value
  }

  /** The current role (current_user): SET ROLE's role, else the session user. */
  #currentRole(): string {
    const value = this.#settings.get('role')
    return value === 'none' ? this.#sessionUser() : value
  }

  /**
   * SET ROLE and SET SESSION AUTHORIZATION (also through set_config) with PostgreSQL's checks:
   * SET ROLE needs the session user to be a member of the role (any chain; superusers may
   * take any role); SET SESSION AUTHORIZATION needs the login user to be a superuser, unless
   * it names the login user. Returns the value to store; other settings pass through.
   */
  #checkRoleSetting(name: string, value: string | undefined): string | undefined {
    const key = name.toLowerCase()
    if (key !== 'role' && key !== 'session_authorization') return value
    if (value === undefined || (key === 'role' && value.toLowerCase() === 'none')) {
      return key === 'role' ? 'none' : undefined
    }
    const catalog = this.#catalogForStatement()
    const target = catalog.getRole(value)
    if (key === 'role') {
      const sessionRole = catalog.getRole(this.#sessionUser())
      if (!canSetRole(catalog, sessionRole, target)) {
        throw new SqlError(
          SqlState.insufficientPrivilege,
          `permission denied to set role "${value}"`,
        )
      }
      return target.name
    }
    const login = catalog.findRole(this.user)
    if (target.name !== this.user && login?.isSuperuser !== true) {
      throw new SqlError(
        SqlState.insufficientPrivilege,
        'permission denied to set session authorization',
      )
    }
    return target.name
  }

  /** Sets a setting the way SET does; session_authorization also resets role, as in
   * PostgreSQL. */
  #setSetting(name: string, value: string | undefined, isLocal: boolean): string {
    const checked = this.#checkRoleSetting(name, value)
    const normalised = this.#settings.set(name, checked, isLocal)
    if (name.toLowerCase() === 'session_authorization') {
      this.#settings.set('role', undefined, isLocal)
    }
    return normalised
  }

  /** pg_has_role's view of the catalog (catalog/roles.ts). */
  #roleAccess(catalog: () => Catalog): RoleAccess {
    return {
      hasRole: (memberName, roleName, privilege) => {
        const current = catalog()
        const member = current.getRole(memberName)
        const role = current.getRole(roleName)
        return roleModes(privilege).some((mode) =>
          mode === 'admin'
            ? isAdminOf(current, member, role)
            : mode === 'member'
              ? canSetRole(current, member, role)
              : isMemberOf(current, member, role),
        )
      },
      roleName: (oid) => {
        const role = catalog().findRoleByOid(oid)
        if (role === undefined) {
          throw new SqlError(SqlState.undefinedObject, `role with OID ${oid} does not exist`)
        }
        return role.name
      },
      hasPrivilege: (question) => answerPrivilegeQuestion(catalog(), this.#searchPath(), question),
    }
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
      sessionUser: this.#sessionUser(),
      currentUser: this.#currentRole(),
      roles: this.#roleAccess(() => transaction.catalog),
      backend: {
        pid: this.id,
        cancel: (pid) => this.#cancelBackend(pid, transaction.catalog),
      },
      output: (value, type) => formatValue(value, type, types),
      settings: {
        get: (name, isMissingOk) =>
          this.#transactionSetting(name) ??
          (isMissingOk ? (settings.find(name) ?? null) : settings.get(name)),
        set: (name, value, isLocal) =>
          this.#setSetting(name, value, isLocal && transaction.isExplicit),
        names: settingNames,
      },
    }
  }

  /**
   * pg_cancel_backend: cancels session `pid`'s running statement. PostgreSQL's rules: a superuser
   * may cancel anyone; others only sessions of a role whose privileges they have, and never a
   * superuser's (42501 with PostgreSQL's wording).
   */
  #cancelBackend(pid: number, catalog: Catalog): boolean {
    const target = [...this.#core.sessions].find((session) => session.id === pid)
    if (target === undefined) return false
    const caller = catalog.findRole(this.#currentRole())
    // The role a backend is judged by is the one it logged in as (PostgreSQL's proc->roleId).
    const targetRole = catalog.findRole(target.user)
    if (caller?.isSuperuser !== true) {
      if (targetRole?.isSuperuser === true) {
        throw new SqlError(
          SqlState.insufficientPrivilege,
          'must be a superuser to cancel superuser query',
        )
      }
      if (
        caller === undefined ||
        targetRole === undefined ||
        !isMemberOf(catalog, caller, targetRole)
      ) {
        throw new SqlError(
          SqlState.insufficientPrivilege,
          'must be a member of the role whose query is being canceled or member of pg_signal_backend',
        )
      }
    }
    target.cancel()
    return true
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
      deferred: new DeferredConstraints(),
    }
    return this.#transaction
  }

  #beginKernel(isolation: TransactionIsolation): KernelTransaction {
    return this.#core.kernel.begin({
      isolation: kernelIsolation(isolation),
      isSynchronousCommit: this.#settings.get('synchronous_commit') !== 'off',
    })
  }

  /**
   * COPY FROM / COPY TO: one statement that waits for the client between chunks. A COPY FROM
   * that meets another transaction's uncommitted write of the same key cannot be re-run from
   * its start as other statements are (the client's data is gone), so it fails with 40001.
   */
  async #copy(
    statement: BoundCopyFrom | BoundCopyTo,
    interrupt: StatementInterrupt,
  ): Promise<StatementResult> {
    const transaction = this.#transaction ?? this.#open(false, {})
    if (transaction.isReadOnly) assertAllowedReadOnly(statement)
    const context = this.#beginStatement(transaction, interrupt, [])
    try {
      const count =
        statement.kind === 'CopyFrom'
          ? await runCopyFrom(statement, context, this.#copyHandler)
          : await runCopyTo(statement, context, this.#copyHandler)
      transaction.catalog = context.catalog
      await this.#flushSequences()
      return commandResult(`COPY ${count}`, [])
    } catch (error: unknown) {
      if (!(error instanceof TransactionConflict)) throw error
      throw new SqlError(
        SqlState.serializationFailure,
        'could not serialize access due to concurrent update',
        {
          detail: 'COPY FROM met a row another transaction is writing.',
          hint: 'Retry the transaction.',
        },
      )
    }
  }

  async #vacuum(isAnalyzeOnly: boolean): Promise<StatementResult> {
    if (isAnalyzeOnly) return commandResult('ANALYZE', [])
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
    } else this.#setSetting(bound.name, bound.value, bound.isLocal)
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

  #showColumn(name: string): ColumnDescription {
    return {
      name: this.#settings.displayName(name),
      typeOid: sqlTypes.text.oid,
      typeSize: sqlTypes.text.size,
      typeModifier: -1,
      tableOid: 0,
      columnNumber: 0,
    }
  }

  #show(name: string): StatementResult {
    const value =
      name.toLowerCase() === 'session_authorization'
        ? this.#sessionUser()
        : (this.#transactionSetting(name) ?? this.#settings.get(name))
    return {
      command: 'SHOW',
      commandTag: 'SHOW',
      columns: [this.#showColumn(name)],
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
      deferred: transaction.deferred.mark(),
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
    transaction.deferred.restore(savepoint.deferred)
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
    try {
      await this.#runDeferred(transaction)
    } catch (error: unknown) {
      this.#rollback()
      throw error
    }
    this.#transaction = undefined
    this.#transactionEnded()
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
    this.#transactionEnded()
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

/** Parameter values for a statement: converted already, or converted once it is bound. */
type ParameterSupply = readonly Value[] | (() => readonly Value[])

function sessionClosed(): SqlError {
  return new SqlError(SqlState.connectionDoesNotExist, 'session is closed')
}

function preparedMissing(name: string): SqlError {
  return new SqlError(
    SqlState.invalidSqlStatementName,
    `prepared statement "${name}" does not exist`,
  )
}

/** A declared parameter type OID (0: inferred). */
function declaredType(oid: number): SqlType | undefined {
  if (oid === 0) return undefined
  const type = findTypeByOid(oid)
  if (type === undefined) {
    throw new SqlError(SqlState.undefinedObject, `type with OID ${oid} does not exist`)
  }
  return type
}

/** After a statement's first execution made its plan: the point-select fast path, if it is one. */
function notePointLookup(binding: PreparedBinding): void {
  if (binding.pointLookup === undefined && binding.plan !== undefined) {
    binding.pointLookup = compilePointLookup(binding.plan)
  }
}

/** Bind's result format codes, one per column (PostgreSQL's rules and 08P01). */
function resultFormatsFor(codes: readonly number[], columnCount: number): number[] {
  for (const code of codes) {
    if (code !== 0 && code !== 1) {
      throw new SqlError(SqlState.invalidParameterValue, `unsupported format code: ${code}`)
    }
  }
  if (codes.length === 0) return new Array<number>(columnCount).fill(0)
  if (codes.length === 1) return new Array<number>(columnCount).fill(codes[0] ?? 0)
  if (codes.length !== columnCount) {
    throw new SqlError(
      SqlState.protocolViolation,
      `bind message has ${codes.length} result formats but query has ${columnCount} columns`,
    )
  }
  return [...codes]
}

function sameColumns(
  a: readonly ColumnDescription[] | undefined,
  b: readonly ColumnDescription[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b
  return (
    a.length === b.length &&
    a.every((column, i) => {
      const other = b[i]
      return (
        other !== undefined &&
        column.name === other.name &&
        column.typeOid === other.typeOid &&
        column.typeModifier === other.typeModifier
      )
    })
  )
}

/** Whether a plan takes row locks (SELECT ... FOR UPDATE): such a SELECT is not streamed. */
function locksRows(plan: Rel): boolean {
  return plan.kind === 'LockRows' || inputsOf(plan).some(locksRows)
}

/** Up to `count` rows from `rows` (0: all), checked against the in-memory row limit. */
function takeRows(rows: Iterator<Row>, count: number): Row[] {
  const taken: Row[] = []
  while (count === 0 || taken.length < count) {
    const next = rows.next()
    if (next.done === true) break
    taken.push(next.value)
    checkRows(taken.length)
  }
  return taken
}

/** A command tag with its row count replaced ('SELECT 5' → 'SELECT 2'); tags without one
 * stay. */
function withRowCount(tag: string, count: number): string {
  return /\d+$/.test(tag) ? tag.replace(/\d+$/, String(count)) : tag
}

function setConstraintsOutsideBlock(): Notice {
  return {
    severity: 'WARNING',
    code: SqlState.noActiveSqlTransaction,
    message: 'SET CONSTRAINTS can only be used in transaction blocks',
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
/** Epoch milliseconds as a timestamptz value (µs since 2000-01-01 UTC). */
function postgresMicros(epochMs: number): bigint {
  return BigInt(Math.round(epochMs * 1000)) - 946_684_800_000_000n
}

function postgresNow(): bigint {
  const micros = Math.round((performance.timeOrigin + performance.now()) * 1000)
  return BigInt(micros) - 946_684_800_000_000n
}

/** pg_has_role's privilege text: a comma-separated list of MEMBER, USAGE or SET, each maybe
 * WITH ADMIN OPTION (or WITH GRANT OPTION), case-insensitive; 22023 otherwise. */
function roleModes(privilege: string): ('member' | 'usage' | 'admin')[] {
  const modes: ('member' | 'usage' | 'admin')[] = []
  for (const part of privilege.split(',').slice(0, 8)) {
    const words = part.trim().toLowerCase().split(/\s+/)
    const [name, ...rest] = words
    const option = rest.join(' ')
    if (option === 'with admin option' || option === 'with grant option') modes.push('admin')
    else if (option !== '') throw unrecognizedRolePrivilege(part)
    else if (name === 'member' || name === 'set') modes.push('member')
    else if (name === 'usage') modes.push('usage')
    else throw unrecognizedRolePrivilege(part)
    if (option !== '' && name !== 'member' && name !== 'usage' && name !== 'set') {
      throw unrecognizedRolePrivilege(part)
    }
  }
  return modes
}

function unrecognizedRolePrivilege(text: string): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    `unrecognized privilege type: "${text.trim()}"`,
  )
}
