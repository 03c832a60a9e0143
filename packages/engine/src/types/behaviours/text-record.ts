/**
 * record: row values (SqlRecord) with PostgreSQL's record_out text form '(1,abc,"a b",)',
 * record_send binary form (column count, then each column's type OID, length and bytes) and
 * record_cmp order: field by field with each field type's order, NULL after every non-NULL
 * value, two NULLs equal; 42804 when fields of different types meet or the column counts differ.
 * Input of an anonymous record is 0A000, as in PostgreSQL.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { behaviourFor } from '../behaviour-lookup.js'
import { SqlRecord } from '../record.js'
import { findTypeByOid, type SqlType } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'
import {
  BinaryReader,
  BinaryWriter,
  incorrectFormatMessage,
  insufficientData,
  itemTooLong,
} from './text-codec.js'

function expectRecord(value: Value): SqlRecord {
  if (!(value instanceof SqlRecord)) throw new InternalError('record value is not a SqlRecord')
  return value
}

/** record_out quotes a field that is empty or has a quote, backslash, parenthesis, comma or
 * C whitespace; inside quotes, quotes and backslashes are doubled. */
export function quoteRecordField(text: string): string {
  if (text !== '' && !/["\\(),\t\n\v\f\r ]/.test(text)) {
    return text
  }
  return `"${text.replace(/["\\]/g, '$&$&')}"`
}

/**
 * A primitive that is equal exactly when the component keys are: used for records and arrays.
 * Strings are JSON-quoted so that no separator inside one can be mistaken for a boundary.
 */
export function combineHashKeys(
  keys: readonly (string | number | bigint | boolean | null)[],
): string {
  let out = ''
  for (const key of keys) {
    if (key === null) out += 'N,'
    else if (typeof key === 'string') out += `${JSON.stringify(key)},`
    else if (typeof key === 'bigint') out += `b${key},`
    else if (typeof key === 'number') out += `n${Object.is(key, -0) ? 0 : key},`
    else out += key ? 'T,' : 'F,'
  }
  return out
}

function dissimilar(a: SqlType, b: SqlType, column: number): SqlError {
  return new SqlError(
    SqlState.datatypeMismatch,
    `cannot compare dissimilar column types ${a.displayName} and ${b.displayName} at record column ${column}`,
  )
}

export function compareRecords(a: SqlRecord, b: SqlRecord): number {
  const n = Math.min(a.values.length, b.values.length)
  for (let i = 0; i < n; i++) {
    const typeA = a.types[i]
    const typeB = b.types[i]
    if (typeA === undefined || typeB === undefined) throw new InternalError('record field type')
    if (typeA.oid !== typeB.oid) throw dissimilar(typeA, typeB, i + 1)
    const x = a.values[i] ?? null
    const y = b.values[i] ?? null
    if (x === null || y === null) {
      if (x === y) continue
      return x === null ? 1 : -1
    }
    const order = behaviourFor(typeA).compare(x, y, typeA)
    if (order !== 0) return order
  }
  if (a.values.length !== b.values.length) {
    throw new SqlError(
      SqlState.datatypeMismatch,
      'cannot compare record types with different numbers of columns',
    )
  }
  return 0
}

function fieldType(record: SqlRecord, i: number): SqlType {
  const type = record.types[i]
  if (type === undefined) throw new InternalError('record field without a type')
  return type
}

export const recordBehaviour: TypeBehaviour = {
  input() {
    throw new SqlError(
      SqlState.featureNotSupported,
      'input of anonymous composite types is not implemented',
    )
  },
  output(value, _type, context) {
    const record = expectRecord(value)
    const fields = record.values.map((field, i) => {
      if (field === null) return ''
      const type = fieldType(record, i)
      return quoteRecordField(behaviourFor(type).output(field, type, context))
    })
    return `(${fields.join(',')})`
  },
  send(value) {
    const record = expectRecord(value)
    const writer = new BinaryWriter().int32(record.values.length)
    record.values.forEach((field, i) => {
      const type = fieldType(record, i)
      writer.uint32(type.oid)
      if (field === null) {
        writer.int32(-1)
      } else {
        const bytes = behaviourFor(type).send(field, type)
        writer.int32(bytes.length).bytes(bytes)
      }
    })
    return writer.finish()
  },
  receive(bytes) {
    const reader = new BinaryReader(bytes)
    const count = reader.int32()
    // Each column takes at least 8 bytes, which bounds the count by the message size.
    if (count < 0 || count * 8 > reader.remaining) throw insufficientData()
    const values: Value[] = []
    const types: SqlType[] = []
    for (let i = 0; i < count; i++) {
      const oid = reader.uint32()
      const type = findTypeByOid(oid)
      if (type === undefined) {
        throw new SqlError(
          SqlState.featureNotSupported,
          'input of anonymous composite types is not implemented',
        )
      }
      const length = reader.int32()
      types.push(type)
      if (length === -1) {
        values.push(null)
        continue
      }
      if (length < -1 || length > reader.remaining) throw itemTooLong()
      const field = reader.take(length)
      try {
        values.push(behaviourFor(type).receive(field, type))
      } catch (error) {
        if (error instanceof SqlError && error.message === incorrectFormatMessage) {
          throw new SqlError(
            SqlState.invalidBinaryRepresentation,
            `improper binary format in record column ${i + 1}`,
          )
        }
        throw error
      }
    }
    reader.end()
    return new SqlRecord(values, types)
  },
  compare: (a, b) => compareRecords(expectRecord(a), expectRecord(b)),
  hashKey(value) {
    const record = expectRecord(value)
    return combineHashKeys(
      record.values.map((field, i) => {
        if (field === null) return null
        const type = fieldType(record, i)
        return behaviourFor(type).hashKey(field, type)
      }),
    )
  },
  encodeKey(value, _type, out) {
    const record = expectRecord(value)
    record.values.forEach((field, i) => {
      if (field === null) {
        out.push(0x03) // NULL fields sort after every value, as in record_cmp
        return
      }
      const type = fieldType(record, i)
      out.push(0x02)
      behaviourFor(type).encodeKey(field, type, out)
    })
    out.push(0x00)
  },
}
