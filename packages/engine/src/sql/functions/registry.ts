/**
 * The shape of built-in functions, operators, casts and aggregates: plain declarations that the
 * binder resolves with PostgreSQL's rules (exact match, then implicit casts, preferred types of
 * a category, unknown literals taking the other side's type) and the executor calls.
 *
 * Each family of types declares its own in sql/functions/builtins/<family>.ts and exports
 * arrays; builtins/index.ts collects them. A declaration names argument types by kind or by a
 * polymorphic pseudo-type, as pg_proc does.
 */
import type { SqlType, SqlTypeKind, TypeContext, Value } from '../../types/index.js'

/** An array type by its element kind, as pg_proc names it: 'text[]' is text[] (_text). */
export type ArrayArgType = `${Exclude<SqlTypeKind, 'array'>}[]`

/** An argument or result type: a concrete kind, an array of one, or a PostgreSQL polymorphic
 * pseudo-type. */
export type ArgType =
  | SqlTypeKind
  | ArrayArgType
  | 'any'
  | 'anyelement'
  | 'anyarray'
  | 'anynonarray'
  | 'anyenum'
  | 'anycompatible'
  | 'anycompatiblearray'
  | 'anycompatiblenonarray'

/** pg_proc.provolatile: immutable and stable calls with constant arguments fold at plan time
 * (stable ones once per statement), volatile ones run per row. */
export type Volatility = 'immutable' | 'stable' | 'volatile'

/** What a call can see besides its arguments. */
export interface CallContext {
  /** The argument types after resolution (concrete, with typmods where known). */
  readonly argTypes: readonly SqlType[]
  /** The resolved result type. */
  readonly resultType: SqlType
  /** A record-returning set function's columns, from its column definition list
   * (jsonb_to_record(...) AS r(a int, b text)). */
  readonly resultColumns?: readonly { readonly name: string; readonly type: SqlType }[]
  readonly types: TypeContext
  /** Start of the current transaction and statement, µs since 2000-01-01 UTC (now(),
   * statement_timestamp()); clock_timestamp() reads the clock itself. */
  readonly transactionTimestamp: bigint
  readonly statementTimestamp: bigint
  /** Uniform in [0, 1): the session's generator (setseed makes it repeatable). */
  readonly random: () => number
  /** Text output of any value of any type (to_jsonb, format(), array_to_string, concat). */
  readonly output: (value: Value, type: SqlType) => string
  /** The session user (session_user; SET SESSION AUTHORIZATION changes it), the current role
   * (current_user: SET ROLE's role, else the session user), and the database's name
   * (current_database); 'postgres' when absent. */
  readonly sessionUser?: string
  readonly currentUser?: string
  /** Role questions (pg_has_role); absent where no session runs the call (unit tests). */
  readonly roles?: RoleAccess
  readonly databaseName?: string
  /** Reads and writes session settings (current_setting / set_config). */
  readonly settings: {
    get(name: string, isMissingOk: boolean): string | null
    set(name: string, value: string, isLocal: boolean): string
    /** Every built-in setting's name as PostgreSQL spells it (pg_settings); absent in unit
     * tests. */
    names?(): readonly string[]
  }
  /** Sequence state; absent where no session runs the call (unit tests). */
  readonly sequences?: SequenceAccess
  /** Runs user-defined SQL functions; absent where no session runs the call (unit tests). */
  readonly routines?: RoutineAccess
  /** The session as a backend (pg_backend_pid, pg_cancel_backend); absent where no session runs
   * the call (unit tests). */
  readonly backend?: BackendAccess
  /** Questions about the catalog (current_schemas, pg_get_*, format_type): absent where no
   * session runs the call (unit tests). */
  readonly catalog?: CatalogAccess
}

/**
 * What the system information functions reach of the catalog (builtins/catalog-info.ts),
 * implemented over the statement's catalog version by catalog/system/catalog-access.ts.
 * Functions given an OID that names nothing return NULL (undefined), as PostgreSQL's do.
 */
export interface CatalogAccess {
  /** The search path's existing schemas; with `isImplicit`, pg_catalog first when the path
   * does not name it. */
  currentSchemas(isImplicit: boolean): readonly string[]
  /** A role's name (pg_get_userbyid). */
  roleName(oid: number): string | undefined
  /** Whether the object is found by its unqualified name (pg_table_is_visible and friends);
   * undefined when no such object exists. */
  isVisible(kind: 'relation' | 'type' | 'function', oid: number): boolean | undefined
  /** format_type: the type's SQL name with the modifier; undefined for an unknown OID. */
  formatType(oid: number, typmod: number): string | undefined
  /** pg_get_indexdef (column 0: the whole CREATE INDEX, n: the n-th key). */
  indexDefinition(oid: number, column: number): string | undefined
  constraintDefinition(oid: number): string | undefined
  viewDefinition(oid: number): string | undefined
  /** pg_get_function_arguments / _identity_arguments / _result, pg_get_functiondef. */
  functionText(
    oid: number,
    part: 'arguments' | 'identity' | 'result' | 'definition',
  ): string | undefined
  /** pg_get_serial_sequence: the qualified name of the sequence a column owns, undefined when
   * none; errors (42P01, 42703) as PostgreSQL's. */
  serialSequence(table: string, column: string): string | undefined
  /** The comment on a shared object (shobj_description: roles, the database). */
  sharedComment(oid: number, catalog: string): string | undefined
}

/** A has_*_privilege question (the same shape as catalog/privilege-questions.ts's, which
 * answers it; this module may not import the catalog). */
