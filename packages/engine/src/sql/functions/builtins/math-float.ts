/**
 * float8 functions with PostgreSQL's domain errors and overflow/underflow checks. The
 * transcendental ones use JavaScript's Math, whose last-place rounding can differ from the C
 * library PostgreSQL runs on (glibc) for some inputs: sqrt is exact in both, others may differ
 * by one unit in the last place (cbrt(27) is 3 here and 3.0000000000000004 with glibc).
 */
import { SqlError, SqlState } from '../../../errors/index.js'
import { checkFloat, floatOverflow, floatUnderflow } from './math-values.js'

function powerError(message: string): SqlError {
  return new SqlError(SqlState.invalidArgumentForPowerFunction, message)
}

function logarithmError(message: string): SqlError {
  return new SqlError(SqlState.invalidArgumentForLogarithm, message)
}

export function inputOutOfRange(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'input is out of range')
}

export function sqrtFloat(x: number): number {
  if (x < 0) throw powerError('cannot take square root of a negative number')
  return Math.sqrt(x)
}

export function cbrtFloat(x: number): number {
  return Math.cbrt(x)
}

/** dpow: POSIX's NaN and infinity rules made explicit, then pow with range checks. */
export function powerFloat(x: number, y: number): number {
  if (Number.isNaN(x)) return Number.isNaN(y) || y !== 0 ? Number.NaN : 1
  if (Number.isNaN(y)) return x !== 1 ? Number.NaN : 1
  if (x === 0 && y < 0) throw powerError('zero raised to a negative power is undefined')
  if (x < 0 && Math.floor(y) !== y) {
    throw powerError('a negative number raised to a non-integer power yields a complex result')
  }
  if (y === Infinity || y === -Infinity) {
    const size = Math.abs(x)
    if (size === 1) return 1
    if (y > 0) return size > 1 ? y : 0
    return size > 1 ? 0 : -y
  }
  if (x === Infinity || x === -Infinity) {
    if (y === 0) return 1
    if (x > 0) return y > 0 ? x : 0
    const isOddInteger = Math.floor(y) === y && Math.abs(y % 2) === 1
    if (y > 0) return isOddInteger ? x : -x
    return isOddInteger ? -0 : 0
  }
  const result = x ** y
  if (result === Infinity || result === -Infinity) throw floatOverflow()
  if (result === 0 && x !== 0) throw floatUnderflow()
  return result
}

export function expFloat(x: number): number {
  if (Number.isNaN(x)) return x
  if (x === Infinity) return x
  if (x === -Infinity) return 0
  const result = Math.exp(x)
  if (result === Infinity) throw floatOverflow()
  if (result === 0) throw floatUnderflow()
  return result
}

function checkLogarithm(x: number): void {
  if (x === 0) throw logarithmError('cannot take logarithm of zero')
  if (x < 0) throw logarithmError('cannot take logarithm of a negative number')
}

export function lnFloat(x: number): number {
  checkLogarithm(x)
  return Math.log(x)
}

export function log10Float(x: number): number {
  checkLogarithm(x)
  return Math.log10(x)
}

/** sin, cos, tan, cot: infinite inputs are 22003 "input is out of range". */
export function trigonometric(f: (x: number) => number): (x: number) => number {
  return (x) => {
    if (Number.isNaN(x)) return x
    if (x === Infinity || x === -Infinity) throw inputOutOfRange()
    return checkFloat(f(x), true, true)
  }
}

/** asin, acos: inputs outside [-1, 1] are 22003. */
export function inverseTrigonometric(f: (x: number) => number): (x: number) => number {
  return (x) => {
    if (Number.isNaN(x)) return x
    if (x < -1 || x > 1) throw inputOutOfRange()
    return f(x)
  }
}

export function acoshFloat(x: number): number {
  if (x < 1) throw inputOutOfRange()
  return Math.acosh(x)
}

export function atanhFloat(x: number): number {
  if (x < -1 || x > 1) throw inputOutOfRange()
  if (x === 1) return Infinity
  if (x === -1) return -Infinity
  return Math.atanh(x)
}

export function coshFloat(x: number): number {
  const result = Math.cosh(x)
  if (result === 0) throw floatUnderflow()
  return result
}

const radiansPerDegree = 0.017453292519943295

export function degreesFloat(x: number): number {
  const result = x / radiansPerDegree
  return checkFloat(result, !Number.isFinite(x), x === 0)
}

export function radiansFloat(x: number): number {
  const result = x * radiansPerDegree
  return checkFloat(result, !Number.isFinite(x), x === 0)
}

/** width_bucket(operand, low, high, count) for float8. */
export function widthBucketFloat(
  operand: number,
  low: number,
  high: number,
  count: number,
): number {
  if (count <= 0) {
    throw new SqlError(
      SqlState.invalidArgumentForWidthBucketFunction,
      'count must be greater than zero',
    )
  }
  if (Number.isNaN(operand) || Number.isNaN(low) || Number.isNaN(high)) {
    throw new SqlError(
      SqlState.invalidArgumentForWidthBucketFunction,
      'operand, lower bound, and upper bound cannot be NaN',
    )
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) {
    throw new SqlError(
      SqlState.invalidArgumentForWidthBucketFunction,
      'lower and upper bounds must be finite',
    )
  }
  if (low === high) {
    throw new SqlError(
      SqlState.invalidArgumentForWidthBucketFunction,
      'lower bound cannot equal upper bound',
    )
  }
  const isAscending = low < high
  const isBelow = isAscending ? operand < low : operand > low
  const isAbove = isAscending ? operand >= high : operand <= high
  if (isBelow) return 0
  if (isAbove) {
    if (count === 2147483647) {
      throw new SqlError(SqlState.numericValueOutOfRange, 'integer out of range')
    }
    return count + 1
  }
  // PostgreSQL 15 computes count × offset / span + 1 in float8 and converts it with C's (int)
  // cast, which gives INT_MIN on x86-64 when the quotient overflows (count × offset = Inf).
  const offset = isAscending ? operand - low : low - operand
  const span = isAscending ? high - low : low - high
  const result = (count * offset) / span + 1
  return Number.isFinite(result) && result < 2147483648 ? Math.trunc(result) : -2147483648
}
