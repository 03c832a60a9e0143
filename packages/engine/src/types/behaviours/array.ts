/**
 * Type behaviours of the array family (see ../type-behaviour.ts): every array type (kind
 * 'array', value SqlArray, elements of type.element) with PostgreSQL's text form (array-text.ts),
 * array_send/array_recv binary form, and array_cmp order: element by element in row-major order
 * (NULL after every value, two NULLs equal), then fewer elements first, then fewer dimensions,
 * then smaller dimension lengths, then smaller lower bounds.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import { arrayDimensionsMax } from '../../limits.js'
import { SqlArray } from '../array.js'
import { behaviourFor } from '../behaviour-lookup.js'
import { findTypeByOid, type SqlType, type SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'
import {
  checkBounds,
  elementCount,
  formatArray,
  parseArray,
  tooManyDimensions,
} from './array-text.js'
import {
  BinaryReader,
  BinaryWriter,
  incorrectFormatMessage,
  itemTooLong,
  writeUintKey,
} from './text-codec.js'
import { combineHashKeys } from './text-record.js'

export function expectArray(value: Value): SqlArray {
  if (!(value instanceof SqlArray)) throw new InternalError('array value is not a SqlArray')
  return value
}

export function elementType(type: SqlType): SqlType {
  if (type.element === undefined) throw new InternalError(`array type ${type.name} has no element`)
  return type.element
}

/** array_cmp: see the file comment. */
export function compareArrays(a: SqlArray, b: SqlArray, element: SqlType): number {
  const behaviour = behaviourFor(element)
  const n = Math.min(a.elements.length, b.elements.length)
  for (let i = 0; i < n; i++) {
    const x = a.elements[i] ?? null
    const y = b.elements[i] ?? null
    if (x === null || y === null) {
      if (x === y) continue
      return x === null ? 1 : -1
    }
    const order = behaviour.compare(x, y, element)
    if (order !== 0) return order
  }
  if (a.elements.length !== b.elements.length) return a.elements.length - b.elements.length
  if (a.dimensions.length !== b.dimensions.length) {
    return a.dimensions.length - b.dimensions.length
  }
  for (let d = 0; d < a.dimensions.length; d++) {
    const order = (a.dimensions[d] ?? 0) - (b.dimensions[d] ?? 0)
    if (order !== 0) return order
  }
  for (let d = 0; d < a.lowerBounds.length; d++) {
    const order = (a.lowerBounds[d] ?? 0) - (b.lowerBounds[d] ?? 0)
    if (order !== 0) return order
  }
  return 0
}

function sendArray(array: SqlArray, type: SqlType): Uint8Array {
  const element = elementType(type)
  const behaviour = behaviourFor(element)
  const writer = new BinaryWriter()
    .int32(array.dimensions.length)
    .int32(array.elements.includes(null) ? 1 : 0)
    .uint32(element.oid)
  array.dimensions.forEach((length, d) => {
    writer.int32(length).int32(array.lowerBounds[d] ?? 1)
  })
  for (const value of array.elements) {
    if (value === null) {
      writer.int32(-1)
    } else {
      const bytes = behaviour.send(value, element)
      writer.int32(bytes.length).bytes(bytes)
    }
  }
  return writer.finish()
}

function receiveArray(bytes: Uint8Array, type: SqlType): SqlArray {
  const element = elementType(type)
  const reader = new BinaryReader(bytes)
  const dimensionCount = reader.int32()
  if (dimensionCount < 0) {
    throw new SqlError(
      SqlState.invalidBinaryRepresentation,
      `invalid number of dimensions: ${dimensionCount}`,
    )
  }
  if (dimensionCount > arrayDimensionsMax) throw tooManyDimensions(dimensionCount)
  const flags = reader.int32()
  if (flags !== 0 && flags !== 1) {
    throw new SqlError(SqlState.invalidBinaryRepresentation, 'invalid array flags')
  }
  const elementOid = reader.uint32()
  // PostgreSQL lets an element type OID it does not know through, but not another type's.
  const sent = findTypeByOid(elementOid)
  if (elementOid !== element.oid && (elementOid === 0 || sent !== undefined)) {
    const shown = sent?.displayName ?? '-'
    throw new SqlError(
      SqlState.datatypeMismatch,
      `binary data has array element type ${elementOid} (${shown}) instead of expected ${element.oid} (${element.displayName})`,
    )
  }
  const dimensions: number[] = []
  const lowerBounds: number[] = []
  for (let d = 0; d < dimensionCount; d++) {
    dimensions.push(reader.int32())
    lowerBounds.push(reader.int32())
  }
  const count = elementCount(dimensions)
  checkBounds(dimensions, lowerBounds)
  if (count === 0) return new SqlArray([], [], [])
  const behaviour = behaviourFor(element)
  const elements: Value[] = []
  for (let i = 0; i < count; i++) {
    const length = reader.int32()
    if (length === -1) {
      elements.push(null)
      continue
    }
    if (length < -1 || length > reader.remaining) throw itemTooLong()
    const item = reader.take(length)
    try {
      elements.push(behaviour.receive(item, element))
    } catch (error) {
      if (error instanceof SqlError && error.message === incorrectFormatMessage) {
        throw new SqlError(
          SqlState.invalidBinaryRepresentation,
          `improper binary format in array element ${i + 1}`,
        )
      }
      throw error
    }
  }
  reader.end()
  return new SqlArray(elements, dimensions, lowerBounds)
}

