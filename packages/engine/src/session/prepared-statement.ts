/**
 * Prepared statements and portals: the engine side of PostgreSQL's extended query protocol,
 * one call per message, so pgwire maps Parse → `session.prepare`, Bind → `statement.bind`,
 * Describe → `statement.paramTypes` / `.columns` and `portal.columns`, Execute →
 * `portal.execute(maxRows)`, Close → `close()`, Sync → `session.sync()`. In-process callers use
 * `statement.execute(params)`: Bind, Execute and Sync in one call, the fast path.
 *
 * State kept here (what a statement and a portal are); the session runs them (engine-session.ts
 * owns the transaction, the queue of calls, and re-validation against catalog changes).
 *
 * Invariants:
 *   1. A statement's parameter types never change after prepare (a re-bind after DDL takes them
 *      as declared); its result columns never change either (0A000 when they would).
 *   2. A portal belongs to the transaction it was bound in: when that transaction ends, every
 *      portal of it is gone (34000 on a later execute).
 *   3. At most one portal streams rows from a live plan (`stream`): before any other statement
 *      runs in the session, a suspended portal's remaining rows are read into its buffer, so it
 *      keeps the snapshot it started with (bounded by limits.operatorRowsMax, as any operator).
 */
import type { Catalog } from '../catalog/index.js'
import type { BoundQuery } from '../sql/bind/index.js'
import type {
  ColumnDescription,
  ExecuteOptions,
  ExecutionContext,
  PlanSlot,
  PointLookup,
  StatementInterrupt,
  StatementResult,
} from '../sql/execute/index.js'
import type { ParsedStatement } from '../sql/parse/index.js'
import type { PlanNode } from '../sql/plan/index.js'
import type { ParameterValue, Row, SqlType, Value } from '../types/index.js'

export interface PrepareOptions {
  /**
   * A name registers the statement in the session (SQL EXECUTE and `session.preparedStatement`
   * find it; 42P05 if taken) until closed. '' or absent: the caller holds it (pgwire's unnamed
   * statement).
   */
  readonly name?: string
  /** Types of `$1`, `$2`, ... as pg_type OIDs; 0 (or a missing entry) is inferred from use. */
  readonly paramTypes?: readonly number[]
}

export interface BindOptions {
  /** The portal's name, for error messages ('' for pgwire's unnamed portal). */
  readonly name?: string
  /** Bind's result format codes (0 text, 1 binary): none means all text, one applies to every
   * column, else one per column (08P01 otherwise). */
  readonly resultFormats?: readonly number[]
}

export interface PreparedStatement {
  readonly name: string
  readonly sql: string
  /** pg_type OID of each parameter, declared or inferred (ParameterDescription). */
  readonly paramTypes: readonly number[]
  /** Result columns (RowDescription); undefined for a statement without rows (NoData). */
  readonly columns: readonly ColumnDescription[] | undefined
  /** The command word(s) its CommandComplete tag starts with ('SELECT', 'INSERT', ...). */
  readonly command: string
  /** Parameter values in, a portal out (text values go through the type's input function). */
  bind(params: readonly ParameterValue[], options?: BindOptions): Promise<Portal>
  /** Bind, execute to completion and end an implicit transaction, in one call (as `execute`). */
  execute(params?: readonly ParameterValue[]): Promise<StatementResult>
  /** Forgets the statement (and its name). Its portals stay until their transaction ends. */
  close(): void
}

export interface Portal {
  readonly name: string
  readonly columns: readonly ColumnDescription[] | undefined
  /** One format code per result column (empty without columns). */
  readonly resultFormats: readonly number[]
  /**
   * Runs the portal until `maxRows` rows came back (0: all of them). A SELECT stops early and
   * resumes at the next call (isSuspended); other statements run to completion on the first
   * call and hand their rows out in pieces. Statements outside a transaction block stay in the
   * session's implicit transaction until `session.sync()`.
   */
  execute(maxRows?: number, options?: ExecuteOptions): Promise<PortalResult>
  close(): void
}

export interface PortalResult extends StatementResult {
  /** More rows remain (pgwire: PortalSuspended instead of CommandComplete). */
  readonly isSuspended: boolean
}

