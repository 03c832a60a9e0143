// The numbers family's type behaviours against PostgreSQL 15 (fixtures in
// numbers.test.fixtures.ts, with the queries that produced them): numeric, float, integer and
// oid text input and output, numeric(p,s) coercion with its DETAIL, numeric's binary format,
// numeric arithmetic and transcendental functions with their result scales; then properties:
// text and binary round trips, key encoding order = compare order, equal values hash alike.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { compareBytes, KeyWriter } from '../../lib/keycode.js'
import { behaviourOf } from '../behaviours.js'
import { Numeric } from '../numeric.js'
import * as numericMath from '../numeric-math.js'
import { type SqlType, sqlTypes, withTypmod } from '../sql-type.js'
import { defaultTypeContext, type TypeContext } from '../type-behaviour.js'
import type { Value } from '../value.js'
import {
  float4Inputs,
  float4Outputs,
  float8Inputs,
  float8Outputs,
  integerInputCases,
  numericBinaryCases,
  numericInputCases,
  numericMathCases,
  numericTypmodCases,
  numericTypmodDetails,
} from './numbers.test.fixtures.js'

function outcome(run: () => string): string {
  try {
    return run()
  } catch (error) {
    if (error instanceof SqlError) return `ERR ${error.code} ${error.message}`
    throw error
  }
}

