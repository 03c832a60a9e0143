/**
 * Expression binding: AST expression → BoundExpr with a type. Resolves column names in the
 * scope, gives quoted literals the type their context asks for (PostgreSQL's "unknown" literal
 * rule), infers `$n` parameter types from context, and picks operators by operand types.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  arrayOf,
  behaviourOf,
  isIntegerType,
  isTypeImplemented,
  isTypeImplementedWithoutBehaviour,
  parseValueText,
  type SqlType,
  sqlTypes,
  withoutTypmod,
} from '../../types/index.js'
import {
  type BuiltinAggregate,
  type BuiltinSetFunction,
  builtinCatalog,
  type CoercionContext,
  canCast,
  cannotCast,
  describeArgs,
  findCoercion,
  isComparable,
  isPackedVariadic,
  noOperator,
  noSuchFunction,
  resolveFunction,
  resolveOperator,
  selectCommonType,
  widerInteger,
  windowFunctions,
} from '../functions/index.js'
import {
  type A_Const,
  type A_Expr,
  type BoolExpr,
  type BooleanTest,
  type CaseExpr,
  type ColumnRef,
  type FuncCall,
  type Node,
  type NullTest,
  nodeTag,
  type SubLink,
  stringOf,
  stringsOf,
  type TypeCast,
} from '../parse/index.js'
import { bindArrayConstructor, bindIndirection, type ExpressionBinder } from './bind-array.js'
import {
  type BindContext,
  type RoutineArguments,
  setFunctionsNotAllowedIn,
} from './bind-context.js'
import { bindRoutineCall } from './bind-routine-call.js'
import { resolveTypeNode } from './bind-type.js'
import { bindValueFunction } from './bind-value-function.js'
import { resolveVariadicCall } from './bind-variadic.js'
import type {
  ArithmeticOperator,
  BoundExpr,
  BoundSelect,
  BoundSortKey,
  ComparisonOperator,
} from './bound.js'

/** PostgreSQL's hint where a set-returning function cannot run inside an expression. */
const lateralHint = 'You might be able to move the set-returning function into a LATERAL FROM item.'

import { isPostgresFunction } from './postgres-names.js'
import type { Scope } from './scope.js'

const comparisonOperators: ReadonlyMap<string, ComparisonOperator> = new Map([
  ['=', '='],
  ['<>', '<>'],
  ['!=', '<>'],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
])
const arithmeticOperators: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%'])

export function bindExpression(context: BindContext, scope: Scope, node: Node): BoundExpr {
  return context.nested(() => bindNode(context, scope, node))
}

function bindNode(context: BindContext, scope: Scope, node: Node): BoundExpr {
  if ('A_Const' in node) return bindConstant(context, node.A_Const)
  if ('ColumnRef' in node) return bindColumnRef(context, scope, node.ColumnRef)
  if ('ParamRef' in node) {
    const routine = context.routineArguments
    if (routine !== undefined) return routineParameter(context, routine, node.ParamRef)
    const index = context.useParameter(node.ParamRef.number ?? 0, node.ParamRef.location)
    const type = context.parameterType(index) ?? sqlTypes.unknown
    return { kind: 'Parameter', type, index }
  }
  if ('A_Expr' in node) return bindAExpr(context, scope, node.A_Expr)
  if ('CaseExpr' in node) {
    const expr = node.CaseExpr
    return context.withSetFunctionBan(setFunctionsNotAllowedIn('CASE', lateralHint), () =>
      bindCase(context, scope, expr),
    )
  }
  if ('CoalesceExpr' in node) {
    const args = context.withSetFunctionBan(setFunctionsNotAllowedIn('COALESCE', lateralHint), () =>
      (node.CoalesceExpr.args ?? []).map((arg) => bindExpression(context, scope, arg)),
    )
    const unified = unifyTypes(
      context,
      args,
      'COALESCE',
      context.position(node.CoalesceExpr.location),
    )
    return { kind: 'Coalesce', type: unified.type, args: unified.exprs }
  }
  if ('MinMaxExpr' in node) {
    const expr = node.MinMaxExpr
    const isGreatest = expr.op === 'IS_GREATEST'
    const args = (expr.args ?? []).map((arg) => bindExpression(context, scope, arg))
    const construct = isGreatest ? 'GREATEST' : 'LEAST'
    const unified = unifyTypes(context, args, construct, context.position(expr.location))
    return { kind: 'MinMax', type: unified.type, isGreatest, args: unified.exprs }
  }
  if ('A_ArrayExpr' in node) {
    return bindArrayConstructor(
      context,
      expressionBinder(context, scope),
      node.A_ArrayExpr,
      undefined,
    )
  }
  if ('A_Indirection' in node) {
    return bindIndirection(context, expressionBinder(context, scope), node.A_Indirection, scope)
  }
  if ('BooleanTest' in node) return bindBooleanTest(context, scope, node.BooleanTest)
  if ('SQLValueFunction' in node) return bindValueFunction(context, node.SQLValueFunction)
  if ('SubLink' in node) return bindSubLink(context, scope, node.SubLink)
  if ('CollateClause' in node) {
    const collation = stringsOf(node.CollateClause.collname).join('.')
    if (!['C', 'POSIX', 'default', 'pg_catalog.C', 'pg_catalog.default'].includes(collation)) {
      throw new SqlError(
        SqlState.undefinedObject,
        `collation "${collation}" for encoding "UTF8" does not exist`,
        positionField(context.position(node.CollateClause.location)),
      )
    }
    return bindExpression(context, scope, requireNode(node.CollateClause.arg))
  }
  if ('BoolExpr' in node) return bindBoolExpr(context, scope, node.BoolExpr)
  if ('NullTest' in node) return bindNullTest(context, scope, node.NullTest)
  if ('TypeCast' in node) return bindTypeCast(context, scope, node.TypeCast)
  if ('FuncCall' in node) {
    const names = stringsOf(node.FuncCall.funcname)
    const name = names.join('.')
    const position = context.position(node.FuncCall.location)
    const bare = names[names.length - 1] ?? ''
    const routine = bindRoutineCall(context, scope, node.FuncCall, names, position, {
      bindExpression,
      coerceImplicitly,
      convertType,
      locationOf,
    })
    if (routine !== undefined) return routine
    const builtin = bindBuiltinCall(context, scope, node.FuncCall, names, position)
    if (builtin !== undefined) return builtin
    if (isPostgresFunction(names)) {
      throw new SqlError(
        SqlState.featureNotSupported,
        `function ${bare}() is not supported yet`,
        position === undefined ? {} : { position },
      )
    }
    const args = (node.FuncCall.args ?? []).map((arg) => bindExpression(context, scope, arg))
    throw new SqlError(
      SqlState.undefinedFunction,
      `function ${name}(${args.map((arg) => arg.type.displayName).join(', ')}) does not exist`,
      {
        hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
        ...(position === undefined ? {} : { position }),
      },
    )
  }
  throw new SqlError(
    SqlState.featureNotSupported,
    `expressions of kind ${nodeTag(node)} are not supported yet`,
  )
}

