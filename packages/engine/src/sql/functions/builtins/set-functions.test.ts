// The set-returning functions added with FunctionScan and ProjectSet, called directly: the
// integer and numeric generate_series (steps, overflow at the type's end, NaN and infinity
// errors, laziness) and json(b)_to_record(set) conversions. Expected values are PostgreSQL 15's
// (query in each comment); the SQL-level behaviour is in tests/differential/ and the golden
// script queries/set-returning-functions.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import {
  arrayOf,
  Jsonb,
  Numeric,
  parseJsonb,
  type SqlType,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type { BuiltinSetFunction, CallContext } from '../registry.js'
import { jsonRecordFunctions } from './json-records.js'
import { mathSetFunctions } from './math-series.js'
import { callContext } from './text-cases.test.js'

function declaration(
  list: readonly BuiltinSetFunction[],
  name: string,
  args: readonly string[],
): BuiltinSetFunction {
  const found = list.find((item) => item.name === name && item.args.join(',') === args.join(','))
  assert.ok(found, `${name}(${args.join(', ')})`)
  return found
}

function series(kind: 'int4' | 'int8' | 'numeric', args: readonly Value[]): Iterable<Value> {
  const types = args.map(() => sqlTypes[kind] as SqlType)
  const declared = declaration(
    mathSetFunctions,
    'generate_series',
    args.map(() => kind),
  )
  return declared.evaluate(args, callContext(types, sqlTypes[kind])) as Iterable<Value>
}

function numeric(text: string): Numeric {
  if (text === 'NaN') return Numeric.nan
  if (text === 'Infinity') return Numeric.infinity
  const [whole = '', fraction = ''] = text.split('.')
  return Numeric.of(BigInt(whole + fraction), fraction.length)
}

