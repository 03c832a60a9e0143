/**
 * Built-in functions, operators, casts and aggregates of the json family (see ../registry.ts),
 * as pg_proc, pg_operator and pg_cast of PostgreSQL 15 declare them (names, argument types,
 * volatility, strictness, cast contexts). Out of scope and so undeclared: the jsonpath
 * operators and functions (@?, @@, jsonb_path_*), jsonb_populate_record(set) and
 * json(b)_to_record(set), jsonb_hash (its values are PostgreSQL's hash function's), text search.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import {
  compareJsonb,
  escapeJson,
  Jsonb,
  type JsonbPathOperation,
  type JsonNode,
  JsonTextBuilder,
  jsonArrayElement,
  jsonArrayElements,
  jsonArrayLength,
  jsonbArrayElement,
  jsonbConcat,
  jsonbContains,
  jsonbDeleteIndex,
  jsonbDeleteKey,
  jsonbDeleteKeys,
  jsonbExists,
  jsonbGetPath,
  jsonbObject,
  jsonbObjectField,
  jsonbScalarText,
  jsonbSetPath,
  jsonbStripNulls,
  jsonbText,
  jsonEach,
  jsonExtractPath,
  jsonNodeType,
  jsonNumericToFloat32,
  jsonNumericToFloat64,
  jsonNumericToInteger,
  jsonObjectField,
  jsonObjectKeys,
  jsonStripNulls,
  jsonTypeof,
  Numeric,
  parseJsonb,
  SqlArray,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type {
  BuiltinAggregate,
  BuiltinCast,
  BuiltinFamily,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
  CallContext,
} from '../registry.js'
import {
  appendArrayJson,
  appendJson,
  appendRecordJson,
  jsonbKeyText,
  jsonCategory,
  toJsonbNode,
  toJsonText,
} from './json-convert.js'
import { jsonRecordFunctions } from './json-records.js'

// ---- Argument access ----------------------------------------------------------------------

function textArg(value: Value | undefined): string {
  if (typeof value !== 'string') throw new InternalError('expected a text argument')
  return value
}

function intArg(value: Value | undefined): number {
  if (typeof value !== 'number') throw new InternalError('expected an integer argument')
  return value
}

function boolArg(value: Value | undefined): boolean {
  if (typeof value !== 'boolean') throw new InternalError('expected a boolean argument')
  return value
}

function nodeArg(value: Value | undefined): JsonNode {
  if (!(value instanceof Jsonb)) throw new InternalError('expected a jsonb argument')
  return value.node
}

function arrayArg(value: Value | undefined): SqlArray {
  if (!(value instanceof SqlArray)) throw new InternalError('expected an array argument')
  return value
}

/** The elements of a text[] argument (any dimensions, flattened). */
function textElements(value: Value | undefined): (string | null)[] {
  return arrayArg(value).elements.map((element) => {
    if (element !== null && typeof element !== 'string') {
      throw new InternalError('expected text array elements')
    }
    return element
  })
}

/** A path for jsonb_set, jsonb_insert and #-: at most one dimension. */
function onePathDimension(value: Value | undefined): (string | null)[] {
  if (arrayArg(value).dimensions.length > 1) throw wrongSubscripts()
  return textElements(value)
}

function wrongSubscripts(): SqlError {
  return new SqlError(SqlState.arraySubscriptError, 'wrong number of array subscripts')
}

function argType(call: CallContext, index: number): SqlType {
  const type = call.argTypes[index]
  if (type === undefined) throw new InternalError(`no type for argument ${index + 1}`)
  return type
}

function jsonb(node: JsonNode | undefined): Value {
  return node === undefined ? null : new Jsonb(node)
}

/** A jsonb value as ->> and #>> give it: strings unquoted, JSON null as SQL NULL. */
function jsonbAsText(node: JsonNode | undefined): Value {
  if (node === undefined || node === null) return null
  if (typeof node === 'string') return node
  if (Array.isArray(node) || node instanceof Map) return jsonbText(node)
  return jsonbScalarText(node as boolean | Numeric)
}

function invalidParameter(message: string, fields: { hint?: string } = {}): SqlError {
  return new SqlError(SqlState.invalidParameterValue, message, fields)
}

function isScalarNode(node: JsonNode): boolean {
  return !Array.isArray(node) && !(node instanceof Map)
}

function countOf(node: JsonNode): number {
  if (node instanceof Map) return node.size
  return Array.isArray(node) ? node.length : 1
}

// ---- Paths ---------------------------------------------------------------------------------

