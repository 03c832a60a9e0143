/**
 * numeric arithmetic with PostgreSQL's semantics: text input (numeric_in), the typmod coercion
 * of numeric(p,s), + - * / % and div with PostgreSQL's result scales, rounding half away from
 * zero, the base-10000 view PostgreSQL's scale rules are written in, and the 22003/22012 errors.
 * Transcendental functions (sqrt, exp, ln, log, power) are in numeric-transcendental.ts.
 *
 * A finite value is `coefficient × 10^-scale` (see numeric.ts); every result here is checked
 * against PostgreSQL's format limits: 131072 digits before the decimal point, 16383 after.
 */
import { SqlError, SqlState } from '../errors/index.js'
import {
  numericInputExponentMax,
  numericIntegerDigitsMax,
  numericPrecisionMax,
  numericScaleMax,
} from '../limits.js'
import { Numeric } from './numeric.js'

/** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: division and friends keep at least this many digits. */
export const minSignificantDigits = 16

const smallPowers: bigint[] = []
for (let i = 0, p = 1n; i <= 64; i++, p *= 10n) smallPowers.push(p)

/** 10^n as a bigint (n ≥ 0). */
export function pow10(n: number): bigint {
  return n <= 64 ? (smallPowers[n] as bigint) : 10n ** BigInt(n)
}

export function absBig(x: bigint): bigint {
  return x < 0n ? -x : x
}

/** Decimal digits of |x| (1 for zero). */
export function digitCount(x: bigint): number {
  const a = absBig(x)
  if (a < 10n ** 15n) return String(Number(a)).length
  return a.toString().length
}

export function overflowError(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value overflows numeric format')
}

export function divisionByZeroError(): SqlError {
  return new SqlError(SqlState.divisionByZero, 'division by zero')
}

/** PostgreSQL's make_result: a finite value must fit the on-disk format. */
export function makeNumeric(coefficient: bigint, scale: number): Numeric {
  if (scale > numericScaleMax) throw overflowError()
  if (coefficient !== 0n) {
    // Cheap test first: a value with few bits cannot have too many integer digits.
    const hexDigits = coefficient.toString(16).length
    if ((hexDigits - 1) * 4 * Math.LOG10E * Math.LN2 > numericIntegerDigitsMax + scale - 2) {
      if (digitCount(coefficient) - scale > numericIntegerDigitsMax) throw overflowError()
    }
  }
  return Numeric.of(coefficient, scale)
}

/** Divides with rounding half away from zero (PostgreSQL's round_var). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator
  const r = numerator % denominator
  if (r === 0n) return q
  if (2n * absBig(r) >= absBig(denominator)) {
    return numerator < 0n !== denominator < 0n ? q - 1n : q + 1n
  }
  return q
}

/** The coefficient of a finite value at another scale: padded, or rounded half away from zero. */
export function rescaleRound(coefficient: bigint, from: number, to: number): bigint {
  if (to >= from) return coefficient * pow10(to - from)
  return divRound(coefficient, pow10(from - to))
}

/** The coefficient at a lower scale, truncated toward zero. */
export function rescaleTrunc(coefficient: bigint, from: number, to: number): bigint {
  if (to >= from) return coefficient * pow10(to - from)
  return coefficient / pow10(from - to)
}

export function isZero(n: Numeric): boolean {
  return n.kind === 'finite' && n.coefficient === 0n
}

export function numericSign(n: Numeric): number {
  if (n.kind === 'infinity') return 1
  if (n.kind === '-infinity') return -1
  if (n.kind === 'nan') return 0
  return n.coefficient > 0n ? 1 : n.coefficient < 0n ? -1 : 0
}

export function numericFromBigInt(value: bigint): Numeric {
  return Numeric.of(value, 0)
}

// ---------------------------------------------------------------------------------------------
// Text input (numeric_in)

const spaceChars = ' \t\n\r\v\f'

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && spaceChars.includes(ch)
}

function invalidNumericSyntax(text: string): SqlError {
  return new SqlError(
    SqlState.invalidTextRepresentation,
    `invalid input syntax for type numeric: "${text}"`,
  )
}

