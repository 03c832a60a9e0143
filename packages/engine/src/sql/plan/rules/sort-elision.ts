/**
 * Rule sort-elision: a sort on a prefix of the primary key, all ascending or all descending,
 * over a scan of that table needs no sort: the scan returns rows in key order (forward or
 * backward). Primary key columns are NOT NULL, so NULLS FIRST/LAST does not matter.
 */
import type { BoundSortKey } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const sortElision: OptimizerRule = {
  name: 'sort-elision',
  apply: rewrite,
}

function rewrite(node: PlanNode): PlanNode {
  if (node.kind === 'Sort') {
    const scan = node.input.kind === 'Filter' ? node.input.input : node.input
    const direction = keyOrderDirection(scan, node.keys)
    if (direction !== undefined) {
      const ordered = orderScan(scan, direction === 'backward')
      return node.input.kind === 'Filter' ? { ...node.input, input: ordered } : ordered
    }
  }
  return mapInput(node, rewrite)
}

function keyOrderDirection(
  scan: PlanNode,
  keys: readonly BoundSortKey[],
): 'forward' | 'backward' | undefined {
  if (scan.kind !== 'SeqScan' && scan.kind !== 'IndexScan') return undefined
  if (scan.kind === 'IndexScan' && (scan.isBackward || scan.index !== undefined)) return undefined
  const keyColumns = scan.table.primaryKey?.columns
  if (keyColumns === undefined || keys.length > keyColumns.length) return undefined
  const first = keys[0]
  if (first === undefined) return undefined
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    const column = scan.columns[keyColumns[i] ?? -1]
    if (key === undefined || key.expr.kind !== 'ColumnRef' || key.expr.column !== column)
      return undefined
    if (key.isDescending !== first.isDescending) return undefined
  }
  return first.isDescending ? 'backward' : 'forward'
}

function orderScan(scan: PlanNode, isBackward: boolean): PlanNode {
  if (scan.kind === 'IndexScan') return { ...scan, isBackward }
  if (scan.kind === 'SeqScan' && isBackward) {
    return {
      kind: 'IndexScan',
      table: scan.table,
      columns: scan.columns,
      lower: undefined,
      upper: undefined,
      isBackward,
    }
  }
  return scan
}
