/**
 * Walking bound trees: visiting and rebuilding expressions (without descending into subquery
 * plans unless asked), rebuilding every expression of a relational plan (into subquery plans
 * too), and structural equality (PostgreSQL's equal()).
 */
import type { BoundExpr, BoundWindow } from './bound.js'
import { mapInputs, type Rel, type ScanBound, type SecondaryIndexAccess } from './relation.js'

/** What an expression contains, for rules that move or reuse it (index lookups, inlining). */
export interface ExpressionTraits {
  /** It reads a column (of any row). */
  readonly readsColumns: boolean
  /** A subquery, aggregate, window function or set-returning function: it is not a plain
   * per-row (or per-execution) computation. */
  readonly hasQueryParts: boolean
  /** The strictest volatility of its calls ('immutable' without calls). */
  readonly volatility: 'immutable' | 'stable' | 'volatile'
}

const volatilityRanks = { immutable: 0, stable: 1, volatile: 2 } as const

export function expressionTraits(expr: BoundExpr): ExpressionTraits {
  let readsColumns = false
  let hasQueryParts = false
  let volatility: ExpressionTraits['volatility'] = 'immutable'
  const visit = (node: BoundExpr): void => {
    switch (node.kind) {
      case 'ColumnRef':
        readsColumns = true
        break
      case 'SubLink':
      case 'Aggregate':
      case 'WindowCall':
      case 'SetCall':
        hasQueryParts = true
        break
      case 'Call':
        if (volatilityRanks[node.callee.volatility] > volatilityRanks[volatility]) {
          volatility = node.callee.volatility
        }
        break
      default:
        break
    }
    forEachChild(node, visit)
  }
  visit(expr)
  return { readsColumns, hasQueryParts, volatility }
}

/** Calls `visit` on each direct sub-expression (not into subquery plans). */
export function forEachChild(expr: BoundExpr, visit: (child: BoundExpr) => void): void {
  switch (expr.kind) {
    case 'Constant':
    case 'ColumnRef':
    case 'Parameter':
      return
    case 'Comparison':
    case 'Arithmetic':
      visit(expr.left)
      visit(expr.right)
      return
    case 'Logical':
    case 'Call':
    case 'SetCall':
    case 'Coalesce':
    case 'MinMax':
    case 'ArrayConstructor':
      for (const arg of expr.args) visit(arg)
      return
    case 'ScalarArrayOp':
      visit(expr.array)
      visit(expr.test)
      return
    case 'Subscript':
      visit(expr.arg)
      for (const { lower, upper } of expr.subscripts) {
        if (lower !== undefined) visit(lower)
        if (upper !== undefined) visit(upper)
      }
      return
    case 'Not':
    case 'IsNull':
    case 'Negate':
    case 'Cast':
    case 'Coerce':
    case 'BooleanTest':
      visit(expr.arg)
      return
    case 'NullIf':
      visit(expr.arg)
      visit(expr.equals)
      return
    case 'IsDistinct':
      visit(expr.left)
      visit(expr.right)
      visit(expr.equals)
      return
    case 'Case':
      for (const when of expr.whens) {
        visit(when.condition)
        visit(when.result)
      }
      visit(expr.otherwise)
      return
    case 'SubLink':
      if (expr.test !== undefined) visit(expr.test)
      return
    case 'Aggregate':
      for (const arg of expr.args) visit(arg)
      if (expr.filter !== undefined) visit(expr.filter)
      for (const key of expr.orderBy) visit(key.expr)
      return
    case 'WindowCall':
      for (const arg of expr.args) visit(arg)
      if (expr.filter !== undefined) visit(expr.filter)
      for (const key of expr.window.partitionBy) visit(key)
      for (const key of expr.window.orderBy) visit(key.expr)
      for (const bound of [expr.window.frame.start, expr.window.frame.end]) {
        if (bound.offset !== undefined) visit(bound.offset)
      }
      return
  }
}

