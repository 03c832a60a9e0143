/**
 * INSERT binding: target table and column list, VALUES rows coerced to the column types.
 * Columns not listed, and DEFAULT items, take the column's default (its DEFAULT expression or
 * identity sequence; NULL without one); generated columns are computed from the row.
 * Values for generated columns and GENERATED ALWAYS identity columns are refused with 428C9
 * (the latter unless OVERRIDING SYSTEM VALUE); OVERRIDING USER VALUE replaces the values given
 * for identity columns by their defaults. RETURNING reads the stored row (bind-returning.ts); a
 * WITH clause's queries are visible to the source and RETURNING. ON CONFLICT: bind-on-conflict.ts.
 */
import type { Column, Table } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { valuesRowsMax } from '../../limits.js'
import type { InsertStmt, Node, SelectStmt } from '../parse/index.js'
import { bindColumnDefault, bindGeneratedColumns } from './bind-column-expressions.js'
import type { BindContext } from './bind-context.js'
import { bindExpression, coerceForAssignment, locationOf } from './bind-expression.js'
import { bindOnConflict } from './bind-on-conflict.js'
import { bindReturning, withStatementCtes } from './bind-returning.js'
import { bindModifyTarget, columnNotUpdatable, type ModifyTarget } from './bind-view-target.js'
import type { BoundExpr, BoundInsert } from './bound.js'
import { requireTargetColumns } from './privilege-checks.js'
import { Scope } from './scope.js'

export function bindInsert(context: BindContext, insert: InsertStmt): BoundInsert {
  return withStatementCtes(context, insert.withClause, () => bindInsertBody(context, insert))
}

function bindInsertBody(context: BindContext, insert: InsertStmt): BoundInsert {
  const target = bindModifyTarget(
    context,
    insert.relation,
    'insert',
    insert.returningClause !== undefined,
  )
  const bound = bindInsertValues(context, insert, target)
  requireTargetColumns(context, target, 'insert', bound.targetColumns)
  const clause = insert.onConflictClause
  const conflict =
    clause === undefined ? undefined : bindOnConflict(context, insert, clause, target)
  // RETURNING reads the stored row, as a scan of the target carries it (through a view, the
  // view's columns over it).
  const scope = conflict?.returningScope ?? target.scope
  const returning = bindReturning(context, scope, target.columns, insert.returningClause)
  return {
    ...bound,
    ...(returning === undefined ? {} : { returning }),
    ...(conflict === undefined ? {} : { onConflict: conflict.onConflict }),
  }
}

function bindInsertValues(
  context: BindContext,
  insert: InsertStmt,
  target: ModifyTarget,
): BoundInsert {
  const table = target.table
  const checks = target.viewChecks === undefined ? {} : { viewChecks: target.viewChecks }
  let named = bindTargetColumns(
    context,
    target.columnNames.map((name) => ({ name })),
    target.relation.name,
    insert.cols ?? [],
  )
  // Without a column list, only the columns that receive values are written: the ones after
  // them take their defaults (and a view's computed columns after them are no error).
  const width = suppliedWidth(insert)
  if ((insert.cols ?? []).length === 0 && width !== undefined) named = named.slice(0, width)
  const targetColumns = baseColumns(target, named)
  const override = insert.override ?? 'OVERRIDING_NOT_SET'
  const source = insert.selectStmt
  // DEFAULT VALUES: every column takes its default.
  if (source === undefined) {
    return {
      kind: 'Insert',
      table,
      targetColumns: [],
      rows: [[]],
      query: undefined,
      ...columnValues(context, table, [], override),
      ...checks,
    }
  }
  if (!('SelectStmt' in source)) throw notYet('this INSERT source')
  const select = source.SelectStmt
  const isPlainValues =
    select.valuesLists !== undefined &&
    (select.sortClause ?? []).length === 0 &&
    select.limitCount === undefined &&
    select.limitOffset === undefined &&
    select.withClause === undefined
  if (!isPlainValues) {
    for (const index of targetColumns) checkAssignable(table.columns[index], override)
    return {
      ...bindInsertQuery(context, table, targetColumns, select, insert, override),
      ...checks,
    }
  }
  const lists = select.valuesLists ?? []
  const columnPositions = (insert.cols ?? []).map((col) =>
    'ResTarget' in col ? context.position(col.ResTarget.location) : undefined,
  )
  if (lists.length > valuesRowsMax) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `VALUES lists hold at most ${valuesRowsMax} rows`,
    )
  }
  const itemsOf = (list: (typeof lists)[number]) => ('List' in list ? (list.List.items ?? []) : [])
  // Every list as long as the first, else PostgreSQL's 42601 at the first one that is not.
  const first = lists[0]
  const length = first === undefined ? 0 : itemsOf(first).length
  const uneven = lists.find((list) => itemsOf(list).length !== length)
  if (uneven !== undefined) {
    const position = context.position(locationOf(itemsOf(uneven)[0] as Node))
    throw new SqlError(
      SqlState.syntaxError,
      'VALUES lists must all be the same length',
      position === undefined ? {} : { position },
    )
  }
  const rows = lists.map((list) => {
    const items = itemsOf(list)
    return bindRow(context, table, targetColumns, items, {
      hasColumnList: columnPositions.length > 0,
      columnPositions,
      override,
    })
  })
  return {
    kind: 'Insert',
    table,
    targetColumns,
    rows,
    query: undefined,
    ...columnValues(context, table, targetColumns, override),
    ...checks,
  }
}

