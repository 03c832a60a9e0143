/**
 * Expression compilation: a BoundExpr becomes a closure over (row, parameters), built once per
 * statement, so evaluation per row is a few function calls and no tree walking or dispatch on
 * `kind`. NULL semantics are SQL's three-valued logic.
 */
import { assertNever } from '../../lib/assert.js'
import type { Row, Value } from '../../types/index.js'
import type { BoundExpr } from '../bind/index.js'
import { arithmetic, castValue, compare, negate } from '../functions/index.js'

export type CompiledExpression = (row: Row, parameters: readonly Value[]) => Value

export function compileExpression(expr: BoundExpr): CompiledExpression {
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
      const left = compileExpression(expr.left)
      const right = compileExpression(expr.right)
      const operator = expr.operator
      return (row, parameters) => compare(operator, left(row, parameters), right(row, parameters))
    }
    case 'Arithmetic': {
      const left = compileExpression(expr.left)
      const right = compileExpression(expr.right)
      const { operator, type } = expr
      return (row, parameters) =>
        arithmetic(operator, left(row, parameters), right(row, parameters), type)
    }
    case 'Logical':
      return compileLogical(expr.operator, expr.args.map(compileExpression))
    case 'Not': {
      const arg = compileExpression(expr.arg)
      return (row, parameters) => {
        const value = arg(row, parameters)
        return value === null ? null : !value
      }
    }
    case 'IsNull': {
      const arg = compileExpression(expr.arg)
      const isNegated = expr.isNegated
      return (row, parameters) => (arg(row, parameters) === null) !== isNegated
    }
    case 'Negate': {
      const arg = compileExpression(expr.arg)
      const type = expr.type
      return (row, parameters) => negate(arg(row, parameters), type)
    }
    case 'Cast': {
      const arg = compileExpression(expr.arg)
      const source = expr.arg.type
      const target = expr.type
      return (row, parameters) => castValue(arg(row, parameters), source, target)
    }
    default:
      return assertNever(expr, 'expression')
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
