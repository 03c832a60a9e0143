/**
 * Calls that may mean a user-defined SQL function. Candidates are gathered as PostgreSQL's
 * FuncnameGetCandidates does: pg_catalog (the built-ins) first, then the schemas of the search
 * path (or the one schema a qualified name gives); a function whose input types equal one found
 * earlier on the path is hidden by it. Each candidate is shaped for the call's arguments:
 * positional arguments, then named ones (`a => 1`, `a := 1`, matched to parameter names),
 * missing trailing parameters filled from their defaults, a VARIADIC parameter expanded to its
 * element type unless the call says VARIADIC. Then the built-in resolution rules choose
 * (resolve.ts: exact match, implicit casts, preferred types, unknown literals), 42883 / 42725
 * with PostgreSQL's wording. When a built-in wins, the caller's built-in path binds the call.
 *
 * A chosen user function becomes a Call (or SetCall for SETOF / TABLE) whose callee runs the
 * body through CallContext.routines. A scalar function whose body is a single `SELECT expr`
 * without FROM is inlined instead, as PostgreSQL's inline_function does: its expression is
 * bound with the arguments in place of the parameters, so `WHERE user_id = auth.uid()` becomes
 * an expression the planner folds or computes once per execution and can use for an index.
 */
import type { SqlFunction } from '../../catalog/index.js'
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { type SqlType, sqlTypes } from '../../types/index.js'
import {
  type ArgType,
  builtinCatalog,
  type CallContext,
  type CoercionContext,
  describeArgs,
  type RoutineAccess,
  resolveFunction,
  type Volatility,
} from '../functions/index.js'
import { bodyStatements, type FuncCall, type Node, parseSql } from '../parse/index.js'
import { type BindContext, setFunctionsNotAllowedIn } from './bind-context.js'
import { visibleFunctions } from './bind-function-ddl.js'
import type { BoundExpr, Callee, ColumnId, InlineBody } from './bound.js'
import { Scope } from './scope.js'
import { expressionTraits } from './walk.js'

/** The expression binder's functions this file uses (bind-expression.ts passes them in: it
 * calls this file, so importing it back would make a cycle). */
export interface ExpressionFunctions {
  bindExpression(context: BindContext, scope: Scope, node: Node): BoundExpr
  coerceImplicitly(
    context: BindContext,
    expr: BoundExpr,
    type: SqlType,
    position: number | undefined,
  ): BoundExpr
  convertType(
    context: BindContext,
    expr: BoundExpr,
    type: SqlType,
    coercion: CoercionContext,
    position: number | undefined,
  ): BoundExpr | undefined
  locationOf(node: Node): number | undefined
}

interface CallArgument {
  readonly name: string | undefined
  readonly expr: BoundExpr
  readonly position: number | undefined
}

/** A user function shaped for one call: the declared type of each actual argument, and the
 * parameter each fills. */
interface UserShape {
  readonly kind: 'user'
  readonly fn: SqlFunction
  readonly args: readonly ArgType[]
  readonly returns: (types: readonly SqlType[]) => SqlType
  /** Parameter index of each actual argument (variadic elements share the last one). */
  readonly targets: readonly number[]
  /** The variadic parameter takes the elements passed one by one (packed into its array). */
  readonly isExpanded: boolean
}

interface BuiltinShape {
  readonly kind: 'builtin'
  readonly args: readonly ArgType[]
  readonly isVariadic?: boolean
  readonly returns: ArgType | ((types: readonly SqlType[]) => SqlType)
}

type Shape = UserShape | BuiltinShape

/**
 * Binds `call` when the name denotes a user function visible here and one of them wins
 * resolution; undefined when the built-in path should bind it (no user function of the name, a
 * built-in won, or an aggregate / window call).
 */
