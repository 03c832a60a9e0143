/**
 * Value helpers shared by the math family's declarations: typed access to argument values,
 * integer range checks with PostgreSQL's wording, and float results with its overflow and
 * underflow checks.
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { Numeric, type Value } from '../../../types/index.js'

export type IntegerKind = 'int2' | 'int4' | 'int8'
export type FloatKind = 'float4' | 'float8'

export const integerTypeNames = { int2: 'smallint', int4: 'integer', int8: 'bigint' } as const

const integerBounds = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  int8: [-9223372036854775808n, 9223372036854775807n],
} as const

export function integerOutOfRange(kind: IntegerKind): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, `${integerTypeNames[kind]} out of range`)
}

/** A number argument (int2, int4, oid, float4, float8). */
export function num(value: Value): number {
  if (typeof value === 'number') return value
  throw new SqlError(SqlState.internalError, `expected a number argument, got ${typeof value}`)
}

/** An integer argument of any width as a bigint. */
export function big(value: Value): bigint {
  if (typeof value === 'bigint') return value
  if (typeof value === 'number') return BigInt(value)
  throw new SqlError(SqlState.internalError, `expected an integer argument, got ${typeof value}`)
}

export function numeric(value: Value): Numeric {
  if (value instanceof Numeric) return value
  throw new SqlError(SqlState.internalError, `expected a numeric argument, got ${typeof value}`)
}

/** An int2/int4 result from a JavaScript number (exact or already beyond the range). */
export function smallResult(value: number, kind: 'int2' | 'int4'): number {
  const [min, max] = integerBounds[kind]
  if (!(value >= min && value <= max)) throw integerOutOfRange(kind)
  return value + 0 // no negative zero
}

export function int8Result(value: bigint): bigint {
  if (value < integerBounds.int8[0] || value > integerBounds.int8[1])
    throw integerOutOfRange('int8')
  return value
}

/** An integer result of the given width from a bigint. */
export function integerResult(value: bigint, kind: IntegerKind): Value {
  if (kind === 'int8') return int8Result(value)
  const [min, max] = integerBounds[kind]
  if (value < BigInt(min) || value > BigInt(max)) throw integerOutOfRange(kind)
  return Number(value)
}

export function floatOverflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value out of range: overflow')
}

export function floatUnderflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value out of range: underflow')
}

export function divisionByZero(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero')
}

/** Rounds a double to float4 precision when the kind is float4. */
export function toKind(value: number, kind: FloatKind): number {
  return kind === 'float4' ? Math.fround(value) : value
}

/** PostgreSQL's check_float8_val: infinite results from finite inputs overflow, zero results
 * from non-zero inputs underflow. */
export function checkFloat(
  result: number,
  isInfinityAllowed: boolean,
  isZeroAllowed: boolean,
): number {
  if (result === Infinity || result === -Infinity) {
    if (!isInfinityAllowed) throw floatOverflow()
  }
  if (result === 0 && !isZeroAllowed) throw floatUnderflow()
  return result
}

function isInfinite(x: number): boolean {
  return x === Infinity || x === -Infinity
}

export function floatAdd(a: number, b: number, kind: FloatKind): number {
  const result = toKind(a + b, kind)
  return checkFloat(result, isInfinite(a) || isInfinite(b), true)
}

export function floatSubtract(a: number, b: number, kind: FloatKind): number {
  const result = toKind(a - b, kind)
  return checkFloat(result, isInfinite(a) || isInfinite(b), true)
}

export function floatMultiply(a: number, b: number, kind: FloatKind): number {
  const result = toKind(a * b, kind)
  return checkFloat(result, isInfinite(a) || isInfinite(b), a === 0 || b === 0)
}

export function floatDivide(a: number, b: number, kind: FloatKind): number {
  if (b === 0 && !Number.isNaN(a)) throw divisionByZero()
  const result = toKind(a / b, kind)
  return checkFloat(result, isInfinite(a), a === 0 || isInfinite(b))
}

/** C's rint(): round half to even. */
export function rint(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x
  const floor = Math.floor(x)
  const difference = x - floor
  const result = difference < 0.5 ? floor : difference > 0.5 || floor % 2 !== 0 ? floor + 1 : floor
  return result === 0 && x < 0 ? -0 : result
}

/** Compares two integers of any widths. */
export function compareIntegers(a: Value, b: Value): number {
  const x = typeof a === 'number' || typeof a === 'bigint' ? a : big(a)
  const y = typeof b === 'number' || typeof b === 'bigint' ? b : big(b)
  return x < y ? -1 : x > y ? 1 : 0
}
