/**
 * Text input and output of float4 and float8 as PostgreSQL 15 does them.
 *
 * Output: with extra_float_digits > 0 (the default, 1) the shortest decimal that reads back as
 * the same value (PostgreSQL uses Ryu), printed in fixed notation when the decimal exponent is
 * in [-4, 15) for float8 and [-4, 6) for float4, else as d.ddde±XX (at least two exponent
 * digits). With extra_float_digits ≤ 0, C's %.*g with 15 (float8) or 6 (float4) digits plus
 * extra_float_digits. NaN, Infinity, -Infinity and -0 print as such.
 *
 * Input: what C's strtod/strtof take after PostgreSQL's checks: surrounding whitespace, a sign,
 * decimal digits with an optional point and exponent, hexadecimal floats (0x1.8p1), and
 * NaN/Infinity/inf in any case. Values that round to zero or infinity are 22003; anything
 * else malformed is 22P02. float4 input rounds the decimal once, straight to single precision.
 */
import { SqlError, SqlState } from '../errors/index.js'

const float32 = new Float32Array(1)
const float32Bits = new Uint32Array(float32.buffer)

/** Decimal digits (no leading or trailing zeros) and exponent: value = d1.d2d3... × 10^exponent. */
interface Decimal {
  readonly digits: string
  readonly exponent: number
}

/**
 * Shortest digits of a positive finite double. JavaScript's Number → string gives the shortest
 * round-trip digits, but, like the reference Ryu, it accepts a decimal lying exactly on the
 * boundary of the rounding interval (which reads back as x under ties-to-even). PostgreSQL's
 * Ryu never does, so such results are recomputed with the exact search below.
 */
function shortestDouble(x: number): Decimal {
  const text = String(x)
  const [mantissa = '', exponentText] = text.split('e')
  let exponent = exponentText === undefined ? 0 : Number(exponentText)
  const point = mantissa.indexOf('.')
  let digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1)
  const integerLength = point < 0 ? mantissa.length : point
  exponent += integerLength - 1
  const leadingZeros = /^0*/.exec(digits)?.[0].length ?? 0
  digits = digits.slice(leadingZeros)
  exponent -= leadingZeros
  digits = digits.replace(/0+$/, '')
  if (digits === '') digits = '0'
  const [m, e] = doubleParts(x)
  if (isOnBoundary(digits, exponent, m, e, x)) return shortestExact(m, e, isLowerGapHalf(x))
  return { digits, exponent }
}

/** Whether digits × 10^(exponent - len + 1) is exactly half an ulp away from x = m × 2^e. */
function isOnBoundary(digits: string, exponent: number, m: bigint, e: number, x: number): boolean {
  const k = exponent - digits.length + 1
  const d = BigInt(digits)
  // A value with a factor 10^k, k < 0, is a dyadic rational only if 5^-k divides d.
  if (k < 0 && (-k > 27 || d % 5n ** BigInt(-k) !== 0n)) return false
  // Compare 2 × |D - x| with the gap above (or below, at a power of two) in units of 2^(e - 1).
  const shiftD = Math.max(0, -k) // D = d × 10^k; multiply everything by 2^s × 10^t to get integers
  const scaleTwo = Math.max(0, 1 - e)
  let left = d * (k > 0 ? 10n ** BigInt(k) : 1n) * (1n << BigInt(scaleTwo))
  let right = m * (1n << BigInt(Math.max(0, e + scaleTwo)))
  right *= 10n ** BigInt(shiftD)
  const halfUlpUp = (1n << BigInt(Math.max(0, e - 1 + scaleTwo))) * 10n ** BigInt(shiftD)
  const difference = left - right
  if (difference === halfUlpUp) return true
  left = -difference
  // Below x the gap halves at powers of two.
  const halfUlpDown = isLowerGapHalf(x) ? halfUlpUp / 2n : halfUlpUp
  return left === halfUlpDown && halfUlpDown !== 0n
}

function isLowerGapHalf(x: number): boolean {
  const [m, e] = doubleParts(x)
  return m === 1n << 52n && e > -1074
}

/** Shortest digits that read back (as float4) as the positive finite float4 value x. */
function shortestFloat32(x: number): Decimal {
  float32[0] = x
  const bits = float32Bits[0] as number
  const exponentField = (bits >>> 23) & 0xff
  const fraction = bits & 0x7fffff
  const mantissa = BigInt(exponentField === 0 ? fraction : fraction | 0x800000)
  const e2 = (exponentField === 0 ? 1 : exponentField) - 150
  return shortestExact(mantissa, e2, fraction === 0 && exponentField > 1)
}

/**
 * The shortest decimal strictly inside the rounding interval of m × 2^e (PostgreSQL's Ryu
 * excludes the interval's bounds), the closest to it when several are as short.
 */
