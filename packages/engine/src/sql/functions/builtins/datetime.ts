/**
 * Built-in functions, operators, casts and aggregates of the datetime family (see
 * ../registry.ts), with pg_proc / pg_operator / pg_cast's names, argument types, volatility
 * and cast contexts of PostgreSQL 15. timestamptz arithmetic and conversions read the session
 * TimeZone (hence stable). The SQL value functions CURRENT_DATE, CURRENT_TIME[(p)],
 * CURRENT_TIMESTAMP[(p)], LOCALTIME[(p)] and LOCALTIMESTAMP[(p)] are declared under their
 * lower-case names, for the binder to call.
 */
import { InternalError, SqlError, SqlState } from '../../../errors/index.js'
import {
  datetime,
  Interval,
  Numeric,
  TimeTz,
  timestampInfinity,
  timestampMinusInfinity,
  type Value,
} from '../../../types/index.js'
import type {
  BuiltinAggregate,
  BuiltinCast,
  BuiltinFamily,
  BuiltinFunction,
  BuiltinOperator,
  BuiltinSetFunction,
  CallContext,
  Volatility,
} from '../registry.js'

const dt = datetime

// --- value accessors ------------------------------------------------------------------------

function num(value: Value): number {
  if (typeof value !== 'number') throw new InternalError(`expected a number, got ${typeof value}`)
  return value
}

function big(value: Value): bigint {
  if (typeof value !== 'bigint') throw new InternalError(`expected a bigint, got ${typeof value}`)
  return value
}

function str(value: Value): string {
  if (typeof value !== 'string') throw new InternalError(`expected a string, got ${typeof value}`)
  return value
}

function iv(value: Value): Interval {
  if (!(value instanceof Interval)) throw new InternalError('expected an Interval')
  return value
}

function ttz(value: Value): TimeTz {
  if (!(value instanceof TimeTz)) throw new InternalError('expected a TimeTz')
  return value
}

function arg(args: readonly Value[], index: number): Value {
  const value = args[index]
  if (value === undefined) throw new InternalError(`missing argument ${index + 1}`)
  return value
}

function sessionZone(call: CallContext): datetime.Zone {
  return dt.sessionZone(call.types.timeZone)
}

// --- conversions ------------------------------------------------------------------------------

/** timestamp (local wall clock) → timestamptz in the session zone. */
function timestampToTimestampTz(ts: bigint, zone: datetime.Zone): bigint {
  if (!dt.isFiniteTimestamp(ts)) return ts
  const utc = dt.localToUtc(zone, ts)
  if (!dt.isValidTimestamp(utc)) throw dt.timestampOutOfRange()
  return utc
}

/** timestamptz → timestamp: the local wall clock in the session zone. */
function timestampTzToTimestamp(ts: bigint, zone: datetime.Zone): bigint {
  if (!dt.isFiniteTimestamp(ts)) return ts
  const local = dt.utcToLocal(zone, ts)
  if (!dt.isValidTimestamp(local)) throw dt.timestampOutOfRange()
  return local
}

function timeOfTimestamp(ts: bigint): number {
  const day = ts / dt.usPerDay - (ts % dt.usPerDay < 0n ? 1n : 0n)
  return Number(ts - day * dt.usPerDay)
}

/** Wraps µs into 0 .. 24h (time ± interval). */
function wrapTime(micros: bigint): number {
  let result = micros % dt.usPerDay
  if (result < 0n) result += dt.usPerDay
  return Number(result)
}

/** timestamp vs timestamptz comparisons convert the timestamp in the session zone; a value
 * beyond the range sorts just inside infinity. */
function timestampAsTz(ts: bigint, zone: datetime.Zone): bigint | 'above' | 'below' {
  if (!dt.isFiniteTimestamp(ts)) return ts
  const utc = dt.localToUtc(zone, ts)
  if (utc >= dt.timestampEnd) return 'above'
  if (utc < dt.timestampMin) return 'below'
  return utc
}

function dateAsTimestamp(date: number): bigint | 'above' {
  if (date === Number.POSITIVE_INFINITY) return timestampInfinity
  if (date === Number.NEGATIVE_INFINITY) return timestampMinusInfinity
  if (date >= 109203528 - dt.postgresEpochJulian) return 'above'
  return BigInt(date) * dt.usPerDay
}

function dateAsTimestampTz(date: number, zone: datetime.Zone): bigint | 'above' | 'below' {
  const ts = dateAsTimestamp(date)
  if (ts === 'above') return 'above'
  return timestampAsTz(ts, zone)
}

/** Orders values where a converted side may fall just outside the finite range: such values
 * sit between the finite values and the infinities, as in PostgreSQL's cross-type compares. */
function cmpMaybe(a: bigint | 'above' | 'below', b: bigint | 'above' | 'below'): number {
  const place = (x: bigint | 'above' | 'below'): number =>
    x === 'above'
      ? 2
      : x === 'below'
        ? -2
        : x === timestampInfinity
          ? 3
          : x === timestampMinusInfinity
            ? -3
            : 0
  const pa = place(a)
  const pb = place(b)
  if (pa !== pb) return pa < pb ? -1 : 1
  if (typeof a !== 'bigint' || typeof b !== 'bigint') return 0
  return a < b ? -1 : a > b ? 1 : 0
}

// --- declarations helpers -------------------------------------------------------------------

type Kind = 'date' | 'time' | 'timetz' | 'timestamp' | 'timestamptz' | 'interval'

function fn(
  name: string,
  args: BuiltinFunction['args'],
  returns: BuiltinFunction['returns'],
  volatility: Volatility,
  evaluate: BuiltinFunction['evaluate'],
): BuiltinFunction {
  return { name, args, returns, volatility, isStrict: true, evaluate }
}

function op(
  name: string,
  left: BuiltinOperator['left'],
  right: BuiltinOperator['right'],
  returns: BuiltinOperator['returns'],
  volatility: Volatility,
  evaluate: BuiltinOperator['evaluate'],
): BuiltinOperator {
  return { name, left, right, returns, volatility, evaluate }
}

const comparisons: readonly [string, (c: number) => boolean][] = [
  ['=', (c) => c === 0],
  ['<>', (c) => c !== 0],
  ['<', (c) => c < 0],
  ['<=', (c) => c <= 0],
  ['>', (c) => c > 0],
  ['>=', (c) => c >= 0],
]