/** How many values each row of INSERT ... VALUES supplies at most (undefined for a query). */
function suppliedWidth(insert: InsertStmt): number | undefined {
  const source = insert.selectStmt
  if (source === undefined) return 0
  if (!('SelectStmt' in source) || source.SelectStmt.valuesLists === undefined) return undefined
  let width = 0
  for (const list of source.SelectStmt.valuesLists) {
    const items = 'List' in list ? (list.List.items ?? []) : []
    width = Math.max(width, items.length)
  }
  return width
}

/** The base table columns that the named relation's columns `indexes` write (the same for a
 * table; through a view, 0A000 for a column that is not updatable). */
function baseColumns(target: ModifyTarget, indexes: readonly number[]): number[] {
  if (target.relation.kind === 'table') return [...indexes]
  const columns: number[] = []
  for (const index of indexes) {
    const column = target.targets[index]
    if (column === undefined) throw new SqlError(SqlState.internalError, 'no target column')
    if (column.kind === 'computed') throw columnNotUpdatable(column, 'insert')
    if (columns.includes(column.index)) {
      const name = target.table.columns[column.index]?.name ?? ''
      throw new SqlError(SqlState.syntaxError, `multiple assignments to same column "${name}"`)
    }
    columns.push(column.index)
  }
  return columns
}

type Override = NonNullable<InsertStmt['override']>

/**
 * The values computed per row besides the given ones: defaults of the columns not targeted
 * (and, with OVERRIDING USER VALUE, of targeted identity columns), and generated columns over
 * the row as a scan of the table would carry it (`rowColumns`).
 */
function columnValues(
  context: BindContext,
  table: Table,
  targetColumns: readonly number[],
  override: Override,
): Pick<BoundInsert, 'defaults' | 'generated' | 'rowColumns'> {
  const defaults: { column: number; expr: BoundExpr }[] = []
  table.columns.forEach((column, index) => {
    if (column.generated !== undefined) return
    const isTargeted = targetColumns.includes(index)
    const isOverridden = isTargeted && override === 'OVERRIDING_USER_VALUE'
    if (isTargeted && !(isOverridden && column.identity !== undefined)) return
    if (column.default === undefined && column.identity === undefined) return
    defaults.push({ column: index, expr: bindColumnDefault(context, column) })
  })
  const rowColumns = table.columns.map(() => context.newColumn())
  return { defaults, generated: bindGeneratedColumns(context, table, rowColumns), rowColumns }
}

/** 428C9 for a value given for a generated column, or for an identity column GENERATED ALWAYS
 * without OVERRIDING SYSTEM VALUE. */
function checkAssignable(column: Column | undefined, override: Override): void {
  if (column === undefined) return
  if (column.generated !== undefined) {
    throw new SqlError(
      SqlState.generatedAlways,
      `cannot insert a non-DEFAULT value into column "${column.name}"`,
      { detail: `Column "${column.name}" is a generated column.` },
    )
  }
  if (column.identity?.kind === 'always' && override === 'OVERRIDING_NOT_SET') {
    throw new SqlError(
      SqlState.generatedAlways,
      `cannot insert a non-DEFAULT value into column "${column.name}"`,
      {
        detail: `Column "${column.name}" is an identity column defined as GENERATED ALWAYS.`,
        hint: 'Use OVERRIDING SYSTEM VALUE to override.',
      },
    )
  }
}

