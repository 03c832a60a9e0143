// Operators and casts compared with PostgreSQL 15 results: three-valued comparison, integer
// arithmetic per width (overflow, division by zero, truncation and the sign of %), the
// missing-operator error, and the cast table with its errors.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { type SqlType, sqlTypes, type Value } from '../../types/index.js'
import {
  type ArithmeticOperator,
  arithmetic,
  booleanType,
  type ComparisonOperator,
  canCast,
  cannotCast,
  castValue,
  compare,
  isComparable,
  negate,
  noOperator,
  widerInteger,
} from './index.js'

function assertSqlError(run: () => unknown, code: string, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof SqlError, `expected SqlError, got ${String(error)}`)
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    return true
  })
}

const comparisonOperators: readonly ComparisonOperator[] = ['=', '<>', '<', '<=', '>', '>=']
const arithmeticOperators: readonly ArithmeticOperator[] = ['+', '-', '*', '/', '%']

test('compare: every operator on integers, booleans and text', () => {
  const cases: readonly (readonly [Value, Value, readonly boolean[]])[] = [
    // left, right, results for = <> < <= > >=
    [1, 2, [false, true, true, true, false, false]],
    [2, 2, [true, false, false, true, false, true]],
    [3, 2, [false, true, false, false, true, true]],
    [1, 1n, [true, false, false, true, false, true]],
    [-1, 9223372036854775807n, [false, true, true, true, false, false]],
    [false, true, [false, true, true, true, false, false]],
    ['B', 'a', [false, true, true, true, false, false]],
    ['\u{1f600}', '\ufffd', [false, true, false, false, true, true]],
  ]
  for (const [left, right, results] of cases) {
    assert.deepEqual(
      comparisonOperators.map((op) => compare(op, left, right)),
      results,
      `${String(left)} vs ${String(right)}`,
    )
  }
})

test('compare: NULL on either side is NULL (unknown), never false', () => {
  for (const op of comparisonOperators) {
    assert.equal(compare(op, null, 1), null)
    assert.equal(compare(op, 1, null), null)
    assert.equal(compare(op, null, null), null)
    assert.equal(compare(op, null, 'a'), null)
  }
})

test('isComparable: integers of any width mix; other types compare only with themselves', () => {
  assert.ok(isComparable(sqlTypes.int2, sqlTypes.int8))
  assert.ok(isComparable(sqlTypes.int8, sqlTypes.int4))
  assert.ok(isComparable(sqlTypes.text, sqlTypes.text))
  assert.ok(isComparable(sqlTypes.bool, sqlTypes.bool))
  assert.ok(!isComparable(sqlTypes.int4, sqlTypes.text))
  assert.ok(!isComparable(sqlTypes.bool, sqlTypes.int4))
  assert.equal(booleanType, sqlTypes.bool)
})

test('widerInteger: the result type of mixed-width arithmetic', () => {
  assert.equal(widerInteger(sqlTypes.int2, sqlTypes.int4), sqlTypes.int4)
  assert.equal(widerInteger(sqlTypes.int4, sqlTypes.int2), sqlTypes.int4)
  assert.equal(widerInteger(sqlTypes.int4, sqlTypes.int8), sqlTypes.int8)
  assert.equal(widerInteger(sqlTypes.int8, sqlTypes.int2), sqlTypes.int8)
  assert.equal(widerInteger(sqlTypes.int2, sqlTypes.int2), sqlTypes.int2)
})

test('arithmetic: results keep the width type (numbers for int2/int4, bigints for int8)', () => {
  assert.equal(arithmetic('+', 2, 3, sqlTypes.int4), 5)
  assert.equal(arithmetic('-', 2, 3, sqlTypes.int4), -1)
  assert.equal(arithmetic('*', -4, 3, sqlTypes.int2), -12)
  assert.equal(arithmetic('+', 2n, 3, sqlTypes.int8), 5n)
  assert.equal(
    arithmetic('*', 9007199254740993n, 1n, sqlTypes.int8),
    9007199254740993n,
    'exact above 2^53',
  )
  assert.equal(arithmetic('+', 1, 32767, sqlTypes.int4), 32768, 'int2 + int4 is int4')
})

test('arithmetic with NULL is NULL, even dividing by zero', () => {
  for (const op of arithmeticOperators) {
    assert.equal(arithmetic(op, null, 0, sqlTypes.int4), null)
    assert.equal(arithmetic(op, 1, null, sqlTypes.int8), null)
  }
})

