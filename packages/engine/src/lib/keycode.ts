/**
 * Order-preserving ("memcomparable") key encoding: a tuple of values becomes bytes whose
 * unsigned lexicographic order equals the tuple's SQL order. Tables are keyed by their encoded
 * primary key, so the kernel can order and range-scan rows without knowing SQL types.
 *
 * Format of one component (version 1; other types append their own order-preserving payload
 * after the 0x02 tag, see types/type-behaviour.ts):
 *   0x01                      NULL sorting first (NULLS FIRST)
 *   0x03                      NULL sorting last  (NULLS LAST, PostgreSQL's default for ASC)
 *   0x02 <payload>            a non-NULL value:
 *     integer  8 bytes big-endian two's complement with the sign bit flipped (int2/int4/int8
 *              share it, so 1::int4 and 1::int8 encode alike)
 *     boolean  1 byte: 0x00 false, 0x01 true
 *     text     UTF-8 bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01; byte order
 *              of UTF-8 is code point order (the "C" collation)
 * A DESC component is the same bytes with every byte inverted (x ^ 0xFF), which reverses its
 * order; the terminator keeps a shorter string's inverted form ordered correctly.
 * Invariant: compareBytes(encode(a), encode(b)) has the sign of compareTuples(a, b).
 */
import { assert, assertNever } from './assert.js'

/** A key component value; `object` values are encoded by their column's own encoder. */
export type KeyValue = null | boolean | number | bigint | string | object
export type KeyKind = 'integer' | 'boolean' | 'text' | 'custom'

export interface KeyColumn {
  readonly kind: KeyKind
  readonly descending: boolean
  readonly nullsFirst: boolean
  /** For kind 'custom': appends the order-preserving payload of a non-NULL value (a type's
   * own encoding, see types/type-behaviour.ts encodeKey). */
  readonly encode?: (value: NonNullable<KeyValue>, writer: KeyWriter) => void
}

const tagNullFirst = 0x01
const tagValue = 0x02
const tagNullLast = 0x03
const signFlip = 0x8000_0000_0000_0000n
const textEncoder = new TextEncoder()

/** Growable byte buffer; keys are small, so doubling from 32 bytes is plenty. */
export class KeyWriter {
  #bytes = new Uint8Array(32)
  #length = 0

  push(byte: number): void {
    if (this.#length === this.#bytes.length) {
      const grown = new Uint8Array(this.#bytes.length * 2)
      grown.set(this.#bytes)
      this.#bytes = grown
    }
    this.#bytes[this.#length++] = byte
  }

  invertFrom(start: number): void {
    for (let i = start; i < this.#length; i++) this.#bytes[i] = (this.#bytes[i] ?? 0) ^ 0xff
  }

  get length(): number {
    return this.#length
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length)
  }
}

export function encodeKey(values: readonly KeyValue[], columns: readonly KeyColumn[]): Uint8Array {
  assert(values.length === columns.length, 'one key column per value')
  const writer = new KeyWriter()
  for (let i = 0; i < values.length; i++) {
    const column = columns[i]
    assert(column !== undefined, 'key column exists')
    const start = writer.length
    encodeComponent(writer, values[i] ?? null, column)
    if (column.descending) writer.invertFrom(start)
  }
  return writer.finish()
}

function encodeComponent(writer: KeyWriter, value: KeyValue, column: KeyColumn): void {
  if (value === null) {
    // DESC inverts the bytes afterwards, so pick the tag that ends up where the user asked.
    const first = column.descending ? !column.nullsFirst : column.nullsFirst
    writer.push(first ? tagNullFirst : tagNullLast)
    return
  }
  writer.push(tagValue)
  switch (column.kind) {
    case 'integer': {
      assert(typeof value === 'number' || typeof value === 'bigint', 'integer key value')
      if (typeof value === 'number' && Number.isSafeInteger(value)) {
        pushSafeInteger(writer, value)
        return
      }
      const bits = BigInt.asUintN(64, BigInt(value)) ^ signFlip
      for (let shift = 56n; shift >= 0n; shift -= 8n) writer.push(Number((bits >> shift) & 0xffn))
      return
    }
    case 'boolean':
      assert(typeof value === 'boolean', 'boolean key value')
      writer.push(value ? 1 : 0)
      return
    case 'text': {
      assert(typeof value === 'string', 'text key value')
      for (const byte of textEncoder.encode(value)) {
        writer.push(byte)
        if (byte === 0) writer.push(0xff)
      }
      writer.push(0x00)
      writer.push(0x01)
      return
    }
    case 'custom':
      assert(column.encode !== undefined, 'a custom key column has an encoder')
      column.encode(value, writer)
      return
    default:
      assertNever(column.kind, 'key kind')
  }
}

/** The integer encoding of a safe integer without BigInt (every key of an int2/int4 column,
 * once per row written or looked up): the high half is the signed quotient by 2^32, whose sign
 * bit is flipped; the low half is the non-negative remainder. */
function pushSafeInteger(writer: KeyWriter, value: number): void {
  const high = Math.floor(value / 0x1_0000_0000)
  const low = value - high * 0x1_0000_0000
  const flippedHigh = ((high | 0) ^ 0x8000_0000) >>> 0
  for (let shift = 24; shift >= 0; shift -= 8) writer.push((flippedHigh >>> shift) & 0xff)
  for (let shift = 24; shift >= 0; shift -= 8) writer.push((low >>> shift) & 0xff)
}

/** Unsigned lexicographic comparison: negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return a.length - b.length
}

/** The smallest key greater than every key that starts with `prefix` (for prefix range ends). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = prefix.slice()
  for (let i = end.length - 1; i >= 0; i--) {
    if ((end[i] ?? 0) < 0xff) {
      end[i] = (end[i] ?? 0) + 1
      return end.slice(0, i + 1)
    }
  }
  return undefined
}
