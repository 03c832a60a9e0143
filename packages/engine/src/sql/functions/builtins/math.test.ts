// The math family's operators, functions, casts and aggregates against PostgreSQL 15: every
// declaration is called with the literals of math.test.fixtures.ts (read with the type's input
// function, so input errors are part of the expectation) and its result printed with the
// result type's output function; errors compare as 'ERR <sqlstate> <message>'. Also: the
// declarations' signatures against pg_operator/pg_proc/pg_cast/pg_aggregate, and properties.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../../errors/index.js'
import {
  behaviourOf,
  defaultTypeContext,
  Numeric,
  type SqlType,
  type SqlTypeKind,
  sqlTypes,
  type Value,
} from '../../../types/index.js'
import type { ArgType, CallContext } from '../registry.js'
import { mathBuiltins } from './math.js'
import { aggregateCases, castCases, functionCases, operatorCases } from './math.test.fixtures.js'

function typeOf(kind: string): SqlType {
  const type = (sqlTypes as Record<string, SqlType>)[kind]
  assert.ok(type !== undefined, `type ${kind}`)
  return type
}

function call(argTypes: readonly SqlType[], resultType: SqlType): CallContext {
  return {
    argTypes,
    resultType,
    types: defaultTypeContext,
    transactionTimestamp: 0n,
    statementTimestamp: 0n,
    random: () => 0.25,
    output: (value, type) => behaviourOf(type).output(value, type, defaultTypeContext),
    settings: {
      get: () => null,
      set: (_name, value) => value,
    },
  }
}

function read(kind: string, literal: string | null): Value {
  if (literal === null) return null
  if (kind === 'bool') return literal === 'true'
  const type = typeOf(kind)
  return behaviourOf(type).input(literal, type, defaultTypeContext)
}

function print(kind: ArgType | ((types: readonly SqlType[]) => SqlType), value: Value): string {
  if (value === null) return 'NULL'
  assert.equal(typeof kind, 'string')
  if (kind === 'bool') return value === true ? 'true' : 'false'
  const type = typeOf(kind as string)
  return behaviourOf(type).output(value, type, defaultTypeContext)
}

function outcome(run: () => string): string {
  try {
    return run()
  } catch (error) {
    if (error instanceof SqlError) return `ERR ${error.code} ${error.message}`
    throw error
  }
}

test('operators agree with PostgreSQL (random and edge operands)', () => {
  for (const [name, leftKind, left, rightKind, right, expected] of operatorCases) {
    const operator = mathBuiltins.operators.find(
      (o) => o.name === name && (o.left ?? null) === leftKind && o.right === rightKind,
    )
    assert.ok(operator !== undefined, `operator ${leftKind} ${name} ${rightKind}`)
    const actual = outcome(() => {
      const args =
        leftKind === null
          ? [read(rightKind, right)]
          : [read(leftKind, left), read(rightKind, right)]
      const types = (leftKind === null ? [rightKind] : [leftKind, rightKind]).map(typeOf)
      const result = operator.evaluate(args, call(types, typeOf(operator.returns as string)))
      return print(operator.returns, result)
    })
    assert.equal(actual, expected, `(${left}::${leftKind}) ${name} (${right}::${rightKind})`)
  }
})

test('functions agree with PostgreSQL', () => {
  for (const [name, args, expected] of functionCases) {
    const kinds = args.map(([kind]) => kind)
    const fn = mathBuiltins.functions.find(
      (f) =>
        f.name === name && f.args.length === kinds.length && f.args.every((a, i) => a === kinds[i]),
    )
    assert.ok(fn !== undefined, `function ${name}(${kinds.join(', ')})`)
    const actual = outcome(() => {
      const values = args.map(([kind, literal]) => read(kind, literal))
      const result = fn.evaluate(values, call(kinds.map(typeOf), typeOf(fn.returns as string)))
      return print(fn.returns, result)
    })
    assert.equal(actual, expected, `${name}(${args.map(([k, l]) => `${l}::${k}`).join(', ')})`)
  }
})

test('casts agree with PostgreSQL', () => {
  for (const [source, target, literal, expected] of castCases) {
    const cast = mathBuiltins.casts.find((c) => c.source === source && c.target === target)
    assert.ok(cast !== undefined, `cast ${source} → ${target}`)
    const actual = outcome(() => {
      const value = cast.evaluate(
        read(source, literal),
        typeOf(source),
        typeOf(target),
        call([typeOf(source)], typeOf(target)),
      )
      return print(target as ArgType, value)
    })
    assert.equal(actual, expected, `${literal}::${source}::${target}`)
  }
})

