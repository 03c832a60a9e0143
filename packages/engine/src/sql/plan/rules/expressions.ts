/** Expression helpers the rules share: conjuncts, their conjunction, the columns they read. */
import { sqlTypes } from '../../../types/index.js'
import {
  type BoundExpr,
  type ColumnId,
  forEachChild,
  mapRelExpressions,
  type Rel,
} from '../../bind/index.js'

export function conjuncts(expr: BoundExpr | undefined): BoundExpr[] {
  if (expr === undefined) return []
  if (expr.kind === 'Logical' && expr.operator === 'and') return expr.args.flatMap(conjuncts)
  return [expr]
}

export function conjunction(exprs: readonly BoundExpr[]): BoundExpr | undefined {
  if (exprs.length === 0) return undefined
  if (exprs.length === 1) return exprs[0]
  return { kind: 'Logical', type: sqlTypes.bool, operator: 'and', args: exprs }
}

/** Every column id an expression reads, including inside its subqueries. */
export function columnsOf(expr: BoundExpr): Set<ColumnId> {
  const found = new Set<ColumnId>()
  const visit = (node: BoundExpr): void => {
    if (node.kind === 'ColumnRef') found.add(node.column)
    if (node.kind === 'SubLink') {
      mapRelExpressions(node.plan, (inner) => {
        visit(inner)
        return inner
      })
    }
    forEachChild(node, visit)
  }
  visit(expr)
  return found
}

export function isSubset(columns: ReadonlySet<ColumnId>, of: ReadonlySet<ColumnId>): boolean {
  for (const column of columns) if (!of.has(column)) return false
  return true
}

export function intersects(a: ReadonlySet<ColumnId>, b: ReadonlySet<ColumnId>): boolean {
  for (const column of a) if (b.has(column)) return true
  return false
}

/** `left = right` as an equality operator call, or undefined. */
export function equalityOperands(expr: BoundExpr): [BoundExpr, BoundExpr] | undefined {
  if (expr.kind === 'Comparison' && expr.operator === '=') return [expr.left, expr.right]
  if (expr.kind === 'Call' && expr.isOperator && expr.name === '=' && expr.args.length === 2) {
    const [left, right] = expr.args
    if (left !== undefined && right !== undefined) return [left, right]
  }
  return undefined
}

/** Whether an expression may be evaluated anywhere its columns exist (no volatile calls). */
export function isMovable(expr: BoundExpr): boolean {
  let movable = true
  const visit = (node: BoundExpr): void => {
    if (node.kind === 'Call' && node.callee.volatility === 'volatile') movable = false
    forEachChild(node, visit)
  }
  visit(expr)
  return movable
}

/** Rows a plan is expected to yield, without statistics: enough to order joins sensibly. */
export function estimate(node: Rel): number {
  switch (node.kind) {
    case 'Result':
      return 1
    case 'Values':
      return node.rows.length
    case 'SeqScan':
    case 'SystemScan':
    case 'IndexScan':
      return 1000
    case 'Filter':
      return Math.max(1, Math.ceil(estimate(node.input) / (3 * conjuncts(node.predicate).length)))
    case 'Limit':
      return node.count?.kind === 'Constant'
        ? Math.min(Number(node.count.value), estimate(node.input))
        : estimate(node.input)
    case 'Aggregate':
      return node.isGrouped ? Math.max(1, Math.ceil(estimate(node.input) / 10)) : 1
    case 'Join':
    case 'HashJoin':
      return Math.max(estimate(node.left), estimate(node.right))
    default:
      return 1000
  }
}
