/**
 * numeric sqrt, exp, ln, log and power with PostgreSQL's result scales (at least 16 significant
 * digits, no less than the inputs' display scales, at most 1000 decimals) and its errors.
 * Results are computed with guard digits and rounded half away from zero to the chosen scale,
 * so they are correctly rounded unless the exact value lies within ~10^-10 units of the last
 * place of a rounding boundary (PostgreSQL's own algorithms have the same kind of limit).
 *
 * The work is bounded by PostgreSQL's own limits: exp's argument below 6000 in magnitude
 * (results of about 2600 digits at most), power's exponent × ln(base) likewise.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { numericPrecisionMax } from '../limits.js'
import { Numeric } from './numeric.js'
import {
  absBig,
  digitCount,
  divisionByZeroError,
  divRound,
  leadingBase10000,
  makeNumeric,
  minSignificantDigits,
  negateNumeric,
  overflowError,
  pow10,
  subtractNumeric,
  toBase10000,
} from './numeric-arithmetic.js'

/** exp() overflows (or underflows to zero) at |x| ≥ 3 × NUMERIC_MAX_RESULT_SCALE. */
const expArgumentMax = 6000

/** log10(e) as PostgreSQL writes it (one digit short of Math.LOG10E): scale choices depend on
 * the exact product. */
// biome-ignore lint/suspicious/noApproximativeNumericConstant: PostgreSQL's own constant
const pgLog10E = 0.434294481903252

/** ln(10) × 10^scale, cached at the largest scale computed so far. */
let ln10Cache: { scale: number; value: bigint } = { scale: 0, value: 2n }

function clampScale(scale: number, ...floors: number[]): number {
  return Math.min(Math.max(scale, ...floors, 0), numericPrecisionMax)
}

/** floor(sqrt(n)) for n ≥ 0. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number')
  if (n < 2n ** 52n) return BigInt(Math.floor(Math.sqrt(Number(n))))
  const bits = n.toString(16).length * 4
  const shift = BigInt((bits - 52) & ~1)
  const top = Number(n >> shift)
  let x = (BigInt(Math.ceil(Math.sqrt(top))) + 1n) << (shift / 2n)
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) return x
    x = y
  }
}

/** A real number as an integer with an implicit scale: value = units / 10^scale. */
interface Fixed {
  readonly units: bigint
  readonly scale: number
}

function fixedOf(value: Numeric): Fixed {
  return { units: value.coefficient, scale: value.scale }
}

function atScale(x: Fixed, scale: number): bigint {
  if (scale >= x.scale) return x.units * pow10(scale - x.scale)
  return x.units / pow10(x.scale - scale)
}

function fixedToNumber(x: Fixed): number {
  return Number(`${x.units}e-${x.scale}`)
}

/** Approximate log10 of |x| (x ≠ 0): the decimal position of its leading digit. */
function magnitude(x: Fixed): number {
  return digitCount(x.units) - x.scale
}

/**
 * ln(a) × 10^scale for 0.1 ≤ a < 10 given as a fixed-point value, with an absolute error of a
 * few units: k square roots bring a close to 1, then ln(b) = 2 atanh((b - 1) / (b + 1)).
 */
function lnNearOne(a: Fixed, scale: number): bigint {
  const k = Math.ceil(Math.sqrt(scale + 10))
  const work = scale + Math.ceil(k * Math.log10(2)) + 10
  const one = pow10(work)
  let b = atScale(a, work)
  for (let i = 0; i < k; i++) b = isqrt(b * one)
  const z = ((b - one) * one) / (b + one)
  const z2 = (z * z) / one
  let term = z
  let sum = z
  for (let n = 3n; term !== 0n; n += 2n) {
    term = (term * z2) / one
    sum += term / n
  }
  const result = (sum * 2n) << BigInt(k)
  return result / pow10(work - scale)
}

