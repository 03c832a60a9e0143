/**
 * Expression compilation: a BoundExpr becomes a closure over the current row, built once per
 * statement execution, so evaluation per row is a few function calls and no tree walking or
 * dispatch on `kind`. NULL semantics are SQL's three-valued logic.
 *
 * Columns are read by id: the compile scope maps the ids the current row carries to positions
 * (its layout) and knows the enclosing rows of correlated subqueries and LATERAL items (frames:
 * a row slot per enclosing level, set by whoever runs the inner plan before each use).
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { assertNever } from '../../lib/assert.js'
import {
  behaviourOf,
  compareValues,
  isTypeImplementedWithoutBehaviour,
  parseValueText,
  type Row,
  SqlArray,
  type SqlType,
  type Value,
} from '../../types/index.js'
import { type BoundExpr, type ColumnId, forEachChild, type Rel } from '../bind/index.js'
import {
  arithmetic,
  type CallContext,
  type Coercion,
  castValue,
  compare,
  negate,
  type StatementEnvironment,
} from '../functions/index.js'
import { arrayElement, buildArray, sliceArray } from './array-values.js'
import type { ExecutionContext } from './execution-context.js'

export type CompiledExpression = (row: Row) => Value

/** Column id → position in the row. */
export type Layout = ReadonlyMap<ColumnId, number>

export function layoutOf(columns: readonly ColumnId[]): Layout {
  return new Map(columns.map((column, i) => [column, i]))
}

/** An enclosing row: its layout and the frame slot that holds it at run time. */
export interface OuterFrame {
  readonly layout: Layout
  readonly slot: number
  /** Set when something compiled against this frame reads it (the inner plan is correlated). */
  isRead: boolean
}

export interface CompileScope {
  readonly execution: ExecutionContext
  readonly layout: Layout
  /** Enclosing rows, innermost last. */
  readonly outer: readonly OuterFrame[]
  /** Compiles a subquery plan in a scope whose outer rows include `frame` (run-plan.ts). */
  readonly compileSubplan: SubplanCompiler
}

export type SubplanCompiler = (
  plan: Rel,
  outer: readonly OuterFrame[],
) => { run: () => Iterable<Row>; layout: Layout }

export function compileExpression(scope: CompileScope, expr: BoundExpr): CompiledExpression {
  const compiled = compileNode(scope, expr)
  // An expression over STABLE calls and constants has one value per statement execution: it
  // is computed once, when first needed (an inlined auth.uid() parses the claims JSON once,
  // not once per row; now(), current_setting()).
  return isLeaf(expr) || !isOncePerExecution(expr) ? compiled : once(compiled)
}

function isLeaf(expr: BoundExpr): boolean {
  return expr.kind === 'Constant' || expr.kind === 'Parameter' || expr.kind === 'ColumnRef'
}

