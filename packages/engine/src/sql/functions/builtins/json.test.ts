// to_json / to_jsonb, row_to_json, array_to_json, json(b)_build_object / _array and the json
// aggregates against PostgreSQL 15 (the psql query is in the comment of each check). Scalar
// output of other families (floats, bytea) comes from a stand-in for call.output printing what
// PostgreSQL prints for the values used here. Also: the declarations agree with pg_proc.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import {
  arrayOf,
  defaultTypeContext,
  Jsonb,
  jsonbText,
  Numeric,
  parseJsonb,
  SqlArray,
  SqlRecord,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type { BuiltinAggregate, CallContext } from '../registry.js'
import { jsonBuiltins } from './json.js'
import { xsdDateTime } from './json-convert.js'

const floatText = new Map<number, string>([
  [Number.POSITIVE_INFINITY, 'Infinity'],
  [Number.NEGATIVE_INFINITY, '-Infinity'],
  [1e300, '1e+300'],
  [1e20, '1e+20'],
  [1e-5, '1e-05'],
])

/** What PostgreSQL's output functions print for the values of these tests. */
function output(value: Value, type: SqlType): string {
  if (typeof value === 'number' && (type.kind === 'float4' || type.kind === 'float8')) {
    if (Number.isNaN(value)) return 'NaN'
    if (Object.is(value, -0)) return '-0'
    return floatText.get(value) ?? String(value)
  }
  if (value instanceof Numeric) return value.toString()
  if (value instanceof Uint8Array) {
    return `\\x${[...value].map((b) => b.toString(16).padStart(2, '0')).join('')}`
  }
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return String(value)
  }
  return assert.fail(`no stand-in output for ${type.name}`)
}

function context(argTypes: readonly SqlType[]): CallContext {
  return {
    argTypes,
    resultType: sqlTypes.text,
    types: defaultTypeContext,
    transactionTimestamp: 0n,
    statementTimestamp: 0n,
    random: () => 0,
    output,
    settings: { get: () => null, set: () => '' },
  }
}

function fn(name: string, argCount: number) {
  const found = jsonBuiltins.functions.find((f) => f.name === name && f.args.length === argCount)
  assert.ok(found, `${name}/${argCount} is declared`)
  return found
}

/** Calls a function with typed arguments (variadic "any" ones take the types given). */
function call(name: string, typed: readonly (readonly [Value, SqlType])[], declared = -1): string {
  const f = fn(name, declared >= 0 ? declared : typed.length)
  const result = f.evaluate(
    typed.map(([v]) => v),
    context(typed.map(([, t]) => t)),
  )
  if (result instanceof Jsonb) return jsonbText(result.node)
  assert.equal(typeof result, 'string')
  return result as string
}

function variadic(name: string, typed: readonly (readonly [Value, SqlType])[]): string {
  return call(name, typed, typed.length === 0 ? 0 : 1)
}

const { int4, int8, text, bool, float8, float4, numeric, json, jsonb, bytea, bpchar } = sqlTypes
const int4s = arrayOf(int4)
const float8s = arrayOf(float8)
const texts = arrayOf(text)

const j = (text: string): Jsonb => parseJsonb(text)
const row = (...fields: (readonly [Value, SqlType])[]): SqlRecord =>
  new SqlRecord(
    fields.map(([v]) => v),
    fields.map(([, t]) => t),
  )
const rowType = sqlTypes.record

function assertSqlError(run: () => unknown, code: string, message: string, hint?: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SqlError)
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    assert.equal(error.hint, hint)
    return true
  })
}

