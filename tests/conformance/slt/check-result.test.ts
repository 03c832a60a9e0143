// Sorting and hashing of results, checked against hashes in the corpus. The values are what
// PostgreSQL 15 returned for the records (select1.test's CREATE TABLE and 30 INSERTs, then the
// query), so formatting, sorting and md5 together must reproduce the corpus' expected hash.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { checkResult, hashValues, sortValues } from './check-result.js'
import { formatCell } from './format-value.js'
import type { ExpectedResult, SortMode } from './parse-slt.js'

/** select1.test:94 `query I nosort`: SELECT CASE WHEN c>(SELECT avg(c) FROM t1) THEN a*2 ELSE
 * b*10 END FROM t1 ORDER BY 1 → 30 values hashing to 3c13dee48d9356ae19af2515e05e6b54. */
const select1Line94 =
  '358 364 376 382 398 402 410 426 432 440 458 468 478 486 490 1000 1050 1120 1180 1240 1290 1300 1390 1430 1450 1510 1580 1600 1670 1700'.split(
    ' ',
  )

/** select1.test:101 `query II nosort`: SELECT a+b*2+c*3+d*4+e*5, (a+b+c+d+e)/5 FROM t1
 * ORDER BY 1,2 → 60 values hashing to 808146289313018fce25f1a280bd8c30. */
const select1Line101 =
  '1529 102 1612 107 1680 112 1757 117 1826 122 1902 127 1985 132 2046 137 2131 142 2202 147 2281 152 2349 157 2432 162 2501 167 2579 172 2654 177 2728 182 2806 187 2878 192 2949 197 3039 202 3114 207 3175 212 3260 217 3331 222 3399 227 3473 232 3553 237 3629 242 3706 247'.split(
    ' ',
  )

function hash(count: number, md5: string): ExpectedResult {
  return { kind: 'hash', count, md5 }
}

/** Rows of a flat value list, reversed: a different order with the same rows. */
function reverseRows(values: readonly string[], columns: number): string[] {
  const rows: string[][] = []
  for (let i = 0; i < values.length; i += columns) rows.push(values.slice(i, i + columns))
  return rows.reverse().flat()
}

const hashCases: {
  name: string
  values: string[]
  columns: number
  sortMode: SortMode
  expected: ExpectedResult
}[] = [
  {
    name: 'select1.test:94 nosort',
    values: select1Line94,
    columns: 1,
    sortMode: 'nosort',
    expected: hash(30, '3c13dee48d9356ae19af2515e05e6b54'),
  },
  {
    name: 'select1.test:101 nosort',
    values: select1Line101,
    columns: 2,
    sortMode: 'nosort',
    expected: hash(60, '808146289313018fce25f1a280bd8c30'),
  },
  {
    // Rows in another order sort back by byte comparison (the first column has 4 digits).
    name: 'select1.test:101 rows reversed, rowsort',
    values: reverseRows(select1Line101, 2),
    columns: 2,
    sortMode: 'rowsort',
    expected: hash(60, '808146289313018fce25f1a280bd8c30'),
  },
  {
    // valuesort compares strings, so '1000' sorts before '358' (md5sum of `LC_ALL=C sort`).
    name: 'select1.test:94 valuesort',
    values: select1Line94,
    columns: 1,
    sortMode: 'valuesort',
    expected: hash(30, '55d5be1a73595fe92f388d9940e7fabe'),
  },
]

for (const { name, values, columns, sortMode, expected } of hashCases) {
  test(`reproduces the hash of ${name}`, () => {
    const formatted = values.map((text) => formatCell({ text, typeOid: 23 }, 'I'))
    const check = checkResult(sortValues(formatted, columns, sortMode), expected)
    assert.deepEqual(check, { isMatch: true })
  })
}

test('the hash covers every value followed by a newline', () => {
  // printf 'a\nb\n' | md5sum
  assert.equal(hashValues(['a', 'b']), 'dd8c6a395b5dd36c56d23275028f526c')
})

test('rowsort compares column by column as strings; valuesort sorts all values', () => {
  const values = ['2', 'b', '10', 'a', '2', 'a']
  assert.deepEqual(sortValues(values, 2, 'rowsort'), ['10', 'a', '2', 'a', '2', 'b'])
  assert.deepEqual(sortValues(values, 2, 'valuesort'), ['10', '2', '2', 'a', 'a', 'b'])
  assert.deepEqual(sortValues(values, 2, 'nosort'), values)
})

test('a mismatch says what was expected and what came back', () => {
  assert.deepEqual(checkResult(['1', '3'], { kind: 'values', values: ['1', '2'] }), {
    isMatch: false,
    expected: '2 values: 1 2',
    actual: '2 values: 1 3',
  })
  const wrongHash = checkResult(['1'], hash(30, '3c13dee48d9356ae19af2515e05e6b54'))
  assert.equal(wrongHash.isMatch, false)
  assert.equal(checkResult([], { kind: 'values', values: [] }).isMatch, true)
})
