/**
 * EXTRACT and date_part: every field of timestamps, timestamptz, dates, times, timetz and
 * intervals. EXTRACT gives exact numerics (seconds with 6 decimals, milliseconds with 3, the
 * Julian day with numeric division's scale); date_part gives float8 computed as PostgreSQL
 * computes it. Infinite inputs give ±Infinity for ever-growing fields and NULL for cyclic ones.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { Interval, TimeTz } from '../interval.js'
import { timestampMinusInfinity } from '../value.js'
import {
  dateToJulian,
  daysToDate,
  isFiniteTimestamp,
  isoWeek,
  julianDayOfWeek,
  postgresEpochJulian,
  timestampToFields,
  timeToFields,
  unixEpochJulian,
} from './calendar.js'
import { lookupFieldWord } from './parse.js'
import { offsetAtUtc, type Zone } from './timezone.js'
import { unixEpochTimestamp } from './values.js'

/** An exact decimal coefficient × 10^-scale, or ±Infinity, or NULL. */
export type PartValue =
  | { kind: 'exact'; coefficient: bigint; scale: number; float: number }
  | { kind: 'infinity' | '-infinity' }
  | { kind: 'null' }

function exact(coefficient: bigint, scale: number, float: number): PartValue {
  return { kind: 'exact', coefficient, scale, float }
}

function integer(value: number | bigint): PartValue {
  // + 0 turns a -0 from Math.trunc into 0, as PostgreSQL's integer arithmetic gives.
  return exact(BigInt(value), 0, Number(value) + 0)
}

function notSupported(word: string, typeName: string): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `unit "${word}" not supported for type ${typeName}`,
  )
}

function notRecognized(word: string, typeName: string): SqlError {
  return new SqlError(
    SqlState.invalidParameterValue,
    `unit "${word}" not recognized for type ${typeName}`,
  )
}

/** PostgreSQL lower-cases and truncates the unit to 63 bytes before reporting it. */
export function unitWord(text: string): string {
  const lower = text.toLowerCase()
  return lower.length > 63 ? lower.slice(0, 63) : lower
}

type Field =
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
  | 'julian'
  | 'isoyear'
  | 'dow'
  | 'isodow'
  | 'doy'
  | 'timezone'
  | 'timezone_hour'
  | 'timezone_minute'
  | 'epoch'

function classify(word: string): Field | 'reserved' | undefined {
  const found = lookupFieldWord(word)
  if (found === undefined) return undefined
  if (found === 'reserved') return 'reserved'
  return found as Field
}

const monotonic = new Set<Field>([
  'year',
  'decade',
  'century',
  'millennium',
  'julian',
  'isoyear',
  'epoch',
])
const oscillating = new Set<Field>([
  'microsecond',
  'millisecond',
  'second',
  'minute',
  'hour',
  'day',
  'month',
  'quarter',
  'week',
  'dow',
  'isodow',
  'doy',
  'timezone',
  'timezone_hour',
  'timezone_minute',
])

/** Rounds n / d half away from zero at `scale` decimals. */
function divRound(n: bigint, d: bigint, scale: number): bigint {
  const scaled = n * 10n ** BigInt(scale)
  const q = scaled / d
  const r = scaled % d
  if (r === 0n) return q
  const twice = (r < 0n ? -r : r) * 2n
  const dd = d < 0n ? -d : d
  if (twice >= dd) return scaled < 0n !== d < 0n ? q - 1n : q + 1n
  return q
}

function base10000(n: bigint): { weight: number; first: number } {
  const abs = n < 0n ? -n : n
  if (abs === 0n) return { weight: 0, first: 0 }
  const digits = abs.toString()
  const groups = Math.ceil(digits.length / 4)
  const leadLength = digits.length - (groups - 1) * 4
  return { weight: groups - 1, first: Number(digits.slice(0, leadLength)) }
}

/** numeric n / d with both scale 0: PostgreSQL's select_div_scale and rounding. */
export function numericDivide(n: bigint, d: bigint): { coefficient: bigint; scale: number } {
  const a = base10000(n)
  const b = base10000(d)
  let qweight = a.weight - b.weight
  if (a.first <= b.first) qweight--
  const scale = Math.min(Math.max(16 - qweight * 4, 0), 1000)
  return { coefficient: divRound(n, d, scale), scale }
}