/** What the session does for statements and portals (engine-session.ts). */
export interface PreparedHost {
  bindPortal(
    statement: EnginePreparedStatement,
    params: readonly ParameterValue[],
    options: BindOptions,
  ): Promise<Portal>
  executePrepared(
    statement: EnginePreparedStatement,
    params: readonly ParameterValue[],
  ): Promise<StatementResult>
  executePortal(
    portal: EnginePortal,
    maxRows: number,
    options: ExecuteOptions | undefined,
  ): Promise<PortalResult>
  closeStatement(statement: EnginePreparedStatement): void
}

/** A statement as bound against one catalog version and binding state. */
export interface PreparedBinding extends PlanSlot {
  readonly query: BoundQuery
  readonly catalog: Catalog
  readonly bindingKey: string
  /** The point-select fast path, once the plan is known to be one (undefined: not one, or not
   * planned yet). */
  pointLookup: PointLookup | undefined
  plan: PlanNode | undefined
}

export class EnginePreparedStatement implements PreparedStatement {
  readonly #host: PreparedHost
  readonly name: string
  readonly sql: string
  readonly parsed: ParsedStatement
  /** Fixed at prepare (invariant 1). */
  readonly parameterTypes: readonly SqlType[]
  readonly paramTypes: readonly number[]
  readonly columns: readonly ColumnDescription[] | undefined
  readonly command: string
  binding: PreparedBinding
  isClosed = false

  constructor(
    host: PreparedHost,
    fields: {
      readonly name: string
      readonly parsed: ParsedStatement
      readonly binding: PreparedBinding
      readonly columns: readonly ColumnDescription[] | undefined
      readonly command: string
    },
  ) {
    this.#host = host
    this.name = fields.name
    this.parsed = fields.parsed
    this.sql = fields.parsed.text
    this.binding = fields.binding
    this.parameterTypes = fields.binding.query.parameterTypes
    this.paramTypes = this.parameterTypes.map((type) => type.oid)
    this.columns = fields.columns
    this.command = fields.command
  }

  bind(params: readonly ParameterValue[], options: BindOptions = {}): Promise<Portal> {
    return this.#host.bindPortal(this, params, options)
  }

  execute(params: readonly ParameterValue[] = []): Promise<StatementResult> {
    return this.#host.executePrepared(this, params)
  }

  close(): void {
    if (this.isClosed) return
    this.isClosed = true
    this.#host.closeStatement(this)
  }
}

/** A SELECT being read a piece at a time: its live plan and the context it runs in. */
export interface PortalStream {
  readonly rows: Iterator<Row>
  readonly context: ExecutionContext
}

export class EnginePortal implements Portal {
  readonly #host: PreparedHost
  readonly name: string
  readonly statement: EnginePreparedStatement
  readonly parameters: readonly Value[]
  readonly resultFormats: readonly number[]
  /** The session's transaction count at bind: the portal lives while it is unchanged. */
  readonly generation: number
  /** Rows computed but not yet returned, from `bufferIndex` on. */
  buffer: readonly Row[] = []
  bufferIndex = 0
  stream: PortalStream | undefined
  interrupt: StatementInterrupt | undefined
  /** The finished statement's result (its tag, notices), once it ran to the end. */
  result: StatementResult | undefined
  /** Rows a streamed SELECT returned so far. */
  rowsReturned = 0
  isClosed = false

  constructor(
    host: PreparedHost,
    fields: {
      readonly name: string
      readonly statement: EnginePreparedStatement
      readonly parameters: readonly Value[]
      readonly resultFormats: readonly number[]
      readonly generation: number
    },
  ) {
    this.#host = host
    this.name = fields.name
    this.statement = fields.statement
    this.parameters = fields.parameters
    this.resultFormats = fields.resultFormats
    this.generation = fields.generation
  }

  get columns(): readonly ColumnDescription[] | undefined {
    return this.statement.columns
  }

  /** `options.copy` serves a COPY the portal runs (pgwire's Execute of a COPY statement). */
  execute(maxRows = 0, options?: ExecuteOptions): Promise<PortalResult> {
    return this.#host.executePortal(this, maxRows, options)
  }

  close(): void {
    this.isClosed = true
    this.stream = undefined
    this.buffer = []
  }
}
