/**
 * Relational operators: the plan of a query as plain data. The binder builds the logical form
 * (scans, joins, filters, aggregation, projection, sorting, set operations); optimizer rules
 * rewrite it into cheaper equivalents, introducing the physical variants (index scans, hash
 * joins); the executor runs it and EXPLAIN prints it.
 *
 * Rows flow upward. Each node carries a fixed list of columns (ColumnIds, see outputColumns);
 * expressions read columns by id, so a rewrite that reorders a join or moves a filter does not
 * renumber anything. A column an expression reads that its node's input does not carry is an
 * outer reference: the row of an enclosing query (correlated subqueries, LATERAL).
 */
import type { Index, Table } from '../../catalog/index.js'
import type { SystemRelation } from '../../catalog/system/index.js'
import type { SqlType } from '../../types/index.js'
import type { BoundExpr, BoundRowLock, BoundSortKey, ColumnId } from './bound.js'

export interface ScanBound {
  /** The key prefix value (the primary key's first column), evaluated at run time. */
  readonly expr: BoundExpr
  readonly isInclusive: boolean
}

/** How a scan reads a secondary index (rule secondary-index-scan). */
export interface SecondaryIndexAccess {
  readonly index: Index
  /** Key ranges, read in this order; none: the whole index, in index order. */
  readonly lookups: readonly IndexLookup[]
  /** The conjuncts the lookups implement, for EXPLAIN's Index Cond. */
  readonly conditions: readonly BoundExpr[]
  /** Rows are not fetched: whatever reads the scan uses only how many rows there are
   * (rule index-only-scan); each entry yields a row of NULLs. */
  readonly isIndexOnly?: boolean
}

/** One range of a secondary index: equality on its first keys, then optionally a range on the
 * next key. An IN list gives one lookup per value. */
export interface IndexLookup {
  readonly equal: readonly BoundExpr[]
  readonly lower: ScanBound | undefined
  readonly upper: ScanBound | undefined
}

export type JoinType = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti'

export interface Computed {
  readonly column: ColumnId
  readonly expr: BoundExpr
}

/** A set-returning call of a ProjectSet and the column (or record) it yields. */
export interface SetComputed {
  readonly column: ColumnId
  readonly call: BoundExpr & { kind: 'SetCall' }
}

/** One function of a FunctionScan: a set-returning call (or a scalar call, giving one row)
 * and the columns its rows fill. */
export interface ScanFunction {
  readonly call: BoundExpr
  readonly columns: readonly ColumnId[]
}

export interface AggregateCall {
  readonly column: ColumnId
  readonly call: BoundExpr & { kind: 'Aggregate' }
}

/** A window function call computed by a Window node into `column`. */
export interface WindowCall {
  readonly column: ColumnId
  readonly call: BoundExpr & { kind: 'WindowCall' }
}

