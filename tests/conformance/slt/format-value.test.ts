// Value formatting by column letter, from PostgreSQL's text output (values below are what
// PostgreSQL 15 printed for avg(), float8 and numeric division, booleans, special floats).
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { formatCell, formatFixed } from './format-value.js'

const text = 25
const bool = 16
const numeric = 1700
const float8 = 701

const cases: [value: string | null, typeOid: number, letter: string, expected: string][] = [
  // NULL in every column letter
  [null, numeric, 'I', 'NULL'],
  [null, float8, 'R', 'NULL'],
  [null, text, 'T', 'NULL'],
  // I: integers as they are, reals and numerics truncated toward zero
  ['42', 23, 'I', '42'],
  ['-7', 23, 'I', '-7'],
  ['9223372036854775807', 20, 'I', '9223372036854775807'],
  ['174.3666666666666667', numeric, 'I', '174'],
  ['-34.6666666666666667', numeric, 'I', '-34'],
  ['-0.5', numeric, 'I', '0'],
  ['747.2857142857143', float8, 'I', '747'],
  ['1e+16', float8, 'I', '10000000000000000'],
  ['1e-05', float8, 'I', '0'],
  ['-0', float8, 'I', '0'],
  ['NaN', float8, 'I', '0'],
  ['-Infinity', float8, 'I', '0'],
  ['t', bool, 'I', '1'],
  ['f', bool, 'I', '0'],
  // I on text: C's strtol
  ['12abc', text, 'I', '12'],
  ['abc', text, 'I', '0'],
  ['', text, 'I', '0'],
  // R: %.3f of the double, ties to even, signed zero
  ['747.2857142857143', float8, 'R', '747.286'],
  ['174.3666666666666667', numeric, 'R', '174.367'],
  ['42', 23, 'R', '42.000'],
  ['0.0625', float8, 'R', '0.062'],
  ['0.1875', float8, 'R', '0.188'],
  ['-0', float8, 'R', '-0.000'],
  ['-0.0001', numeric, 'R', '-0.000'],
  ['1e+16', float8, 'R', '10000000000000000.000'],
  ['NaN', float8, 'R', 'nan'],
  ['Infinity', float8, 'R', 'inf'],
  ['-Infinity', float8, 'R', '-inf'],
  ['t', bool, 'R', '1.000'],
  // T: (empty), non-printable bytes of the UTF-8 as @, booleans as 1/0
  ['', text, 'T', '(empty)'],
  ['table tn1 row 127', text, 'T', 'table tn1 row 127'],
  ['é\t', text, 'T', '@@@'],
  ['t', text, 'T', 't'],
  ['t', bool, 'T', '1'],
  ['f', bool, 'T', '0'],
]

for (const [value, typeOid, letter, expected] of cases) {
  test(`formats ${JSON.stringify(value)} (type ${typeOid}) in a ${letter} column as ${expected}`, () => {
    assert.equal(formatCell({ text: value, typeOid }, letter), expected)
  })
}

test('formatFixed equals glibc printf on exact binary values', () => {
  // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary.
  assert.equal(formatFixed(2.675, 2), '2.67')
  assert.equal(formatFixed(0.5, 0), '0')
  assert.equal(formatFixed(1.5, 0), '2')
  assert.equal(formatFixed(5e-324, 3), '0.000')
  assert.equal(formatFixed(1.7976931348623157e308, 0).length, 309)
})