export interface PrivilegeQuestion {
  readonly kind: 'table' | 'column' | 'any column' | 'sequence' | 'schema' | 'function' | 'database'
  readonly user: string
  readonly object: string | number
  readonly column?: string | number
  readonly privilege: string
}

/** What pg_has_role reaches: the catalog's role model (catalog/roles.ts), implemented by the
 * session. Names that are not roles are 42704. */
export interface RoleAccess {
  /** `privilege` is MEMBER, USAGE or SET, optionally WITH ADMIN OPTION (22023 otherwise). */
  hasRole(member: string, role: string, privilege: string): boolean
  /** The name of the role with this OID (42704 when there is none). */
  roleName(oid: number): string
  /** has_table_privilege and its siblings (catalog/privilege-questions.ts). */
  hasPrivilege?(question: PrivilegeQuestion): boolean | null
}

/**
 * What a call of a user-defined (SQL-language) function reaches: its body run by OID in the
 * calling statement's transaction. Implemented by sql/execute (routine-runner.ts).
 */
export interface RoutineAccess {
  /** The first row's value of the final statement (NULL when it returns no row). */
  call(oid: number, args: readonly Value[]): Value
  /** Every row of the final statement: one Value per row, or Value[] for RETURNS TABLE. */
  callSet(oid: number, args: readonly Value[]): Iterable<Value | Value[]>
}

/**
 * What the sequence functions (nextval, currval, setval, lastval) reach: the session's view of
 * the shared sequence state, by sequence OID. Implemented by sql/execute (session-sequences.ts).
 */
export interface SequenceAccess {
  nextval(oid: number): bigint
  currval(oid: number): bigint
  setval(oid: number, value: bigint, isCalled: boolean): bigint
  lastval(): bigint
}

/** What every call of one statement shares: a CallContext without the per-call types. */
/** What pg_backend_pid and pg_cancel_backend ask of the session layer. */
export interface BackendAccess {
  /** This session's id: what pgwire reports as the backend's process id. */
  readonly pid: number
  /**
   * Cancels the running statement of session `pid`, with PostgreSQL's permission rules (the
   * caller a superuser, or the same role and the target not a superuser: 42501 otherwise).
   * False when no session has that id.
   */
  cancel(pid: number): boolean
}

export type StatementEnvironment = Omit<CallContext, 'argTypes' | 'resultType' | 'resultColumns'>

interface Declared {
  /** Lower-case name as in pg_proc (pg_catalog unless `schema` says otherwise). */
  readonly name: string
  readonly schema?: string
  readonly args: readonly ArgType[]
  /** The last argument is VARIADIC: callers may pass its element type repeatedly (at least
   * once); evaluate receives them as separate values. */
  readonly isVariadic?: boolean
  readonly volatility: Volatility
  /** STRICT: any NULL argument gives NULL without calling evaluate. */
  readonly isStrict: boolean
}

export interface BuiltinFunction extends Declared {
  /** The result type, or a function of the resolved argument types (polymorphism, typmods). */
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
  readonly evaluate: (args: readonly Value[], call: CallContext) => Value
}

/** A set-returning function used in FROM or the select list (generate_series, unnest,
 * jsonb_each). One output column unless `columns` names several. */
export interface BuiltinSetFunction extends Declared {
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
  /** For functions returning several columns (jsonb_each → key text, value jsonb). */
  readonly columns?: (argTypes: readonly SqlType[]) => readonly { name: string; type: SqlType }[]
  /** Yields one Value per row (single column) or one Value[] per row (with `columns`). */
  readonly evaluate: (args: readonly Value[], call: CallContext) => Iterable<Value | Value[]>
}

export interface BuiltinOperator {
  /** The operator's symbol: '+', '||', '->>', '@>', '~~' (LIKE), '~' (regex), ... */
  readonly name: string
  /** undefined for a prefix operator (-x, @x, ~x). */
  readonly left: ArgType | undefined
  readonly right: ArgType
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
  readonly volatility: Volatility
  /** Operators are strict unless they say otherwise. */
  readonly isStrict?: boolean
  readonly evaluate: (args: readonly Value[], call: CallContext) => Value
}

/**
 * A cast between kinds, with its pg_cast context: implicit casts apply in expressions,
 * assignment casts when storing into a column, explicit ones only with CAST / ::.
 * Casts through text (any type to and from text via output/input) need no declaration.
 */
export interface BuiltinCast {
  readonly source: SqlTypeKind
  readonly target: SqlTypeKind
  readonly context: 'implicit' | 'assignment' | 'explicit'
  /** Non-NULL in, value of `target` out (the binder applies the target typmod after it). */
  readonly evaluate: (value: Value, source: SqlType, target: SqlType, call: CallContext) => Value
}

/** An aggregate: state starts at `initial`, `step` folds each input row in, `final` ends it. */
export interface BuiltinAggregate<State = unknown> extends Declared {
  readonly returns: ArgType | ((argTypes: readonly SqlType[]) => SqlType)
  // Methods (not function-typed properties), so an aggregate of any state type is a
  // BuiltinAggregate<unknown> in the family lists.
  initial(): State
  /** With isStrict, rows with a NULL argument are skipped (count(x), sum(x)). */
  step(state: State, args: readonly Value[], call: CallContext): State
  /** The value for the group; called for empty groups too (count → 0, sum → NULL). */
  final(state: State, call: CallContext): Value
}

/** What each builtins/<family>.ts exports. */
export interface BuiltinFamily {
  readonly functions: readonly BuiltinFunction[]
  readonly setFunctions: readonly BuiltinSetFunction[]
  readonly operators: readonly BuiltinOperator[]
  readonly casts: readonly BuiltinCast[]
  readonly aggregates: readonly BuiltinAggregate<unknown>[]
}