export function bindRoutineCall(
  context: BindContext,
  scope: Scope,
  call: FuncCall,
  names: readonly string[],
  position: number | undefined,
  binder: ExpressionFunctions,
): BoundExpr | undefined {
  if (names.length > 2 || (names.length === 2 && names[0] === 'pg_catalog')) return undefined
  const name = names[names.length - 1] ?? ''
  const schema = names.length === 2 ? names[0] : undefined
  if (schema !== undefined && context.catalog.findSchema(schema) === undefined) {
    throw new SqlError(SqlState.invalidSchemaName, `schema "${schema}" does not exist`, {
      ...(position === undefined ? {} : { position }),
    })
  }
  const userFunctions = visibleFunctions(context, schema, name)
  if (userFunctions.length === 0) return undefined
  if (
    call.over !== undefined ||
    call.agg_star === true ||
    call.agg_distinct === true ||
    call.agg_order !== undefined ||
    call.agg_filter !== undefined
  ) {
    return undefined
  }
  const args = bindArguments(context, scope, call.args ?? [], binder)
  const named = args.filter((arg) => arg.name !== undefined)
  const isVariadicCall = call.func_variadic === true
  const builtins: BuiltinShape[] =
    schema === undefined && named.length === 0 ? builtinShapes(name) : []
  const shapes: Shape[] = [...builtins]
  const seen: ArgType[][] = builtins.map((b) => [...b.args])
  for (const fn of userFunctions) {
    const signature = fn.parameters.map((p) => argTypeOf(p.type))
    if (seen.some((other) => sameArgs(other, signature))) continue
    seen.push(signature)
    const shape = shapeFor(fn, args, isVariadicCall)
    if (shape !== undefined) shapes.push(shape)
  }
  const types = args.map((arg) => arg.expr.type)
  const shown = `${names.join('.')}(${describeCall(args)})`
  let resolution: ReturnType<typeof resolveFunction<Shape>>
  try {
    resolution = resolveFunction(builtinCatalog(), names.join('.'), shapes, types)
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
  if (resolution === undefined) {
    if (named.length === 0 && builtins.length > 0) return undefined
    throw new SqlError(SqlState.undefinedFunction, `function ${shown} does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      ...(position === undefined ? {} : { position }),
    })
  }
  const shape = resolution.declaration
  if (shape.kind === 'builtin') return undefined
  context.noteFunction(shape.fn.oid)
  const coerced = args.map((arg, i) =>
    binder.coerceImplicitly(
      context,
      arg.expr,
      resolution.argTypes[i] ?? arg.expr.type,
      arg.position,
    ),
  )
  const values = parameterValues(context, shape, coerced, position, binder)
  return bindUserCall(context, shape.fn, values, position, binder)
}

function bindArguments(
  context: BindContext,
  scope: Scope,
  nodes: readonly Node[],
  binder: ExpressionFunctions,
): CallArgument[] {
  const args: CallArgument[] = []
  for (const node of nodes) {
    if ('NamedArgExpr' in node) {
      const namedArg = node.NamedArgExpr
      const name = namedArg.name ?? ''
      const position = context.position(namedArg.location)
      if (args.some((arg) => arg.name === name)) {
        throw new SqlError(SqlState.syntaxError, `argument name "${name}" used more than once`, {
          ...(position === undefined ? {} : { position }),
        })
      }
      const inner = namedArg.arg
      if (inner === undefined) throw new InternalError('named argument without a value')
      args.push({ name, expr: binder.bindExpression(context, scope, inner), position })
    } else {
      args.push({
        name: undefined,
        expr: binder.bindExpression(context, scope, node),
        position: context.position(binder.locationOf(node)),
      })
    }
  }
  return args
}

/** `integer, a => integer`: how PostgreSQL shows a call's arguments in 42883. */
function describeCall(args: readonly CallArgument[]): string {
  return args
    .map((arg) =>
      arg.name === undefined
        ? describeArgs([arg.expr.type])
        : `${arg.name} => ${describeArgs([arg.expr.type])}`,
    )
    .join(', ')
}

function builtinShapes(name: string): BuiltinShape[] {
  const catalog = builtinCatalog()
  return [
    ...(catalog.functions.get(name) ?? []),
    ...(catalog.setFunctions.get(name) ?? []),
    ...(catalog.aggregates.get(name) ?? []),
  ].map((declaration) => ({
    kind: 'builtin',
    args: declaration.args,
    ...(declaration.isVariadic === true ? { isVariadic: true } : {}),
    returns: declaration.returns,
  }))
}

/** A parameter type as resolution names it: the kind, or `kind[]` for an array. */
function argTypeOf(type: SqlType): ArgType {
  if (type.kind === 'array' && type.element !== undefined && type.element.kind !== 'array') {
    return `${type.element.kind}[]` as ArgType
  }
  return type.kind
}

function sameArgs(a: readonly ArgType[], b: readonly ArgType[]): boolean {
  return a.length === b.length && a.every((arg, i) => arg === b[i])
}

/** How `fn` takes these arguments, or undefined when it cannot. */
function shapeFor(
  fn: SqlFunction,
  args: readonly CallArgument[],
  isVariadicCall: boolean,
): UserShape | undefined {
  const parameters = fn.parameters
  const count = parameters.length
  const positional = args.filter((arg) => arg.name === undefined).length
  const declared = parameters.map((p) => argTypeOf(p.type))
  const last = parameters[count - 1]
  const returns = (): SqlType => resultTypeOf(fn)
  const base = { kind: 'user', fn, returns } as const
  const hasNamed = positional < args.length
  if (!hasNamed && last?.isVariadic === true && !isVariadicCall && positional >= count) {
    const element = last.type.element
    if (element === undefined) return undefined
    const targets = args.map((_, i) => Math.min(i, count - 1))
    const types = targets.map((target, i) =>
      i >= count - 1 ? argTypeOf(element) : (declared[target] as ArgType),
    )
    return { ...base, args: types, targets, isExpanded: true }
  }
  if (isVariadicCall && last?.isVariadic !== true) return undefined
  const targets: number[] = []
  for (let i = 0; i < positional; i++) targets.push(i)
  for (const arg of args.slice(positional)) {
    const index = parameters.findIndex((p) => p.name === arg.name)
    if (index < 0 || targets.includes(index)) return undefined
    targets.push(index)
  }
  if (targets.some((target) => target >= count)) return undefined
  if (isVariadicCall && targets[targets.length - 1] !== count - 1) return undefined
  for (let i = 0; i < count; i++) {
    if (!targets.includes(i) && parameters[i]?.default === undefined) return undefined
  }
  const types = targets.map((target) => declared[target] as ArgType)
  return { ...base, args: types, targets, isExpanded: false }
}

function resultTypeOf(fn: SqlFunction): SqlType {
  return fn.returns.columns === undefined ? fn.returns.type : sqlTypes.record
}

/** The value of each parameter in order: the arguments placed, variadic elements packed into
 * an array, defaults bound where nothing was passed. */
function parameterValues(
  context: BindContext,
  shape: UserShape,
  args: readonly BoundExpr[],
  position: number | undefined,
  binder: ExpressionFunctions,
): BoundExpr[] {
  const parameters = shape.fn.parameters
  const values: BoundExpr[] = []
  const count = parameters.length
  parameters.forEach((parameter, index) => {
    const given = shape.targets.flatMap((target, i) => (target === index ? [args[i]] : []))
    if (shape.isExpanded && index === count - 1) {
      values.push({
        kind: 'ArrayConstructor',
        type: parameter.type,
        args: given.filter((arg): arg is BoundExpr => arg !== undefined),
        isMultidimensional: false,
      })
      return
    }
    const value = given[0]
    if (value !== undefined) {
      values.push(value)
      return
    }
    const stored = parameter.default
    if (stored === undefined) throw new InternalError('a missing argument has a default')
    const bound = binder.bindExpression(context, Scope.empty(), stored.node)
    const converted = binder.convertType(context, bound, parameter.type, 'assignment', position)
    if (converted === undefined) throw new InternalError('a default converts to its parameter')
    values.push(converted)
  })
  return values
}

function bindUserCall(
  context: BindContext,
  fn: SqlFunction,
  args: readonly BoundExpr[],
  position: number | undefined,
  binder: ExpressionFunctions,
): BoundExpr {
  const oid = fn.oid
  if (fn.returns.isSet) {
    const ban = context.setFunctionBan
    if (ban !== undefined) {
      throw new SqlError(SqlState.featureNotSupported, ban.message, {
        ...(ban.hint === undefined ? {} : { hint: ban.hint }),
        ...(position === undefined ? {} : { position }),
      })
    }
    return {
      kind: 'SetCall',
      type: resultTypeOf(fn),
      name: fn.name,
      setFunction: {
        evaluate: (values, call) => routinesOf(call).callSet(oid, values),
        isStrict: fn.isStrict,
        volatility: fn.volatility,
        routine: oid,
      },
      args,
      columns: fn.returns.columns,
      ...(position === undefined ? {} : { position }),
    }
  }
  const callee: Callee = {
    evaluate: (values, call) => routinesOf(call).call(oid, values),
    isStrict: fn.isStrict,
    volatility: fn.volatility,
    routine: oid,
  }
  const inline = inlineBody(context, fn, binder)
  if (inline !== undefined) context.hasInlineCalls = true
  const type = fn.returns.type
  const base = { kind: 'Call', type, name: fn.name, callee, isOperator: false, args } as const
  return inline === undefined ? base : { ...base, inline }
}
function routinesOf(call: CallContext): RoutineAccess {
  const routines = call.routines
  if (routines === undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'SQL functions cannot run here')
  }
  return routines
}

/**
 * PostgreSQL's inline_function for a scalar SQL function: the body's one expression, bound with
 * the parameters as columns of their own (the planner puts the arguments there), or undefined
 * when the function must be called: a body other than one `SELECT expr` without clauses,
 * SECURITY DEFINER or SET, a STRICT function with parameters, an expression more volatile than
 * the function says, subqueries, aggregates, set functions, recursion, or any error.
 */
function inlineBody(
  context: BindContext,
  fn: SqlFunction,
  binder: ExpressionFunctions,
): InlineBody | undefined {
  if (fn.isSecurityDefiner || fn.settings.length > 0) return undefined
  if (fn.isStrict && fn.parameters.length > 0) return undefined
  if (context.routinesInlining.includes(fn.oid)) return undefined
  const node = inlinableExpression(fn)
  if (node === undefined) return undefined
  const saved = context.routineArguments
  context.routinesInlining.push(fn.oid)
  try {
    const parameters = fn.parameters.map(() => context.newColumn())
    const values: BoundExpr[] = fn.parameters.map((p, i) => ({
      kind: 'ColumnRef',
      type: p.type,
      column: parameters[i] as ColumnId,
      name: p.name ?? `$${i + 1}`,
      origin: undefined,
    }))
    context.routineArguments = {
      functionName: fn.name,
      names: fn.parameters.map((p) => p.name),
      values,
    }
    const bound = context.withAggregateBan('SQL function bodies', () =>
      context.withWindowBan('SQL function bodies', () =>
        context.withSetFunctionBan(setFunctionsNotAllowedIn('SQL function bodies'), () =>
          binder.bindExpression(context, Scope.empty(), node),
        ),
      ),
    )
    if (!isInlinable(bound, fn.volatility)) return undefined
    const body = binder.convertType(context, bound, fn.returns.type, 'assignment', undefined)
    return body === undefined ? undefined : { parameters, body }
  } catch (error: unknown) {
    if (error instanceof SqlError) return undefined
    throw error
  } finally {
    context.routineArguments = saved
    context.routinesInlining.pop()
  }
}

/** The expression of a body that is exactly `SELECT expr`. */
function inlinableExpression(fn: SqlFunction): Node | undefined {
  let statements: readonly Node[]
  if (fn.body.kind === 'text') {
    try {
      statements = parseSql(fn.body.text).map((statement) => statement.node)
    } catch {
      return undefined
    }
  } else {
    statements = fn.body.statements.flatMap((statement) => bodyStatements(statement))
  }
  const only = statements.length === 1 ? statements[0] : undefined
  if (only === undefined || !('SelectStmt' in only)) return undefined
  const select = only.SelectStmt
  const targets = select.targetList ?? []
  const clauses = [
    select.fromClause,
    select.whereClause,
    select.groupClause,
    select.havingClause,
    select.windowClause,
    select.sortClause,
    select.limitCount,
    select.limitOffset,
    select.distinctClause,
    select.withClause,
    select.valuesLists,
    select.lockingClause,
    select.intoClause,
  ]
  if (clauses.some((clause) => clause !== undefined && !isEmptyList(clause))) return undefined
  if ((select.op ?? 'SETOP_NONE') !== 'SETOP_NONE' || targets.length !== 1) return undefined
  const target = targets[0]
  if (target === undefined || !('ResTarget' in target)) return undefined
  return target.ResTarget.val
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0
}

const volatilityRank: Readonly<Record<Volatility, number>> = {
  immutable: 0,
  stable: 1,
  volatile: 2,
}

/** No subquery, aggregate or set function, and nothing more volatile than the function. */
function isInlinable(expr: BoundExpr, volatility: Volatility): boolean {
  const traits = expressionTraits(expr)
  return !traits.hasQueryParts && volatilityRank[traits.volatility] <= volatilityRank[volatility]
}