function comparisonOperators(
  left: Kind,
  right: Kind,
  volatility: Volatility,
  compare: (a: Value, b: Value, call: CallContext) => number,
): BuiltinOperator[] {
  return comparisons.map(([name, test]) =>
    op(name, left, right, 'bool', volatility, (args, call) =>
      test(compare(arg(args, 0), arg(args, 1), call)),
    ),
  )
}

function cmpBig(a: Value, b: Value): number {
  const x = big(a)
  const y = big(b)
  return x < y ? -1 : x > y ? 1 : 0
}

function cmpNum(a: Value, b: Value): number {
  const x = num(a)
  const y = num(b)
  return x < y ? -1 : x > y ? 1 : 0
}

// --- operators --------------------------------------------------------------------------------

function dateMinusDate(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'cannot subtract infinite dates')
  }
  return a - b
}

function datePlusTime(date: number, time: number): bigint {
  const ts = dt.dateToTimestamp(date)
  if (!dt.isFiniteTimestamp(ts)) return ts
  const result = ts + BigInt(time)
  if (!dt.isValidTimestamp(result)) throw dt.timestampOutOfRange()
  return result
}

function datePlusTimeTz(date: number, time: TimeTz): bigint {
  if (date === Number.POSITIVE_INFINITY) return timestampInfinity
  if (date === Number.NEGATIVE_INFINITY) return timestampMinusInfinity
  const outOfRange = (): SqlError =>
    new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range for timestamp')
  if (date >= 109203528 - dt.postgresEpochJulian) throw outOfRange()
  const result =
    BigInt(date) * dt.usPerDay + BigInt(time.micros) - BigInt(time.offsetSeconds) * 1_000_000n
  if (!dt.isValidTimestamp(result)) throw outOfRange()
  return result
}

function negate(span: Interval): Interval {
  return new Interval(0 - span.months, 0 - span.days, -span.micros)
}

function float(value: Value): number {
  return num(value)
}

const operators: BuiltinOperator[] = [
  op('+', 'date', 'int4', 'date', 'immutable', (a) =>
    dt.addDaysToDate(num(arg(a, 0)), num(arg(a, 1))),
  ),
  op('+', 'int4', 'date', 'date', 'immutable', (a) =>
    dt.addDaysToDate(num(arg(a, 1)), num(arg(a, 0))),
  ),
  op('-', 'date', 'int4', 'date', 'immutable', (a) =>
    dt.addDaysToDate(num(arg(a, 0)), -num(arg(a, 1))),
  ),
  op('-', 'date', 'date', 'int4', 'immutable', (a) =>
    dateMinusDate(num(arg(a, 0)), num(arg(a, 1))),
  ),
  op('+', 'date', 'time', 'timestamp', 'immutable', (a) =>
    datePlusTime(num(arg(a, 0)), num(arg(a, 1))),
  ),
  op('+', 'time', 'date', 'timestamp', 'immutable', (a) =>
    datePlusTime(num(arg(a, 1)), num(arg(a, 0))),
  ),
  op('+', 'date', 'timetz', 'timestamptz', 'immutable', (a) =>
    datePlusTimeTz(num(arg(a, 0)), ttz(arg(a, 1))),
  ),
  op('+', 'timetz', 'date', 'timestamptz', 'immutable', (a) =>
    datePlusTimeTz(num(arg(a, 1)), ttz(arg(a, 0))),
  ),
  op('+', 'date', 'interval', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(dt.dateToTimestamp(num(arg(a, 0))), iv(arg(a, 1))),
  ),
  op('+', 'interval', 'date', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(dt.dateToTimestamp(num(arg(a, 1))), iv(arg(a, 0))),
  ),
  op('-', 'date', 'interval', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(dt.dateToTimestamp(num(arg(a, 0))), negate(iv(arg(a, 1)))),
  ),
  op('+', 'time', 'interval', 'time', 'immutable', (a) =>
    wrapTime(BigInt(num(arg(a, 0))) + iv(arg(a, 1)).micros),
  ),
  op('+', 'interval', 'time', 'time', 'immutable', (a) =>
    wrapTime(BigInt(num(arg(a, 1))) + iv(arg(a, 0)).micros),
  ),
  op('-', 'time', 'interval', 'time', 'immutable', (a) =>
    wrapTime(BigInt(num(arg(a, 0))) - iv(arg(a, 1)).micros),
  ),
  op(
    '-',
    'time',
    'time',
    'interval',
    'immutable',
    (a) => new Interval(0, 0, BigInt(num(arg(a, 0)) - num(arg(a, 1)))),
  ),
  op('+', 'timetz', 'interval', 'timetz', 'immutable', (a) => {
    const t = ttz(arg(a, 0))
    return new TimeTz(wrapTime(BigInt(t.micros) + iv(arg(a, 1)).micros), t.offsetSeconds)
  }),
  op('+', 'interval', 'timetz', 'timetz', 'immutable', (a) => {
    const t = ttz(arg(a, 1))
    return new TimeTz(wrapTime(BigInt(t.micros) + iv(arg(a, 0)).micros), t.offsetSeconds)
  }),
  op('-', 'timetz', 'interval', 'timetz', 'immutable', (a) => {
    const t = ttz(arg(a, 0))
    return new TimeTz(wrapTime(BigInt(t.micros) - iv(arg(a, 1)).micros), t.offsetSeconds)
  }),
  op('+', 'timestamp', 'interval', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(big(arg(a, 0)), iv(arg(a, 1))),
  ),
  op('+', 'interval', 'timestamp', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(big(arg(a, 1)), iv(arg(a, 0))),
  ),
  op('-', 'timestamp', 'interval', 'timestamp', 'immutable', (a) =>
    dt.addIntervalToTimestamp(big(arg(a, 0)), negate(iv(arg(a, 1)))),
  ),
  op('+', 'timestamptz', 'interval', 'timestamptz', 'stable', (a, call) =>
    dt.addIntervalToTimestampTz(big(arg(a, 0)), iv(arg(a, 1)), sessionZone(call)),
  ),
  op('+', 'interval', 'timestamptz', 'timestamptz', 'stable', (a, call) =>
    dt.addIntervalToTimestampTz(big(arg(a, 1)), iv(arg(a, 0)), sessionZone(call)),
  ),
  op('-', 'timestamptz', 'interval', 'timestamptz', 'stable', (a, call) =>
    dt.addIntervalToTimestampTz(big(arg(a, 0)), negate(iv(arg(a, 1))), sessionZone(call)),
  ),
  op('-', 'timestamp', 'timestamp', 'interval', 'immutable', (a) =>
    dt.subtractTimestamps(big(arg(a, 0)), big(arg(a, 1))),
  ),
  op('-', 'timestamptz', 'timestamptz', 'interval', 'immutable', (a) =>
    dt.subtractTimestamps(big(arg(a, 0)), big(arg(a, 1))),
  ),
  op('+', 'interval', 'interval', 'interval', 'immutable', (a) =>
    dt.addIntervals(iv(arg(a, 0)), iv(arg(a, 1))),
  ),
  op('-', 'interval', 'interval', 'interval', 'immutable', (a) =>
    dt.subtractIntervals(iv(arg(a, 0)), iv(arg(a, 1))),
  ),
  op('-', undefined, 'interval', 'interval', 'immutable', (a) => dt.negateInterval(iv(arg(a, 0)))),
  op('*', 'interval', 'float8', 'interval', 'immutable', (a) =>
    dt.multiplyInterval(iv(arg(a, 0)), float(arg(a, 1))),
  ),
  op('*', 'float8', 'interval', 'interval', 'immutable', (a) =>
    dt.multiplyInterval(iv(arg(a, 1)), float(arg(a, 0))),
  ),
  op('/', 'interval', 'float8', 'interval', 'immutable', (a) =>
    dt.divideInterval(iv(arg(a, 0)), float(arg(a, 1))),
  ),
  ...comparisonOperators('date', 'date', 'immutable', cmpNum),
  ...comparisonOperators('time', 'time', 'immutable', cmpNum),
  ...comparisonOperators('timetz', 'timetz', 'immutable', (a, b) =>
    dt.compareTimeTz(ttz(a), ttz(b)),
  ),
  ...comparisonOperators('timestamp', 'timestamp', 'immutable', cmpBig),
  ...comparisonOperators('timestamptz', 'timestamptz', 'immutable', cmpBig),
  ...comparisonOperators('interval', 'interval', 'immutable', (a, b) =>
    dt.compareIntervals(iv(a), iv(b)),
  ),
  ...comparisonOperators('date', 'timestamp', 'immutable', (a, b) =>
    cmpMaybe(dateAsTimestamp(num(a)), big(b)),
  ),
  ...comparisonOperators('timestamp', 'date', 'immutable', (a, b) =>
    cmpMaybe(big(a), dateAsTimestamp(num(b))),
  ),
  ...comparisonOperators('date', 'timestamptz', 'stable', (a, b, call) =>
    cmpMaybe(dateAsTimestampTz(num(a), sessionZone(call)), big(b)),
  ),
  ...comparisonOperators('timestamptz', 'date', 'stable', (a, b, call) =>
    cmpMaybe(big(a), dateAsTimestampTz(num(b), sessionZone(call))),
  ),
  ...comparisonOperators('timestamp', 'timestamptz', 'stable', (a, b, call) =>
    cmpMaybe(timestampAsTz(big(a), sessionZone(call)), big(b)),
  ),
  ...comparisonOperators('timestamptz', 'timestamp', 'stable', (a, b, call) =>
    cmpMaybe(big(a), timestampAsTz(big(b), sessionZone(call))),
  ),
]