test('to_json of scalars', () => {
  // select to_json(1), to_json(1.50::numeric), to_json('NaN'::numeric),
  //   to_json('Infinity'::float8), to_json(-0.0::float8), to_json(1e300::float8),
  //   to_json(1.5::float4), to_json(true), to_json('a"b\c'::text), to_json(E'\x01\t'::text),
  //   to_json('{"a": 1}'::json), to_json('{"a":1}'::jsonb)
  //  → 1|1.50|"NaN"|"Infinity"|-0|1e+300|1.5|true|"a\"b\\c"|"\u0001\t"|{"a": 1}|{"a": 1}
  const cases: [Value, SqlType, string][] = [
    [1, int4, '1'],
    [Numeric.of(150n, 2), numeric, '1.50'],
    [Numeric.nan, numeric, '"NaN"'],
    [Number.POSITIVE_INFINITY, float8, '"Infinity"'],
    [-0, float8, '-0'],
    [1e300, float8, '1e+300'],
    [1.5, float4, '1.5'],
    [true, bool, 'true'],
    ['a"b\\c', text, '"a\\"b\\\\c"'],
    ['\x01\t', text, '"\\u0001\\t"'],
    ['{"a": 1}', json, '{"a": 1}'],
    [j('{"a":1}'), jsonb, '{"a": 1}'],
    // select to_json(123456789012::int8), to_json('x'::char(3)), to_json('\x0102'::bytea)
    //  → 123456789012|"x  "|"\\x0102"
    [123456789012n, int8, '123456789012'],
    ['x  ', bpchar, '"x  "'],
    [Uint8Array.of(1, 2), bytea, '"\\\\x0102"'],
  ]
  for (const [value, type, expected] of cases)
    assert.equal(call('to_json', [[value, type]]), expected)
})

test('to_jsonb of scalars: numbers become numeric, NaN and infinities strings', () => {
  // select to_jsonb(1), to_jsonb(1.50::numeric), to_jsonb('NaN'::numeric),
  //   to_jsonb('Infinity'::float8), to_jsonb(-0.0::float8), to_jsonb(1.5::float4),
  //   to_jsonb(true), to_jsonb('a"b\c'::text), to_jsonb('{"a": 1, "a": 2}'::json),
  //   to_jsonb(1e-5::float8), to_jsonb(1.0e20::float8), to_jsonb('-Infinity'::numeric)
  //  → 1|1.50|"NaN"|"Infinity"|0|1.5|true|"a\"b\\c"|{"a": 2}|0.00001|100000000000000000000|"-Infinity"
  const cases: [Value, SqlType, string][] = [
    [1, int4, '1'],
    [Numeric.of(150n, 2), numeric, '1.50'],
    [Numeric.nan, numeric, '"NaN"'],
    [Number.POSITIVE_INFINITY, float8, '"Infinity"'],
    [-0, float8, '0'],
    [1.5, float4, '1.5'],
    [true, bool, 'true'],
    ['a"b\\c', text, '"a\\"b\\\\c"'],
    ['{"a": 1, "a": 2}', json, '{"a": 2}'],
    [1e-5, float8, '0.00001'],
    [1e20, float8, '100000000000000000000'],
    [Numeric.minusInfinity, numeric, '"-Infinity"'],
    [9007199254740993n, int8, '9007199254740993'],
  ]
  for (const [value, type, expected] of cases) {
    assert.equal(call('to_jsonb', [[value, type]]), expected)
  }
  // select to_jsonb(1e300::float8)::text = '1' || repeat('0', 300) → t
  assert.equal(call('to_jsonb', [[1e300, float8]]), `1${'0'.repeat(300)}`)
  // select to_jsonb('["\u0000"]'::json) → 22P05
  assert.throws(
    () => call('to_jsonb', [['["\\u0000"]', json]]),
    (e: unknown) => e instanceof SqlError && e.code === '22P05',
  )
})