export type Rel =
  /** One row of no columns (SELECT without FROM). */
  | { readonly kind: 'Result' }
  | {
      readonly kind: 'Values'
      readonly rows: readonly (readonly BoundExpr[])[]
      readonly columns: readonly ColumnId[]
      /** The columns' types (known even when there are no rows). */
      readonly types: readonly SqlType[]
    }
  /** Every row of a table; `columns[i]` carries the table's column i. */
  | { readonly kind: 'SeqScan'; readonly table: Table; readonly columns: readonly ColumnId[] }
  /** Every row of a system catalog (pg_class, information_schema.tables, ...), computed from
   * the statement's catalog version (catalog/system/); `columns[i]` carries its column i. */
  | {
      readonly kind: 'SystemScan'
      readonly relation: SystemRelation
      readonly columns: readonly ColumnId[]
    }
  /** A primary-key range (physical). */
  | {
      readonly kind: 'IndexScan'
      readonly table: Table
      readonly columns: readonly ColumnId[]
      readonly lower: ScanBound | undefined
      readonly upper: ScanBound | undefined
      readonly isBackward: boolean
      /** Equality on every primary key column (in key order): one get of the key's visible
       * version instead of a range (rule primary-key-point). */
      readonly point?: readonly BoundExpr[]
      /** Set for a scan of a secondary index (then `lower`, `upper` and `point` are unset):
       * its entries in the lookups' ranges, each row fetched by its key. */
      readonly index?: SecondaryIndexAccess
    }
  /**
   * Functions in FROM (bind-function-scan.ts): the rows of `functions` side by side (ROWS
   * FROM zips them, padding the shorter with NULLs), then the row number WITH ORDINALITY.
   * Arguments read only enclosing rows (a LATERAL join's left row).
   */
  | {
      readonly kind: 'FunctionScan'
      readonly functions: readonly ScanFunction[]
      readonly ordinality: ColumnId | undefined
      /** The name EXPLAIN shows: the function's name and the alias. */
      readonly reference: string
    }
  /**
   * Set-returning functions of a select list (PostgreSQL 10's ProjectSet): per input row, the
   * calls run in lockstep until all are exhausted, the shorter padded with NULLs; each output
   * row is the input row followed by one value per call. An input row whose calls all yield
   * nothing produces no row.
   */
  | { readonly kind: 'ProjectSet'; readonly input: Rel; readonly calls: readonly SetComputed[] }
  | { readonly kind: 'Filter'; readonly input: Rel; readonly predicate: BoundExpr }
  | { readonly kind: 'Project'; readonly input: Rel; readonly targets: readonly Computed[] }
  /**
   * Nested-loop join. `isLateral`: the right side reads the left row (outer references), so it
   * runs once per left row. Semi and anti joins return left rows only.
   */
  | {
      readonly kind: 'Join'
      readonly joinType: JoinType
      readonly left: Rel
      readonly right: Rel
      readonly condition: BoundExpr | undefined
      readonly isLateral: boolean
    }
  /** Hash join on equal keys (physical): the right side is built into a table. */
  | {
      readonly kind: 'HashJoin'
      readonly joinType: JoinType
      readonly left: Rel
      readonly right: Rel
      readonly leftKeys: readonly BoundExpr[]
      readonly rightKeys: readonly BoundExpr[]
      /** Conjuncts of the join condition that are not key equalities. */
      readonly condition: BoundExpr | undefined
    }
  /** Grouping: output is the group keys, then the aggregates. No keys: one group, always. */
  | {
      readonly kind: 'Aggregate'
      readonly input: Rel
      readonly groupKeys: readonly Computed[]
      readonly aggregates: readonly AggregateCall[]
      /** GROUP BY present (an empty input then yields no row) or not (one row always). */
      readonly isGrouped: boolean
    }
  | { readonly kind: 'Sort'; readonly input: Rel; readonly keys: readonly BoundSortKey[] }
  /**
   * Window functions of one window definition (PostgreSQL's WindowAgg). The input arrives sorted
   * by the partition keys, then the window's ORDER BY (a Sort beneath); output is the input's
   * columns, then one per call.
   */
  | {
      readonly kind: 'Window'
      readonly input: Rel
      readonly partitionBy: readonly BoundExpr[]
      readonly orderBy: readonly BoundSortKey[]
      readonly calls: readonly WindowCall[]
    }
  | {
      readonly kind: 'Limit'
      readonly input: Rel
      readonly count: BoundExpr | undefined
      readonly offset: BoundExpr | undefined
    }
  /** DISTINCT (all columns) or DISTINCT ON (the first row of each `on` group, input sorted). */
  | {
      readonly kind: 'Distinct'
      readonly input: Rel
      readonly on: readonly BoundExpr[] | undefined
    }
  | {
      readonly kind: 'SetOp'
      readonly op: 'union' | 'intersect' | 'except'
      readonly isAll: boolean
      readonly left: Rel
      readonly right: Rel
      readonly columns: readonly ColumnId[]
    }
  /** A subquery's rows under new column ids (FROM (SELECT ...) AS s, views, CTE references). */
  | { readonly kind: 'SubqueryScan'; readonly input: Rel; readonly columns: readonly ColumnId[] }
  /** WITH RECURSIVE: the non-recursive part, then the recursive part over the work table until
   * it yields nothing new. */
  | {
      readonly kind: 'RecursiveUnion'
      readonly workTable: number
      readonly isAll: boolean
      readonly base: Rel
      readonly recursive: Rel
      readonly columns: readonly ColumnId[]
    }
  | {
      readonly kind: 'WorkTableScan'
      readonly workTable: number
      readonly columns: readonly ColumnId[]
    }
  | {
      readonly kind: 'LockRows'
      readonly input: Rel
      readonly table: Table
      /** The columns of `table`'s scan, to rebuild each row's key. */
      readonly tableColumns: readonly ColumnId[]
      readonly lock: BoundRowLock
    }

