/**
 * ExtendedQuery: one connection's state for the extended query protocol, and the answer to
 * each of its messages (Parse, Bind, Describe, Execute, Close, Flush; Sync via `sync`). It maps
 * them onto the engine's prepared statements and portals (prepared-statement.ts in the engine)
 * and queues the replies on the connection's SocketOutput; the connection sends ReadyForQuery.
 *
 * State:
 *   statements  the unnamed statement is held here; named ones live in the engine session,
 *               which shares their namespace with SQL PREPARE / EXECUTE / DEALLOCATE
 *   portals     by name ('' the unnamed one); the engine ends a portal with its transaction,
 *               so the map is emptied whenever the session is idle at Sync or after a Query
 *   skipping    after an error, every message up to Sync is ignored (the connection asks
 *               `isSkipping`)
 *
 * Rules, as PostgreSQL's: Parse or Bind of the unnamed statement or portal replaces it; a named
 * one that exists is 42P05 (statement) or 42P03 (portal); a name that does not exist is 26000
 * (statement) or 34000 (portal); Close of a missing name is not an error. An error aborts the
 * transaction: an explicit block goes to the failed state, the implicit one rolls back.
 *
 * Output is only queued (flushed when a batch of rows fills up): nothing reaches the client
 * before Sync or Flush, so a pipeline of many messages costs one write.
 */
import {
  type ColumnDescription,
  type CopyHandler,
  type Portal,
  type PreparedStatement,
  type Session,
  SqlError,
  SqlState,
} from '@bkg-db/engine'
import {
  bindComplete,
  closeComplete,
  commandComplete,
  type DescribeTarget,
  type ExtendedMessage,
  emptyQueryResponse,
  errorResponse,
  noData,
  noticeResponse,
  parameterDescription,
  parseComplete,
  portalSuspended,
  rowDescription,
} from './codec/index.js'
import { toSqlError, writeRows } from './simple-query.js'
import type { SocketOutput } from './socket-output.js'
import { checkResultFormats, decodeParameter, formatFor } from './value-codec.js'

/** Statement text with no statement in it: Execute answers EmptyQueryResponse. */
interface EmptyStatement {
  readonly kind: 'Empty'
  readonly paramTypes: readonly number[]
}

type Statement = PreparedStatement | EmptyStatement

interface OpenPortal {
  readonly portal: Portal | undefined
  readonly columns: readonly ColumnDescription[] | undefined
  readonly formats: readonly number[]
  /** A statement without rows ran to its end: PostgreSQL's portal is done, 55000 after. */
  isDone: boolean
}

export class ExtendedQuery {
  readonly #session: Session
  readonly #output: SocketOutput
  /** Serves a COPY that Execute runs (copy-protocol.ts). */
  readonly #copy: CopyHandler
  #unnamedStatement: Statement | undefined
  /** Named empty statements (the engine cannot prepare an empty text). */
  readonly #emptyStatements = new Map<string, EmptyStatement>()
  readonly #portals = new Map<string, OpenPortal>()
  #isSkipping = false

  constructor(session: Session, output: SocketOutput, copy: CopyHandler) {
    this.#session = session
    this.#output = output
    this.#copy = copy
  }

  /** True after an error until Sync: the connection drops everything but Sync and Terminate. */
  get isSkipping(): boolean {
    return this.#isSkipping
  }

  /** Handles one message; never rejects: an error is reported and starts skipping. */
  async handle(message: ExtendedMessage): Promise<void> {
    try {
      switch (message.kind) {
        case 'Parse':
          return await this.#parse(message.statement, message.sql, message.paramTypes)
        case 'Bind':
          return await this.#bind(message)
        case 'Describe':
          return this.#describe(message.target, message.name)
        case 'Execute':
          return await this.#execute(message.portal, message.maxRows)
        case 'Close':
          return this.#close(message.target, message.name)
        case 'Flush':
          return await this.#output.flush()
      }
    } catch (error) {
      this.fail(toSqlError(error))
    }
  }

  /** Reports `error`, aborts the transaction, and skips the rest up to Sync. */
  fail(error: SqlError): void {
    this.#isSkipping = true
    this.#session.failTransaction()
    this.#output.queue(errorResponse(error))
  }

  /** Sync: ends the implicit transaction (its commit error is reported), stops skipping. */
  async sync(): Promise<void> {
    this.#isSkipping = false
    try {
      await this.#session.sync()
    } catch (error) {
      this.#output.queue(errorResponse(toSqlError(error)))
    }
    this.dropEndedPortals()
  }

  /**
   * After a simple Query (PostgreSQL drops the unnamed statement there) or Sync: portals end
   * with their transaction, so once the session is idle none is left.
   */
  afterQuery(commandTags: readonly string[]): void {
    this.#closeUnnamedStatement()
    this.#afterCommands(commandTags)
    this.dropEndedPortals()
  }

