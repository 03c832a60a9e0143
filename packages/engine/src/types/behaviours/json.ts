/**
 * Type behaviours of the json family (see ../type-behaviour.ts).
 *
 * json: the input text, checked and kept as given (whitespace, key order, duplicate keys);
 * binary form = the text. It has no btree order and no equality, so sorting, grouping and
 * indexing it are 42883 as in PostgreSQL.
 *
 * jsonb: a normalised tree (../jsonb.ts); output as PostgreSQL prints it, binary form = a
 * version byte 1 and the text; btree order, hash and key encoding in json/jsonb-order.ts.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import type { KeyWriter } from '../../lib/keycode.js'
import { jsonbText } from '../json/format.js'
import { parseJsonb } from '../json/jsonb-node.js'
import { compareJsonb, jsonbHashKey, writeJsonbKey } from '../json/jsonb-order.js'
import { validateJson } from '../json/parse.js'
import { decodeUtf8Text, encodeUtf8 } from '../json/utf8.js'
import { Jsonb } from '../jsonb.js'
import type { SqlTypeKind } from '../sql-type.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'

function jsonText(value: Value): string {
  if (typeof value !== 'string') throw new InternalError('json value is not a string')
  return value
}

function jsonbValue(value: Value): Jsonb {
  if (!(value instanceof Jsonb)) throw new InternalError('jsonb value is not a Jsonb')
  return value
}

function noOrdering(): SqlError {
  return new SqlError(
    SqlState.undefinedFunction,
    'could not identify an ordering operator for type json',
    { hint: 'Use an explicit ordering operator or modify the query.' },
  )
}

const jsonBehaviour: TypeBehaviour = {
  input(text) {
    validateJson(text)
    return text
  },
  output(value) {
    return jsonText(value)
  },
  send(value) {
    return encodeUtf8(jsonText(value))
  },
  receive(bytes) {
    const text = decodeUtf8Text(bytes)
    // Stored values may be deeper than text input allows (built by functions).
    validateJson(text, false)
    return text
  },
  compare() {
    throw noOrdering()
  },
  hashKey() {
    throw new SqlError(
      SqlState.undefinedFunction,
      'could not identify an equality operator for type json',
    )
  },
  encodeKey() {
    throw noOrdering()
  },
}

/** jsonb's binary format version (jsonb_send writes 1, jsonb_recv accepts only 1). */
const jsonbVersion = 1

const jsonbBehaviour: TypeBehaviour = {
  input(text) {
    return parseJsonb(text)
  },
  output(value) {
    return jsonbText(jsonbValue(value).node)
  },
  send(value) {
    const text = encodeUtf8(jsonbText(jsonbValue(value).node))
    const bytes = new Uint8Array(text.length + 1)
    bytes[0] = jsonbVersion
    bytes.set(text, 1)
    return bytes
  },
  receive(bytes) {
    if (bytes.length === 0) {
      throw new SqlError(SqlState.protocolViolation, 'insufficient data left in message')
    }
    const version = bytes[0] ?? 0
    if (version !== jsonbVersion) {
      throw new SqlError(SqlState.internalError, `unsupported jsonb version number ${version}`)
    }
    return parseJsonb(decodeUtf8Text(bytes.subarray(1)), false)
  },
  compare(a, b) {
    return compareJsonb(jsonbValue(a).node, jsonbValue(b).node)
  },
  hashKey(value) {
    return jsonbHashKey(jsonbValue(value).node)
  },
  encodeKey(value, _type, out: KeyWriter) {
    writeJsonbKey(out, jsonbValue(value).node)
  },
}

export const jsonBehaviours: Partial<Record<SqlTypeKind, TypeBehaviour>> = {
  json: jsonBehaviour,
  jsonb: jsonbBehaviour,
}
