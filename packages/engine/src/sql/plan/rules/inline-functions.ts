/**
 * Rule inline-functions: a call of a SQL function whose body is one `SELECT expr` (the binder
 * bound it as the call's InlineBody) is replaced by that expression with the call's arguments
 * in place of the parameters, as PostgreSQL's inline_function does before planning. It runs
 * first, so constant folding, the once-per-execution evaluation of STABLE calls and the index
 * rules see the expression: `WHERE user_id = auth.uid()` becomes an index condition.
 *
 * The binder has already refused bodies that cannot be inlined; here a call stays a call only
 * when a parameter used more than once would repeat an argument that is volatile, runs a
 * subquery or costs more than PostgreSQL allows (10 operators): its work or effects would be
 * done twice.
 */
import {
  type BoundExpr,
  type ColumnId,
  mapExpression,
  mapRelExpressions,
} from '../../bind/index.js'
import type { OptimizerRule } from './rule.js'

export const inlineFunctions: OptimizerRule = {
  name: 'inline-functions',
  apply: (plan, context) =>
    context?.hasInlineCalls === false ? plan : mapRelExpressions(plan, inlineCalls),
}

/** PostgreSQL's limit on what an argument used twice may cost: 10 operator evaluations. */
const repeatedArgumentCostMax = 10

/** Whether an argument may be evaluated once per use: nothing volatile, no subquery, cheap. */
function isRepeatable(arg: BoundExpr): boolean {
  let cost = 0
  let isAllowed = true
  mapExpression(arg, (node) => {
    if (node.kind === 'SubLink') isAllowed = false
    if (node.kind === 'Call' && node.callee.volatility === 'volatile') isAllowed = false
    if (node.kind === 'Call' || node.kind === 'Arithmetic' || node.kind === 'Comparison') cost++
    return isAllowed ? undefined : node
  })
  return isAllowed && cost <= repeatedArgumentCostMax
}

export function inlineCalls(expr: BoundExpr): BoundExpr {
  return mapExpression(expr, (node) => {
    if (node.kind !== 'Call' || node.inline === undefined) return undefined
    const args = node.args.map(inlineCalls)
    const { parameters, body } = node.inline
    const uses = new Map<ColumnId, number>()
    mapExpression(body, (inner) => {
      if (inner.kind === 'ColumnRef') uses.set(inner.column, (uses.get(inner.column) ?? 0) + 1)
      return undefined
    })
    const isSafe = parameters.every(
      (column, i) => (uses.get(column) ?? 0) <= 1 || isRepeatable(args[i] as BoundExpr),
    )
    if (!isSafe) return { ...node, args }
    const substituted = mapExpression(body, (inner) => {
      if (inner.kind !== 'ColumnRef') return undefined
      const index = parameters.indexOf(inner.column)
      return index < 0 ? undefined : args[index]
    })
    return inlineCalls(substituted)
  })
}