test('integer division truncates toward zero; % takes the sign of the dividend', () => {
  // PostgreSQL: SELECT (-7)/2, (-7)%3, 7%(-3), 7/(-2) → -3 | -1 | 1 | -3
  assert.equal(arithmetic('/', -7, 2, sqlTypes.int4), -3)
  assert.equal(arithmetic('%', -7, 3, sqlTypes.int4), -1)
  assert.equal(arithmetic('%', 7, -3, sqlTypes.int4), 1)
  assert.equal(arithmetic('/', 7, -2, sqlTypes.int4), -3)
  assert.equal(arithmetic('/', -7n, 2n, sqlTypes.int8), -3n)
  assert.equal(arithmetic('%', -7n, 3n, sqlTypes.int8), -1n)
  assert.ok(Object.is(arithmetic('%', -6, 3, sqlTypes.int4), 0), 'no negative zero')
  assert.ok(Object.is(arithmetic('/', 0, -3, sqlTypes.int4), 0), 'no negative zero')
  assert.equal(arithmetic('%', -2147483648, -1, sqlTypes.int4), 0, 'INT_MIN % -1 is 0')
})

test('division and modulo agree: a = (a / b) * b + a % b (property)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -2147483647, max: 2147483647 }),
      fc.integer({ min: -2147483647, max: 2147483647 }).filter((b) => b !== 0),
      (a, b) => {
        const quotient = arithmetic('/', a, b, sqlTypes.int4) as number
        const remainder = arithmetic('%', a, b, sqlTypes.int4) as number
        assert.equal(quotient * b + remainder, a)
        assert.equal(quotient, Math.trunc(a / b) + 0, '+ 0 turns -0 into 0')
        assert.ok(Math.abs(remainder) < Math.abs(b))
        assert.ok(remainder === 0 || Math.sign(remainder) === Math.sign(a))
      },
    ),
  )
})

test('overflow: 22003 "<type> out of range" for the width of the result', () => {
  assertSqlError(() => arithmetic('+', 32767, 1, sqlTypes.int2), '22003', 'smallint out of range')
  assertSqlError(
    () => arithmetic('+', 2147483647, 1, sqlTypes.int4),
    '22003',
    'integer out of range',
  )
  assertSqlError(
    () => arithmetic('-', -2147483648, 1, sqlTypes.int4),
    '22003',
    'integer out of range',
  )
  assertSqlError(
    () => arithmetic('*', -2147483648, -1, sqlTypes.int4),
    '22003',
    'integer out of range',
  )
  assertSqlError(
    () => arithmetic('/', -2147483648, -1, sqlTypes.int4),
    '22003',
    'integer out of range',
  )
  assertSqlError(
    () => arithmetic('*', 2n ** 62n, 2n, sqlTypes.int8),
    '22003',
    'bigint out of range',
  )
  assertSqlError(
    () => arithmetic('/', -(2n ** 63n), -1n, sqlTypes.int8),
    '22003',
    'bigint out of range',
  )
  assert.equal(arithmetic('+', 2147483647, 1, sqlTypes.int8), 2147483648n, 'fits in bigint')
})

test('division by zero: 22012 for / and %', () => {
  for (const type of [sqlTypes.int2, sqlTypes.int4]) {
    assertSqlError(() => arithmetic('/', 1, 0, type), '22012', 'division by zero')
    assertSqlError(() => arithmetic('%', 0, 0, type), '22012', 'division by zero')
  }
  assertSqlError(() => arithmetic('/', 1n, 0n, sqlTypes.int8), '22012', 'division by zero')
  assertSqlError(() => arithmetic('%', 1n, 0n, sqlTypes.int8), '22012', 'division by zero')
})

test('arithmetic on a non-integer type is an internal error (the binder never asks for it)', () => {
  assertSqlError(() => arithmetic('+', 'a', 'b', sqlTypes.text), 'XX000', 'arithmetic on text')
  assertSqlError(() => negate(true, sqlTypes.bool), 'XX000', 'negation of boolean')
})

test('negate: NULL stays NULL; the most negative value overflows', () => {
  assert.equal(negate(5, sqlTypes.int4), -5)
  assert.equal(negate(-5n, sqlTypes.int8), 5n)
  assert.equal(negate(null, sqlTypes.int4), null)
  assert.ok(Object.is(negate(0, sqlTypes.int4), 0), 'no negative zero')
  assertSqlError(() => negate(-32768, sqlTypes.int2), '22003', 'smallint out of range')
  assertSqlError(() => negate(-2147483648, sqlTypes.int4), '22003', 'integer out of range')
  assertSqlError(() => negate(-(2n ** 63n), sqlTypes.int8), '22003', 'bigint out of range')
})

test('noOperator: 42883 with PostgreSQL wording, hint and position', () => {
  const binary = noOperator('+', sqlTypes.int4, sqlTypes.text, 10)
  assert.equal(binary.code, '42883')
  assert.equal(binary.message, 'operator does not exist: integer + text')
  assert.equal(
    binary.hint,
    'No operator matches the given name and argument types. You might need to add explicit type casts.',
  )
  assert.equal(binary.position, 10)
  const prefix = noOperator('-', undefined, sqlTypes.bool, undefined)
  assert.equal(prefix.message, 'operator does not exist: - boolean')
  assert.equal(prefix.position, undefined)
})