function jsonbSet(
  target: JsonNode,
  path: (string | null)[],
  value: JsonNode,
  isCreating: boolean,
): Value {
  if (isScalarNode(target)) throw invalidParameter('cannot set path in scalar')
  if (countOf(target) === 0 && !isCreating) return new Jsonb(target)
  if (path.length === 0) return new Jsonb(target)
  return new Jsonb(jsonbSetPath(target, path, value, isCreating ? 'create' : 'replace'))
}

function jsonbInsert(
  target: JsonNode,
  path: (string | null)[],
  value: JsonNode,
  isAfter: boolean,
): Value {
  if (isScalarNode(target)) throw invalidParameter('cannot set path in scalar')
  if (path.length === 0) return new Jsonb(target)
  const operation: JsonbPathOperation = isAfter ? 'insertAfter' : 'insertBefore'
  return new Jsonb(jsonbSetPath(target, path, value, operation))
}

function jsonbDeletePath(target: JsonNode, path: (string | null)[]): Value {
  if (isScalarNode(target)) throw invalidParameter('cannot delete path in scalar')
  if (countOf(target) === 0 || path.length === 0) return new Jsonb(target)
  return new Jsonb(jsonbSetPath(target, path, null, 'delete'))
}

/** jsonb_set_lax: not strict; what an SQL NULL new value means is its fifth argument's word. */
function jsonbSetLax(args: readonly Value[]): Value {
  const [target, path, value, create, treatment] = args
  if (target === null || path === null || create === null) return null
  if (treatment === null || treatment === undefined) throw badNullTreatment()
  const isCreating = create === undefined ? true : boolArg(create)
  const treatmentWord = textArg(treatment)
  if (value !== null && value !== undefined) {
    return jsonbSet(nodeArg(target), onePathDimension(path), nodeArg(value), isCreating)
  }
  switch (treatmentWord) {
    case 'raise_exception':
      throw new SqlError(SqlState.nullValueNotAllowed, 'JSON value must not be null', {
        detail: 'Exception was raised because null_value_treatment is "raise_exception".',
        hint: 'To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.',
      })
    case 'use_json_null':
      return jsonbSet(nodeArg(target), onePathDimension(path), null, isCreating)
    case 'delete_key':
      return jsonbDeletePath(nodeArg(target), onePathDimension(path))
    case 'return_target':
      return target ?? null
    default:
      throw badNullTreatment()
  }
}

function badNullTreatment(): SqlError {
  return invalidParameter(
    'null_value_treatment must be "delete_key", "return_target", "use_json_null", or "raise_exception"',
  )
}

// ---- Constructors --------------------------------------------------------------------------

function evenArguments(name: string): SqlError {
  return invalidParameter('argument list must have even number of elements', {
    hint: `The arguments of ${name}() must consist of alternating keys and values.`,
  })
}

function jsonBuildObject(args: readonly Value[], call: CallContext): Value {
  if (args.length % 2 !== 0) throw evenArguments('json_build_object')
  const out = new JsonTextBuilder()
  out.push('{')
  for (let i = 0; i < args.length; i += 2) {
    if (i > 0) out.push(', ')
    const key = args[i] ?? null
    if (key === null) {
      throw invalidParameter(`argument ${i + 1} cannot be null`, {
        hint: 'Object keys should be text.',
      })
    }
    appendJson(out, key, argType(call, i), call, true)
    out.push(' : ')
    appendJson(out, args[i + 1] ?? null, argType(call, i + 1), call)
  }
  out.push('}')
  return out.toString()
}

function jsonbBuildObject(args: readonly Value[], call: CallContext): Value {
  if (args.length % 2 !== 0) throw evenArguments('jsonb_build_object')
  const pairs: [string, JsonNode][] = []
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i] ?? null
    if (key === null) throw invalidParameter(`argument ${i + 1}: key must not be null`)
    const keyText = jsonbKeyText(key, argType(call, i), call)
    pairs.push([keyText, toJsonbNode(args[i + 1] ?? null, argType(call, i + 1), call)])
  }
  return new Jsonb(jsonbObject(pairs))
}

function jsonBuildArray(args: readonly Value[], call: CallContext): Value {
  const out = new JsonTextBuilder()
  out.push('[')
  args.forEach((arg, i) => {
    if (i > 0) out.push(', ')
    appendJson(out, arg, argType(call, i), call)
  })
  out.push(']')
  return out.toString()
}

function jsonbBuildArray(args: readonly Value[], call: CallContext): Value {
  return new Jsonb(args.map((arg, i) => toJsonbNode(arg, argType(call, i), call)))
}

