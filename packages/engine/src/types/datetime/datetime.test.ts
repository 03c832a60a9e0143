// The datetime types against PostgreSQL 15: text input and output in every DateStyle and
// IntervalStyle (a table of cases checked against a real server, text.test.fixture.ts), typmod
// rounding, binary send/receive, 'now'-relative input, order and key encoding, time zone
// conversion around DST transitions. Properties: text and binary round trips, compare vs
// encodeKey order, interval arithmetic identities.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import fc from 'fast-check'
import { SqlError } from '../../errors/index.js'
import { compareBytes, KeyWriter } from '../../lib/keycode.js'
import { behaviourOf } from '../behaviours.js'
import { Interval, TimeTz } from '../interval.js'
import { type SqlType, sqlTypes, withTypmod } from '../sql-type.js'
import { defaultTypeContext, type TypeContext } from '../type-behaviour.js'
import { timestampInfinity, timestampMinusInfinity, type Value } from '../value.js'
import {
  addIntervals,
  addIntervalToTimestamp,
  compareIntervals,
  dateEndDays,
  dateMinDays,
  intervalFieldMask,
  intervalFullPrecision,
  intervalTypmod,
  localToUtc,
  negateInterval,
  offsetAtUtc,
  sessionZone,
  subtractIntervals,
  timestampEnd,
  timestampMin,
  zoneForFunction,
} from './index.js'
import { dateOrderOf, decodeDateTime, decodeIsoDateTime } from './parse.js'
import { textCases } from './text.test.fixture.js'

function describeError(error: unknown): string {
  if (!(error instanceof SqlError)) throw error
  let text = `ERROR ${error.code} ${error.message}`
  if (error.hint !== undefined) text += ` HINT ${error.hint}`
  return text
}

function typeOf(name: string): SqlType {
  const kind = name.replace(/\(.*\)/, '').replace(/ .*/, '') as keyof typeof sqlTypes
  const type = sqlTypes[kind]
  assert.ok(type !== undefined, `type ${name}`)
  return type
}

function roundTripText(type: SqlType, text: string, context: TypeContext): string {
  const behaviour = behaviourOf(type)
  try {
    return behaviour.output(behaviour.input(text, type, context), type, context)
  } catch (error) {
    return describeError(error)
  }
}

test('text input and output match PostgreSQL 15 (every case of text.test.fixture.ts)', () => {
  assert.ok(textCases.length > 300)
  for (const [typeName, input, expected, timeZone, dateStyle, intervalStyle] of textCases) {
    const context: TypeContext = { ...defaultTypeContext, timeZone, dateStyle, intervalStyle }
    const actual = roundTripText(typeOf(typeName), input, context)
    assert.equal(actual, expected, `${typeName} '${input}' (${timeZone}, ${dateStyle})`)
  }
})

test("'now', 'today', 'tomorrow', 'yesterday' read the transaction timestamp in the session zone", () => {
  // 2024-01-05 03:30:00 UTC = 2024-01-04 22:30 in New York.
  const now = 757740600000000n
  const context: TypeContext = {
    ...defaultTypeContext,
    timeZone: 'America/New_York',
    transactionTimestamp: now,
  }
  const out = (type: SqlType, text: string): string => roundTripText(type, text, context)
  assert.equal(out(sqlTypes.timestamptz, 'now'), '2024-01-04 22:30:00-05')
  assert.equal(out(sqlTypes.timestamp, 'now'), '2024-01-04 22:30:00')
  assert.equal(out(sqlTypes.date, 'today'), '2024-01-04')
  assert.equal(out(sqlTypes.date, 'tomorrow'), '2024-01-05')
  assert.equal(out(sqlTypes.timestamp, 'yesterday'), '2024-01-03 00:00:00')
  assert.equal(out(sqlTypes.timestamptz, 'today'), '2024-01-04 00:00:00-05')
  assert.equal(out(sqlTypes.timestamp, 'today 10:00'), '2024-01-04 10:00:00')
  assert.equal(out(sqlTypes.time, 'now'), '22:30:00')
  assert.equal(out(sqlTypes.timetz, '10:00'), '10:00:00-05')
})

