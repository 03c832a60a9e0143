/**
 * Row encoding: a table row's values as the bytes stored under its key.
 *
 * Format (version 1), all integers big-endian:
 *   u8   format version (1)
 *   u16  column count n
 *   ceil(n / 8) bytes  null bitmap: bit (i % 8) of byte (i / 8) set when column i is NULL
 *   then each non-NULL value in column order:
 *     bool        u8 (0 or 1)
 *     int2        i16
 *     int4        i32
 *     int8        i64
 *     text        u32 byte length, then UTF-8 bytes
 *     other types PostgreSQL's binary send format of the value (types/type-behaviour.ts):
 *                 as is for fixed-size types (pg_type.typlen > 0), else u32 byte length first
 * (bool, the integers and text are that same format, written directly for speed.)
 * Validity: the version is 1, the count equals the table's column count, and the buffer ends
 * exactly after the last value. Columns are decoded with the types the catalog gives.
 */
import { InternalError } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import { behaviourOf, type Row, type SqlType, type Value } from '../types/index.js'

const formatVersion = 1
const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder('utf-8', { fatal: true })

export function encodeRow(row: Row, types: readonly SqlType[]): Uint8Array {
  assert(row.length === types.length, 'one value per column')
  const texts: (Uint8Array | undefined)[] = []
  let size = 3 + Math.ceil(row.length / 8)
  for (let i = 0; i < row.length; i++) {
    const value = row[i] ?? null
    const type = types[i]
    assert(type !== undefined, 'column type exists')
    if (value === null) {
      texts.push(undefined)
      continue
    }
    const bytes =
      type.kind === 'text'
        ? textEncoder.encode(String(value))
        : isDirect(type)
          ? undefined
          : behaviourOf(type).send(value, type)
    texts.push(bytes)
    size += bytes === undefined ? fixedSize(type) : bytes.length + (hasLength(type) ? 4 : 0)
  }
  const buffer = new Uint8Array(size)
  const view = new DataView(buffer.buffer)
  view.setUint8(0, formatVersion)
  view.setUint16(1, row.length)
  let offset = 3 + Math.ceil(row.length / 8)
  for (let i = 0; i < row.length; i++) {
    const value = row[i] ?? null
    if (value === null) {
      buffer[3 + (i >> 3)] = (buffer[3 + (i >> 3)] ?? 0) | (1 << (i & 7))
      continue
    }
    offset = writeValue(view, buffer, offset, value, types[i] as SqlType, texts[i])
  }
  assert(offset === size, 'row size computed exactly')
  return buffer
}

/** Kinds written directly rather than through their behaviour. */
function isDirect(type: SqlType): boolean {
  return (
    type.kind === 'bool' || type.kind === 'int2' || type.kind === 'int4' || type.kind === 'int8'
  )
}

/** Variable-size values carry their length; fixed-size ones do not. */
function hasLength(type: SqlType): boolean {
  return type.kind === 'text' || type.size <= 0
}

function fixedSize(type: SqlType): number {
  switch (type.kind) {
    case 'bool':
      return 1
    case 'int2':
      return 2
    case 'int4':
      return 4
    case 'int8':
      return 8
    case 'text':
    case 'unknown':
      throw new InternalError(`type ${type.kind} has no fixed size`)
    default:
      throw new InternalError(`type ${type.kind} cannot be stored yet`)
  }
}

function writeValue(
  view: DataView,
  buffer: Uint8Array,
  offset: number,
  value: Value,
  type: SqlType,
  text: Uint8Array | undefined,
): number {
  switch (type.kind) {
    case 'bool':
      view.setUint8(offset, value === true ? 1 : 0)
      return offset + 1
    case 'int2':
      view.setInt16(offset, Number(value))
      return offset + 2
    case 'int4':
      view.setInt32(offset, Number(value))
      return offset + 4
    case 'int8':
      view.setBigInt64(offset, BigInt(value as bigint | number))
      return offset + 8
    case 'text':
      assert(text !== undefined, 'text bytes were encoded')
      view.setUint32(offset, text.length)
      buffer.set(text, offset + 4)
      return offset + 4 + text.length
    case 'unknown':
      throw new InternalError('a stored column cannot have type unknown')
    default: {
      assert(text !== undefined, 'the value was encoded by its behaviour')
      if (!hasLength(type)) {
        assert(text.length === type.size, 'a fixed-size value has its size')
        buffer.set(text, offset)
        return offset + text.length
      }
      view.setUint32(offset, text.length)
      buffer.set(text, offset + 4)
      return offset + 4 + text.length
    }
  }
}

export function decodeRow(bytes: Uint8Array, types: readonly SqlType[]): Value[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  assert(view.getUint8(0) === formatVersion, 'row format version is 1')
  const count = view.getUint16(1)
  assert(count === types.length, 'row has one value per column')
  const row: Value[] = new Array<Value>(count)
  let offset = 3 + Math.ceil(count / 8)
  for (let i = 0; i < count; i++) {
    if (((bytes[3 + (i >> 3)] ?? 0) & (1 << (i & 7))) !== 0) {
      row[i] = null
      continue
    }
    const type = types[i] as SqlType
    switch (type.kind) {
      case 'bool':
        row[i] = view.getUint8(offset) === 1
        offset += 1
        break
      case 'int2':
        row[i] = view.getInt16(offset)
        offset += 2
        break
      case 'int4':
        row[i] = view.getInt32(offset)
        offset += 4
        break
      case 'int8':
        row[i] = view.getBigInt64(offset)
        offset += 8
        break
      case 'text': {
        const length = view.getUint32(offset)
        row[i] = textDecoder.decode(bytes.subarray(offset + 4, offset + 4 + length))
        offset += 4 + length
        break
      }
      case 'unknown':
        throw new InternalError('a stored column cannot have type unknown')
      default: {
        const length = hasLength(type) ? view.getUint32(offset) : type.size
        const start = hasLength(type) ? offset + 4 : offset
        row[i] = behaviourOf(type).receive(bytes.subarray(start, start + length), type)
        offset = start + length
      }
    }
  }
  assert(offset === bytes.length, 'row ends after its last value')
  return row
}