/** json_object / jsonb_object: key/value pairs from one text[] (flat or two columns) or two;
 * values are strings (NULL as null), keys may not be NULL. */
function objectPairs(keysArg: Value | undefined, valuesArg?: Value): [string, string | null][] {
  const keys = arrayArg(keysArg)
  let pairs: [string | null, string | null][]
  if (valuesArg === undefined) {
    const dimensions = keys.dimensions
    if (dimensions.length === 0) return []
    if (dimensions.length === 1) {
      if ((dimensions[0] ?? 0) % 2 !== 0) {
        throw new SqlError(SqlState.arraySubscriptError, 'array must have even number of elements')
      }
    } else if (dimensions.length === 2) {
      if (dimensions[1] !== 2) {
        throw new SqlError(SqlState.arraySubscriptError, 'array must have two columns')
      }
    } else {
      throw wrongSubscripts()
    }
    const flat = textElements(keysArg)
    pairs = []
    for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i] ?? null, flat[i + 1] ?? null])
  } else {
    const values = arrayArg(valuesArg)
    if (keys.dimensions.length > 1 || keys.dimensions.length !== values.dimensions.length) {
      throw wrongSubscripts()
    }
    if (keys.dimensions.length === 0) return []
    const keyTexts = textElements(keysArg)
    const valueTexts = textElements(valuesArg)
    if (keyTexts.length !== valueTexts.length) {
      throw new SqlError(SqlState.arraySubscriptError, 'mismatched array dimensions')
    }
    pairs = keyTexts.map((key, i) => [key, valueTexts[i] ?? null])
  }
  return pairs.map(([key, value]) => {
    if (key === null) {
      throw new SqlError(SqlState.nullValueNotAllowed, 'null value not allowed for object key')
    }
    return [key, value]
  })
}

function jsonObject(args: readonly Value[]): Value {
  const pairs = objectPairs(args[0], args[1])
  const out = new JsonTextBuilder()
  out.push('{')
  pairs.forEach(([key, value], i) => {
    if (i > 0) out.push(', ')
    out.push(escapeJson(key))
    out.push(' : ')
    out.push(value === null ? 'null' : escapeJson(value))
  })
  out.push('}')
  return out.toString()
}

function jsonbObjectFromText(args: readonly Value[]): Value {
  return new Jsonb(jsonbObject(objectPairs(args[0], args[1])))
}

// ---- Declarations --------------------------------------------------------------------------

type Evaluate = BuiltinFunction['evaluate']

function fn(
  name: string,
  args: BuiltinFunction['args'],
  returns: BuiltinFunction['returns'],
  evaluate: Evaluate,
  options: { volatility?: 'immutable' | 'stable'; isStrict?: boolean; isVariadic?: boolean } = {},
): BuiltinFunction {
  return {
    name,
    args,
    returns,
    evaluate,
    volatility: options.volatility ?? 'immutable',
    isStrict: options.isStrict ?? true,
    ...(options.isVariadic === true ? { isVariadic: true } : {}),
  }
}

function op(
  name: string,
  left: BuiltinOperator['left'],
  right: BuiltinOperator['right'],
  returns: BuiltinOperator['returns'],
  evaluate: BuiltinOperator['evaluate'],
): BuiltinOperator {
  return { name, left, right, returns, volatility: 'immutable', evaluate }
}

const getJsonObjectField: Evaluate = ([json, key]) =>
  jsonObjectField(textArg(json), textArg(key), false)
const getJsonObjectFieldText: Evaluate = ([json, key]) =>
  jsonObjectField(textArg(json), textArg(key), true)
const getJsonArrayElement: Evaluate = ([json, index]) =>
  jsonArrayElement(textArg(json), intArg(index), false)
const getJsonArrayElementText: Evaluate = ([json, index]) =>
  jsonArrayElement(textArg(json), intArg(index), true)

function jsonPath(json: Value | undefined, path: Value | undefined, asText: boolean): Value {
  const steps = textElements(path)
  if (steps.includes(null)) return null
  return jsonExtractPath(textArg(json), steps as string[], asText)
}

const getJsonPath: Evaluate = ([json, path]) => jsonPath(json, path, false)
const getJsonPathText: Evaluate = ([json, path]) => jsonPath(json, path, true)
const getJsonbObjectField: Evaluate = ([value, key]) =>
  jsonb(jsonbObjectField(nodeArg(value), textArg(key)))
const getJsonbObjectFieldText: Evaluate = ([value, key]) =>
  jsonbAsText(jsonbObjectField(nodeArg(value), textArg(key)))