function julianPart(julian: number, timeMicros: number, fieldsFloat: number): PartValue {
  const fraction = numericDivide(BigInt(timeMicros), 86_400_000_000n)
  const coefficient = BigInt(julian) * 10n ** BigInt(fraction.scale) + fraction.coefficient
  return exact(coefficient, fraction.scale, fieldsFloat)
}

function yearPart(field: Field, year: number): number {
  switch (field) {
    case 'year':
      return year > 0 ? year : year - 1
    case 'decade':
      return year >= 0 ? Math.trunc(year / 10) : -Math.trunc((8 - (year - 1)) / 10)
    case 'century':
      return year > 0 ? Math.trunc((year + 99) / 100) : -Math.trunc((99 - (year - 1)) / 100)
    default:
      return year > 0 ? Math.trunc((year + 999) / 1000) : -Math.trunc((999 - (year - 1)) / 1000)
  }
}

function dateFieldPart(field: Field, year: number, month: number, day: number): number | undefined {
  switch (field) {
    case 'day':
      return day
    case 'month':
      return month
    case 'quarter':
      return Math.trunc((month - 1) / 3) + 1
    case 'week':
      return isoWeek(year, month, day).week
    case 'year':
    case 'decade':
    case 'century':
    case 'millennium':
      return yearPart(field, year)
    case 'isoyear': {
      const iso = isoWeek(year, month, day).year
      return iso <= 0 ? iso - 1 : iso
    }
    case 'dow':
    case 'isodow': {
      const dow = julianDayOfWeek(dateToJulian(year, month, day))
      return field === 'isodow' && dow === 0 ? 7 : dow
    }
    case 'doy':
      return dateToJulian(year, month, day) - dateToJulian(year, 1, 1) + 1
    default:
      return undefined
  }
}

function secondsParts(field: Field, second: number, micros: number): PartValue | undefined {
  const total = BigInt(second) * 1_000_000n + BigInt(micros)
  switch (field) {
    case 'microsecond':
      return exact(total, 0, second * 1_000_000 + micros)
    case 'millisecond':
      return exact(total, 3, second * 1000.0 + micros / 1000.0)
    case 'second':
      return exact(total, 6, second + micros / 1_000_000.0)
    default:
      return undefined
  }
}

/** EXTRACT / date_part of a timestamp (zone undefined) or timestamptz (zone given). */
export function timestampPart(unit: string, ts: bigint, zone: Zone | undefined): PartValue {
  const word = unitWord(unit)
  const typeName = zone === undefined ? 'timestamp without time zone' : 'timestamp with time zone'
  const field = classify(word)
  if (field === undefined) throw notRecognized(word, typeName)
  if (!isFiniteTimestamp(ts)) {
    if (field === 'reserved') throw notSupported(word, typeName)
    if (oscillating.has(field)) return { kind: 'null' }
    if (monotonic.has(field))
      return { kind: ts === timestampMinusInfinity ? '-infinity' : 'infinity' }
    throw notSupported(word, typeName)
  }
  if (field === 'reserved') throw notSupported(word, typeName)
  if (field === 'epoch') {
    const micros = ts - unixEpochTimestamp
    return exact(micros, 6, Number(micros) / 1_000_000.0)
  }
  const offset = zone === undefined ? 0 : offsetAtUtc(zone, ts)
  const tm = timestampToFields(ts + BigInt(offset) * 1_000_000n)
  const seconds = secondsParts(field, tm.second, tm.micros)
  if (seconds !== undefined) return seconds
  switch (field) {
    case 'minute':
      return integer(tm.minute)
    case 'hour':
      return integer(tm.hour)
    case 'julian': {
      const julian = dateToJulian(tm.year, tm.month, tm.day)
      const time = ((tm.hour * 60 + tm.minute) * 60 + tm.second) * 1_000_000 + tm.micros
      const float =
        julian + ((tm.hour * 60 + tm.minute) * 60 + tm.second + tm.micros / 1_000_000.0) / 86400
      return julianPart(julian, time, float)
    }
    case 'timezone':
    case 'timezone_hour':
    case 'timezone_minute':
      if (zone === undefined) throw notSupported(word, typeName)
      return integer(zonePart(field, offset))
    default: {
      const value = dateFieldPart(field, tm.year, tm.month, tm.day)
      if (value === undefined) throw notSupported(word, typeName)
      return integer(value)
    }
  }
}

