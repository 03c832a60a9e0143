/**
 * The numeric conversions the json family needs, private to it (the numbers family owns the
 * numeric library; these are kept small and named for JSON so the two can be merged later):
 * JSON number text to an exact Numeric as numeric_in reads it ('1e400', '-0', '1.50'), and
 * Numeric to the integer and float values the jsonb casts produce.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { jsonNumberDigitsMax } from '../../limits.js'
import { Numeric } from '../numeric.js'

/** numeric's storage limits (PostgreSQL's NUMERIC_DSCALE_MAX and the int16 weight of base
 * 10000 digits): at most 16,383 digits after the point, and the leading digit below 10^131072. */
const numericScaleMax = 16_383
const numericLeadingDigitPositionMax = 131_071
/** numeric_in rejects exponents of INT_MAX / 2 or more before looking at the digits. */
const numericExponentMax = 1_073_741_823

/** How many coefficient digits the numbers of one parsed value may still produce. */
export class JsonDigitBudget {
  #remaining: number

  constructor(digits = jsonNumberDigitsMax) {
    this.#remaining = digits
  }

  spend(digits: number): void {
    this.#remaining -= digits
    if (this.#remaining < 0) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `total size of jsonb numbers exceeds the maximum of ${jsonNumberDigitsMax} digits`,
      )
    }
  }
}

/** Large powers of ten recently used: a document repeating 1e100000 computes it once. */
const powersOfTen = new Map<number, bigint>()
const powersOfTenCached = 16

function powerOfTen(exponent: number): bigint {
  if (exponent < 1000) return 10n ** BigInt(exponent)
  let power = powersOfTen.get(exponent)
  if (power === undefined) {
    power = 10n ** BigInt(exponent)
    if (powersOfTen.size >= powersOfTenCached) {
      const oldest = powersOfTen.keys().next().value
      if (oldest !== undefined) powersOfTen.delete(oldest)
    }
    powersOfTen.set(exponent, power)
  }
  return power
}

function overflow(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'value overflows numeric format')
}

const numberPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/**
 * Reads a decimal number in JSON's grammar or in the form float and numeric output use
 * (digits, optional point and fraction, optional exponent with sign) into an exact Numeric with
 * numeric_in's display scale: 1.50 keeps scale 2, 1e2 is 100, 1.5e-3 is 0.0015, -0 is 0.
 * Values beyond numeric's range are 22003 "value overflows numeric format", as numeric_in says.
 */
export function jsonNumericFromText(text: string, budget?: JsonDigitBudget): Numeric {
  // Fast path: a plain integer of at most 15 digits (most JSON numbers).
  if (text.length <= 16 && /^-?\d{1,15}$/.test(text)) {
    budget?.spend(text.length)
    return Numeric.of(BigInt(text))
  }
  const match = numberPattern.exec(text)
  const sign = match?.[1] ?? ''
  const whole = match?.[2] ?? ''
  const fraction = match?.[3] ?? ''
  if (match === null || whole.length + fraction.length === 0) {
    throw new SqlError(
      SqlState.invalidTextRepresentation,
      `invalid input syntax for type numeric: "${text}"`,
    )
  }
  const exponentText = match[4]
  let exponent = 0
  if (exponentText !== undefined) {
    const digits = exponentText.replace(/^[+-]?0*/, '')
    // More than 10 significant digits cannot be below the bound; avoid parsing huge strings.
    if (digits.length > 10) throw overflow()
    exponent = Number(exponentText)
    if (exponent >= numericExponentMax || exponent <= -numericExponentMax) throw overflow()
  }
  const scale = Math.max(0, fraction.length - exponent)
  if (scale > numericScaleMax) throw overflow()
  const significant = (whole + fraction).replace(/^0+/, '')
  if (significant.length === 0) return Numeric.of(0n, scale)
  const leadingPosition = significant.length - 1 - fraction.length + exponent
  if (leadingPosition > numericLeadingDigitPositionMax) throw overflow()
  const shift = exponent - fraction.length
  budget?.spend(significant.length + Math.max(0, shift))
  let coefficient = BigInt(significant)
  if (shift > 0) coefficient *= powerOfTen(shift)
  return Numeric.of(sign === '-' ? -coefficient : coefficient, scale)
}