function ln10(scale: number): bigint {
  if (ln10Cache.scale < scale) {
    const s = scale + 20
    ln10Cache = { scale: s, value: -lnNearOne({ units: 1n, scale: 1 }, s) }
  }
  return ln10Cache.value / pow10(ln10Cache.scale - scale)
}

/** ln(x) × 10^scale for x > 0, absolute error of a few units. */
function lnFixed(x: Fixed, scale: number): bigint {
  if (x.units === pow10(x.scale)) return 0n
  const digits = digitCount(x.units)
  // x = a × 10^e with a in [0.1, 1)
  const e = digits - x.scale
  const a: Fixed = { units: x.units, scale: digits }
  const guard = 4 + String(Math.abs(e)).length
  let result = lnNearOne(a, scale + guard)
  if (e !== 0) result += BigInt(e) * ln10(scale + guard)
  return divRound(result, pow10(guard))
}

/**
 * exp(x) as a fixed-point value with about `significant` correct significant digits: the
 * argument is halved k times, the Taylor series summed, and the result squared k times.
 */
function expFixed(x: Fixed, significant: number): Fixed {
  if (x.units === 0n) return { units: 1n, scale: 0 }
  const mag = magnitude(x)
  const k = Math.max(0, Math.ceil((mag + Math.sqrt(significant) / 2) * Math.log2(10)))
  // Each squaring doubles the relative error, hence k × log10(2) extra digits.
  const work = significant + Math.ceil(k * Math.log10(2)) + 10
  const one = pow10(work)
  // r = x / 2^k exactly: x × 5^k / 10^k
  const r = atScale({ units: x.units * 5n ** BigInt(k), scale: x.scale + k }, work)
  let sum = one
  let term = one
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / one / n
    sum += term
  }
  // Squaring at fixed point: keep `work` significant digits by rescaling when values grow.
  let value: Fixed = { units: sum, scale: work }
  for (let i = 0; i < k; i++) {
    const squared = value.units * value.units
    let scale = value.scale * 2
    const excess = digitCount(squared) - (work + 2)
    let units = squared
    const cut = Math.min(excess, scale)
    if (cut > 0) {
      units = squared / pow10(cut)
      scale -= cut
    }
    value = { units, scale }
  }
  return value
}

/** A fixed-point value rounded half away from zero to a numeric of the given scale. */
function toNumeric(x: Fixed, scale: number): Numeric {
  const units =
    scale >= x.scale ? x.units * pow10(scale - x.scale) : divRound(x.units, pow10(x.scale - scale))
  return makeNumeric(units, scale)
}

function negativeLogarithm(): SqlError {
  return new SqlError(
    SqlState.invalidArgumentForLogarithm,
    'cannot take logarithm of a negative number',
  )
}

function zeroLogarithm(): SqlError {
  return new SqlError(SqlState.invalidArgumentForLogarithm, 'cannot take logarithm of zero')
}

function checkLogarithmArgument(x: Numeric): void {
  if (x.kind === '-infinity' || (x.kind === 'finite' && x.coefficient < 0n)) {
    throw negativeLogarithm()
  }
  if (x.kind === 'finite' && x.coefficient === 0n) throw zeroLogarithm()
}

/** PostgreSQL's estimate_ln_dweight: the decimal weight of ln(x), for choosing scales. */
export function estimateLnWeight(x: Numeric): number {
  if (x.kind !== 'finite' || x.coefficient <= 0n) return 0
  const nine = Numeric.of(9n, 1)
  const elevenTenths = Numeric.of(11n, 1)
  const scaled = (n: Numeric, s: number): bigint => n.coefficient * pow10(s - n.scale)
  const s = Math.max(x.scale, 1)
  const v = scaled(x, s)
  if (v >= scaled(nine, s) && v <= scaled(elevenTenths, s)) {
    const difference = subtractNumeric(x, Numeric.of(1n, 0))
    if (difference.coefficient === 0n) return 0
    const lead = leadingBase10000(difference.coefficient, difference.scale)
    return lead.weight * 4 + Math.trunc(Math.log10(lead.first))
  }
  const lead = leadingBase10000(x.coefficient, x.scale)
  let digits = lead.first
  let weight = lead.weight * 4
  if (lead.second !== undefined) {
    digits = digits * 10000 + lead.second
    weight -= 4
  }
  const lnValue = Math.log(digits) + weight * Math.LN10
  return Math.trunc(Math.log10(Math.abs(lnValue)))
}

