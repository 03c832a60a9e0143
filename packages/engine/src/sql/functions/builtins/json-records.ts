/**
 * json(b)_to_record and json(b)_to_recordset: JSON objects as rows of the columns a column
 * definition list names (`jsonb_to_record(j) AS r(a int, b text)`), converted as PostgreSQL's
 * populate_record does: a missing key or JSON null is NULL; a json or jsonb column takes the
 * value itself (json: the source text); a JSON array fills an array column element by element
 * (nested arrays as dimensions); a string is read by the column type's input function, and any
 * other value by its JSON text.
 *
 * Not here: json(b)_populate_record(set), which need named composite types.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import {
  Jsonb,
  type JsonNode,
  jsonArrayElements,
  jsonbText,
  jsonEach,
  Numeric,
  parseJsonb,
  parseValueText,
  SqlArray,
  type SqlType,
  type Value,
} from '../../../types/index.js'
import type { BuiltinSetFunction, CallContext } from '../registry.js'

/** One field of an object: the parsed value and its JSON text (json: as written). */
interface Field {
  readonly node: JsonNode
  readonly text: string
}

type Columns = NonNullable<CallContext['resultColumns']>

function invalid(message: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, message)
}

function columnsOf(call: CallContext, name: string): Columns {
  const columns = call.resultColumns
  if (columns === undefined) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `could not determine row type for result of ${name}`,
      {
        hint: 'Provide a non-null record argument, or call the function in the FROM clause using a column definition list.',
      },
    )
  }
  return columns
}

function nodeKind(node: JsonNode): string {
  if (node instanceof Map) return 'object'
  if (Array.isArray(node)) return 'array'
  return 'scalar'
}

/** A jsonb object's fields; PostgreSQL's complaint names populate_composite otherwise. */
function jsonbFields(node: JsonNode): Map<string, Field> {
  if (!(node instanceof Map)) {
    throw invalid(
      `cannot call populate_composite on ${nodeKind(node) === 'array' ? 'an array' : 'a scalar'}`,
    )
  }
  const fields = new Map<string, Field>()
  for (const [key, value] of node as ReadonlyMap<string, JsonNode>) {
    fields.set(key, { node: value, text: jsonbText(value) })
  }
  return fields
}

/** A json object's fields with their source text; a repeated key's last value wins. */
function jsonFields(text: string): Map<string, Field> {
  const node = parseJsonb(text).node
  if (!(node instanceof Map)) {
    throw invalid(
      `cannot call populate_composite on ${nodeKind(node) === 'array' ? 'an array' : 'a scalar'}`,
    )
  }
  const fields = new Map<string, Field>()
  for (const [key, raw] of jsonEach(text, false)) {
    const source = raw ?? 'null'
    fields.set(key, { node: parseJsonb(source).node, text: source })
  }
  return fields
}

function rowOf(fields: ReadonlyMap<string, Field>, columns: Columns, call: CallContext): Value[] {
  return columns.map((column) => {
    const field = fields.get(column.name)
    return field === undefined ? null : fieldValue(field, column.type, call)
  })
}

function fieldValue(field: Field, type: SqlType, call: CallContext): Value {
  const node = field.node
  if (node === null) return null
  if (type.kind === 'json') return field.text
  if (type.kind === 'jsonb') return new Jsonb(node)
  if (type.element !== undefined && Array.isArray(node)) return arrayValue(node, type.element, call)
  if (typeof node === 'string') return parseValueText(node, type, call.types)
  return parseValueText(field.text, type, call.types)
}