/** PostgreSQL's JSON number grammar (IsValidJsonNumber): what to_json may print unquoted. */
export function isJsonNumberText(text: string): boolean {
  return /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)
}

const integerBounds = {
  int2: [-32768n, 32767n, 'smallint'],
  int4: [-2147483648n, 2147483647n, 'integer'],
  int8: [-9223372036854775808n, 9223372036854775807n, 'bigint'],
} as const

/** numeric to int2/int4/int8: rounds half away from zero, then 22003 "<type> out of range". */
export function jsonNumericToInteger(value: Numeric, kind: 'int2' | 'int4' | 'int8'): bigint {
  const [min, max, name] = integerBounds[kind]
  if (!value.isFinite) {
    throw new SqlError(
      SqlState.featureNotSupported,
      value.kind === 'nan' ? `cannot convert NaN to ${name}` : `cannot convert infinity to ${name}`,
    )
  }
  const divisor = 10n ** BigInt(value.scale)
  const magnitude = value.coefficient < 0n ? -value.coefficient : value.coefficient
  let quotient = magnitude / divisor
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n
  const rounded = value.coefficient < 0n ? -quotient : quotient
  if (rounded < min || rounded > max) {
    throw new SqlError(SqlState.numericValueOutOfRange, `${name} out of range`)
  }
  return rounded
}

function floatOutOfRange(value: Numeric, typeName: string): SqlError {
  return new SqlError(
    SqlState.numericValueOutOfRange,
    `"${value.toString()}" is out of range for type ${typeName}`,
  )
}

/**
 * numeric to float8, as PostgreSQL does it (float8in of numeric_out's text): correctly rounded;
 * a result that overflows or underflows to zero is 22003 with the number's text.
 */
export function jsonNumericToFloat64(value: Numeric): number {
  if (value.kind === 'nan') return Number.NaN
  if (value.kind === 'infinity') return Number.POSITIVE_INFINITY
  if (value.kind === '-infinity') return Number.NEGATIVE_INFINITY
  const result = Number(value.toString())
  if (!Number.isFinite(result) || (result === 0 && value.coefficient !== 0n)) {
    throw floatOutOfRange(value, 'double precision')
  }
  return result
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length
}

/**
 * numeric to float4, as float4in reads numeric_out's text: rounded once, straight from the
 * decimal to the nearest float4 (ties to even), not through a double, which could round twice.
 */
export function jsonNumericToFloat32(value: Numeric): number {
  if (!value.isFinite) return jsonNumericToFloat64(value)
  const isNegative = value.coefficient < 0n
  const numerator = isNegative ? -value.coefficient : value.coefficient
  if (numerator === 0n) return 0
  const denominator = 10n ** BigInt(value.scale)
  // Find e with 2^23 <= numerator / (denominator * 2^e) < 2^24, then round the quotient.
  let exponent = bitLength(numerator) - bitLength(denominator) - 24
  const quotientAt = (e: number): [bigint, bigint, bigint] => {
    const n = e < 0 ? numerator << BigInt(-e) : numerator
    const d = e > 0 ? denominator << BigInt(e) : denominator
    return [n / d, n % d, d]
  }
  let [quotient, remainder, divisor] = quotientAt(exponent)
  while (quotient >= 1n << 24n) {
    exponent += 1
    ;[quotient, remainder, divisor] = quotientAt(exponent)
  }
  while (quotient < 1n << 23n && exponent > -149) {
    exponent -= 1
    ;[quotient, remainder, divisor] = quotientAt(exponent)
  }
  if (exponent < -149) {
    // Below the smallest subnormal's unit: re-divide at the subnormal exponent.
    exponent = -149
    ;[quotient, remainder, divisor] = quotientAt(exponent)
  }
  const twice = remainder * 2n
  if (twice > divisor || (twice === divisor && (quotient & 1n) === 1n)) quotient += 1n
  const magnitude = Number(quotient) * 2 ** exponent
  if (magnitude === 0 || magnitude > 3.4028234663852886e38) throw floatOutOfRange(value, 'real')
  return isNegative ? -magnitude : magnitude
}