test('to_json and to_jsonb of arrays', () => {
  const matrix = new SqlArray([1, 2, 3, 4], [2, 2])
  // select to_json(array[[1,2],[3,4]]), to_jsonb(array[[1,2],[3,4]]) → [[1,2],[3,4]]|[[1, 2], [3, 4]]
  assert.equal(call('to_json', [[matrix, int4s]]), '[[1,2],[3,4]]')
  assert.equal(call('to_jsonb', [[matrix, int4s]]), '[[1, 2], [3, 4]]')
  // select to_json('{}'::int[]), to_jsonb('{}'::int[]) → []|[]
  assert.equal(call('to_json', [[new SqlArray([]), int4s]]), '[]')
  assert.equal(call('to_jsonb', [[new SqlArray([]), int4s]]), '[]')
  // select to_json('[0:1]={1,2}'::int[]) → [1,2]
  assert.equal(call('to_json', [[new SqlArray([1, 2], [2], [0]), int4s]]), '[1,2]')
  // select to_json(array['a',null]), to_jsonb(array['a',null]) → ["a",null]|["a", null]
  assert.equal(call('to_json', [[new SqlArray(['a', null]), texts]]), '["a",null]')
  assert.equal(call('to_jsonb', [[new SqlArray(['a', null]), texts]]), '["a", null]')
  // select to_json(array['a"b', E'c\nd']) → ["a\"b","c\nd"]
  assert.equal(call('to_json', [[new SqlArray(['a"b', 'c\nd']), texts]]), '["a\\"b","c\\nd"]')
  // select to_jsonb(array[1e300, 'NaN', '-0']::float8[]) → [1000...0, "NaN", 0]
  const floats = new SqlArray([1e300, Number.NaN, -0])
  assert.equal(call('to_jsonb', [[floats, float8s]]), `[1${'0'.repeat(300)}, "NaN", 0]`)
  // select to_json(array[1e300, 'NaN', '-0', 1e-5]::float8[]) → [1e+300,"NaN",-0,1e-05]
  const moreFloats = new SqlArray([1e300, Number.NaN, -0, 1e-5])
  assert.equal(call('to_json', [[moreFloats, float8s]]), '[1e+300,"NaN",-0,1e-05]')
  // select to_json(array['{"a":1}'::json]), to_json(array['{"a":1}'::jsonb]) → [{"a":1}]|[{"a": 1}]
  assert.equal(call('to_json', [[new SqlArray(['{"a":1}']), arrayOf(json)]]), '[{"a":1}]')
  assert.equal(call('to_json', [[new SqlArray([j('{"a":1}')]), arrayOf(jsonb)]]), '[{"a": 1}]')
})

test('to_json and to_jsonb of records: f1, f2... or the given names; nested values', () => {
  // select to_json(row(1,'a',null,array[1,2],row(true,2.5))),
  //   to_jsonb(row(1,'a',null,array[1,2],row(true,2.5)))
  const value = row(
    [1, int4],
    ['a', text],
    [null, text],
    [new SqlArray([1, 2]), int4s],
    [row([true, bool], [Numeric.of(25n, 1), numeric]), rowType],
  )
  assert.equal(
    call('to_json', [[value, rowType]]),
    '{"f1":1,"f2":"a","f3":null,"f4":[1,2],"f5":{"f1":true,"f2":2.5}}',
  )
  assert.equal(
    call('to_jsonb', [[value, rowType]]),
    '{"f1": 1, "f2": "a", "f3": null, "f4": [1, 2], "f5": {"f1": true, "f2": 2.5}}',
  )
  // select to_json(t), to_jsonb(t) from (select 1 as b, 'x' as a, 2 as b) t
  //  → {"b":1,"a":"x","b":2}|{"a": "x", "b": 2}
  const named = new SqlRecord([1, 'x', 2], [int4, text, int4], ['b', 'a', 'b'])
  assert.equal(call('to_json', [[named, rowType]]), '{"b":1,"a":"x","b":2}')
  assert.equal(call('to_jsonb', [[named, rowType]]), '{"a": "x", "b": 2}')
  // select row_to_json(t) from (select 1 as a, 'x' as "B c") t → {"a":1,"B c":"x"}
  const spaced = new SqlRecord([1, 'x'], [int4, text], ['a', 'B c'])
  assert.equal(call('row_to_json', [[spaced, rowType]]), '{"a":1,"B c":"x"}')
  // select to_json(row(row(1), array[row(2)], '{"a" : 1}'::json, '{"b":2}'::jsonb)),
  //   to_jsonb(row(row(1), array[row(2)], '{"a" : 1, "a": 2}'::json, '{"b":2}'::jsonb))
  const nested = (jsonText: string): SqlRecord =>
    row(
      [row([1, int4]), rowType],
      [new SqlArray([row([2, int4])]), arrayOf(rowType)],
      [jsonText, json],
      [j('{"b":2}'), jsonb],
    )
  assert.equal(
    call('to_json', [[nested('{"a" : 1}'), rowType]]),
    '{"f1":{"f1":1},"f2":[{"f1":2}],"f3":{"a" : 1},"f4":{"b": 2}}',
  )
  assert.equal(
    call('to_jsonb', [[nested('{"a" : 1, "a": 2}'), rowType]]),
    '{"f1": {"f1": 1}, "f2": [{"f1": 2}], "f3": {"a": 2}, "f4": {"b": 2}}',
  )
})