// --- casts ------------------------------------------------------------------------------------

function cast(
  source: Kind,
  target: Kind,
  context: BuiltinCast['context'],
  evaluate: (value: Value, call: CallContext) => Value,
): BuiltinCast {
  return { source, target, context, evaluate: (value, _s, _t, call) => evaluate(value, call) }
}

/** time → timetz: the session zone's offset on the current date at that time of day. */
function timeToTimeTz(time: number, call: CallContext): TimeTz {
  const zone = sessionZone(call)
  const today = dt.timestampToDate(dt.utcToLocal(zone, call.transactionTimestamp))
  const local = BigInt(today) * dt.usPerDay + BigInt(time)
  return new TimeTz(time, dt.offsetForLocal(zone, local))
}

/** timestamptz → timetz; infinities give NULL, as in PostgreSQL. */
function timestampTzToTimeTz(ts: bigint, call: CallContext): TimeTz | null {
  if (!dt.isFiniteTimestamp(ts)) return null
  const zone = sessionZone(call)
  const offset = dt.offsetAtUtc(zone, ts)
  return new TimeTz(timeOfTimestamp(ts + BigInt(offset) * 1_000_000n), offset)
}

function intervalToTime(span: Interval): number {
  return wrapTime(span.micros)
}

const casts: BuiltinCast[] = [
  cast('date', 'timestamp', 'implicit', (v) => dt.dateToTimestamp(num(v))),
  cast('date', 'timestamptz', 'implicit', (v, call) =>
    dt.dateToTimestampTz(num(v), sessionZone(call)),
  ),
  cast('time', 'interval', 'implicit', (v) => new Interval(0, 0, BigInt(num(v)))),
  cast('time', 'timetz', 'implicit', (v, call) => timeToTimeTz(num(v), call)),
  cast('timestamp', 'date', 'assignment', (v) => dt.timestampToDate(big(v))),
  cast('timestamp', 'time', 'assignment', (v) =>
    dt.isFiniteTimestamp(big(v)) ? timeOfTimestamp(big(v)) : null,
  ),
  cast('timestamp', 'timestamptz', 'implicit', (v, call) =>
    timestampToTimestampTz(big(v), sessionZone(call)),
  ),
  cast('timestamptz', 'date', 'assignment', (v, call) =>
    dt.timestampToDate(timestampTzToTimestamp(big(v), sessionZone(call))),
  ),
  cast('timestamptz', 'time', 'assignment', (v, call) =>
    dt.isFiniteTimestamp(big(v))
      ? timeOfTimestamp(timestampTzToTimestamp(big(v), sessionZone(call)))
      : null,
  ),
  cast('timestamptz', 'timestamp', 'assignment', (v, call) =>
    timestampTzToTimestamp(big(v), sessionZone(call)),
  ),
  cast('timestamptz', 'timetz', 'assignment', (v, call) => timestampTzToTimeTz(big(v), call)),
  cast('interval', 'time', 'assignment', (v) => intervalToTime(iv(v))),
  cast('timetz', 'time', 'assignment', (v) => ttz(v).micros),
]

