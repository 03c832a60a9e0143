/**
 * Text and binary forms of date, time, timetz, timestamp, timestamptz and interval values,
 * their order and key encoding, and typmod rounding: what the type behaviours and the
 * functions share.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { KeyWriter } from '../../lib/keycode.js'
import { Interval, TimeTz } from '../interval.js'
import type { TypeContext } from '../type-behaviour.js'
import { timestampInfinity, timestampMinusInfinity } from '../value.js'
import {
  dateEndDays,
  dateMinDays,
  dateToDays,
  daysToDate,
  fieldsToTimestamp,
  isFiniteTimestamp,
  isValidDate,
  isValidJulianDate,
  isValidTimestamp,
  postgresEpochJulian,
  timestampOutOfRange,
  timestampToFields,
  timeToFields,
  unixEpochJulian,
  usPerDay,
} from './calendar.js'
import { formatDate, formatInterval, formatTimestamp, offsetText, timeText } from './format.js'
import {
  type DateOrder,
  dateOrderOf,
  decodeDateTime,
  decodeInterval,
  decodeIsoDateTime,
  decodeTimeOnly,
  intervalFieldMask,
  intervalFullPrecision,
  intervalFullRange,
  localMicros,
  type ParseContext,
  withParseErrors,
} from './parse.js'
import {
  abbreviationAtUtc,
  offsetAtUtc,
  offsetForLocal,
  sessionZone,
  type Zone,
} from './timezone.js'

/** 1970-01-01 00:00 UTC in µs since 2000-01-01. */
export const unixEpochTimestamp = -BigInt(postgresEpochJulian - unixEpochJulian) * usPerDay
/** The clock now, µs since 2000-01-01 UTC. */
export function clockTimestamp(): bigint {
  const ms = Date.now()
  const fine = typeof performance === 'undefined' ? 0 : Math.floor((performance.now() % 1) * 1000)
  return BigInt(ms) * 1000n + BigInt(fine) + unixEpochTimestamp
}

export function zoneOf(context: TypeContext): Zone {
  return sessionZone(context.timeZone)
}

const dateOrders = new Map<string, DateOrder>()

function parseContext(context: TypeContext): ParseContext {
  let order = dateOrders.get(context.dateStyle)
  if (order === undefined) {
    order = dateOrderOf(context.dateStyle)
    if (dateOrders.size > 64) dateOrders.clear()
    dateOrders.set(context.dateStyle, order)
  }
  const fixed = context.transactionTimestamp
  return {
    order,
    zone: zoneOf(context),
    now: fixed === undefined ? clockTimestamp : () => fixed,
  }
}

// --- date -------------------------------------------------------------------------------------

export function dateInput(text: string, context: TypeContext): number {
  const result = withParseErrors(text, 'date', () => decodeDateTime(text, parseContext(context)))
  switch (result.kind) {
    case 'epoch':
      return -(postgresEpochJulian - unixEpochJulian)
    case 'infinity':
      return Number.POSITIVE_INFINITY
    case '-infinity':
      return Number.NEGATIVE_INFINITY
    default: {
      const { year, month, day } = result.fields
      const outOfRange = (): SqlError =>
        new SqlError(SqlState.datetimeValueOutOfRange, `date out of range: "${text}"`)
      if (!isValidJulianDate(year, month, day)) throw outOfRange()
      const days = dateToDays(year, month, day)
      if (!isValidDate(days)) throw outOfRange()
      return days
    }
  }
}

export function dateOutput(days: number, context: TypeContext): string {
  if (days === Number.POSITIVE_INFINITY) return 'infinity'
  if (days === Number.NEGATIVE_INFINITY) return '-infinity'
  const { year, month, day } = daysToDate(days)
  return formatDate(
    { year, month, day, hour: 0, minute: 0, second: 0, micros: 0 },
    context.dateStyle,
  )
}

// --- timestamps -------------------------------------------------------------------------------

export function timestampInput(text: string, context: TypeContext, withZone: boolean): bigint {
  const typeName = withZone ? 'timestamp with time zone' : 'timestamp'
  const parse = parseContext(context)
  const result =
    decodeIsoDateTime(text) ?? withParseErrors(text, typeName, () => decodeDateTime(text, parse))
  switch (result.kind) {
    case 'epoch':
      return unixEpochTimestamp
    case 'infinity':
      return timestampInfinity
    case '-infinity':
      return timestampMinusInfinity
    default: {
      const tm = result.fields
      const outOfRange = (): SqlError =>
        new SqlError(SqlState.datetimeValueOutOfRange, `timestamp out of range: "${text}"`)
      if (!isValidJulianDate(tm.year, tm.month, tm.day)) throw outOfRange()
      const local = fieldsToTimestamp(tm)
      if (local === undefined) throw outOfRange()
      if (!withZone) return local
      const offset = result.offset ?? offsetForLocal(parse.zone, localMicros(tm))
      const utc = local - BigInt(offset) * 1_000_000n
      if (!isValidTimestamp(utc)) throw outOfRange()
      return utc
    }
  }
}