test('aggregates agree with PostgreSQL (NULLs skipped, empty groups)', () => {
  for (const [name, kind, literals, expected] of aggregateCases) {
    const aggregate = mathBuiltins.aggregates.find(
      (a) => a.name === name && a.args.length === 1 && a.args[0] === kind,
    )
    assert.ok(aggregate !== undefined, `aggregate ${name}(${kind})`)
    const context = call([typeOf(kind)], typeOf(aggregate.returns as string))
    const actual = outcome(() => {
      let state = aggregate.initial()
      for (const literal of literals) {
        if (literal === null && aggregate.isStrict) continue
        state = aggregate.step(state, [read(kind, literal)], context)
      }
      return print(aggregate.returns, aggregate.final(state, context))
    })
    assert.equal(actual, expected, `${name}(${kind}) over ${JSON.stringify(literals)}`)
  }
})

test('count(*) counts every row and count(x) only non-NULL ones', () => {
  const star = mathBuiltins.aggregates.find((a) => a.name === 'count' && a.args.length === 0)
  const countAny = mathBuiltins.aggregates.find((a) => a.name === 'count' && a.args[0] === 'any')
  assert.ok(star !== undefined && countAny !== undefined)
  assert.equal(star.isStrict, false)
  assert.equal(countAny.isStrict, true)
  const context = call([], sqlTypes.int8)
  let state = star.initial()
  for (let i = 0; i < 3; i++) state = star.step(state, [], context)
  assert.equal(star.final(state, context), 3n)
  assert.equal(countAny.final(countAny.initial(), context), 0n, 'count of nothing is 0, not NULL')
})

test('random() is volatile and uses the session generator', () => {
  const random = mathBuiltins.functions.find((f) => f.name === 'random')
  assert.ok(random !== undefined)
  assert.equal(random.volatility, 'volatile')
  assert.equal(random.evaluate([], call([], sqlTypes.float8)), 0.25)
})

// select castsource::regtype, casttarget::regtype, castcontext from pg_cast where both are
// among int2, int4, int8, float4, float8, numeric, oid, reg*, bool (numeric → numeric is the
// typmod coercion, applied by the binder).
const pgCasts = `
int8 regprocedure i|int2 regprocedure i|int4 regprocedure i|regprocedure int8 a|regprocedure int4 a|oid regprocedure i|regprocedure oid i
int8 regoper i|int2 regoper i|int4 regoper i|regoper int8 a|regoper int4 a|oid regoper i|regoper oid i
int8 regnamespace i|int2 regnamespace i|int4 regnamespace i|regnamespace int8 a|regnamespace int4 a|oid regnamespace i|regnamespace oid i
int8 regrole i|int2 regrole i|int4 regrole i|regrole int8 a|regrole int4 a|oid regrole i|regrole oid i
bool int4 e|int8 int2 a|int8 int4 a|int8 regproc i|int8 oid i|int8 float4 i|int8 float8 i
int8 numeric i|int8 regclass i|int8 regtype i|int2 int8 i|int2 int4 i|int2 regproc i|int2 oid i
int2 float4 i|int2 float8 i|int2 numeric i|int2 regclass i|int2 regtype i|int4 bool e|int4 int8 i
int4 int2 a|int4 regproc i|int4 oid i|int4 float4 i|int4 float8 i|int4 numeric i|int4 regclass i
int4 regtype i|regproc int8 a|regproc int4 a|regproc oid i|oid int8 a|oid int4 a|oid regproc i
oid regclass i|oid regtype i|float4 int8 a|float4 int2 a|float4 int4 a|float4 float8 i
float4 numeric a|float8 int8 a|float8 int2 a|float8 int4 a|float8 float4 a|float8 numeric a
numeric int8 a|numeric int2 a|numeric int4 a|numeric float4 i|numeric float8 i|regclass int8 a
regclass int4 a|regclass oid i|regtype int8 a|regtype int4 a|regtype oid i`

test('the cast table is pg_cast: same pairs, same contexts', () => {
  const contexts = { i: 'implicit', a: 'assignment', e: 'explicit' } as const
  const expected = pgCasts
    .trim()
    .split(/[|\n]/)
    .map((entry) => {
      const [source, target, context] = entry.trim().split(' ')
      return `${source} ${target} ${contexts[context as keyof typeof contexts]}`
    })
    .sort()
  const actual = mathBuiltins.casts.map((c) => `${c.source} ${c.target} ${c.context}`).sort()
  assert.deepEqual(actual, expected)
})