function compileNode(scope: CompileScope, expr: BoundExpr): CompiledExpression {
  const compile = (child: BoundExpr): CompiledExpression => compileExpression(scope, child)
  switch (expr.kind) {
    case 'Constant': {
      const value = expr.value
      return () => value
    }
    case 'ColumnRef':
      return compileColumn(scope, expr.column, expr.name)
    case 'Parameter': {
      const value = scope.execution.parameters[expr.index] ?? null
      return () => value
    }
    case 'Comparison': {
      const left = compile(expr.left)
      const right = compile(expr.right)
      const operator = expr.operator
      return (row) => compare(operator, left(row), right(row))
    }
    case 'Arithmetic': {
      const left = compile(expr.left)
      const right = compile(expr.right)
      const { operator, type } = expr
      return (row) => arithmetic(operator, left(row), right(row), type)
    }
    case 'Logical':
      return compileLogical(expr.operator, expr.args.map(compile))
    case 'Not': {
      const arg = compile(expr.arg)
      return (row) => {
        const value = arg(row)
        return value === null ? null : !value
      }
    }
    case 'IsNull': {
      const arg = compile(expr.arg)
      const isNegated = expr.isNegated
      return (row) => (arg(row) === null) !== isNegated
    }
    case 'Negate': {
      const arg = compile(expr.arg)
      const type = expr.type
      return (row) => negate(arg(row), type)
    }
    case 'Cast': {
      const arg = compile(expr.arg)
      const source = expr.arg.type
      const target = expr.type
      return (row) => castValue(arg(row), source, target)
    }
    case 'Call': {
      return compileCall(scope.execution.environment, expr, expr.args.map(compile))
    }
    case 'Coerce': {
      const arg = compile(expr.arg)
      const convert = compileCoercion(
        scope.execution.environment,
        expr.coercion,
        expr.arg.type,
        expr.type,
      )
      const type = expr.type
      const behaviour =
        type.typmod < 0 || isTypeImplementedWithoutBehaviour(type) ? undefined : behaviourOf(type)
      const applyTypmod = behaviour?.applyTypmod?.bind(behaviour)
      const isExplicit = expr.isExplicit === true
      if (applyTypmod === undefined) {
        return (row) => {
          const value = arg(row)
          return value === null ? null : convert(value)
        }
      }
      return (row) => {
        const value = arg(row)
        return value === null ? null : applyTypmod(convert(value), type, isExplicit)
      }
    }
    case 'Case': {
      const whens = expr.whens.map((when) => ({
        condition: compile(when.condition),
        result: compile(when.result),
      }))
      const otherwise = compile(expr.otherwise)
      return (row) => {
        for (const when of whens) if (when.condition(row) === true) return when.result(row)
        return otherwise(row)
      }
    }
    case 'ScalarArrayOp':
      return compileScalarArrayOp(scope, expr)
    case 'ArrayConstructor': {
      const args = expr.args.map(compile)
      const mode = expr.isMultidimensional ? 'nested' : 'flat'
      return (row) =>
        buildArray(
          args.map((arg) => arg(row)),
          mode,
        )
    }
    case 'Subscript': {
      const arg = compile(expr.arg)
      const bounds = expr.subscripts.map(({ lower, upper }) => ({
        lower: lower === undefined ? undefined : compile(lower),
        upper: upper === undefined ? undefined : compile(upper),
      }))
      const isSlice = expr.isSlice
      return (row) => {
        const array = arg(row)
        if (array === null) return null
        const indexes: { lower: number | undefined; upper: number | undefined }[] = []
        for (const bound of bounds) {
          const lower = bound.lower === undefined ? undefined : bound.lower(row)
          const upper = bound.upper === undefined ? undefined : bound.upper(row)
          // A NULL subscript makes the result NULL.
          if (lower === null || upper === null) return null
          indexes.push({ lower: lower as number | undefined, upper: upper as number | undefined })
        }
        return isSlice
          ? sliceArray(array as SqlArray, indexes)
          : arrayElement(
              array as SqlArray,
              indexes.map((index) => index.upper ?? 0),
            )
      }
    }
    case 'Coalesce': {
      const args = expr.args.map(compile)
      return (row) => {
        for (const arg of args) {
          const value = arg(row)
          if (value !== null) return value
        }
        return null
      }
    }
    case 'MinMax': {
      const args = expr.args.map(compile)
      const sign = expr.isGreatest ? 1 : -1
      const type = expr.type
      return (row) => {
        let best: Value = null
        for (const arg of args) {
          const value = arg(row)
          if (value === null) continue
          if (best === null || sign * compareTyped(value, best, type) > 0) best = value
        }
        return best
      }
    }
    case 'NullIf': {
      const arg = compile(expr.arg)
      const equals = compile(expr.equals)
      return (row) => (equals(row) === true ? null : arg(row))
    }
    case 'BooleanTest': {
      const arg = compile(expr.arg)
      const { test, isNegated } = expr
      return (row) => {
        const value = arg(row)
        const holds = test === 'unknown' ? value === null : value === (test === 'true')
        return holds !== isNegated
      }
    }
    case 'IsDistinct': {
      const left = compile(expr.left)
      const right = compile(expr.right)
      const equals = compile(expr.equals)
      const isNegated = expr.isNegated
      return (row) => {
        const a = left(row)
        const b = right(row)
        const isDistinct = a === null || b === null ? a !== b : equals(row) !== true
        return isDistinct !== isNegated
      }
    }
    case 'SubLink':
      return compileSubLink(scope, expr)
    case 'Aggregate':
      throw new InternalError('an aggregate call outside of an Aggregate node')
    case 'SetCall':
      // The binder places set-returning calls in FunctionScan and ProjectSet nodes; one left in
      // an expression comes from a clause that does not take them (UPDATE SET, DEFAULT).
      throw new SqlError(
        SqlState.featureNotSupported,
        'set-returning functions are not allowed in this context',
      )
    case 'WindowCall':
      throw new InternalError('a window call outside of a Window node')
    default:
      return assertNever(expr, 'expression')
  }
}

function compileColumn(scope: CompileScope, column: ColumnId, name: string): CompiledExpression {
  const index = scope.layout.get(column)
  if (index !== undefined) return (row) => row[index] ?? null
  for (let level = scope.outer.length - 1; level >= 0; level--) {
    const frame = scope.outer[level] as OuterFrame
    const outerIndex = frame.layout.get(column)
    if (outerIndex === undefined) continue
    frame.isRead = true
    const frames = scope.execution.frames
    const slot = frame.slot
    return () => frames[slot]?.[outerIndex] ?? null
  }
  throw new InternalError(`column ${name} (#${column}) is not in the row or any enclosing row`)
}