export function timestampOutput(ts: bigint, context: TypeContext, withZone: boolean): string {
  if (ts === timestampInfinity) return 'infinity'
  if (ts === timestampMinusInfinity) return '-infinity'
  if (!withZone) return formatTimestamp(timestampToFields(ts), context.dateStyle, undefined)
  const zone = zoneOf(context)
  const offset = offsetAtUtc(zone, ts)
  const tm = timestampToFields(ts + BigInt(offset) * 1_000_000n)
  const abbrev = /^ISO/i.test(context.dateStyle.trim()) ? '' : abbreviationAtUtc(zone, ts)
  return formatTimestamp(tm, context.dateStyle, { offset, abbrev })
}

// --- time -------------------------------------------------------------------------------------

export function timeInput(text: string, context: TypeContext): number {
  const t = withParseErrors(text, 'time', () => decodeTimeOnly(text, parseContext(context)))
  return ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.micros
}

export function timeOutput(micros: number): string {
  const { hour, minute, second, micros: fraction } = timeToFields(micros)
  return timeText(hour, minute, second, fraction)
}

export function timeTzInput(text: string, context: TypeContext): TimeTz {
  const t = withParseErrors(text, 'time with time zone', () =>
    decodeTimeOnly(text, parseContext(context)),
  )
  return new TimeTz(((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.micros, t.offset)
}

export function timeTzOutput(value: TimeTz): string {
  return timeOutput(value.micros) + offsetText(value.offsetSeconds)
}

// --- interval ---------------------------------------------------------------------------------

export function intervalRange(typmod: number): number {
  return typmod < 0 ? intervalFullRange : (typmod >>> 16) & 0x7fff
}

export function intervalPrecision(typmod: number): number {
  return typmod < 0 ? intervalFullPrecision : typmod & 0xffff
}

/** PostgreSQL's INTERVAL_TYPMOD(precision, range). */
export function intervalTypmod(precision: number, range: number): number {
  return ((range & 0x7fff) << 16) | (precision & 0xffff)
}

export function intervalInput(text: string, typmod: number, context: TypeContext): Interval {
  const parts = withParseErrors(text, 'interval', () =>
    decodeInterval(
      text,
      intervalRange(typmod),
      context.intervalStyle.toLowerCase() === 'sql_standard',
    ),
  )
  return new Interval(parts.months, parts.days, parts.micros)
}

export function intervalOutput(value: Interval, context: TypeContext): string {
  return formatInterval(value.months, value.days, value.micros, context.intervalStyle)
}

// --- typmods ----------------------------------------------------------------------------------

const scales = [1_000_000n, 100_000n, 10_000n, 1000n, 100n, 10n, 1n]

/** Rounds µs to `precision` fractional digits, half away from zero (AdjustTimestampForTypmod). */
export function roundMicros(value: bigint, precision: number): bigint {
  if (precision < 0 || precision >= 6) return value
  const scale = scales[precision] ?? 1n
  const offset = scale / 2n
  if (value >= 0n) return ((value + offset) / scale) * scale
  return -(((-value + offset) / scale) * scale)
}

/** Rounds to timestamp(p). Like PostgreSQL 15, the result is not range-checked again:
 * '294276-12-31 23:59:59.9'::timestamp(0) is 294277-01-01 00:00:00. */
export function timestampWithTypmod(ts: bigint, typmod: number): bigint {
  if (typmod < 0 || !isFiniteTimestamp(ts)) return ts
  return roundMicros(ts, Math.min(typmod, 6))
}

export function timeWithTypmod(micros: number, typmod: number): number {
  if (typmod < 0) return micros
  return Number(roundMicros(BigInt(micros), Math.min(typmod, 6)))
}

export function intervalWithTypmod(value: Interval, typmod: number): Interval {
  if (typmod < 0) return value
  const range = intervalRange(typmod)
  const precision = intervalPrecision(typmod)
  const f = intervalFieldMask
  let { months, days, micros } = value
  const hour = 3_600_000_000n
  const minute = 60_000_000n
  switch (range) {
    case intervalFullRange:
      break
    case f.year:
      months = Math.trunc(months / 12) * 12
      days = 0
      micros = 0n
      break
    case f.month:
    case f.year | f.month:
      days = 0
      micros = 0n
      break
    case f.day:
      micros = 0n
      break
    case f.hour:
    case f.day | f.hour:
      micros = (micros / hour) * hour
      break
    case f.minute:
    case f.day | f.hour | f.minute:
    case f.hour | f.minute:
      micros = (micros / minute) * minute
      break
    case f.second:
    case f.day | f.hour | f.minute | f.second:
    case f.hour | f.minute | f.second:
    case f.minute | f.second:
      break
    default:
      throw new SqlError(SqlState.internalError, `unrecognized interval typmod: ${typmod}`)
  }
  if (precision !== intervalFullPrecision) {
    if (precision < 0 || precision > 6) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        `interval(${precision}) precision must be between 0 and 6`,
      )
    }
    micros = roundMicros(micros, precision)
  }
  if (months === value.months && days === value.days && micros === value.micros) return value
  return new Interval(months, days, micros)
}

