/**
 * Window functions: `f(...) OVER (PARTITION BY ... ORDER BY ... frame)`, `OVER w` with a
 * `WINDOW w AS (...)` clause, and definitions refining a named window (`OVER (w ORDER BY x)`).
 *
 * Binding a call checks where it stands (42P20 outside a SELECT's target list and ORDER BY),
 * resolves the function (a window function, or any aggregate over the frame), and resolves its
 * window: named windows are merged as PostgreSQL does (a refining definition may add ORDER BY
 * and a frame, never PARTITION BY, and may not copy a window that has a frame). After grouping,
 * buildWindows turns the calls of one query level into Window nodes (one per distinct window,
 * with a Sort beneath when the partition and order keys change) and rewrites the expressions
 * above to read their results.
 *
 * Frame options arrive from the parser as PostgreSQL's FRAMEOPTION_* bit set; the grammar has
 * already refused impossible frames (start UNBOUNDED FOLLOWING, end before start).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import {
  builtinCatalog,
  describeArgs,
  resolveFunction,
  type WindowFunctionName,
  windowFunctions,
} from '../functions/index.js'
import type { FuncCall, Node, WindowDef } from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import {
  bindCondition,
  bindExpression,
  bindOperatorCall,
  coerce,
  convertType,
  locationOf,
} from './bind-expression.js'
import type {
  BoundExpr,
  BoundFrame,
  BoundFrameBound,
  BoundRangeOffset,
  BoundSortKey,
  BoundWindow,
  ColumnId,
  FrameMode,
} from './bound.js'
import type { Rel, WindowCall } from './relation.js'
import type { Scope } from './scope.js'
import { forEachChild, mapExpression, sameExpression } from './walk.js'

/** PostgreSQL's FRAMEOPTION_* bits (nodes/parsenodes.h), as the parser reports them. */
const frameOption = {
  nonDefault: 0x1,
  range: 0x2,
  rows: 0x4,
  groups: 0x8,
  startUnboundedPreceding: 0x20,
  endUnboundedFollowing: 0x100,
  startCurrentRow: 0x200,
  endCurrentRow: 0x400,
  startOffsetPreceding: 0x800,
  endOffsetPreceding: 0x1000,
  startOffsetFollowing: 0x2000,
  endOffsetFollowing: 0x4000,
  excludeCurrentRow: 0x8000,
  excludeGroup: 0x10000,
  excludeTies: 0x20000,
} as const

/** A WINDOW clause entry: its bound definition and whether it states a frame. */
export interface NamedWindow {
  readonly window: BoundWindow
  readonly hasFrame: boolean
}

function positionField(position: number | undefined): { position?: number } {
  return position === undefined ? {} : { position }
}

// ---------------------------------------------------------------------------------------------
// WINDOW clause

/** Binds `WINDOW w AS (...), ...` of the SELECT being bound and makes the names visible to its
 * OVER clauses (the current query level's entry of context.windowLevels). */
export function defineWindows(context: BindContext, scope: Scope, clause: readonly Node[]): void {
  const level = context.windowLevels[context.windowLevels.length - 1]
  if (level === undefined) throw new SqlError(SqlState.internalError, 'no window level')
  for (const node of clause) {
    if (!('WindowDef' in node)) continue
    const def = node.WindowDef
    const name = def.name ?? ''
    if (level.has(name)) {
      throw new SqlError(
        SqlState.windowingError,
        `window "${name}" is already defined`,
        positionField(context.position(def.location)),
      )
    }
    level.set(name, {
      window: bindWindowDef(context, scope, def),
      hasFrame: ((def.frameOptions ?? 0) & frameOption.nonDefault) !== 0,
    })
  }
}

/** Runs `bind` (one SELECT level) with its own, initially empty, set of window names. */
export function withWindowLevel<T>(context: BindContext, bind: () => T): T {
  context.windowLevels.push(new Map())
  try {
    return bind()
  } finally {
    context.windowLevels.pop()
  }
}

function findWindow(context: BindContext, name: string, location: number | undefined): NamedWindow {
  const found = context.windowLevels[context.windowLevels.length - 1]?.get(name)
  if (found === undefined) {
    throw new SqlError(
      SqlState.undefinedObject,
      `window "${name}" does not exist`,
      positionField(context.position(location)),
    )
  }
  return found
}