/** The columns a node's rows carry, in order. */
export function outputColumns(node: Rel): readonly ColumnId[] {
  switch (node.kind) {
    case 'Result':
      return []
    case 'Values':
    case 'SeqScan':
    case 'SystemScan':
    case 'IndexScan':
    case 'SetOp':
    case 'SubqueryScan':
    case 'RecursiveUnion':
    case 'WorkTableScan':
      return node.columns
    case 'Filter':
    case 'Sort':
    case 'Limit':
    case 'Distinct':
    case 'LockRows':
      return outputColumns(node.input)
    case 'Project':
      return node.targets.map((target) => target.column)
    case 'FunctionScan':
      return [
        ...node.functions.flatMap((fn) => fn.columns),
        ...(node.ordinality === undefined ? [] : [node.ordinality]),
      ]
    case 'ProjectSet':
      return [...outputColumns(node.input), ...node.calls.map((call) => call.column)]
    case 'Join':
    case 'HashJoin':
      return node.joinType === 'semi' || node.joinType === 'anti'
        ? outputColumns(node.left)
        : [...outputColumns(node.left), ...outputColumns(node.right)]
    case 'Aggregate':
      return [
        ...node.groupKeys.map((key) => key.column),
        ...node.aggregates.map((aggregate) => aggregate.column),
      ]
    case 'Window':
      return [...outputColumns(node.input), ...node.calls.map((call) => call.column)]
  }
}

/** The node's inputs (for generic traversals). */
export function inputsOf(node: Rel): readonly Rel[] {
  switch (node.kind) {
    case 'Result':
    case 'Values':
    case 'SeqScan':
    case 'SystemScan':
    case 'IndexScan':
    case 'WorkTableScan':
    case 'FunctionScan':
      return []
    case 'Filter':
    case 'Project':
    case 'ProjectSet':
    case 'Aggregate':
    case 'Sort':
    case 'Window':
    case 'Limit':
    case 'Distinct':
    case 'SubqueryScan':
    case 'LockRows':
      return [node.input]
    case 'Join':
    case 'HashJoin':
    case 'SetOp':
      return [node.left, node.right]
    case 'RecursiveUnion':
      return [node.base, node.recursive]
  }
}

/** Rebuilds `node` with each input replaced by `rewrite(input)`. */
export function mapInputs(node: Rel, rewrite: (input: Rel) => Rel): Rel {
  switch (node.kind) {
    case 'Result':
    case 'Values':
    case 'SeqScan':
    case 'SystemScan':
    case 'IndexScan':
    case 'WorkTableScan':
    case 'FunctionScan':
      return node
    case 'Filter':
    case 'Project':
    case 'ProjectSet':
    case 'Aggregate':
    case 'Sort':
    case 'Window':
    case 'Limit':
    case 'Distinct':
    case 'SubqueryScan':
    case 'LockRows':
      return { ...node, input: rewrite(node.input) }
    case 'Join':
    case 'HashJoin':
    case 'SetOp':
      return { ...node, left: rewrite(node.left), right: rewrite(node.right) }
    case 'RecursiveUnion':
      return { ...node, base: rewrite(node.base), recursive: rewrite(node.recursive) }
  }
}
