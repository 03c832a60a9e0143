/**
 * Rule primary-key-point: equality with a constant or parameter on every primary key column
 * finds at most one row, so the index scan becomes a point get (one read of the key's visible
 * version, no range). Runs after primary-key-range, whose point range on the first key column
 * (`id = 1`: lower and upper the same equality) it extends with equalities on the other key
 * columns taken from the filter above the scan; the conjuncts left stay in the filter.
 */
import type { BoundExpr } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import { conjuncts, matchKeyComparison } from './primary-key-range.js'
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
  const rest = predicate === undefined ? [] : conjuncts(predicate)
  const point: BoundExpr[] = [first]
  for (const keyIndex of keyColumns.slice(1)) {
    const at = rest.findIndex((conjunct) => isEquality(conjunct, keyIndex))
    const match = at < 0 ? undefined : matchKeyComparison(rest[at] as BoundExpr, keyIndex)
    if (match === undefined) return
    point.push(match.value)
    rest.splice(at, 1)
  }
  // Spelled out rather than spread: a spread clone costs more than the rest of the rule.
  const pointGet: PlanNode = {
    kind: 'IndexScan',
    table: scan.table,
    lower: scan.lower,
    upper: scan.upper,
    isBackward: scan.isBackward,
    point,
  }
  return withFilter(pointGet, rest, predicate)
}

/** The value of `key0 = value` when the scan's bounds are exactly that equality. */
function firstColumnEquality(scan: IndexScan): BoundExpr | undefined {
  const { lower, upper } = scan
  if (lower === undefined || upper === undefined || lower.expr !== upper.expr) return
  return lower.isInclusive && upper.isInclusive ? lower.expr : undefined
}

function isEquality(expr: BoundExpr, keyIndex: number): boolean {
  return matchKeyComparison(expr, keyIndex)?.operator === '='
}

/** `input` under a filter of the conjuncts left (none: no filter). */
function withFilter(
  input: PlanNode,
  rest: readonly BoundExpr[],
  predicate: BoundExpr | undefined,
): PlanNode {
  if (rest.length === 0 || predicate === undefined) return input
  const remaining: BoundExpr =
    rest.length === 1 && rest[0] !== undefined
      ? rest[0]
      : { kind: 'Logical', type: predicate.type, operator: 'and', args: [...rest] }
  return { kind: 'Filter', input, predicate: remaining }
}
