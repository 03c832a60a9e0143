/**
 * Rule primary-key-range: a filter over a sequential scan whose conjuncts compare the primary
 * key's first column with a constant or parameter becomes an index (primary key) range scan.
 * `id = 1` gives a point range, `id < 5` an upper bound, `id >= 2 AND id < 9` both; conjuncts
 * that do not become bounds stay in the filter. Only the first column of the key is used, which
 * is correct for multi-column keys because the key encoding is prefix-ordered.
 */
import type { Table } from '../../../catalog/index.js'
import type { BoundExpr, ComparisonOperator } from '../../bind/index.js'
import type { PlanNode, ScanBound } from '../plan.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const primaryKeyRange: OptimizerRule = {
  name: 'primary-key-range',
  apply: rewrite,
}

function rewrite(node: PlanNode): PlanNode {
  if (node.kind === 'Filter' && node.input.kind === 'SeqScan') {
    return toIndexScan(node.input.table, node.predicate) ?? node
  }
  return mapInput(node, rewrite)
}

export function conjuncts(expr: BoundExpr): BoundExpr[] {
  if (expr.kind === 'Logical' && expr.operator === 'and') return expr.args.flatMap(conjuncts)
  return [expr]
}

const flipped: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

export interface KeyComparison {
  readonly operator: ComparisonOperator
  readonly value: BoundExpr
}

/** `key op value` or `value op key` with value a constant or parameter, normalised key-first. */
export function matchKeyComparison(expr: BoundExpr, keyIndex: number): KeyComparison | undefined {
  if (expr.kind !== 'Comparison' || expr.operator === '<>') return undefined
  const isKey = (e: BoundExpr): boolean => e.kind === 'ColumnRef' && e.index === keyIndex
  const isValue = (e: BoundExpr): boolean => e.kind === 'Constant' || e.kind === 'Parameter'
  if (isKey(expr.left) && isValue(expr.right)) return { operator: expr.operator, value: expr.right }
  if (isKey(expr.right) && isValue(expr.left))
    return { operator: flipped[expr.operator], value: expr.left }
  return undefined
}

function toIndexScan(table: Table, predicate: BoundExpr): PlanNode | undefined {
  const keyIndex = table.primaryKey?.columns[0]
  if (keyIndex === undefined) return undefined
  let lower: ScanBound | undefined
  let upper: ScanBound | undefined
  const rest: BoundExpr[] = []
  for (const conjunct of conjuncts(predicate)) {
    const match = matchKeyComparison(conjunct, keyIndex)
    const isEquality = match?.operator === '='
    const wantsLower =
      match !== undefined && (isEquality || match.operator === '>' || match.operator === '>=')
    const wantsUpper =
      match !== undefined && (isEquality || match.operator === '<' || match.operator === '<=')
    // One bound per side; a second comparison on the same side stays a filter.
    if (
      match === undefined ||
      (wantsLower && lower !== undefined) ||
      (wantsUpper && upper !== undefined)
    ) {
      rest.push(conjunct)
      continue
    }
    const isInclusive = match.operator !== '<' && match.operator !== '>'
    if (wantsLower) lower = { expr: match.value, isInclusive }
    if (wantsUpper) upper = { expr: match.value, isInclusive }
  }
  if (lower === undefined && upper === undefined) return undefined
  const scan: PlanNode = { kind: 'IndexScan', table, lower, upper, isBackward: false }
  if (rest.length === 0) return scan
  const remaining: BoundExpr =
    rest.length === 1 && rest[0] !== undefined
      ? rest[0]
      : { kind: 'Logical', type: predicate.type, operator: 'and', args: rest }
  return { kind: 'Filter', input: scan, predicate: remaining }
}