// --- now() and friends ------------------------------------------------------------------------

function currentLocal(call: CallContext): bigint {
  return dt.utcToLocal(sessionZone(call), call.transactionTimestamp)
}

function precisionArg(value: Value, name: string): number {
  const p = num(value)
  if (p < 0) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `${name}(${p}) precision must not be negative`,
    )
  }
  return Math.min(p, 6)
}

function timeofday(call: CallContext): string {
  const zone = sessionZone(call)
  const now = dt.clockTimestamp()
  const local = dt.utcToLocal(zone, now)
  const tm = dt.timestampToFields(local)
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ]
  const dow = days[dt.julianDayOfWeek(dt.dateToJulian(tm.year, tm.month, tm.day))] ?? ''
  const p2 = (n: number): string => String(n).padStart(2, '0')
  return `${dow} ${months[tm.month - 1] ?? ''} ${p2(tm.day)} ${p2(tm.hour)}:${p2(tm.minute)}:${p2(tm.second)}.${String(tm.micros).padStart(6, '0')} ${tm.year} ${dt.abbreviationAtUtc(zone, now)}`
}

const nowFunctions: BuiltinFunction[] = [
  fn('now', [], 'timestamptz', 'stable', (_a, call) => call.transactionTimestamp),
  fn('transaction_timestamp', [], 'timestamptz', 'stable', (_a, call) => call.transactionTimestamp),
  fn('statement_timestamp', [], 'timestamptz', 'stable', (_a, call) => call.statementTimestamp),
  fn('clock_timestamp', [], 'timestamptz', 'volatile', () => dt.clockTimestamp()),
  fn('timeofday', [], 'text', 'volatile', (_a, call) => timeofday(call)),
  fn('current_date', [], 'date', 'stable', (_a, call) => dt.timestampToDate(currentLocal(call))),
  fn('current_timestamp', [], 'timestamptz', 'stable', (_a, call) => call.transactionTimestamp),
  fn('current_timestamp', ['int4'], 'timestamptz', 'stable', (a, call) =>
    dt.timestampWithTypmod(call.transactionTimestamp, precisionArg(arg(a, 0), 'TIMESTAMP')),
  ),
  fn('localtimestamp', [], 'timestamp', 'stable', (_a, call) => currentLocal(call)),
  fn('localtimestamp', ['int4'], 'timestamp', 'stable', (a, call) =>
    dt.timestampWithTypmod(currentLocal(call), precisionArg(arg(a, 0), 'TIMESTAMP')),
  ),
  fn('localtime', [], 'time', 'stable', (_a, call) => timeOfTimestamp(currentLocal(call))),
  fn('localtime', ['int4'], 'time', 'stable', (a, call) =>
    dt.timeWithTypmod(timeOfTimestamp(currentLocal(call)), precisionArg(arg(a, 0), 'TIME')),
  ),
  fn('current_time', [], 'timetz', 'stable', (_a, call) =>
    timestampTzToTimeTz(call.transactionTimestamp, call),
  ),
  fn('current_time', ['int4'], 'timetz', 'stable', (a, call) => {
    const t = timestampTzToTimeTz(call.transactionTimestamp, call)
    if (t === null) return null
    return new TimeTz(dt.timeWithTypmod(t.micros, precisionArg(arg(a, 0), 'TIME')), t.offsetSeconds)
  }),
]

// --- date_trunc, date_part, extract -----------------------------------------------------------

function truncUnit(text: string, typeName: string): datetime.TruncUnit {
  const word = dt.unitWord(text)
  const unit = dt.lookupTruncUnit(word)
  if (unit === undefined) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `unit "${word}" not recognized for type ${typeName}`,
    )
  }
  if (!dt.isTruncUnit(unit)) {
    throw new SqlError(
      SqlState.featureNotSupported,
      `unit "${word}" not supported for type ${typeName}`,
    )
  }
  return unit
}

function partNumeric(part: datetime.PartValue): Value {
  switch (part.kind) {
    case 'null':
      return null
    case 'infinity':
      return Numeric.infinity
    case '-infinity':
      return Numeric.minusInfinity
    default:
      return Numeric.of(part.coefficient, part.scale)
  }
}

function partFloat(part: datetime.PartValue): Value {
  switch (part.kind) {
    case 'null':
      return null
    case 'infinity':
      return Number.POSITIVE_INFINITY
    case '-infinity':
      return Number.NEGATIVE_INFINITY
    default:
      return part.float
  }
}

const truncFunctions: BuiltinFunction[] = [
  fn('date_trunc', ['text', 'timestamp'], 'timestamp', 'immutable', (a) => {
    const ts = big(arg(a, 1))
    if (!dt.isFiniteTimestamp(ts)) return ts
    return dt.truncateTimestamp(ts, truncUnit(str(arg(a, 0)), 'timestamp without time zone'))
  }),
  fn('date_trunc', ['text', 'timestamptz'], 'timestamptz', 'stable', (a, call) => {
    const ts = big(arg(a, 1))
    if (!dt.isFiniteTimestamp(ts)) return ts
    const unit = truncUnit(str(arg(a, 0)), 'timestamp with time zone')
    return dt.truncateTimestampTz(ts, unit, sessionZone(call))
  }),
  fn('date_trunc', ['text', 'timestamptz', 'text'], 'timestamptz', 'stable', (a) => {
    const ts = big(arg(a, 1))
    const zone = dt.zoneForFunction(str(arg(a, 2)))
    if (!dt.isFiniteTimestamp(ts)) return ts
    const unit = truncUnit(str(arg(a, 0)), 'timestamp with time zone')
    return dt.truncateTimestampTz(ts, unit, zone)
  }),
  fn('date_trunc', ['text', 'interval'], 'interval', 'immutable', (a) =>
    dt.truncateInterval(iv(arg(a, 1)), truncUnit(str(arg(a, 0)), 'interval')),
  ),
]

