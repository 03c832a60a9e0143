/**
 * The bound tree: statements after name resolution and type checking. Plain, readonly data
 * (tagged unions on `kind`), printable and testable; the planner and executor consume it.
 * Every expression knows its result type; column references name the column (ColumnId) they
 * read, and relational operators (relation.ts) say which columns their rows carry.
 */
import type { IndexEntry, Relation, Schema, Table } from '../../catalog/index.js'
import type { SqlType, Value } from '../../types/index.js'
import type {
  ArithmeticOperator,
  BuiltinAggregate,
  BuiltinFunction,
  Coercion,
  ComparisonOperator,
} from '../functions/index.js'
import type { Node } from '../parse/index.js'
import type { Rel } from './relation.js'

export type { ArithmeticOperator, ComparisonOperator }

/** Identifies a column of some relation in one statement (allocated by the binder): plan
 * nodes say which columns their rows carry, so rewrites can reorder joins without renumbering. */
export type ColumnId = number

/** Where a column comes from, for RowDescription (table OID and attribute number). */
export interface ColumnOrigin {
  readonly table: Table
  /** attnum, 1-based. */
  readonly number: number
}

export type BoundExpr =
  | {
      readonly kind: 'Constant'
      readonly type: SqlType
      readonly value: Value
      /** Where a literal appears (1-based), for errors raised when its type is resolved. */
      readonly position?: number
    }
  | {
      readonly kind: 'ColumnRef'
      readonly type: SqlType
      readonly column: ColumnId
      readonly name: string
      readonly origin: ColumnOrigin | undefined
    }
  | { readonly kind: 'Parameter'; readonly type: SqlType /** 0-based */; readonly index: number }
  | {
      readonly kind: 'Comparison'
      readonly type: SqlType
      readonly operator: ComparisonOperator
      readonly left: BoundExpr
      readonly right: BoundExpr
    }
  | {
      readonly kind: 'Logical'
      readonly type: SqlType
      readonly operator: 'and' | 'or'
      readonly args: readonly BoundExpr[]
    }
  | { readonly kind: 'Not'; readonly type: SqlType; readonly arg: BoundExpr }
  | {
      readonly kind: 'IsNull'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly isNegated: boolean
    }
  | {
      readonly kind: 'Arithmetic'
      readonly type: SqlType
      readonly operator: ArithmeticOperator
      readonly left: BoundExpr
      readonly right: BoundExpr
    }
  | { readonly kind: 'Negate'; readonly type: SqlType; readonly arg: BoundExpr }
  | { readonly kind: 'Cast'; readonly type: SqlType; readonly arg: BoundExpr }
  /** A built-in function or operator call, resolved; arguments coerced to its types. */
  | {
      readonly kind: 'Call'
      readonly type: SqlType
      /** The function's name, or the operator's symbol. */
      readonly name: string
      readonly callee: Callee
      readonly isOperator: boolean
      readonly args: readonly BoundExpr[]
    }
  /** A conversion chosen by type resolution (a declared cast, I/O through text, or arrays). */
  | {
      readonly kind: 'Coerce'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly coercion: Coercion
      /** CAST / :: (varchar(n) truncates silently) rather than an implicit or assignment
       * coercion; the target's typmod is applied after the conversion either way. */
      readonly isExplicit?: boolean
    }
  /** CASE WHEN c THEN r ... ELSE e END (a simple CASE is bound to equality conditions). */
  | {
      readonly kind: 'Case'
      readonly type: SqlType
      readonly whens: readonly { readonly condition: BoundExpr; readonly result: BoundExpr }[]
      readonly otherwise: BoundExpr
    }
  /** COALESCE(a, b, ...): the first non-NULL argument, later ones not evaluated. */
  | { readonly kind: 'Coalesce'; readonly type: SqlType; readonly args: readonly BoundExpr[] }
  /** GREATEST / LEAST: NULLs ignored, NULL only when all are. */
  | {
      readonly kind: 'MinMax'
      readonly type: SqlType
      readonly isGreatest: boolean
      readonly args: readonly BoundExpr[]
    }
  /** NULLIF(a, b): NULL when `equals` (a = b) is true, else a. */
  | {
      readonly kind: 'NullIf'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly equals: BoundExpr
    }
  /** x IS [NOT] TRUE / FALSE / UNKNOWN: never NULL. */
  | {
      readonly kind: 'BooleanTest'
      readonly type: SqlType
      readonly arg: BoundExpr
      readonly test: 'true' | 'false' | 'unknown'
      readonly isNegated: boolean
    }
  /** a IS [NOT] DISTINCT FROM b: `equals` is a = b (NULLs handled around it). */
  | {
      readonly kind: 'IsDistinct'
      readonly type: SqlType
      readonly left: BoundExpr
      readonly right: BoundExpr
      readonly equals: BoundExpr
      readonly isNegated: boolean
    }
  /**
   * A subquery in an expression. EXISTS: any row; scalar: the one column of at most one row;
   * ANY / ALL: `test` (over the subquery's row, the outer row reached as outer references) for
   * each row, combined with SQL's three-valued OR / AND.
   */
  | {
      readonly kind: 'SubLink'
      readonly type: SqlType
      readonly link: 'exists' | 'scalar' | 'any' | 'all'
      readonly plan: Rel
      readonly test: BoundExpr | undefined
    }
  /** An aggregate call while binding; replaced by a column of the Aggregate node. */
  | {
      readonly kind: 'Aggregate'
      readonly type: SqlType
      readonly name: string
      readonly aggregate: BuiltinAggregate<unknown>
      readonly args: readonly BoundExpr[]
      readonly isDistinct: boolean
      readonly filter: BoundExpr | undefined
      /** agg(x ORDER BY y): rows are fed to the aggregate in this order. */
      readonly orderBy: readonly BoundSortKey[]
    }