function shortestExact(mantissa: bigint, e2: number, isLowerGapHalf: boolean): Decimal {
  // The rounding interval around x in units of 2^(e2 - 2): (v - lowGap, v + 2).
  const lowGap = isLowerGapHalf ? 1n : 2n
  const v = mantissa * 4n
  const low = v - lowGap
  const high = v + 2n
  const q = e2 - 2
  // A decimal t × 10^k compares with n × 2^q as t × den with n × num.
  const ratio = (k: number): [bigint, bigint] => {
    const num = (q > 0 ? 1n << BigInt(q) : 1n) * (k < 0 ? 10n ** BigInt(-k) : 1n)
    const den = (q < 0 ? 1n << BigInt(-q) : 1n) * (k > 0 ? 10n ** BigInt(k) : 1n)
    return [num, den]
  }
  // Start above x's magnitude and go down until an exponent has a multiple of 10^k inside the
  // interval: the first one gives the fewest digits.
  const approx = Number(mantissa) * 2 ** e2
  let k = Math.floor(Math.log10(approx)) + 2
  for (;;) {
    const [num, den] = ratio(k)
    const lowScaled = low * num
    const highScaled = high * num
    const tLow = lowScaled / den + 1n
    let tHigh = highScaled / den
    if (tHigh * den === highScaled) tHigh -= 1n
    if (tLow <= tHigh) {
      // The candidate closest to v; ties go to the even one.
      const vScaled = v * num
      let t = vScaled / den
      const remainder2 = (vScaled - t * den) * 2n
      if (remainder2 > den || (remainder2 === den && t % 2n === 1n)) t += 1n
      if (t < tLow) t = tLow
      if (t > tHigh) t = tHigh
      const text = t.toString()
      const trimmed = text.replace(/0+$/, '')
      return { digits: trimmed, exponent: k + text.length - 1 }
    }
    k--
  }
}

function formatShortest(decimal: Decimal, isNegative: boolean, fixedMax: number): string {
  const { digits, exponent } = decimal
  const sign = isNegative ? '-' : ''
  if (exponent < -4 || exponent >= fixedMax) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`
    return `${sign}${mantissa}e${exponentText(exponent)}`
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
  if (digits.length <= exponent + 1) return sign + digits + '0'.repeat(exponent + 1 - digits.length)
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`
}

function exponentText(exponent: number): string {
  const magnitude = String(Math.abs(exponent)).padStart(2, '0')
  return `${exponent < 0 ? '-' : '+'}${magnitude}`
}

/** C's printf("%.*g", precision, x) for finite x. */
export function formatG(x: number, precision: number): string {
  const p = Math.max(precision, 1)
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const isNegative = x < 0
  const rounded = roundDecimal(exactDecimal(Math.abs(x)), p)
  return formatShortest(rounded, isNegative, p)
}

/** The exact decimal expansion of a positive finite double. */
function exactDecimal(x: number): Decimal {
  const [m, e] = doubleParts(x)
  // m × 2^e = m × 5^-e / 10^-e for e < 0
  const units = e >= 0 ? m << BigInt(e) : m * 5n ** BigInt(-e)
  const text = units.toString()
  const scale = e >= 0 ? 0 : -e
  const digits = text.replace(/0+$/, '')
  return { digits, exponent: text.length - 1 - scale }
}

/** Rounds to `precision` significant digits, ties to even (as glibc's printf does). */
function roundDecimal(decimal: Decimal, precision: number): Decimal {
  const { digits, exponent } = decimal
  if (digits.length <= precision) return decimal
  let kept = BigInt(digits.slice(0, precision))
  const first = digits.charCodeAt(precision) - 48
  const isTie = first === 5 && !/[1-9]/.test(digits.slice(precision + 1))
  if (first > 5 || (first === 5 && (!isTie || kept % 2n === 1n))) kept += 1n
  const text = kept.toString()
  const carry = text.length - precision
  return { digits: text.replace(/0+$/, '') || '0', exponent: exponent + carry }
}

function formatSpecial(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return 'Infinity'
  if (x === -Infinity) return '-Infinity'
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  return undefined
}

/** float8out. */
export function formatFloat8(x: number, extraFloatDigits: number): string {
  const special = formatSpecial(x)
  if (special !== undefined) return special
  if (extraFloatDigits > 0) return formatShortest(shortestDouble(Math.abs(x)), x < 0, 15)
  return formatG(x, 15 + extraFloatDigits)
}

/** float4out (x is a float4 value held in a double). */
export function formatFloat4(x: number, extraFloatDigits: number): string {
  const special = formatSpecial(x)
  if (special !== undefined) return special
  if (extraFloatDigits > 0) return formatShortest(shortestFloat32(Math.abs(x)), x < 0, 6)
  return formatG(x, 6 + extraFloatDigits)
}

// ---------------------------------------------------------------------------------------------
// Input