const getJsonbArrayElement: Evaluate = ([value, index]) =>
  jsonb(jsonbArrayElement(nodeArg(value), intArg(index)))
const getJsonbArrayElementText: Evaluate = ([value, index]) =>
  jsonbAsText(jsonbArrayElement(nodeArg(value), intArg(index)))
const getJsonbPath: Evaluate = ([value, path]) =>
  jsonb(jsonbGetPath(nodeArg(value), textElements(path)))
const getJsonbPathText: Evaluate = ([value, path]) =>
  jsonbAsText(jsonbGetPath(nodeArg(value), textElements(path)))

const contains: Evaluate = ([a, b]) => jsonbContains(nodeArg(a), nodeArg(b))
const contained: Evaluate = ([a, b]) => jsonbContains(nodeArg(b), nodeArg(a))
const exists: Evaluate = ([value, key]) => jsonbExists(nodeArg(value), textArg(key))
const existsAny: Evaluate = ([value, keys]) => {
  const node = nodeArg(value)
  return textElements(keys).some((key) => key !== null && jsonbExists(node, key))
}
const existsAll: Evaluate = ([value, keys]) => {
  const node = nodeArg(value)
  return textElements(keys).every((key) => key === null || jsonbExists(node, key))
}
const concat: Evaluate = ([a, b]) => new Jsonb(jsonbConcat(nodeArg(a), nodeArg(b)))
const deleteKey: Evaluate = ([value, key]) =>
  new Jsonb(jsonbDeleteKey(nodeArg(value), textArg(key)))
const deleteIndex: Evaluate = ([value, index]) =>
  new Jsonb(jsonbDeleteIndex(nodeArg(value), intArg(index)))
const deleteKeys: Evaluate = ([value, keys]) => {
  if (arrayArg(keys).dimensions.length > 1) throw wrongSubscripts()
  return new Jsonb(jsonbDeleteKeys(nodeArg(value), textElements(keys)))
}
const deletePath: Evaluate = ([value, path]) =>
  jsonbDeletePath(nodeArg(value), onePathDimension(path))

const comparisons: readonly [string, string, (order: number) => boolean][] = [
  ['=', 'jsonb_eq', (order) => order === 0],
  ['<>', 'jsonb_ne', (order) => order !== 0],
  ['<', 'jsonb_lt', (order) => order < 0],
  ['<=', 'jsonb_le', (order) => order <= 0],
  ['>', 'jsonb_gt', (order) => order > 0],
  ['>=', 'jsonb_ge', (order) => order >= 0],
]

const operators: BuiltinOperator[] = [
  op('->', 'json', 'int4', 'json', getJsonArrayElement),
  op('->', 'json', 'text', 'json', getJsonObjectField),
  op('->>', 'json', 'int4', 'text', getJsonArrayElementText),
  op('->>', 'json', 'text', 'text', getJsonObjectFieldText),
  op('#>', 'json', 'text[]', 'json', getJsonPath),
  op('#>>', 'json', 'text[]', 'text', getJsonPathText),
  op('->', 'jsonb', 'int4', 'jsonb', getJsonbArrayElement),
  op('->', 'jsonb', 'text', 'jsonb', getJsonbObjectField),
  op('->>', 'jsonb', 'int4', 'text', getJsonbArrayElementText),
  op('->>', 'jsonb', 'text', 'text', getJsonbObjectFieldText),
  op('#>', 'jsonb', 'text[]', 'jsonb', getJsonbPath),
  op('#>>', 'jsonb', 'text[]', 'text', getJsonbPathText),
  op('@>', 'jsonb', 'jsonb', 'bool', contains),
  op('<@', 'jsonb', 'jsonb', 'bool', contained),
  op('?', 'jsonb', 'text', 'bool', exists),
  op('?|', 'jsonb', 'text[]', 'bool', existsAny),
  op('?&', 'jsonb', 'text[]', 'bool', existsAll),
  op('||', 'jsonb', 'jsonb', 'jsonb', concat),
  op('-', 'jsonb', 'text', 'jsonb', deleteKey),
  op('-', 'jsonb', 'int4', 'jsonb', deleteIndex),
  op('-', 'jsonb', 'text[]', 'jsonb', deleteKeys),
  op('#-', 'jsonb', 'text[]', 'jsonb', deletePath),
  ...comparisons.map(([name, , test]) =>
    op(name, 'jsonb', 'jsonb', 'bool', ([a, b]) => test(compareJsonb(nodeArg(a), nodeArg(b)))),
  ),
]

