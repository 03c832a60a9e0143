/**
 * Plans: trees of plain data that the executor runs and EXPLAIN prints. Rows flow upward:
 *
 *   SELECT name FROM t WHERE id < 5 ORDER BY id DESC LIMIT 2
 *
 *   Limit (2)                       stops after two rows
 *     Project [name]                computes the target list
 *       Sort [id DESC]              (removed by sort-elision: the scan runs backward instead)
 *         Filter (id < 5)           (removed by primary-key-range: becomes the scan's bound)
 *           Scan t                  → Index Scan Backward using t_pkey on t, upper bound id < 5
 *
 * Equality on every primary key column (`WHERE id = $1`) becomes a point get: an IndexScan with
 * `point`, which reads the one row by key (EXPLAIN: Index Point Get).
 *
 * Every node's output row is the row of its input except Project (the targets) and Result
 * (one empty row, for SELECT without FROM).
 */
import type { Table } from '../../catalog/index.js'
import type { BoundExpr, BoundRowLock, BoundSortKey, BoundTarget } from '../bind/index.js'

export interface ScanBound {
  /** The key prefix value (the primary key's first column), evaluated at run time. */
  readonly expr: BoundExpr
  readonly isInclusive: boolean
}

export type PlanNode =
  | { readonly kind: 'Result' }
  | { readonly kind: 'SeqScan'; readonly table: Table }
  | {
      readonly kind: 'IndexScan'
      readonly table: Table
      readonly lower: ScanBound | undefined
      readonly upper: ScanBound | undefined
      readonly isBackward: boolean
      /** Set by primary-key-point: a value for every primary key column, in key order; the scan
       * is then one get of the row with that key (lower and upper still bound the first). */
      readonly point?: readonly BoundExpr[]
    }
  | { readonly kind: 'Filter'; readonly input: PlanNode; readonly predicate: BoundExpr }
  | { readonly kind: 'Sort'; readonly input: PlanNode; readonly keys: readonly BoundSortKey[] }
  | {
      readonly kind: 'Limit'
      readonly input: PlanNode
      readonly count: BoundExpr | undefined
      readonly offset: BoundExpr | undefined
    }
  | { readonly kind: 'Project'; readonly input: PlanNode; readonly targets: readonly BoundTarget[] }
  | {
      readonly kind: 'LockRows'
      readonly input: PlanNode
      readonly table: Table
      readonly lock: BoundRowLock
    }

export type PlanKind = PlanNode['kind']