test('operator signatures: every integer width pair, float pairs, no integer/numeric mix', () => {
  const has = (name: string, left: string | undefined, right: string): boolean =>
    mathBuiltins.operators.some((o) => o.name === name && o.left === left && o.right === right)
  const integers = ['int2', 'int4', 'int8']
  for (const left of integers) {
    for (const right of integers) {
      for (const name of ['+', '-', '*', '/', '=', '<>', '<', '<=', '>', '>=']) {
        assert.ok(has(name, left, right), `${left} ${name} ${right}`)
      }
      assert.equal(has('%', left, right), left === right, `${left} % ${right}`)
      assert.ok(!has('+', left, 'numeric') && !has('+', 'numeric', left))
    }
  }
  const result = (name: string, left: string, right: string): unknown =>
    mathBuiltins.operators.find((o) => o.name === name && o.left === left && o.right === right)
      ?.returns
  assert.equal(result('+', 'int2', 'int4'), 'int4')
  assert.equal(result('*', 'int8', 'int2'), 'int8')
  assert.equal(result('/', 'float4', 'float4'), 'float4')
  assert.equal(result('/', 'float4', 'float8'), 'float8')
  assert.equal(result('<<', 'int8', 'int4'), 'int8')
  assert.equal(result('^', 'float8', 'float8'), 'float8')
  assert.ok(!has('^', 'float4', 'float4'), 'no float4 ^')
  assert.ok(has('|/', undefined, 'float8') && has('||/', undefined, 'float8'))
  assert.ok(has('@', undefined, 'numeric') && has('~', undefined, 'int2'))
  // 190 rows in pg_operator for these types (select count(*) from pg_operator where ...).
  assert.equal(mathBuiltins.operators.length, 190)
})

test("aggregate result types are pg_aggregate's", () => {
  const returns = (name: string, kind: string): unknown =>
    mathBuiltins.aggregates.find((a) => a.name === name && a.args[0] === kind)?.returns
  assert.equal(returns('sum', 'int2'), 'int8')
  assert.equal(returns('sum', 'int4'), 'int8')
  assert.equal(returns('sum', 'int8'), 'numeric')
  assert.equal(returns('sum', 'float4'), 'float4')
  assert.equal(returns('sum', 'numeric'), 'numeric')
  assert.equal(returns('avg', 'int4'), 'numeric')
  assert.equal(returns('avg', 'float4'), 'float8')
  assert.equal(returns('stddev', 'int8'), 'numeric')
  assert.equal(returns('variance', 'float4'), 'float8')
  assert.equal(returns('max', 'oid'), 'oid')
  assert.equal(returns('bit_and', 'int2'), 'int2')
})

const operator = (name: string, left: SqlTypeKind, right: SqlTypeKind) => {
  const found = mathBuiltins.operators.find(
    (o) => o.name === name && o.left === left && o.right === right,
  )
  assert.ok(found !== undefined)
  return (a: Value, b: Value): Value =>
    found.evaluate([a, b], call([typeOf(left), typeOf(right)], typeOf(found.returns as string)))
}

test('property: integer arithmetic equals bigint arithmetic, or raises 22003 out of range', () => {
  const int4 = fc.integer({ min: -2147483648, max: 2147483647 })
  const div = operator('/', 'int4', 'int4')
  const mod = operator('%', 'int4', 'int4')
  const mul = operator('*', 'int4', 'int8')
  fc.assert(
    fc.property(int4, int4, (a, b) => {
      if (b === 0) return
      const q = div(a, b)
      const r = mod(a, b)
      if (a === -2147483648 && b === -1) return
      assert.equal(BigInt(q as number) * BigInt(b) + BigInt(r as number), BigInt(a))
      assert.ok(
        r === 0 || Math.sign(r as number) === Math.sign(a),
        "remainder has the dividend's sign",
      )
      assert.equal(mul(a, BigInt(b)), BigInt(a) * BigInt(b))
    }),
  )
})

