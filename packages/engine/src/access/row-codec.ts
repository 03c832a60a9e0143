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
 *     enum        u32: the label's OID (pg_enum's, stable across RENAME VALUE and ADD VALUE;
 *                 PostgreSQL stores the same). Arrays of enums: the send format of the
 *                 oid[] of their labels' OIDs (so they follow RENAME VALUE too).
 *     other types PostgreSQL's binary send format of the value (types/type-behaviour.ts):
 *                 as is for fixed-size types (pg_type.typlen > 0), else u32 byte length first
 * Validity: the version is 1, the count equals the table's column count, and the buffer ends
 * exactly after the last value. Columns are decoded with the types the catalog gives.
 */
import { InternalError, SqlError, SqlState } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import {
  readUint16,
  readUint32,
  readUtf8,
  utf8Length,
  writeUint16,
  writeUint32,
  writeUtf8,
} from '../lib/bytes.js'
import {
  arrayOf,
  behaviourOf,
  type Row,
  SqlArray,
  type SqlType,
  sqlTypes,
  type Value,
} from '../types/index.js'

const formatVersion = 1
const twoTo32 = 0x1_0000_0000

// Encoded byte by byte, without DataView or TextEncoder for short text: rows are small, and a
// view of a small array costs more than the encoding (lib/bytes.ts).

export function encodeRow(row: Row, types: readonly SqlType[]): Uint8Array {
  assert(row.length === types.length, 'one value per column')
  const nullBytes = Math.ceil(row.length / 8)
  let size = 3 + nullBytes
  let encoded: (Uint8Array | undefined)[] | undefined
  for (let i = 0; i < row.length; i++) {
    const value = row[i] ?? null
    const type = types[i]
    assert(type !== undefined, 'column type exists')
    if (value === null) continue
    if (isDirect(type)) {
      size += type.kind === 'text' ? 4 + utf8Length(String(value)) : fixedSize(type)
      continue
    }
    // Other types store PostgreSQL's binary send format (with a length unless fixed-size).
    const bytes = isEnumArray(type)
      ? behaviourOf(oidArray).send(enumArrayOids(value, type), oidArray)
      : behaviourOf(type).send(value, type)
    encoded ??= []
    encoded[i] = bytes
    size += bytes.length + (type.size > 0 ? 0 : 4)
  }
  const buffer = new Uint8Array(size)
  buffer[0] = formatVersion
  writeUint16(buffer, 1, row.length)
  let offset = 3 + nullBytes
  for (let i = 0; i < row.length; i++) {
    const value = row[i] ?? null
    if (value === null) {
      buffer[3 + (i >> 3)] = (buffer[3 + (i >> 3)] ?? 0) | (1 << (i & 7))
      continue
    }
    const bytes = encoded?.[i]
    if (bytes !== undefined) {
      offset = writeEncoded(buffer, offset, bytes, types[i] as SqlType)
      continue
    }
    offset = writeValue(buffer, offset, value, types[i] as SqlType)
  }
  assert(offset === size, 'row size computed exactly')
  return buffer
}

/** Kinds written by this file's own code (the others go through their type behaviour). */
function isDirect(type: SqlType): boolean {
  const kind = type.kind
  return (
    kind === 'bool' ||
    kind === 'int2' ||
    kind === 'int4' ||
    kind === 'int8' ||
    kind === 'text' ||
    kind === 'enum' ||
    kind === 'timestamp' ||
    kind === 'timestamptz'
  )
}

function writeEncoded(
  buffer: Uint8Array,
  offset: number,
  bytes: Uint8Array,
  type: SqlType,
): number {
  if (type.size > 0) {
    assert(bytes.length === type.size, 'a fixed-size value has its size')
    buffer.set(bytes, offset)
    return offset + bytes.length
  }
  writeUint32(buffer, offset, bytes.length)
  buffer.set(bytes, offset + 4)
  return offset + 4 + bytes.length
}

function fixedSize(type: SqlType): number {
  switch (type.kind) {
    case 'bool':
      return 1
    case 'int2':
      return 2
    case 'int4':
    case 'enum':
      return 4
    case 'int8':
    case 'timestamp':
    case 'timestamptz':
      return 8
    default:
      throw new InternalError(`type ${type.kind} has no fixed size here`)
  }
}

function writeValue(buffer: Uint8Array, offset: number, value: Value, type: SqlType): number {
  switch (type.kind) {
    case 'bool':
      buffer[offset] = value === true ? 1 : 0
      return offset + 1
    case 'int2':
      writeUint16(buffer, offset, Number(value) & 0xffff)
      return offset + 2
    case 'int4':
      writeUint32(buffer, offset, Number(value) >>> 0)
      return offset + 4
    case 'int8':
    // Microseconds as an int8, big-endian: PostgreSQL's binary format, which timestamps were
    // stored in through their behaviour before this file wrote them itself.
    case 'timestamp':
    case 'timestamptz':
      writeInt64(buffer, offset, value as bigint | number)
      return offset + 8
    case 'text': {
      const end = writeUtf8(String(value), buffer, offset + 4)
      writeUint32(buffer, offset, end - offset - 4)
      return end
    }
    case 'enum':
      writeUint32(buffer, offset, enumCodes(type).oids.get(String(value)) ?? missingLabel(value))
      return offset + 4
    default:
      throw new InternalError(`type ${type.kind} is written through its behaviour`)
  }
}

/** Two's complement, big-endian; a safe-integer number needs no BigInt. */
function writeInt64(buffer: Uint8Array, offset: number, value: bigint | number): void {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const high = Math.floor(value / twoTo32)
    writeUint32(buffer, offset, high >>> 0)
    writeUint32(buffer, offset + 4, value - high * twoTo32)
    return
  }
  const bits = BigInt.asUintN(64, BigInt(value))
  writeUint32(buffer, offset, Number(bits >> 32n))
  writeUint32(buffer, offset + 4, Number(bits & 0xffff_ffffn))
}

