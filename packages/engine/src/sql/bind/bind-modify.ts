/**
 * UPDATE and DELETE binding: the target table, the WHERE condition over its rows, and for
 * UPDATE the assignments coerced to the column types. UPDATE ... FROM / DELETE ... USING add
 * the other items to the scope of SET, WHERE and RETURNING, and WITH queries are visible to the
 * whole statement (bind-returning.ts).
 */
import { sqlTypes } from '../../types/index.js'
import type { DeleteStmt, UpdateStmt } from '../parse/index.js'
import { bindAssignments } from './bind-assignments.js'
import { bindGeneratedColumns, findRawNodes } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindCondition } from './bind-expression.js'
import { bindModifyFrom, bindReturning, withStatementCtes } from './bind-returning.js'
import { bindModifyTarget } from './bind-view-target.js'
import type { BoundDelete, BoundExpr, BoundModifyFrom, BoundUpdate } from './bound.js'
import { requireTargetColumns } from './privilege-checks.js'

export function bindUpdate(context: BindContext, update: UpdateStmt): BoundUpdate {
  return withStatementCtes(context, update.withClause, () => bindUpdateBody(context, update))
}

function bindUpdateBody(context: BindContext, update: UpdateStmt): BoundUpdate {
  // Reading a column (WHERE, RETURNING, a SET expression) brings in the SELECT policies.
  const readsColumns =
    update.whereClause !== undefined ||
    update.returningClause !== undefined ||
    findRawNodes(update.targetList, 'ColumnRef').length > 0
  const target = bindModifyTarget(context, update.relation, 'update', readsColumns)
  const { table, columns } = target
  const joined = bindModifyFrom(context, target.scope, update.fromClause)
  const scope = joined?.scope ?? target.scope
  const assignments = bindAssignments(context, target, scope, update.targetList ?? [])
  requireTargetColumns(
    context,
    target,
    'update',
    assignments.map((assignment) => assignment.column),
  )
  const condition =
    update.whereClause === undefined
      ? undefined
      : bindCondition(context, scope, update.whereClause, 'WHERE')
  const viewChecks = target.viewChecks === undefined ? {} : { viewChecks: target.viewChecks }
  const generated = bindGeneratedColumns(context, table, columns)
  const rowColumns = [...columns, ...(joined?.from.columns ?? [])]
  const returning = bindReturning(context, scope, rowColumns, update.returningClause)
  return {
    kind: 'Update',
    table,
    columns,
    assignments,
    generated,
    ...viewChecks,
    ...whereAndFrom(target.quals, condition, joined?.from),
    ...(returning === undefined ? {} : { returning }),
  }
}

export function bindDelete(context: BindContext, remove: DeleteStmt): BoundDelete {
  return withStatementCtes(context, remove.withClause, () => bindDeleteBody(context, remove))
}

function bindDeleteBody(context: BindContext, remove: DeleteStmt): BoundDelete {
  const readsColumns = remove.whereClause !== undefined || remove.returningClause !== undefined
  const target = bindModifyTarget(context, remove.relation, 'delete', readsColumns)
  requireTargetColumns(context, target, 'delete', [])
  const { table, columns } = target
  const joined = bindModifyFrom(context, target.scope, remove.usingClause)
  const scope = joined?.scope ?? target.scope
  const condition =
    remove.whereClause === undefined
      ? undefined
      : bindCondition(context, scope, remove.whereClause, 'WHERE')
  const rowColumns = [...columns, ...(joined?.from.columns ?? [])]
  const returning = bindReturning(context, scope, rowColumns, remove.returningClause)
  return {
    kind: 'Delete',
    table,
    columns,
    ...whereAndFrom(target.quals, condition, joined?.from),
    ...(returning === undefined ? {} : { returning }),
  }
}

/** Without FROM / USING the statement's WHERE joins the view conditions on the target's rows;
 * with them it is tested on the joined row instead. */
function whereAndFrom(
  quals: readonly BoundExpr[],
  condition: BoundExpr | undefined,
  from: BoundModifyFrom | undefined,
): Pick<BoundUpdate, 'where' | 'from' | 'condition'> {
  if (from === undefined) return { where: withViewQuals(quals, condition) }
  return { where: withViewQuals(quals, undefined), from, condition }
}

/** The statement's WHERE after the conditions of the views written through (rows outside a
 * view are not visible through it). */
function withViewQuals(
  quals: readonly BoundExpr[],
  where: BoundExpr | undefined,
): BoundExpr | undefined {
  const all = where === undefined ? [...quals] : [...quals, where]
  if (all.length <= 1) return all[0]
  return { kind: 'Logical', type: sqlTypes.bool, operator: 'and', args: all }
}
