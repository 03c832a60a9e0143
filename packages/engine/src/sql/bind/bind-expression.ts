/**
 * Expression binding: AST expression → BoundExpr with a type. Resolves column names in the
 * scope, gives quoted literals the type their context asks for (PostgreSQL's "unknown" literal
 * rule), infers `$n` parameter types from context, and picks operators by operand types.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { isIntegerType, parseValueText, type SqlType, sqlTypes } from '../../types/index.js'
import {
  type BuiltinFunction,
  type BuiltinOperator,
  builtinCatalog,
  canCast,
  cannotCast,
  findCoercion,
  isComparable,
  noOperator,
  noSuchFunction,
  type Resolution,
  resolveFunction,
  resolveOperator,
  widerInteger,
} from '../functions/index.js'
import {
  type A_Const,
  type A_Expr,
  type BoolExpr,
  type ColumnRef,
  type FuncCall,
  type Node,
  type NullTest,
  nodeTag,
  stringOf,
  stringsOf,
  type TypeCast,
} from '../parse/index.js'
import type { BindContext } from './bind-context.js'
import { resolveTypeName } from './bind-type.js'
import type { ArithmeticOperator, BoundExpr, ComparisonOperator } from './bound.js'
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
    const index = context.useParameter(node.ParamRef.number ?? 0, node.ParamRef.location)
    const type = context.parameterType(index) ?? sqlTypes.unknown
    return { kind: 'Parameter', type, index }
  }
  if ('A_Expr' in node) return bindOperator(context, scope, node.A_Expr)
  if ('BoolExpr' in node) return bindBoolExpr(context, scope, node.BoolExpr)
  if ('NullTest' in node) return bindNullTest(context, scope, node.NullTest)
  if ('TypeCast' in node) return bindTypeCast(context, scope, node.TypeCast)
  if ('FuncCall' in node) {
    const names = stringsOf(node.FuncCall.funcname)
    const name = names.join('.')
    const position = context.position(node.FuncCall.location)
    const bare = names[names.length - 1] ?? ''
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
  const declarations = isCatalogName ? catalog.functions.get(name) : undefined
  if (declarations === undefined) return undefined
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
              : call.func_variadic === true
                ? 'VARIADIC'
                : undefined
  if (clause !== undefined) {
    throw new SqlError(
      SqlState.wrongObjectType,
      `${clause} specified, but ${name} is not an aggregate function`,
      positionField(position),
    )
  }
  const args = (call.args ?? []).map((arg) => bindExpression(context, scope, arg))
  const types = args.map((arg) => arg.type)
  let resolution: ReturnType<typeof resolveFunction<BuiltinFunction>>
  try {
    resolution = resolveFunction(catalog, name, declarations, types)
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
  if (resolution === undefined) throw noSuchFunction(name, types).withPosition(position ?? 0)
  const argTypes = resolution.argTypes
  const coerced = args.map((arg, i) =>
    coerceImplicitly(context, arg, argTypes[i] ?? arg.type, position),
  )
  return {
    kind: 'Call',
    type: resolution.resultType,
    name,
    callee: resolution.declaration,
    isOperator: false,
    args: coerced,
  }
}

/** Converts `expr` to `type` by an implicit coercion that resolution has found to exist. */
function coerceImplicitly(
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
    throw unsupportedType('numeric', context.position(constant.location))
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
  const column = scope.resolve(qualifier, name, position)
  return { kind: 'ColumnRef', type: column.type, index: column.index, name, table: column.table }
}

function bindOperator(context: BindContext, scope: Scope, expr: A_Expr): BoundExpr {
  const position = context.position(expr.location)
  const name = stringsOf(expr.name).join('.')
  if (expr.kind !== 'AEXPR_OP') {
    throw new SqlError(
      SqlState.featureNotSupported,
      `${expr.kind ?? 'this'} expressions are not supported yet`,
      position === undefined ? {} : { position },
    )
  }
  const right = bindExpression(context, scope, requireNode(expr.rexpr))
  const left = expr.lexpr === undefined ? undefined : bindExpression(context, scope, expr.lexpr)
  if (builtinCatalog().operators.has(name)) {
    return bindBuiltinOperator(context, name, left, right, position)
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

/** An operator call resolved against the declared operators (PostgreSQL's rules). */
export function bindBuiltinOperator(
  context: BindContext,
  name: string,
  left: BoundExpr | undefined,
  right: BoundExpr,
  position: number | undefined,
): BoundExpr {
  let resolution: Resolution<BuiltinOperator>
  try {
    resolution = resolveOperator(builtinCatalog(), name, left?.type, right.type)
  } catch (error: unknown) {
    if (error instanceof SqlError && position !== undefined) throw error.withPosition(position)
    throw error
  }
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
    try {
      return { kind: 'Constant', type, value: parseValueText(String(expr.value), type) }
    } catch (error: unknown) {
      const at = expr.position ?? position
      if (error instanceof SqlError && at !== undefined) throw error.withPosition(at)
      throw error
    }
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
  const coerced = coerce(context, expr, type, position)
  if (coerced.type.kind === type.kind) return coerced
  if (isIntegerType(coerced.type) && isIntegerType(type))
    return { kind: 'Cast', type, arg: coerced }
  // PostgreSQL assigns any type to a text column through its output function (an I/O cast).
  if (type.kind === 'text') return { kind: 'Cast', type, arg: coerced }
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
  if (arg.type.kind === 'unknown') arg = coerce(context, arg, sqlTypes.text, undefined)
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
  if ((typeName?.arrayBounds ?? []).length > 0) throw unsupportedType('array', position)
  const type = resolveTypeName(stringsOf(typeName?.names), context.position(typeName?.location))
  const arg = bindExpression(context, scope, requireNode(cast.arg))
  if (arg.type.kind === 'unknown') {
    const literalPosition = context.position(locationOf(requireNode(cast.arg)))
    return coerce(context, arg, type, literalPosition)
  }
  if (!canCast(arg.type, type)) throw cannotCast(arg.type, type, position)
  if (arg.type.kind === type.kind) return arg
  return { kind: 'Cast', type, arg }
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