function zonePart(field: Field, offset: number): number {
  if (field === 'timezone') return offset
  const hours = Math.trunc(offset / 3600)
  if (field === 'timezone_hour') return hours
  return Math.trunc((offset - hours * 3600) / 60)
}

/** EXTRACT from a date (exact integers; no time-of-day fields). */
export function datePart(unit: string, days: number): PartValue {
  const word = unitWord(unit)
  const field = classify(word)
  if (field === undefined) throw notRecognized(word, 'date')
  if (!Number.isFinite(days)) {
    if (field === 'reserved') throw notSupported(word, 'date')
    if (['day', 'month', 'quarter', 'week', 'dow', 'isodow', 'doy'].includes(field)) {
      return { kind: 'null' }
    }
    if (monotonic.has(field)) return { kind: days < 0 ? '-infinity' : 'infinity' }
    throw notSupported(word, 'date')
  }
  if (field === 'reserved') throw notSupported(word, 'date')
  if (field === 'epoch') {
    return integer(BigInt(days + postgresEpochJulian - unixEpochJulian) * 86400n)
  }
  if (field === 'julian') return integer(days + postgresEpochJulian)
  const { year, month, day } = daysToDate(days)
  const value = dateFieldPart(field, year, month, day)
  if (value === undefined) throw notSupported(word, 'date')
  return integer(value)
}

/** EXTRACT / date_part of a time (offset undefined) or timetz. */
export function timePart(unit: string, micros: number, value: TimeTz | undefined): PartValue {
  const word = unitWord(unit)
  const typeName = value === undefined ? 'time without time zone' : 'time with time zone'
  const field = classify(word)
  if (field === undefined) throw notRecognized(word, typeName)
  if (field === 'reserved') throw notSupported(word, typeName)
  if (field === 'epoch') {
    if (value === undefined) return exact(BigInt(micros), 6, micros / 1_000_000.0)
    const west = -value.offsetSeconds
    return exact(BigInt(micros) + BigInt(west) * 1_000_000n, 6, micros / 1_000_000.0 + west)
  }
  const tm = timeToFields(micros)
  const seconds = secondsParts(field, tm.second, tm.micros)
  if (seconds !== undefined) return seconds
  switch (field) {
    case 'minute':
      return integer(tm.minute)
    case 'hour':
      return integer(tm.hour)
    case 'timezone':
    case 'timezone_hour':
    case 'timezone_minute':
      if (value === undefined) throw notSupported(word, typeName)
      return integer(zonePart(field, value.offsetSeconds))
    default:
      throw notSupported(word, typeName)
  }
}

/** EXTRACT / date_part of an interval. */
export function intervalPart(unit: string, span: Interval): PartValue {
  const word = unitWord(unit)
  const field = classify(word)
  if (field === undefined) throw notRecognized(word, 'interval')
  if (field === 'reserved') throw notSupported(word, 'interval')
  if (field === 'epoch') {
    const years = BigInt(Math.trunc(span.months / 12))
    const months = BigInt(span.months % 12)
    const seconds = (1461n * years + 120n * months + 4n * BigInt(span.days)) * 21600n
    const float =
      Number(span.micros) / 1_000_000.0 +
      365.25 * 86400 * Math.trunc(span.months / 12) +
      30 * 86400 * (span.months % 12) +
      86400 * span.days
    return exact(seconds * 1_000_000n + span.micros, 6, float)
  }
  const hours = span.micros / 3_600_000_000n
  let rest = span.micros - hours * 3_600_000_000n
  const minutes = rest / 60_000_000n
  rest -= minutes * 60_000_000n
  const seconds = rest / 1_000_000n
  const micros = rest - seconds * 1_000_000n
  const years = Math.trunc(span.months / 12)
  const months = span.months % 12
  const secondPart = secondsParts(field, Number(seconds), Number(micros))
  if (secondPart !== undefined) return secondPart
  switch (field) {
    case 'minute':
      return integer(minutes)
    case 'hour':
      return integer(hours)
    case 'day':
      return integer(span.days)
    case 'month':
      return integer(months)
    case 'quarter':
      return integer(Math.trunc(months / 3) + 1)
    case 'year':
      return integer(years)
    case 'decade':
      return integer(Math.trunc(years / 10))
    case 'century':
      return integer(Math.trunc(years / 100))
    case 'millennium':
      return integer(Math.trunc(years / 1000))
    default:
      throw notSupported(word, 'interval')
  }
}