/** INSERT ... SELECT (or a VALUES list with ORDER BY / LIMIT): the query's columns, coerced to
 * the target columns' types as an assignment. */
function bindInsertQuery(
  context: BindContext,
  table: BoundInsert['table'],
  targetColumns: readonly number[],
  select: SelectStmt,
  insert: InsertStmt,
  override: Override,
): BoundInsert {
  const bound = context.bindSubquery(select, Scope.empty())
  if (bound.output.length > targetColumns.length) {
    throw new SqlError(SqlState.syntaxError, 'INSERT has more expressions than target columns')
  }
  if (bound.output.length < targetColumns.length && (insert.cols ?? []).length > 0) {
    throw new SqlError(SqlState.syntaxError, 'INSERT has more target columns than expressions')
  }
  const used = targetColumns.slice(0, bound.output.length)
  const targets = bound.output.map((output, i) => {
    const column = table.columns[used[i] ?? -1]
    if (column === undefined) throw new SqlError(SqlState.syntaxError, 'no target column')
    const ref: BoundExpr = {
      kind: 'ColumnRef',
      type: output.type,
      column: output.column,
      name: output.name,
      origin: output.origin,
    }
    return {
      column: context.newColumn(),
      expr: coerceForAssignment(
        context,
        ref,
        column.type,
        () => `column "${column.name}"`,
        undefined,
      ),
    }
  })
  return {
    kind: 'Insert',
    table,
    targetColumns: used,
    rows: [],
    query: { kind: 'Project', input: bound.plan, targets },
    ...columnValues(context, table, used, override),
  }
}

function bindTargetColumns(
  context: BindContext,
  columns: readonly { readonly name: string }[],
  tableName: string,
  cols: readonly Node[],
): number[] {
  if (cols.length === 0) return columns.map((_, index) => index)
  const indexes: number[] = []
  for (const node of cols) {
    if (!('ResTarget' in node)) throw notYet('this INSERT column')
    const name = node.ResTarget.name ?? ''
    const position = context.position(node.ResTarget.location)
    const at = position === undefined ? {} : { position }
    if ((node.ResTarget.indirection ?? []).length > 0) throw notYet('INSERT into subfields')
    const index = columns.findIndex((column) => column.name === name)
    if (index < 0) {
      throw new SqlError(
        SqlState.undefinedColumn,
        `column "${name}" of relation "${tableName}" does not exist`,
        at,
      )
    }
    if (indexes.includes(index)) {
      throw new SqlError(SqlState.duplicateColumn, `column "${name}" specified more than once`, at)
    }
    indexes.push(index)
  }
  return indexes
}

function bindRow(
  context: BindContext,
  table: BoundInsert['table'],
  targetColumns: readonly number[],
  items: readonly Node[],
  options: {
    readonly hasColumnList: boolean
    readonly columnPositions: readonly (number | undefined)[]
    readonly override: Override
  },
): BoundExpr[] {
  const { hasColumnList, columnPositions, override } = options
  if (items.length > targetColumns.length) {
    const position = context.position(locationOf(items[targetColumns.length] as Node))
    throw new SqlError(
      SqlState.syntaxError,
      'INSERT has more expressions than target columns',
      position === undefined ? {} : { position },
    )
  }
  if (items.length < targetColumns.length && hasColumnList) {
    const position = columnPositions[items.length]
    throw new SqlError(
      SqlState.syntaxError,
      'INSERT has more target columns than expressions',
      position === undefined ? {} : { position },
    )
  }
  return items.map((item, i) => {
    const column = table.columns[targetColumns[i] ?? -1]
    if (column === undefined) throw new SqlError(SqlState.syntaxError, 'no target column')
    // DEFAULT: the column's default (a generated column's value is computed afterwards).
    if ('SetToDefault' in item) {
      return column.generated === undefined
        ? bindColumnDefault(context, column)
        : { kind: 'Constant', type: column.type, value: null }
    }
    checkAssignable(column, override)
    const position = context.position(locationOf(item))
    const expr = bindExpression(context, Scope.empty(), item)
    return coerceForAssignment(
      context,
      expr,
      column.type,
      () => `column "${column.name}"`,
      position,
    )
  })
}

function notYet(feature: string): SqlError {
  return new SqlError(SqlState.featureNotSupported, `${feature} is not supported yet`)
}