/** AND: false wins over NULL, NULL over true. OR: true wins over NULL, NULL over false. */
function compileLogical(
  operator: 'and' | 'or',
  args: readonly CompiledExpression[],
): CompiledExpression {
  const decisive = operator === 'or'
  return (row) => {
    let sawNull = false
    for (const arg of args) {
      const value = arg(row)
      if (value === null) sawNull = true
      else if (value === decisive) return decisive
    }
    return sawNull ? null : !decisive
  }
}

function compileCall(
  environment: StatementEnvironment,
  expr: Extract<BoundExpr, { kind: 'Call' }>,
  args: readonly CompiledExpression[],
): CompiledExpression {
  const call: CallContext = {
    ...environment,
    argTypes: expr.args.map((arg) => arg.type),
    resultType: expr.type,
  }
  const evaluate = expr.callee.evaluate
  if (!expr.callee.isStrict) {
    return (row) =>
      evaluate(
        args.map((arg) => arg(row)),
        call,
      )
  }
  return (row) => {
    const values: Value[] = []
    for (const arg of args) {
      const value = arg(row)
      if (value === null) return null
      values.push(value)
    }
    return evaluate(values, call)
  }
}

/**
 * A subquery in an expression, compiled once. It reads the current row through a new frame; if
 * nothing inside reads that frame, it is uncorrelated and runs once per statement execution.
 */
/** left op ANY/ALL (array): the test runs with the element as a one-column row and the current
 * row as an outer frame (how it reads the left operand). */
function compileScalarArrayOp(
  scope: CompileScope,
  expr: Extract<BoundExpr, { kind: 'ScalarArrayOp' }>,
): CompiledExpression {
  const frames = scope.execution.frames
  const slot = frames.length
  frames.push(undefined)
  const frame: OuterFrame = { layout: scope.layout, slot, isRead: false }
  const test = compileExpression(
    { ...scope, layout: layoutOf([expr.element]), outer: [...scope.outer, frame] },
    expr.test,
  )
  const array = compileExpression(scope, expr.array)
  const isAny = expr.isAny
  return (row) => {
    const value = array(row)
    if (value === null) return null
    const saved = frames[slot]
    frames[slot] = row
    try {
      let sawNull = false
      for (const element of (value as SqlArray).elements) {
        const result = test([element])
        if (result === null) sawNull = true
        else if (result === isAny) return isAny
      }
      return sawNull ? null : !isAny
    } finally {
      frames[slot] = saved
    }
  }
}

function compileSubLink(
  scope: CompileScope,
  expr: Extract<BoundExpr, { kind: 'SubLink' }>,
): CompiledExpression {
  const frames = scope.execution.frames
  const slot = frames.length
  frames.push(undefined)
  const frame: OuterFrame = { layout: scope.layout, slot, isRead: false }
  // Copies of the enclosing frames (same slots) record whether this subquery reads a row further
  // out: then it is correlated too, as that row changes between calls.
  const enclosing = scope.outer.map((outerFrame) => ({ ...outerFrame, isRead: false }))
  const outer = [...enclosing, frame]
  const subplan = scope.compileSubplan(expr.plan, outer)
  // Correlated when the subquery itself reads any enclosing row (the ANY/ALL test always does).
  const isCorrelated = outer.some((outerFrame) => outerFrame.isRead)
  const test =
    expr.test === undefined
      ? undefined
      : compileExpression({ ...scope, layout: subplan.layout, outer }, expr.test)
  enclosing.forEach((copy, level) => {
    const original = scope.outer[level]
    if (copy.isRead && original !== undefined) original.isRead = true
  })
  const runWith = <T>(row: Row, use: (rows: Iterable<Row>) => T): T => {
    const saved = frames[slot]
    frames[slot] = row
    try {
      return use(subplan.run())
    } finally {
      frames[slot] = saved
    }
  }
  switch (expr.link) {
    case 'exists': {
      const exists = (row: Row): boolean =>
        runWith(row, (rows) => {
          for (const _ of rows) return true
          return false
        })
      return isCorrelated ? exists : once(exists)
    }
    case 'scalar': {
      const scalar = (row: Row): Value =>
        runWith(row, (rows) => {
          let value: Value = null
          let count = 0
          for (const result of rows) {
            if (++count > 1) {
              throw new SqlError(
                SqlState.cardinalityViolation,
                'more than one row returned by a subquery used as an expression',
              )
            }
            value = result[0] ?? null
          }
          return value
        })
      return isCorrelated ? scalar : once(scalar)
    }
    case 'array': {
      // ARRAY(subquery): the rows' one column, in order; array-valued rows stack into one
      // more dimension, as PostgreSQL does.
      const collect = (row: Row): Value =>
        runWith(row, (rows) =>
          buildArray(
            [...rows].map((inner) => inner[0] ?? null),
            'rows',
          ),
        )
      return isCorrelated ? collect : once(collect)
    }
    case 'any':
    case 'all': {
      if (test === undefined) throw new InternalError('ANY/ALL without a test')
      const isAny = expr.link === 'any'
      // Uncorrelated: the subquery's rows are read once; each outer row runs the test over them.
      let cached: Row[] | undefined
      return (row) => {
        const saved = frames[slot]
        frames[slot] = row
        try {
          if (!isCorrelated && cached === undefined) cached = [...subplan.run()]
          const rows = cached ?? subplan.run()
          let sawNull = false
          for (const inner of rows) {
            const value = test(inner)
            if (value === null) sawNull = true
            else if (value === isAny) return isAny
          }
          return sawNull ? null : !isAny
        } finally {
          frames[slot] = saved
        }
      }
    }
    default:
      return assertNever(expr.link, 'sublink')
  }
}