/** Correctly rounded (ties to even) value of m × 2^e in a binary format with `precision`
 * significant bits whose smallest subnormal is 2^lsbMin; may overflow to Infinity. */
export function roundBinary(m: bigint, e: number, precision: number, lsbMin: number): number {
  if (m === 0n) return 0
  const length = m.toString(2).length
  const lsb = Math.max(e + length - precision, lsbMin)
  const shift = lsb - e
  let q: bigint
  if (shift > 0) {
    const s = BigInt(shift)
    q = m >> s
    const remainder = m & ((1n << s) - 1n)
    const half = 1n << (s - 1n)
    if (remainder > half || (remainder === half && (q & 1n) === 1n)) q += 1n
  } else {
    q = m << BigInt(-shift)
  }
  // q has at most precision + 1 bits, so Number(q) is exact; scaling by 2^lsb is exact unless
  // it overflows. 2^lsb is built in two steps because 2^-1074 alone underflows Math.pow's
  // intermediate for no value here, but 2^1024 does not exist as a double.
  if (lsb > 960) return Number(q) * 2 ** 960 * 2 ** (lsb - 960)
  if (lsb < -1000) return Number(q) * 2 ** (lsb + 100) * 2 ** -100
  return Number(q) * 2 ** lsb
}

/** An int8 converted to float4 with one rounding, as C's (float) cast does. */
export function bigintToFloat4(value: bigint): number {
  const magnitude = value < 0n ? -value : value
  const rounded = Math.fround(roundBinary(magnitude, 0, 24, -149))
  return value < 0n ? -rounded : rounded
}

const floatPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/
const hexFloatPattern = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/
const nanPattern = /^[+-]?nan(?:\([0-9A-Za-z_]*\))?$/i
const infinityPattern = /^([+-]?)(?:inf|infinity)$/i

interface ParsedFloat {
  /** The value as a double, correctly rounded; or the special value. */
  readonly value: number
  /** Decimal digits and exponent when the input was decimal (for exact float4 rounding). */
  readonly decimal?: { readonly digits: string; readonly exponent: number }
  /** m × 2^e exactly when the input was hexadecimal. */
  readonly binary?: { readonly m: bigint; readonly e: number }
  /** Whether the input's digits were all zero (so a zero result is not an underflow). */
  readonly isZero: boolean
  readonly isSpecial: boolean
  readonly isNegative: boolean
}

function trimSpace(text: string): string {
  return text.replace(/^[ \t\n\r\v\f]+|[ \t\n\r\v\f]+$/g, '')
}

function parseFloatText(text: string): ParsedFloat | undefined {
  const body = trimSpace(text)
  if (nanPattern.test(body)) {
    return { value: Number.NaN, isZero: false, isSpecial: true, isNegative: false }
  }
  const infinity = infinityPattern.exec(body)
  if (infinity !== null) {
    const isNegative = infinity[1] === '-'
    return { value: isNegative ? -Infinity : Infinity, isZero: false, isSpecial: true, isNegative }
  }
  const decimal = floatPattern.exec(body)
  if (decimal !== null) {
    const integerDigits = decimal[2] ?? ''
    const fractionDigits = decimal[3] ?? ''
    if (integerDigits.length + fractionDigits.length === 0) return undefined
    const isNegative = decimal[1] === '-'
    const allDigits = (integerDigits + fractionDigits).replace(/^0+/, '')
    const exponentText = decimal[4] ?? '0'
    const clamped = /^[+-]?0*\d{1,9}$/.test(exponentText)
      ? Number(exponentText)
      : exponentText.startsWith('-')
        ? -1e9
        : 1e9
    const exponent = clamped - fractionDigits.length
    const digits = allDigits.replace(/0+$/, '')
    const finalExponent = exponent + (allDigits.length - digits.length)
    const isZero = digits.length === 0
    let value: number
    if (isZero) value = 0
    else if (finalExponent + digits.length > 400) value = Infinity
    else if (finalExponent + digits.length < -400) value = 0
    else value = Number(`${digits}e${finalExponent}`)
    if (isNegative) value = -value
    return {
      value,
      decimal: { digits, exponent: finalExponent },
      isZero,
      isSpecial: false,
      isNegative,
    }
  }
  const hex = hexFloatPattern.exec(body)
  if (hex !== null) {
    const integerDigits = hex[2] ?? ''
    const fractionDigits = hex[3] ?? ''
    if (integerDigits.length + fractionDigits.length === 0) return undefined
    const isNegative = hex[1] === '-'
    const m = BigInt(`0x${integerDigits}${fractionDigits}`.replace(/^0x$/, '0x0'))
    const exponentText = hex[4] ?? '0'
    const binaryExponent = /^[+-]?\d{1,7}$/.test(exponentText)
      ? Number(exponentText)
      : exponentText.startsWith('-')
        ? -1e7
        : 1e7
    const e = binaryExponent - 4 * fractionDigits.length
    return {
      value: (isNegative ? -1 : 1) * roundBinary(m, e, 53, -1074),
      binary: { m, e },
      isZero: m === 0n,
      isSpecial: false,
      isNegative,
    }
  }
  return undefined
}