test('typmods round half away from zero, as PostgreSQL 15 does', () => {
  // select '2024-01-05 10:00:00.5'::timestamp(0), '1999-12-31 23:59:58.5'::timestamp(0),
  //   '1999-12-31 23:59:58.25'::timestamp(1), '2024-01-05 10:00:00.123456'::timestamp(3),
  //   '23:59:59.5'::time(0), '10:00:00.55'::time(1), '10:00:00.55+02'::timetz(1),
  //   '-1.5 seconds'::interval(0), '1.5 seconds'::interval(0),
  //   '294276-12-31 23:59:59.9'::timestamp(0)
  const cases: [SqlType, number, string, string][] = [
    [sqlTypes.timestamp, 0, '2024-01-05 10:00:00.5', '2024-01-05 10:00:01'],
    [sqlTypes.timestamp, 0, '1999-12-31 23:59:58.5', '1999-12-31 23:59:58'],
    [sqlTypes.timestamp, 1, '1999-12-31 23:59:58.25', '1999-12-31 23:59:58.2'],
    [sqlTypes.timestamp, 3, '2024-01-05 10:00:00.123456', '2024-01-05 10:00:00.123'],
    [sqlTypes.timestamp, 0, '294276-12-31 23:59:59.9', '294277-01-01 00:00:00'],
    [sqlTypes.timestamp, 0, 'infinity', 'infinity'],
    [sqlTypes.timestamptz, 2, '2024-01-05 10:00:00.555+00', '2024-01-05 10:00:00.56+00'],
    [sqlTypes.time, 0, '23:59:59.5', '24:00:00'],
    [sqlTypes.time, 1, '10:00:00.55', '10:00:00.6'],
    [sqlTypes.timetz, 1, '10:00:00.55+02', '10:00:00.6+02'],
    [sqlTypes.interval, intervalTypmod(0, 0x7fff), '-1.5 seconds', '-00:00:02'],
    [sqlTypes.interval, intervalTypmod(0, 0x7fff), '1.5 seconds', '00:00:02'],
  ]
  for (const [base, typmod, input, expected] of cases) {
    const type = withTypmod(base, typmod)
    const behaviour = behaviourOf(type)
    const value = behaviour.input(input, type, defaultTypeContext)
    const coerced = behaviour.applyTypmod?.(value, type, false) ?? value
    assert.equal(behaviour.output(coerced, type, defaultTypeContext), expected, input)
  }
})

test('interval field typmods zero the fields right of the last one and pick the unit of a bare number', () => {
  // select '1 year 6 months 5 days 10:11:12.5'::interval year / month / day / hour /
  //   day to minute / minute to second(0), '-10:11:12.5'::interval hour to minute,
  //   '1'::interval hour, '1'::interval year, '1'::interval day to minute,
  //   '1:30'::interval minute to second, '1 2'::interval day to hour
  const f = intervalFieldMask
  const full = intervalFullPrecision
  const cases: [number, string, string][] = [
    [intervalTypmod(full, f.year), '1 year 6 months 5 days 10:11:12.5', '1 year'],
    [intervalTypmod(full, f.month), '1 year 6 months 5 days 10:11:12.5', '1 year 6 mons'],
    [intervalTypmod(full, f.day), '1 year 6 months 5 days 10:11:12.5', '1 year 6 mons 5 days'],
    [
      intervalTypmod(full, f.hour),
      '1 year 6 months 5 days 10:11:12.5',
      '1 year 6 mons 5 days 10:00:00',
    ],
    [
      intervalTypmod(full, f.day | f.hour | f.minute),
      '1 year 6 months 5 days 10:11:12.5',
      '1 year 6 mons 5 days 10:11:00',
    ],
    [
      intervalTypmod(0, f.minute | f.second),
      '1 year 6 months 5 days 10:11:12.5',
      '1 year 6 mons 5 days 10:11:13',
    ],
    [intervalTypmod(full, f.hour | f.minute), '-10:11:12.5', '-10:11:00'],
    [intervalTypmod(full, f.hour), '1', '01:00:00'],
    [intervalTypmod(full, f.year), '1', '1 year'],
    [intervalTypmod(full, f.day | f.hour | f.minute), '1', '00:01:00'],
    [intervalTypmod(full, f.minute | f.second), '1:30', '00:01:30'],
    [intervalTypmod(full, f.day | f.hour), '1 2', '1 day 02:00:00'],
  ]
  for (const [typmod, input, expected] of cases) {
    const type = withTypmod(sqlTypes.interval, typmod)
    const behaviour = behaviourOf(type)
    const value = behaviour.input(input, type, defaultTypeContext)
    const coerced = behaviour.applyTypmod?.(value, type, false) ?? value
    assert.equal(behaviour.output(coerced, type, defaultTypeContext), expected, input)
  }
})

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex')
}

