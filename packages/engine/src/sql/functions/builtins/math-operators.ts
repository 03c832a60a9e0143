/**
 * Operators of the math family, as pg_operator has them: arithmetic and comparison for every
 * integer width pair (int2/int4/int8 mix, the result is the wider type), float4/float8 pairs,
 * numeric with numeric (integers and numerics meet through implicit casts, as in PostgreSQL),
 * oid comparisons, integer bitwise operators, and the prefix operators - + @ |/ ||/ ~.
 */
import { compareFloats, compareNumeric, numericMath, type Value } from '../../../types/index.js'
import type { BuiltinOperator } from '../registry.js'
import { cbrtFloat, powerFloat, sqrtFloat } from './math-float.js'
import {
  big,
  checkFloat,
  compareIntegers,
  divisionByZero,
  type FloatKind,
  floatAdd,
  floatDivide,
  floatMultiply,
  floatSubtract,
  type IntegerKind,
  integerResult,
  num,
  numeric,
  smallResult,
} from './math-values.js'

const integerKinds: readonly IntegerKind[] = ['int2', 'int4', 'int8']
const floatKinds: readonly FloatKind[] = ['float4', 'float8']
const width = { int2: 2, int4: 4, int8: 8 } as const

function wider(a: IntegerKind, b: IntegerKind): IntegerKind {
  return width[a] >= width[b] ? a : b
}

type IntegerOperation = '+' | '-' | '*' | '/'

/** Integer arithmetic at the result width: numbers for int2/int4 (exact below 2^53, and any
 * inexact product is far out of range), bigints for int8. */
function integerArithmetic(
  operation: IntegerOperation,
  a: Value,
  b: Value,
  kind: IntegerKind,
): Value {
  if (kind !== 'int8') {
    const x = num(a)
    const y = num(b)
    switch (operation) {
      case '+':
        return smallResult(x + y, kind)
      case '-':
        return smallResult(x - y, kind)
      case '*':
        return smallResult(x * y, kind)
      default:
        if (y === 0) throw divisionByZero()
        return smallResult(Math.trunc(x / y), kind)
    }
  }
  const x = big(a)
  const y = big(b)
  switch (operation) {
    case '+':
      return integerResult(x + y, kind)
    case '-':
      return integerResult(x - y, kind)
    case '*':
      return integerResult(x * y, kind)
    default:
      if (y === 0n) throw divisionByZero()
      return integerResult(x / y, kind)
  }
}

function integerModulo(a: Value, b: Value, kind: IntegerKind): Value {
  if (kind === 'int8') {
    const y = big(b)
    if (y === 0n) throw divisionByZero()
    return big(a) % y
  }
  const y = num(b)
  if (y === 0) throw divisionByZero()
  // The remainder has the dividend's sign; min % -1 is 0, as PostgreSQL special-cases it.
  return (num(a) % y) + 0
}

type Comparison = '=' | '<>' | '<' | '<=' | '>' | '>='
const comparisons: readonly Comparison[] = ['=', '<>', '<', '<=', '>', '>=']

function holds(comparison: Comparison, order: number): boolean {
  switch (comparison) {
    case '=':
      return order === 0
    case '<>':
      return order !== 0
    case '<':
      return order < 0
    case '<=':
      return order <= 0
    case '>':
      return order > 0
    default:
      return order >= 0
  }
}

function comparisonOperators(
  left: BuiltinOperator['left'] & string,
  right: BuiltinOperator['right'],
  compare: (a: Value, b: Value) => number,
): BuiltinOperator[] {
  return comparisons.map((name) => ({
    name,
    left,
    right,
    returns: 'bool',
    volatility: 'immutable',
    evaluate: ([a, b]) => holds(name, compare(a ?? null, b ?? null)),
  }))
}

function binary(
  name: string,
  left: BuiltinOperator['left'] & string,
  right: BuiltinOperator['right'],
  returns: BuiltinOperator['right'],
  evaluate: (a: Value, b: Value) => Value,
): BuiltinOperator {
  return {
    name,
    left,
    right,
    returns,
    volatility: 'immutable',
    evaluate: ([a, b]) => evaluate(a ?? null, b ?? null),
  }
}

function prefix(
  name: string,
  right: BuiltinOperator['right'],
  evaluate: (a: Value) => Value,
): BuiltinOperator {
  return {
    name,
    left: undefined,
    right,
    returns: right,
    volatility: 'immutable',
    evaluate: ([a]) => evaluate(a ?? null),
  }
}

const operators: BuiltinOperator[] = []

// Integers: + - * / and comparisons for every width pair; % and bitwise within one width.
for (const left of integerKinds) {
  for (const right of integerKinds) {
    const kind = left === right ? left : wider(left, right)
    for (const operation of ['+', '-', '*', '/'] as const) {
      operators.push(
        binary(operation, left, right, kind, (a, b) => integerArithmetic(operation, a, b, kind)),
      )
    }
    operators.push(...comparisonOperators(left, right, compareIntegers))
  }
}

