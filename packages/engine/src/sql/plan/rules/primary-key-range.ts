/**
 * Rule primary-key-range: a filter over a sequential scan whose conjuncts compare the primary
 * key's first column with a constant, a parameter or an expression fixed for the execution (no
 * columns, nothing volatile: `now()`, an inlined `auth.uid()`) becomes an index (primary key)
 * range scan; the secondary-index rule reuses the matching.
 * `id = 1` gives a point range, `id < 5` an upper bound, `id >= 2 AND id < 9` both; conjuncts
 * that do not become bounds stay in the filter. Only the first column of the key is used, which
 * is correct for multi-column keys because the key encoding is prefix-ordered.
 */
import {
  type BoundExpr,
  type ColumnId,
  type ComparisonOperator,
  expressionTraits,
} from '../../bind/index.js'
import type { PlanNode, ScanBound } from '../plan.js'
import { conjuncts } from './expressions.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const primaryKeyRange: OptimizerRule = {
  name: 'primary-key-range',
  apply: rewrite,
}

function rewrite(node: PlanNode): PlanNode {
  if (node.kind === 'Filter' && node.input.kind === 'SeqScan') {
    return toIndexScan(node.input, node.predicate) ?? node
  }
  return mapInput(node, rewrite)
}

const flipped: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
}

interface KeyComparison {
  readonly operator: ComparisonOperator
  readonly value: BoundExpr
}

/**
 * `key op value` or `value op key`, normalised key-first, where the value is known before the
 * scan starts: a constant, a parameter, or a column of an enclosing row (a correlated
 * subquery's outer reference, which makes the scan an index lookup per outer row).
 */
export function matchKeyComparison(
  expr: BoundExpr,
  key: ColumnId,
  scanColumns: ReadonlySet<ColumnId>,
): KeyComparison | undefined {
  const comparison = asComparison(expr)
  if (comparison === undefined || comparison.operator === '<>') return undefined
  const { operator, left, right } = comparison
  const isKey = (e: BoundExpr): boolean => e.kind === 'ColumnRef' && e.column === key
  const isValue = (e: BoundExpr): boolean =>
    e.kind === 'Constant' ||
    e.kind === 'Parameter' ||
    (e.kind === 'ColumnRef' && !scanColumns.has(e.column)) ||
    isStatementValue(e)
  if (isKey(left) && isValue(right)) return { operator, value: right }
  if (isKey(right) && isValue(left)) return { operator: flipped[operator], value: left }
  return undefined
}

/**
 * An expression with one value per execution: no columns, subqueries or volatile calls (an
 * inlined `auth.uid()`, `current_setting(...)`, `now() - interval '1 day'`). It is computed
 * once when the scan starts, as PostgreSQL evaluates a STABLE index condition.
 */
export function isStatementValue(expr: BoundExpr): boolean {
  const traits = expressionTraits(expr)
  return !traits.readsColumns && !traits.hasQueryParts && traits.volatility !== 'volatile'
}

const comparisonNames: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>='])

/**
 * A comparison, legacy or a declared comparison operator. Declared operators between two
 * operands of one type family keep the key's order (PostgreSQL's btree operator classes); a
 * key cast to another type is no longer a bare column, so it never matches here.
 */
function asComparison(
  expr: BoundExpr,
): { operator: ComparisonOperator; left: BoundExpr; right: BoundExpr } | undefined {
  if (expr.kind === 'Comparison') return expr
  if (expr.kind !== 'Call' || !expr.isOperator || !comparisonNames.has(expr.name)) return undefined
  const [left, right] = expr.args
  if (left === undefined || right === undefined || expr.args.length !== 2) return undefined
  if (left.type.category !== right.type.category) return undefined
  return { operator: expr.name as ComparisonOperator, left, right }
}

function toIndexScan(
  scan: PlanNode & { kind: 'SeqScan' },
  predicate: BoundExpr,
): PlanNode | undefined {
  const table = scan.table
  const keyIndex = table.primaryKey?.columns[0]
  if (keyIndex === undefined) return undefined
  const key = scan.columns[keyIndex]
  if (key === undefined) return undefined
  const scanColumns = new Set(scan.columns)
  let lower: ScanBound | undefined
  let upper: ScanBound | undefined
  const rest: BoundExpr[] = []
  for (const conjunct of conjuncts(predicate)) {
    const match = matchKeyComparison(conjunct, key, scanColumns)
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
  const indexScan: PlanNode = {
    kind: 'IndexScan',
    table,
    columns: scan.columns,
    lower,
    upper,
    isBackward: false,
  }
  if (rest.length === 0) return indexScan
  const remaining: BoundExpr =
    rest.length === 1 && rest[0] !== undefined
      ? rest[0]
      : { kind: 'Logical', type: predicate.type, operator: 'and', args: rest }
  return { kind: 'Filter', input: indexScan, predicate: remaining }
}