const stable = { volatility: 'stable' } as const
const stableLax = { volatility: 'stable', isStrict: false } as const
const stableVariadic = { volatility: 'stable', isStrict: false, isVariadic: true } as const

const functions: BuiltinFunction[] = [
  // Conversions.
  fn(
    'to_json',
    ['anyelement'],
    'json',
    ([v], call) => toJsonText(v ?? null, argType(call, 0), call),
    stable,
  ),
  fn(
    'to_jsonb',
    ['anyelement'],
    'jsonb',
    ([v], call) => new Jsonb(toJsonbNode(v ?? null, argType(call, 0), call)),
    stable,
  ),
  fn('array_to_json', ['anyarray'], 'json', ([v], call) => arrayToJson(v, false, call), stable),
  fn(
    'array_to_json',
    ['anyarray', 'bool'],
    'json',
    ([v, pretty], call) => arrayToJson(v, boolArg(pretty), call),
    stable,
  ),
  fn('row_to_json', ['record'], 'json', ([v], call) => rowToJson(v, false, call), stable),
  fn(
    'row_to_json',
    ['record', 'bool'],
    'json',
    ([v, pretty], call) => rowToJson(v, boolArg(pretty), call),
    stable,
  ),
  // Constructors.
  fn('json_build_object', [], 'json', () => '{}', stableLax),
  fn('json_build_object', ['any'], 'json', jsonBuildObject, stableVariadic),
  fn('jsonb_build_object', [], 'jsonb', () => new Jsonb(new Map()), stableLax),
  fn('jsonb_build_object', ['any'], 'jsonb', jsonbBuildObject, stableVariadic),
  fn('json_build_array', [], 'json', () => '[]', stableLax),
  fn('json_build_array', ['any'], 'json', jsonBuildArray, stableVariadic),
  fn('jsonb_build_array', [], 'jsonb', () => new Jsonb([]), stableLax),
  fn('jsonb_build_array', ['any'], 'jsonb', jsonbBuildArray, stableVariadic),
  fn('json_object', ['text[]'], 'json', jsonObject),
  fn('json_object', ['text[]', 'text[]'], 'json', jsonObject),
  fn('jsonb_object', ['text[]'], 'jsonb', jsonbObjectFromText),
  fn('jsonb_object', ['text[]', 'text[]'], 'jsonb', jsonbObjectFromText),
  // Extraction (the functions behind ->, ->>, #>, #>>).
  fn('json_object_field', ['json', 'text'], 'json', getJsonObjectField),
  fn('json_object_field_text', ['json', 'text'], 'text', getJsonObjectFieldText),
  fn('json_array_element', ['json', 'int4'], 'json', getJsonArrayElement),
  fn('json_array_element_text', ['json', 'int4'], 'text', getJsonArrayElementText),
  fn('json_extract_path', ['json', 'text[]'], 'json', getJsonPath, { isVariadic: true }),
  fn('json_extract_path_text', ['json', 'text[]'], 'text', getJsonPathText, { isVariadic: true }),
  fn('jsonb_object_field', ['jsonb', 'text'], 'jsonb', getJsonbObjectField),
  fn('jsonb_object_field_text', ['jsonb', 'text'], 'text', getJsonbObjectFieldText),
  fn('jsonb_array_element', ['jsonb', 'int4'], 'jsonb', getJsonbArrayElement),
  fn('jsonb_array_element_text', ['jsonb', 'int4'], 'text', getJsonbArrayElementText),
  fn('jsonb_extract_path', ['jsonb', 'text[]'], 'jsonb', getJsonbPath, { isVariadic: true }),
  fn('jsonb_extract_path_text', ['jsonb', 'text[]'], 'text', getJsonbPathText, {
    isVariadic: true,
  }),
  // Inspection.
  fn('json_array_length', ['json'], 'int4', ([v]) => jsonArrayLength(textArg(v))),
  fn('jsonb_array_length', ['jsonb'], 'int4', ([v]) => jsonbArrayLength(nodeArg(v))),
  fn('json_typeof', ['json'], 'text', ([v]) => jsonTypeof(textArg(v))),
  fn('jsonb_typeof', ['jsonb'], 'text', ([v]) => jsonNodeType(nodeArg(v))),
  fn('jsonb_pretty', ['jsonb'], 'text', ([v]) => jsonbText(nodeArg(v), true)),
  fn('json_strip_nulls', ['json'], 'json', ([v]) => jsonStripNulls(textArg(v))),
  fn('jsonb_strip_nulls', ['jsonb'], 'jsonb', ([v]) => new Jsonb(jsonbStripNulls(nodeArg(v)))),
  // Modification.
  fn('jsonb_set', ['jsonb', 'text[]', 'jsonb'], 'jsonb', ([t, p, v]) =>
    jsonbSet(nodeArg(t), onePathDimension(p), nodeArg(v), true),
  ),
  fn('jsonb_set', ['jsonb', 'text[]', 'jsonb', 'bool'], 'jsonb', ([t, p, v, c]) =>
    jsonbSet(nodeArg(t), onePathDimension(p), nodeArg(v), boolArg(c)),
  ),
  fn(
    'jsonb_set_lax',
    ['jsonb', 'text[]', 'jsonb'],
    'jsonb',
    ([t, p, v]) => jsonbSetLax([t ?? null, p ?? null, v ?? null, true, 'use_json_null']),
    { isStrict: false },
  ),
  fn(
    'jsonb_set_lax',
    ['jsonb', 'text[]', 'jsonb', 'bool'],
    'jsonb',
    ([t, p, v, c]) => jsonbSetLax([t ?? null, p ?? null, v ?? null, c ?? null, 'use_json_null']),
    { isStrict: false },
  ),
  fn('jsonb_set_lax', ['jsonb', 'text[]', 'jsonb', 'bool', 'text'], 'jsonb', jsonbSetLax, {
    isStrict: false,
  }),
  fn('jsonb_insert', ['jsonb', 'text[]', 'jsonb'], 'jsonb', ([t, p, v]) =>
    jsonbInsert(nodeArg(t), onePathDimension(p), nodeArg(v), false),
  ),
  fn('jsonb_insert', ['jsonb', 'text[]', 'jsonb', 'bool'], 'jsonb', ([t, p, v, a]) =>
    jsonbInsert(nodeArg(t), onePathDimension(p), nodeArg(v), boolArg(a)),
  ),
  // The functions behind the jsonb operators.
  fn('jsonb_contains', ['jsonb', 'jsonb'], 'bool', contains),
  fn('jsonb_contained', ['jsonb', 'jsonb'], 'bool', contained),
  fn('jsonb_exists', ['jsonb', 'text'], 'bool', exists),
  fn('jsonb_exists_any', ['jsonb', 'text[]'], 'bool', existsAny),
  fn('jsonb_exists_all', ['jsonb', 'text[]'], 'bool', existsAll),
  fn('jsonb_concat', ['jsonb', 'jsonb'], 'jsonb', concat),
  fn('jsonb_delete', ['jsonb', 'text'], 'jsonb', deleteKey),
  fn('jsonb_delete', ['jsonb', 'int4'], 'jsonb', deleteIndex),
  fn('jsonb_delete', ['jsonb', 'text[]'], 'jsonb', deleteKeys, { isVariadic: true }),
  fn('jsonb_delete_path', ['jsonb', 'text[]'], 'jsonb', deletePath),
  fn('jsonb_cmp', ['jsonb', 'jsonb'], 'int4', ([a, b]) => compareJsonb(nodeArg(a), nodeArg(b))),
  ...comparisons.map(([, name, test]) =>
    fn(name, ['jsonb', 'jsonb'], 'bool', ([a, b]) => test(compareJsonb(nodeArg(a), nodeArg(b)))),
  ),
]

