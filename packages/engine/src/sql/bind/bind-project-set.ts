/**
 * Set-returning functions in a select list (PostgreSQL 10+ semantics): the calls are taken out
 * of the expressions that contain them into ProjectSet nodes beneath the projection, and each
 * expression reads the call's column instead. Calls whose arguments contain other calls
 * (`generate_series(1, generate_series(1, 3))`) go one ProjectSet higher than those, so the
 * inner call's rows feed the outer call's arguments, as PostgreSQL plans them.
 *
 * Identical calls are computed once (PostgreSQL matches ORDER BY and GROUP BY expressions to
 * the select list the same way), so `SELECT generate_series(1, 3) ORDER BY generate_series(1, 3)`
 * sorts the rows it returns.
 */
import { expressionDepthMax } from '../../limits.js'
import type { BindContext } from './bind-context.js'
import type { BoundExpr } from './bound.js'
import type { Rel, SetComputed } from './relation.js'
import { forEachChild, mapExpression, sameExpression } from './walk.js'

type SetCall = BoundExpr & { kind: 'SetCall' }

/** Whether `expr` contains a set-returning call (not looking into subqueries: theirs). */
export function containsSetCall(expr: BoundExpr): boolean {
  if (expr.kind === 'SetCall') return true
  let isFound = false
  forEachChild(expr, (child) => {
    if (!isFound && containsSetCall(child)) isFound = true
  })
  return isFound
}

/**
 * Puts the set-returning calls of `exprs` into ProjectSet nodes over `plan`. Returns the new
 * plan and a rewrite that replaces each call by a reference to its column; `exprs` is the same
 * list rewritten.
 */
export function planProjectSets(
  context: BindContext,
  plan: Rel,
  exprs: readonly BoundExpr[],
): { plan: Rel; exprs: BoundExpr[]; rewrite: (expr: BoundExpr) => BoundExpr } {
  let current = [...exprs]
  let top = plan
  const done: SetComputed[] = []
  // Bottom-up, so an outer call is compared with its arguments already rewritten, as it was
  // when it was planned.
  const rewrite = (expr: BoundExpr): BoundExpr => {
    const rebuilt = mapExpression(expr, (node) => (node === expr ? undefined : rewrite(node)))
    if (rebuilt.kind !== 'SetCall') return rebuilt
    const found = done.find((computed) => sameExpression(computed.call, rebuilt))
    return found === undefined ? rebuilt : columnOf(found)
  }
  // Each round takes the innermost calls; nesting is bounded by the expression depth limit.
  for (let level = 0; level <= expressionDepthMax; level++) {
    const innermost = collectInnermost(current)
    if (innermost.length === 0) break
    const calls = innermost.map((call) => ({ column: context.newColumn(), call }))
    done.push(...calls)
    top = { kind: 'ProjectSet', input: top, calls }
    current = current.map(rewrite)
  }
  return { plan: top, exprs: current, rewrite }
}

/** Calls with no call in their arguments, each once. */
function collectInnermost(exprs: readonly BoundExpr[]): SetCall[] {
  const found: SetCall[] = []
  const visit = (expr: BoundExpr): void => {
    if (expr.kind === 'SetCall' && !expr.args.some(containsSetCall)) {
      if (!found.some((other) => sameExpression(other, expr))) found.push(expr)
      return
    }
    forEachChild(expr, visit)
  }
  for (const expr of exprs) visit(expr)
  return found
}

function columnOf(computed: SetComputed): BoundExpr {
  return {
    kind: 'ColumnRef',
    type: computed.call.type,
    column: computed.column,
    name: computed.call.name,
    origin: undefined,
  }
}