test('row_to_json and array_to_json with line feeds', () => {
  const pretty: readonly [Value, SqlType] = [true, bool]
  // select row_to_json(row(1,'a')), row_to_json(row(1,'a'), true) → {"f1":1,"f2":"a"}|{"f1":1,\n "f2":"a"}
  const pair = row([1, int4], ['a', text])
  assert.equal(call('row_to_json', [[pair, rowType]]), '{"f1":1,"f2":"a"}')
  assert.equal(call('row_to_json', [[pair, rowType], pretty]), '{"f1":1,\n "f2":"a"}')
  // select row_to_json(row(1, row(2,3)), true) → {"f1":1,\n "f2":{"f1":2,"f2":3}}
  const inner = row([1, int4], [row([2, int4], [3, int4]), rowType])
  assert.equal(call('row_to_json', [[inner, rowType], pretty]), '{"f1":1,\n "f2":{"f1":2,"f2":3}}')
  // select array_to_json(array[[1,2],[3,4]], true), array_to_json(array[[[1]],[[2]]], true),
  //   array_to_json(array[1,2], false), array_to_json('{}'::int[], true)
  //  → [[1,2],\n [3,4]]|[[[1]],\n [[2]]]|[1,2]|[]
  const matrix = new SqlArray([1, 2, 3, 4], [2, 2])
  assert.equal(call('array_to_json', [[matrix, int4s], pretty]), '[[1,2],\n [3,4]]')
  const cube = new SqlArray([1, 2], [2, 1, 1])
  assert.equal(call('array_to_json', [[cube, int4s], pretty]), '[[[1]],\n [[2]]]')
  assert.equal(
    call('array_to_json', [
      [new SqlArray([1, 2]), int4s],
      [false, bool],
    ]),
    '[1,2]',
  )
  assert.equal(call('array_to_json', [[new SqlArray([]), int4s], pretty]), '[]')
  // select array_to_json(array[row(1),row(2)], true) → [{"f1":1},\n {"f1":2}]
  const rows = new SqlArray([row([1, int4]), row([2, int4])])
  assert.equal(call('array_to_json', [[rows, arrayOf(rowType)], pretty]), '[{"f1":1},\n {"f1":2}]')
})