test('binary send matches PostgreSQL (int64 µs since 2000, int32 days, timetz zone west)', () => {
  // select timestamp_send('2024-01-05 10:00:00.5'), date_send('2024-01-05'),
  //   date_send('infinity'), date_send('-infinity'), timestamp_send('infinity'),
  //   time_send('10:00:00.5'), timetz_send('10:00:00.5+02'), interval_send('1 year 2 mons 3 days 04:05:06.5')
  const send = (type: SqlType, text: string): string => {
    const behaviour = behaviourOf(type)
    return hex(behaviour.send(behaviour.input(text, type, defaultTypeContext), type))
  }
  assert.equal(send(sqlTypes.timestamp, '2024-01-05 10:00:00.5'), '0002b12eae12c920')
  assert.equal(send(sqlTypes.date, '2024-01-05'), '00002242')
  assert.equal(send(sqlTypes.date, 'infinity'), '7fffffff')
  assert.equal(send(sqlTypes.date, '-infinity'), '80000000')
  assert.equal(send(sqlTypes.timestamp, 'infinity'), '7fffffffffffffff')
  assert.equal(send(sqlTypes.time, '10:00:00.5'), '0000000861cc0920')
  assert.equal(send(sqlTypes.timetz, '10:00:00.5+02'), '0000000861cc0920ffffe3e0')
  assert.equal(
    send(sqlTypes.interval, '1 year 2 mons 3 days 04:05:06.5'),
    '000000036c9361a0000000030000000e',
  )
})

function sqlErrorOf(run: () => unknown): SqlError {
  try {
    run()
  } catch (error) {
    if (error instanceof SqlError) return error
    throw error
  }
  assert.fail('expected an error')
}

test('binary receive rejects values PostgreSQL rejects', () => {
  const bytes = (hexText: string): Uint8Array => Uint8Array.from(Buffer.from(hexText, 'hex'))
  const time = behaviourOf(sqlTypes.time)
  assert.equal(
    sqlErrorOf(() => time.receive(bytes('000000141dd76001'), sqlTypes.time)).message,
    'time out of range',
  )
  const date = behaviourOf(sqlTypes.date)
  assert.equal(
    sqlErrorOf(() => date.receive(bytes('7ffffff0'), sqlTypes.date)).message,
    'date out of range',
  )
  assert.equal(sqlErrorOf(() => date.receive(bytes('0000'), sqlTypes.date)).code, '22P03')
  const ts = behaviourOf(sqlTypes.timestamp)
  assert.equal(
    sqlErrorOf(() => ts.receive(bytes('7ffffffffffffff0'), sqlTypes.timestamp)).message,
    'timestamp out of range',
  )
  const timetz = behaviourOf(sqlTypes.timetz)
  assert.equal(
    sqlErrorOf(() => timetz.receive(bytes('0000000000000000ffff1f00'), sqlTypes.timetz)).code,
    '22009',
  )
})

// --- properties -------------------------------------------------------------------------------

