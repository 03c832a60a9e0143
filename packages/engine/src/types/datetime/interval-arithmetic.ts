/**
 * Arithmetic on intervals, timestamps and dates as PostgreSQL does it: interval comparison
 * (30-day months, 24-hour days), timestamp ± interval (months, then days in the calendar —
 * local time of the session zone for timestamptz — then microseconds), timestamp differences
 * (justified into days), interval × / ÷ float8 (fractions cascade down), justify_*, age,
 * date_trunc.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { Interval } from '../interval.js'
import { timestampInfinity, timestampMinusInfinity } from '../value.js'
import {
  type DateTimeFields,
  dateToJulian,
  daysInMonth,
  fieldsToTimestamp,
  intervalOutOfRange,
  isFiniteTimestamp,
  isoWeek,
  isoYearStart,
  isValidTimestamp,
  julianToDate,
  postgresEpochJulian,
  timestampOutOfRange,
  timestampToFields,
  usPerDay,
} from './calendar.js'
import { localMicros, rint } from './parse.js'
import { offsetAtUtc, offsetForLocal, type Zone } from './timezone.js'

const int32Max = 2147483647
const int32Min = -2147483648
const int64Max = 9223372036854775807n
const int64Min = -9223372036854775808n

function checkInt32(value: number): number {
  if (!Number.isFinite(value) || value > int32Max || value < int32Min) throw intervalOutOfRange()
  // + 0 turns -0 (from Math.trunc or negation) into 0.
  return value + 0
}

function checkInt64(value: bigint): bigint {
  if (value > int64Max || value < int64Min) throw intervalOutOfRange()
  return value
}

/** PostgreSQL's interval_cmp_value: a month is 30 days, a day 24 hours. */
export function intervalSpan(value: Interval): bigint {
  return value.micros + (BigInt(value.days) + BigInt(value.months) * 30n) * usPerDay
}

export function compareIntervals(a: Interval, b: Interval): number {
  const x = intervalSpan(a)
  const y = intervalSpan(b)
  return x < y ? -1 : x > y ? 1 : 0
}

export function addIntervals(a: Interval, b: Interval): Interval {
  return new Interval(
    checkInt32(a.months + b.months),
    checkInt32(a.days + b.days),
    checkInt64(a.micros + b.micros),
  )
}

export function subtractIntervals(a: Interval, b: Interval): Interval {
  return new Interval(
    checkInt32(a.months - b.months),
    checkInt32(a.days - b.days),
    checkInt64(a.micros - b.micros),
  )
}

export function negateInterval(a: Interval): Interval {
  return new Interval(checkInt32(0 - a.months), checkInt32(0 - a.days), checkInt64(-a.micros))
}

/** rint(x * 1e6) / 1e6: PostgreSQL's TSROUND. */
function roundMicro(x: number): number {
  return rint(x * 1_000_000) / 1_000_000
}

function fitsInt64(x: number): boolean {
  return !Number.isNaN(x) && x >= -(2 ** 63) && x < 2 ** 63
}

