/**
 * Comparison of non-NULL values of one type family, with PostgreSQL's semantics for the types
 * here: integers numerically (int4 and int8 mix exactly), booleans false < true, text in the
 * "C" collation (code point order, which is also UTF-8 byte order and keycode's order).
 */
import { InternalError } from '../errors/index.js'
import type { Value } from './value.js'

export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1
  if (
    (typeof a === 'number' || typeof a === 'bigint') &&
    (typeof b === 'number' || typeof b === 'bigint')
  ) {
    return a < b ? -1 : a > b ? 1 : 0
  }
  throw new InternalError(`cannot compare ${typeof a} with ${typeof b}`)
}

/** Code point order. JavaScript's `<` compares UTF-16 code units, which differs for characters
 * above U+FFFF against U+E000..U+FFFF, so surrogates take the slow path. */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x === y) continue
    const isSurrogate = (x >= 0xd800 && x <= 0xdfff) || (y >= 0xd800 && y <= 0xdfff)
    if (!isSurrogate) return x - y
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0)
  }
  return a.length - b.length
}