// A day inside the range: at the very ends, the local time in a zone west (east) of UTC falls
// before 4714-11-24 BC (after 294276 AD), which PostgreSQL cannot read back either.
const day = 86_400_000_000n
const timestampArb = fc.oneof(
  { weight: 20, arbitrary: fc.bigInt({ min: timestampMin + day, max: timestampEnd - 1n - day }) },
  { weight: 1, arbitrary: fc.constantFrom(timestampInfinity, timestampMinusInfinity) },
)
const dateArb = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: dateMinDays, max: dateEndDays - 1 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  },
)
const timeArb = fc.integer({ min: 0, max: 86_400_000_000 })
const timeTzArb = fc
  .tuple(timeArb, fc.integer({ min: -57599, max: 57599 }))
  .map(([micros, offset]) => new TimeTz(micros, offset))
const intervalArb = fc
  .tuple(
    // The most negative months or days print in the postgres_verbose style as `@ 2147483648
    // days ago`, which PostgreSQL 15 cannot read back either (checked: 22015); so does µs below.
    fc.integer({ min: -2147483647, max: 2147483647 }),
    fc.integer({ min: -2147483647, max: 2147483647 }),
    // The most negative µs prints as -2562047788:00:54.775808, which PostgreSQL cannot read
    // back either (the magnitude is read first and overflows).
    fc.bigInt({ min: -9223372036854775807n, max: 9223372036854775807n }),
  )
  .map(([months, days, micros]) => new Interval(months, days, micros))
const smallIntervalArb = fc
  .tuple(
    fc.integer({ min: -1200, max: 1200 }),
    fc.integer({ min: -10000, max: 10000 }),
    fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
  )
  .map(([months, days, micros]) => new Interval(months, days, micros))

const zones = ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Kolkata', '+02', 'UTC+3']
const dateStyles = ['ISO, MDY', 'ISO, DMY', 'SQL, MDY', 'SQL, DMY', 'Postgres, MDY', 'German']
const intervalStyles = ['postgres', 'postgres_verbose', 'sql_standard', 'iso_8601']
const contextArb = fc
  .tuple(
    fc.constantFrom(...zones),
    fc.constantFrom(...dateStyles),
    fc.constantFrom(...intervalStyles),
  )
  .map(
    ([timeZone, dateStyle, intervalStyle]): TypeContext => ({
      ...defaultTypeContext,
      timeZone,
      dateStyle,
      intervalStyle,
    }),
  )

const typed: [SqlType, fc.Arbitrary<Value>][] = [
  [sqlTypes.timestamp, timestampArb],
  [sqlTypes.timestamptz, timestampArb],
  [sqlTypes.date, dateArb],
  [sqlTypes.time, timeArb],
  [sqlTypes.timetz, timeTzArb],
  [sqlTypes.interval, intervalArb],
]

function same(type: SqlType, a: Value, b: Value): boolean {
  return (
    behaviourOf(type).compare(a, b, type) === 0 &&
    behaviourOf(type).hashKey(a, type) === behaviourOf(type).hashKey(b, type)
  )
}

test('property: text output reads back as the same value, in every style and zone', () => {
  for (const [type, arb] of typed) {
    // Postgres/SQL styles print zone abbreviations that are ambiguous ('IST'), and timetz
    // text keeps only its own offset; the ISO style with its numeric offsets is exact.
    fc.assert(
      fc.property(arb, contextArb, (value, context) => {
        const behaviour = behaviourOf(type)
        const isoContext =
          type.kind === 'timestamptz' ? { ...context, dateStyle: 'ISO, MDY' } : context
        const text = behaviour.output(value, type, isoContext)
        const back = behaviour.input(text, type, isoContext)
        assert.ok(same(type, value, back), `${type.name} ${text}`)
        if (type.kind === 'interval') {
          const a = value as Interval
          const b = back as Interval
          assert.deepEqual([a.months, a.days, a.micros], [b.months, b.days, b.micros], text)
        }
      }),
      { numRuns: 300 },
    )
  }
})

test('property: binary receive(send(v)) is v', () => {
  for (const [type, arb] of typed) {
    fc.assert(
      fc.property(arb, (value) => {
        const behaviour = behaviourOf(type)
        const back = behaviour.receive(behaviour.send(value, type), type)
        assert.deepEqual(back, value)
      }),
      { numRuns: 300 },
    )
  }
})

