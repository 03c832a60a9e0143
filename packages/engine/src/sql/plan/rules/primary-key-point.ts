/**
 * Rule primary-key-point: equality on every primary key column with a value known before the
 * scan (a constant, a parameter, an outer reference) finds at most one row, so the index scan
 * becomes a point get: one read of the key's visible version, no range, no cursor. Runs after
 * primary-key-range, whose point range on the first key column (`id = 1`: lower and upper the
 * same equality) it extends with equalities on the other key columns from the filter above the
 * scan; the conjuncts left stay in the filter.
 */
import type { BoundExpr } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import { conjunction, conjuncts } from './expressions.js'
import { matchKeyComparison } from './primary-key-range.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const primaryKeyPoint: OptimizerRule = {
  name: 'primary-key-point',
  apply: rewrite,
}

type IndexScan = PlanNode & { kind: 'IndexScan' }

function rewrite(node: PlanNode): PlanNode {
  if (node.kind === 'Filter' && node.input.kind === 'IndexScan') {
    return toPointGet(node.input, node.predicate) ?? node
  }
  if (node.kind === 'IndexScan') return toPointGet(node, undefined) ?? node
  return mapInput(node, rewrite)
}

function toPointGet(scan: IndexScan, predicate: BoundExpr | undefined): PlanNode | undefined {
  const keyColumns = scan.table.primaryKey?.columns
  const first = firstColumnEquality(scan)
  if (keyColumns === undefined || first === undefined || scan.point !== undefined) return
  if (scan.index !== undefined) return
  const rest = conjuncts(predicate)
  const scanColumns = new Set(scan.columns)
  const point: BoundExpr[] = [first]
  for (const keyIndex of keyColumns.slice(1)) {
    const column = scan.columns[keyIndex]
    if (column === undefined) return
    const at = rest.findIndex(
      (conjunct) => matchKeyComparison(conjunct, column, scanColumns)?.operator === '=',
    )
    const match =
      at < 0 ? undefined : matchKeyComparison(rest[at] as BoundExpr, column, scanColumns)
    if (match === undefined) return
    point.push(match.value)
    rest.splice(at, 1)
  }
  const pointGet: PlanNode = { ...scan, point }
  const remaining = conjunction(rest)
  return remaining === undefined
    ? pointGet
    : { kind: 'Filter', input: pointGet, predicate: remaining }
}

/** The value of `key0 = value` when the scan's bounds are exactly that equality. */
function firstColumnEquality(scan: IndexScan): BoundExpr | undefined {
  const { lower, upper } = scan
  if (lower === undefined || upper === undefined || lower.expr !== upper.expr) return
  return lower.isInclusive && upper.isInclusive ? lower.expr : undefined
}
