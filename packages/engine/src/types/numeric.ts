/**
 * numeric values: arbitrary-precision decimals as PostgreSQL keeps them. A finite value is
 * `coefficient × 10^-scale` with `scale ≥ 0` the display scale (1.50 has scale 2 and prints as
 * 1.50); the special values NaN, Infinity and -Infinity have their own kinds. Order (as in
 * PostgreSQL's btree): -Infinity < finite values < Infinity < NaN, and NaN = NaN.
 * Arithmetic, rounding and casts: numeric-arithmetic.ts and sql/functions.
 */
export type NumericKind = 'finite' | 'nan' | 'infinity' | '-infinity'

export class Numeric {
  readonly kind: NumericKind
  readonly coefficient: bigint
  readonly scale: number

  private constructor(kind: NumericKind, coefficient: bigint, scale: number) {
    this.kind = kind
    this.coefficient = coefficient
    this.scale = scale
  }

  static readonly nan = new Numeric('nan', 0n, 0)
  static readonly infinity = new Numeric('infinity', 0n, 0)
  static readonly minusInfinity = new Numeric('-infinity', 0n, 0)

  /** coefficient × 10^-scale; scale must be a non-negative integer. */
  static of(coefficient: bigint, scale = 0): Numeric {
    return new Numeric('finite', coefficient, scale)
  }

  get isFinite(): boolean {
    return this.kind === 'finite'
  }

  /** The text form PostgreSQL prints (numeric_out): plain digits, never an exponent. */
  toString(): string {
    switch (this.kind) {
      case 'nan':
        return 'NaN'
      case 'infinity':
        return 'Infinity'
      case '-infinity':
        return '-Infinity'
      default:
        break
    }
    const isNegative = this.coefficient < 0n
    const digits = (isNegative ? -this.coefficient : this.coefficient).toString()
    const sign = isNegative ? '-' : ''
    if (this.scale === 0) return sign + digits
    const padded = digits.padStart(this.scale + 1, '0')
    const point = padded.length - this.scale
    return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`
  }
}

/** Orders numerics as PostgreSQL does (see the header); equal values of different scale are
 * equal (1.0 = 1.00). */
export function compareNumeric(a: Numeric, b: Numeric): number {
  const rank = (n: Numeric): number =>
    n.kind === '-infinity' ? 0 : n.kind === 'finite' ? 1 : n.kind === 'infinity' ? 2 : 3
  const ra = rank(a)
  const rb = rank(b)
  if (ra !== rb || ra !== 1) return ra - rb
  const scale = Math.max(a.scale, b.scale)
  const x = a.coefficient * 10n ** BigInt(scale - a.scale)
  const y = b.coefficient * 10n ** BigInt(scale - b.scale)
  return x < y ? -1 : x > y ? 1 : 0
}