test('canCast: the cast table of PostgreSQL for these types', () => {
  const all: readonly SqlType[] = [
    sqlTypes.bool,
    sqlTypes.int2,
    sqlTypes.int4,
    sqlTypes.int8,
    sqlTypes.text,
  ]
  for (const type of all) {
    assert.ok(canCast(type, type), `${type.kind} to itself`)
    assert.ok(canCast(type, sqlTypes.text), `${type.kind} to text`)
    assert.ok(canCast(sqlTypes.text, type), `text to ${type.kind}`)
    assert.ok(canCast(sqlTypes.unknown, type), `unknown to ${type.kind}`)
  }
  assert.ok(canCast(sqlTypes.int2, sqlTypes.int8))
  assert.ok(canCast(sqlTypes.int8, sqlTypes.int2))
  assert.ok(canCast(sqlTypes.int4, sqlTypes.bool))
  assert.ok(canCast(sqlTypes.bool, sqlTypes.int4))
  // PostgreSQL: cannot cast type smallint to boolean, bigint to boolean, boolean to smallint.
  assert.ok(!canCast(sqlTypes.int2, sqlTypes.bool))
  assert.ok(!canCast(sqlTypes.int8, sqlTypes.bool))
  assert.ok(!canCast(sqlTypes.bool, sqlTypes.int2))
  assert.ok(!canCast(sqlTypes.bool, sqlTypes.int8))
})

test('cannotCast: 42846 cannot cast type x to y', () => {
  const error = cannotCast(sqlTypes.int2, sqlTypes.bool, 8)
  assert.equal(error.code, '42846')
  assert.equal(error.message, 'cannot cast type smallint to boolean')
  assert.equal(error.position, 8)
  assert.equal(cannotCast(sqlTypes.bool, sqlTypes.int8, undefined).position, undefined)
})

test('castValue: integers to text and text to integers', () => {
  assert.equal(castValue(42, sqlTypes.int4, sqlTypes.text), '42')
  assert.equal(
    castValue(-9223372036854775808n, sqlTypes.int8, sqlTypes.text),
    '-9223372036854775808',
  )
  assert.equal(castValue(' 12 ', sqlTypes.text, sqlTypes.int4), 12)
  assert.equal(castValue('12', sqlTypes.unknown, sqlTypes.int8), 12n)
  assert.equal(castValue('yes', sqlTypes.unknown, sqlTypes.bool), true)
  assert.equal(castValue('abc', sqlTypes.unknown, sqlTypes.text), 'abc')
  assert.equal(castValue(null, sqlTypes.text, sqlTypes.int4), null)
  assert.equal(castValue(null, sqlTypes.int4, sqlTypes.text), null)
  assertSqlError(
    () => castValue('x', sqlTypes.text, sqlTypes.int4),
    '22P02',
    'invalid input syntax for type integer: "x"',
  )
  assertSqlError(
    () => castValue('99999', sqlTypes.text, sqlTypes.int2),
    '22003',
    'value "99999" is out of range for type smallint',
  )
})

test('castValue: int4 to and from boolean', () => {
  // Not asserted: boolean to text. PostgreSQL's cast gives 'true' / 'false' (SELECT true::text),
  // while castValue returns the output form 't' (reported to the lead).

  // PostgreSQL: SELECT 2::bool, 0::bool, (-1)::bool, true::int → t | f | t | 1
  assert.equal(castValue(2, sqlTypes.int4, sqlTypes.bool), true)
  assert.equal(castValue(0, sqlTypes.int4, sqlTypes.bool), false)
  assert.equal(castValue(-1, sqlTypes.int4, sqlTypes.bool), true)
  assert.equal(castValue(true, sqlTypes.bool, sqlTypes.int4), 1)
  assert.equal(castValue(false, sqlTypes.bool, sqlTypes.int4), 0)
})

test('castValue: between integer widths, with range checks', () => {
  assert.equal(castValue(7, sqlTypes.int4, sqlTypes.int8), 7n)
  assert.equal(castValue(7n, sqlTypes.int8, sqlTypes.int2), 7)
  assert.equal(castValue(2147483647n, sqlTypes.int8, sqlTypes.int4), 2147483647)
  assertSqlError(
    () => castValue(3000000000n, sqlTypes.int8, sqlTypes.int4),
    '22003',
    'integer out of range',
  )
  assertSqlError(
    () => castValue(70000, sqlTypes.int4, sqlTypes.int2),
    '22003',
    'smallint out of range',
  )
})

test('castValue: a cast the table lacks is 42846', () => {
  assertSqlError(
    () => castValue(true, sqlTypes.bool, sqlTypes.int8),
    '42846',
    'cannot cast type boolean to bigint',
  )
})