function arrayToJson(value: Value | undefined, lineFeeds: boolean, call: CallContext): Value {
  const out = new JsonTextBuilder()
  appendArrayJson(out, value ?? null, argType(call, 0), call, lineFeeds)
  return out.toString()
}

function rowToJson(value: Value | undefined, lineFeeds: boolean, call: CallContext): Value {
  const out = new JsonTextBuilder()
  appendRecordJson(out, value ?? null, call, lineFeeds)
  return out.toString()
}

function jsonbArrayLength(node: JsonNode): number {
  if (node instanceof Map) throw invalidParameter('cannot get array length of a non-array')
  if (!Array.isArray(node)) throw invalidParameter('cannot get array length of a scalar')
  return node.length
}

// ---- Set-returning functions ---------------------------------------------------------------

function keyValueColumns(valueType: SqlType) {
  return () => [
    { name: 'key', type: sqlTypes.text },
    { name: 'value', type: valueType },
  ]
}

function valueColumn(valueType: SqlType) {
  return () => [{ name: 'value', type: valueType }]
}

function jsonbPairs(node: JsonNode, name: string): [string, JsonNode][] {
  if (!(node instanceof Map)) throw invalidParameter(`cannot call ${name} on a non-object`)
  return [...(node as ReadonlyMap<string, JsonNode>)]
}