/** interval * float8 (interval_mul). */
export function multiplyInterval(span: Interval, factor: number): Interval {
  const monthsDouble = span.months * factor
  if (Number.isNaN(monthsDouble) || monthsDouble >= 2147483648 || monthsDouble < -2147483648) {
    throw intervalOutOfRange()
  }
  let months = Math.trunc(monthsDouble)
  const daysDouble = span.days * factor
  if (Number.isNaN(daysDouble) || daysDouble >= 2147483648 || daysDouble < -2147483648) {
    throw intervalOutOfRange()
  }
  let days = Math.trunc(daysDouble)
  const monthRemainderDays = roundMicro((span.months * factor - months) * 30)
  let secRemainder =
    (span.days * factor - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * 86400
  secRemainder = roundMicro(secRemainder)
  if (Math.abs(secRemainder) >= 86400) {
    days += Math.trunc(secRemainder / 86400)
    secRemainder -= Math.trunc(secRemainder / 86400) * 86400
  }
  days += Math.trunc(monthRemainderDays)
  const time = rint(Number(span.micros) * factor + secRemainder * 1_000_000)
  if (!fitsInt64(time)) throw intervalOutOfRange()
  months = checkInt32(months)
  return new Interval(months, checkInt32(days), BigInt(time))
}

/** interval / float8 (interval_div); 22012 for a zero divisor. */
export function divideInterval(span: Interval, factor: number): Interval {
  if (factor === 0) throw new SqlError(SqlState.divisionByZero, 'division by zero')
  const months = checkInt32(Math.trunc(span.months / factor))
  let days = checkInt32(Math.trunc(span.days / factor))
  let monthRemainderDays = (span.months / factor - months) * 30
  monthRemainderDays = roundMicro(monthRemainderDays)
  let secRemainder =
    (span.days / factor - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * 86400
  secRemainder = roundMicro(secRemainder)
  if (Math.abs(secRemainder) >= 86400) {
    days += Math.trunc(secRemainder / 86400)
    secRemainder -= Math.trunc(secRemainder / 86400) * 86400
  }
  days += Math.trunc(monthRemainderDays)
  const time = rint(Number(span.micros) / factor + secRemainder * 1_000_000)
  if (!fitsInt64(time)) throw intervalOutOfRange()
  return new Interval(months, checkInt32(days), BigInt(time))
}

export function justifyHours(span: Interval): Interval {
  const wholeDays = span.micros / usPerDay
  let micros = span.micros - wholeDays * usPerDay
  let days = checkInt32(span.days + Number(wholeDays))
  if (days > 0 && micros < 0n) {
    micros += usPerDay
    days--
  } else if (days < 0 && micros > 0n) {
    micros -= usPerDay
    days++
  }
  return new Interval(span.months, days, micros)
}

export function justifyDays(span: Interval): Interval {
  const wholeMonths = Math.trunc(span.days / 30)
  let days = span.days - wholeMonths * 30
  let months = checkInt32(span.months + wholeMonths)
  if (months > 0 && days < 0) {
    days += 30
    months--
  } else if (months < 0 && days > 0) {
    days -= 30
    months++
  }
  return new Interval(months, days, span.micros)
}

export function justifyInterval(span: Interval): Interval {
  const wholeDays = span.micros / usPerDay
  let micros = span.micros - wholeDays * usPerDay
  let days = checkInt32(span.days + Number(wholeDays))
  const wholeMonths = Math.trunc(days / 30)
  days -= wholeMonths * 30
  let months = checkInt32(span.months + wholeMonths)
  if (months > 0 && (days < 0 || (days === 0 && micros < 0n))) {
    days += 30
    months--
  } else if (months < 0 && (days > 0 || (days === 0 && micros > 0n))) {
    days -= 30
    months++
  }
  if (days > 0 && micros < 0n) {
    micros += usPerDay
    days--
  } else if (days < 0 && micros > 0n) {
    micros -= usPerDay
    days++
  }
  return new Interval(months, days, micros)
}

function toTimestamp(tm: DateTimeFields): bigint {
  const ts = fieldsToTimestamp(tm)
  if (ts === undefined) throw timestampOutOfRange()
  return ts
}

function addMonthsToFields(tm: DateTimeFields, months: number): void {
  let month = tm.month + months
  if (month > 12) {
    tm.year += Math.trunc((month - 1) / 12)
    month = ((month - 1) % 12) + 1
  } else if (month < 1) {
    tm.year += Math.trunc(month / 12) - 1
    month = (month % 12) + 12
  }
  tm.month = month
  const last = daysInMonth(tm.year, tm.month)
  if (tm.day > last) tm.day = last
}

function addDaysToFields(tm: DateTimeFields, days: number): void {
  const date = julianToDate(dateToJulian(tm.year, tm.month, tm.day) + days)
  tm.year = date.year
  tm.month = date.month
  tm.day = date.day
}

function checkFieldsRange(ts: bigint): void {
  if (!isValidTimestamp(ts)) throw timestampOutOfRange()
}

/** timestamp + interval (timestamp_pl_interval); infinities stay as they are. */
export function addIntervalToTimestamp(ts: bigint, span: Interval): bigint {
  if (!isFiniteTimestamp(ts)) return ts
  let result = ts
  if (span.months !== 0) {
    checkFieldsRange(result)
    const tm = timestampToFields(result)
    addMonthsToFields(tm, span.months)
    result = toTimestamp(tm)
  }
  if (span.days !== 0) {
    checkFieldsRange(result)
    const tm = timestampToFields(result)
    addDaysToFields(tm, span.days)
    result = toTimestamp(tm)
  }
  result += span.micros
  if (!isValidTimestamp(result)) throw timestampOutOfRange()
  return result
}

/** timestamptz + interval: months and days move the local date in `zone`, keeping the local
 * time of day (timestamptz_pl_interval). */
export function addIntervalToTimestampTz(ts: bigint, span: Interval, zone: Zone): bigint {
  if (!isFiniteTimestamp(ts)) return ts
  let result = ts
  if (span.months !== 0) {
    checkFieldsRange(result)
    const tm = timestampToFields(result + BigInt(offsetAtUtc(zone, result)) * 1_000_000n)
    addMonthsToFields(tm, span.months)
    result = localFieldsToUtc(tm, zone)
  }
  if (span.days !== 0) {
    checkFieldsRange(result)
    const tm = timestampToFields(result + BigInt(offsetAtUtc(zone, result)) * 1_000_000n)
    addDaysToFields(tm, span.days)
    result = localFieldsToUtc(tm, zone)
  }
  result += span.micros
  if (!isValidTimestamp(result)) throw timestampOutOfRange()
  return result
}

/** Local wall-clock fields in a zone → UTC timestamp, with the range check. */
export function localFieldsToUtc(tm: DateTimeFields, zone: Zone): bigint {
  const offset = offsetForLocal(zone, localMicros(tm))
  const local = fieldsToTimestamp(tm)
  if (local === undefined) throw timestampOutOfRange()
  const utc = local - BigInt(offset) * 1_000_000n
  if (!isValidTimestamp(utc)) throw timestampOutOfRange()
  return utc
}

/** timestamp - timestamp (timestamp_mi): justified into days and time. */
export function subtractTimestamps(a: bigint, b: bigint): Interval {
  if (!isFiniteTimestamp(a) || !isFiniteTimestamp(b)) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'cannot subtract infinite timestamps')
  }
  return justifyHours(new Interval(0, 0, checkInt64(a - b)))
}

