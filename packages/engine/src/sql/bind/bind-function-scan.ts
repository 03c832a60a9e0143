/**
 * Functions in FROM: `generate_series(1, 10) AS g(n)`, `unnest(a, b)`, `ROWS FROM (f(), g())`,
 * `WITH ORDINALITY`, record-returning functions with a column definition list
 * (`jsonb_to_record(j) AS r(a int, b text)`) and scalar functions (`FROM upper('a')`, one row).
 * The result is a FunctionScan (relation.ts) and its scope item.
 *
 * PostgreSQL's naming rules: a single function returning one unnamed column gives it the alias
 * (or the function's name); named result columns (jsonb_each: key, value) keep their names;
 * alias column names rename the columns in order, the ordinality column included. Functions
 * in FROM see the FROM items to their left without LATERAL, as in PostgreSQL; the join above
 * becomes LATERAL only when the arguments read them.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { sqlTypes } from '../../types/index.js'
import { type FuncCall, type Node, type RangeFunction, stringsOf } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { bindExpression, coerce } from './bind-expression.js'
import { resolveTypeNode } from './bind-type.js'
import type { BoundExpr, ColumnId, ResultColumn } from './bound.js'
import type { Rel, ScanFunction } from './relation.js'
import type { Scope, ScopeColumn, ScopeItem } from './scope.js'
import { forEachChild, mapRelExpressions } from './walk.js'

export interface FunctionScanResult {
  readonly plan: Rel
  readonly item: ScopeItem
  /** The arguments read columns of FROM items to the left (the join must be LATERAL). */
  readonly isLateral: boolean
}

/** One function of the item as written: its call and its column definition list. */
interface WrittenFunction {
  readonly call: FuncCall
  readonly location: number | undefined
  readonly columnDefinitions: readonly Node[]
}

const topLevelOnly = 'set-returning functions must appear at top level of FROM'

export function bindRangeFunction(
  context: BindContext,
  range: RangeFunction,
  siblings: Scope,
): FunctionScanResult {
  const written = writtenFunctions(range)
  const alias = range.alias?.aliasname
  const firstName = written[0]?.call.funcname
  const functionName = stringsOf(firstName)[stringsOf(firstName).length - 1] ?? ''
  const reference = alias ?? functionName
  const bound = written.map((fn) =>
    bindScanFunction(context, fn, siblings, written.length === 1 ? reference : undefined),
  )
  const scopeColumns: ScopeColumn[] = []
  const functions: ScanFunction[] = bound.map((fn) => {
    const columns = fn.columns.map((column) => {
      const id = context.newColumn()
      scopeColumns.push({ name: column.name, type: column.type, column: id, origin: undefined })
      return id
    })
    return { call: fn.call, columns }
  })
  let ordinality: ColumnId | undefined
  if (range.ordinality === true) {
    ordinality = context.newColumn()
    scopeColumns.push({
      name: 'ordinality',
      type: sqlTypes.int8,
      column: ordinality,
      origin: undefined,
    })
  }
  const aliasColumns = stringsOf(range.alias?.colnames)
  if (aliasColumns.length > scopeColumns.length) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `table "${reference}" has ${scopeColumns.length} columns available but ${aliasColumns.length} columns specified`,
    )
  }
  const named = scopeColumns.map((column, i) => ({
    ...column,
    name: aliasColumns[i] ?? column.name,
  }))
  // EXPLAIN names a single function and its alias; several by the item's name.
  const label =
    written.length !== 1
      ? reference
      : alias !== undefined && alias !== functionName
        ? `${functionName} ${alias}`
        : functionName
  return {
    plan: { kind: 'FunctionScan', functions, ordinality, reference: label },
    item: { reference, table: undefined, columns: named, children: [] },
    isLateral: functions.some((fn) => readsAny(fn.call, new Set(siblingColumns(siblings)))),
  }
}

/** The functions of the item; `unnest(a, b)` outside ROWS FROM is ROWS FROM (unnest(a),
 * unnest(b)), as PostgreSQL rewrites it. */
function writtenFunctions(range: RangeFunction): WrittenFunction[] {
  const out: WrittenFunction[] = []
  for (const node of range.functions ?? []) {
    const items = 'List' in node ? (node.List.items ?? []) : []
    const first = items[0]
    if (first === undefined || !('FuncCall' in first)) {
      throw new SqlError(
        SqlState.featureNotSupported,
        'only function calls are supported as functions in FROM yet',
      )
    }
    const second = items[1]
    const listed = second !== undefined && 'List' in second ? (second.List.items ?? []) : []
    out.push({
      call: first.FuncCall,
      location: first.FuncCall.location,
      columnDefinitions: listed.length > 0 ? listed : (range.coldeflist ?? []),
    })
  }
  const only = out[0]
  const args = only?.call.args ?? []
  const names = stringsOf(only?.call.funcname)
  if (
    only !== undefined &&
    out.length === 1 &&
    range.is_rowsfrom !== true &&
    args.length > 1 &&
    names[names.length - 1] === 'unnest' &&
    (names.length === 1 || names[0] === 'pg_catalog') &&
    only.columnDefinitions.length === 0
  ) {
    return args.map((arg) => ({
      call: { ...only.call, args: [arg] },
      location: only.location,
      columnDefinitions: [],
    }))
  }
  return out
}

