/**
 * Rule hash-join: a join whose condition has equalities between an expression of the left input
 * and one of the right input runs as a hash join on those keys (the right side is built into a
 * hash table, the left side probes it); the other conjuncts stay as its condition. LATERAL
 * joins stay nested loops (the right side depends on each left row).
 */
import type { BoundExpr, JoinType, Rel } from '../../bind/index.js'
import { outputColumns } from '../../bind/index.js'
import type { PlanNode } from '../plan.js'
import {
  columnsOf,
  conjunction,
  conjuncts,
  equalityOperands,
  estimate,
  isSubset,
} from './expressions.js'
import { mapInput, type OptimizerRule } from './rule.js'

export const hashJoin: OptimizerRule = {
  name: 'hash-join',
  apply: rewrite,
}

function rewrite(node: PlanNode): PlanNode {
  const rewritten = mapInput(node, rewrite)
  if (rewritten.kind !== 'Join' || rewritten.isLateral) return rewritten
  return toHashJoin(rewritten) ?? rewritten
}

function toHashJoin(join: Rel & { kind: 'Join' }): Rel | undefined {
  const leftColumns = new Set(outputColumns(join.left))
  const rightColumns = new Set(outputColumns(join.right))
  const leftKeys: BoundExpr[] = []
  const rightKeys: BoundExpr[] = []
  const rest: BoundExpr[] = []
  for (const expr of conjuncts(join.condition)) {
    const operands = equalityOperands(expr)
    if (operands !== undefined) {
      const [a, b] = operands
      const aColumns = columnsOf(a)
      const bColumns = columnsOf(b)
      const isKeyPair = (x: Set<number>, y: Set<number>): boolean =>
        x.size > 0 && y.size > 0 && isSubset(x, leftColumns) && isSubset(y, rightColumns)
      if (a.type.oid === b.type.oid || isIntegerPair(a, b)) {
        if (isKeyPair(aColumns, bColumns)) {
          leftKeys.push(a)
          rightKeys.push(b)
          continue
        }
        if (isKeyPair(bColumns, aColumns)) {
          leftKeys.push(b)
          rightKeys.push(a)
          continue
        }
      }
    }
    rest.push(expr)
  }
  if (leftKeys.length === 0) return undefined
  // The right side is built into the hash table: build from the smaller input. An inner join
  // swaps freely; a LEFT join swapped is a RIGHT join (the executor keeps unmatched build rows).
  const swapped = swappedType(join.joinType)
  const isSwapped = swapped !== undefined && estimate(join.right) > estimate(join.left)
  return {
    kind: 'HashJoin',
    joinType: isSwapped ? swapped : join.joinType,
    left: isSwapped ? join.right : join.left,
    right: isSwapped ? join.left : join.right,
    leftKeys: isSwapped ? rightKeys : leftKeys,
    rightKeys: isSwapped ? leftKeys : rightKeys,
    condition: conjunction(rest),
  }
}

function swappedType(type: JoinType): JoinType | undefined {
  switch (type) {
    case 'inner':
    case 'full':
      return type
    case 'left':
      return 'right'
    case 'right':
      return 'left'
    default:
      return undefined
  }
}

/** Integers of different widths compare equal across types (1::int4 = 1::int8), and hash alike. */
function isIntegerPair(a: BoundExpr, b: BoundExpr): boolean {
  const integer = (expr: BoundExpr): boolean =>
    expr.type.kind === 'int2' || expr.type.kind === 'int4' || expr.type.kind === 'int8'
  return integer(a) && integer(b)
}