function key(type: SqlType, value: Value): Uint8Array {
  const writer = new KeyWriter()
  behaviourOf(type).encodeKey(value, type, writer)
  return writer.finish()
}

test('property: encodeKey byte order equals compare order, equal keys for equal values', () => {
  for (const [type, arb] of typed) {
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        const behaviour = behaviourOf(type)
        const c = Math.sign(behaviour.compare(a, b, type))
        assert.equal(Math.sign(compareBytes(key(type, a), key(type, b))), c)
        if (c === 0) assert.equal(behaviour.hashKey(a, type), behaviour.hashKey(b, type))
      }),
      { numRuns: 500 },
    )
  }
})

test('interval compare: 1 mon = 30 days, 1 day = 24 hours, but they stay distinct values', () => {
  // select interval '1 mon' = '30 days', interval '1 day' = '24 hours',
  //   interval '1 year' > '364 days' (false: a year is 12 × 30 days)
  const i = (text: string): Interval =>
    behaviourOf(sqlTypes.interval).input(text, sqlTypes.interval, defaultTypeContext) as Interval
  assert.equal(compareIntervals(i('1 mon'), i('30 days')), 0)
  assert.equal(compareIntervals(i('1 day'), i('24 hours')), 0)
  assert.equal(compareIntervals(i('1 year'), i('364 days')), -1)
  const behaviour = behaviourOf(sqlTypes.interval)
  assert.equal(
    behaviour.hashKey(i('1 mon'), sqlTypes.interval),
    behaviour.hashKey(i('30 days'), sqlTypes.interval),
  )
  assert.deepEqual(key(sqlTypes.interval, i('1 mon')), key(sqlTypes.interval, i('30 days')))
})

test('property: interval addition is commutative, subtraction undoes it, negation is an involution', () => {
  fc.assert(
    fc.property(smallIntervalArb, smallIntervalArb, (a, b) => {
      assert.deepEqual(addIntervals(a, b), addIntervals(b, a))
      assert.deepEqual(subtractIntervals(addIntervals(a, b), b), a)
      assert.deepEqual(negateInterval(negateInterval(a)), a)
    }),
  )
})

test('property: adding then subtracting whole days to a timestamp is the identity', () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
      fc.integer({ min: -100000, max: 100000 }),
      (ts, days) => {
        const forward = addIntervalToTimestamp(ts, new Interval(0, days, 0n))
        assert.equal(addIntervalToTimestamp(forward, new Interval(0, -days, 0n)), ts)
      },
    ),
  )
})

test('time zones: offsets of instants and local times in DST gaps and overlaps', () => {
  // set timezone='America/New_York'; select '2024-03-10 02:30'::timestamptz (gap: the offset
  // before, EST, so 03:30 EDT) and '2024-11-03 01:30'::timestamptz (overlap: the offset after,
  // EST).
  const ny = sessionZone('America/New_York')
  const local = (text: string): bigint =>
    behaviourOf(sqlTypes.timestamp).input(text, sqlTypes.timestamp, defaultTypeContext) as bigint
  const hour = 3_600_000_000n
  assert.equal(localToUtc(ny, local('2024-03-10 02:30')), local('2024-03-10 07:30'))
  assert.equal(localToUtc(ny, local('2024-11-03 01:30')), local('2024-11-03 06:30'))
  assert.equal(localToUtc(ny, local('2024-11-03 00:59')), local('2024-11-03 04:59'))
  assert.equal(offsetAtUtc(ny, local('2024-07-01 00:00')), -4 * 3600)
  assert.equal(offsetAtUtc(ny, local('2024-01-01 00:00')), -5 * 3600)
  // Far beyond the years Date can hold, the rules repeat every 400 years.
  assert.equal(offsetAtUtc(ny, local('200000-07-01 00:00')), -4 * 3600)
  assert.equal(offsetAtUtc(sessionZone('+02'), 0n), 7200, "SET TIME ZONE '+02' is UTC+2")
  assert.equal(offsetAtUtc(sessionZone('UTC+3'), 0n), -3 * 3600, "'UTC+3' is POSIX: UTC-3")
  assert.equal(offsetAtUtc(zoneForFunction('+02'), 0n), -7200, "AT TIME ZONE '+02' is POSIX")
  assert.equal(offsetAtUtc(zoneForFunction('EST'), 0n), -5 * 3600)
  // select timezone('CET-1CEST', '2024-07-05 10:00'::timestamp) = 08:00 UTC: default US rules
  const cet = zoneForFunction('CET-1CEST,M3.5.0,M10.5.0/3')
  assert.equal(offsetAtUtc(cet, local('2024-07-05 10:00')), 7200)
  assert.equal(offsetAtUtc(cet, local('2024-01-05 10:00')), 3600)
  assert.equal(offsetAtUtc(zoneForFunction('EST5EDT'), local('2024-07-05 10:00') + hour), -4 * 3600)
  assert.equal(
    sqlErrorOf(() => sessionZone('foo')).message,
    'invalid value for parameter "TimeZone": "foo"',
  )
  assert.equal(sqlErrorOf(() => zoneForFunction('abc')).message, 'time zone "abc" not recognized')
})