/** What the executor needs of a function or operator declaration. */
export interface Callee {
  readonly evaluate: BuiltinFunction['evaluate']
  readonly isStrict: boolean
  readonly volatility: BuiltinFunction['volatility']
}

export interface BoundSortKey {
  readonly expr: BoundExpr
  readonly isDescending: boolean
  readonly isNullsFirst: boolean
}

/** One output column of a query: its name, type, the column carrying it, and its origin. */
export interface OutputColumn {
  readonly name: string
  readonly type: SqlType
  readonly column: ColumnId
  readonly origin: ColumnOrigin | undefined
}

/** A SELECT (or VALUES, or set operation): its relational plan and the columns it returns. */
export interface BoundSelect {
  readonly kind: 'Select'
  readonly plan: Rel
  readonly output: readonly OutputColumn[]
}

export interface BoundRowLock {
  readonly mode: 'share' | 'update'
  readonly policy: 'wait' | 'nowait' | 'skip'
}

export interface BoundCreateTable {
  readonly kind: 'CreateTable'
  readonly schema: string
  readonly name: string
  readonly columns: readonly {
    readonly name: string
    readonly type: SqlType
    readonly isNotNull: boolean
  }[]
  /** Column indexes of the primary key, and its constraint name. */
  readonly primaryKey: { readonly name: string; readonly columns: readonly number[] } | undefined
  readonly ifNotExists: boolean
  /** UNIQUE column and table constraints, each enforced by an index of the same name. */
  readonly uniques?: readonly BoundUniqueConstraint[]
}

export interface BoundUniqueConstraint {
  readonly name: string
  /** Column indexes, in key order. */
  readonly columns: readonly number[]
  readonly nullsNotDistinct: boolean
}

/** One key of CREATE INDEX: a column (index into the table's columns) or an expression. */
export interface BoundIndexKey {
  readonly column: number | undefined
  readonly expr: BoundExpr | undefined
  readonly descending: boolean
  readonly nullsFirst: boolean
}

/** CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (keys) [INCLUDE] [WHERE]. */
export interface BoundCreateIndex {
  readonly kind: 'CreateIndex'
  readonly table: Table
  readonly name: string
  /** The ColumnIds the key expressions and predicate read (table column i is columns[i]). */
  readonly columns: readonly ColumnId[]
  readonly keys: readonly BoundIndexKey[]
  readonly include: readonly number[]
  readonly predicate: BoundExpr | undefined
  /** The parser's ASTs of expression keys (undefined for column keys) and of the predicate,
   * stored (without locations) in the catalog. */
  readonly nodes: {
    readonly keys: readonly (Node | undefined)[]
    readonly predicate: Node | undefined
  }
  readonly isUnique: boolean
  readonly nullsNotDistinct: boolean
  readonly ifNotExists: boolean
}

