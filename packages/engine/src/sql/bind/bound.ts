/**
 * The bound tree: statements after name resolution and type checking. Plain, readonly data
 * (tagged unions on `kind`), printable and testable; the planner and executor consume it.
 * Every expression knows its result type; columns are resolved to positions in their input row.
 */
import type { Table } from '../../catalog/index.js'
import type { SqlType, Value } from '../../types/index.js'

import type {
  ArithmeticOperator,
  BuiltinFunction,
  Coercion,
  ComparisonOperator,
} from '../functions/index.js'

export type { ArithmeticOperator, ComparisonOperator }

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
      /** Position of the column in the input row. */
      readonly index: number
      readonly name: string
      readonly table: Table | undefined
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
    }

/** What the executor needs of a function or operator declaration. */
export interface Callee {
  readonly evaluate: BuiltinFunction['evaluate']
  readonly isStrict: boolean
  readonly volatility: BuiltinFunction['volatility']
}

export interface BoundTarget {
  readonly name: string
  readonly expr: BoundExpr
}

export interface BoundSortKey {
  readonly expr: BoundExpr
  readonly isDescending: boolean
  readonly isNullsFirst: boolean
}

export interface BoundSelect {
  readonly kind: 'Select'
  /** The table read, or undefined for a SELECT without FROM (one empty input row). */
  readonly from: Table | undefined
  readonly where: BoundExpr | undefined
  readonly targets: readonly BoundTarget[]
  /** Sort keys over the input row (targets are computed after sorting). */
  readonly orderBy: readonly BoundSortKey[]
  readonly limit: BoundExpr | undefined
  readonly offset: BoundExpr | undefined
  /** FOR UPDATE / FOR SHARE: lock the rows returned. */
  readonly lock: BoundRowLock | undefined
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
}

export interface BoundDropTable {
  readonly kind: 'DropTable'
  readonly tables: readonly Table[]
  /** Names given with IF EXISTS that do not exist: each yields a NOTICE. */
  readonly missing: readonly string[]
}

export interface BoundInsert {
  readonly kind: 'Insert'
  readonly table: Table
  /** For each value position, the index of the target column. */
  readonly targetColumns: readonly number[]
  readonly rows: readonly (readonly BoundExpr[])[]
}

export interface BoundUpdate {
  readonly kind: 'Update'
  readonly table: Table
  /** Rows to change: those of `table` passing `where`. */
  readonly where: BoundExpr | undefined
  /** New values: column index → expression over the old row. */
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[]
}

export interface BoundDelete {
  readonly kind: 'Delete'
  readonly table: Table
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
  | BoundDropTable
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