interface EnumCodes {
  readonly oids: ReadonlyMap<string, number>
  readonly labels: ReadonlyMap<number, string>
}

/** Label ⇄ OID of an enum's members, once per type definition. */
const enumCodesByMembers = new WeakMap<object, EnumCodes>()

function enumCodes(type: SqlType): EnumCodes {
  const members = type.enumMembers
  if (members === undefined) throw new InternalError(`enum ${type.name} has no members`)
  let codes = enumCodesByMembers.get(members)
  if (codes === undefined) {
    codes = {
      oids: new Map(members.map((m) => [m.label, m.oid])),
      labels: new Map(members.map((m) => [m.oid, m.label])),
    }
    enumCodesByMembers.set(members, codes)
  }
  return codes
}

const oidArray = arrayOf(sqlTypes.oid)

function isEnumArray(type: SqlType): boolean {
  return type.kind === 'array' && type.element?.kind === 'enum'
}

/** An enum array as the array of its labels' OIDs (NULL elements stay NULL). */
function enumArrayOids(value: Value, type: SqlType): SqlArray {
  assert(value instanceof SqlArray && type.element !== undefined, 'an enum array value')
  const { oids } = enumCodes(type.element)
  const elements = value.elements.map((e) =>
    e === null ? null : (oids.get(String(e)) ?? missingLabel(e)),
  )
  return new SqlArray(elements, value.dimensions, value.lowerBounds)
}

function enumArrayLabels(value: Value, type: SqlType): SqlArray {
  assert(value instanceof SqlArray && type.element !== undefined, 'a stored enum array')
  const { labels } = enumCodes(type.element)
  const elements = value.elements.map((e) => {
    if (e === null) return null
    const label = labels.get(Number(e))
    if (label === undefined) throw unknownLabel(type.element ?? type, Number(e))
    return label
  })
  return new SqlArray(elements, value.dimensions, value.lowerBounds)
}

/**
 * A stored label OID the reading catalog does not know. Not expected: a statement reads with the
 * newest committed catalog unless its transaction ran DDL, and concurrent DDL waits for that
 * transaction (both write the catalog counters). Should it happen, it is a concurrent schema
 * change, reported as such rather than as a corrupt row.
 */
function unknownLabel(type: SqlType, oid: number): SqlError {
  return new SqlError(
    SqlState.serializationFailure,
    'could not serialize access due to concurrent schema change',
    { detail: `Enum ${type.name} has no label with OID ${oid} in this transaction's catalog.` },
  )
}

function missingLabel(value: Value): never {
  throw new InternalError(`"${String(value)}" is not a label of the column's enum`)
}

function readInt64(bytes: Uint8Array, offset: number): bigint {
  const high = BigInt(readUint32(bytes, offset) | 0)
  return (high << 32n) | BigInt(readUint32(bytes, offset + 4))
}

export function decodeRow(bytes: Uint8Array, types: readonly SqlType[]): Value[] {
  return decodeRowAt(bytes, 0, bytes.length, types)
}

/** decodeRow of the row in bytes[start, end): reads a row inside a page without a view of it. */
export function decodeRowAt(
  bytes: Uint8Array,
  start: number,
  end: number,
  types: readonly SqlType[],
): Value[] {
  assert(end - start >= 3 && bytes[start] === formatVersion, 'row format version is 1')
  const count = readUint16(bytes, start + 1)
  assert(count === types.length, 'row has one value per column')
  const row: Value[] = new Array<Value>(count)
  let offset = start + 3 + Math.ceil(count / 8)
  for (let i = 0; i < count; i++) {
    if (((bytes[start + 3 + (i >> 3)] ?? 0) & (1 << (i & 7))) !== 0) {
      row[i] = null
      continue
    }
    const type = types[i] as SqlType
    const size = type.kind === 'text' ? 4 : isDirect(type) ? fixedSize(type) : 0
    assert(offset + size <= end, 'a value lies inside the row')
    switch (type.kind) {
      case 'bool':
        row[i] = bytes[offset] === 1
        offset += 1
        break
      case 'int2':
        row[i] = (readUint16(bytes, offset) << 16) >> 16
        offset += 2
        break
      case 'int4':
        row[i] = readUint32(bytes, offset) | 0
        offset += 4
        break
      case 'int8':
      case 'timestamp':
      case 'timestamptz':
        row[i] = readInt64(bytes, offset)
        offset += 8
        break
      case 'text': {
        const length = readUint32(bytes, offset)
        assert(offset + 4 + length <= end, 'a text value lies inside the row')
        row[i] = readUtf8(bytes, offset + 4, offset + 4 + length)
        offset += 4 + length
        break
      }
      case 'enum': {
        const oid = readUint32(bytes, offset)
        const label = enumCodes(type).labels.get(oid)
        if (label === undefined) throw unknownLabel(type, oid)
        row[i] = label
        offset += 4
        break
      }
      case 'unknown':
        throw new InternalError('a stored column cannot have type unknown')
      default: {
        const hasLength = type.size <= 0
        const length = hasLength ? readUint32(bytes, offset) : type.size
        const valueStart = hasLength ? offset + 4 : offset
        assert(valueStart + length <= end, 'a value lies inside the row')
        const stored = bytes.subarray(valueStart, valueStart + length)
        row[i] = isEnumArray(type)
          ? enumArrayLabels(behaviourOf(oidArray).receive(stored, oidArray), type)
          : behaviourOf(type).receive(stored, type)
        offset = valueStart + length
      }
    }
  }
  assert(offset === end, 'row ends after its last value')
  return row
}