/**
 * One window definition (an OVER (...) or a WINDOW entry), merged with the window it refines.
 * Its expressions may use aggregates of the query level but no window calls.
 */
function bindWindowDef(context: BindContext, scope: Scope, def: WindowDef): BoundWindow {
  const position = context.position(def.location)
  const base =
    def.refname === undefined ? undefined : findWindow(context, def.refname, def.location)
  const partitionClause = def.partitionClause ?? []
  const orderClause = def.orderClause ?? []
  const options = def.frameOptions ?? 0
  if (base !== undefined) {
    const name = def.refname ?? ''
    if (partitionClause.length > 0) {
      throw new SqlError(
        SqlState.windowingError,
        `cannot override PARTITION BY clause of window "${name}"`,
        positionField(position),
      )
    }
    if (orderClause.length > 0 && base.window.orderBy.length > 0) {
      throw new SqlError(
        SqlState.windowingError,
        `cannot override ORDER BY clause of window "${name}"`,
        positionField(position),
      )
    }
    if (base.hasFrame) {
      const isBareCopy = orderClause.length === 0 && (options & frameOption.nonDefault) === 0
      throw new SqlError(
        SqlState.windowingError,
        `cannot copy window "${name}" because it has a frame clause`,
        {
          ...(isBareCopy ? { hint: 'Omit the parentheses in this OVER clause.' } : {}),
          ...positionField(position),
        },
      )
    }
  }
  const { partitionBy, orderBy } = context.withWindowBan('window definitions', () => ({
    partitionBy:
      base?.window.partitionBy ??
      partitionClause.map((node) => textIfUnknown(context, bindExpression(context, scope, node))),
    orderBy:
      orderClause.length > 0
        ? orderClause.map((node) => bindWindowSortKey(context, scope, node))
        : (base?.window.orderBy ?? []),
  }))
  const frame = bindFrame(context, scope, def, orderBy)
  return { partitionBy, orderBy, frame }
}

function textIfUnknown(context: BindContext, expr: BoundExpr): BoundExpr {
  return expr.type.kind === 'unknown' ? coerce(context, expr, sqlTypes.text, undefined) : expr
}

/** A window's ORDER BY item: an expression over the query's input (no output names or
 * ordinals, as PostgreSQL's SQL:1999 rules for windows). */
function bindWindowSortKey(context: BindContext, scope: Scope, node: Node): BoundSortKey {
  if (!('SortBy' in node) || node.SortBy.node === undefined) {
    throw new SqlError(SqlState.syntaxError, 'ORDER BY without an expression')
  }
  const sort = node.SortBy
  if (sort.useOp !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'ORDER BY ... USING is not supported yet')
  }
  const isDescending = sort.sortby_dir === 'SORTBY_DESC'
  return {
    expr: textIfUnknown(context, bindExpression(context, scope, sort.node as Node)),
    isDescending,
    isNullsFirst:
      sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ||
      (sort.sortby_nulls !== 'SORTBY_NULLS_LAST' && isDescending),
  }
}

// ---------------------------------------------------------------------------------------------
// Frames

