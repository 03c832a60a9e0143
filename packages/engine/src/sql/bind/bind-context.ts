/**
 * State shared while binding one statement: the catalog it reads, its source text (for error
 * positions), the types inferred for `$n` parameters, and the expression depth guard.
 */
import {
  type Catalog,
  defaultSearchPath,
  type NamedRelation,
  relationNotFound,
  type SearchPath,
  type Table,
  wrongRelationKind,
} from '../../catalog/index.js'
import { findSystemRelation } from '../../catalog/system/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { expressionDepthMax, parametersMax } from '../../limits.js'
import { defaultTypeContext, type SqlType, type TypeContext } from '../../types/index.js'
import type { FuncCall, Node, SelectStmt, SourceText, WithClause } from '../parse/index.js'
import type { NamedWindow } from './bind-window.js'
import type {
  BoundDelete,
  BoundExpr,
  BoundInsert,
  BoundModifyingCte,
  BoundSelect,
  BoundUpdate,
  ColumnId,
  OutputColumn,
} from './bound.js'
import { requireExecute } from './privilege-checks.js'
import { relationNamesOf } from './relation-names.js'
import type { Scope } from './scope.js'

/** A WITH query as the binder sees it: its bound plan, or for a recursive reference while its
 * recursive part is being bound, the work table's identity and column types. */
export interface CteBinding {
  readonly name: string
  readonly columnNames: readonly string[]
  select: BoundSelect | undefined
  readonly recursive:
    | { readonly workTable: number; readonly types: readonly SqlType[]; isReferenced: boolean }
    | undefined
  /** A data-modifying WITH query: its RETURNING rows, materialized into a work table before
   * the statement runs (undefined output: it has no RETURNING). */
  readonly modifying?: {
    readonly workTable: number
    readonly output: readonly OutputColumn[] | undefined
  }
}

/** What binding needs to know about the session. */
export interface BindSession {
  readonly searchPath: SearchPath
  /** The current role (SET ROLE's, else the session user). */
  readonly user: string
  /** The session user (SET SESSION AUTHORIZATION's, else the login user); default `user`. */
  readonly sessionUser?: string
  /** SET row_security = off: a query row-level security would filter fails instead. */
  readonly isRowSecurityOff?: boolean
  /** Types the caller fixed for `$1`, `$2`, ... (a prepared statement's declared types);
   * undefined entries are inferred. */
  readonly parameterTypes?: readonly (SqlType | undefined)[]
}

export const defaultBindSession: BindSession = { searchPath: defaultSearchPath, user: 'postgres' }
/**
 * The arguments of a SQL function whose body is being bound: `$n` and the parameters' names
 * denote `values` (Parameter expressions when the body is prepared to run, the caller's
 * argument expressions when a call is inlined). A column of the body's FROM items wins over a
 * parameter of the same name; `function_name.parameter` reaches a shadowed one (PostgreSQL's
 * rule for SQL functions).
 */
export interface RoutineArguments {
  readonly functionName: string
  readonly names: readonly (string | undefined)[]
  readonly values: readonly BoundExpr[]
}

/** PostgreSQL's error for a set-returning function where it cannot run (0A000). */
export interface SetFunctionBan {
  readonly message: string
  readonly hint?: string
}

/** The usual ban: "set-returning functions are not allowed in WHERE". */
export function setFunctionsNotAllowedIn(clause: string, hint?: string): SetFunctionBan {
  return {
    message: `set-returning functions are not allowed in ${clause}`,
    ...(hint === undefined ? {} : { hint }),
  }
}

export class BindContext {
  readonly catalog: Catalog
  readonly source: SourceText
  /** Types fixed by the caller (a prepared statement's declared types, or supplied values). */
  readonly #parameterTypes: (SqlType | undefined)[] = []
  #depth = 0
  #nextColumn = 1
  #nextWorkTable = 1
  /** Common table expressions in scope, innermost WITH last. */
  readonly ctes: CteBinding[][] = []
  /**
   * Where aggregate calls are allowed now: undefined when they are (a target list, HAVING,
   * ORDER BY), else the clause PostgreSQL names in its 42803 error ('WHERE', 'JOIN
   * conditions', ...), or 'nested' inside another aggregate's arguments.
   */
  aggregateBan: string | undefined = undefined
  /**
   * Where set-returning functions are refused now, with PostgreSQL's error (WHERE, CASE,
   * aggregate arguments, ...); undefined where they are allowed (a select list, a FROM item).
   */
  setFunctionBan: SetFunctionBan | undefined = undefined
  /**
   * Where window function calls are allowed now: undefined when they are (a SELECT's target list
   * and ORDER BY), else the clause PostgreSQL names in its 42P20 error ('WHERE', 'HAVING',
   * 'window definitions', ...), 'nested' inside another window call, 'aggregate' inside an
   * aggregate's arguments. withAggregateBan sets it too: the places are mostly the same.
   */
  windowBan: string | undefined = undefined
  /** The WINDOW clause of each SELECT being bound, innermost last (names are per query level). */
  readonly windowLevels: Map<string, NamedWindow>[] = []
  /** Binds a subquery with `parent` as its enclosing scope (set by the binder; it lives in
   * bind-select.ts, which itself binds expressions). */
  bindSubquery: (select: SelectStmt, parent: Scope) => BoundSelect = () => {
    throw new SqlError(SqlState.internalError, 'subquery binding is not set up')
  }