function jsonbElements(node: JsonNode): readonly JsonNode[] {
  if (node instanceof Map) throw invalidParameter('cannot extract elements from an object')
  if (!Array.isArray(node)) throw invalidParameter('cannot extract elements from a scalar')
  return node
}

function setFn(
  name: string,
  arg: 'json' | 'jsonb',
  returns: BuiltinSetFunction['returns'],
  evaluate: BuiltinSetFunction['evaluate'],
  columns?: BuiltinSetFunction['columns'],
): BuiltinSetFunction {
  return {
    name,
    args: [arg],
    returns,
    evaluate,
    volatility: 'immutable',
    isStrict: true,
    ...(columns === undefined ? {} : { columns }),
  }
}

const setFunctions: BuiltinSetFunction[] = [
  setFn(
    'json_each',
    'json',
    'record',
    ([v]) => jsonEach(textArg(v), false),
    keyValueColumns(sqlTypes.json),
  ),
  setFn(
    'json_each_text',
    'json',
    'record',
    ([v]) => jsonEach(textArg(v), true),
    keyValueColumns(sqlTypes.text),
  ),
  setFn(
    'jsonb_each',
    'jsonb',
    'record',
    ([v]) => jsonbPairs(nodeArg(v), 'jsonb_each').map(([k, n]) => [k, new Jsonb(n)]),
    keyValueColumns(sqlTypes.jsonb),
  ),
  setFn(
    'jsonb_each_text',
    'jsonb',
    'record',
    ([v]) => jsonbPairs(nodeArg(v), 'jsonb_each_text').map(([k, n]) => [k, jsonbAsText(n)]),
    keyValueColumns(sqlTypes.text),
  ),
  setFn(
    'json_array_elements',
    'json',
    'json',
    ([v]) => jsonArrayElements(textArg(v), false).map((item) => [item]),
    valueColumn(sqlTypes.json),
  ),
  setFn(
    'json_array_elements_text',
    'json',
    'text',
    ([v]) => jsonArrayElements(textArg(v), true).map((item) => [item]),
    valueColumn(sqlTypes.text),
  ),
  setFn(
    'jsonb_array_elements',
    'jsonb',
    'jsonb',
    ([v]) => jsonbElements(nodeArg(v)).map((item) => [new Jsonb(item)]),
    valueColumn(sqlTypes.jsonb),
  ),
  setFn(
    'jsonb_array_elements_text',
    'jsonb',
    'text',
    ([v]) => jsonbElements(nodeArg(v)).map((item) => [jsonbAsText(item)]),
    valueColumn(sqlTypes.text),
  ),
  setFn('json_object_keys', 'json', 'text', ([v]) => jsonObjectKeys(textArg(v))),
  setFn('jsonb_object_keys', 'jsonb', 'text', ([v]) => {
    const node = nodeArg(v)
    if (Array.isArray(node)) throw invalidParameter('cannot call jsonb_object_keys on an array')
    if (!(node instanceof Map)) throw invalidParameter('cannot call jsonb_object_keys on a scalar')
    return [...(node as ReadonlyMap<string, JsonNode>).keys()]
  }),
]

// ---- Casts ---------------------------------------------------------------------------------

/** PostgreSQL's names of jsonb value types in cast errors. */
function jsonbTypeName(node: JsonNode): string {
  if (node === null) return 'null'
  if (typeof node === 'string') return 'string'
  if (typeof node === 'boolean') return 'boolean'
  if (node instanceof Numeric) return 'numeric'
  return Array.isArray(node) ? 'array' : 'object'
}

function cannotCast(node: JsonNode, target: SqlType): SqlError {
  return invalidParameter(`cannot cast jsonb ${jsonbTypeName(node)} to type ${target.displayName}`)
}

/** The scalar of a top-level scalar jsonb (containers stay as they are, for the message). */
function castSource(value: Value): JsonNode {
  return nodeArg(value)
}

function numericOf(value: Value, target: SqlType): Numeric {
  const node = castSource(value)
  if (!(node instanceof Numeric)) throw cannotCast(node, target)
  return node
}

function jsonbCast(
  target: 'bool' | 'numeric' | 'int2' | 'int4' | 'int8' | 'float4' | 'float8',
  convert: (value: Value, type: SqlType) => Value,
): BuiltinCast {
  return { source: 'jsonb', target, context: 'explicit', evaluate: (v, _s, t) => convert(v, t) }
}