/** A JSON array as an SQL array: nested arrays are further dimensions and must be regular. */
function arrayValue(items: readonly JsonNode[], element: SqlType, call: CallContext): SqlArray {
  const dimensions: number[] = []
  for (
    let level: JsonNode = items;
    Array.isArray(level);
    level = (level as JsonNode[])[0] ?? null
  ) {
    dimensions.push((level as JsonNode[]).length)
    if ((level as JsonNode[]).length === 0) break
  }
  const elements: Value[] = []
  const collect = (node: JsonNode, depth: number): void => {
    const isArray = Array.isArray(node)
    if (depth < dimensions.length) {
      if (!isArray || (node as JsonNode[]).length !== dimensions[depth]) {
        throw new SqlError(SqlState.invalidTextRepresentation, 'malformed JSON array', {
          detail: 'Multidimensional arrays must have sub-arrays with matching dimensions.',
        })
      }
      for (const item of node as JsonNode[]) collect(item, depth + 1)
      return
    }
    if (isArray) {
      throw new SqlError(SqlState.invalidTextRepresentation, 'malformed JSON array', {
        detail: 'Multidimensional arrays must have sub-arrays with matching dimensions.',
      })
    }
    const text = node instanceof Numeric || typeof node !== 'string' ? jsonbText(node) : node
    elements.push(node === null ? null : fieldValue({ node, text }, element, call))
  }
  collect(items, 0)
  return elements.length === 0 ? new SqlArray([]) : new SqlArray(elements, dimensions)
}

function jsonbNode(value: Value | undefined): JsonNode {
  if (!(value instanceof Jsonb)) throw new InternalError('jsonb argument is not a Jsonb')
  return value.node
}

function jsonText(value: Value | undefined): string {
  if (typeof value !== 'string') throw new InternalError('json argument is not a string')
  return value
}

function* toRecordset(
  elements: readonly JsonNode[],
  fieldsOf: (index: number) => Map<string, Field>,
  name: string,
  columns: Columns,
  call: CallContext,
): Generator<Value[]> {
  for (let i = 0; i < elements.length; i++) {
    if (!((elements[i] ?? null) instanceof Map)) {
      throw invalid(`argument of ${name} must be an array of objects`)
    }
    yield rowOf(fieldsOf(i), columns, call)
  }
}

function declare(
  name: string,
  arg: 'json' | 'jsonb',
  isStrict: boolean,
  evaluate: BuiltinSetFunction['evaluate'],
): BuiltinSetFunction {
  return { name, args: [arg], returns: 'record', volatility: 'stable', isStrict, evaluate }
}

export const jsonRecordFunctions: BuiltinSetFunction[] = [
  // A NULL document gives one row of NULLs (these two are not strict).
  declare('jsonb_to_record', 'jsonb', false, ([value], call) => {
    const columns = columnsOf(call, 'jsonb_to_record')
    if (value === null || value === undefined) return [columns.map(() => null)]
    return [rowOf(jsonbFields(jsonbNode(value)), columns, call)]
  }),
  declare('json_to_record', 'json', false, ([value], call) => {
    const columns = columnsOf(call, 'json_to_record')
    if (value === null || value === undefined) return [columns.map(() => null)]
    return [rowOf(jsonFields(jsonText(value)), columns, call)]
  }),
  declare('jsonb_to_recordset', 'jsonb', true, ([value], call) => {
    const columns = columnsOf(call, 'jsonb_to_recordset')
    const node = jsonbNode(value)
    if (!Array.isArray(node)) throw invalid('cannot call jsonb_to_recordset on a non-array')
    const items = node as readonly JsonNode[]
    return toRecordset(
      items,
      (i) => jsonbFields(items[i] ?? null),
      'jsonb_to_recordset',
      columns,
      call,
    )
  }),
  declare('json_to_recordset', 'json', true, ([value], call) => {
    const columns = columnsOf(call, 'json_to_recordset')
    const text = jsonText(value)
    const node = parseJsonb(text).node
    if (node instanceof Map) throw invalid('cannot call json_to_recordset on an object')
    if (!Array.isArray(node)) throw invalid('cannot call json_to_recordset on a scalar')
    const raw = jsonArrayElements(text, false)
    return toRecordset(
      node as readonly JsonNode[],
      (i) => jsonFields(raw[i] ?? 'null'),
      'json_to_recordset',
      columns,
      call,
    )
  }),
]