/** Rebuilds an expression bottom-up with `replace` given the first chance at every node. */
export function mapExpression(
  expr: BoundExpr,
  replace: (expr: BoundExpr) => BoundExpr | undefined,
): BoundExpr {
  const replaced = replace(expr)
  if (replaced !== undefined) return replaced
  const map = (child: BoundExpr): BoundExpr => mapExpression(child, replace)
  switch (expr.kind) {
    case 'Constant':
    case 'ColumnRef':
    case 'Parameter':
      return expr
    case 'Comparison':
    case 'Arithmetic':
      return { ...expr, left: map(expr.left), right: map(expr.right) }
    case 'Logical':
    case 'Call':
    case 'SetCall':
    case 'Coalesce':
    case 'MinMax':
    case 'ArrayConstructor':
      return { ...expr, args: expr.args.map(map) }
    case 'ScalarArrayOp':
      return { ...expr, array: map(expr.array), test: map(expr.test) }
    case 'Subscript':
      return {
        ...expr,
        arg: map(expr.arg),
        subscripts: expr.subscripts.map(({ lower, upper }) => ({
          lower: lower === undefined ? undefined : map(lower),
          upper: upper === undefined ? undefined : map(upper),
        })),
      }
    case 'Not':
    case 'IsNull':
    case 'Negate':
    case 'Cast':
    case 'Coerce':
    case 'BooleanTest':
      return { ...expr, arg: map(expr.arg) }
    case 'NullIf':
      return { ...expr, arg: map(expr.arg), equals: map(expr.equals) }
    case 'IsDistinct':
      return { ...expr, left: map(expr.left), right: map(expr.right), equals: map(expr.equals) }
    case 'Case':
      return {
        ...expr,
        whens: expr.whens.map((when) => ({
          condition: map(when.condition),
          result: map(when.result),
        })),
        otherwise: map(expr.otherwise),
      }
    case 'SubLink':
      return expr.test === undefined ? expr : { ...expr, test: map(expr.test) }
    case 'Aggregate':
      return {
        ...expr,
        args: expr.args.map(map),
        filter: expr.filter === undefined ? undefined : map(expr.filter),
        orderBy: expr.orderBy.map((key) => ({ ...key, expr: map(key.expr) })),
      }
    case 'WindowCall':
      return {
        ...expr,
        args: expr.args.map(map),
        filter: expr.filter === undefined ? undefined : map(expr.filter),
        window: mapWindow(expr.window, map),
      }
  }
}

/** A window definition with its expressions (keys, frame offsets) rebuilt by `map`; the RANGE
 * offset arithmetic reads its own two columns only and is kept. */
function mapWindow(window: BoundWindow, map: (expr: BoundExpr) => BoundExpr): BoundWindow {
  const { frame } = window
  const bound = (b: BoundWindow['frame']['start']): BoundWindow['frame']['start'] =>
    b.offset === undefined ? b : { ...b, offset: map(b.offset) }
  return {
    partitionBy: window.partitionBy.map(map),
    orderBy: window.orderBy.map((key) => ({ ...key, expr: map(key.expr) })),
    frame: { ...frame, start: bound(frame.start), end: bound(frame.end) },
  }
}

/**
 * Every expression of a plan, rebuilt by `map` (which sees each top-level expression; subquery
 * plans inside expressions are mapped too, through their SubLink nodes).
 */
export function mapRelExpressions(rel: Rel, map: (expr: BoundExpr) => BoundExpr): Rel {
  const deep = (expr: BoundExpr): BoundExpr =>
    map(
      mapExpression(expr, (node) =>
        node.kind === 'SubLink' ? { ...node, plan: mapRelExpressions(node.plan, map) } : undefined,
      ),
    )
  return mapOwnExpressions(
    mapInputs(rel, (input) => mapRelExpressions(input, map)),
    deep,
  )
}

function mapIndexAccess(
  access: SecondaryIndexAccess,
  map: (expr: BoundExpr) => BoundExpr,
): SecondaryIndexAccess {
  const bound = (b: ScanBound | undefined): ScanBound | undefined =>
    b === undefined ? undefined : { ...b, expr: map(b.expr) }
  return {
    ...access,
    lookups: access.lookups.map((lookup) => ({
      equal: lookup.equal.map(map),
      lower: bound(lookup.lower),
      upper: bound(lookup.upper),
    })),
    conditions: access.conditions.map(map),
  }
}