test('input longer than PostgreSQL accepts fails cleanly, not slowly', () => {
  const long = `2024-01-05 ${'1'.repeat(100000)}`
  const error = sqlErrorOf(() =>
    behaviourOf(sqlTypes.timestamp).input(long, sqlTypes.timestamp, defaultTypeContext),
  )
  assert.equal(error.code, '22007')
  const many = Array.from({ length: 1000 }, () => '1 day').join(' ')
  assert.equal(
    sqlErrorOf(() =>
      behaviourOf(sqlTypes.interval).input(many, sqlTypes.interval, defaultTypeContext),
    ).code,
    '22007',
  )
})

test('property: the ISO fast path decodes exactly as the general decoder, in every date order', () => {
  const two = (n: number) => String(n).padStart(2, '0')
  const isoText = fc
    .record({
      year: fc.integer({ min: 0, max: 9999 }),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.integer({ min: 0, max: 61 }),
      separator: fc.constantFrom(' ', 'T'),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,7}$/), { nil: undefined }),
      zone: fc.option(
        fc.oneof(
          fc.constant('Z'),
          fc
            .record({
              sign: fc.constantFrom('+', '-'),
              hours: fc.integer({ min: 0, max: 17 }),
              minutes: fc.option(fc.integer({ min: 0, max: 61 }), { nil: undefined }),
              colon: fc.boolean(),
            })
            .map(
              ({ sign, hours, minutes, colon }) =>
                `${sign}${two(hours)}${minutes === undefined ? '' : `${colon ? ':' : ''}${two(minutes)}`}`,
            ),
        ),
        { nil: undefined },
      ),
    })
    .map(
      (f) =>
        `${String(f.year).padStart(4, '0')}-${two(f.month)}-${two(f.day)}${f.separator}` +
        `${two(f.hour)}:${two(f.minute)}:${two(f.second)}` +
        `${f.fraction === undefined ? '' : `.${f.fraction}`}${f.zone ?? ''}`,
    )
  fc.assert(
    fc.property(isoText, fc.constantFrom('ISO, MDY', 'ISO, DMY', 'ISO, YMD'), (text, style) => {
      const fast = decodeIsoDateTime(text)
      if (fast === undefined) return
      const context = {
        order: dateOrderOf(style),
        zone: sessionZone('Europe/Berlin'),
        now: () => 0n,
      }
      assert.deepEqual(fast, decodeDateTime(text, context), text)
    }),
    { numRuns: 3000 },
  )
  assert.notEqual(decodeIsoDateTime('2026-12-03 10:20:30.5+05:30'), undefined)
  assert.equal(decodeIsoDateTime('2026-02-29 00:00:00'), undefined) // not a leap year
  assert.equal(decodeIsoDateTime('2026-12-03 24:00:00'), undefined) // the general decoder's case
})