  /** DEALLOCATE ALL and DISCARD ALL also forget the named empty statements held here. */
  #afterCommands(commandTags: readonly string[]): void {
    if (commandTags.some((tag) => tag === 'DEALLOCATE ALL' || tag === 'DISCARD ALL')) {
      this.#emptyStatements.clear()
    }
  }

  dropEndedPortals(): void {
    if (this.#session.transactionStatus !== 'idle') return
    for (const open of this.#portals.values()) open.portal?.close()
    this.#portals.clear()
  }

  async #parse(name: string, sql: string, paramTypes: readonly number[]): Promise<void> {
    if (name === '') this.#closeUnnamedStatement()
    else if (this.#findStatement(name) !== undefined) {
      throw new SqlError(
        SqlState.duplicatePreparedStatement,
        `prepared statement "${name}" already exists`,
      )
    }
    let statement: Statement
    if (isEmptyStatement(sql)) {
      statement = { kind: 'Empty', paramTypes }
      if (name !== '') this.#emptyStatements.set(name, statement)
    } else {
      statement = await this.#session.prepare(
        sql,
        name === '' ? { paramTypes } : { name, paramTypes },
      )
    }
    if (name === '') this.#unnamedStatement = statement
    this.#output.queue(parseComplete())
  }

  async #bind(message: ExtendedMessage & { readonly kind: 'Bind' }): Promise<void> {
    const statement = this.#statement(message.statement)
    const name = message.portal
    if (name === '') this.#closePortal('')
    else if (this.#portals.has(name)) {
      throw new SqlError(SqlState.duplicateCursor, `cursor "${name}" already exists`)
    }
    const paramTypes = statement.paramTypes
    if (message.params.length !== paramTypes.length) {
      throw new SqlError(
        SqlState.protocolViolation,
        `bind message supplies ${message.params.length} parameters, but prepared statement "${message.statement}" requires ${paramTypes.length}`,
      )
    }
    const params = message.params.map((bytes, index) =>
      decodeParameter(bytes, message.paramFormats[index] ?? 0, paramTypes[index] ?? 0, index),
    )
    if (isEmpty(statement)) {
      this.#portals.set(name, { portal: undefined, columns: undefined, formats: [], isDone: false })
      this.#output.queue(bindComplete())
      return
    }
    checkResultFormats(statement.columns, message.resultFormats)
    const portal = await statement.bind(params, { name, resultFormats: message.resultFormats })
    const columns = portal.columns
    const formats =
      columns === undefined
        ? []
        : columns.map((_, index) => formatFor(portal.resultFormats, index, columns.length))
    this.#portals.set(name, { portal, columns, formats, isDone: false })
    this.#output.queue(bindComplete())
  }

  #describe(target: DescribeTarget, name: string): void {
    if (target === 'Statement') {
      const statement = this.#statement(name)
      this.#output.queue(parameterDescription(statement.paramTypes))
      const columns = isEmpty(statement) ? undefined : statement.columns
      this.#output.queue(columns === undefined ? noData() : rowDescription(columns))
      return
    }
    const open = this.#portal(name)
    this.#output.queue(
      open.columns === undefined ? noData() : rowDescription(open.columns, open.formats),
    )
  }

  async #execute(name: string, maxRows: number): Promise<void> {
    const open = this.#portal(name)
    if (open.portal === undefined) {
      this.#output.queue(emptyQueryResponse())
      return
    }
    if (open.isDone) {
      throw new SqlError(SqlState.objectNotInPrerequisiteState, `portal "${name}" cannot be run`)
    }
    const statusBefore = this.#session.transactionStatus
    const result = await open.portal.execute(maxRows > 0 ? maxRows : 0, { copy: this.#copy })
    open.isDone = open.columns === undefined && !result.isSuspended
    // COMMIT / ROLLBACK ended a block: its portals are gone at once, as in PostgreSQL.
    if (statusBefore !== 'idle') this.dropEndedPortals()
    if (open.columns !== undefined) {
      await writeRows(result.rows, open.columns, result.typeContext, this.#output, open.formats)
    }
    for (const notice of result.notices) this.#output.queue(noticeResponse(notice))
    this.#output.queue(result.isSuspended ? portalSuspended() : commandComplete(result.commandTag))
    this.#afterCommands([result.commandTag])
  }

  #close(target: DescribeTarget, name: string): void {
    if (target === 'Portal') this.#closePortal(name)
    else if (name === '') this.#closeUnnamedStatement()
    else if (!this.#emptyStatements.delete(name)) this.#session.preparedStatement(name)?.close()
    this.#output.queue(closeComplete())
  }

  #findStatement(name: string): Statement | undefined {
    if (name === '') return this.#unnamedStatement
    return this.#emptyStatements.get(name) ?? this.#session.preparedStatement(name)
  }

  #statement(name: string): Statement {
    const statement = this.#findStatement(name)
    if (statement !== undefined) return statement
    throw new SqlError(
      SqlState.undefinedPstatement,
      name === ''
        ? 'unnamed prepared statement does not exist'
        : `prepared statement "${name}" does not exist`,
    )
  }

  #portal(name: string): OpenPortal {
    const open = this.#portals.get(name)
    if (open !== undefined) return open
    throw new SqlError(SqlState.undefinedCursor, `portal "${name}" does not exist`)
  }

  #closePortal(name: string): void {
    this.#portals.get(name)?.portal?.close()
    this.#portals.delete(name)
  }

  #closeUnnamedStatement(): void {
    const statement = this.#unnamedStatement
    this.#unnamedStatement = undefined
    if (statement !== undefined && !isEmpty(statement)) statement.close()
  }
}

function isEmpty(statement: Statement): statement is EmptyStatement {
  return 'kind' in statement && statement.kind === 'Empty'
}

/** Only whitespace, `;` and comments: PostgreSQL parses it to no statement at all. */
function isEmptyStatement(sql: string): boolean {
  const stripped = sql
    .replace(/--[^\n]*/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/[\s;]+/g, '')
  return stripped === ''
}