function errorOf(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

test('generate_series over integers steps up and down and ends at stop', () => {
  // select * from generate_series(1, 10, 3) → 1 4 7 10; (10, 1, -4) → 10 6 2; (3, 1) → none
  assert.deepEqual([...series('int4', [1, 10, 3])], [1, 4, 7, 10])
  assert.deepEqual([...series('int4', [10, 1, -4])], [10, 6, 2])
  assert.deepEqual([...series('int4', [3, 1])], [])
  assert.deepEqual([...series('int8', [1n, 3n])], [1n, 2n, 3n])
})

test('an integer series ends at the type limit instead of overflowing', () => {
  // select * from generate_series(2147483646, 2147483647) → 2147483646, 2147483647
  assert.deepEqual([...series('int4', [2147483646, 2147483647])], [2147483646, 2147483647])
  // select * from generate_series(1, 2147483647, 1073741824) → 1, 1073741825
  assert.deepEqual([...series('int4', [1, 2147483647, 1073741824])], [1, 1073741825])
  const max = 2n ** 63n - 1n
  assert.deepEqual([...series('int8', [max - 1n, max])], [max - 1n, max])
})

test('a zero step is 22023 "step size cannot equal zero"', () => {
  // select * from generate_series(1, 10, 0)
  for (const run of [
    () => [...series('int4', [1, 10, 0])],
    () => [...series('int8', [1n, 10n, 0n])],
    () => [...series('numeric', [numeric('1'), numeric('2'), numeric('0.0')])],
  ]) {
    const error = errorOf(run)
    assert.equal(error.code, '22023')
    assert.equal(error.message, 'step size cannot equal zero')
  }
})

test('a numeric series keeps the scale of start + step', () => {
  // select * from generate_series(1, 3, 0.5) → 1 1.5 2.0 2.5 3.0
  const values = [...series('numeric', [numeric('1'), numeric('3'), numeric('0.5')])]
  assert.deepEqual(
    values.map((value) => String(value)),
    ['1', '1.5', '2.0', '2.5', '3.0'],
  )
  // select * from generate_series(1.5, 3) → 1.5 2.5
  assert.deepEqual([...series('numeric', [numeric('1.5'), numeric('3')])].map(String), [
    '1.5',
    '2.5',
  ])
})

test('numeric series refuse NaN and infinity with PostgreSQL wording', () => {
  const cases: readonly [readonly string[], string][] = [
    [['NaN', '3'], 'start value cannot be NaN'],
    [['Infinity', '3'], 'start value cannot be infinity'],
    [['1', 'NaN'], 'stop value cannot be NaN'],
    [['1', 'Infinity'], 'stop value cannot be infinity'],
    [['1', '3', 'NaN'], 'step size cannot be NaN'],
    [['1', '3', 'Infinity'], 'step size cannot be infinity'],
  ]
  for (const [args, message] of cases) {
    const error = errorOf(() => [...series('numeric', args.map(numeric))])
    assert.equal(error.code, '22023', args.join(', '))
    assert.equal(error.message, message)
  }
})

test('generate_series is lazy: a billion-row series yields its first rows at once', () => {
  const iterator = series('int4', [1, 1_000_000_000])[Symbol.iterator]()
  assert.deepEqual([iterator.next().value, iterator.next().value], [1, 2])
})

function records(
  name: string,
  arg: 'json' | 'jsonb',
  value: Value,
  columns: readonly { name: string; type: SqlType }[],
): (Value[] | Value)[] {
  const declared = declaration(jsonRecordFunctions, name, [arg])
  const call: CallContext = {
    ...callContext([sqlTypes[arg]], sqlTypes.record),
    resultColumns: columns,
  }
  return [...declared.evaluate([value], call)]
}

test('jsonb_to_record converts fields by column type; missing and null fields are NULL', () => {
  // select * from jsonb_to_record('{"a":1,"b":"x","c":null,"e":true}')
  //   as r(a int, b text, c int, d int, e text) → 1 | x | NULL | NULL | true
  const rows = records(
    'jsonb_to_record',
    'jsonb',
    parseJsonb('{"a":1,"b":"x","c":null,"e":true}'),
    [
      { name: 'a', type: sqlTypes.int4 },
      { name: 'b', type: sqlTypes.text },
      { name: 'c', type: sqlTypes.int4 },
      { name: 'd', type: sqlTypes.int4 },
      { name: 'e', type: sqlTypes.text },
    ],
  )
  assert.deepEqual(rows, [[1, 'x', null, null, 'true']])
})

test('JSON arrays fill array columns, nested ones as dimensions', () => {
  // select a from jsonb_to_record('{"a":[[1,2],[3,4]]}') as r(a int[]) → {{1,2},{3,4}}
  const [row] = records('jsonb_to_record', 'jsonb', parseJsonb('{"a":[[1,2],[3,4]]}'), [
    { name: 'a', type: arrayOf(sqlTypes.int4) },
  ])
  assert.ok(Array.isArray(row))
  const array = row[0]
  assert.ok(array !== null && typeof array === 'object' && 'dimensions' in array)
  assert.deepEqual(array.dimensions, [2, 2])
  assert.deepEqual(array.elements, [1, 2, 3, 4])
  // select * from jsonb_to_record('{"a":[[1],[2,3]]}') as r(a int[]) → 22P02 malformed
  const error = errorOf(() =>
    records('jsonb_to_record', 'jsonb', parseJsonb('{"a":[[1],[2,3]]}'), [
      { name: 'a', type: arrayOf(sqlTypes.int4) },
    ]),
  )
  assert.equal(error.code, '22P02')
})

test('json_to_record keeps the source text of json fields; the last duplicate key wins', () => {
  // select * from json_to_record('{"a":{"x":1},"a2":[1, 2]}') as r(a json, a2 json)
  assert.deepEqual(
    records('json_to_record', 'json', '{"a":{"x":1},"a2":[1, 2]}', [
      { name: 'a', type: sqlTypes.json },
      { name: 'a2', type: sqlTypes.json },
    ]),
    [['{"x":1}', '[1, 2]']],
  )
  // select * from json_to_recordset('[{"a":1,"a":2}]') as r(a int) → 2
  assert.deepEqual(
    records('json_to_recordset', 'json', '[{"a":1,"a":2}]', [{ name: 'a', type: sqlTypes.int4 }]),
    [[2]],
  )
})

test('a NULL document is one row of NULLs for _to_record (not strict)', () => {
  // select * from jsonb_to_record(null) as r(a int) → one row, NULL
  assert.deepEqual(
    records('jsonb_to_record', 'jsonb', null, [{ name: 'a', type: sqlTypes.int4 }]),
    [[null]],
  )
})

test('record functions refuse the wrong JSON shapes with PostgreSQL wording', () => {
  const int = [{ name: 'a', type: sqlTypes.int4 }]
  const cases: readonly [string, 'json' | 'jsonb', Value, string][] = [
    ['jsonb_to_record', 'jsonb', parseJsonb('[1]'), 'cannot call populate_composite on an array'],
    ['json_to_record', 'json', '1', 'cannot call populate_composite on a scalar'],
    [
      'jsonb_to_recordset',
      'jsonb',
      parseJsonb('{"a":1}'),
      'cannot call jsonb_to_recordset on a non-array',
    ],
    [
      'jsonb_to_recordset',
      'jsonb',
      parseJsonb('[1]'),
      'argument of jsonb_to_recordset must be an array of objects',
    ],
    ['json_to_recordset', 'json', '{"a":1}', 'cannot call json_to_recordset on an object'],
  ]
  for (const [name, arg, value, message] of cases) {
    const error = errorOf(() => records(name, arg, value, int))
    assert.equal(error.code, '22023', name)
    assert.equal(error.message, message)
  }
})

test('without a column definition list the row type is unknown (0A000)', () => {
  // select jsonb_to_record('{"a":1}')
  const declared = declaration(jsonRecordFunctions, 'jsonb_to_record', ['jsonb'])
  const error = errorOf(() => [
    ...declared.evaluate([new Jsonb(new Map())], callContext([sqlTypes.jsonb], sqlTypes.record)),
  ])
  assert.equal(error.code, '0A000')
  assert.equal(error.message, 'could not determine row type for result of jsonb_to_record')
})