/** ALTER INDEX [IF EXISTS] name RENAME TO new_name. */
export interface BoundRenameIndex {
  readonly kind: 'RenameIndex'
  readonly entry: IndexEntry | undefined
  readonly newName: string
  /** IF EXISTS and the index is missing: this NOTICE, nothing else. */
  readonly missingNotice: string | undefined
}

/** What one DROP names: a relation (table, view, sequence), an index, or a schema. */
export type DropTarget =
  | { readonly kind: 'relation'; readonly relation: Relation }
  | { readonly kind: 'index'; readonly entry: IndexEntry }
  | { readonly kind: 'schema'; readonly schema: Schema }

/** DROP TABLE / VIEW / INDEX / SEQUENCE / SCHEMA: the objects named (dependents are found at
 * execution), CASCADE, and the NOTICEs of IF EXISTS names that do not exist. */
export interface BoundDrop {
  readonly kind: 'Drop'
  /** The command tag's object: 'TABLE', 'VIEW', 'INDEX', 'SEQUENCE', 'SCHEMA'. */
  readonly objectKind: string
  readonly targets: readonly DropTarget[]
  readonly cascade: boolean
  readonly missingNotices: readonly string[]
}

/** CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION role]. */
export interface BoundCreateSchema {
  readonly kind: 'CreateSchema'
  readonly name: string
  readonly owner: string
  readonly ifNotExists: boolean
}

export interface BoundInsert {
  readonly kind: 'Insert'
  readonly table: Table
  /** For each value position, the index of the target column. */
  readonly targetColumns: readonly number[]
  /** VALUES rows, already coerced to the target columns' types. */
  readonly rows: readonly (readonly BoundExpr[])[]
  /** INSERT ... SELECT: a plan whose rows are the values, coerced, in target column order. */
  readonly query: Rel | undefined
}

export interface BoundUpdate {
  readonly kind: 'Update'
  readonly table: Table
  /** The columns a scan of `table` carries (what `where` and the assignments read). */
  readonly columns: readonly ColumnId[]
  /** Rows to change: those of `table` passing `where`. */
  readonly where: BoundExpr | undefined
  /** New values: column index → expression over the old row. */
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[]
}

export interface BoundDelete {
  readonly kind: 'Delete'
  readonly table: Table
  readonly columns: readonly ColumnId[]
  readonly where: BoundExpr | undefined
}

export interface BoundTransaction {
  readonly kind: 'Transaction'
  readonly action: 'begin' | 'commit' | 'rollback'
  /** BEGIN ISOLATION LEVEL ...; undefined: the session default. */
  readonly isolation: 'read committed' | 'repeatable read' | undefined
}

/** SET / SET LOCAL / RESET / SET ... TO DEFAULT; `value` undefined means the default. */
export interface BoundSet {
  readonly kind: 'Set'
  /** undefined: RESET ALL. */
  readonly name: string | undefined
  readonly value: string | undefined
  readonly isLocal: boolean
}

export interface BoundShow {
  readonly kind: 'Show'
  readonly name: string
}

export interface BoundVacuum {
  readonly kind: 'Vacuum'
}

export interface BoundExplain {
  readonly kind: 'Explain'
  readonly statement: BoundSelect
}

export type BoundStatement =
  | BoundSelect
  | BoundCreateTable
  | BoundCreateIndex
  | BoundRenameIndex
  | BoundDrop
  | BoundCreateSchema
  | BoundInsert
  | BoundUpdate
  | BoundDelete
  | BoundTransaction
  | BoundSet
  | BoundShow
  | BoundVacuum
  | BoundExplain

/** A bound statement plus what execution needs to know about its parameters. */
export interface BoundQuery {
  readonly statement: BoundStatement
  /** Inferred type of each `$n` (text where nothing constrained it). */
  readonly parameterTypes: readonly SqlType[]
}
