/**
 * Result values as sqllogictest's reference runner prints them. The runner reads every column the
 * way a C client does through ODBC, by the column letter the record declares:
 *
 *   NULL (any column)  `NULL`
 *   I                  a C long: integers as they are; reals and numerics truncated toward zero
 *                      (`-2.7` → `-2`); text that is not a number reads as its leading integer, or
 *                      0 (C's strtol)
 *   R                  a C double printed with `%.3f` (exactly: ties go to even, `-0.000` keeps
 *                      its sign, NaN and infinities print as `nan`, `inf`, `-inf`)
 *   T                  the text; the empty string is `(empty)`; every byte of its UTF-8 outside
 *                      printable ASCII (below ' ' or above '~') is `@`
 *
 * A PostgreSQL boolean reads as 1 or 0 in every column letter (the ODBC driver's BoolsAsChar).
 * Input is a value's text output (PostgreSQL's type output function: what pgwire sends in text
 * mode), so the in-process engine and real PostgreSQL go through the same code.
 *
 * Deviation, on purpose: ODBC reads an I column with atol, so the float text `1e-05` would read
 * as 1; here it reads as 0, the truncated value (the corpus' README convention).
 */

/** pg_type OID of bool: its values read as 1/0. */
const boolTypeOid = 16

/** One result cell: its text output (null for SQL NULL) and the pg_type OID of its column. */
export interface TextCell {
  readonly text: string | null
  readonly typeOid: number
}

export function formatCell(cell: TextCell, letter: string): string {
  if (cell.text === null) return 'NULL'
  let text = cell.text
  if (cell.typeOid === boolTypeOid) text = text === 't' || text === 'true' ? '1' : '0'
  switch (letter) {
    case 'I':
      return formatInteger(text)
    case 'R':
      return formatFixed(parseCDouble(text), 3)
    default:
      return formatText(text)
  }
}

/** T columns: `(empty)`, and `@` for every UTF-8 byte outside printable ASCII. */
export function formatText(text: string): string {
  if (text === '') return '(empty)'
  // Fast path: printable ASCII only.
  if (/^[ -~]*$/.test(text)) return text
  let out = ''
  for (const byte of Buffer.from(text, 'utf8')) {
    out += byte < 0x20 || byte > 0x7e ? '@' : String.fromCharCode(byte)
  }
  return out
}

const decimalPattern = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/

/** I columns: the integer a C client reads, truncated toward zero, in decimal. */
export function formatInteger(text: string): string {
  const match = decimalPattern.exec(text)
  const whole = match?.[2] ?? ''
  const fraction = match?.[3] ?? ''
  if (match === null || (whole === '' && fraction === '')) {
    // Not a number (NaN, Infinity, words): C's strtol reads the leading integer, else 0.
    const prefix = /^\s*([+-]?\d+)/.exec(text)
    return prefix === null ? '0' : BigInt(prefix[1] ?? '0').toString()
  }
  const sign = match[1] === '-' ? '-' : ''
  const exponent = match[4] === undefined ? 0 : Number(match[4])
  const digits = whole + fraction
  // The decimal point sits after `point` digits of `digits`.
  const point = whole.length + exponent
  if (point <= 0) return '0'
  const integerDigits =
    point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point)
  // BigInt drops leading zeros, and -0 becomes 0 as in C.
  return BigInt(`${sign}${integerDigits || '0'}`).toString()
}

const doublePrefixPattern = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/

/** The double C's strtod reads from the start of `text` (0 when there is no number). */
export function parseCDouble(text: string): number {
  const prefix = doublePrefixPattern.exec(text)
  if (prefix !== null) return Number(prefix[0].trim())
  const special = /^\s*([+-]?)(nan|inf(?:inity)?)/i.exec(text)
  if (special === null) return 0
  const isNegative = special[1] === '-'
  if ((special[2] ?? '').toLowerCase() === 'nan') return Number.NaN
  return isNegative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY
}

/**
 * `printf("%.<digits>f", x)` as glibc prints it: from the exact binary value of x, ties to even.
 * (JavaScript's toFixed rounds ties away from zero and drops the sign of -0.)
 */
export function formatFixed(x: number, digits: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf'
  const isNegative = x < 0 || Object.is(x, -0)
  const { mantissa, exponent } = decomposeDouble(Math.abs(x))
  const numerator = mantissa * 10n ** BigInt(digits)
  let scaled: bigint
  if (exponent >= 0) {
    scaled = numerator << BigInt(exponent)
  } else {
    const denominator = 1n << BigInt(-exponent)
    scaled = numerator / denominator
    const twiceRemainder = (numerator % denominator) * 2n
    if (twiceRemainder > denominator || (twiceRemainder === denominator && scaled % 2n === 1n)) {
      scaled += 1n
    }
  }
  const text = scaled.toString().padStart(digits + 1, '0')
  const sign = isNegative ? '-' : ''
  if (digits === 0) return sign + text
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`
}

/** A finite, non-negative double as mantissa × 2^exponent, exactly. */
function decomposeDouble(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  const biasedExponent = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & ((1n << 52n) - 1n)
  if (biasedExponent === 0) return { mantissa: fraction, exponent: -1074 }
  return { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 }
}