/** ln(x) for numeric x, with PostgreSQL's result scale. */
export function lnNumeric(x: Numeric): Numeric {
  if (x.kind === 'nan') return x
  checkLogarithmArgument(x)
  if (x.kind === 'infinity') return x
  const scale = clampScale(minSignificantDigits - estimateLnWeight(x), x.scale)
  return toNumeric({ units: lnFixed(fixedOf(x), scale + 8), scale: scale + 8 }, scale)
}

/** log(base, x) for numerics, with PostgreSQL's result scale. */
export function logNumeric(base: Numeric, x: Numeric): Numeric {
  if (base.kind !== 'finite' || x.kind !== 'finite') {
    if (base.kind === 'nan' || x.kind === 'nan') return Numeric.nan
    checkLogarithmArgument(base)
    checkLogarithmArgument(x)
    if (base.kind === 'infinity') return x.kind === 'infinity' ? Numeric.nan : Numeric.of(0n, 0)
    return Numeric.infinity
  }
  checkLogarithmArgument(base)
  checkLogarithmArgument(x)
  const baseWeight = estimateLnWeight(base)
  const xWeight = estimateLnWeight(x)
  const resultWeight = xWeight - baseWeight
  const scale = clampScale(minSignificantDigits - resultWeight, base.scale, x.scale)
  const baseScale = Math.max(scale + resultWeight - baseWeight + 8, 8)
  const xScale = Math.max(scale + resultWeight - xWeight + 8, 8)
  const lnBase = lnFixed(fixedOf(base), baseScale)
  if (lnBase === 0n) throw divisionByZeroError()
  const lnX = lnFixed(fixedOf(x), xScale)
  // (lnX / 10^xScale) / (lnBase / 10^baseScale) × 10^scale
  const shift = scale + baseScale - xScale
  const numerator = shift >= 0 ? lnX * pow10(shift) : lnX
  const denominator = shift >= 0 ? lnBase : lnBase * pow10(-shift)
  return makeNumeric(divRound(numerator, denominator), scale)
}

/** exp(x) for numeric x, with PostgreSQL's result scale. */
export function expNumeric(x: Numeric): Numeric {
  if (x.kind === 'nan' || x.kind === 'infinity') return x
  if (x.kind === '-infinity') return Numeric.of(0n, 0)
  const approx = Number(x.toString())
  const weight = Math.min(Math.max(approx * pgLog10E, -2000), 2000)
  const scale = clampScale(minSignificantDigits - Math.trunc(weight), x.scale)
  return expToScale(fixedOf(x), approx, scale)
}

/** exp(x) rounded to `scale`; `approx` is x as a double (for the range test). */
function expToScale(x: Fixed, approx: number, scale: number): Numeric {
  if (Math.abs(approx) >= expArgumentMax) {
    if (approx > 0) throw overflowError()
    return Numeric.of(0n, scale)
  }
  const resultWeight = Math.floor(approx * Math.LOG10E) + 1
  const significant = Math.max(scale + resultWeight, 0) + 4
  return toNumeric(expFixed(x, significant), scale)
}

/** sqrt(x) for numeric x, with PostgreSQL's result scale, correctly rounded. */
export function sqrtNumeric(x: Numeric): Numeric {
  if (x.kind === 'nan' || x.kind === 'infinity') return x
  if (x.kind === '-infinity' || x.coefficient < 0n) {
    throw new SqlError(
      SqlState.invalidArgumentForPowerFunction,
      'cannot take square root of a negative number',
    )
  }
  const weight = toBase10000Weight(x)
  const squareRootWeight = 2 * weight + 1
  return sqrtToScale(x, clampScale(minSignificantDigits - squareRootWeight, x.scale))
}