/**
 * Binds one function and names its columns. `singleName` is set when the item has one function:
 * an unnamed single result column then takes it (the alias, or the function's name).
 */
function bindScanFunction(
  context: BindContext,
  written: WrittenFunction,
  siblings: Scope,
  singleName: string | undefined,
): { call: BoundExpr; columns: ResultColumn[] } {
  const position = context.position(written.location)
  const call = context.withAggregateBan('functions in FROM', () =>
    context.withSetFunctionBan(undefined, () =>
      bindExpression(context, siblings, { FuncCall: written.call }),
    ),
  )
  const nested =
    call.kind === 'SetCall'
      ? call.args.map(firstSetCall).find((found) => found !== undefined)
      : firstSetCall(call)
  if (nested !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, topLevelOnly, positionOf(nested.position))
  }
  const definitions = written.columnDefinitions
  const isRecord = call.type.kind === 'record'
  const declared = call.kind === 'SetCall' ? call.columns : undefined
  if (isRecord && declared === undefined) {
    if (definitions.length === 0) {
      throw new SqlError(
        SqlState.syntaxError,
        'a column definition list is required for functions returning "record"',
        positionOf(position),
      )
    }
    const columns = columnDefinitions(context, definitions)
    return { call: call.kind === 'SetCall' ? { ...call, columns } : call, columns }
  }
  if (definitions.length > 0) {
    const first = definitions[0]
    const location =
      first !== undefined && 'ColumnDef' in first ? first.ColumnDef.location : undefined
    throw new SqlError(
      SqlState.syntaxError,
      'a column definition list is only allowed for functions returning "record"',
      positionOf(context.position(location)),
    )
  }
  if (declared !== undefined) return { call, columns: [...declared] }
  const name = singleName ?? functionNameOf(written.call)
  // An untyped literal result (FROM coalesce('a')) reads as text, as in a select list.
  const typed = call.type.kind === 'unknown' ? coerce(context, call, sqlTypes.text, position) : call
  return { call: typed, columns: [{ name, type: typed.type }] }
}

/** `AS r(a int, b text[])`: the columns of a record-returning function. */
function columnDefinitions(context: BindContext, nodes: readonly Node[]): ResultColumn[] {
  const columns: ResultColumn[] = []
  for (const node of nodes) {
    if (!('ColumnDef' in node)) continue
    const definition = node.ColumnDef
    const name = definition.colname ?? ''
    if (columns.some((column) => column.name === name)) {
      throw new SqlError(SqlState.duplicateColumn, `column name "${name}" specified more than once`)
    }
    columns.push({ name, type: resolveTypeNode(context, definition.typeName) })
  }
  return columns
}

function functionNameOf(call: FuncCall): string {
  const names = stringsOf(call.funcname)
  return names[names.length - 1] ?? '?column?'
}

function positionOf(position: number | undefined): { position?: number } {
  return position === undefined ? {} : { position }
}

function firstSetCall(expr: BoundExpr): (BoundExpr & { kind: 'SetCall' }) | undefined {
  if (expr.kind === 'SetCall') return expr
  let found: (BoundExpr & { kind: 'SetCall' }) | undefined
  forEachChild(expr, (child) => {
    found ??= firstSetCall(child)
  })
  return found
}

/** Every column of the FROM items to the left, also the sides of joins (`r.a` of a USING join
 * is not among the join's merged columns). */
function siblingColumns(siblings: Scope): ColumnId[] {
  const collect = (items: readonly ScopeItem[]): ColumnId[] =>
    items.flatMap((item) => [
      ...item.columns.map((column) => column.column),
      ...collect(item.children),
    ])
  return collect(siblings.items)
}

/** Whether `expr` reads any of `columns`, also inside its subqueries. */
function readsAny(expr: BoundExpr, columns: ReadonlySet<ColumnId>): boolean {
  if (columns.size === 0) return false
  let isRead = false
  const visit = (node: BoundExpr): void => {
    if (isRead) return
    if (node.kind === 'ColumnRef' && columns.has(node.column)) isRead = true
    if (node.kind === 'SubLink') {
      mapRelExpressions(node.plan, (inner) => {
        visit(inner)
        return inner
      })
    }
    forEachChild(node, visit)
  }
  visit(expr)
  return isRead
}