function invalidSyntax(typeName: string, text: string): SqlError {
  return new SqlError(
    SqlState.invalidTextRepresentation,
    `invalid input syntax for type ${typeName}: "${text}"`,
  )
}

function outOfRange(typeName: string, text: string): SqlError {
  return new SqlError(
    SqlState.numericValueOutOfRange,
    `"${text}" is out of range for type ${typeName}`,
  )
}

/** float8in. */
export function parseFloat8(text: string): number {
  const parsed = parseFloatText(text)
  if (parsed === undefined) throw invalidSyntax('double precision', text)
  const value = parsed.value
  if (!parsed.isSpecial && (!Number.isFinite(value) || (value === 0 && !parsed.isZero))) {
    throw outOfRange('double precision', text)
  }
  return value
}

/** float4in: the decimal is rounded once to single precision, as strtof does. */
export function parseFloat4(text: string): number {
  const parsed = parseFloatText(text)
  if (parsed === undefined) throw invalidSyntax('real', text)
  if (parsed.isSpecial) return parsed.value
  let value: number
  if (parsed.isZero) {
    value = parsed.value
  } else if (parsed.binary !== undefined) {
    value = Math.fround(roundBinary(parsed.binary.m, parsed.binary.e, 24, -149))
    if (parsed.isNegative) value = -value
  } else if (parsed.decimal !== undefined) {
    value = decimalToFloat4(parsed.decimal.digits, parsed.decimal.exponent, Math.abs(parsed.value))
    if (parsed.isNegative) value = -value
  } else {
    value = Math.fround(parsed.value)
  }
  if (!Number.isFinite(value) || (value === 0 && !parsed.isZero)) throw outOfRange('real', text)
  return value
}

/**
 * Rounds digits × 10^exponent (positive) to float4 with a single rounding. `nearest` is the
 * correctly rounded double; Math.fround(nearest) is right unless that double is exactly halfway
 * between two float4 values, in which case the exact decimal decides.
 */
function decimalToFloat4(digits: string, exponent: number, nearest: number): number {
  const rounded = Math.fround(nearest)
  if (rounded === nearest || !Number.isFinite(nearest)) return rounded
  // The two float4 neighbours of `nearest`; beyond the largest float4, 2^128 stands for the
  // rounding boundary towards infinity.
  const other = rounded === Infinity ? largestFloat4 : nextFloat4Toward(rounded, nearest)
  const lower = Math.min(rounded === Infinity ? 2 ** 128 : rounded, other)
  const upper = Math.max(rounded === Infinity ? 2 ** 128 : rounded, other)
  const midpoint = (lower + upper) / 2
  if (midpoint !== nearest) return rounded
  // Compare the exact decimal with the midpoint (a dyadic rational).
  const order = compareDecimalWithDouble(digits, exponent, midpoint)
  if (order === 0) return rounded // a true tie: fround already rounded to even
  if (order < 0) return lower
  return upper === 2 ** 128 ? Infinity : upper
}

const largestFloat4 = 3.4028234663852886e38

function nextFloat4Toward(from: number, toward: number): number {
  float32[0] = from
  const bits = float32Bits[0] as number
  // Positive values only: a larger target means the next bit pattern up.
  float32Bits[0] = toward > from ? bits + 1 : bits - 1
  const next = float32[0] as number
  // Past the largest float4 the next value up is 2^128 as a rounding boundary.
  return Number.isFinite(next) ? next : 2 ** 128
}

/** Sign of digits × 10^exponent − x for a positive double x. */
function compareDecimalWithDouble(digits: string, exponent: number, x: number): number {
  const [m, e] = doubleParts(x)
  // digits × 10^exponent vs m × 2^e
  let left = BigInt(digits)
  let right = m
  if (exponent >= 0) left *= 10n ** BigInt(exponent)
  else right *= 10n ** BigInt(-exponent)
  if (e >= 0) right <<= BigInt(e)
  else left <<= BigInt(-e)
  return left > right ? 1 : left < right ? -1 : 0
}

const float64 = new Float64Array(1)
const float64Words = new Uint32Array(float64.buffer)

/** m and e with x = m × 2^e exactly (x positive finite). */
function doubleParts(x: number): [bigint, number] {
  float64[0] = x
  const high = float64Words[1] as number
  const low = float64Words[0] as number
  const exponentField = (high >>> 20) & 0x7ff
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low)
  if (exponentField === 0) return [fraction, -1074]
  return [fraction | (1n << 52n), exponentField - 1075]
}
