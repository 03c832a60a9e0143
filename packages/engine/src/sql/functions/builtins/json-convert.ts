/**
 * SQL values to JSON, as PostgreSQL's to_json / to_jsonb (datum_to_json, datum_to_jsonb) map
 * them, for to_json, row_to_json, array_to_json, json_build_*, json_agg and json_object_agg:
 * booleans and numbers as JSON literals (NaN and infinities as strings), date and timestamps
 * in ISO 8601 with a 'T' whatever DateStyle says, json verbatim, jsonb printed, arrays as
 * nested arrays by dimension, records as objects, anything else as the string of its output.
 * Object keys (isKey) are always strings and may not be arrays, records or json.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import {
  behaviourOf,
  escapeJson,
  isJsonNumberText,
  Jsonb,
  type JsonNode,
  JsonTextBuilder,
  jsonbObject,
  jsonbText,
  jsonNumericFromText,
  Numeric,
  parseJsonb,
  SqlArray,
  SqlRecord,
  type SqlType,
  type Value,
} from '../../../types/index.js'
import type { CallContext } from '../registry.js'

export type JsonCategory =
  | 'boolean'
  | 'number'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'json'
  | 'jsonb'
  | 'array'
  | 'composite'
  | 'other'

/** json_categorize_type: how values of a type become JSON. */
export function jsonCategory(type: SqlType): JsonCategory {
  switch (type.kind) {
    case 'bool':
      return 'boolean'
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
      return 'number'
    case 'date':
    case 'timestamp':
    case 'timestamptz':
    case 'json':
    case 'jsonb':
      return type.kind
    case 'array':
      return 'array'
    case 'record':
      return 'composite'
    default:
      return 'other'
  }
}

function keyMustBeScalar(): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    'key value must be scalar, not array, composite, or json',
  )
}

function categoryOf(value: Value, type: SqlType): JsonCategory {
  if (value instanceof SqlRecord) return 'composite'
  if (value instanceof SqlArray) return 'array'
  return jsonCategory(type)
}

/** A value's text output; text-like values are their own output. */
function outputText(value: Value, type: SqlType, call: CallContext): string {
  if (typeof value === 'string') {
    switch (type.kind) {
      case 'text':
      case 'varchar':
      case 'bpchar':
      case 'name':
      case 'unknown':
        return value
      default:
        break
    }
  }
  return call.output(value, type)
}

/**
 * Date and timestamps as JSON writes them (XSD): the ISO output with a 'T' between date and
 * time and a zone offset of at least hours and minutes ('+00:00'); 'infinity' as is.
 */
export function xsdDateTime(iso: string, hasZone: boolean): string {
  if (!/^\d/.test(iso)) return iso
  const text = iso.replace(' ', 'T')
  return hasZone ? text.replace(/([+-]\d\d)( BC)?$/, '$1:00$2') : text
}

function dateTimeText(value: Value, type: SqlType, call: CallContext): string {
  const context = { ...call.types, dateStyle: 'ISO, MDY' }
  const iso = behaviourOf(type).output(value, type, context)
  if (type.kind === 'date') return iso
  return xsdDateTime(iso, type.kind === 'timestamptz')
}

function asJsonText(value: Value): string {
  if (typeof value !== 'string') throw new InternalError('json value is not a string')
  return value
}

function asJsonb(value: Value): Jsonb {
  if (!(value instanceof Jsonb)) throw new InternalError('jsonb value is not a Jsonb')
  return value
}

function elementType(type: SqlType): SqlType {
  if (type.element === undefined) throw new InternalError(`array type ${type.name} has no element`)
  return type.element
}

/** datum_to_json: appends the JSON text of a value (SQL NULL is null). */
export function appendJson(
  out: JsonTextBuilder,
  value: Value,
  type: SqlType,
  call: CallContext,
  isKey = false,
): void {
  if (value === null) {
    out.push('null')
    return
  }
  const category = categoryOf(value, type)
  if (
    isKey &&
    (category === 'array' ||
      category === 'composite' ||
      category === 'json' ||
      category === 'jsonb')
  ) {
    throw keyMustBeScalar()
  }
  switch (category) {
    case 'boolean': {
      const text = value === true ? 'true' : 'false'
      out.push(isKey ? escapeJson(text) : text)
      return
    }
    case 'number': {
      const text = outputText(value, type, call)
      out.push(!isKey && isJsonNumberText(text) ? text : escapeJson(text))
      return
    }
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      out.push(escapeJson(dateTimeText(value, type, call)))
      return
    case 'json':
      out.push(asJsonText(value))
      return
    case 'jsonb':
      out.push(jsonbText(asJsonb(value).node))
      return
    case 'array':
      appendArrayJson(out, value, type, call, false)
      return
    case 'composite':
      appendRecordJson(out, value, call, false)
      return
    default:
      out.push(escapeJson(outputText(value, type, call)))
  }
}

/** array_to_json: nested JSON arrays by dimension; with `lineFeeds`, the outermost dimension's
 * elements are separated by ",\n " (row_to_json and array_to_json's pretty flag). */