  /** Binds INSERT / UPDATE / DELETE in WITH (set by the binder, as bindSubquery). */
  bindModifying: (node: Node) => BoundInsert | BoundUpdate | BoundDelete = () => {
    throw new SqlError(SqlState.internalError, 'data-modifying WITH binding is not set up')
  }

  /** The top-level statement's WITH clause: the only one that may hold data-modifying queries
   * (PostgreSQL's rule). */
  topLevelWith: WithClause | undefined = undefined

  /** The data-modifying WITH queries bound so far, in order. */
  readonly modifyingCtes: BoundModifyingCte[] = []

  /** Binds f(...) OVER ... and calls of window functions, `name` unqualified (bind-window.ts;
   * set by the binder, as bindSubquery, since that file binds expressions itself). */
  bindWindowCall: (scope: Scope, call: FuncCall, name: string) => BoundExpr = () => {
    throw new SqlError(SqlState.internalError, 'window call binding is not set up')
  }
  /**
   * OIDs of the relations the statement reads by name and of the user functions it calls,
   * outside the views it expands: what a view created from it depends on (PostgreSQL's
   * pg_depend records direct dependencies only).
   */
  readonly dependencies = new Set<number>()
  /** The schema each RangeVar naming a relation resolved to (outside expanded views): a view
   * stores its query with these names qualified, so a later search_path does not change what
   * it reads. */
  readonly resolvedRangeVars = new Map<object, string>()
  /** Views being expanded, innermost last: a view met again is a cycle (42P17). */
  readonly viewsExpanding: number[] = []
  /** Set when a call of an inlinable SQL function was bound (BoundSelect.hasInlineCalls). */
  hasInlineCalls = false
  /** Set while binding a SQL function's body (see RoutineArguments). */
  routineArguments: RoutineArguments | undefined = undefined
  /** OIDs of the SQL functions being inlined, innermost last (a recursive function is called,
   * not inlined, at the second level). */
  readonly routinesInlining: number[] = []

  /** Session settings that literals are read with (TimeZone, DateStyle). */
  readonly typeContext: TypeContext

  /** The session's search_path, `"$user"` replaced: where unqualified names are looked up. */
  readonly searchPath: SearchPath
  /** The session's current role (owner of what it creates; CURRENT_USER). */
  readonly user: string
  /** The session user (SESSION_USER); the current role when the caller did not say. */
  readonly sessionUser: string
  /** See BindSession.isRowSecurityOff. */
  readonly isRowSecurityOff: boolean

  constructor(
    catalog: Catalog,
    source: SourceText,
    typeContext: TypeContext = defaultTypeContext,
    session: BindSession = defaultBindSession,
  ) {
    this.catalog = catalog
    this.source = source
    this.typeContext = {
      ...typeContext,
      relationNames: relationNamesOf(() => catalog, session.searchPath),
    }
    this.searchPath = session.searchPath
    this.user = session.user
    this.sessionUser = session.sessionUser ?? session.user
    this.isRowSecurityOff = session.isRowSecurityOff === true
    this.#parameterTypes.push(...(session.parameterTypes ?? []))
  }

  /** Resolves a relation name (qualified or by the search path). */
  findRelation(schema: string | undefined, name: string): NamedRelation | undefined {
    return this.catalog.resolveRelation(schema, name, this.searchPath)
  }

  /** The table a name denotes, or 42P01 / 42809 at `location`. */
  getTable(schema: string | undefined, name: string, location: number | undefined): Table {
    const position = this.position(location)
    const relation = this.findRelation(schema, name)
    if (relation?.kind === 'table') return relation
    if (relation !== undefined) throw wrongRelationKind(relation, 'a table', position)
    throw this.notATable(schema, name, position)
  }

  /** The error for a name that is no table: 42501 for a system catalog (computed from the
   * catalog, nothing can be written to one), else 42P01. */
  notATable(schema: string | undefined, name: string, position: number | undefined): SqlError {
    const system = findSystemRelation(schema, name, this.searchPath)
    if (system === undefined) return relationNotFound(schema, name, position)
    return new SqlError(
      SqlState.insufficientPrivilege,
      `permission denied: "${system.name}" is a system catalog`,
      position === undefined ? {} : { position },
    )
  }

