/**
 * jsonb's btree order, as PostgreSQL's compareJsonbContainers defines it, and an
 * order-preserving byte encoding of it for index keys.
 *
 * The order walks both values' token streams in step (jsonb-iterator.ts):
 *   - values of different types order object > array > boolean > number > string > null;
 *   - containers of one type order by element or pair count first, then member by member
 *     (objects: key 1, value 1, key 2, ... in jsonb key order);
 *   - a top-level scalar is a one-element pseudo-array that sorts before a real one-element
 *     array, so a top-level [] sorts before every scalar, null included (PostgreSQL's
 *     "historical" exception);
 *   - strings (and keys) compare in the "C" collation, numbers as numeric (1.0 = 1).
 *
 * The encoding writes the same stream: a type tag per value, then for containers the count
 * (and for arrays a raw-scalar flag below the real-array flag), for scalars a self-delimiting
 * payload. Counts come before members, so equal prefixes never run across a container's end.
 */
import { KeyWriter } from '../../lib/keycode.js'
import { compareText } from '../compare.js'
import type { JsonNode } from '../jsonb.js'
import { compareNumeric, Numeric } from '../numeric.js'
import { JsonbIterator, type JsonbToken } from './jsonb-iterator.js'
import type { JsonScalarNode } from './jsonb-node.js'

const rankNull = 0
const rankString = 1
const rankNumber = 2
const rankBoolean = 3
const rankArray = 4
const rankObject = 5

function scalarRank(scalar: JsonScalarNode): number {
  if (scalar === null) return rankNull
  if (typeof scalar === 'string') return rankString
  if (typeof scalar === 'boolean') return rankBoolean
  return rankNumber
}

function tokenRank(it: JsonbIterator, token: JsonbToken): number {
  switch (token) {
    case 'beginArray':
      return rankArray
    case 'beginObject':
      return rankObject
    case 'value':
    case 'elem':
      return scalarRank(it.scalar)
    case 'key':
      return rankString
    default:
      // Ends and 'done' cannot meet a different token once counts are equal.
      return -1
  }
}

function compareScalars(a: JsonScalarNode, b: JsonScalarNode): number {
  const ra = scalarRank(a)
  const rb = scalarRank(b)
  if (ra !== rb) return ra - rb
  if (typeof a === 'string' && typeof b === 'string') return compareText(a, b)
  if (a instanceof Numeric && b instanceof Numeric) return compareNumeric(a, b)
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1
  return 0
}

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0
}

/** jsonb_cmp: negative, zero or positive. */
export function compareJsonb(a: JsonNode, b: JsonNode): number {
  const ia = new JsonbIterator(a)
  const ib = new JsonbIterator(b)
  for (;;) {
    const ta = ia.next()
    const tb = ib.next()
    if (ta !== tb) return sign(tokenRank(ia, ta) - tokenRank(ib, tb))
    switch (ta) {
      case 'done':
        return 0
      case 'endArray':
      case 'endObject':
        break
      case 'beginArray': {
        let result = 0
        if (ia.isRawScalar !== ib.isRawScalar) result = ia.isRawScalar ? -1 : 1
        if (ia.count !== ib.count) result = ia.count > ib.count ? 1 : -1
        if (result !== 0) return result
        break
      }
      case 'beginObject':
        if (ia.count !== ib.count) return ia.count > ib.count ? 1 : -1
        break
      case 'key': {
        const result = compareText(ia.key, ib.key)
        if (result !== 0) return sign(result)
        break
      }
      default: {
        const result = compareScalars(ia.scalar, ib.scalar)
        if (result !== 0) return sign(result)
      }
    }
  }
}

const tagNull = 0x10
const tagString = 0x20
const tagNumber = 0x30
const tagFalse = 0x40
const tagTrue = 0x41
const tagArray = 0x50
const tagObject = 0x60

const textEncoder = new TextEncoder()

function writeUint32(out: KeyWriter, value: number): void {
  out.push((value >>> 24) & 0xff)
  out.push((value >>> 16) & 0xff)
  out.push((value >>> 8) & 0xff)
  out.push(value & 0xff)
}

/** UTF-8 bytes with 0x00 escaped as 0x00 0xFF and a 0x00 0x01 terminator (keycode's text
 * form): bytewise order is code point order, a prefix sorts first. */
function writeString(out: KeyWriter, text: string): void {
  for (const byte of textEncoder.encode(text)) {
    out.push(byte)
    if (byte === 0) out.push(0xff)
  }
  out.push(0x00)
  out.push(0x01)
}

/**
 * A numeric in compareNumeric's order: a class byte (-Infinity, negative, zero, positive,
 * Infinity, NaN), then for non-zero finite values the decimal exponent E of 0.d1d2... × 10^E
 * (4 bytes, offset binary) and the significant digits (digit + 1 each, trailing zeros dropped,
 * a 0 terminator), all inverted for negative values. 1.0 and 1 encode alike.
 */
export function writeNumericKey(out: KeyWriter, value: Numeric): void {
  switch (value.kind) {
    case '-infinity':
      out.push(0x00)
      return
    case 'infinity':
      out.push(0x04)
      return
    case 'nan':
      out.push(0x05)
      return
    default:
      break
  }
  if (value.coefficient === 0n) {
    out.push(0x02)
    return
  }
  const isNegative = value.coefficient < 0n
  out.push(isNegative ? 0x01 : 0x03)
  const all = (isNegative ? -value.coefficient : value.coefficient).toString()
  const digits = all.replace(/0+$/, '')
  const exponent = all.length - value.scale
  const flip = isNegative ? 0xff : 0x00
  const biased = (exponent + 0x8000_0000) >>> 0
  out.push(((biased >>> 24) & 0xff) ^ flip)
  out.push(((biased >>> 16) & 0xff) ^ flip)
  out.push(((biased >>> 8) & 0xff) ^ flip)
  out.push((biased & 0xff) ^ flip)
  for (let i = 0; i < digits.length; i++) out.push((digits.charCodeAt(i) - 0x30 + 1) ^ flip)
  out.push(flip)
}

function writeScalar(out: KeyWriter, scalar: JsonScalarNode): void {
  if (scalar === null) out.push(tagNull)
  else if (typeof scalar === 'boolean') out.push(scalar ? tagTrue : tagFalse)
  else if (typeof scalar === 'string') {
    out.push(tagString)
    writeString(out, scalar)
  } else {
    out.push(tagNumber)
    writeNumericKey(out, scalar)
  }
}

/** Appends the memcomparable encoding of a jsonb value: bytewise order is compareJsonb's. */
export function writeJsonbKey(out: KeyWriter, root: JsonNode): void {
  const it = new JsonbIterator(root)
  for (let token = it.next(); token !== 'done'; token = it.next()) {
    switch (token) {
      case 'beginArray':
        out.push(tagArray)
        writeUint32(out, it.count)
        out.push(it.isRawScalar ? 0 : 1)
        break
      case 'beginObject':
        out.push(tagObject)
        writeUint32(out, it.count)
        break
      case 'key':
        writeString(out, it.key)
        break
      case 'value':
      case 'elem':
        writeScalar(out, it.scalar)
        break
      default:
        break
    }
  }
}

/** A primitive equal for jsonb values that compare equal (its key encoding as a string). */
export function jsonbHashKey(root: JsonNode): string {
  const out = new KeyWriter()
  writeJsonbKey(out, root)
  const bytes = out.finish()
  let text = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192))
  }
  return text
}
