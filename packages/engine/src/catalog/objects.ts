/**
 * Catalog objects other than tables: schemas, views, sequences and user-defined types. Plain, immutable data like
 * Table; relations (tables, views, sequences, and indexes through their table) share one name
 * space per schema, as pg_class does.
 */
import type { Node, SelectStmt } from '../sql/parse/index.js'
import type { SqlType } from '../types/index.js'
import type { Index, StoredExpression, Table } from './table.js'

export interface Schema {
  readonly kind: 'schema'
  readonly oid: number
  readonly name: string
  /** The owning role's name. */
  readonly owner: string
  /** Built in (pg_catalog, public): not stored, never dropped. */
  readonly isBuiltin: boolean
  /** COMMENT ON SCHEMA. */
  readonly comment?: string | undefined
}

/** The query of a view, stored like StoredExpression: AST without locations, and its text. */
export interface StoredQuery {
  readonly node: SelectStmt
  readonly text: string
}

export interface View {
  readonly kind: 'view'
  readonly oid: number
  readonly schema: string
  readonly name: string
  /** The owning role's name (the creating role; ALTER ... OWNER TO changes it). */
  readonly owner: string
  /** Output columns as created (names after the optional column list), with their types. */
  readonly columns: readonly {
    readonly name: string
    readonly type: SqlType
    /** COMMENT ON COLUMN. */
    readonly comment?: string | undefined
  }[]
  readonly query: StoredQuery
  readonly checkOption: 'none' | 'local' | 'cascaded'
  /** security_invoker: the view's query runs with the caller's rights, not the owner's. */
  readonly securityInvoker: boolean
  readonly securityBarrier: boolean
  /** OIDs of the relations the query reads (tables, views, sequences): DROP of one of them
   * is refused unless CASCADE drops this view too. */
  readonly dependsOn: readonly number[]
  readonly comment?: string | undefined
}

export interface Sequence {
  readonly kind: 'sequence'
  readonly oid: number
  readonly schema: string
  readonly name: string
  /** The owning role's name (the creating role; ALTER ... OWNER TO changes it). */
  readonly owner: string
  /** int2, int4 or int8. */
  readonly type: SqlType
  readonly start: bigint
  readonly increment: bigint
  readonly min: bigint
  readonly max: bigint
  readonly cache: bigint
  readonly cycle: boolean
  /** OWNED BY table.column (serial and identity columns): dropped with the column. */
  readonly ownedBy: { readonly table: number; readonly column: number } | undefined
  /**
   * Which incarnation of the sequence's state (last value, is_called) this definition uses.
   * CREATE and every ALTER SEQUENCE start a new one, as PostgreSQL gives the sequence a new
   * relfilenode: a rolled-back ALTER leaves the state it replaced untouched, and state written
   * for a definition that never committed is never adopted by another. The DDL transaction's
   * id (never reused, even across restarts) and the catalog version within it make it unique.
   */
  readonly epoch: SequenceEpoch
  /** The state this epoch starts from: CREATE's START, ALTER ... RESTART's value, or the
   * state the ALTER found (values handed out so far are not handed out again). */
  readonly initial: { readonly value: bigint; readonly isCalled: boolean }
  /** COMMENT ON SEQUENCE. */
  readonly comment?: string | undefined
}

export interface SequenceEpoch {
  readonly transaction: number
  readonly step: number
}

/** What a relation name in a schema can denote. */
export type Relation = Table | View | Sequence

/** An index, found through the relation name space. */
export interface IndexEntry {
  readonly kind: 'index'
  readonly oid: number
  readonly schema: string
  readonly name: string
  readonly table: Table
  /** Undefined for the primary key's index (the table itself is clustered on the key). */
  readonly index: Index | undefined
}

export type NamedRelation = Relation | IndexEntry

/**
 * A user-defined function (CREATE FUNCTION ... LANGUAGE sql): PostgreSQL's pg_proc row for a
 * SQL-language routine. Functions do not share the relation name space: several may have one
 * name in a schema (overloads), told apart by their input parameter types.
 */
export interface SqlFunction {
  readonly kind: 'function'
  readonly oid: number
  readonly schema: string
  readonly name: string
  /** The owning role's name (the creator; EXECUTE privileges and SECURITY DEFINER read it). */
  readonly owner: string
  /** Input parameters in order (OUT / INOUT parameters are not supported). */
  readonly parameters: readonly FunctionParameter[]
  /** The result: a type, `setof` for SETOF / RETURNS TABLE, and RETURNS TABLE's columns. */
  readonly returns: FunctionResult
  readonly volatility: 'immutable' | 'stable' | 'volatile'
  /** STRICT / RETURNS NULL ON NULL INPUT: a NULL argument gives NULL without running the body. */
  readonly isStrict: boolean
  /** SECURITY DEFINER (stored; runs as the caller until roles switch, issue #5). */
  readonly isSecurityDefiner: boolean
  readonly parallel: 'safe' | 'restricted' | 'unsafe'
  readonly cost: number
  /** Estimated rows of a set-returning function (ROWS); 0 for other functions. */
  readonly rows: number
  /** SET name = value clauses, applied while the function runs (stored; not applied yet). */
  readonly settings: readonly { readonly name: string; readonly value: string }[]
  readonly body: FunctionBody
  /** COMMENT ON FUNCTION. */
  readonly comment?: string | undefined
}

export interface FunctionParameter {
  /** undefined for an unnamed parameter (reached only as $n). */
  readonly name: string | undefined
  readonly type: SqlType
  /** VARIADIC: the last parameter, an array whose elements callers may pass one by one. */
  readonly isVariadic: boolean
  /** DEFAULT expression (parameters after the first with a default all have one). */
  readonly default: StoredExpression | undefined
}

export interface FunctionResult {
  readonly type: SqlType
  readonly isSet: boolean
  /** RETURNS TABLE (a int, b text): the result columns (type is then record). */
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[] | undefined
}

/**
 * The body as written: `AS 'text'` is kept as text and parsed when the function is prepared;
 * a SQL-standard body (BEGIN ATOMIC ... END, RETURN expr) is parsed at CREATE and kept as its
 * statements' ASTs without locations (RETURN expr becomes SELECT expr).
 */
export type FunctionBody =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'atomic'
      readonly statements: readonly Node[]
    }

/**
 * A user-defined type (CREATE TYPE ... AS ENUM). Its SqlType is the definition (an enum's
 * members with their OIDs and sort keys, types/enum-type.ts); columns of the type hold the same
 * SqlType value, refreshed by the catalog whenever the type changes. Types have their own name
 * space per schema (pg_type's), which tables and views also occupy with their row types.
 */
export interface UserType {
  readonly kind: 'type'
  readonly oid: number
  readonly schema: string
  readonly name: string
  /** The owning role's name (the creating role; ALTER ... OWNER TO changes it). */
  readonly owner: string
  readonly type: SqlType
  /** COMMENT ON TYPE. */
  readonly comment?: string | undefined
}