/** C's shift: the count is taken modulo the operand's promoted width (32 for int2 and int4,
 * 64 for int8), as x86-64 does; int2 results are truncated to 16 bits. */
function shift(value: Value, count: Value, kind: IntegerKind, isLeft: boolean): Value {
  const n = num(count)
  if (kind === 'int8') {
    const s = BigInt(((n % 64) + 64) % 64)
    return isLeft ? BigInt.asIntN(64, big(value) << s) : big(value) >> s
  }
  const s = ((n % 32) + 32) % 32
  const x = num(value)
  const result = isLeft ? x << s : x >> s
  return kind === 'int2' ? (result << 16) >> 16 : result
}

for (const kind of integerKinds) {
  operators.push(binary('%', kind, kind, kind, (a, b) => integerModulo(a, b, kind)))
  const bitwise = (combine: (x: bigint, y: bigint) => bigint) => (a: Value, b: Value) => {
    const result = combine(big(a), big(b))
    return kind === 'int8' ? result : Number(result)
  }
  operators.push(
    binary(
      '&',
      kind,
      kind,
      kind,
      bitwise((x, y) => x & y),
    ),
  )
  operators.push(
    binary(
      '|',
      kind,
      kind,
      kind,
      bitwise((x, y) => x | y),
    ),
  )
  operators.push(
    binary(
      '#',
      kind,
      kind,
      kind,
      bitwise((x, y) => x ^ y),
    ),
  )
  operators.push(prefix('~', kind, (a) => (kind === 'int8' ? ~big(a) : ~num(a))))
  operators.push(binary('<<', kind, 'int4', kind, (a, b) => shift(a, b, kind, true)))
  operators.push(binary('>>', kind, 'int4', kind, (a, b) => shift(a, b, kind, false)))
  const negate = (a: Value): Value => integerResult(-big(a), kind)
  operators.push(prefix('-', kind, negate))
  operators.push(prefix('+', kind, (a) => a))
  operators.push(prefix('@', kind, (a) => (big(a) < 0n ? negate(a) : a)))
}

// Floats: float4 with float4 stays float4, any pair with a float8 computes in float8.
for (const left of floatKinds) {
  for (const right of floatKinds) {
    const kind: FloatKind = left === 'float4' && right === 'float4' ? 'float4' : 'float8'
    operators.push(binary('+', left, right, kind, (a, b) => floatAdd(num(a), num(b), kind)))
    operators.push(binary('-', left, right, kind, (a, b) => floatSubtract(num(a), num(b), kind)))
    operators.push(binary('*', left, right, kind, (a, b) => floatMultiply(num(a), num(b), kind)))
    operators.push(binary('/', left, right, kind, (a, b) => floatDivide(num(a), num(b), kind)))
    operators.push(...comparisonOperators(left, right, (a, b) => compareFloats(num(a), num(b))))
  }
}
for (const kind of floatKinds) {
  operators.push(prefix('-', kind, (a) => -num(a)))
  operators.push(prefix('+', kind, (a) => a))
  operators.push(prefix('@', kind, (a) => Math.abs(num(a))))
}
operators.push(binary('^', 'float8', 'float8', 'float8', (a, b) => powerFloat(num(a), num(b))))
operators.push(prefix('|/', 'float8', (a) => sqrtFloat(num(a))))
operators.push(prefix('||/', 'float8', (a) => checkFloat(cbrtFloat(num(a)), true, true)))

// numeric
const m = numericMath
operators.push(
  binary('+', 'numeric', 'numeric', 'numeric', (a, b) => m.addNumeric(numeric(a), numeric(b))),
  binary('-', 'numeric', 'numeric', 'numeric', (a, b) => m.subtractNumeric(numeric(a), numeric(b))),
  binary('*', 'numeric', 'numeric', 'numeric', (a, b) => m.multiplyNumeric(numeric(a), numeric(b))),
  binary('/', 'numeric', 'numeric', 'numeric', (a, b) => m.divideNumeric(numeric(a), numeric(b))),
  binary('%', 'numeric', 'numeric', 'numeric', (a, b) => m.modNumeric(numeric(a), numeric(b))),
  binary('^', 'numeric', 'numeric', 'numeric', (a, b) => m.powerNumeric(numeric(a), numeric(b))),
  prefix('-', 'numeric', (a) => m.negateNumeric(numeric(a))),
  prefix('+', 'numeric', (a) => a),
  prefix('@', 'numeric', (a) => m.absNumeric(numeric(a))),
  ...comparisonOperators('numeric', 'numeric', (a, b) => compareNumeric(numeric(a), numeric(b))),
  ...comparisonOperators('oid', 'oid', (a, b) => compareIntegers(a, b)),
)

export const mathOperators: readonly BuiltinOperator[] = operators