function bindFrame(
  context: BindContext,
  scope: Scope,
  def: WindowDef,
  orderBy: readonly BoundSortKey[],
): BoundFrame {
  const options = def.frameOptions ?? 0
  const position = context.position(def.location)
  const mode: FrameMode =
    (options & frameOption.rows) !== 0
      ? 'rows'
      : (options & frameOption.groups) !== 0
        ? 'groups'
        : 'range'
  if (mode === 'groups' && orderBy.length === 0) {
    throw new SqlError(
      SqlState.windowingError,
      'GROUPS mode requires an ORDER BY clause',
      positionField(position),
    )
  }
  const hasOffset =
    (options &
      (frameOption.startOffsetPreceding |
        frameOption.startOffsetFollowing |
        frameOption.endOffsetPreceding |
        frameOption.endOffsetFollowing)) !==
    0
  let range: BoundRangeOffset | undefined
  if (mode === 'range' && hasOffset && orderBy.length !== 1) {
    throw new SqlError(
      SqlState.windowingError,
      'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column',
      positionField(position),
    )
  }
  const bindBound = (
    isStart: boolean,
    offsetNode: Node | undefined,
  ): { bound: BoundFrameBound; offsetType: SqlType | undefined } => {
    const bits = isStart
      ? {
          unbounded: frameOption.startUnboundedPreceding,
          current: frameOption.startCurrentRow,
          preceding: frameOption.startOffsetPreceding,
          following: frameOption.startOffsetFollowing,
        }
      : {
          unbounded: frameOption.endUnboundedFollowing,
          current: frameOption.endCurrentRow,
          preceding: frameOption.endOffsetPreceding,
          following: frameOption.endOffsetFollowing,
        }
    if ((options & bits.unbounded) !== 0) {
      return {
        bound: { kind: isStart ? 'unboundedPreceding' : 'unboundedFollowing', offset: undefined },
        offsetType: undefined,
      }
    }
    if ((options & bits.current) !== 0 || offsetNode === undefined) {
      return { bound: { kind: 'currentRow', offset: undefined }, offsetType: undefined }
    }
    const kind = (options & bits.preceding) !== 0 ? 'preceding' : 'following'
    const offset = bindFrameOffset(context, scope, offsetNode, mode, orderBy)
    return { bound: { kind, offset }, offsetType: offset.type }
  }
  const start = bindBound(true, def.startOffset)
  const end = bindBound(false, def.endOffset)
  if (mode === 'range' && hasOffset) {
    const key = orderBy[0] as BoundSortKey
    range = bindRangeArithmetic(
      context,
      key.expr.type,
      start.offsetType ?? end.offsetType ?? sqlTypes.int8,
      position,
    )
  }
  const exclude =
    (options & frameOption.excludeCurrentRow) !== 0
      ? 'currentRow'
      : (options & frameOption.excludeGroup) !== 0
        ? 'group'
        : (options & frameOption.excludeTies) !== 0
          ? 'ties'
          : 'noOthers'
  return { mode, start: start.bound, end: end.bound, exclude, range }
}

/** The type a RANGE offset is converted to for an ordering key of `type` (PostgreSQL's in_range
 * support functions: integers take integers, floats float8, numeric numeric, date and time
 * types an interval). */
function rangeOffsetType(type: SqlType, position: number | undefined): SqlType {
  switch (type.kind) {
    case 'int2':
    case 'int4':
    case 'int8':
      return sqlTypes.int8
    case 'float4':
    case 'float8':
      return sqlTypes.float8
    case 'numeric':
      return sqlTypes.numeric
    case 'date':
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      return sqlTypes.interval
    default:
      throw new SqlError(
        SqlState.featureNotSupported,
        `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${type.displayName}`,
        positionField(position),
      )
  }
}

/**
 * A frame offset: a constant expression (no columns of this query level, no aggregates or window
 * calls) converted to int8 (ROWS, GROUPS) or to the RANGE key's offset type. Negative and NULL
 * offsets are errors when the query runs, as in PostgreSQL.
 */
function bindFrameOffset(
  context: BindContext,
  scope: Scope,
  node: Node,
  mode: FrameMode,
  orderBy: readonly BoundSortKey[],
): BoundExpr {
  const clause = mode.toUpperCase()
  const position = context.position(locationOf(node))
  const expr = context.withAggregateBan(`window ${clause}`, () =>
    context.withWindowBan('window definitions', () => bindExpression(context, scope, node)),
  )
  const local = new Set(scope.columns.map((column) => column.column))
  if (readsColumns(expr, local)) {
    throw new SqlError(
      SqlState.invalidColumnReference,
      `argument of ${clause} must not contain variables`,
      positionField(position),
    )
  }
  if (mode !== 'range') {
    const converted = convertType(context, expr, sqlTypes.int8, 'assignment', position)
    if (converted === undefined) {
      throw new SqlError(
        SqlState.datatypeMismatch,
        `argument of ${clause} must be type bigint, not type ${expr.type.displayName}`,
        positionField(position),
      )
    }
    return converted
  }
  const keyType = orderBy[0]?.expr.type ?? sqlTypes.int8
  const type = rangeOffsetType(keyType, position)
  const isIntegerKey = ['int2', 'int4', 'int8'].includes(keyType.kind)
  // Integer keys accept integer offsets of any width; unknown literals take the key's type.
  if (isIntegerKey && ['int2', 'int4', 'int8'].includes(expr.type.kind)) return expr
  const target = isIntegerKey && expr.type.kind === 'unknown' ? keyType : type
  const converted = convertType(context, expr, target, 'implicit', position)
  if (converted === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `RANGE with offset PRECEDING/FOLLOWING is not supported for column type ${keyType.displayName} and offset type ${expr.type.displayName}`,
      { hint: 'Cast the offset value to an appropriate type.', ...positionField(position) },
    )
  }
  return converted
}