/** The expressions of one node (not of its inputs), rebuilt by `map`. */
export function mapOwnExpressions(rel: Rel, map: (expr: BoundExpr) => BoundExpr): Rel {
  const deep = map
  const input = (node: Rel): Rel => node
  switch (rel.kind) {
    case 'Result':
    case 'SeqScan':
    case 'SystemScan':
    case 'WorkTableScan':
      return rel
    case 'Values':
      return { ...rel, rows: rel.rows.map((row) => row.map(deep)) }
    case 'FunctionScan':
      return { ...rel, functions: rel.functions.map((fn) => ({ ...fn, call: deep(fn.call) })) }
    case 'ProjectSet':
      return {
        ...rel,
        input: input(rel.input),
        calls: rel.calls.map((call) => ({
          ...call,
          call: deep(call.call) as BoundExpr & { kind: 'SetCall' },
        })),
      }
    case 'IndexScan':
      return {
        ...rel,
        lower: rel.lower === undefined ? undefined : { ...rel.lower, expr: deep(rel.lower.expr) },
        upper: rel.upper === undefined ? undefined : { ...rel.upper, expr: deep(rel.upper.expr) },
        ...(rel.point === undefined ? {} : { point: rel.point.map(deep) }),
        ...(rel.index === undefined ? {} : { index: mapIndexAccess(rel.index, deep) }),
      }
    case 'Filter':
      return { ...rel, input: input(rel.input), predicate: deep(rel.predicate) }
    case 'Project':
      return {
        ...rel,
        input: input(rel.input),
        targets: rel.targets.map((target) => ({ ...target, expr: deep(target.expr) })),
      }
    case 'Join':
      return {
        ...rel,
        left: input(rel.left),
        right: input(rel.right),
        condition: rel.condition === undefined ? undefined : deep(rel.condition),
      }
    case 'HashJoin':
      return {
        ...rel,
        left: input(rel.left),
        right: input(rel.right),
        leftKeys: rel.leftKeys.map(deep),
        rightKeys: rel.rightKeys.map(deep),
        condition: rel.condition === undefined ? undefined : deep(rel.condition),
      }
    case 'Aggregate':
      return {
        ...rel,
        input: input(rel.input),
        groupKeys: rel.groupKeys.map((key) => ({ ...key, expr: deep(key.expr) })),
        aggregates: rel.aggregates.map((aggregate) => ({
          ...aggregate,
          call: deep(aggregate.call) as BoundExpr & { kind: 'Aggregate' },
        })),
      }
    case 'Sort':
      return {
        ...rel,
        input: input(rel.input),
        keys: rel.keys.map((key) => ({ ...key, expr: deep(key.expr) })),
      }
    case 'Window':
      return {
        ...rel,
        input: input(rel.input),
        partitionBy: rel.partitionBy.map(deep),
        orderBy: rel.orderBy.map((key) => ({ ...key, expr: deep(key.expr) })),
        calls: rel.calls.map((call) => ({
          ...call,
          call: deep(call.call) as BoundExpr & { kind: 'WindowCall' },
        })),
      }
    case 'Limit':
      return {
        ...rel,
        input: input(rel.input),
        count: rel.count === undefined ? undefined : deep(rel.count),
        offset: rel.offset === undefined ? undefined : deep(rel.offset),
      }
    case 'Distinct':
      return { ...rel, input: input(rel.input), on: rel.on?.map(deep) }
    case 'SetOp':
      return { ...rel, left: input(rel.left), right: input(rel.right) }
    case 'SubqueryScan':
    case 'LockRows':
      return { ...rel, input: input(rel.input) }
    case 'RecursiveUnion':
      return { ...rel, base: input(rel.base), recursive: input(rel.recursive) }
  }
}

/** Structural equality of two bound expressions (PostgreSQL's equal()), ignoring positions. */
export function sameExpression(a: BoundExpr, b: BoundExpr): boolean {
  if (a === b) return true
  if (a.kind !== b.kind) return false
  if (a.kind === 'ColumnRef' && b.kind === 'ColumnRef') return a.column === b.column
  const canonical = (expr: BoundExpr): string =>
    JSON.stringify(expr, (key, value: unknown) => {
      if (
        key === 'position' ||
        key === 'origin' ||
        key === 'plan' ||
        key === 'callee' ||
        key === 'aggregate'
      ) {
        return key === 'plan' ? '[plan]' : undefined
      }
      if (key === 'coercion') return (value as { kind: string }).kind
      return typeof value === 'bigint' ? `${value}n` : value
    })
  return canonical(a) === canonical(b)
}