const specialWords: readonly (readonly [string, Numeric])[] = [
  ['nan', Numeric.nan],
  ['infinity', Numeric.infinity],
  ['+infinity', Numeric.infinity],
  ['-infinity', Numeric.minusInfinity],
  ['inf', Numeric.infinity],
  ['+inf', Numeric.infinity],
  ['-inf', Numeric.minusInfinity],
]

const numberPattern = /^([+-]?)(\d*)(?:\.(\d*))?/

/**
 * PostgreSQL's numeric_in: optional whitespace, sign, digits with an optional point, an optional
 * exponent (e, then what C's strtol takes: whitespace, a sign, digits), trailing whitespace; or
 * NaN, [+-]Infinity, [+-]inf in any case. The display scale is the number of digits after the
 * point less the exponent.
 */
export function parseNumeric(text: string): Numeric {
  let start = 0
  while (isSpace(text[start])) start++
  let end = text.length
  while (end > start && isSpace(text[end - 1])) end--
  const body = text.slice(start, end)
  const lower = body.toLowerCase()
  for (const [word, value] of specialWords) {
    if (lower === word) return value
  }
  const match = numberPattern.exec(body)
  if (match === null) throw invalidNumericSyntax(text)
  const sign = match[1] ?? ''
  const integerDigits = match[2] ?? ''
  const fractionDigits = match[3] ?? ''
  if (integerDigits.length + fractionDigits.length === 0) throw invalidNumericSyntax(text)
  let rest = body.slice(match[0].length)
  let exponent = 0
  if (rest.length > 0) {
    if (rest[0] !== 'e' && rest[0] !== 'E') throw invalidNumericSyntax(text)
    const exponentMatch = /^[eE][ \t\n\r\v\f]*([+-]?)(\d+)/.exec(rest)
    if (exponentMatch === null) throw invalidNumericSyntax(text)
    rest = rest.slice(exponentMatch[0].length)
    if (rest.length > 0) throw invalidNumericSyntax(text)
    const digits = (exponentMatch[2] ?? '').replace(/^0+/, '')
    if (digits.length > 10) throw overflowError()
    const magnitude = Number(digits === '' ? '0' : digits)
    if (magnitude >= numericInputExponentMax) throw overflowError()
    exponent = exponentMatch[1] === '-' ? -magnitude : magnitude
  }
  let coefficient = BigInt(integerDigits + fractionDigits)
  if (sign === '-') coefficient = -coefficient
  let scale = fractionDigits.length - exponent
  if (scale < 0) {
    if (coefficient !== 0n) {
      if (digitCount(coefficient) - scale > numericIntegerDigitsMax) throw overflowError()
      coefficient *= pow10(-scale)
    }
    scale = 0
  }
  return makeNumeric(coefficient, scale)
}

// ---------------------------------------------------------------------------------------------
// Typmod: numeric(p, s)

/** Precision and scale of a numeric typmod ((p << 16) | (s & 0x7ff)) + 4; s may be negative. */
export function numericTypmodParts(typmod: number): { precision: number; scale: number } {
  const packed = typmod - 4
  return { precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 1024) - 1024 }
}

/** The typmod for numeric(precision, scale). */
export function numericTypmod(precision: number, scale: number): number {
  return ((precision << 16) | (scale & 0x7ff)) + 4
}

/**
 * PostgreSQL's apply_typmod: rounds to the scale (half away from zero) and checks that the
 * value has at most precision - scale digits before the point (22003 with PostgreSQL's DETAIL).
 */