function readsColumns(expr: BoundExpr, columns: ReadonlySet<ColumnId>): boolean {
  let found = false
  const visit = (node: BoundExpr): void => {
    if (node.kind === 'ColumnRef' && columns.has(node.column)) found = true
    forEachChild(node, visit)
  }
  visit(expr)
  return found
}

/** key + offset and key - offset for RANGE offsets over numeric and date/time keys, bound once
 * with the ordinary operators over two columns of their own. */
function bindRangeArithmetic(
  context: BindContext,
  keyType: SqlType,
  offsetType: SqlType,
  position: number | undefined,
): BoundRangeOffset {
  const keyColumn = context.newColumn()
  const offsetColumn = context.newColumn()
  const ref = (column: ColumnId, type: SqlType, name: string): BoundExpr => ({
    kind: 'ColumnRef',
    type,
    column,
    name,
    origin: undefined,
  })
  const key = ref(keyColumn, keyType, 'key')
  const offset = ref(offsetColumn, offsetType, 'offset')
  const arithmetic = ['int2', 'int4', 'int8'].includes(keyType.kind)
    ? 'integer'
    : keyType.kind === 'float4' || keyType.kind === 'float8'
      ? 'float'
      : keyType.kind === 'time'
        ? 'time'
        : 'general'
  if (arithmetic !== 'general') {
    return { arithmetic, keyColumn, offsetColumn, probe: key, sum: key, difference: key }
  }
  const sum = bindOperatorCall(context, '+', key, offset, position)
  const difference = bindOperatorCall(context, '-', key, offset, position)
  const probe = convertType(context, key, sum.type, 'implicit', position) ?? key
  return { arithmetic, keyColumn, offsetColumn, probe, sum, difference }
}

// ---------------------------------------------------------------------------------------------
// Calls

/**
 * A call with OVER, or of a window function (`name` without its pg_catalog qualifier): checked
 * for where it stands, resolved, its window bound. Arguments may contain aggregates of this query level, never another window call.
 */