test('json_build_object and jsonb_build_object', () => {
  // select json_build_object('a', 1, 'b', 'x', 'c', null, 'd', array[1,2],
  //   'e', '{"x": 1}'::json, 'f', row(1,2))
  //  → {"a" : 1, "b" : "x", "c" : null, "d" : [1,2], "e" : {"x": 1}, "f" : {"f1":1,"f2":2}}
  const args: (readonly [Value, SqlType])[] = [
    ['a', text],
    [1, int4],
    ['b', text],
    ['x', text],
    ['c', text],
    [null, text],
    ['d', text],
    [new SqlArray([1, 2]), int4s],
    ['e', text],
    ['{"x": 1}', json],
    ['f', text],
    [row([1, int4], [2, int4]), rowType],
  ]
  assert.equal(
    variadic('json_build_object', args),
    '{"a" : 1, "b" : "x", "c" : null, "d" : [1,2], "e" : {"x": 1}, "f" : {"f1":1,"f2":2}}',
  )
  // select json_build_object(), jsonb_build_object() → {}|{}
  assert.equal(variadic('json_build_object', []), '{}')
  assert.equal(variadic('jsonb_build_object', []), '{}')
  // select json_build_object(true, 1, 1e20::float8, 2, 'NaN'::numeric, 3, 'x'::text, null),
  //   jsonb_build_object(true, 1, 1e20::float8, 2, 'NaN'::numeric, 3, 'x'::text, null)
  //  → {"true" : 1, "1e+20" : 2, "NaN" : 3, "x" : null}|{"x": null, "NaN": 3, "true": 1, "1e+20": 2}
  const keys: (readonly [Value, SqlType])[] = [
    [true, bool],
    [1, int4],
    [1e20, float8],
    [2, int4],
    [Numeric.nan, numeric],
    [3, int4],
    ['x', text],
    [null, int4],
  ]
  assert.equal(
    variadic('json_build_object', keys),
    '{"true" : 1, "1e+20" : 2, "NaN" : 3, "x" : null}',
  )
  assert.equal(variadic('jsonb_build_object', keys), '{"x": null, "NaN": 3, "true": 1, "1e+20": 2}')
  // select json_build_object('a', true, 'b', 1e20::float8, 'c', 'NaN'::float8, 'd', array['x']),
  //   jsonb_build_object(... the same ...)
  //  → {"a" : true, "b" : 1e+20, "c" : "NaN", "d" : ["x"]}
  //   |{"a": true, "b": 100000000000000000000, "c": "NaN", "d": ["x"]}
  const values: (readonly [Value, SqlType])[] = [
    ['a', text],
    [true, bool],
    ['b', text],
    [1e20, float8],
    ['c', text],
    [Number.NaN, float8],
    ['d', text],
    [new SqlArray(['x']), texts],
  ]
  assert.equal(
    variadic('json_build_object', values),
    '{"a" : true, "b" : 1e+20, "c" : "NaN", "d" : ["x"]}',
  )
  assert.equal(
    variadic('jsonb_build_object', values),
    '{"a": true, "b": 100000000000000000000, "c": "NaN", "d": ["x"]}',
  )
  // select jsonb_build_object(1, 2, true, 3, 1.5, 4, 'b', 1, 'b', 2)
  //  → {"1": 2, "b": 2, "1.5": 4, "true": 3}
  assert.equal(
    variadic('jsonb_build_object', [
      [1, int4],
      [2, int4],
      [true, bool],
      [3, int4],
      [Numeric.of(15n, 1), numeric],
      [4, int4],
      ['b', text],
      [1, int4],
      ['b', text],
      [2, int4],
    ]),
    '{"1": 2, "b": 2, "1.5": 4, "true": 3}',
  )
})

test('json_build_object errors', () => {
  // select json_build_object('a') → 22023 with a hint naming the function
  assertSqlError(
    () => variadic('json_build_object', [['a', text]]),
    '22023',
    'argument list must have even number of elements',
    'The arguments of json_build_object() must consist of alternating keys and values.',
  )
  // select jsonb_build_object('a', 1, 'b')
  assertSqlError(
    () =>
      variadic('jsonb_build_object', [
        ['a', text],
        [1, int4],
        ['b', text],
      ]),
    '22023',
    'argument list must have even number of elements',
    'The arguments of jsonb_build_object() must consist of alternating keys and values.',
  )
  // select json_build_object(null, 1) / select jsonb_build_object('a', 1, null, 1)
  assertSqlError(
    () =>
      variadic('json_build_object', [
        [null, text],
        [1, int4],
      ]),
    '22023',
    'argument 1 cannot be null',
    'Object keys should be text.',
  )
  assertSqlError(
    () =>
      variadic('jsonb_build_object', [
        ['a', text],
        [1, int4],
        [null, text],
        [1, int4],
      ]),
    '22023',
    'argument 3: key must not be null',
  )
  // select json_build_object(array[1], 1), jsonb_build_object(row(1), 1),
  //   json_build_object('{"a":1}'::jsonb, 1), jsonb_build_object('{"a":1}'::json, 1): all 22023
  const badKeys: (readonly [Value, SqlType])[] = [
    [new SqlArray([1]), int4s],
    [row([1, int4]), rowType],
    [j('{"a":1}'), jsonb],
    ['{"a":1}', json],
  ]
  for (const key of badKeys) {
    for (const name of ['json_build_object', 'jsonb_build_object']) {
      assertSqlError(
        () => variadic(name, [key, [1, int4]]),
        '22023',
        'key value must be scalar, not array, composite, or json',
      )
    }
  }
})