export function applyNumericTypmod(value: Numeric, typmod: number): Numeric {
  if (typmod < 4) return value
  const { precision, scale } = numericTypmodParts(typmod)
  if (value.kind === 'nan') return value
  if (value.kind !== 'finite') {
    throw new SqlError(SqlState.numericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    })
  }
  const rounded = roundNumeric(value, scale)
  const maxDigits = precision - scale
  if (rounded.coefficient !== 0n && digitCount(rounded.coefficient) - rounded.scale > maxDigits) {
    const limit = maxDigits === 0 ? '1' : `10^${maxDigits}`
    throw new SqlError(SqlState.numericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${limit}.`,
    })
  }
  return rounded
}

/** Checks numeric(p, s) modifiers as PostgreSQL's numerictypmodin does (22023). */
export function checkNumericTypmod(precision: number, scale: number): void {
  if (precision < 1 || precision > numericPrecisionMax) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `NUMERIC precision ${precision} must be between 1 and ${numericPrecisionMax}`,
    )
  }
  if (scale < -1000 || scale > 1000) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `NUMERIC scale ${scale} must be between -1000 and 1000`,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Rounding

/** round(x, s): half away from zero; the display scale becomes max(s, 0). */
export function roundNumeric(value: Numeric, scale: number): Numeric {
  if (value.kind !== 'finite') return value
  const target = Math.max(scale, 0)
  if (scale >= value.scale)
    return Numeric.of(value.coefficient * pow10(target - value.scale), target)
  const rounded = divRound(value.coefficient, pow10(value.scale - scale))
  return makeNumeric(scale >= 0 ? rounded : rounded * pow10(-scale), target)
}

/** trunc(x, s): toward zero; the display scale becomes max(s, 0). */
export function truncNumeric(value: Numeric, scale: number): Numeric {
  if (value.kind !== 'finite') return value
  const target = Math.max(scale, 0)
  if (scale >= value.scale)
    return Numeric.of(value.coefficient * pow10(target - value.scale), target)
  const truncated = value.coefficient / pow10(value.scale - scale)
  return Numeric.of(scale >= 0 ? truncated : truncated * pow10(-scale), target)
}

export function ceilNumeric(value: Numeric): Numeric {
  if (value.kind !== 'finite') return value
  const unit = pow10(value.scale)
  let q = value.coefficient / unit
  if (value.coefficient > 0n && value.coefficient % unit !== 0n) q += 1n
  return makeNumeric(q, 0)
}

export function floorNumeric(value: Numeric): Numeric {
  if (value.kind !== 'finite') return value
  const unit = pow10(value.scale)
  let q = value.coefficient / unit
  if (value.coefficient < 0n && value.coefficient % unit !== 0n) q -= 1n
  return makeNumeric(q, 0)
}

/** The smallest scale that represents the value exactly (min_scale). */
export function minScale(value: Numeric): number {
  if (value.coefficient === 0n) return 0
  let c = value.coefficient
  let s = value.scale
  while (s > 0 && c % 10n === 0n) {
    c /= 10n
    s--
  }
  return s
}

/** The value with trailing fractional zeros removed (trim_scale). */
export function trimScale(value: Numeric): Numeric {
  if (value.kind !== 'finite') return value
  const s = minScale(value)
  return Numeric.of(value.coefficient / pow10(value.scale - s), s)
}

// ---------------------------------------------------------------------------------------------
// The base-10000 view: PostgreSQL stores numerics as base-10000 digits and its scale rules
// (division, sqrt, ln) look at the weight and first digits of that form.

export interface Base10000 {
  /** Weight of the first digit: the value is Σ digits[i] × 10000^(weight - i). */
  readonly weight: number
  /** Digits 0..9999 without leading or trailing zeros; empty for zero. */
  readonly digits: number[]
}

/** The stripped base-10000 digits of |value| (finite values). */
export function toBase10000(coefficient: bigint, scale: number): Base10000 {
  if (coefficient === 0n) return { weight: 0, digits: [] }
  let text = absBig(coefficient).toString()
  const rightPad = (4 - (scale % 4)) % 4
  const fractionLength = scale + rightPad
  text += '0'.repeat(rightPad)
  let integerLength = text.length - fractionLength
  if (integerLength < 0) {
    text = '0'.repeat(-integerLength) + text
    integerLength = 0
  }
  const leftPad = (4 - (integerLength % 4)) % 4
  text = '0'.repeat(leftPad) + text
  integerLength += leftPad
  const digits: number[] = []
  for (let i = 0; i < text.length; i += 4) digits.push(Number(text.slice(i, i + 4)))
  let weight = integerLength / 4 - 1
  let first = 0
  while (first < digits.length && digits[first] === 0) {
    first++
    weight--
  }
  let last = digits.length
  while (last > first && digits[last - 1] === 0) last--
  return { weight, digits: digits.slice(first, last) }
}

/** Weight and first base-10000 digit of a value, without converting all of it. */
export function leadingBase10000(
  coefficient: bigint,
  scale: number,
): { weight: number; first: number; second: number | undefined } {
  if (coefficient === 0n) return { weight: 0, first: 0, second: undefined }
  const text = absBig(coefficient).toString()
  const integerLength = text.length - scale
  const weight = Math.floor((integerLength - 1) / 4)
  const firstLength = integerLength - 4 * weight
  const first = Number(text.slice(0, firstLength).padEnd(firstLength, '0'))
  const restText = text.slice(firstLength)
  let second: number | undefined
  if (/[1-9]/.test(restText)) second = Number(restText.slice(0, 4).padEnd(4, '0'))
  return { weight, first, second }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

function bothFinite(a: Numeric, b: Numeric): boolean {
  return a.kind === 'finite' && b.kind === 'finite'
}

export function negateNumeric(a: Numeric): Numeric {
  switch (a.kind) {
    case 'nan':
      return a
    case 'infinity':
      return Numeric.minusInfinity
    case '-infinity':
      return Numeric.infinity
    default:
      return a.coefficient === 0n ? a : Numeric.of(-a.coefficient, a.scale)
  }
}

export function absNumeric(a: Numeric): Numeric {
  if (a.kind === '-infinity') return Numeric.infinity
  if (a.kind !== 'finite' || a.coefficient >= 0n) return a
  return Numeric.of(-a.coefficient, a.scale)
}

function infinityOfSign(sign: number): Numeric {
  return sign > 0 ? Numeric.infinity : Numeric.minusInfinity
}

export function addNumeric(a: Numeric, b: Numeric): Numeric {
  if (!bothFinite(a, b)) {
    if (a.kind === 'nan' || b.kind === 'nan') return Numeric.nan
    if (a.kind !== 'finite' && b.kind !== 'finite') {
      return a.kind === b.kind ? a : Numeric.nan
    }
    return a.kind !== 'finite' ? a : b
  }
  const scale = Math.max(a.scale, b.scale)
  return makeNumeric(
    a.coefficient * pow10(scale - a.scale) + b.coefficient * pow10(scale - b.scale),
    scale,
  )
}

export function subtractNumeric(a: Numeric, b: Numeric): Numeric {
  return addNumeric(a, negateNumeric(b))
}

export function multiplyNumeric(a: Numeric, b: Numeric): Numeric {
  if (!bothFinite(a, b)) {
    if (a.kind === 'nan' || b.kind === 'nan') return Numeric.nan
    const sign = numericSign(a) * numericSign(b)
    return sign === 0 ? Numeric.nan : infinityOfSign(sign)
  }
  let coefficient = a.coefficient * b.coefficient
  let scale = a.scale + b.scale
  // The exact product may have more fractional digits than numeric can hold: round, as
  // PostgreSQL's numeric_mul does.
  if (scale > numericScaleMax) {
    coefficient = divRound(coefficient, pow10(scale - numericScaleMax))
    scale = numericScaleMax
  }
  return makeNumeric(coefficient, scale)
}

/** PostgreSQL's select_div_scale: at least 16 significant digits, no less than either input's
 * display scale, at most 1000. */
export function divisionScale(a: Numeric, b: Numeric): number {
  const x = leadingBase10000(a.coefficient, a.scale)
  const y = leadingBase10000(b.coefficient, b.scale)
  let quotientWeight = x.weight - y.weight
  if (x.first <= y.first) quotientWeight--
  let scale = minSignificantDigits - quotientWeight * 4
  scale = Math.max(scale, a.scale, b.scale, 0)
  return Math.min(scale, numericPrecisionMax)
}

/** a / b rounded half away from zero to `scale` digits (b finite and non-zero). */
export function divideToScale(a: Numeric, b: Numeric, scale: number): Numeric {
  const shift = scale + b.scale - a.scale
  const numerator = shift >= 0 ? a.coefficient * pow10(shift) : a.coefficient
  const denominator = shift >= 0 ? b.coefficient : b.coefficient * pow10(-shift)
  return makeNumeric(divRound(numerator, denominator), scale)
}

function specialDivision(a: Numeric, b: Numeric): Numeric | undefined {
  if (a.kind === 'nan' || b.kind === 'nan') return Numeric.nan
  if (a.kind !== 'finite') {
    if (b.kind !== 'finite') return Numeric.nan
    const sign = numericSign(b)
    if (sign === 0) throw divisionByZeroError()
    return infinityOfSign(numericSign(a) * sign)
  }
  if (b.kind !== 'finite') return Numeric.of(0n, 0)
  if (b.coefficient === 0n) throw divisionByZeroError()
  return undefined
}

export function divideNumeric(a: Numeric, b: Numeric): Numeric {
  const special = specialDivision(a, b)
  if (special !== undefined) return special
  return divideToScale(a, b, divisionScale(a, b))
}

/** div(a, b): the quotient truncated toward zero, scale 0. */
export function divideTruncNumeric(a: Numeric, b: Numeric): Numeric {
  const special = specialDivision(a, b)
  if (special !== undefined) return special
  const shift = b.scale - a.scale
  const numerator = shift >= 0 ? a.coefficient * pow10(shift) : a.coefficient
  const denominator = shift >= 0 ? b.coefficient : b.coefficient * pow10(-shift)
  return makeNumeric(numerator / denominator, 0)
}

/** a % b: the remainder of truncating division, with the sign of a. */
export function modNumeric(a: Numeric, b: Numeric): Numeric {
  if (a.kind === 'nan' || b.kind === 'nan') return Numeric.nan
  if (a.kind !== 'finite') {
    if (b.kind === 'finite' && b.coefficient === 0n) throw divisionByZeroError()
    return Numeric.nan
  }
  if (b.kind !== 'finite') return a
  if (b.coefficient === 0n) throw divisionByZeroError()
  const scale = Math.max(a.scale, b.scale)
  const x = a.coefficient * pow10(scale - a.scale)
  const y = b.coefficient * pow10(scale - b.scale)
  return Numeric.of(x % y, scale)
}

/** The two values' coefficients at their common scale. */
function aligned(a: Numeric, b: Numeric): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale)
  return [a.coefficient * pow10(scale - a.scale), b.coefficient * pow10(scale - b.scale), scale]
}

function gcdBig(x: bigint, y: bigint): bigint {
  let a = absBig(x)
  let b = absBig(y)
  while (b !== 0n) {
    const t = a % b
    a = b
    b = t
  }
  return a
}

/** gcd(a, b): non-negative, scale max of the inputs' (NaN for NaN or infinite inputs). */
export function gcdNumeric(a: Numeric, b: Numeric): Numeric {
  if (!bothFinite(a, b)) return Numeric.nan
  const [x, y, scale] = aligned(a, b)
  return Numeric.of(gcdBig(x, y), scale)
}

/** lcm(a, b): non-negative, zero when either is zero. */
export function lcmNumeric(a: Numeric, b: Numeric): Numeric {
  if (!bothFinite(a, b)) return Numeric.nan
  const [x, y, scale] = aligned(a, b)
  if (x === 0n || y === 0n) return Numeric.of(0n, scale)
  return makeNumeric(absBig((x / gcdBig(x, y)) * y), scale)
}

/** factorial(n) for n ≥ 0 (n! overflows numeric beyond 32177). */
export function factorialBig(n: number): bigint {
  // Multiply in a balanced tree: far faster than a running product for large n.
  const product = (lo: number, hi: number): bigint => {
    if (hi - lo < 16) {
      let p = 1n
      for (let i = lo; i <= hi; i++) p *= BigInt(i)
      return p
    }
    const mid = Math.floor((lo + hi) / 2)
    return product(lo, mid) * product(mid + 1, hi)
  }
  return n < 2 ? 1n : product(2, n)
}

// ---------------------------------------------------------------------------------------------
// Conversions

/** Rounds to an integer half away from zero (numeric → int2/int4/int8). */
export function numericToBigInt(
  value: Numeric,
  typeName: 'smallint' | 'integer' | 'bigint',
): bigint {
  if (value.kind === 'nan') {
    throw new SqlError(SqlState.featureNotSupported, `cannot convert NaN to ${typeName}`)
  }
  if (value.kind !== 'finite') {
    throw new SqlError(SqlState.featureNotSupported, `cannot convert infinity to ${typeName}`)
  }
  return divRound(value.coefficient, pow10(value.scale))
}
