/**
 * Plans are the relational operators of bind/relation.ts: the binder builds the logical form,
 * optimizer rules rewrite it (rules/), EXPLAIN prints it (explain.ts). Rows flow upward:
 *
 *   SELECT name FROM t WHERE id < 5 ORDER BY id DESC LIMIT 2
 *
 *   Limit (2)                       stops after two rows
 *     Project [name]                computes the target list
 *       Sort [id DESC]              (removed by sort-elision: the scan runs backward instead)
 *         Filter (id < 5)           (removed by primary-key-range: becomes the scan's bound)
 *           Scan t                  → Index Scan Backward using t_pkey on t, upper bound id < 5
 */
import type { Rel } from '../bind/index.js'

export type { ScanBound } from '../bind/index.js'
export type PlanNode = Rel
export type PlanKind = PlanNode['kind']