export function appendArrayJson(
  out: JsonTextBuilder,
  value: Value,
  type: SqlType,
  call: CallContext,
  lineFeeds: boolean,
): void {
  if (!(value instanceof SqlArray)) throw new InternalError('array value is not a SqlArray')
  const element = type.kind === 'array' ? elementType(type) : type
  const dimensions = value.dimensions
  if (dimensions.length === 0 || value.elements.length === 0) {
    out.push('[]')
    return
  }
  let next = 0
  const appendDimension = (dimension: number, separator: string): void => {
    out.push('[')
    const length = dimensions[dimension] ?? 0
    for (let i = 0; i < length; i++) {
      if (i > 0) out.push(separator)
      if (dimension + 1 === dimensions.length) {
        appendJson(out, value.elements[next++] ?? null, element, call)
      } else {
        appendDimension(dimension + 1, ',')
      }
    }
    out.push(']')
  }
  appendDimension(0, lineFeeds ? ',\n ' : ',')
}

/** composite_to_json: {"name":value,...} with ",\n " between fields when `lineFeeds`. */
export function appendRecordJson(
  out: JsonTextBuilder,
  value: Value,
  call: CallContext,
  lineFeeds: boolean,
): void {
  if (!(value instanceof SqlRecord)) throw new InternalError('record value is not a SqlRecord')
  out.push('{')
  value.values.forEach((field, i) => {
    if (i > 0) out.push(lineFeeds ? ',\n ' : ',')
    out.push(escapeJson(value.fieldName(i)))
    out.push(':')
    const fieldType = value.types[i]
    if (fieldType === undefined) throw new InternalError('record field without a type')
    appendJson(out, field, fieldType, call)
  })
  out.push('}')
}

/** to_json of one value. */
export function toJsonText(value: Value, type: SqlType, call: CallContext): string {
  const out = new JsonTextBuilder()
  appendJson(out, value, type, call)
  return out.toString()
}

/** datum_to_jsonb: the jsonb node of a value (SQL NULL is JSON null). */
export function toJsonbNode(value: Value, type: SqlType, call: CallContext): JsonNode {
  if (value === null) return null
  switch (categoryOf(value, type)) {
    case 'boolean':
      return value === true
    case 'number':
      return numberNode(value, type, call)
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return dateTimeText(value, type, call)
    case 'json':
      return parseJsonb(asJsonText(value)).node
    case 'jsonb':
      return asJsonb(value).node
    case 'array':
      return arrayNode(value, type, call)
    case 'composite':
      return recordNode(value, call)
    default:
      return outputText(value, type, call)
  }
}

function numberNode(value: Value, type: SqlType, call: CallContext): JsonNode {
  if (typeof value === 'number' && (type.kind === 'int2' || type.kind === 'int4')) {
    return Numeric.of(BigInt(value))
  }
  if (typeof value === 'bigint') return Numeric.of(value)
  if (value instanceof Numeric) return value.isFinite ? value : value.toString()
  // Floats: numeric_in of their output, unless it is NaN or an infinity (then a string).
  const text = outputText(value, type, call)
  return /[Nn]/.test(text) ? text : jsonNumericFromText(text)
}

function arrayNode(value: Value, type: SqlType, call: CallContext): JsonNode {
  if (!(value instanceof SqlArray)) throw new InternalError('array value is not a SqlArray')
  const element = type.kind === 'array' ? elementType(type) : type
  const dimensions = value.dimensions
  if (dimensions.length === 0 || value.elements.length === 0) return []
  let next = 0
  const build = (dimension: number): JsonNode[] => {
    const length = dimensions[dimension] ?? 0
    const items: JsonNode[] = []
    for (let i = 0; i < length; i++) {
      if (dimension + 1 === dimensions.length) {
        items.push(toJsonbNode(value.elements[next++] ?? null, element, call))
      } else {
        items.push(build(dimension + 1))
      }
    }
    return items
  }
  return build(0)
}

function recordNode(value: Value, call: CallContext): JsonNode {
  if (!(value instanceof SqlRecord)) throw new InternalError('record value is not a SqlRecord')
  return jsonbObject(
    value.values.map((field, i): [string, JsonNode] => {
      const fieldType = value.types[i]
      if (fieldType === undefined) throw new InternalError('record field without a type')
      return [value.fieldName(i), toJsonbNode(field, fieldType, call)]
    }),
  )
}

/** A jsonb object key from a SQL value (datum_to_jsonb with key_scalar): its text. */
export function jsonbKeyText(value: Value, type: SqlType, call: CallContext): string {
  if (value === null) throw new InternalError('NULL jsonb key')
  switch (categoryOf(value, type)) {
    case 'array':
    case 'composite':
    case 'json':
    case 'jsonb':
      throw keyMustBeScalar()
    case 'boolean':
      return value === true ? 'true' : 'false'
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return dateTimeText(value, type, call)
    default:
      return outputText(value, type, call)
  }
}