/** Per expression node: whether it is execution-constant and calls something STABLE. */
const oncePerExecution = new WeakMap<BoundExpr, { isConstant: boolean; isStable: boolean }>()

/**
 * Whether an expression is computed once per execution: it reads no column, runs no subquery,
 * aggregate, window or set-returning function, calls nothing VOLATILE, and calls something
 * STABLE (IMMUTABLE-only expressions of constants were folded by the planner already).
 * Memoised per node, so compiling a deep expression stays linear.
 */
function isOncePerExecution(expr: BoundExpr): boolean {
  return classify(expr).isStable
}

function classify(expr: BoundExpr): { isConstant: boolean; isStable: boolean } {
  const known = oncePerExecution.get(expr)
  if (known !== undefined) return known
  let isConstant = isRowIndependentKind(expr)
  let isStable = expr.kind === 'Call' && expr.callee.volatility === 'stable'
  if (expr.kind === 'Call' && expr.callee.volatility === 'volatile') isConstant = false
  if (isConstant) {
    forEachChild(expr, (child) => {
      const inner = classify(child)
      if (!inner.isConstant) isConstant = false
      if (inner.isStable) isStable = true
    })
  }
  const result = { isConstant, isStable: isConstant && isStable }
  oncePerExecution.set(expr, result)
  return result
}

/** Kinds whose value depends only on their children (not on the row, a group or a window). */
function isRowIndependentKind(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'ColumnRef':
    case 'SubLink':
    case 'SetCall':
    case 'Aggregate':
    case 'WindowCall':
      return false
    case 'Constant':
    case 'Parameter':
    case 'Comparison':
    case 'Logical':
    case 'Not':
    case 'IsNull':
    case 'Arithmetic':
    case 'Negate':
    case 'Cast':
    case 'Call':
    case 'Coerce':
    case 'Case':
    case 'ArrayConstructor':
    case 'Subscript':
    case 'ScalarArrayOp':
    case 'Coalesce':
    case 'MinMax':
    case 'NullIf':
    case 'BooleanTest':
    case 'IsDistinct':
      return true
    default:
      return assertNever(expr, 'expression kind')
  }
}

/** The first result, reused: an uncorrelated subquery runs once per statement execution. */
function once(evaluate: (row: Row) => Value): CompiledExpression {
  let done = false
  let result: Value = null
  return (row) => {
    if (!done) {
      result = evaluate(row)
      done = true
    }
    return result
  }
}

/** btree order of two non-NULL values of `type`. */
export function compareTyped(a: Value, b: Value, type: SqlType): number {
  if (type.kind === 'unknown' || isTypeImplementedWithoutBehaviour(type)) return compareValues(a, b)
  return behaviourOf(type).compare(a, b, type)
}

/** A non-NULL value of `source` → `target`. */
function compileCoercion(
  environment: StatementEnvironment,
  coercion: Coercion,
  source: SqlType,
  target: SqlType,
): (value: Value) => Value {
  switch (coercion.kind) {
    case 'none':
      return (value) => value
    case 'function': {
      const call: CallContext = { ...environment, argTypes: [source], resultType: target }
      const cast = coercion.cast
      return (value) => cast.evaluate(value, source, target, call)
    }
    case 'io':
      return (value) => parseValueText(environment.output(value, source), target, environment.types)
    case 'array': {
      const element = compileCoercion(
        environment,
        coercion.element,
        source.element ?? source,
        target.element ?? target,
      )
      return (value) => {
        if (!(value instanceof SqlArray)) throw new InternalError('an array coercion got a scalar')
        const elements = value.elements.map((item) => (item === null ? null : element(item)))
        return new SqlArray(elements, value.dimensions, value.lowerBounds)
      }
    }
    default:
      return assertNever(coercion, 'coercion')
  }
}
