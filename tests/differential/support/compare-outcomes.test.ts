// The comparison rule of the differential tests on hand-made outcomes, without PostgreSQL: rows
// as multisets, ties under ORDER BY in any order, exact text, and how errors that depend on the
// data and the plan are skipped rather than passed or failed.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { blankQuoted, compareOutcomes, type Outcome } from './compare-outcomes.js'

const columns = [
  { name: 'k', typeOid: 23 },
  { name: 'v', typeOid: 25 },
]

function rows(...values: (string | null)[][]): Outcome {
  return { kind: 'rows', columns, rows: values, tag: `SELECT ${values.length}` }
}

function error(code: string, message: string): Outcome {
  return { kind: 'error', code, message }
}

test('rows compare as multisets without ORDER BY, duplicates counted', () => {
  const expected = rows(['1', 'a'], ['2', null], ['1', 'a'])
  assert.deepEqual(compareOutcomes(expected, rows(['2', null], ['1', 'a'], ['1', 'a'])), {
    verdict: 'match',
  })
  const verdict = compareOutcomes(expected, rows(['2', null], ['1', 'a'], ['2', null]))
  assert.equal(verdict.verdict === 'mismatch' && verdict.kind, 'rows')
  // NULL is not the text 'NULL', and float text is compared exactly.
  assert.equal(compareOutcomes(rows(['1', null]), rows(['1', 'NULL'])).verdict, 'mismatch')
  assert.equal(
    compareOutcomes(rows(['1', '0.1']), rows(['1', '0.10000000000000001'])).verdict,
    'mismatch',
  )
})

test('under ORDER BY the key sequence must agree; rows tying on the keys may come in any order', () => {
  const expected = rows(['1', 'b'], ['1', 'a'], ['2', 'c'])
  assert.deepEqual(
    compareOutcomes(expected, rows(['1', 'a'], ['1', 'b'], ['2', 'c']), { orderKeys: [0] }),
    {
      verdict: 'match',
    },
  )
  const verdict = compareOutcomes(expected, rows(['2', 'c'], ['1', 'a'], ['1', 'b']), {
    orderKeys: [0],
  })
  assert.equal(verdict.verdict === 'mismatch' && verdict.kind, 'row-order')
  // Ordered by both columns, the order is total.
  const total = compareOutcomes(expected, rows(['1', 'a'], ['1', 'b'], ['2', 'c']), {
    orderKeys: [0, 1],
  })
  assert.equal(total.verdict === 'mismatch' && total.kind, 'row-order')
})

test('column names, type OIDs and command tags must agree', () => {
  const renamed: Outcome = {
    kind: 'rows',
    columns: [columns[0] ?? { name: '', typeOid: 0 }, { name: 'w', typeOid: 25 }],
    rows: [],
    tag: 'SELECT 0',
  }
  const names = compareOutcomes(rows(), renamed)
  assert.equal(names.verdict === 'mismatch' && names.kind, 'column-names')
  const retyped: Outcome = {
    kind: 'rows',
    columns: [{ name: 'k', typeOid: 20 }, columns[1] ?? { name: '', typeOid: 0 }],
    rows: [],
    tag: 'SELECT 0',
  }
  const types = compareOutcomes(rows(), retyped)
  assert.equal(types.verdict === 'mismatch' && types.kind, 'column-types')
  const tag = compareOutcomes(
    { kind: 'command', tag: 'INSERT 2' },
    { kind: 'command', tag: 'INSERT 1' },
  )
  assert.equal(tag.verdict === 'mismatch' && tag.kind, 'command-tag')
})

test('errors: SQLSTATE and message must agree exactly for statements without data risks', () => {
  const expected = error('22P02', 'invalid input syntax for type integer: "x"')
  assert.equal(
    compareOutcomes(expected, error('22P02', 'invalid input syntax for type integer: "x"')).verdict,
    'match',
  )
  const message = compareOutcomes(
    expected,
    error('22P02', 'invalid input syntax for type integer: "y"'),
  )
  assert.equal(message.verdict === 'mismatch' && message.kind, 'error-message')
  const code = compareOutcomes(expected, error('22003', 'integer out of range'))
  assert.equal(code.verdict === 'mismatch' && code.kind, 'error-code')
  const onlyEngine = compareOutcomes(rows(), error('22012', 'division by zero'))
  assert.equal(onlyEngine.verdict === 'mismatch' && onlyEngine.kind, 'engine-error')
  const onlyPostgres = compareOutcomes(error('22012', 'division by zero'), rows())
  assert.equal(onlyPostgres.verdict === 'mismatch' && onlyPostgres.kind, 'engine-no-error')
})

test('errors that depend on the data: one side failing, or which error comes first, is skipped', () => {
  const risks = { dataDependentErrors: new Set(['division', 'cast']) }
  const one = { dataDependentErrors: new Set(['cast']) }
  assert.equal(
    compareOutcomes(rows(), error('22012', 'division by zero'), risks).verdict,
    'skipped',
  )
  assert.equal(
    compareOutcomes(error('22012', 'division by zero'), rows(), risks).verdict,
    'skipped',
  )
  assert.equal(
    compareOutcomes(error('22012', 'division by zero'), error('22P02', 'bad'), risks).verdict,
    'skipped',
  )
  // With one kind of risk the SQLSTATE must agree; the value quoted in the message need not.
  const cast = error('22P02', 'invalid input syntax for type integer: "x"')
  assert.equal(
    compareOutcomes(cast, error('22P02', 'invalid input syntax for type integer: "y"'), one)
      .verdict,
    'match',
  )
  assert.equal(compareOutcomes(cast, error('22012', 'division by zero'), one).verdict, 'mismatch')
  // Both succeeding still compares the rows in full.
  assert.equal(compareOutcomes(rows(['1', 'a']), rows(['1', 'b']), risks).verdict, 'mismatch')
  assert.equal(blankQuoted('for type integer: "abc" and "d"'), 'for type integer: "…" and "…"')
})

test('numerics of different scales and float zeros tie under ORDER BY', () => {
  const numeric: Outcome = {
    kind: 'rows',
    columns: [{ name: 'n', typeOid: 1700 }],
    rows: [['-2'], ['0'], ['0.000'], ['1.50']],
    tag: 'SELECT 4',
  }
  const swapped: Outcome = { ...numeric, rows: [['-2'], ['0.000'], ['0'], ['1.50']] }
  assert.equal(compareOutcomes(numeric, swapped, { orderKeys: [0] }).verdict, 'match')
  const reordered: Outcome = { ...numeric, rows: [['0'], ['-2'], ['0.000'], ['1.50']] }
  assert.equal(compareOutcomes(numeric, reordered, { orderKeys: [0] }).verdict, 'mismatch')
  const floats: Outcome = {
    kind: 'rows',
    columns: [{ name: 'f', typeOid: 701 }],
    rows: [['-0'], ['0']],
    tag: 'SELECT 2',
  }
  assert.equal(
    compareOutcomes(floats, { ...floats, rows: [['0'], ['-0']] }, { orderKeys: [0] }).verdict,
    'match',
  )
})