test('json_build_array and jsonb_build_array', () => {
  // select json_build_array(1, 'a', null, array[1,2], row(1), '{"a" : 1}'::json,
  //   '{"b":2}'::jsonb, true, 'NaN'::numeric), jsonb_build_array(... the same ...)
  const args: (readonly [Value, SqlType])[] = [
    [1, int4],
    ['a', text],
    [null, text],
    [new SqlArray([1, 2]), int4s],
    [row([1, int4]), rowType],
    ['{"a" : 1}', json],
    [j('{"b":2}'), jsonb],
    [true, bool],
    [Numeric.nan, numeric],
  ]
  assert.equal(
    variadic('json_build_array', args),
    '[1, "a", null, [1,2], {"f1":1}, {"a" : 1}, {"b": 2}, true, "NaN"]',
  )
  assert.equal(
    variadic('jsonb_build_array', args),
    '[1, "a", null, [1, 2], {"f1": 1}, {"a": 1}, {"b": 2}, true, "NaN"]',
  )
  // select json_build_array(), jsonb_build_array(), json_build_array(null) → []|[]|[null]
  assert.equal(variadic('json_build_array', []), '[]')
  assert.equal(variadic('jsonb_build_array', []), '[]')
  assert.equal(variadic('json_build_array', [[null, text]]), '[null]')
})

function aggregate(
  name: string,
  types: readonly SqlType[],
  rows: readonly (readonly Value[])[],
): string | null {
  const found = jsonBuiltins.aggregates.find((a) => a.name === name)
  assert.ok(found, `${name} is declared`)
  const agg = found as BuiltinAggregate<unknown>
  const ctx = context(types)
  let state = agg.initial()
  for (const values of rows) state = agg.step(state, values, ctx)
  const result = agg.final(state, ctx)
  if (result === null) return null
  if (result instanceof Jsonb) return jsonbText(result.node)
  return result as string
}

test('json_agg and jsonb_agg', () => {
  // select json_agg(x), jsonb_agg(x) from (values (1),(2),(null)) v(x) → [1, 2, null]
  assert.equal(aggregate('json_agg', [int4], [[1], [2], [null]]), '[1, 2, null]')
  assert.equal(aggregate('jsonb_agg', [int4], [[1], [2], [null]]), '[1, 2, null]')
  // ... where false → NULL for both
  assert.equal(aggregate('json_agg', [int4], []), null)
  assert.equal(aggregate('jsonb_agg', [int4], []), null)
  // select json_agg(x) from (values (array[1,2]),(array[3])) v(x) → [[1,2], \n [3]]
  const a12 = new SqlArray([1, 2])
  const a3 = new SqlArray([3])
  assert.equal(aggregate('json_agg', [int4s], [[a12], [a3]]), '[[1,2], \n [3]]')
  // select json_agg(x) from (values (null::int[]),(array[3]), (null)) v(x) → [null, \n [3], null]
  assert.equal(aggregate('json_agg', [int4s], [[null], [a3], [null]]), '[null, \n [3], null]')
  // select json_agg(x) from (values (row(1,'a')),(row(2,'b'))) v(x)
  //  → [{"f1":1,"f2":"a"}, \n {"f1":2,"f2":"b"}]
  const r1 = row([1, int4], ['a', text])
  const r2 = row([2, int4], ['b', text])
  assert.equal(
    aggregate('json_agg', [rowType], [[r1], [r2]]),
    '[{"f1":1,"f2":"a"}, \n {"f1":2,"f2":"b"}]',
  )
  // select json_agg(x) from (values ('{"a" : 1}'::json),('[1, 2]'::json)) v(x) → [{"a" : 1}, [1, 2]]
  assert.equal(aggregate('json_agg', [json], [['{"a" : 1}'], ['[1, 2]']]), '[{"a" : 1}, [1, 2]]')
  // select jsonb_agg(x) from (values (array[1,2]),(null),(array[3])) v(x) → [[1, 2], null, [3]]
  assert.equal(aggregate('jsonb_agg', [int4s], [[a12], [null], [a3]]), '[[1, 2], null, [3]]')
  // select jsonb_agg(x) from (values ('{"a":1}'::jsonb),('"s"'),('null')) v(x) → [{"a": 1}, "s", null]
  assert.equal(
    aggregate('jsonb_agg', [jsonb], [[j('{"a":1}')], [j('"s"')], [j('null')]]),
    '[{"a": 1}, "s", null]',
  )
  // select json_agg(x) from (values (true),(null),(false)) v(x) → [true, null, false]
  assert.equal(aggregate('json_agg', [bool], [[true], [null], [false]]), '[true, null, false]')
})