/** age(a, b): the symbolic difference in years, months, days and time of day. For
 * timestamptz both are read as local time in `zone`. */
export function age(a: bigint, b: bigint, zone: Zone | undefined): Interval {
  const local = (ts: bigint): bigint =>
    zone === undefined || !isFiniteTimestamp(ts)
      ? ts
      : ts + BigInt(offsetAtUtc(zone, ts)) * 1_000_000n
  const t1 = timestampToFields(local(a))
  const t2 = timestampToFields(local(b))
  let micros = t1.micros - t2.micros
  let second = t1.second - t2.second
  let minute = t1.minute - t2.minute
  let hour = t1.hour - t2.hour
  let day = t1.day - t2.day
  let month = t1.month - t2.month
  let year = t1.year - t2.year
  const isBefore = a < b
  if (isBefore) {
    micros = -micros
    second = -second
    minute = -minute
    hour = -hour
    day = -day
    month = -month
    year = -year
  }
  while (micros < 0) {
    micros += 1_000_000
    second--
  }
  while (second < 0) {
    second += 60
    minute--
  }
  while (minute < 0) {
    minute += 60
    hour--
  }
  while (hour < 0) {
    hour += 24
    day--
  }
  while (day < 0) {
    const ref = isBefore ? t1 : t2
    day += daysInMonth(ref.year, ref.month)
    month--
  }
  while (month < 0) {
    month += 12
    year--
  }
  if (isBefore) {
    micros = -micros
    second = -second
    minute = -minute
    hour = -hour
    day = -day
    month = -month
    year = -year
  }
  const months = year * 12 + month
  if (months > int32Max || months < int32Min) throw intervalOutOfRange()
  const time =
    BigInt(hour) * 3_600_000_000n +
    BigInt(minute) * 60_000_000n +
    BigInt(second) * 1_000_000n +
    BigInt(micros)
  return new Interval(months, day, time)
}

