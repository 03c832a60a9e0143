// The array builtins beyond the case table: array_agg over values and over arrays (with
// PostgreSQL 15's errors), min/max of arrays, and size limits (query in each comment).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SqlError } from '../../../errors/index.js'
import { arrayElementsMax } from '../../../limits.js'
import { arrayOf, SqlArray, type SqlType, sqlTypes, type Value } from '../../../types/index.js'
import { arrayBuiltins } from './array.js'
import { callContext, format, parse } from './text-cases.test.js'

const textArray = arrayOf(sqlTypes.text)
const textMatrix = textArray

function aggregate(
  name: string,
  arg: string,
  input: SqlType,
  rows: readonly (string | null)[],
  result: SqlType,
) {
  const declared = arrayBuiltins.aggregates.find(
    (item) => item.name === name && item.args[0] === arg,
  )
  assert.ok(declared, `${name}(${arg})`)
  const call = callContext([input], result)
  let state = declared.initial()
  for (const row of rows) {
    const value: Value = row === null ? null : parse(row, input)
    if (declared.isStrict && value === null) continue
    state = declared.step(state, [value], call)
  }
  const value = declared.final(state, call)
  return value === null ? null : format(value, result)
}

function catchSqlError(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    return error
  }
  assert.fail('expected an error')
}

test('array_agg of values keeps NULLs; no rows give NULL', () => {
  // select array_agg(x) from (values ('a'),(null),('c')) v(x) → {a,NULL,c}
  assert.equal(
    aggregate('array_agg', 'anynonarray', sqlTypes.text, ['a', null, 'c'], textArray),
    '{a,NULL,c}',
  )
  // select array_agg(x) from (values (1)) v(x) where false → NULL
  assert.equal(aggregate('array_agg', 'anynonarray', sqlTypes.text, [], textArray), null)
})

test('array_agg of arrays stacks them in a new first dimension', () => {
  // select array_agg(x) from (values ('{a,b}'::text[]),('{c,d}')) v(x) → {{a,b},{c,d}}
  assert.equal(
    aggregate('array_agg', 'anyarray', textArray, ['{a,b}', '{c,d}'], textMatrix),
    '{{a,b},{c,d}}',
  )
  // ... ('[0:1]={a,b}'::text[]),('[0:1]={c,d}') → [1:2][0:1]={{a,b},{c,d}}
  assert.equal(
    aggregate('array_agg', 'anyarray', textArray, ['[0:1]={a,b}', '[0:1]={c,d}'], textMatrix),
    '[1:2][0:1]={{a,b},{c,d}}',
  )
  // ... ('{{1}}'),('{{2}}') → {{{1}},{{2}}}
  assert.equal(
    aggregate('array_agg', 'anyarray', textArray, ['{{1}}', '{{2}}'], textMatrix),
    '{{{1}},{{2}}}',
  )
  const cases: [readonly (string | null)[], string, string][] = [
    // ('{1,2}'::int[]),(null) → 22004 cannot accumulate null arrays
    [['{a,b}', null], '22004', 'cannot accumulate null arrays'],
    // ('{}'::int[]) → 2202E cannot accumulate empty arrays
    [['{}'], '2202E', 'cannot accumulate empty arrays'],
    // ('{1,2}'),('{}') / ('{1,2}'),('{3}') / ('{1,2}'),('{{3,4}}') / ('[0:1]={1,2}'),('{3,4}')
    [['{a,b}', '{}'], '2202E', 'cannot accumulate empty arrays'],
    [['{a,b}', '{c}'], '2202E', 'cannot accumulate arrays of different dimensionality'],
    [['{a,b}', '{{c,d}}'], '2202E', 'cannot accumulate arrays of different dimensionality'],
    [['[0:1]={a,b}', '{c,d}'], '2202E', 'cannot accumulate arrays of different dimensionality'],
    // ('{{{{{{1}}}}}}') → 54000 number of array dimensions (7) exceeds the maximum allowed (6)
    [['{{{{{{a}}}}}}'], '54000', 'number of array dimensions (7) exceeds the maximum allowed (6)'],
  ]
  for (const [rows, code, message] of cases) {
    const error = catchSqlError(() =>
      aggregate('array_agg', 'anyarray', textArray, rows, textMatrix),
    )
    assert.equal(error.code, code, rows.join(' '))
    assert.equal(error.message, message, rows.join(' '))
  }
})

test('min and max of arrays follow array order, skipping NULLs', () => {
  // select max(x), min(x) from (values ('{1,2}'::int[]),('{1,3}'), (null)) v(x) → {1,3}|{1,2}
  const rows = ['{a,b}', '{a,c}', null]
  assert.equal(aggregate('max', 'anyarray', textArray, rows, textArray), '{a,c}')
  assert.equal(aggregate('min', 'anyarray', textArray, rows, textArray), '{a,b}')
})

test('array sizes are bounded by limits.arrayElementsMax', () => {
  // PostgreSQL: select array_fill(1, array[200000000]) → 54000 array size exceeds the maximum
  // allowed (134217727); ours is lower, as limits.ts explains.
  const fill = arrayBuiltins.functions.find(
    (item) => item.name === 'array_fill' && item.args.length === 2,
  )
  assert.ok(fill)
  const call = callContext([sqlTypes.text, arrayOf(sqlTypes.int4)], textArray)
  const error = catchSqlError(() =>
    fill.evaluate(['x', new SqlArray([arrayElementsMax + 1])], call),
  )
  assert.equal(error.code, '54000')
  assert.equal(error.message, `array size exceeds the maximum allowed (${arrayElementsMax})`)
  const negative = catchSqlError(() => fill.evaluate(['x', new SqlArray([-1])], call))
  assert.equal(negative.code, '54000')
})