test('json_object_agg and jsonb_object_agg', () => {
  // select json_object_agg(k, v) from (values ('a', 1), ('b', null), ('a', 3)) t(k,v)
  //  → { "a" : 1, "b" : null, "a" : 3 }; jsonb_object_agg → {"a": 3, "b": null}
  const rows = [
    ['a', 1],
    ['b', null],
    ['a', 3],
  ]
  assert.equal(aggregate('json_object_agg', [text, int4], rows), '{ "a" : 1, "b" : null, "a" : 3 }')
  assert.equal(aggregate('jsonb_object_agg', [text, int4], rows), '{"a": 3, "b": null}')
  // ... where false → NULL
  assert.equal(aggregate('json_object_agg', [text, int4], []), null)
  assert.equal(aggregate('jsonb_object_agg', [text, int4], []), null)
  // select json_object_agg(k, v) from (values (1.5::numeric, null::json), (2, '[1 , 2]')) t(k,v)
  //  → { "1.5" : null, "2" : [1 , 2] }
  assert.equal(
    aggregate(
      'json_object_agg',
      [numeric, json],
      [
        [Numeric.of(15n, 1), null],
        [Numeric.of(2n), '[1 , 2]'],
      ],
    ),
    '{ "1.5" : null, "2" : [1 , 2] }',
  )
  // select json_object_agg(k, v) from (values (true, array[1])) t(k,v) → { "true" : [1] }
  assert.equal(
    aggregate('json_object_agg', [bool, int4s], [[true, new SqlArray([1])]]),
    '{ "true" : [1] }',
  )
  // select jsonb_object_agg(k, v) from (values (1.5, row(1)), (2, row(3))) t(k,v)
  //  → {"2": {"f1": 3}, "1.5": {"f1": 1}}
  assert.equal(
    aggregate(
      'jsonb_object_agg',
      [numeric, rowType],
      [
        [Numeric.of(15n, 1), row([1, int4])],
        [Numeric.of(2n), row([3, int4])],
      ],
    ),
    '{"2": {"f1": 3}, "1.5": {"f1": 1}}',
  )
  // select json_object_agg(k, v) from (values ('a', 1), (null, 2)) t(k,v) → 22023
  for (const name of ['json_object_agg', 'jsonb_object_agg']) {
    assertSqlError(
      () =>
        aggregate(
          name,
          [text, int4],
          [
            ['a', 1],
            [null, 2],
          ],
        ),
      '22023',
      'field name must not be null',
    )
    // select json_object_agg(k, v) from (values (array[1], 1)) t(k,v) → 22023
    assertSqlError(
      () => aggregate(name, [int4s, int4], [[new SqlArray([1]), 1]]),
      '22023',
      'key value must be scalar, not array, composite, or json',
    )
  }
})