export type TruncUnit =
  | 'microsecond'
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year'
  | 'decade'
  | 'century'
  | 'millennium'

const truncOrder: readonly TruncUnit[] = [
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'decade',
  'century',
  'millennium',
]

export function isTruncUnit(unit: string): unit is TruncUnit {
  return (truncOrder as readonly string[]).includes(unit)
}

/** Truncates calendar fields in place (date_trunc on timestamps). */
export function truncateFields(tm: DateTimeFields, unit: TruncUnit): void {
  if (unit === 'week') {
    const { week, year } = isoWeek(tm.year, tm.month, tm.day)
    const start = julianToDate(isoYearStart(year) + (week - 1) * 7)
    tm.year = start.year
    tm.month = start.month
    tm.day = start.day
    tm.hour = 0
    tm.minute = 0
    tm.second = 0
    tm.micros = 0
    return
  }
  if (unit === 'millisecond') {
    tm.micros = Math.trunc(tm.micros / 1000) * 1000
    return
  }
  if (unit === 'microsecond') return
  const level = truncOrder.indexOf(unit)
  if (unit === 'millennium') {
    tm.year =
      tm.year > 0
        ? Math.trunc((tm.year + 999) / 1000) * 1000 - 999
        : -Math.trunc((999 - (tm.year - 1)) / 1000) * 1000 + 1
  }
  if (unit === 'millennium' || unit === 'century') {
    tm.year =
      tm.year > 0
        ? Math.trunc((tm.year + 99) / 100) * 100 - 99
        : -Math.trunc((99 - (tm.year - 1)) / 100) * 100 + 1
  }
  if (unit === 'decade') {
    tm.year =
      tm.year > 0 ? Math.trunc(tm.year / 10) * 10 : -Math.trunc((8 - (tm.year - 1)) / 10) * 10
  }
  if (level >= truncOrder.indexOf('year')) tm.month = 1
  if (level >= truncOrder.indexOf('quarter')) tm.month = 3 * Math.trunc((tm.month - 1) / 3) + 1
  if (level >= truncOrder.indexOf('month')) tm.day = 1
  if (level >= truncOrder.indexOf('day')) tm.hour = 0
  if (level >= truncOrder.indexOf('hour')) tm.minute = 0
  if (level >= truncOrder.indexOf('minute')) tm.second = 0
  if (level >= truncOrder.indexOf('second')) tm.micros = 0
}

export function truncateTimestamp(ts: bigint, unit: TruncUnit): bigint {
  if (!isFiniteTimestamp(ts)) return ts
  const tm = timestampToFields(ts)
  truncateFields(tm, unit)
  return toTimestamp(tm)
}

export function truncateTimestampTz(ts: bigint, unit: TruncUnit, zone: Zone): bigint {
  if (!isFiniteTimestamp(ts)) return ts
  const offset = offsetAtUtc(zone, ts)
  const tm = timestampToFields(ts + BigInt(offset) * 1_000_000n)
  truncateFields(tm, unit)
  const level = truncOrder.indexOf(unit)
  if (level >= truncOrder.indexOf('day')) return localFieldsToUtc(tm, zone)
  const local = toTimestamp(tm)
  const utc = local - BigInt(offset) * 1_000_000n
  if (!isValidTimestamp(utc)) throw timestampOutOfRange()
  return utc
}

