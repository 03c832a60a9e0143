/**
 * SET lists of UPDATE and of INSERT ... ON CONFLICT DO UPDATE: each item names a column of the
 * target (through a view, the base column it writes) and gets a value coerced to its type as
 * an assignment. `SET (a, b) = (x, y)` assigns the row's items in order (42601 when the counts
 * differ); `DEFAULT` is the column's default (a generated column is recomputed anyway).
 * Generated columns and identity columns GENERATED ALWAYS only take DEFAULT (428C9); a column
 * assigned twice is 42601. `(a, b) = (SELECT ...)` is 0A000.
 */
import type { Column } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { Node, ResTarget } from '../parse/index.js'
import { bindColumnDefault } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindExpression, coerceForAssignment, locationOf } from './bind-expression.js'
import { columnNotUpdatable, type ModifyTarget } from './bind-view-target.js'
import type { BoundExpr } from './bound.js'
import type { Scope } from './scope.js'

/** One assignment: the base table column index and its value over the statement's row. */
export interface Assignment {
  readonly column: number
  readonly expr: BoundExpr
}

export function bindAssignments(
  context: BindContext,
  target: ModifyTarget,
  scope: Scope,
  list: readonly Node[],
): Assignment[] {
  const assignments: Assignment[] = []
  for (const node of list) {
    if (!('ResTarget' in node) || node.ResTarget.val === undefined) throw notYet('this SET item')
    const item = node.ResTarget
    if ((item.indirection ?? []).length > 0) throw notYet('assignment to subfields')
    const column = targetColumn(context, target, item)
    const definition = target.table.columns[column]
    if (definition === undefined) throw new SqlError(SqlState.internalError, 'no target column')
    if (assignments.some((a) => a.column === column)) {
      // PostgreSQL reports this one without a position.
      throw new SqlError(
        SqlState.syntaxError,
        `multiple assignments to same column "${definition.name}"`,
      )
    }
    const value = sourceValue(item.val as Node)
    if ('SetToDefault' in value) {
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
  return assignments
}

/** The base table column a SET item names (42703 when the relation has no such column). */
function targetColumn(context: BindContext, target: ModifyTarget, item: ResTarget): number {
  const named = target.columnNames.indexOf(item.name ?? '')
  const destination = target.targets[named]
  if (destination === undefined) {
    const position = context.position(item.location)
    throw new SqlError(
      SqlState.undefinedColumn,
      `column "${item.name ?? ''}" of relation "${target.relation.name}" does not exist`,
      position === undefined ? {} : { position },
    )
  }
  if (destination.kind === 'computed') throw columnNotUpdatable(destination, 'update')
  return destination.index
}

/** The value a SET item assigns: for `(a, b) = (x, y)`, this column's item of the row. */
function sourceValue(value: Node): Node {
  if (!('MultiAssignRef' in value)) return value
  const { source, colno, ncolumns } = value.MultiAssignRef
  if (source === undefined || !('RowExpr' in source)) {
    throw notYet('assigning a subquery to a list of columns')
  }
  const items = source.RowExpr.args ?? []
  if (items.length !== (ncolumns ?? 0)) {
    throw new SqlError(SqlState.syntaxError, 'number of columns does not match number of values')
  }
  const item = items[(colno ?? 1) - 1]
  if (item === undefined) throw new SqlError(SqlState.internalError, 'no value for the column')
  return item
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

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
