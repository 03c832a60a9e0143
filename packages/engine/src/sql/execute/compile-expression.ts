/**
 * Expression compilation: a BoundExpr becomes a closure over (row, parameters), built once per
 * statement, so evaluation per row is a few function calls and no tree walking or dispatch on
 * `kind`. NULL semantics are SQL's three-valued logic.
 */

import { InternalError } from '../../errors/index.js'
import { assertNever } from '../../lib/assert.js'
import { parseValueText, type Row, SqlArray, type SqlType, type Value } from '../../types/index.js'
import type { BoundExpr } from '../bind/index.js'
import {
  arithmetic,
  type CallContext,
  type Coercion,
  castValue,
  compare,
  negate,
  type StatementEnvironment,
} from '../functions/index.js'

export type CompiledExpression = (row: Row, parameters: readonly Value[]) => Value

export function compileExpression(
  environment: StatementEnvironment,
  expr: BoundExpr,
): CompiledExpression {
  switch (expr.kind) {
    case 'Constant': {
      const value = expr.value
      return () => value
    }
    case 'ColumnRef': {
      const index = expr.index
      return (row) => row[index] ?? null
    }
    case 'Parameter': {
      const index = expr.index
      return (_row, parameters) => parameters[index] ?? null
    }
    case 'Comparison': {
      const left = compileExpression(environment, expr.left)
      const right = compileExpression(environment, expr.right)
      const operator = expr.operator
      return (row, parameters) => compare(operator, left(row, parameters), right(row, parameters))
    }
    case 'Arithmetic': {
      const left = compileExpression(environment, expr.left)
      const right = compileExpression(environment, expr.right)
      const { operator, type } = expr
      return (row, parameters) =>
        arithmetic(operator, left(row, parameters), right(row, parameters), type)
    }
    case 'Logical':
      return compileLogical(
        expr.operator,
        expr.args.map((arg) => compileExpression(environment, arg)),
      )
    case 'Not': {
      const arg = compileExpression(environment, expr.arg)
      return (row, parameters) => {
        const value = arg(row, parameters)
        return value === null ? null : !value
      }
    }
    case 'IsNull': {
      const arg = compileExpression(environment, expr.arg)
      const isNegated = expr.isNegated
      return (row, parameters) => (arg(row, parameters) === null) !== isNegated
    }
    case 'Negate': {
      const arg = compileExpression(environment, expr.arg)
      const type = expr.type
      return (row, parameters) => negate(arg(row, parameters), type)
    }
    case 'Cast': {
      const arg = compileExpression(environment, expr.arg)
      const source = expr.arg.type
      const target = expr.type
      return (row, parameters) => castValue(arg(row, parameters), source, target)
    }
    case 'Call':
      return compileCall(environment, expr)
    case 'Coerce': {
      const arg = compileExpression(environment, expr.arg)
      const convert = compileCoercion(environment, expr.coercion, expr.arg.type, expr.type)
      return (row, parameters) => {
        const value = arg(row, parameters)
        return value === null ? null : convert(value)
      }
    }
    default:
      return assertNever(expr, 'expression')
  }
}

function compileCall(
  environment: StatementEnvironment,
  expr: Extract<BoundExpr, { kind: 'Call' }>,
): CompiledExpression {
  const args = expr.args.map((arg) => compileExpression(environment, arg))
  const call: CallContext = {
    ...environment,
    argTypes: expr.args.map((arg) => arg.type),
    resultType: expr.type,
  }
  const evaluate = expr.callee.evaluate
  if (!expr.callee.isStrict) {
    return (row, parameters) =>
      evaluate(
        args.map((arg) => arg(row, parameters)),
        call,
      )
  }
  return (row, parameters) => {
    const values: Value[] = []
    for (const arg of args) {
      const value = arg(row, parameters)
      if (value === null) return null
      values.push(value)
    }
    return evaluate(values, call)
  }
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
      return (value) => parseValueText(environment.output(value, source), target)
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

/** AND: false wins over NULL, NULL over true. OR: true wins over NULL, NULL over false. */
function compileLogical(
  operator: 'and' | 'or',
  args: readonly CompiledExpression[],
): CompiledExpression {
  const decisive = operator === 'or'
  return (row, parameters) => {
    let sawNull = false
    for (const arg of args) {
      const value = arg(row, parameters)
      if (value === null) sawNull = true
      else if (value === decisive) return decisive
    }
    return sawNull ? null : !decisive
  }
}
