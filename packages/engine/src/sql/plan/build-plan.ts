/**
 * The logical plan of a bound SELECT before optimization: a direct translation of its clauses
 * (scan, filter, sort, project, limit). Optimizer rules rewrite it afterwards.
 */
import type { BoundSelect } from '../bind/index.js'
import type { PlanNode } from './plan.js'

export function buildSelectPlan(select: BoundSelect): PlanNode {
  let node: PlanNode =
    select.from === undefined ? { kind: 'Result' } : { kind: 'SeqScan', table: select.from }
  if (select.where !== undefined) node = { kind: 'Filter', input: node, predicate: select.where }
  if (select.orderBy.length > 0) node = { kind: 'Sort', input: node, keys: select.orderBy }
  // Rows are locked after sorting and before LIMIT, so a skipped row does not count against it.
  if (select.lock !== undefined && select.from !== undefined) {
    node = { kind: 'LockRows', input: node, table: select.from, lock: select.lock }
  }
  node = { kind: 'Project', input: node, targets: select.targets }
  if (select.limit !== undefined || select.offset !== undefined) {
    node = { kind: 'Limit', input: node, count: select.limit, offset: select.offset }
  }
  return node
}
