/**
 * UPDATE and DELETE binding: the target table, the WHERE condition over its rows, and for
 * UPDATE the assignments coerced to the column types. UPDATE ... FROM / DELETE ... USING add
 * the other items to the scope of SET, WHERE and RETURNING, and WITH queries are visible to the
 * whole statement (bind-returning.ts).
 */
import type { Column } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import type { DeleteStmt, UpdateStmt } from '../parse/index.js'
import { bindColumnDefault, bindGeneratedColumns } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import {
  bindCondition,
  bindExpression,
  coerceForAssignment,
  locationOf,
} from './bind-expression.js'
import { bindModifyFrom, bindReturning, withStatementCtes } from './bind-returning.js'
import { bindModifyTarget, columnNotUpdatable } from './bind-view-target.js'
import type { BoundDelete, BoundExpr, BoundModifyFrom, BoundUpdate } from './bound.js'

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}

export function bindUpdate(context: BindContext, update: UpdateStmt): BoundUpdate {
  return withStatementCtes(context, update.withClause, () => bindUpdateBody(context, update))
}

function bindUpdateBody(context: BindContext, update: UpdateStmt): BoundUpdate {
  const target = bindModifyTarget(context, update.relation, 'update')
  const { table, columns } = target
  const joined = bindModifyFrom(context, target.scope, update.fromClause)
  const scope = joined?.scope ?? target.scope
  const assignments: { column: number; expr: BoundUpdate['assignments'][number]['expr'] }[] = []
  for (const node of update.targetList ?? []) {
    if (!('ResTarget' in node) || node.ResTarget.val === undefined) throw notYet('this SET item')
    const item = node.ResTarget
    const position = context.position(item.location)
    if ((item.indirection ?? []).length > 0) throw notYet('assignment to subfields')
    const named = target.columnNames.indexOf(item.name ?? '')
    const destination = target.targets[named]
    if (destination === undefined) {
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${item.name ?? ''}" of relation "${target.relation.name}" does not exist`,
        position === undefined ? {} : { position },
      )
    }
    if (destination.kind === 'computed') throw columnNotUpdatable(destination, 'update')
    const column = destination.index
    const definition = table.columns[column]
    if (definition === undefined) throw new SqlError(SqlState.internalError, 'no target column')
    if (assignments.some((a) => a.column === column)) {
      // PostgreSQL reports this one without a position.
      throw new SqlError(
        SqlState.syntaxError,
        `multiple assignments to same column "${definition.name}"`,
      )
    }
    const value = item.val as NonNullable<typeof item.val>
    if ('SetToDefault' in value) {
      // A generated column is recomputed anyway; others take their default.
      if (definition.generated === undefined) {
        assignments.push({ column, expr: bindColumnDefault(context, definition) })
      }
      continue
    }
    checkUpdatable(definition)
    const expr = bindExpression(context, scope, value)
    const at = context.position(locationOf(value))
    assignments.push({
      column,
      expr: coerceForAssignment(
        context,
        expr,
        definition.type,
        () => `column "${definition.name}"`,
        at,
      ),
    })
  }
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

/** 428C9: generated columns and identity columns GENERATED ALWAYS only take DEFAULT. */
function checkUpdatable(column: Column): void {
  const detail =
    column.generated !== undefined
      ? `Column "${column.name}" is a generated column.`
      : column.identity?.kind === 'always'
        ? `Column "${column.name}" is an identity column defined as GENERATED ALWAYS.`
        : undefined
  if (detail === undefined) return
  throw new SqlError(
    SqlState.generatedAlways,
    `column "${column.name}" can only be updated to DEFAULT`,
    { detail },
  )
}

export function bindDelete(context: BindContext, remove: DeleteStmt): BoundDelete {
  return withStatementCtes(context, remove.withClause, () => bindDeleteBody(context, remove))
}

function bindDeleteBody(context: BindContext, remove: DeleteStmt): BoundDelete {
  const target = bindModifyTarget(context, remove.relation, 'delete')
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
