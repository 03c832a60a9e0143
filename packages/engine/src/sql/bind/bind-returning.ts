/**
 * RETURNING of INSERT / UPDATE / DELETE, the FROM / USING items of UPDATE / DELETE, and the WITH
 * clause of all three (its queries visible to the whole statement; data-modifying ones are
 * bound by bind-select.ts's CTE binding and run before the statement).
 *
 * RETURNING is a select list over the written row (the new row for INSERT and UPDATE, the old
 * one for DELETE) and, for UPDATE ... FROM / DELETE ... USING, the joined row of the other
 * items: it is bound like SELECT's targets, with aggregates (42803), window functions (42P20)
 * and set-returning functions (0A000) refused as in PostgreSQL. The executor evaluates it over
 * the row laid out as `columns` say.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { Node, ReturningClause, WithClause } from '../parse/index.js'
import { type BindContext, setFunctionsNotAllowedIn } from './bind-context.js'
import { bindFromList, bindTargets, bindWith } from './bind-select.js'
import type { BoundModifyFrom, BoundReturning, ColumnId } from './bound.js'
import { outputColumns } from './relation.js'
import type { Scope } from './scope.js'

/** RETURNING `list` over `scope`, whose rows carry `columns`; undefined without RETURNING. */
export function bindReturning(
  context: BindContext,
  scope: Scope,
  columns: readonly ColumnId[],
  clause: ReturningClause | undefined,
): BoundReturning | undefined {
  if (clause === undefined) return undefined
  // RETURNING WITH (OLD AS ..., NEW AS ...) is PostgreSQL 18 syntax, not 15's.
  if ((clause.options ?? []).length > 0) {
    throw new SqlError(SqlState.syntaxError, 'syntax error at or near "WITH"')
  }
  const list = clause.exprs ?? []
  const targets = context.withAggregateBan('RETURNING', () =>
    context.withSetFunctionBan(setFunctionsNotAllowedIn('RETURNING'), () =>
      bindTargets(context, scope, list),
    ),
  )
  return {
    columns,
    output: targets.map((target) => ({
      name: target.name,
      type: target.expr.type,
      column: context.newColumn(),
      origin: target.expr.kind === 'ColumnRef' ? target.expr.origin : undefined,
    })),
    exprs: targets.map((target) => target.expr),
  }
}

/**
 * UPDATE ... FROM / DELETE ... USING: the items joined as a FROM list, added to the target's
 * scope (a second item under the target's name is 42712, as in PostgreSQL). Undefined without
 * items.
 */
export function bindModifyFrom(
  context: BindContext,
  targetScope: Scope,
  items: readonly Node[] | undefined,
): { from: BoundModifyFrom; scope: Scope } | undefined {
  if (items === undefined || items.length === 0) return undefined
  const { plan, scope } = bindFromList(context, items, undefined)
  let combined = targetScope
  for (const item of scope.items) {
    if (item.reference !== undefined && targetScope.findItem(item.reference) !== undefined) {
      throw new SqlError(
        SqlState.duplicateAlias,
        `table name "${item.reference}" specified more than once`,
      )
    }
    combined = combined.with(item)
  }
  return { from: { plan, columns: outputColumns(plan) }, scope: combined }
}

/** Binds a statement with its WITH clause's queries in scope (just binds it without one). */
export function withStatementCtes<T>(
  context: BindContext,
  clause: WithClause | undefined,
  bind: () => T,
): T {
  if (clause === undefined) return bind()
  const ctes = bindWith(context, clause, undefined)
  context.ctes.push(ctes)
  try {
    return bind()
  } finally {
    context.ctes.pop()
  }
}