/**
 * A call of a built-in function: arguments bound, the overload chosen by PostgreSQL's rules,
 * arguments coerced to its types. Undefined when no built-in has the name.
 */
function bindBuiltinCall(
  context: BindContext,
  scope: Scope,
  call: FuncCall,
  names: readonly string[],
  position: number | undefined,
): BoundExpr | undefined {
  const isCatalogName = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog')
  const name = names[names.length - 1] ?? ''
  const catalog = builtinCatalog()
  if (isCatalogName && (call.over !== undefined || windowFunctions.has(name))) {
    return context.bindWindowCall(scope, call, name)
  }
  const aggregates = isCatalogName ? catalog.aggregates.get(name) : undefined
  if (aggregates !== undefined)
    return bindAggregateCall(context, scope, call, name, aggregates, position)
  const declarations = isCatalogName ? catalog.functions.get(name) : undefined
  const setDeclarations =
    isCatalogName && declarations === undefined ? catalog.setFunctions.get(name) : undefined
  if (declarations === undefined && setDeclarations === undefined) return undefined
  const clause =
    call.agg_star === true
      ? '*'
      : call.agg_distinct === true
        ? 'DISTINCT'
        : call.agg_order !== undefined
          ? 'ORDER BY'
          : call.agg_filter !== undefined
            ? 'FILTER'
            : call.over !== undefined
              ? 'OVER'
              : undefined
  if (clause !== undefined) {
    throw new SqlError(
      SqlState.wrongObjectType,
      `${clause} specified, but ${name} is not an aggregate function`,
      positionField(position),
    )
  }
  if (setDeclarations !== undefined) {
    return bindSetCall(context, scope, call, name, setDeclarations, position)
  }
  if (declarations === undefined) return undefined
  const args = (call.args ?? []).map((arg) => bindExpression(context, scope, arg))
  const types = args.map((arg) => arg.type)
  const lastArg = call.args?.[call.args.length - 1]
  const resolution =
    call.func_variadic === true
      ? resolveVariadicCall(
          name,
          declarations,
          args,
          position,
          context.position(lastArg === undefined ? undefined : locationOf(lastArg)),
        )
      : atPosition(position, () => resolveFunction(catalog, name, declarations, types))
  if (resolution === undefined) throw noSuchFunction(name, types).withPosition(position ?? 0)
  const argTypes = resolution.argTypes
  const coerced = args.map((arg, i) =>
    coerceImplicitly(context, arg, argTypes[i] ?? arg.type, position),
  )
  const declaration = resolution.declaration
  if (call.func_variadic !== true && isPackedVariadic(declaration)) {
    // json_extract_path(j, 'a', 'b'): the values passed for VARIADIC text[] become one array.
    const fixed = declaration.args.length - 1
    const element = argTypes[fixed] ?? sqlTypes.text
    coerced.splice(fixed, coerced.length - fixed, {
      kind: 'ArrayConstructor',
      type: arrayOf(element),
      args: coerced.slice(fixed),
      isMultidimensional: false,
    })
  }
  return {
    kind: 'Call',
    type: resolution.resultType,
    name,
    callee: resolution.declaration,
    isOperator: false,
    args: coerced,
  }
}

/**
 * A call of a set-returning function: refused where the clause cannot run one (WHERE, CASE,
 * aggregate arguments: PostgreSQL's 0A000), else resolved like any call. The ProjectSet or
 * FunctionScan that runs it is built around it by the query binder.
 */
function bindSetCall(
  context: BindContext,
  scope: Scope,
  call: FuncCall,
  name: string,
  declarations: readonly BuiltinSetFunction[],
  position: number | undefined,
): BoundExpr {
  const ban = context.setFunctionBan
  if (ban !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, ban.message, {
      ...(ban.hint === undefined ? {} : { hint: ban.hint }),
      ...positionField(position),
    })
  }
  const args = (call.args ?? []).map((arg) => bindExpression(context, scope, arg))
  const types = args.map((arg) => arg.type)
  const catalog = builtinCatalog()
  const resolution = atPosition(position, () => resolveFunction(catalog, name, declarations, types))
  if (resolution === undefined) throw noSuchFunction(name, types).withPosition(position ?? 0)
  const argTypes = resolution.argTypes
  const declaration = resolution.declaration
  return {
    kind: 'SetCall',
    type: resolution.resultType,
    name,
    setFunction: declaration,
    args: args.map((arg, i) => coerceImplicitly(context, arg, argTypes[i] ?? arg.type, position)),
    columns: declaration.columns?.(argTypes),
    ...positionField(position),
  }
}