/**
 * The value of an ARRAY[...] constructor (for the executor). Scalars make a one-dimensional
 * array; sub-arrays (`isNested`) stack into one more dimension and must all have the same
 * dimensions and lower bounds, as PostgreSQL checks, except that NULL or empty sub-arrays
 * alone give '{}'.
 */
export function constructArray(items: readonly Value[], isNested: boolean): SqlArray {
  if (!isNested) {
    elementCount([items.length])
    return new SqlArray(items)
  }
  const arrays = items.map((item) => (item === null ? null : expectArray(item)))
  const filled = arrays.filter(
    (item): item is SqlArray => item !== null && item.dimensions.length > 0,
  )
  if (filled.length === 0) return new SqlArray([], [], [])
  const first = filled[0] as SqlArray
  const sameShape = (other: SqlArray) =>
    other.dimensions.length === first.dimensions.length &&
    other.dimensions.every((length, d) => length === first.dimensions[d]) &&
    other.lowerBounds.every((lower, d) => lower === first.lowerBounds[d])
  if (filled.length !== arrays.length || !filled.every(sameShape)) {
    throw new SqlError(
      SqlState.arraySubscriptError,
      'multidimensional arrays must have array expressions with matching dimensions',
    )
  }
  if (first.dimensions.length + 1 > arrayDimensionsMax) {
    throw tooManyDimensions(first.dimensions.length + 1)
  }
  const dimensions = [filled.length, ...first.dimensions]
  elementCount(dimensions)
  return new SqlArray(
    filled.flatMap((item) => item.elements),
    dimensions,
    [1, ...first.lowerBounds],
  )
}

export const arrayBehaviour: TypeBehaviour = {
  input: (text, type, context) => parseArray(text, type, context),
  output: (value, type, context) => formatArray(expectArray(value), type, context),
  send: (value, type) => sendArray(expectArray(value), type),
  receive: (bytes, type) => receiveArray(bytes, type),
  compare: (a, b, type) => compareArrays(expectArray(a), expectArray(b), elementType(type)),
  hashKey(value, type) {
    const array = expectArray(value)
    const element = elementType(type)
    const behaviour = behaviourFor(element)
    const keys = array.elements.map((item) =>
      item === null ? null : behaviour.hashKey(item, element),
    )
    return `${array.dimensions.join(':')}/${array.lowerBounds.join(':')}/${combineHashKeys(keys)}`
  },
  encodeKey(value, type, out) {
    const array = expectArray(value)
    const element = elementType(type)
    const behaviour = behaviourFor(element)
    for (const item of array.elements) {
      if (item === null) {
        out.push(0x03) // NULL elements sort after every value
      } else {
        out.push(0x02)
        behaviour.encodeKey(item, element, out)
      }
    }
    // 0x01 ends the elements below both tags, so a proper prefix sorts first; the shape follows.
    out.push(0x01)
    out.push(array.dimensions.length)
    for (const length of array.dimensions) writeUintKey(length, 4, out)
    for (const lower of array.lowerBounds) writeUintKey((lower + 0x8000_0000) >>> 0, 4, out)
  },
  applyTypmod(value, type, isExplicit) {
    const element = elementType(type)
    const behaviour = behaviourFor(element)
    const coerce = behaviour.applyTypmod?.bind(behaviour)
    if (coerce === undefined || element.typmod < 0) return value
    const array = expectArray(value)
    return new SqlArray(
      array.elements.map((item) => (item === null ? null : coerce(item, element, isExplicit))),
      array.dimensions,
      array.lowerBounds,
    )
  },
}

export const arrayBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  array: arrayBehaviour,
}