function partFunctions(name: 'extract' | 'date_part'): BuiltinFunction[] {
  const wrap = name === 'extract' ? partNumeric : partFloat
  const returns = name === 'extract' ? 'numeric' : 'float8'
  const list: BuiltinFunction[] = [
    fn(name, ['text', 'timestamp'], returns, 'immutable', (a) =>
      wrap(dt.timestampPart(str(arg(a, 0)), big(arg(a, 1)), undefined)),
    ),
    fn(name, ['text', 'timestamptz'], returns, 'stable', (a, call) =>
      wrap(dt.timestampPart(str(arg(a, 0)), big(arg(a, 1)), sessionZone(call))),
    ),
    fn(name, ['text', 'time'], returns, 'immutable', (a) =>
      wrap(dt.timePart(str(arg(a, 0)), num(arg(a, 1)), undefined)),
    ),
    fn(name, ['text', 'timetz'], returns, 'immutable', (a) => {
      const t = ttz(arg(a, 1))
      return wrap(dt.timePart(str(arg(a, 0)), t.micros, t))
    }),
    fn(name, ['text', 'interval'], returns, 'immutable', (a) =>
      wrap(dt.intervalPart(str(arg(a, 0)), iv(arg(a, 1)))),
    ),
  ]
  if (name === 'extract') {
    list.push(
      fn(name, ['text', 'date'], 'numeric', 'immutable', (a) =>
        partNumeric(dt.datePart(str(arg(a, 0)), num(arg(a, 1)))),
      ),
    )
  } else {
    // date_part(text, date) is SQL: date_part($1, $2::timestamp).
    list.push(
      fn(name, ['text', 'date'], 'float8', 'immutable', (a) =>
        partFloat(dt.timestampPart(str(arg(a, 0)), dt.dateToTimestamp(num(arg(a, 1))), undefined)),
      ),
    )
  }
  return list
}

// --- make_* -----------------------------------------------------------------------------------