test('dates and timestamps print as XSD date-times in JSON', () => {
  // select to_json('2020-01-02 03:04:05.123'::timestamp) → "2020-01-02T03:04:05.123"
  assert.equal(xsdDateTime('2020-01-02 03:04:05.123', false), '2020-01-02T03:04:05.123')
  // select to_json('2020-01-02 03:04:05'::timestamptz) (TimeZone UTC) → "2020-01-02T03:04:05+00:00"
  assert.equal(xsdDateTime('2020-01-02 03:04:05+00', true), '2020-01-02T03:04:05+00:00')
  // set time zone 'Asia/Kolkata'; select to_jsonb('2020-01-02 03:04:05.5'::timestamptz)
  //  → "2020-01-02T03:04:05.5+05:30"
  assert.equal(xsdDateTime('2020-01-02 03:04:05.5+05:30', true), '2020-01-02T03:04:05.5+05:30')
  // set time zone 'Europe/Paris'; select to_json('0044-03-15 10:00 BC'::timestamptz)
  //  → "0044-03-15T10:00:00+00:09:21 BC"
  assert.equal(
    xsdDateTime('0044-03-15 10:00:00+00:09:21 BC', true),
    '0044-03-15T10:00:00+00:09:21 BC',
  )
  // select to_json('0044-03-15 10:00 BC'::timestamp), to_json('10000-01-01 10:00'::timestamp)
  //  → "0044-03-15T10:00:00 BC"|"10000-01-01T10:00:00"
  assert.equal(xsdDateTime('0044-03-15 10:00:00 BC', false), '0044-03-15T10:00:00 BC')
  assert.equal(xsdDateTime('10000-01-01 10:00:00', false), '10000-01-01T10:00:00')
  // select to_json('-infinity'::timestamp) → "-infinity"
  assert.equal(xsdDateTime('-infinity', false), '-infinity')
  assert.equal(xsdDateTime('infinity', true), 'infinity')
  // BC with a whole-hour zone: ISO "0044-03-15 10:00:00-05 BC"
  assert.equal(xsdDateTime('0044-03-15 10:00:00-05 BC', true), '0044-03-15T10:00:00-05:00 BC')
})

test('declarations follow pg_proc: volatility, strictness, variadics', () => {
  // select proname, provolatile, proisstrict from pg_proc where proname in (...)
  const expectations: [string, number, 'immutable' | 'stable', boolean][] = [
    ['to_json', 1, 'stable', true],
    ['to_jsonb', 1, 'stable', true],
    ['row_to_json', 2, 'stable', true],
    ['array_to_json', 1, 'stable', true],
    ['json_build_object', 1, 'stable', false],
    ['jsonb_build_array', 0, 'stable', false],
    ['jsonb_set', 4, 'immutable', true],
    ['jsonb_set_lax', 5, 'immutable', false],
    ['jsonb_insert', 3, 'immutable', true],
    ['jsonb_pretty', 1, 'immutable', true],
    ['json_object', 2, 'immutable', true],
  ]
  for (const [name, argCount, volatility, isStrict] of expectations) {
    const f = fn(name, argCount)
    assert.equal(f.volatility, volatility, name)
    assert.equal(f.isStrict, isStrict, name)
  }
  assert.equal(fn('json_build_object', 1).isVariadic, true)
  assert.equal(fn('jsonb_extract_path', 2).isVariadic, true)
  const aggregates = Object.fromEntries(jsonBuiltins.aggregates.map((a) => [a.name, a]))
  assert.equal(aggregates['jsonb_object_agg']?.volatility, 'immutable')
  assert.equal(aggregates['json_agg']?.volatility, 'stable')
  assert.equal(aggregates['json_agg']?.isStrict, false)
  // select castsource::regtype, casttarget::regtype, castcontext from pg_cast where ...
  const contexts = Object.fromEntries(
    jsonBuiltins.casts.map((c) => [`${c.source}->${c.target}`, c.context]),
  )
  assert.deepEqual(contexts, {
    'json->jsonb': 'assignment',
    'jsonb->json': 'assignment',
    'jsonb->bool': 'explicit',
    'jsonb->numeric': 'explicit',
    'jsonb->int2': 'explicit',
    'jsonb->int4': 'explicit',
    'jsonb->int8': 'explicit',
    'jsonb->float4': 'explicit',
    'jsonb->float8': 'explicit',
  })
  const setColumns = jsonBuiltins.setFunctions
    .filter((f) => f.columns !== undefined)
    .map((f) => [f.name, f.columns?.([]).map((c) => `${c.name} ${c.type.name}`)])
  assert.deepEqual(Object.fromEntries(setColumns), {
    json_each: ['key text', 'value json'],
    json_each_text: ['key text', 'value text'],
    jsonb_each: ['key text', 'value jsonb'],
    jsonb_each_text: ['key text', 'value text'],
    json_array_elements: ['value json'],
    json_array_elements_text: ['value text'],
    jsonb_array_elements: ['value jsonb'],
    jsonb_array_elements_text: ['value text'],
  })
})