/** sqrt(x) of a finite x ≥ 0, correctly rounded (half away from zero) to `scale` digits. */
export function sqrtToScale(x: Numeric, scale: number): Numeric {
  // floor(sqrt(x) × 10^(scale + 1)), then round the last digit away.
  const power = 2 * (scale + 1) - x.scale
  const root = isqrt(power >= 0 ? x.coefficient * pow10(power) : x.coefficient / pow10(-power))
  return makeNumeric(divRound(root, 10n), scale)
}

function toBase10000Weight(x: Numeric): number {
  return leadingBase10000(x.coefficient, x.scale).weight
}

function powerError(message: string): SqlError {
  return new SqlError(SqlState.invalidArgumentForPowerFunction, message)
}

function isIntegral(x: Numeric): boolean {
  return x.kind === 'finite' && x.coefficient % pow10(x.scale) === 0n
}

function compareAbsToOne(x: Numeric): number {
  if (x.kind !== 'finite') return 1
  const a = absBig(x.coefficient)
  const one = pow10(x.scale)
  return a < one ? -1 : a > one ? 1 : 0
}

const one = Numeric.of(1n, 0)
const zero = Numeric.of(0n, 0)

/** x ^ y for numerics: PostgreSQL's special cases, errors and result scales. */
export function powerNumeric(x: Numeric, y: Numeric): Numeric {
  if (x.kind === 'nan') return y.kind === 'finite' && y.coefficient === 0n ? one : Numeric.nan
  if (y.kind === 'nan') {
    return x.kind === 'finite' && x.coefficient === pow10(x.scale) ? one : Numeric.nan
  }
  if (y.kind !== 'finite') {
    const size = compareAbsToOne(x)
    if (y.kind === 'infinity') return size < 0 ? zero : size === 0 ? one : Numeric.infinity
    if (x.kind === 'finite' && x.coefficient === 0n) {
      throw powerError('zero raised to a negative power is undefined')
    }
    return size < 0 ? Numeric.infinity : size === 0 ? one : zero
  }
  const ySign = y.coefficient > 0n ? 1 : y.coefficient < 0n ? -1 : 0
  if (x.kind !== 'finite') {
    if (ySign === 0) return one
    if (x.kind === 'infinity') return ySign > 0 ? Numeric.infinity : zero
    if (!isIntegral(y)) {
      throw powerError('a negative number raised to a non-integer power yields a complex result')
    }
    if (ySign < 0) return zero
    const isOddInteger = isIntegral(y) && (y.coefficient / pow10(y.scale)) % 2n !== 0n
    return isOddInteger ? Numeric.minusInfinity : Numeric.infinity
  }
  if (x.coefficient === 0n && ySign < 0) {
    throw powerError('zero raised to a negative power is undefined')
  }
  if (x.coefficient < 0n && !isIntegral(y)) {
    throw powerError('a negative number raised to a non-integer power yields a complex result')
  }
  if (isIntegral(y)) {
    const exponent = y.coefficient / pow10(y.scale)
    if (exponent >= -2147483648n && exponent <= 2147483647n) {
      const scale = clampScale(minSignificantDigits, x.scale)
      return powerInteger(x, Number(exponent), scale)
    }
  }
  if (x.coefficient === 0n) return Numeric.of(0n, minSignificantDigits)
  if (x.coefficient < 0n) {
    // Only an integral exponent gets here (a huge one): |x| ^ y, negated for odd y.
    const result = powerReal(Numeric.of(-x.coefficient, x.scale), y)
    const isOdd = (y.coefficient / pow10(y.scale)) % 2n !== 0n
    return isOdd ? negateNumeric(result) : result
  }
  return powerReal(x, y)
}