/** C's %g (6 significant digits, shortest form). */
function formatG(x: number): string {
  if (Number.isNaN(x)) return 'nan'
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf'
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const exponent = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))))
  if (exponent < -4 || exponent >= 6) {
    const [mantissa = '', exp = '0'] = x.toExponential(5).split('e')
    const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa
    const e = Number(exp)
    return `${trimmed}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  }
  const fixed = x.toFixed(Math.max(0, 5 - exponent))
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed
}

function secondsText(sec: number): string {
  const text = formatG(sec)
  return text.length < 2 ? text.padStart(2, '0') : text
}

function p2(n: number): string {
  const text = String(Math.abs(n)).padStart(2, '0')
  return n < 0 ? `-${text}` : text
}

function timeFieldOverflow(hour: number, min: number, sec: number): SqlError {
  return new SqlError(
    SqlState.datetimeFieldOverflow,
    `time field value out of range: ${hour}:${p2(min)}:${secondsText(sec)}`,
  )
}

function floatTimeOverflows(hour: number, min: number, sec: number): boolean {
  if (hour < 0 || hour > 24 || min < 0 || min >= 60) return true
  if (!(sec >= 0 && sec <= 60)) return true
  return (hour * 60 + min) * 60 * 1_000_000 + dt.rint(sec * 1_000_000) > 86_400_000_000
}

/** make_date / make_timestamp's date: negative years are BC; year 0 does not exist. */
function validMakeDate(year: number, month: number, day: number): number {
  const overflow = (): SqlError =>
    new SqlError(
      SqlState.datetimeFieldOverflow,
      `date field value out of range: ${year}-${p2(month)}-${p2(day)}`,
    )
  if (year === 0) throw overflow()
  const astronomical = year < 0 ? year + 1 : year
  if (month < 1 || month > 12 || day < 1 || day > 31) throw overflow()
  if (day > dt.daysInMonth(astronomical, month)) throw overflow()
  return astronomical
}

function makeDate(year: number, month: number, day: number): number {
  const astronomical = validMakeDate(year, month, day)
  const outOfRange = (): SqlError =>
    new SqlError(
      SqlState.datetimeValueOutOfRange,
      `date out of range: ${astronomical}-${p2(month)}-${p2(day)}`,
    )
  if (!dt.isValidJulianDate(astronomical, month, day)) throw outOfRange()
  const days = dt.dateToDays(astronomical, month, day)
  if (!dt.isValidDate(days)) throw outOfRange()
  return days
}

function makeTimestamp(
  year: number,
  month: number,
  day: number,
  hour: number,
  min: number,
  sec: number,
): bigint {
  const astronomical = validMakeDate(year, month, day)
  if (floatTimeOverflows(hour, min, sec)) throw timeFieldOverflow(hour, min, sec)
  const outOfRange = (): SqlError =>
    new SqlError(
      SqlState.datetimeValueOutOfRange,
      `timestamp out of range: ${year}-${p2(month)}-${p2(day)} ${hour}:${p2(min)}:${secondsText(sec)}`,
    )
  if (!dt.isValidJulianDate(astronomical, month, day)) throw outOfRange()
  const date = BigInt(dt.dateToDays(astronomical, month, day))
  const time = BigInt((hour * 60 + min) * 60) * 1_000_000n + BigInt(dt.rint(sec * 1_000_000))
  const result = date * dt.usPerDay + time
  if (!dt.isValidTimestamp(result)) throw outOfRange()
  return result
}

/** make_timestamptz's zone argument (parse_sane_timezone): a signed ISO offset ('+02',
 * '-02:30'), else an abbreviation, else a zone name. A leading digit is rejected. */
function makeTimestamptzZone(name: string): datetime.Zone {
  if (/^[0-9]/.test(name)) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `invalid input syntax for type numeric time zone: "${name}"`,
      { hint: 'Numeric time zones must have "-" or "+" as first character.' },
    )
  }
  if (name.startsWith('+') || name.startsWith('-')) {
    const match = /^([+-])(\d*)(?::(\d*)(?::(\d*))?)?$/.exec(name)
    if (match !== null) {
      let hours = Number(match[2] || '0')
      let minutes = Number(match[3] || '0')
      const seconds = Number(match[4] || '0')
      if (match[3] === undefined && name.length > 3) {
        minutes = hours % 100
        hours = Math.floor(hours / 100)
      }
      if (hours > 15 || minutes >= 60 || seconds >= 60) {
        throw new SqlError(
          SqlState.invalidParameterValue,
          `numeric time zone "${name}" out of range`,
        )
      }
      const offset = (hours * 60 + minutes) * 60 + seconds
      const signed = match[1] === '-' ? -offset : offset
      return { kind: 'fixed', offset: signed, abbrev: dt.offsetText(signed) }
    }
  }
  return dt.zoneForFunction(name)
}

/** PostgreSQL 15's make_interval: int32 arithmetic that wraps on overflow, as it does. */
function makeInterval(args: readonly Value[]): Interval {
  const get = (i: number): number => (args.length > i ? num(arg(args, i)) : 0)
  const years = get(0)
  const months = get(1)
  const weeks = get(2)
  const days = get(3)
  const hours = get(4)
  const mins = get(5)
  const secs = get(6)
  if (!Number.isFinite(secs)) throw dt.intervalOutOfRange()
  const totalMonths = (Math.imul(years, 12) + months) | 0
  const totalDays = (Math.imul(weeks, 7) + days) | 0
  const micros =
    BigInt(hours) * 3_600_000_000n + BigInt(mins) * 60_000_000n + BigInt(dt.rint(secs * 1_000_000))
  return new Interval(totalMonths, totalDays, BigInt.asIntN(64, micros))
}

const makeIntervalArgs = ['int4', 'int4', 'int4', 'int4', 'int4', 'int4', 'float8'] as const

const makeFunctions: BuiltinFunction[] = [
  fn('make_date', ['int4', 'int4', 'int4'], 'date', 'immutable', (a) =>
    makeDate(num(arg(a, 0)), num(arg(a, 1)), num(arg(a, 2))),
  ),
  fn('make_time', ['int4', 'int4', 'float8'], 'time', 'immutable', (a) => {
    const hour = num(arg(a, 0))
    const min = num(arg(a, 1))
    const sec = num(arg(a, 2))
    if (floatTimeOverflows(hour, min, sec)) throw timeFieldOverflow(hour, min, sec)
    return (hour * 60 + min) * 60 * 1_000_000 + dt.rint(sec * 1_000_000)
  }),
  fn(
    'make_timestamp',
    ['int4', 'int4', 'int4', 'int4', 'int4', 'float8'],
    'timestamp',
    'immutable',
    (a) =>
      makeTimestamp(
        num(arg(a, 0)),
        num(arg(a, 1)),
        num(arg(a, 2)),
        num(arg(a, 3)),
        num(arg(a, 4)),
        num(arg(a, 5)),
      ),
  ),
  fn(
    'make_timestamptz',
    ['int4', 'int4', 'int4', 'int4', 'int4', 'float8'],
    'timestamptz',
    'stable',
    (a, call) =>
      timestampToTimestampTz(
        makeTimestamp(
          num(arg(a, 0)),
          num(arg(a, 1)),
          num(arg(a, 2)),
          num(arg(a, 3)),
          num(arg(a, 4)),
          num(arg(a, 5)),
        ),
        sessionZone(call),
      ),
  ),
  fn(
    'make_timestamptz',
    ['int4', 'int4', 'int4', 'int4', 'int4', 'float8', 'text'],
    'timestamptz',
    'stable',
    (a) => {
      const ts = makeTimestamp(
        num(arg(a, 0)),
        num(arg(a, 1)),
        num(arg(a, 2)),
        num(arg(a, 3)),
        num(arg(a, 4)),
        num(arg(a, 5)),
      )
      return timestampInZone(ts, makeTimestamptzZone(str(arg(a, 6))))
    },
  ),
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((count) =>
    fn('make_interval', makeIntervalArgs.slice(0, count), 'interval', 'immutable', (a) =>
      makeInterval(a),
    ),
  ),
]

// --- age, justify, isfinite, date_bin, to_timestamp ---------------------------------------------

function dateBin(stride: Interval, source: bigint, origin: bigint): bigint {
  if (!dt.isFiniteTimestamp(source)) return source
  if (!dt.isFiniteTimestamp(origin)) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'origin out of range')
  }
  if (stride.months !== 0) {
    throw new SqlError(
      SqlState.featureNotSupported,
      'timestamps cannot be binned into intervals containing months or years',
    )
  }
  const strideMicros = BigInt(stride.days) * dt.usPerDay + stride.micros
  if (strideMicros > 9223372036854775807n) throw dt.intervalOutOfRange()
  if (strideMicros <= 0n) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'stride must be greater than zero')
  }
  const diff = source - origin
  if (diff > 9223372036854775807n || diff < -9223372036854775808n) throw dt.intervalOutOfRange()
  let delta = diff - (diff % strideMicros)
  // A source before the origin belongs to the bin that starts at or before it.
  if (diff < 0n && diff % strideMicros !== 0n) delta -= strideMicros
  const result = origin + delta
  if (!dt.isValidTimestamp(result)) throw dt.timestampOutOfRange()
  return result
}

function toTimestampFromEpoch(seconds: number): bigint {
  if (Number.isNaN(seconds)) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'timestamp cannot be NaN')
  }
  if (seconds === Number.POSITIVE_INFINITY) return timestampInfinity
  if (seconds === Number.NEGATIVE_INFINITY) return timestampMinusInfinity
  const outOfRange = (): SqlError =>
    new SqlError(SqlState.datetimeValueOutOfRange, `timestamp out of range: "${formatG(seconds)}"`)
  if (
    seconds < 86400 * (0 - dt.unixEpochJulian) ||
    seconds >= 86400 * (109203528 - dt.unixEpochJulian)
  ) {
    throw outOfRange()
  }
  const shifted = seconds - (dt.postgresEpochJulian - dt.unixEpochJulian) * 86400
  const result = BigInt(dt.rint(shifted * 1_000_000))
  if (!dt.isValidTimestamp(result)) throw outOfRange()
  return result
}

function startOfToday(call: CallContext): bigint {
  const local = currentLocal(call)
  return BigInt(dt.timestampToDate(local)) * dt.usPerDay
}

const miscFunctions: BuiltinFunction[] = [
  fn('age', ['timestamp', 'timestamp'], 'interval', 'immutable', (a) =>
    dt.age(big(arg(a, 0)), big(arg(a, 1)), undefined),
  ),
  fn('age', ['timestamptz', 'timestamptz'], 'interval', 'immutable', (a, call) =>
    dt.age(big(arg(a, 0)), big(arg(a, 1)), sessionZone(call)),
  ),
  fn('age', ['timestamp'], 'interval', 'stable', (a, call) =>
    dt.age(startOfToday(call), big(arg(a, 0)), undefined),
  ),
  fn('age', ['timestamptz'], 'interval', 'stable', (a, call) => {
    const zone = sessionZone(call)
    return dt.age(timestampToTimestampTz(startOfToday(call), zone), big(arg(a, 0)), zone)
  }),
  fn('justify_days', ['interval'], 'interval', 'immutable', (a) => dt.justifyDays(iv(arg(a, 0)))),
  fn('justify_hours', ['interval'], 'interval', 'immutable', (a) => dt.justifyHours(iv(arg(a, 0)))),
  fn('justify_interval', ['interval'], 'interval', 'immutable', (a) =>
    dt.justifyInterval(iv(arg(a, 0))),
  ),
  fn('isfinite', ['date'], 'bool', 'immutable', (a) => Number.isFinite(num(arg(a, 0)))),
  fn('isfinite', ['timestamp'], 'bool', 'immutable', (a) => dt.isFiniteTimestamp(big(arg(a, 0)))),
  fn('isfinite', ['timestamptz'], 'bool', 'immutable', (a) => dt.isFiniteTimestamp(big(arg(a, 0)))),
  fn('isfinite', ['interval'], 'bool', 'immutable', () => true),
  fn('date_bin', ['interval', 'timestamp', 'timestamp'], 'timestamp', 'immutable', (a) =>
    dateBin(iv(arg(a, 0)), big(arg(a, 1)), big(arg(a, 2))),
  ),
  fn('date_bin', ['interval', 'timestamptz', 'timestamptz'], 'timestamptz', 'immutable', (a) =>
    dateBin(iv(arg(a, 0)), big(arg(a, 1)), big(arg(a, 2))),
  ),
  fn('to_timestamp', ['float8'], 'timestamptz', 'immutable', (a) =>
    toTimestampFromEpoch(num(arg(a, 0))),
  ),
]

// --- to_char, to_timestamp, to_date ----------------------------------------------------------

function toCharTimestamp(ts: bigint, format: string, zone: datetime.Zone | undefined): Value {
  if (format.length === 0 || !dt.isFiniteTimestamp(ts)) return null
  const offset = zone === undefined ? 0 : dt.offsetAtUtc(zone, ts)
  const tm = dt.timestampToFields(ts + BigInt(offset) * 1_000_000n)
  return dt.toChar(
    {
      ...tm,
      offset,
      zoneAbbrev: zone === undefined ? undefined : dt.abbreviationAtUtc(zone, ts),
      isInterval: false,
    },
    format,
  )
}

function toCharInterval(span: Interval, format: string): Value {
  if (format.length === 0) return null
  const f = dt.splitInterval(span.months, span.days, span.micros)
  return dt.toChar(
    {
      year: f.years,
      month: f.months,
      day: f.days,
      hour: f.hours,
      minute: f.minutes,
      second: f.seconds,
      micros: f.micros,
      offset: 0,
      zoneAbbrev: undefined,
      isInterval: true,
      yearDay: (f.years * 12 + f.months) * 30 + f.days,
    },
    format,
  )
}

function toTimestampFormatted(text: string, format: string, call: CallContext): bigint {
  const parsed = dt.parseWithFormat(text, format)
  const tm = parsed.fields
  const outOfRange = (): SqlError =>
    new SqlError(SqlState.datetimeValueOutOfRange, 'timestamp out of range')
  if (!dt.isValidJulianDate(tm.year, tm.month, tm.day)) throw outOfRange()
  const local = dt.fieldsToTimestamp(tm)
  if (local === undefined) throw outOfRange()
  const offset = parsed.offset ?? dt.offsetForLocal(sessionZone(call), local)
  const utc = local - BigInt(offset) * 1_000_000n
  if (!dt.isValidTimestamp(utc)) throw outOfRange()
  return utc
}

function toDateFormatted(text: string, format: string): number {
  const tm = dt.parseWithFormat(text, format).fields
  const outOfRange = (): SqlError =>
    new SqlError(SqlState.datetimeValueOutOfRange, `date out of range: "${text}"`)
  if (!dt.isValidJulianDate(tm.year, tm.month, tm.day)) throw outOfRange()
  const days = dt.dateToDays(tm.year, tm.month, tm.day)
  if (!dt.isValidDate(days)) throw outOfRange()
  return days
}

const formatFunctions: BuiltinFunction[] = [
  fn('to_char', ['timestamp', 'text'], 'text', 'stable', (a) =>
    toCharTimestamp(big(arg(a, 0)), str(arg(a, 1)), undefined),
  ),
  fn('to_char', ['timestamptz', 'text'], 'text', 'stable', (a, call) =>
    toCharTimestamp(big(arg(a, 0)), str(arg(a, 1)), sessionZone(call)),
  ),
  fn('to_char', ['interval', 'text'], 'text', 'stable', (a) =>
    toCharInterval(iv(arg(a, 0)), str(arg(a, 1))),
  ),
  fn('to_timestamp', ['text', 'text'], 'timestamptz', 'stable', (a, call) =>
    toTimestampFormatted(str(arg(a, 0)), str(arg(a, 1)), call),
  ),
  fn('to_date', ['text', 'text'], 'date', 'stable', (a) =>
    toDateFormatted(str(arg(a, 0)), str(arg(a, 1))),
  ),
]

// --- AT TIME ZONE -----------------------------------------------------------------------------

/** timestamp read as local time in `zone` → timestamptz. */
function timestampInZone(ts: bigint, zone: datetime.Zone): bigint {
  if (!dt.isFiniteTimestamp(ts)) return ts
  const utc = dt.localToUtc(zone, ts)
  if (!dt.isValidTimestamp(utc)) throw dt.timestampOutOfRange()
  return utc
}

/** timestamptz → the local time in `zone`, as a timestamp. */
function timestampTzInZone(ts: bigint, zone: datetime.Zone): bigint {
  if (!dt.isFiniteTimestamp(ts)) return ts
  const local = dt.utcToLocal(zone, ts)
  if (!dt.isValidTimestamp(local)) throw dt.timestampOutOfRange()
  return local
}

function intervalZone(span: Interval): datetime.Zone {
  if (span.months !== 0 || span.days !== 0) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `interval time zone "${dt.formatInterval(span.months, span.days, span.micros, 'postgres')}" must not include months or days`,
    )
  }
  const offset = Number(span.micros / 1_000_000n)
  return { kind: 'fixed', offset, abbrev: dt.offsetText(offset) }
}

function timeTzInZone(t: TimeTz, offset: number): TimeTz {
  let micros = BigInt(t.micros) + BigInt(offset - t.offsetSeconds) * 1_000_000n
  micros %= dt.usPerDay
  if (micros < 0n) micros += dt.usPerDay
  return new TimeTz(Number(micros), offset)
}

/** A zone's offset "now" (timezone(text, timetz) uses the current transaction's instant). */
function zoneOffsetNow(name: string, call: CallContext): number {
  const zone = dt.zoneForFunction(name)
  return dt.offsetAtUtc(zone, call.transactionTimestamp)
}

const zoneFunctions: BuiltinFunction[] = [
  fn('timezone', ['text', 'timestamptz'], 'timestamp', 'immutable', (a) =>
    timestampTzInZone(big(arg(a, 1)), dt.zoneForFunction(str(arg(a, 0)))),
  ),
  fn('timezone', ['text', 'timestamp'], 'timestamptz', 'immutable', (a) =>
    timestampInZone(big(arg(a, 1)), dt.zoneForFunction(str(arg(a, 0)))),
  ),
  fn('timezone', ['interval', 'timestamptz'], 'timestamp', 'immutable', (a) =>
    timestampTzInZone(big(arg(a, 1)), intervalZone(iv(arg(a, 0)))),
  ),
  fn('timezone', ['interval', 'timestamp'], 'timestamptz', 'immutable', (a) =>
    timestampInZone(big(arg(a, 1)), intervalZone(iv(arg(a, 0)))),
  ),
  fn('timezone', ['text', 'timetz'], 'timetz', 'stable', (a, call) =>
    timeTzInZone(ttz(arg(a, 1)), zoneOffsetNow(str(arg(a, 0)), call)),
  ),
  fn('timezone', ['interval', 'timetz'], 'timetz', 'immutable', (a) => {
    const zone = intervalZone(iv(arg(a, 0)))
    return timeTzInZone(ttz(arg(a, 1)), zone.kind === 'fixed' ? zone.offset : 0)
  }),
]

// --- generate_series --------------------------------------------------------------------------

function* series(
  start: bigint,
  finish: bigint,
  step: Interval,
  add: (ts: bigint, step: Interval) => bigint,
): Generator<Value> {
  const sign = dt.compareIntervals(step, new Interval(0, 0, 0n))
  if (sign === 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'step size cannot equal zero')
  }
  let current = start
  while (sign > 0 ? current <= finish : current >= finish) {
    yield current
    current = add(current, step)
  }
}

const setFunctions: BuiltinSetFunction[] = [
  {
    name: 'generate_series',
    args: ['timestamp', 'timestamp', 'interval'],
    returns: 'timestamp',
    volatility: 'immutable',
    isStrict: true,
    evaluate: (a) =>
      series(big(arg(a, 0)), big(arg(a, 1)), iv(arg(a, 2)), dt.addIntervalToTimestamp),
  },
  {
    name: 'generate_series',
    args: ['timestamptz', 'timestamptz', 'interval'],
    returns: 'timestamptz',
    volatility: 'stable',
    isStrict: true,
    evaluate: (a, call) => {
      const zone = sessionZone(call)
      return series(big(arg(a, 0)), big(arg(a, 1)), iv(arg(a, 2)), (ts, step) =>
        dt.addIntervalToTimestampTz(ts, step, zone),
      )
    },
  },
]

// --- aggregates -------------------------------------------------------------------------------

const kinds: readonly Kind[] = ['date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval']

function compareKind(kind: Kind, a: Value, b: Value): number {
  switch (kind) {
    case 'date':
    case 'time':
      return cmpNum(a, b)
    case 'timetz':
      return dt.compareTimeTz(ttz(a), ttz(b))
    case 'interval':
      return dt.compareIntervals(iv(a), iv(b))
    default:
      return cmpBig(a, b)
  }
}

function extremum(name: 'min' | 'max', kind: Kind): BuiltinAggregate<Value> {
  return {
    name,
    args: [kind],
    returns: kind,
    volatility: 'immutable',
    isStrict: true,
    initial: () => null,
    step: (state, args) => {
      const value = arg(args, 0)
      if (state === null) return value
      const c = compareKind(kind, value, state)
      return (name === 'min' ? c < 0 : c > 0) ? value : state
    },
    final: (state) => state,
  }
}

interface IntervalSum {
  sum: Interval
  count: number
}

const intervalAggregates: BuiltinAggregate<IntervalSum>[] = [
  {
    name: 'sum',
    args: ['interval'],
    returns: 'interval',
    volatility: 'immutable',
    isStrict: true,
    initial: () => ({ sum: new Interval(0, 0, 0n), count: 0 }),
    step: (state, args) => ({
      sum: dt.addIntervals(state.sum, iv(arg(args, 0))),
      count: state.count + 1,
    }),
    final: (state) => (state.count === 0 ? null : state.sum),
  },
  {
    name: 'avg',
    args: ['interval'],
    returns: 'interval',
    volatility: 'immutable',
    isStrict: true,
    initial: () => ({ sum: new Interval(0, 0, 0n), count: 0 }),
    step: (state, args) => ({
      sum: dt.addIntervals(state.sum, iv(arg(args, 0))),
      count: state.count + 1,
    }),
    final: (state) => (state.count === 0 ? null : dt.divideInterval(state.sum, state.count)),
  },
]

const aggregates: BuiltinAggregate<unknown>[] = [
  ...kinds.flatMap((kind) => [extremum('min', kind), extremum('max', kind)]),
  ...intervalAggregates,
] as BuiltinAggregate<unknown>[]

export const datetimeBuiltins: BuiltinFamily = {
  functions: [
    ...nowFunctions,
    ...truncFunctions,
    ...partFunctions('extract'),
    ...partFunctions('date_part'),
    ...makeFunctions,
    ...miscFunctions,
    ...zoneFunctions,
    ...formatFunctions,
  ],
  setFunctions,
  operators,
  casts,
  aggregates,
}
