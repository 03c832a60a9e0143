/**
 * Built-in operators: which operand types each accepts, its result type, and its evaluation.
 * Comparison and arithmetic follow PostgreSQL: integers of different widths mix (the result is
 * the wider type), overflow raises 22003, division by zero 22012, and a missing operator is
 * 42883 with PostgreSQL's wording and hint.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { assertNever } from '../../lib/assert.js'
import {
  checkIntegerRange,
  compareValues,
  isIntegerType,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../types/index.js'

export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>='
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%'

const integerWidth = { int2: 2, int4: 4, int8: 8 } as const

/** The wider of two integer types. */
export function widerInteger(a: SqlType, b: SqlType): SqlType {
  const wa = integerWidth[a.kind as keyof typeof integerWidth] ?? 0
  const wb = integerWidth[b.kind as keyof typeof integerWidth] ?? 0
  return wa >= wb ? a : b
}

export function noOperator(
  operator: string,
  left: SqlType | undefined,
  right: SqlType,
  position: number | undefined,
): SqlError {
  const signature =
    left === undefined
      ? `${operator} ${right.displayName}`
      : `${left.displayName} ${operator} ${right.displayName}`
  return new SqlError(SqlState.undefinedFunction, `operator does not exist: ${signature}`, {
    hint:
      left === undefined
        ? 'No operator matches the given name and argument type. You might need to add an explicit type cast.'
        : 'No operator matches the given name and argument types. You might need to add explicit type casts.',
    ...(position === undefined ? {} : { position }),
  })
}

/** Whether `left op right` exists for comparison operators (both sides already resolved). */
export function isComparable(left: SqlType, right: SqlType): boolean {
  if (isIntegerType(left) && isIntegerType(right)) return true
  return left.kind === right.kind
}

export function compare(operator: ComparisonOperator, left: Value, right: Value): Value {
  if (left === null || right === null) return null
  const order = compareValues(left, right)
  switch (operator) {
    case '=':
      return order === 0
    case '<>':
      return order !== 0
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    case '>=':
      return order >= 0
    default:
      return assertNever(operator, 'comparison operator')
  }
}

export function arithmetic(
  operator: ArithmeticOperator,
  left: Value,
  right: Value,
  type: SqlType,
): Value {
  if (left === null || right === null) return null
  const kind = type.kind
  if (kind !== 'int2' && kind !== 'int4' && kind !== 'int8') {
    throw new SqlError(SqlState.internalError, `arithmetic on ${type.displayName}`)
  }
  const a = BigInt(left as number | bigint)
  const b = BigInt(right as number | bigint)
  switch (operator) {
    case '+':
      return checkIntegerRange(a + b, kind)
    case '-':
      return checkIntegerRange(a - b, kind)
    case '*':
      return checkIntegerRange(a * b, kind)
    case '/':
      if (b === 0n) throw divisionByZero()
      // BigInt division truncates toward zero, as PostgreSQL's integer division does.
      return checkIntegerRange(a / b, kind)
    case '%':
      if (b === 0n) throw divisionByZero()
      return checkIntegerRange(a % b, kind)
    default:
      return assertNever(operator, 'arithmetic operator')
  }
}

export function negate(value: Value, type: SqlType): Value {
  if (value === null) return null
  const kind = type.kind
  if (kind !== 'int2' && kind !== 'int4' && kind !== 'int8') {
    throw new SqlError(SqlState.internalError, `negation of ${type.displayName}`)
  }
  return checkIntegerRange(-BigInt(value as number | bigint), kind)
}

function divisionByZero(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero')
}

export const booleanType = sqlTypes.bool