export function bindWindowCall(
  context: BindContext,
  scope: Scope,
  call: FuncCall,
  name: string,
): BoundExpr {
  const position = context.position(call.location)
  const isWindowFunction = windowFunctions.has(name)
  const aggregates = builtinCatalog().aggregates.get(name)
  const over = call.over
  if (over === undefined) {
    throw new SqlError(
      SqlState.wrongObjectType,
      `window function ${name} requires an OVER clause`,
      positionField(position),
    )
  }
  if (!isWindowFunction && aggregates === undefined) {
    throw new SqlError(
      SqlState.wrongObjectType,
      `OVER specified, but ${name} is not a window function nor an aggregate function`,
      positionField(position),
    )
  }
  assertWindowAllowed(context, position)
  if (call.agg_distinct === true) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'DISTINCT is not implemented for window functions',
      positionField(position),
    )
  }
  if ((call.agg_order ?? []).length > 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'aggregate ORDER BY is not implemented for window functions',
      positionField(position),
    )
  }
  if (isWindowFunction && call.agg_filter !== undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'FILTER is not implemented for non-aggregate window functions',
      positionField(position),
    )
  }
  const { args, filter } = context.withWindowBan('nested', () => ({
    args: (call.args ?? []).map((arg) => bindExpression(context, scope, arg)),
    filter:
      call.agg_filter === undefined
        ? undefined
        : context.withAggregateBan('FILTER', () =>
            bindCondition(context, scope, call.agg_filter as Node, 'FILTER'),
          ),
  }))
  const window = bindOver(context, scope, over)
  const types = args.map((arg) => arg.type)
  const catalog = builtinCatalog()
  const describe = call.agg_star === true ? '*' : describeArgs(types)
  const noFunction = (): SqlError =>
    new SqlError(SqlState.undefinedFunction, `function ${name}(${describe}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      ...positionField(position),
    })
  if (isWindowFunction) {
    const declarations = windowFunctions.get(name) ?? []
    const resolution = atPosition(position, () =>
      resolveFunction(catalog, name, declarations, types),
    )
    if (resolution === undefined || call.agg_star === true) throw noFunction()
    return {
      kind: 'WindowCall',
      type: resolution.resultType,
      name,
      function: { kind: 'window', name: name as WindowFunctionName },
      args: coerceArgs(context, args, resolution.argTypes, position),
      filter,
      window,
    }
  }
  const resolution = atPosition(position, () =>
    resolveFunction(catalog, name, aggregates ?? [], types),
  )
  if (resolution === undefined) throw noFunction()
  if (call.agg_star === true && args.length > 0) {
    throw new SqlError(SqlState.syntaxError, `${name}(*) takes no arguments`, {
      ...positionField(position),
    })
  }
  return {
    kind: 'WindowCall',
    type: resolution.resultType,
    name,
    function: { kind: 'aggregate', aggregate: resolution.declaration },
    args: coerceArgs(context, args, resolution.argTypes, position),
    filter,
    window,
  }
}

function assertWindowAllowed(context: BindContext, position: number | undefined): void {
  const ban = context.windowBan
  if (ban === undefined && context.windowLevels.length > 0) return
  if (ban === 'aggregate') {
    throw new SqlError(
      SqlState.groupingError,
      'aggregate function calls cannot contain window function calls',
      positionField(position),
    )
  }
  throw new SqlError(
    SqlState.windowingError,
    ban === 'nested'
      ? 'window function calls cannot be nested'
      : `window functions are not allowed in ${ban ?? 'this context'}`,
    positionField(position),
  )
}

/** OVER w (a named window as is) or OVER (...) (a definition, perhaps refining a named one). */
function bindOver(context: BindContext, scope: Scope, over: WindowDef): BoundWindow {
  if (over.name !== undefined) return findWindow(context, over.name, over.location).window
  return bindWindowDef(context, scope, over)
}

function coerceArgs(
  context: BindContext,
  args: readonly BoundExpr[],
  types: readonly SqlType[],
  position: number | undefined,
): BoundExpr[] {
  return args.map((arg, i) => {
    const type = types[i] ?? arg.type
    if (arg.type.kind === type.kind && arg.type.typmod === type.typmod) return arg
    return convertType(context, arg, type, 'implicit', position) ?? arg
  })
}

/** Runs `bind`; an SqlError it raises gets `position` when it has none of its own. */
function atPosition<T>(position: number | undefined, bind: () => T): T {
  try {
    return bind()
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Window nodes

/**
 * The Window nodes computing every window call in `exprs` (over `input`, the grouped and
 * filtered rows), and the rewrite that makes expressions above read their results. Calls over
 * equal windows share a node; windows with equal partition and order keys share a sort.
 */
export function buildWindows(
  context: BindContext,
  input: Rel,
  exprs: readonly BoundExpr[],
  queryOrder: readonly BoundExpr[],
): { plan: Rel; rewrite: (expr: BoundExpr) => BoundExpr; hasWindows: boolean } {
  const calls = collectWindowCalls(exprs)
  if (calls.length === 0) return { plan: input, rewrite: (expr) => expr, hasWindows: false }
  const groups: { window: BoundWindow; calls: WindowCall[] }[] = []
  const computed: WindowCall[] = []
  for (const call of calls) {
    const computedCall: WindowCall = { column: context.newColumn(), call }
    computed.push(computedCall)
    const group = groups.find((candidate) => sameWindow(candidate.window, call.window))
    if (group === undefined) groups.push({ window: call.window, calls: [computedCall] })
    else group.calls.push(computedCall)
  }
  let plan = input
  let sorted: readonly BoundSortKey[] = []
  for (const group of evaluationOrder(groups, queryOrder)) {
    const { window } = group
    const keys = sortKeysOf(window)
    // A sort already in place serves every window whose keys are a prefix of it.
    if (keys.length > 0 && !isPrefix(keys, sorted)) {
      plan = { kind: 'Sort', input: plan, keys }
      sorted = keys
    }
    plan = {
      kind: 'Window',
      input: plan,
      partitionBy: window.partitionBy,
      orderBy: window.orderBy,
      calls: group.calls,
    }
  }
  const rewrite = (expr: BoundExpr): BoundExpr =>
    mapExpression(expr, (node) => {
      if (node.kind !== 'WindowCall') return undefined
      const found = computed.find((candidate) => sameExpression(candidate.call, node))
      if (found === undefined) return undefined
      return {
        kind: 'ColumnRef',
        type: node.type,
        column: found.column,
        name: node.name,
        origin: undefined,
      }
    })
  return { plan, rewrite, hasWindows: true }
}

/** The sort a window needs: partition keys (ascending), then its ORDER BY. */
function sortKeysOf(window: BoundWindow): BoundSortKey[] {
  return [
    ...window.partitionBy.map((expr) => ({ expr, isDescending: false, isNullsFirst: false })),
    ...window.orderBy,
  ]
}

function isPrefix(keys: readonly BoundSortKey[], of: readonly BoundSortKey[]): boolean {
  return keys.length <= of.length && keys.every((key, i) => sameKey(key, of[i] as BoundSortKey))
}

function sameKey(a: BoundSortKey, b: BoundSortKey): boolean {
  return (
    a.isDescending === b.isDescending &&
    a.isNullsFirst === b.isNullsFirst &&
    sameExpression(a.expr, b.expr)
  )
}

/**
 * The order Window nodes are stacked in (first = lowest), as PostgreSQL chooses it, so results
 * without an ORDER BY come out in PostgreSQL's order: every sort expression is numbered by first
 * appearance (the query's ORDER BY, then the windows' keys), and windows are ordered by their
 * numbers compared from the first key, higher first, a longer list before its own prefix.
 */
function evaluationOrder<T extends { readonly window: BoundWindow }>(
  groups: readonly T[],
  queryOrder: readonly BoundExpr[],
): T[] {
  const numbered: BoundExpr[] = [...queryOrder]
  const numberOf = (expr: BoundExpr): number => {
    let index = numbered.findIndex((other) => sameExpression(other, expr))
    if (index < 0) index = numbered.push(expr) - 1
    return index
  }
  const lists = new Map(
    groups.map((group) => [group, sortKeysOf(group.window).map((key) => numberOf(key.expr))]),
  )
  return [...groups].sort((a, b) => {
    const x = lists.get(a) ?? []
    const y = lists.get(b) ?? []
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const order = (y[i] ?? 0) - (x[i] ?? 0)
      if (order !== 0) return order
    }
    return y.length - x.length
  })
}

/** Every window call in these expressions, once each (not inside subqueries: theirs). */
function collectWindowCalls(exprs: readonly BoundExpr[]): (BoundExpr & { kind: 'WindowCall' })[] {
  const found: (BoundExpr & { kind: 'WindowCall' })[] = []
  const visit = (expr: BoundExpr): void => {
    if (expr.kind === 'WindowCall') {
      if (!found.some((other) => sameExpression(other, expr))) found.push(expr)
      return
    }
    forEachChild(expr, visit)
  }
  for (const expr of exprs) visit(expr)
  return found
}

function sameSort(a: BoundWindow, b: BoundWindow): boolean {
  return (
    a.partitionBy.length === b.partitionBy.length &&
    a.partitionBy.every((expr, i) => sameExpression(expr, b.partitionBy[i] as BoundExpr)) &&
    a.orderBy.length === b.orderBy.length &&
    a.orderBy.every((key, i) => {
      const other = b.orderBy[i] as BoundSortKey
      return (
        key.isDescending === other.isDescending &&
        key.isNullsFirst === other.isNullsFirst &&
        sameExpression(key.expr, other.expr)
      )
    })
  )
}

function sameWindow(a: BoundWindow, b: BoundWindow): boolean {
  const sameBound = (x: BoundFrameBound, y: BoundFrameBound): boolean =>
    x.kind === y.kind &&
    (x.offset === undefined || y.offset === undefined
      ? x.offset === y.offset
      : sameExpression(x.offset, y.offset))
  return (
    sameSort(a, b) &&
    a.frame.mode === b.frame.mode &&
    a.frame.exclude === b.frame.exclude &&
    sameBound(a.frame.start, b.frame.start) &&
    sameBound(a.frame.end, b.frame.end)
  )
}