test('property: numeric + - * over integers agree with bigint arithmetic', () => {
  const add = operator('+', 'numeric', 'numeric')
  const sub = operator('-', 'numeric', 'numeric')
  const mul = operator('*', 'numeric', 'numeric')
  const big = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n })
  fc.assert(
    fc.property(big, big, fc.nat(20), fc.nat(20), (x, y, sx, sy) => {
      const a = Numeric.of(x, sx)
      const b = Numeric.of(y, sy)
      const s = Math.max(sx, sy)
      const ax = x * 10n ** BigInt(s - sx)
      const by = y * 10n ** BigInt(s - sy)
      assert.deepEqual(add(a, b), Numeric.of(ax + by, s))
      assert.deepEqual(sub(a, b), Numeric.of(ax - by, s))
      assert.deepEqual(mul(a, b), Numeric.of(x * y, sx + sy))
    }),
  )
})

test('property: numeric (a / b) × b is within half a unit of the last place × |b| of a', () => {
  const divide = operator('/', 'numeric', 'numeric')
  const big = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })
  fc.assert(
    fc.property(big, big, fc.nat(10), fc.nat(10), (x, y, sx, sy) => {
      if (y === 0n) return
      const q = divide(Numeric.of(x, sx), Numeric.of(y, sy)) as Numeric
      // |q - x/y| ≤ 0.5 × 10^-q.scale  ⇔  |2 q y' - 2 x'| ≤ |y'| in a common scale
      const scale = q.scale + sx + sy
      const qy = q.coefficient * y * 10n ** BigInt(scale - q.scale - sy)
      const xs = x * 10n ** BigInt(scale - sx)
      const error = 2n * (qy - xs)
      const limit = (y < 0n ? -y : y) * 10n ** BigInt(scale - q.scale - sy)
      assert.ok(error <= limit && error >= -limit, 'rounded to the nearest')
    }),
  )
})

// select proname || '(' || argument types || ') ' || prorettype || ' ' || provolatile from
// pg_proc where proname in (every name declared here), type names shortened to pg_type's
// (macaddr's trunc and the array form of width_bucket belong to other families).
const pgFunctions =
  'abs(float4) float4 i|abs(float8) float8 i|abs(int2) int2 i|abs(int4) int4 i|abs(int8) int8 i|abs(numeric) numeric i|acos(float8) float8 i|acosh(float8) float8 i|asin(float8) float8 i|asinh(float8) float8 i|atan(float8) float8 i|atan2(float8,float8) float8 i|atanh(float8) float8 i|cbrt(float8) float8 i|ceil(float8) float8 i|ceil(numeric) numeric i|ceiling(float8) float8 i|ceiling(numeric) numeric i|cos(float8) float8 i|cosh(float8) float8 i|cot(float8) float8 i|degrees(float8) float8 i|div(numeric,numeric) numeric i|exp(float8) float8 i|exp(numeric) numeric i|factorial(int8) numeric i|floor(float8) float8 i|floor(numeric) numeric i|gcd(int4,int4) int4 i|gcd(int8,int8) int8 i|gcd(numeric,numeric) numeric i|lcm(int4,int4) int4 i|lcm(int8,int8) int8 i|lcm(numeric,numeric) numeric i|ln(float8) float8 i|ln(numeric) numeric i|log(float8) float8 i|log(numeric) numeric i|log(numeric,numeric) numeric i|log10(float8) float8 i|log10(numeric) numeric i|min_scale(numeric) int4 i|mod(int2,int2) int2 i|mod(int4,int4) int4 i|mod(int8,int8) int8 i|mod(numeric,numeric) numeric i|pi() float8 i|pow(float8,float8) float8 i|pow(numeric,numeric) numeric i|power(float8,float8) float8 i|power(numeric,numeric) numeric i|radians(float8) float8 i|random() float8 v|round(float8) float8 i|round(numeric) numeric i|round(numeric,int4) numeric i|scale(numeric) int4 i|sign(float8) float8 i|sign(numeric) numeric i|sin(float8) float8 i|sinh(float8) float8 i|sqrt(float8) float8 i|sqrt(numeric) numeric i|tan(float8) float8 i|tanh(float8) float8 i|trim_scale(numeric) numeric i|trunc(float8) float8 i|trunc(numeric) numeric i|trunc(numeric,int4) numeric i|width_bucket(float8,float8,float8,int4) int4 i|width_bucket(numeric,numeric,numeric,int4) int4 i'

test("function signatures and volatility are pg_proc's", () => {
  const actual = mathBuiltins.functions
    .map((f) => `${f.name}(${f.args.join(',')}) ${String(f.returns)} ${f.volatility[0]}`)
    .sort()
  assert.deepEqual(actual, pgFunctions.split('|').sort())
  assert.ok(mathBuiltins.functions.every((f) => f.isStrict))
})