const casts: BuiltinCast[] = [
  {
    source: 'json',
    target: 'jsonb',
    context: 'assignment',
    evaluate: (value) => parseJsonb(textArg(value)),
  },
  {
    source: 'jsonb',
    target: 'json',
    context: 'assignment',
    evaluate: (value) => jsonbText(nodeArg(value)),
  },
  jsonbCast('bool', (value, type) => {
    const node = castSource(value)
    if (typeof node !== 'boolean') throw cannotCast(node, type)
    return node
  }),
  jsonbCast('numeric', (value, type) => numericOf(value, type)),
  jsonbCast('int2', (value, type) => Number(jsonNumericToInteger(numericOf(value, type), 'int2'))),
  jsonbCast('int4', (value, type) => Number(jsonNumericToInteger(numericOf(value, type), 'int4'))),
  jsonbCast('int8', (value, type) => jsonNumericToInteger(numericOf(value, type), 'int8')),
  jsonbCast('float4', (value, type) => jsonNumericToFloat32(numericOf(value, type))),
  jsonbCast('float8', (value, type) => jsonNumericToFloat64(numericOf(value, type))),
]

// ---- Aggregates ----------------------------------------------------------------------------

interface TextAggState {
  out: JsonTextBuilder | undefined
}

const jsonAgg: BuiltinAggregate<TextAggState> = {
  name: 'json_agg',
  args: ['anyelement'],
  returns: 'json',
  volatility: 'stable',
  isStrict: false,
  initial: () => ({ out: undefined }),
  step(state, [value], call) {
    const type = argType(call, 0)
    const isFirst = state.out === undefined
    const out = state.out ?? new JsonTextBuilder()
    state.out = out
    out.push(isFirst ? '[' : ', ')
    const v = value ?? null
    if (v !== null && !isFirst) {
      const category = jsonCategory(type)
      // PostgreSQL puts structured values of a later row on a new line.
      if (category === 'array' || category === 'composite') out.push('\n ')
    }
    appendJson(out, v, type, call)
    return state
  },
  final(state) {
    return state.out === undefined ? null : `${state.out.toString()}]`
  },
}

interface NodesAggState {
  items: JsonNode[] | undefined
}

const jsonbAgg: BuiltinAggregate<NodesAggState> = {
  name: 'jsonb_agg',
  args: ['anyelement'],
  returns: 'jsonb',
  volatility: 'stable',
  isStrict: false,
  initial: () => ({ items: undefined }),
  step(state, [value], call) {
    state.items ??= []
    state.items.push(toJsonbNode(value ?? null, argType(call, 0), call))
    return state
  },
  final(state) {
    return state.items === undefined ? null : new Jsonb(state.items)
  },
}

function nullFieldName(): SqlError {
  return invalidParameter('field name must not be null')
}

const jsonObjectAgg: BuiltinAggregate<TextAggState> = {
  name: 'json_object_agg',
  args: ['any', 'any'],
  returns: 'json',
  volatility: 'stable',
  isStrict: false,
  initial: () => ({ out: undefined }),
  step(state, [key, value], call) {
    const out = state.out ?? new JsonTextBuilder()
    out.push(state.out === undefined ? '{ ' : ', ')
    state.out = out
    if (key === null || key === undefined) throw nullFieldName()
    appendJson(out, key, argType(call, 0), call, true)
    out.push(' : ')
    appendJson(out, value ?? null, argType(call, 1), call)
    return state
  },
  final(state) {
    return state.out === undefined ? null : `${state.out.toString()} }`
  },
}

interface PairsAggState {
  pairs: [string, JsonNode][] | undefined
}

const jsonbObjectAgg: BuiltinAggregate<PairsAggState> = {
  name: 'jsonb_object_agg',
  args: ['any', 'any'],
  returns: 'jsonb',
  volatility: 'immutable',
  isStrict: false,
  initial: () => ({ pairs: undefined }),
  step(state, [key, value], call) {
    if (key === null || key === undefined) throw nullFieldName()
    state.pairs ??= []
    state.pairs.push([
      jsonbKeyText(key, argType(call, 0), call),
      toJsonbNode(value ?? null, argType(call, 1), call),
    ])
    return state
  },
  final(state) {
    return state.pairs === undefined ? null : new Jsonb(jsonbObject(state.pairs))
  },
}

export const jsonBuiltins: BuiltinFamily = {
  functions,
  setFunctions: [...setFunctions, ...jsonRecordFunctions],
  operators,
  casts,
  aggregates: [
    jsonAgg as BuiltinAggregate<unknown>,
    jsonbAgg as BuiltinAggregate<unknown>,
    jsonObjectAgg as BuiltinAggregate<unknown>,
    jsonbObjectAgg as BuiltinAggregate<unknown>,
  ],
}