/** x ^ n for an integer n (PostgreSQL's power_var_int), rounded to `scale`. */
function powerInteger(x: Numeric, n: number, scale: number): Numeric {
  if (n === 0) return Numeric.of(pow10(scale), scale)
  if (n === 1) return toNumeric(fixedOf(x), scale)
  if (n === -1) return divideToScaleFixed({ units: 1n, scale: 0 }, fixedOf(x), scale)
  if (n === 2) return toNumeric({ units: x.coefficient * x.coefficient, scale: 2 * x.scale }, scale)
  if (x.coefficient === 0n) {
    if (n < 0) throw divisionByZeroError()
    return Numeric.of(0n, scale)
  }
  const base = toBase10000(x.coefficient, x.scale)
  let f = base.digits[0] ?? 0
  let p = base.weight * 4
  for (let i = 1; i < base.digits.length && i * 4 < 16; i++) {
    f = f * 10000 + (base.digits[i] ?? 0)
    p -= 4
  }
  const weight = n * (Math.log10(f) + p)
  if (weight > 3 * 32767 * 4) throw overflowError()
  if (weight + 1 < -scale || weight + 1 < -numericPrecisionMax) return Numeric.of(0n, scale)
  const significant = 1 + scale + Math.trunc(weight) + Math.trunc(Math.log(Math.abs(n))) + 8
  const magnitudeN = Math.abs(n)
  // Binary powering with truncation to `work` significant digits; exact while the result fits.
  const work = Math.max(significant, 1) + 10
  let result: Fixed = { units: 1n, scale: 0 }
  let square: Fixed = fixedOf(x)
  let remaining = magnitudeN
  const truncate = (v: Fixed): Fixed => {
    const excess = digitCount(v.units) - work
    if (excess <= 0) return v
    return { units: v.units / pow10(excess), scale: v.scale - excess }
  }
  for (;;) {
    if (remaining % 2 === 1) result = truncate(mulFixed(result, square))
    remaining = Math.floor(remaining / 2)
    if (remaining === 0) break
    square = truncate(mulFixed(square, square))
  }
  if (result.scale < 0) {
    // A huge value: check its size before materialising it.
    if (digitCount(result.units) - result.scale > 131_072 + 1) throw overflowError()
    result = { units: result.units * pow10(-result.scale), scale: 0 }
  }
  if (n < 0) return divideToScaleFixed({ units: 1n, scale: 0 }, result, scale)
  return toNumeric(result, scale)
}

function mulFixed(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale }
}

function divideToScaleFixed(a: Fixed, b: Fixed, scale: number): Numeric {
  if (b.units === 0n) throw divisionByZeroError()
  const shift = scale + b.scale - a.scale
  const numerator = shift >= 0 ? a.units * pow10(shift) : a.units
  const denominator = shift >= 0 ? b.units : b.units * pow10(-shift)
  return makeNumeric(divRound(numerator, denominator), scale)
}

/** x ^ y = exp(y × ln(x)) for x > 0 and non-integral or huge y (PostgreSQL's power_var). */
function powerReal(x: Numeric, y: Numeric): Numeric {
  const lnWeight = estimateLnWeight(x)
  const roughScale = Math.max(8 - lnWeight, 0)
  const roughLn = lnFixed(fixedOf(x), roughScale)
  const roughProduct = divRound(roughLn * y.coefficient, pow10(y.scale))
  const value = fixedToNumber({ units: roughProduct, scale: roughScale })
  if (Math.abs(value) > expArgumentMax * 1.003333) {
    if (value > 0) throw overflowError()
    return Numeric.of(0n, numericPrecisionMax)
  }
  const weight = value * pgLog10E
  const scale = clampScale(minSignificantDigits - Math.trunc(weight), x.scale, y.scale)
  const significant = Math.max(scale + Math.trunc(weight), 0)
  const lnScale = Math.max(significant - lnWeight + 8, 0) + 4 + digitCount(y.coefficient)
  const lnX = lnFixed(fixedOf(x), lnScale)
  const productScale = lnScale - 4
  const product: Fixed = {
    units: divRound(lnX * y.coefficient, pow10(y.scale + 4)),
    scale: productScale,
  }
  return expToScale(product, fixedToNumber(product), scale)
}