// --- binary forms -----------------------------------------------------------------------------

function binaryError(message: string): SqlError {
  return new SqlError(SqlState.invalidBinaryRepresentation, message)
}

function view(bytes: Uint8Array, length: number): DataView {
  if (bytes.length < length) {
    throw binaryError('insufficient data left in message')
  }
  if (bytes.length > length) throw binaryError('incorrect binary data format')
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export function sendInt32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setInt32(0, value)
  return out
}

export function sendInt64(value: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigInt64(0, value)
  return out
}

export function sendDate(days: number): Uint8Array {
  if (days === Number.POSITIVE_INFINITY) return sendInt32(2147483647)
  if (days === Number.NEGATIVE_INFINITY) return sendInt32(-2147483648)
  return sendInt32(days)
}

export function receiveDate(bytes: Uint8Array): number {
  const raw = view(bytes, 4).getInt32(0)
  if (raw === 2147483647) return Number.POSITIVE_INFINITY
  if (raw === -2147483648) return Number.NEGATIVE_INFINITY
  if (raw < dateMinDays || raw >= dateEndDays) {
    throw new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range')
  }
  return raw
}

export function receiveTimestamp(bytes: Uint8Array): bigint {
  const raw = view(bytes, 8).getBigInt64(0)
  if (!isFiniteTimestamp(raw)) return raw
  if (!isValidTimestamp(raw)) throw timestampOutOfRange()
  return raw
}

function timeOutOfRange(): SqlError {
  return new SqlError(SqlState.datetimeValueOutOfRange, 'time out of range')
}

export function receiveTime(bytes: Uint8Array): number {
  const raw = view(bytes, 8).getBigInt64(0)
  if (raw < 0n || raw > usPerDay) throw timeOutOfRange()
  return Number(raw)
}

export function sendTimeTz(value: TimeTz): Uint8Array {
  const out = new Uint8Array(12)
  const dv = new DataView(out.buffer)
  dv.setBigInt64(0, BigInt(value.micros))
  dv.setInt32(8, -value.offsetSeconds)
  return out
}

export function receiveTimeTz(bytes: Uint8Array): TimeTz {
  const dv = view(bytes, 12)
  const raw = dv.getBigInt64(0)
  if (raw < 0n || raw > usPerDay) throw timeOutOfRange()
  const west = dv.getInt32(8)
  if (west <= -57600 || west >= 57600) {
    throw new SqlError(
      SqlState.invalidTimeZoneDisplacementValue,
      'time zone displacement out of range',
    )
  }
  return new TimeTz(Number(raw), west === 0 ? 0 : -west)
}

export function sendInterval(value: Interval): Uint8Array {
  const out = new Uint8Array(16)
  const dv = new DataView(out.buffer)
  dv.setBigInt64(0, value.micros)
  dv.setInt32(8, value.days)
  dv.setInt32(12, value.months)
  return out
}

export function receiveInterval(bytes: Uint8Array): Interval {
  const dv = view(bytes, 16)
  return new Interval(dv.getInt32(12), dv.getInt32(8), dv.getBigInt64(0))
}

// --- order and keys ---------------------------------------------------------------------------

/** timetz order: by the UTC-equivalent time, then by zone (west first... as PostgreSQL). */
export function compareTimeTz(a: TimeTz, b: TimeTz): number {
  const ta = a.micros - a.offsetSeconds * 1_000_000
  const tb = b.micros - b.offsetSeconds * 1_000_000
  if (ta !== tb) return ta < tb ? -1 : 1
  const za = -a.offsetSeconds
  const zb = -b.offsetSeconds
  return za < zb ? -1 : za > zb ? 1 : 0
}

export function writeInt32Key(out: KeyWriter, value: number): void {
  const bits = (value ^ 0x8000_0000) >>> 0
  out.push((bits >>> 24) & 0xff)
  out.push((bits >>> 16) & 0xff)
  out.push((bits >>> 8) & 0xff)
  out.push(bits & 0xff)
}

export function writeInt64Key(out: KeyWriter, value: bigint): void {
  const bits = BigInt.asUintN(64, value) ^ 0x8000_0000_0000_0000n
  for (let shift = 56n; shift >= 0n; shift -= 8n) out.push(Number((bits >> shift) & 0xffn))
}

export function writeInt128Key(out: KeyWriter, value: bigint): void {
  const bits = BigInt.asUintN(128, value) ^ (1n << 127n)
  for (let shift = 120n; shift >= 0n; shift -= 8n) out.push(Number((bits >> shift) & 0xffn))
}

export function dateKeyValue(days: number): number {
  if (days === Number.POSITIVE_INFINITY) return 2147483647
  if (days === Number.NEGATIVE_INFINITY) return -2147483648
  return days
}
