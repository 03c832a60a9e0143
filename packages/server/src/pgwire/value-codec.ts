/**
 * Values on the wire: a result value in a column's format code (0 text, 1 binary) and a Bind
 * parameter's bytes into what the engine's `bind` takes.
 *
 * Text is the type's output function as the session prints it (formatValueText); binary is
 * PostgreSQL's typsend / typreceive format, which the engine's type behaviours already speak
 * (the same bytes PostgreSQL's `int8send`, `numeric_send`, `array_send` ... produce; see
 * value-codec.test.ts). A binary parameter is received into the engine's value and handed to
 * `bind` as the JavaScript primitive it is (bool, integers, floats, bytea) or else as its text
 * form, which the type's input function reads back exactly (numeric, datetimes, uuid, json,
 * arrays...): the engine's bind API takes no other representation.
 *
 * Errors: a type without a binary form is 0A000 at Bind (before anything runs); bytes a
 * receive function cannot read are 22P03, as in PostgreSQL.
 */
import {
  behaviourOf,
  type ColumnDescription,
  findTypeByOid,
  formatValueText,
  isTypeImplemented,
  type ParameterValue,
  SqlError,
  SqlState,
  type SqlType,
  type TypeContext,
  type Value,
} from '@bkg-db/engine'
import { decodeUtf8 } from './codec/index.js'

export const textFormat = 0
export const binaryFormat = 1

/**
 * What text parameters and binary parameters turned to text are read with: ISO dates and
 * ISO 8601 intervals read back the same under any DateStyle / IntervalStyle, and a timestamptz
 * printed with its offset names one instant in any TimeZone.
 */
const parameterTextContext: TypeContext = {
  timeZone: 'UTC',
  dateStyle: 'ISO, MDY',
  intervalStyle: 'iso_8601',
  extraFloatDigits: 1,
  byteaOutput: 'hex',
}

/** The column's full type (enums and their arrays carry theirs), or its built-in one by OID. */
export function columnType(column: ColumnDescription): SqlType | undefined {
  return column.type ?? findTypeByOid(column.typeOid)
}

/** Whether values of `type` have a binary form here. */
export function hasBinaryFormat(type: SqlType | undefined): type is SqlType {
  if (type === undefined) return false
  if (type.kind === 'unknown' || type.kind === 'void') return true
  if (!isTypeImplemented(type)) return false
  try {
    behaviourOf(type)
    return true
  } catch {
    return false
  }
}

/** Throws 0A000 unless every column asked for in binary has a binary form (Bind's check). */
export function checkResultFormats(
  columns: readonly ColumnDescription[] | undefined,
  formats: readonly number[],
): void {
  if (columns === undefined) return
  for (const [index, column] of columns.entries()) {
    if (formatFor(formats, index, columns.length) !== binaryFormat) continue
    if (!hasBinaryFormat(columnType(column))) {
      throw new SqlError(
        SqlState.featureNotSupported,
        `binary output format is not supported for type with OID ${column.typeOid} (column "${column.name}")`,
      )
    }
  }
}

/** The format code of column `index` from Bind's 0 / 1 / n codes. */
export function formatFor(formats: readonly number[], index: number, count: number): number {
  if (formats.length === 0) return textFormat
  if (formats.length === 1 || formats.length !== count) return formats[0] ?? textFormat
  return formats[index] ?? textFormat
}

/** PostgreSQL's binary send format of a non-NULL value of `type`. */
export function sendBinary(value: Value, type: SqlType): Uint8Array {
  if (type.kind === 'unknown') return Buffer.from(String(value), 'utf8')
  if (type.kind === 'void') return new Uint8Array(0)
  return behaviourOf(type).send(value, type)
}

/** A result value in its column's format; null for SQL NULL. */
export function encodeValue(
  value: Value,
  column: ColumnDescription,
  format: number,
  context: TypeContext | undefined,
): Uint8Array | null {
  if (value === null) return null
  const type = columnType(column)
  if (format === binaryFormat) {
    // Bind checked the type (checkResultFormats), so a missing one here is a bug.
    if (!hasBinaryFormat(type)) {
      throw new SqlError(SqlState.internalError, `no binary form for type ${column.typeOid}`)
    }
    return sendBinary(value, type)
  }
  const text = formatValueText(value, type ?? column.typeOid, context)
  return text === null ? null : Buffer.from(text, 'utf8')
}

/**
 * One Bind parameter into what `bind` takes: `bytes` null is SQL NULL; text format is the UTF-8
 * text (22021 when it is not UTF-8); binary format is read with the type's receive function.
 * `typeOid` is the statement's parameter type; `index` is 0-based.
 */
export function decodeParameter(
  bytes: Uint8Array | null,
  format: number,
  typeOid: number,
  index: number,
): ParameterValue {
  if (bytes === null) return null
  if (format === textFormat) return decodeText(bytes)
  if (format !== binaryFormat) {
    throw new SqlError(SqlState.invalidParameterValue, `unsupported format code: ${format}`)
  }
  const type = findTypeByOid(typeOid)
  if (type?.kind === 'unknown') return decodeText(bytes)
  if (!hasBinaryFormat(type)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `binary format is not supported for parameter $${index + 1} of type with OID ${typeOid}`,
    )
  }
  const value = receiveBinary(bytes, type, index)
  return toParameterValue(value, type)
}

/** Bytes of the fixed-size binary forms, by type kind. */
const fixedBinaryBytes: Partial<Record<SqlType['kind'], number>> = {
  bool: 1,
  int2: 2,
  int4: 4,
  int8: 8,
  float4: 4,
  float8: 8,
  oid: 4,
  date: 4,
  time: 8,
  timestamp: 8,
  timestamptz: 8,
  interval: 16,
  uuid: 16,
}

/**
 * The type's receive function on Bind parameter `index` (0-based), with PostgreSQL's errors:
 * too few bytes for a fixed-size type is 08P01 "insufficient data left in message", any other
 * bytes the type cannot read are 22P03 "incorrect binary data format in bind parameter n".
 */
export function receiveBinary(bytes: Uint8Array, type: SqlType, index: number): Value {
  const fixed = fixedBinaryBytes[type.kind]
  if (fixed !== undefined && bytes.length < fixed) {
    throw new SqlError(SqlState.protocolViolation, 'insufficient data left in message')
  }
  try {
    if (fixed !== undefined && bytes.length > fixed) throw new Error('trailing bytes')
    return behaviourOf(type).receive(bytes, type)
  } catch (error) {
    if (error instanceof SqlError && error.code !== SqlState.invalidBinaryRepresentation) {
      throw error
    }
    throw new SqlError(
      SqlState.invalidBinaryRepresentation,
      `incorrect binary data format in bind parameter ${index + 1}`,
      {},
      { cause: error },
    )
  }
}

function toParameterValue(value: Value, type: SqlType): ParameterValue {
  if (value === null) return null
  switch (type.kind) {
    case 'bool':
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'bytea':
      // The received bytes may view the connection's receive buffer: keep a copy.
      if (value instanceof Uint8Array) return Buffer.from(value)
      if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') {
        return value
      }
      break
    default:
      break
  }
  return formatValueText(value, type, parameterTextContext)
}

function decodeText(bytes: Uint8Array): string {
  return decodeUtf8(bytes, 'ERROR')
}