  /** Records that the statement calls user function `oid` (a view calling it depends on it). */
  noteFunction(oid: number): void {
    requireExecute(this, oid)
    if (this.viewsExpanding.length === 0) this.dependencies.add(oid)
  }

  /** Records that `range` (a RangeVar) names `relation` (see `dependencies`). */
  noteRelation(range: object, relation: { readonly oid: number; readonly schema: string }): void {
    if (this.viewsExpanding.length > 0) return
    this.dependencies.add(relation.oid)
    this.resolvedRangeVars.set(range, relation.schema)
  }

  position(location: number | undefined): number | undefined {
    return this.source.positionAt(location)
  }

  /** Registers a use of `$number` (1-based) and returns its 0-based index. */
  useParameter(number: number, location: number | undefined): number {
    if (number < 1 || number > parametersMax) {
      const position = this.position(location)
      throw new SqlError(
        SqlState.undefinedParameter,
        `there is no parameter $${number}`,
        position === undefined ? {} : { position },
      )
    }
    while (this.#parameterTypes.length < number) this.#parameterTypes.push(undefined)
    return number - 1
  }

  parameterType(index: number): SqlType | undefined {
    return this.#parameterTypes[index]
  }

  /** Fixes the type of a parameter; a different type for the same parameter is 42P08. */
  setParameterType(index: number, type: SqlType, location: number | undefined): void {
    const existing = this.#parameterTypes[index]
    if (existing !== undefined && existing.kind !== type.kind) {
      const position = this.position(location)
      throw new SqlError(
        SqlState.ambiguousParameter,
        `inconsistent types deduced for parameter $${index + 1}`,
        {
          detail: `${existing.displayName} versus ${type.displayName}`,
          ...(position === undefined ? {} : { position }),
        },
      )
    }
    this.#parameterTypes[index] = type
  }

  /** The 0-based numbers of the parameters nothing typed (neither the caller nor their use). */
  untypedParameters(): number[] {
    const untyped: number[] = []
    this.#parameterTypes.forEach((type, index) => {
      if (type === undefined || type.kind === 'unknown') untyped.push(index)
    })
    return untyped
  }

  /** Parameter types with unconstrained ones resolved to `fallback` (text, as PostgreSQL). */
  parameterTypes(fallback: SqlType): SqlType[] {
    return this.#parameterTypes.map((type) => type ?? fallback)
  }

  /** A new column identity for this statement. */
  newColumn(): ColumnId {
    return this.#nextColumn++
  }

  newWorkTable(): number {
    return this.#nextWorkTable++
  }

  /** The CTE visible under `name`, innermost first. */
  findCte(name: string): CteBinding | undefined {
    for (let i = this.ctes.length - 1; i >= 0; i--) {
      const found = this.ctes[i]?.find((cte) => cte.name === name)
      if (found !== undefined) return found
    }
    return undefined
  }

  /** Runs `bind` with aggregates banned (or allowed, with undefined) and restores the rule. */
  withAggregateBan<T>(ban: string | undefined, bind: () => T): T {
    const saved = this.aggregateBan
    const savedWindow = this.windowBan
    this.aggregateBan = ban
    this.windowBan = ban === 'nested' ? 'aggregate' : ban
    try {
      return bind()
    } finally {
      this.aggregateBan = saved
      this.windowBan = savedWindow
    }
  }

  /** Runs `bind` with window calls banned (or allowed, with undefined) and restores the rule. */
  withWindowBan<T>(ban: string | undefined, bind: () => T): T {
    const saved = this.windowBan
    this.windowBan = ban
    try {
      return bind()
    } finally {
      this.windowBan = saved
    }
  }

  /** Runs `bind` with set-returning functions banned (or allowed, with undefined). */
  withSetFunctionBan<T>(ban: SetFunctionBan | undefined, bind: () => T): T {
    const saved = this.setFunctionBan
    this.setFunctionBan = ban
    try {
      return bind()
    } finally {
      this.setFunctionBan = saved
    }
  }

  /** Runs `bind` one level deeper, refusing expressions nested beyond the limit (54001). */
  nested<T>(bind: () => T): T {
    if (this.#depth >= expressionDepthMax) {
      throw new SqlError(SqlState.statementTooComplex, 'stack depth limit exceeded', {
        hint: `Expressions may nest at most ${expressionDepthMax} levels.`,
      })
    }
    this.#depth++
    try {
      return bind()
    } finally {
      this.#depth--
    }
  }
}
