/**
 * Rule index-only-scan: a secondary index scan whose rows' contents nobody reads — under an
 * aggregate of count(*) only, say `SELECT count(*) FROM t WHERE k BETWEEN $1 AND $2` — need not
 * fetch its rows: counting the index entries is enough. EXPLAIN shows it as PostgreSQL does,
 * "Index Only Scan".
 *
 * Visibility: index entries are kernel keys versioned like rows and written in the same
 * transaction as the row version they describe (access/index-access.ts), so under any snapshot
 * an entry is visible exactly when a row version with that key is. Unlike PostgreSQL (whose
 * index tuples carry no visibility and need the visibility map, or a heap fetch), the entry's
 * own visibility answers, so no row is ever fetched.
 *
 * Only aggregates without arguments, FILTER or ORDER BY (count(*)) and no group keys qualify,
 * through projections of plain columns (whose values would be dropped unread).
 */
import type { PlanNode } from '../plan.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const indexOnlyScan: OptimizerRule = {
  name: 'index-only-scan',
  apply: rewrite,
}

function rewrite(node: PlanNode): PlanNode {
  if (node.kind === 'Aggregate' && readsNoInputColumn(node)) {
    const input = withoutRowFetch(node.input)
    if (input !== undefined) return { ...node, input }
  }
  return mapInput(node, rewrite)
}

function readsNoInputColumn(node: PlanNode & { kind: 'Aggregate' }): boolean {
  return (
    node.groupKeys.length === 0 &&
    node.aggregates.every(
      ({ call }) =>
        call.args.length === 0 && call.filter === undefined && call.orderBy.length === 0,
    )
  )
}

/** The input with its secondary index scan made index-only, or undefined if it has none. */
function withoutRowFetch(node: PlanNode): PlanNode | undefined {
  if (node.kind === 'Project') {
    if (node.targets.some((target) => target.expr.kind !== 'ColumnRef')) return undefined
    const input = withoutRowFetch(node.input)
    return input === undefined ? undefined : { ...node, input }
  }
  if (node.kind !== 'IndexScan' || node.index === undefined || node.index.isIndexOnly === true) {
    return undefined
  }
  return { ...node, index: { ...node.index, isIndexOnly: true } }
}