/** date_trunc on an interval; 'week' is 0A000 with PostgreSQL's detail. */
export function truncateInterval(span: Interval, unit: TruncUnit): Interval {
  let years = Math.trunc(span.months / 12)
  let months = span.months % 12
  let days = span.days
  const totalHours = span.micros / 3_600_000_000n
  let rest = span.micros - totalHours * 3_600_000_000n
  let hours = totalHours
  let minutes = rest / 60_000_000n
  rest -= minutes * 60_000_000n
  let seconds = rest / 1_000_000n
  let micros = rest - seconds * 1_000_000n
  switch (unit) {
    case 'week':
      throw new SqlError(
        SqlState.featureNotSupported,
        'unit "week" not supported for type interval',
        { detail: 'Months usually have fractional weeks.' },
      )
    case 'millisecond':
      micros = (micros / 1000n) * 1000n
      break
    case 'microsecond':
      break
    default: {
      const level = truncOrder.indexOf(unit)
      if (unit === 'millennium') years = Math.trunc(years / 1000) * 1000
      if (level >= truncOrder.indexOf('century')) years = Math.trunc(years / 100) * 100
      if (level >= truncOrder.indexOf('decade')) years = Math.trunc(years / 10) * 10
      if (level >= truncOrder.indexOf('year')) months = 0
      if (level >= truncOrder.indexOf('quarter')) months = 3 * Math.trunc(months / 3)
      if (level >= truncOrder.indexOf('month')) days = 0
      if (level >= truncOrder.indexOf('day')) hours = 0n
      if (level >= truncOrder.indexOf('hour')) minutes = 0n
      if (level >= truncOrder.indexOf('minute')) seconds = 0n
      if (level >= truncOrder.indexOf('second')) micros = 0n
    }
  }
  const totalMonths = years * 12 + months
  if (totalMonths > int32Max || totalMonths < int32Min) throw intervalOutOfRange()
  const time = checkInt64(
    hours * 3_600_000_000n + minutes * 60_000_000n + seconds * 1_000_000n + micros,
  )
  return new Interval(totalMonths, days, time)
}

/** date ± integer days, with the date range check. */
export function addDaysToDate(date: number, days: number): number {
  if (!Number.isFinite(date)) return date
  const result = date + days
  if (result < -postgresEpochJulian || result >= 2147483494 - postgresEpochJulian) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range')
  }
  return result
}

/** date → timestamp at midnight (date2timestamp): infinities map to infinities. */
export function dateToTimestamp(date: number): bigint {
  if (date === Number.POSITIVE_INFINITY) return timestampInfinity
  if (date === Number.NEGATIVE_INFINITY) return timestampMinusInfinity
  // Dates past 294276 AD do not fit a timestamp.
  if (date >= 109203528 - postgresEpochJulian) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range for timestamp')
  }
  return BigInt(date) * usPerDay
}

/** date → timestamptz: local midnight in `zone`. */
export function dateToTimestampTz(date: number, zone: Zone): bigint {
  if (!Number.isFinite(date)) return dateToTimestamp(date)
  const local = dateToTimestamp(date)
  const tm = timestampToFields(local)
  const utc = local - BigInt(offsetForLocal(zone, localMicros(tm))) * 1_000_000n
  if (!isValidTimestamp(utc)) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range for timestamp')
  }
  return utc
}

/** timestamp → date (the day it falls on). */
export function timestampToDate(ts: bigint): number {
  if (ts === timestampInfinity) return Number.POSITIVE_INFINITY
  if (ts === timestampMinusInfinity) return Number.NEGATIVE_INFINITY
  const day = ts / usPerDay - (ts % usPerDay < 0n ? 1n : 0n)
  return Number(day)
}