/**
 * An aggregate call: allowed in target lists, HAVING and ORDER BY of the query it belongs to
 * (42803 elsewhere and when nested). count(*) is count with no arguments, as in PostgreSQL.
 */
function bindAggregateCall(
  context: BindContext,
  scope: Scope,
  call: FuncCall,
  name: string,
  declarations: readonly BuiltinAggregate<unknown>[],
  position: number | undefined,
): BoundExpr {
  if (context.aggregateBan !== undefined) {
    throw new SqlError(
      SqlState.groupingError,
      context.aggregateBan === 'nested'
        ? 'aggregate function calls cannot be nested'
        : `aggregate functions are not allowed in ${context.aggregateBan}`,
      positionField(position),
    )
  }
  const aggregateArguments = {
    message: 'aggregate function calls cannot contain set-returning function calls',
    hint: lateralHint,
  }
  const { args, filter, orderBy } = context.withAggregateBan('nested', () =>
    context.withSetFunctionBan(aggregateArguments, () => ({
      args: (call.args ?? []).map((arg) => bindExpression(context, scope, arg)),
      filter:
        call.agg_filter === undefined
          ? undefined
          : context.withWindowBan('FILTER', () =>
              bindCondition(context, scope, call.agg_filter as Node, 'FILTER'),
            ),
      orderBy: (call.agg_order ?? []).map((node) => bindAggregateSortKey(context, scope, node)),
    })),
  )
  if (call.agg_star === true && args.length > 0) {
    throw new SqlError(
      SqlState.syntaxError,
      `${name}(*) takes no arguments`,
      positionField(position),
    )
  }
  const types = args.map((arg) => arg.type)
  const resolution = atPosition(position, () =>
    resolveFunction(builtinCatalog(), name, declarations, types),
  )
  if (resolution === undefined) {
    const shown = call.agg_star === true ? '*' : describeArgs(types)
    throw new SqlError(SqlState.undefinedFunction, `function ${name}(${shown}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      ...positionField(position),
    })
  }
  const argTypes = resolution.argTypes
  return {
    kind: 'Aggregate',
    type: resolution.resultType,
    name,
    aggregate: resolution.declaration,
    args: args.map((arg, i) => coerceImplicitly(context, arg, argTypes[i] ?? arg.type, position)),
    isDistinct: call.agg_distinct === true,
    filter,
    orderBy,
  }
}

/** agg(x ORDER BY y [DESC] [NULLS FIRST|LAST]): a sort key over the aggregated rows. */
function bindAggregateSortKey(context: BindContext, scope: Scope, node: Node): BoundSortKey {
  if (!('SortBy' in node) || node.SortBy.node === undefined) {
    throw new SqlError(SqlState.syntaxError, 'ORDER BY without an expression')
  }
  const sort = node.SortBy
  if (sort.useOp !== undefined) {
    throw new SqlError(SqlState.featureNotSupported, 'ORDER BY ... USING is not supported yet')
  }
  const isDescending = sort.sortby_dir === 'SORTBY_DESC'
  let expr = bindExpression(context, scope, sort.node as Node)
  if (expr.type.kind === 'unknown') expr = coerce(context, expr, sqlTypes.text, undefined)
  return {
    expr,
    isDescending,
    isNullsFirst:
      sort.sortby_nulls === 'SORTBY_NULLS_FIRST' ||
      (sort.sortby_nulls !== 'SORTBY_NULLS_LAST' && isDescending),
  }
}

/** Converts `expr` to `type` by an implicit coercion that resolution has found to exist. */
export function coerceImplicitly(
  context: BindContext,
  expr: BoundExpr,
  type: SqlType,
  position: number | undefined,
): BoundExpr {
  if (expr.type.kind === 'unknown') return coerce(context, expr, type, position)
  const coercion = findCoercion(builtinCatalog(), expr.type, type, 'implicit')
  if (coercion === undefined) throw cannotCast(expr.type, type, position)
  if (coercion.kind === 'none') return expr
  return { kind: 'Coerce', type, arg: expr, coercion }
}

function bindConstant(context: BindContext, constant: A_Const): BoundExpr {
  if (constant.isnull === true) return { kind: 'Constant', type: sqlTypes.unknown, value: null }
  if (constant.ival !== undefined) {
    return { kind: 'Constant', type: sqlTypes.int4, value: constant.ival.ival ?? 0 }
  }
  if (constant.boolval !== undefined) {
    return { kind: 'Constant', type: sqlTypes.bool, value: constant.boolval.boolval === true }
  }
  if (constant.sval !== undefined) {
    const position = context.position(constant.location)
    const value = constant.sval.sval ?? ''
    return position === undefined
      ? { kind: 'Constant', type: sqlTypes.unknown, value }
      : { kind: 'Constant', type: sqlTypes.unknown, value, position }
  }
  if (constant.fval !== undefined) {
    // Integer literals beyond int4 arrive as "float" strings; PostgreSQL types them int8 when
    // they fit, else numeric (which the engine does not have yet).
    const text = constant.fval.fval ?? ''
    if (/^-?\d+$/.test(text)) {
      const value = BigInt(text)
      // -2147483648 arrives here (its digits overflow int4 before the sign is applied).
      if (value >= -(2n ** 31n) && value < 2n ** 31n) {
        return { kind: 'Constant', type: sqlTypes.int4, value: Number(value) }
      }
      if (value >= -(2n ** 63n) && value < 2n ** 63n) {
        return { kind: 'Constant', type: sqlTypes.int8, value }
      }
    }
    // Other numeric literals (1.5, 1e10, integers beyond bigint) are numeric, as in PostgreSQL.
    if (!isTypeImplemented(sqlTypes.numeric)) {
      throw unsupportedType('numeric', context.position(constant.location))
    }
    return {
      kind: 'Constant',
      type: sqlTypes.numeric,
      value: behaviourOf(sqlTypes.numeric).input(text, sqlTypes.numeric, context.typeContext),
    }
  }
  throw unsupportedType('bit string', context.position(constant.location))
}

function unsupportedType(name: string, position: number | undefined): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `type ${name} is not supported yet`,
    position === undefined ? {} : { position },
  )
}

function bindColumnRef(context: BindContext, scope: Scope, ref: ColumnRef): BoundExpr {
  const fields = ref.fields ?? []
  const position = context.position(ref.location)
  const names = fields.map((field) => stringOf(field))
  if (names.some((name) => name === undefined) || names.length > 2) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'only column and table.column references are supported yet',
      position === undefined ? {} : { position },
    )
  }
  const name = names[names.length - 1] as string
  const qualifier = names.length === 2 ? names[0] : undefined
  let resolved: ReturnType<Scope['resolve']>
  try {
    resolved = scope.resolve(qualifier, name, position)
  } catch (error: unknown) {
    // In a SQL function's body, a name no column has may be a parameter (columns win).
    const argument = routineArgumentNamed(context.routineArguments, qualifier, name)
    if (argument !== undefined && isMissingName(error)) return argument
    throw error
  }
  const { column } = resolved
  if (column.expr !== undefined) return column.expr
  return {
    kind: 'ColumnRef',
    type: column.type,
    column: column.column,
    name,
    origin: column.origin,
  }
}

/** `$n` in a SQL function's body: the n-th argument, or 42P02. */
function routineParameter(
  context: BindContext,
  routine: RoutineArguments,
  ref: { readonly number?: number; readonly location?: number },
): BoundExpr {
  const value = routine.values[(ref.number ?? 0) - 1]
  if (value !== undefined) return value
  throw new SqlError(
    SqlState.undefinedParameter,
    `there is no parameter $${ref.number ?? 0}`,
    positionField(context.position(ref.location)),
  )
}

/** The argument a (possibly function-qualified) name denotes in a SQL function's body. */
function routineArgumentNamed(
  routine: RoutineArguments | undefined,
  qualifier: string | undefined,
  name: string,
): BoundExpr | undefined {
  if (routine === undefined) return undefined
  if (qualifier !== undefined && qualifier !== routine.functionName) return undefined
  const index = routine.names.indexOf(name)
  return index < 0 ? undefined : routine.values[index]
}

function isMissingName(error: unknown): boolean {
  return (
    error instanceof SqlError &&
    (error.code === SqlState.undefinedColumn || error.code === SqlState.undefinedTable)
  )
}

function bindAExpr(context: BindContext, scope: Scope, expr: A_Expr): BoundExpr {
  const position = context.position(expr.location)
  // OPERATOR(pg_catalog.~) (psql writes it): every built-in operator lives in pg_catalog.
  const names = stringsOf(expr.name)
  const name = (names[0] === 'pg_catalog' && names.length === 2 ? names.slice(1) : names).join('.')
  const bindSide = (node: Node | undefined): BoundExpr =>
    bindExpression(context, scope, requireNode(node))
  switch (expr.kind) {
    case 'AEXPR_OP': {
      const right = bindSide(expr.rexpr)
      const left = expr.lexpr === undefined ? undefined : bindSide(expr.lexpr)
      return bindOperatorCall(context, name, left, right, position)
    }
    case 'AEXPR_LIKE':
    case 'AEXPR_ILIKE':
    case 'AEXPR_SIMILAR':
      return bindOperatorCall(context, name, bindSide(expr.lexpr), bindSide(expr.rexpr), position)
    case 'AEXPR_DISTINCT':
    case 'AEXPR_NOT_DISTINCT': {
      const left = bindSide(expr.lexpr)
      const right = bindSide(expr.rexpr)
      const equals = bindOperatorCall(context, '=', left, right, position)
      const [l, r] = operandsOf(equals, left, right)
      return {
        kind: 'IsDistinct',
        type: sqlTypes.bool,
        left: l,
        right: r,
        equals,
        isNegated: expr.kind === 'AEXPR_NOT_DISTINCT',
      }
    }
    case 'AEXPR_NULLIF': {
      const left = bindSide(expr.lexpr)
      const right = bindSide(expr.rexpr)
      const equals = bindOperatorCall(context, '=', left, right, position)
      const [l] = operandsOf(equals, left, right)
      return { kind: 'NullIf', type: l.type, arg: l, equals }
    }
    case 'AEXPR_IN': {
      // x IN (a, b) is x = a OR x = b; NOT IN is x <> a AND x <> b (three-valued, as SQL says).
      const left = bindSide(expr.lexpr)
      const list =
        expr.rexpr !== undefined && 'List' in expr.rexpr ? (expr.rexpr.List.items ?? []) : []
      const isNegated = name === '<>'
      const comparisons = list.map((item) =>
        bindOperatorCall(context, isNegated ? '<>' : '=', left, bindSide(item), position),
      )
      if (comparisons.length === 1 && comparisons[0] !== undefined) return comparisons[0]
      return {
        kind: 'Logical',
        type: sqlTypes.bool,
        operator: isNegated ? 'and' : 'or',
        args: comparisons,
      }
    }
    case 'AEXPR_OP_ANY':
    case 'AEXPR_OP_ALL':
      return bindScalarArrayOp(
        context,
        name,
        bindSide(expr.lexpr),
        bindSide(expr.rexpr),
        expr.kind === 'AEXPR_OP_ANY',
        position,
      )
    case 'AEXPR_BETWEEN':
    case 'AEXPR_NOT_BETWEEN':
    case 'AEXPR_BETWEEN_SYM':
    case 'AEXPR_NOT_BETWEEN_SYM':
      return bindBetween(context, scope, expr, bindSide(expr.lexpr), position)
    default:
      throw new SqlError(
        SqlState.featureNotSupported,
        `${expr.kind ?? 'this'} expressions are not supported yet`,
        positionField(position),
      )
  }
}

/** The operands an operator call ended up with (after coercion), for constructs that reuse
 * them: IS DISTINCT FROM and NULLIF evaluate their operands once, then compare. */
function operandsOf(call: BoundExpr, left: BoundExpr, right: BoundExpr): [BoundExpr, BoundExpr] {
  if (call.kind === 'Comparison') return [call.left, call.right]
  if (call.kind === 'Call' && call.args.length === 2) {
    return [call.args[0] ?? left, call.args[1] ?? right]
  }
  return [left, right]
}

/** a BETWEEN x AND y is a >= x AND a <= y; SYMMETRIC tries both orders of x and y. */
function bindBetween(
  context: BindContext,
  scope: Scope,
  expr: A_Expr,
  value: BoundExpr,
  position: number | undefined,
): BoundExpr {
  const bounds =
    expr.rexpr !== undefined && 'List' in expr.rexpr ? (expr.rexpr.List.items ?? []) : []
  const [lowNode, highNode] = bounds
  const low = bindExpression(context, scope, requireNode(lowNode))
  const high = bindExpression(context, scope, requireNode(highNode))
  const isNegated = expr.kind === 'AEXPR_NOT_BETWEEN' || expr.kind === 'AEXPR_NOT_BETWEEN_SYM'
  const range = (from: BoundExpr, to: BoundExpr): BoundExpr => ({
    kind: 'Logical',
    type: sqlTypes.bool,
    operator: 'and',
    args: [
      bindOperatorCall(context, '>=', value, from, position),
      bindOperatorCall(context, '<=', value, to, position),
    ],
  })
  const isSymmetric = expr.kind === 'AEXPR_BETWEEN_SYM' || expr.kind === 'AEXPR_NOT_BETWEEN_SYM'
  const test: BoundExpr = isSymmetric
    ? {
        kind: 'Logical',
        type: sqlTypes.bool,
        operator: 'or',
        args: [range(low, high), range(high, low)],
      }
    : range(low, high)
  return isNegated ? { kind: 'Not', type: sqlTypes.bool, arg: test } : test
}

/** An operator applied to bound operands: declared operators first, else the legacy ones. */
export function bindOperatorCall(
  context: BindContext,
  name: string,
  left: BoundExpr | undefined,
  right: BoundExpr,
  position: number | undefined,
): BoundExpr {
  if (builtinCatalog().operators.has(name)) {
    try {
      return bindBuiltinOperator(context, name, left, right, position)
    } catch (error: unknown) {
      // Until every family declares its operators, the legacy ones still serve bool and text.
      const isLegacy = (expr: BoundExpr | undefined): boolean =>
        expr === undefined || ['bool', 'text', 'unknown'].includes(expr.type.kind)
      const isMissing =
        error instanceof SqlError &&
        (error.code === SqlState.undefinedFunction || error.code === SqlState.ambiguousFunction)
      if (!isMissing || !isLegacy(left) || !isLegacy(right)) throw error
    }
  }
  if (left === undefined) return bindUnary(context, name, right, position)
  const comparison = comparisonOperators.get(name)
  if (comparison !== undefined) {
    const [l, r] = unifyOperands(context, left, right, position)
    if (!isComparable(l.type, r.type)) throw noOperator(name, l.type, r.type, position)
    return { kind: 'Comparison', type: sqlTypes.bool, operator: comparison, left: l, right: r }
  }
  if (arithmeticOperators.has(name)) {
    const [l, r] = unifyOperands(context, left, right, position)
    if (!isIntegerType(l.type) || !isIntegerType(r.type))
      throw noOperator(name, l.type, r.type, position)
    const type = widerInteger(l.type, r.type)
    return { kind: 'Arithmetic', type, operator: name as ArithmeticOperator, left: l, right: r }
  }
  throw noOperator(name, left.type, right.type, position)
}

/**
 * The common type of several branches (CASE results, COALESCE, GREATEST, VALUES columns) and
 * the branches coerced to it.
 */
export function unifyTypes(
  context: BindContext,
  exprs: readonly BoundExpr[],
  construct: string,
  position: number | undefined,
): { type: SqlType; exprs: BoundExpr[] } {
  const catalog = builtinCatalog()
  const type = atPosition(position, () =>
    selectCommonTypeWithLegacy(
      exprs.map((expr) => expr.type),
      construct,
    ),
  )
  return {
    type,
    exprs: exprs.map((expr) => {
      if (expr.type.kind === 'unknown') return coerce(context, expr, type, position)
      if (expr.type.oid === type.oid) return expr
      if (isIntegerType(expr.type) && isIntegerType(type)) return { kind: 'Cast', type, arg: expr }
      const coercion = findCoercion(catalog, expr.type, type, 'implicit')
      if (coercion === undefined) throw cannotCast(expr.type, type, position)
      return coercion.kind === 'none' ? expr : { kind: 'Coerce', type, arg: expr, coercion }
    }),
  }
}

/** selectCommonType, also knowing the legacy integer widening (int2 < int4 < int8). */
function selectCommonTypeWithLegacy(types: readonly SqlType[], construct: string): SqlType {
  const known = types.filter((type) => type.kind !== 'unknown')
  if (
    known.length > 0 &&
    known.every(isIntegerType) &&
    builtinCatalog().cast('int2', 'int4') === undefined
  ) {
    return known.reduce((wider, type) => widerInteger(wider, type))
  }
  return selectCommonType(builtinCatalog(), types, construct)
}

function bindCase(context: BindContext, scope: Scope, expr: CaseExpr): BoundExpr {
  const position = context.position(expr.location)
  const operand = expr.arg === undefined ? undefined : bindExpression(context, scope, expr.arg)
  const whens: { condition: BoundExpr; result: BoundExpr }[] = []
  for (const node of expr.args ?? []) {
    if (!('CaseWhen' in node)) continue
    const when = node.CaseWhen
    const condition =
      operand === undefined
        ? bindCondition(context, scope, requireNode(when.expr), 'CASE/WHEN')
        : bindOperatorCall(
            context,
            '=',
            operand,
            bindExpression(context, scope, requireNode(when.expr)),
            context.position(when.location),
          )
    whens.push({ condition, result: bindExpression(context, scope, requireNode(when.result)) })
  }
  const otherwise: BoundExpr =
    expr.defresult === undefined
      ? { kind: 'Constant', type: sqlTypes.unknown, value: null }
      : bindExpression(context, scope, expr.defresult)
  // PostgreSQL considers the ELSE branch first when it picks the common type.
  const unified = unifyTypes(
    context,
    [otherwise, ...whens.map((when) => when.result)],
    'CASE',
    position,
  )
  const [resolvedElse, ...results] = unified.exprs
  return {
    kind: 'Case',
    type: unified.type,
    whens: whens.map((when, i) => ({
      condition: when.condition,
      result: results[i] ?? when.result,
    })),
    otherwise: resolvedElse ?? otherwise,
  }
}

function bindBooleanTest(context: BindContext, scope: Scope, test: BooleanTest): BoundExpr {
  const arg = bindCondition(context, scope, requireNode(test.arg), 'IS TRUE')
  const kinds: Record<string, ['true' | 'false' | 'unknown', boolean]> = {
    IS_TRUE: ['true', false],
    IS_NOT_TRUE: ['true', true],
    IS_FALSE: ['false', false],
    IS_NOT_FALSE: ['false', true],
    IS_UNKNOWN: ['unknown', false],
    IS_NOT_UNKNOWN: ['unknown', true],
  }
  const [kind, isNegated] = kinds[test.booltesttype ?? ''] ?? ['true', false]
  return { kind: 'BooleanTest', type: sqlTypes.bool, arg, test: kind, isNegated }
}

/** Subqueries in expressions: EXISTS, scalar, IN / op ANY / op ALL. */
function bindSubLink(context: BindContext, scope: Scope, link: SubLink): BoundExpr {
  const position = context.position(link.location)
  const subselect = link.subselect
  if (subselect === undefined || !('SelectStmt' in subselect)) {
    throw new SqlError(SqlState.syntaxError, 'subquery expected', positionField(position))
  }
  // The subquery is its own query level: aggregates inside belong to it.
  const select = context.withAggregateBan(undefined, () =>
    context.bindSubquery(subselect.SelectStmt, scope),
  )
  switch (link.subLinkType) {
    case 'EXISTS_SUBLINK':
      return {
        kind: 'SubLink',
        type: sqlTypes.bool,
        link: 'exists',
        plan: select.plan,
        test: undefined,
      }
    case 'ARRAY_SUBLINK': {
      const column = singleColumn(select, position)
      const element = column.type.kind === 'unknown' ? sqlTypes.text : column.type
      return {
        kind: 'SubLink',
        type: element.element !== undefined ? element : arrayOf(element),
        link: 'array',
        plan: select.plan,
        test: undefined,
      }
    }
    case 'EXPR_SUBLINK': {
      const column = singleColumn(select, position)
      return {
        kind: 'SubLink',
        type: column.type,
        link: 'scalar',
        plan: select.plan,
        test: undefined,
      }
    }
    case 'ANY_SUBLINK':
    case 'ALL_SUBLINK': {
      const column = singleColumn(select, position)
      const left = bindExpression(context, scope, requireNode(link.testexpr))
      const operator = link.operName === undefined ? '=' : stringsOf(link.operName).join('.')
      const right: BoundExpr = {
        kind: 'ColumnRef',
        type: column.type,
        column: column.column,
        name: column.name,
        origin: column.origin,
      }
      const test = bindOperatorCall(context, operator, left, right, position)
      if (test.type.kind !== 'bool') {
        throw new SqlError(
          SqlState.datatypeMismatch,
          `op ANY/ALL (array) requires operator to yield boolean`,
          positionField(position),
        )
      }
      return {
        kind: 'SubLink',
        type: sqlTypes.bool,
        link: link.subLinkType === 'ANY_SUBLINK' ? 'any' : 'all',
        plan: select.plan,
        test,
      }
    }
    default:
      throw new SqlError(
        SqlState.featureNotSupported,
        `${link.subLinkType ?? 'this'} subqueries are not supported yet`,
        positionField(position),
      )
  }
}

function singleColumn(
  select: BoundSelect,
  position: number | undefined,
): BoundSelect['output'][number] {
  const [column, extra] = select.output
  if (column === undefined || extra !== undefined) {
    throw new SqlError(
      SqlState.syntaxError,
      column === undefined
        ? 'subquery must return a column'
        : 'subquery must return only one column',
      positionField(position),
    )
  }
  return column
}

/** An operator call resolved against the declared operators (PostgreSQL's rules). */
export function bindBuiltinOperator(
  context: BindContext,
  name: string,
  left: BoundExpr | undefined,
  right: BoundExpr,
  position: number | undefined,
): BoundExpr {
  const resolution = atPosition(position, () =>
    resolveOperator(builtinCatalog(), name, left?.type, right.type),
  )
  const operands = left === undefined ? [right] : [left, right]
  const operator = resolution.declaration
  return {
    kind: 'Call',
    type: resolution.resultType,
    name,
    callee: {
      evaluate: operator.evaluate,
      isStrict: operator.isStrict ?? true,
      volatility: operator.volatility,
    },
    isOperator: true,
    args: operands.map((operand, i) =>
      coerceImplicitly(context, operand, resolution.argTypes[i] ?? operand.type, position),
    ),
  }
}

function bindUnary(
  context: BindContext,
  name: string,
  operand: BoundExpr,
  position: number | undefined,
): BoundExpr {
  if (name === '-' || name === '+') {
    const arg =
      operand.type.kind === 'unknown' ? coerce(context, operand, sqlTypes.int4, position) : operand
    if (!isIntegerType(arg.type)) throw noOperator(name, undefined, arg.type, position)
    return name === '-' ? { kind: 'Negate', type: arg.type, arg } : arg
  }
  throw noOperator(name, undefined, operand.type, position)
}

/** Gives untyped operands (quoted literals, `$n`) the other side's type; two untyped → text. */
function unifyOperands(
  context: BindContext,
  left: BoundExpr,
  right: BoundExpr,
  position: number | undefined,
): [BoundExpr, BoundExpr] {
  const isLeftUnknown = left.type.kind === 'unknown'
  const isRightUnknown = right.type.kind === 'unknown'
  if (isLeftUnknown && isRightUnknown) {
    return [
      coerce(context, left, sqlTypes.text, position),
      coerce(context, right, sqlTypes.text, position),
    ]
  }
  if (isLeftUnknown) return [coerce(context, left, right.type, position), right]
  if (isRightUnknown) return [left, coerce(context, right, left.type, position)]
  return [left, right]
}

/**
 * Converts an untyped expression to `type`: a literal is parsed now (so bad input fails at bind
 * time with the literal's position), a parameter gets its type fixed. Typed expressions are
 * returned unchanged; callers check compatibility.
 */
export function coerce(
  context: BindContext,
  expr: BoundExpr,
  type: SqlType,
  position: number | undefined,
): BoundExpr {
  if (expr.type.kind !== 'unknown') return expr
  if (expr.kind === 'Parameter') {
    context.setParameterType(expr.index, type, undefined)
    return { kind: 'Parameter', type, index: expr.index }
  }
  if (expr.kind === 'Constant') {
    if (expr.value === null) return { kind: 'Constant', type, value: null }
    const text = String(expr.value)
    const value = atPosition(expr.position ?? position, () =>
      parseValueText(text, type, context.typeContext),
    )
    return { kind: 'Constant', type, value }
  }
  return { kind: 'Cast', type, arg: expr }
}

/** Coerces for assignment to a column or a boolean context: implicit casts only. */
export function coerceForAssignment(
  context: BindContext,
  expr: BoundExpr,
  type: SqlType,
  describe: () => string,
  position: number | undefined,
): BoundExpr {
  const converted = convertType(context, expr, type, 'assignment', position)
  if (converted !== undefined) return converted
  const coerced = coerce(context, expr, type, position)
  throw new SqlError(
    SqlState.datatypeMismatch,
    `${describe()} is of type ${type.displayName} but expression is of type ${coerced.type.displayName}`,
    {
      hint: 'You will need to rewrite or cast the expression.',
      ...(position === undefined ? {} : { position }),
    },
  )
}

/** Binds an expression that must be boolean (WHERE, AND/OR/NOT arguments): 42804 otherwise. */
export function bindCondition(
  context: BindContext,
  scope: Scope,
  node: Node,
  clause: string,
): BoundExpr {
  const expr = coerce(context, bindExpression(context, scope, node), sqlTypes.bool, undefined)
  if (expr.type.kind !== 'bool') {
    throw new SqlError(
      SqlState.datatypeMismatch,
      `argument of ${clause} must be type boolean, not type ${expr.type.displayName}`,
      positionField(context.position(locationOf(node))),
    )
  }
  return expr
}

function bindBoolExpr(context: BindContext, scope: Scope, expr: BoolExpr): BoundExpr {
  const args = expr.args ?? []
  switch (expr.boolop) {
    case 'AND_EXPR':
    case 'OR_EXPR': {
      const clause = expr.boolop === 'AND_EXPR' ? 'AND' : 'OR'
      const bound = args.map((arg) => bindCondition(context, scope, arg, clause))
      return {
        kind: 'Logical',
        type: sqlTypes.bool,
        operator: clause === 'AND' ? 'and' : 'or',
        args: bound,
      }
    }
    case 'NOT_EXPR': {
      const arg = bindCondition(context, scope, requireNode(args[0]), 'NOT')
      return { kind: 'Not', type: sqlTypes.bool, arg }
    }
    default:
      throw new SqlError(SqlState.syntaxError, `unknown boolean operator ${expr.boolop ?? ''}`)
  }
}

function bindNullTest(context: BindContext, scope: Scope, test: NullTest): BoundExpr {
  let arg = bindExpression(context, scope, requireNode(test.arg))
  // A parameter stays untyped, as in PostgreSQL (a prepared `$1 IS NULL` is 42P18); execute()
  // reads an untyped parameter as text.
  if (arg.type.kind === 'unknown' && arg.kind !== 'Parameter') {
    arg = coerce(context, arg, sqlTypes.text, undefined)
  }
  return {
    kind: 'IsNull',
    type: sqlTypes.bool,
    arg,
    isNegated: test.nulltesttype === 'IS_NOT_NULL',
  }
}

function bindTypeCast(context: BindContext, scope: Scope, cast: TypeCast): BoundExpr {
  const position = context.position(cast.location)
  const typeName = cast.typeName
  const type = resolveTypeNode(context, typeName)
  const source = requireNode(cast.arg)
  // ARRAY[...]::t[] passes its element type down (so ARRAY[]::int[] is typed), as PostgreSQL.
  const arg =
    'A_ArrayExpr' in source && type.element !== undefined
      ? bindArrayConstructor(context, expressionBinder(context, scope), source.A_ArrayExpr, type)
      : bindExpression(context, scope, source)
  const at = arg.type.kind === 'unknown' ? context.position(locationOf(source)) : position
  const converted = convertType(context, arg, type, 'explicit', at)
  if (converted !== undefined) return converted
  if (canCast(arg.type, type)) return { kind: 'Cast', type, arg }
  throw cannotCast(arg.type, type, position)
}

/**
 * `expr` as a value of `type` (with its typmod) by a coercion allowed in `context`: an untyped
 * literal is read now (its errors point at it), a parameter takes the type, anything else gets a
 * Coerce node. Undefined when no coercion is allowed.
 */
export function convertType(
  context: BindContext,
  expr: BoundExpr,
  type: SqlType,
  coercionContext: CoercionContext,
  position: number | undefined,
): BoundExpr | undefined {
  const isExplicit = coercionContext === 'explicit'
  if (expr.type.kind === 'unknown') {
    const coerced = coerce(context, expr, withoutTypmod(type), position)
    return applyTypmodNow(coerced, type, isExplicit, position)
  }
  const coercion = findCoercion(builtinCatalog(), expr.type, type, coercionContext)
  if (coercion === undefined) return undefined
  if (coercion.kind === 'none' && (type.typmod < 0 || type.typmod === expr.type.typmod)) {
    return expr.type === type ? expr : ({ ...expr, type } as BoundExpr)
  }
  return applyTypmodNow(
    { kind: 'Coerce', type, arg: expr, coercion, isExplicit },
    type,
    isExplicit,
    position,
  )
}

/** A constant coerced to a type with a typmod is checked and rounded at bind time. */
function applyTypmodNow(
  expr: BoundExpr,
  type: SqlType,
  isExplicit: boolean,
  position: number | undefined,
): BoundExpr {
  if (type.typmod < 0) return expr
  if (expr.kind === 'Coerce') return expr
  if (expr.kind !== 'Constant') {
    return { kind: 'Coerce', type, arg: expr, coercion: { kind: 'none' }, isExplicit }
  }
  if (expr.value === null || isTypeImplementedWithoutBehaviour(type)) return { ...expr, type }
  const behaviour = behaviourOf(type)
  const value = atPosition(position, () =>
    behaviour.applyTypmod === undefined
      ? expr.value
      : behaviour.applyTypmod(expr.value, type, isExplicit),
  )
  return { kind: 'Constant', type, value }
}

/** Runs `bind`; an SqlError it raises gets `position` (1-based) when it has none of its own. */
function atPosition<T>(position: number | undefined, bind: () => T): T {
  try {
    return bind()
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
}

function requireNode(node: Node | undefined): Node {
  if (node === undefined) throw new SqlError(SqlState.syntaxError, 'syntax error: missing operand')
  return node
}

/** The AST location of an expression node, for error positions. */
export function locationOf(node: Node): number | undefined {
  const inner = Object.values(node)[0] as { location?: unknown } | undefined
  return typeof inner?.location === 'number' ? inner.location : undefined
}

function positionField(position: number | undefined): { position?: number } {
  return position === undefined ? {} : { position }
}

/** The expression binding bind-array.ts needs, for `scope`. */
function expressionBinder(context: BindContext, scope: Scope): ExpressionBinder {
  return {
    bind: (node) => bindExpression(context, scope, node),
    unify: (exprs, construct, position) => unifyTypes(context, exprs, construct, position),
    coerce: (expr, type, position) => convertType(context, expr, type, 'implicit', position),
    cast: (expr, type, position) => {
      const converted = convertType(context, expr, type, 'explicit', position)
      if (converted !== undefined) return converted
      if (canCast(expr.type, type)) return { kind: 'Cast', type, arg: expr }
      throw cannotCast(expr.type, type, position)
    },
  }
}

/**
 * `left op ANY (array)` / `ALL`: the operator is resolved for the left operand and the array's
 * element type (an untyped literal or parameter on the right is an array of the left's type,
 * as PostgreSQL resolves it); its test reads the element through a column of its own.
 */
function bindScalarArrayOp(
  context: BindContext,
  operator: string,
  left: BoundExpr,
  right: BoundExpr,
  isAny: boolean,
  position: number | undefined,
): BoundExpr {
  const elementOfLeft = left.type.kind === 'unknown' ? sqlTypes.text : left.type
  let array = right
  if (right.type.kind === 'unknown') {
    array = convertType(context, right, arrayOf(elementOfLeft), 'implicit', position) ?? right
  }
  const elementType = array.type.element
  if (elementType === undefined) {
    throw new SqlError(
      SqlState.wrongObjectType,
      'op ANY/ALL (array) requires array on right side',
      positionField(position),
    )
  }
  const element = context.newColumn()
  const elementRef: BoundExpr = {
    kind: 'ColumnRef',
    type: elementType,
    column: element,
    name: 'element',
    origin: undefined,
  }
  const test = bindOperatorCall(context, operator, left, elementRef, position)
  if (test.type.kind !== 'bool') {
    throw new SqlError(
      SqlState.wrongObjectType,
      'op ANY/ALL (array) requires operator to yield boolean',
      positionField(position),
    )
  }
  return { kind: 'ScalarArrayOp', type: sqlTypes.bool, isAny, array, element, test }
}