function short(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 40)}…(${text.length})…${text.slice(-40)}`
}

function typeOf(kind: string): SqlType {
  const type = (sqlTypes as Record<string, SqlType>)[kind]
  assert.ok(type !== undefined)
  return type
}

function roundTrip(kind: string, text: string, context: TypeContext = defaultTypeContext): string {
  const type = typeOf(kind)
  const behaviour = behaviourOf(type)
  return behaviour.output(behaviour.input(text, type, context), type, context)
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

function key(kind: string, value: Value): Uint8Array {
  const writer = new KeyWriter()
  const type = typeOf(kind)
  behaviourOf(type).encodeKey(value, type, writer)
  return writer.finish()
}

test('numeric text input and output agree with PostgreSQL', () => {
  for (const [input, expected] of numericInputCases) {
    assert.equal(short(outcome(() => roundTrip('numeric', input))), expected, JSON.stringify(input))
  }
})

test("numeric(p,s): rounding half away from zero and 22003 with PostgreSQL's DETAIL", () => {
  for (const [input, precision, scale, expected] of numericTypmodCases) {
    const type = withTypmod(sqlTypes.numeric, numericMath.numericTypmod(precision, scale))
    const behaviour = behaviourOf(type)
    const actual = outcome(() => {
      const value = behaviour.input(input, type, defaultTypeContext)
      const coerced = behaviour.applyTypmod?.(value, type, false) ?? value
      return behaviour.output(coerced, type, defaultTypeContext)
    })
    assert.equal(actual, expected, `'${input}'::numeric(${precision},${scale})`)
  }
  for (const [input, precision, scale, detail] of numericTypmodDetails) {
    const type = withTypmod(sqlTypes.numeric, numericMath.numericTypmod(precision, scale))
    const value = numericMath.parseNumeric(input)
    assert.throws(
      () => behaviourOf(type).applyTypmod?.(value, type, false),
      (error: unknown) => error instanceof SqlError && error.detail === detail,
      `'${input}'::numeric(${precision},${scale})`,
    )
  }
})

test('numeric binary send is byte for byte numeric_send, and receive reads it back', () => {
  const behaviour = behaviourOf(sqlTypes.numeric)
  for (const [input, expected] of numericBinaryCases) {
    const value = numericMath.parseNumeric(input)
    const bytes = behaviour.send(value, sqlTypes.numeric)
    assert.equal(hex(bytes), expected, input)
    const back = behaviour.receive(bytes, sqlTypes.numeric)
    assert.equal(behaviour.output(back, sqlTypes.numeric, defaultTypeContext), value.toString())
  }
})

test("numeric binary receive: PostgreSQL's checks, and digits beyond dscale are truncated", () => {
  const behaviour = behaviourOf(sqlTypes.numeric)
  const receive = (text: string): string =>
    outcome(() =>
      behaviour.output(
        behaviour.receive(Buffer.from(text, 'hex'), sqlTypes.numeric),
        sqlTypes.numeric,
        defaultTypeContext,
      ),
    )
  // 1.5678 with dscale 2: numeric_recv truncates to 1.56
  assert.equal(receive('00020000000000020001162e'), '1.56')
  assert.equal(receive('0001000000000000000a'), '10', 'weight 0 digit 10')
  assert.equal(receive('00010001000000000001'), '10000')
  assert.equal(
    receive('00010000500000000001'),
    'ERR 22P03 invalid sign in external "numeric" value',
  )
  assert.equal(
    receive('00020000000000000001'),
    'ERR 22P03 incorrect binary data format for type numeric',
  )
  assert.equal(
    receive('00010000000040000001'),
    'ERR 22P03 invalid scale in external "numeric" value',
  )
  assert.equal(
    receive('00010000000000002710'),
    'ERR 22P03 invalid digit in external "numeric" value',
  )
  assert.equal(receive('000100000000'), 'ERR 22P03 insufficient data left in message')
  assert.equal(receive('00000000c0000000'), 'NaN')
  assert.equal(receive('00000000d0000000'), 'Infinity')
  assert.equal(receive('00000000f0000000'), '-Infinity')
})

test('numeric arithmetic and functions: results and scales agree with PostgreSQL', () => {
  const m = numericMath
  const binary: Record<string, (a: Numeric, b: Numeric) => Numeric> = {
    '+': m.addNumeric,
    '-': m.subtractNumeric,
    '*': m.multiplyNumeric,
    '/': m.divideNumeric,
    '%': m.modNumeric,
    '^': m.powerNumeric,
    log: m.logNumeric,
  }
  const unary: Record<string, (a: Numeric) => Numeric> = {
    sqrt: m.sqrtNumeric,
    exp: m.expNumeric,
    ln: m.lnNumeric,
    log10: (x) => m.logNumeric(Numeric.of(10n, 0), x),
  }
  for (const [name, a, b, expected] of numericMathCases) {
    const actual = outcome(() => {
      const x = m.parseNumeric(a)
      if (b === null) return (unary[name] as (a: Numeric) => Numeric)(x).toString()
      const f = binary[name] as (a: Numeric, b: Numeric) => Numeric
      return f(x, m.parseNumeric(b)).toString()
    })
    assert.equal(short(actual), expected, `${name}(${a}, ${b})`)
  }
})

test('float8 and float4 text input and output at extra_float_digits 1, 0 and -3', () => {
  for (const digits of ['1', '0', '-3']) {
    const context = { ...defaultTypeContext, extraFloatDigits: Number(digits) }
    float8Inputs.forEach((input, i) => {
      const expected = float8Outputs[digits]?.[i]
      assert.equal(
        outcome(() => roundTrip('float8', input, context)),
        expected,
        `${input} ${digits}`,
      )
    })
    float4Inputs.forEach((input, i) => {
      const expected = float4Outputs[digits]?.[i]
      assert.equal(
        outcome(() => roundTrip('float4', input, context)),
        expected,
        `${input} ${digits}`,
      )
    })
  }
})

test('float output with extra_float_digits ≤ 0 is %.*g with 15 (or 6) + digits, at least 1', () => {
  const print = (kind: string, x: number, digits: number): string =>
    behaviourOf(typeOf(kind)).output(x, typeOf(kind), {
      ...defaultTypeContext,
      extraFloatDigits: digits,
    })
  // set extra_float_digits = -15; select 0.25::float8, 8.5e21::float8, 1/3::float8
  assert.equal(print('float8', 0.25, -15), '0.2', 'ties to even, as glibc')
  assert.equal(print('float8', 8.5e21, -15), '8e+21')
  assert.equal(print('float8', 1 / 3, -14), '0.3')
  assert.equal(print('float4', Math.fround(1 / 3), -5), '0.3')
  assert.equal(print('float8', 123456, -10), '1.2346e+05')
  assert.equal(print('float8', 2.5, 3), '2.5', 'any positive setting is the shortest form')
})

test('integer and oid text input agree with PostgreSQL (whitespace, signs, ranges, wrapping)', () => {
  for (const [kind, input, expected] of integerInputCases) {
    assert.equal(
      outcome(() => roundTrip(kind, input)),
      expected,
      `'${input}'::${kind}`,
    )
  }
})

test('reg* types read and print OIDs as numbers; names need the catalog (0A000)', () => {
  assert.equal(roundTrip('regclass', ' 1259 '), '1259')
  assert.equal(roundTrip('regtype', '-1'), '4294967295')
  assert.equal(
    outcome(() => roundTrip('regclass', 'pg_class')),
    'ERR 0A000 reading regclass names is not supported yet',
  )
})

test('integer and float binary formats: big-endian, fixed size, 22P03 on a wrong length', () => {
  const cases: readonly (readonly [string, Value, string])[] = [
    // select int2send(-2), int4send(1), int8send(-1), float4send(1.5), float8send(-0.1),
    // oidsend(4294967295)
    ['int2', -2, 'fffe'],
    ['int4', 1, '00000001'],
    ['int8', -1n, 'ffffffffffffffff'],
    ['float4', 1.5, '3fc00000'],
    ['float8', -0.1, 'bfb999999999999a'],
    ['oid', 4294967295, 'ffffffff'],
  ]
  for (const [kind, value, expected] of cases) {
    const type = typeOf(kind)
    const behaviour = behaviourOf(type)
    const bytes = behaviour.send(value, type)
    assert.equal(hex(bytes), expected)
    assert.deepEqual(behaviour.receive(bytes, type), value)
    assert.equal(
      outcome(() => String(behaviour.receive(bytes.slice(1), type))),
      `ERR 22P03 incorrect binary data format for type ${type.displayName}`,
    )
  }
})

test("integers of every width share keycode's integer encoding and hash alike", () => {
  assert.deepEqual(key('int2', 1), key('int8', 1n))
  assert.deepEqual(key('int4', -5), key('int8', -5n))
  assert.deepEqual(key('oid', 7), key('int4', 7))
  const hash = (kind: string, value: Value) =>
    behaviourOf(typeOf(kind)).hashKey(value, typeOf(kind))
  assert.equal(hash('int2', 1), hash('int8', 1n))
  assert.equal(hash('int8', 2n ** 60n), 2n ** 60n)
})

test('floats: -0 equals 0 and NaN equals NaN above Infinity, in compare, keys and hashes', () => {
  const behaviour = behaviourOf(sqlTypes.float8)
  const compare = (a: number, b: number) => behaviour.compare(a, b, sqlTypes.float8)
  assert.equal(compare(-0, 0), 0)
  assert.equal(compare(Number.NaN, Number.NaN), 0)
  assert.ok(compare(Number.NaN, Infinity) > 0)
  assert.ok(compare(-Infinity, -1e308) < 0)
  assert.deepEqual(key('float8', -0), key('float8', 0))
  assert.ok(compareBytes(key('float8', Number.NaN), key('float8', Infinity)) > 0)
  assert.equal(behaviour.hashKey(-0, sqlTypes.float8), behaviour.hashKey(0, sqlTypes.float8))
  assert.equal(
    behaviour.hashKey(Number.NaN, sqlTypes.float8),
    behaviour.hashKey(Number.NaN, sqlTypes.float8),
  )
})

test('numeric: 1.0 and 1.00 compare, encode and hash alike; specials at the ends', () => {
  const behaviour = behaviourOf(sqlTypes.numeric)
  const n = numericMath.parseNumeric
  assert.equal(behaviour.compare(n('1.0'), n('1.00'), sqlTypes.numeric), 0)
  assert.deepEqual(key('numeric', n('1.0')), key('numeric', n('1.00')))
  assert.equal(
    behaviour.hashKey(n('-1.50'), sqlTypes.numeric),
    behaviour.hashKey(n('-1.5'), sqlTypes.numeric),
  )
  assert.equal(
    behaviour.hashKey(n('0.000'), sqlTypes.numeric),
    behaviour.hashKey(n('0'), sqlTypes.numeric),
  )
  const ordered = [
    '-Infinity',
    '-1e100',
    '-1',
    '-0.5',
    '0',
    '1e-16383',
    '0.5',
    '1',
    '1.01',
    '10',
    'Infinity',
    'NaN',
  ]
  for (let i = 1; i < ordered.length; i++) {
    const a = key('numeric', n(ordered[i - 1] as string))
    const b = key('numeric', n(ordered[i] as string))
    assert.ok(compareBytes(a, b) < 0, `${ordered[i - 1]} < ${ordered[i]}`)
  }
})

// ---------------------------------------------------------------------------------------------
// Properties

const numericText = fc
  .tuple(
    fc.boolean(),
    fc.stringMatching(/^[0-9]{1,30}$/),
    fc.stringMatching(/^[0-9]{0,30}$/),
    fc.option(fc.integer({ min: -40, max: 40 }), { nil: undefined }),
  )
  .map(([negative, integer, fraction, exponent]) => {
    const base = `${negative ? '-' : ''}${integer}${fraction === '' ? '' : `.${fraction}`}`
    return exponent === undefined ? base : `${base}e${exponent}`
  })

const numericValue = fc.oneof(
  { weight: 20, arbitrary: numericText.map((t) => numericMath.parseNumeric(t)) },
  { weight: 1, arbitrary: fc.constantFrom(Numeric.nan, Numeric.infinity, Numeric.minusInfinity) },
)

const doubleValue = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308),
)
const float4Value = fc.float().map((x) => Math.fround(x))

test('property: numeric text and binary round trips preserve value and display scale', () => {
  const behaviour = behaviourOf(sqlTypes.numeric)
  fc.assert(
    fc.property(numericValue, (value) => {
      const text = behaviour.output(value, sqlTypes.numeric, defaultTypeContext)
      assert.deepEqual(behaviour.input(text, sqlTypes.numeric, defaultTypeContext), value)
      const bytes = behaviour.send(value, sqlTypes.numeric)
      assert.deepEqual(behaviour.receive(bytes, sqlTypes.numeric), value)
    }),
  )
})

test('property: float text output reads back as the same value (shortest form), binary too', () => {
  for (const [kind, arbitrary] of [
    ['float8', doubleValue],
    ['float4', float4Value],
  ] as const) {
    const type = typeOf(kind)
    const behaviour = behaviourOf(type)
    fc.assert(
      fc.property(arbitrary, (x) => {
        const text = behaviour.output(x, type, defaultTypeContext)
        assert.ok(
          Object.is(
            behaviour.input(text, type, defaultTypeContext),
            Number.isNaN(x) ? Number.NaN : x,
          ),
        )
        assert.ok(Object.is(behaviour.receive(behaviour.send(x, type), type), x))
      }),
    )
  }
})

test('property: key byte order equals compare order (numeric, float8, float4, int8)', () => {
  const check = (kind: string, arbitrary: fc.Arbitrary<Value>) => {
    const type = typeOf(kind)
    const behaviour = behaviourOf(type)
    fc.assert(
      fc.property(arbitrary, arbitrary, (a, b) => {
        const byCompare = Math.sign(behaviour.compare(a, b, type))
        const byKey = Math.sign(compareBytes(key(kind, a), key(kind, b)))
        assert.equal(byKey, byCompare)
        if (byCompare === 0) assert.equal(behaviour.hashKey(a, type), behaviour.hashKey(b, type))
      }),
      { numRuns: 500 },
    )
  }
  check('numeric', numericValue)
  // Near-equal numerics with different scales, to exercise equal keys.
  check(
    'numeric',
    fc
      .tuple(fc.integer({ min: -20, max: 20 }), fc.nat(3))
      .map(([n, pad]) => Numeric.of(BigInt(n) * 10n ** BigInt(pad), pad)),
  )
  check('float8', doubleValue)
  check('float4', float4Value)
  check('int8', fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }))
})

test('property: a DESC-inverted numeric key sorts in reverse (self-delimiting encoding)', () => {
  fc.assert(
    fc.property(numericValue, numericValue, (a, b) => {
      const invert = (bytes: Uint8Array) => bytes.map((x) => x ^ 0xff)
      const order = Math.sign(compareBytes(key('numeric', a), key('numeric', b)))
      // A following component must not change the order: append a byte after each.
      const withSuffix = (bytes: Uint8Array) => Uint8Array.from([...invert(bytes), 0x00])
      assert.equal(
        Math.sign(compareBytes(withSuffix(key('numeric', a)), withSuffix(key('numeric', b)))) + 0,
        -order + 0,
      )
    }),
    { numRuns: 500, examples: [[Numeric.nan, Numeric.nan]] },
  )
})

test('extreme numeric arguments fail or finish quickly, as in PostgreSQL', () => {
  const m = numericMath
  const n = m.parseNumeric
  const run = (f: () => Numeric): string => outcome(() => f().toString())
  const overflow = 'ERR 22003 value overflows numeric format'
  // select 10::numeric ^ 1000000; select exp(6000::numeric); select factorial(32178);
  // select '1e131072'::numeric; select 2::numeric ^ 435000 (130966 characters)
  assert.equal(
    run(() => m.powerNumeric(n('10'), n('1000000'))),
    overflow,
  )
  assert.equal(
    run(() => m.powerNumeric(n('10'), n('130000.5'))),
    overflow,
  )
  assert.equal(
    run(() => m.expNumeric(n('6000'))),
    overflow,
  )
  assert.equal(
    run(() => n('1e131072')),
    overflow,
  )
  assert.equal(
    run(() => n('0e1073741823')),
    overflow,
  )
  assert.equal(run(() => m.powerNumeric(n('2'), n('435000'))).length, 130966)
  // select 1.0000001::numeric ^ 2147483647: 111 characters
  const big = run(() => m.powerNumeric(n('1.0000001'), n('2147483647')))
  assert.ok(big.startsWith('183664458940393809838917447161840468969545914883890593333230'))
  assert.equal(big.length, 111)
  assert.equal(
    run(() => m.powerNumeric(n('3'), n('-1000000'))),
    '0.0000000000000000',
  )
  assert.equal(String(m.factorialBig(32177)).length, 131068)
})
