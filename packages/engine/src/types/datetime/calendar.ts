/**
 * The proleptic Gregorian calendar as PostgreSQL counts it: Julian day numbers, the split of a
 * timestamp (µs since 2000-01-01) into fields and back, and the range limits of date and
 * timestamp (4713 BC to 5874897 AD for dates, to 294276 AD for timestamps). Years are
 * astronomical here (1 BC is year 0); parsing and printing convert to BC.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { timestampInfinity, timestampMinusInfinity } from '../value.js'

export const usPerSecond = 1_000_000n
export const usPerMinute = 60_000_000n
export const usPerHour = 3_600_000_000n
export const usPerDay = 86_400_000_000n
export const usPerDayNumber = 86_400_000_000
/** Julian day of 2000-01-01, PostgreSQL's epoch. */
export const postgresEpochJulian = 2451545
/** Julian day of 1970-01-01. */
export const unixEpochJulian = 2440588
/** Dates: Julian day 0 (4714-11-24 BC) up to, excluding, 5874898-01-01. */
export const dateMinDays = -postgresEpochJulian
export const dateEndDays = 2147483494 - postgresEpochJulian
/** Timestamps: 4714-11-24 BC 00:00 up to, excluding, 294277-01-01 00:00. */
export const timestampMin = -211813488000000000n
export const timestampEnd = 9223371331200000000n
export const dateInfinity = Number.POSITIVE_INFINITY
export const dateMinusInfinity = Number.NEGATIVE_INFINITY

/** Julian day number of a Gregorian date (astronomical year). */
export function dateToJulian(year: number, month: number, day: number): number {
  // Shift the year to start in March so the leap day ends it; count in 400-year cycles.
  let y = year + 4800
  let m = month
  if (m > 2) m -= 3
  else {
    m += 9
    y -= 1
  }
  const century = Math.floor(y / 100)
  const yearOfCentury = y - century * 100
  return (
    Math.floor((146097 * century) / 4) +
    Math.floor((1461 * yearOfCentury) / 4) +
    Math.floor((153 * m + 2) / 5) +
    day -
    32045
  )
}

/** The Gregorian date of a Julian day number. */
export function julianToDate(julian: number): { year: number; month: number; day: number } {
  const a = julian + 32044
  const b = Math.floor((4 * a + 3) / 146097)
  const c = a - Math.floor((146097 * b) / 4)
  const d = Math.floor((4 * c + 3) / 1461)
  const e = c - Math.floor((1461 * d) / 4)
  const m = Math.floor((5 * e + 2) / 153)
  const day = e - Math.floor((153 * m + 2) / 5) + 1
  const month = m + 3 - 12 * Math.floor(m / 10)
  const year = 100 * b + d - 4800 + Math.floor(m / 10)
  return { year, month, day }
}

/** Day of week of a Julian day: 0 Sunday .. 6 Saturday. */
export function julianDayOfWeek(julian: number): number {
  const dow = (julian + 1) % 7
  return dow < 0 ? dow + 7 : dow
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
}

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (monthDays[month - 1] ?? 31)
}

/** Broken-down date and time; year astronomical, fraction in µs. */
export interface DateTimeFields {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  micros: number
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

/** Splits µs since 2000-01-01 into calendar fields (the timestamp must be finite). */
export function timestampToFields(ts: bigint): DateTimeFields {
  const dayIndex = floorDiv(ts, usPerDay)
  const time = Number(ts - dayIndex * usPerDay)
  const { year, month, day } = julianToDate(Number(dayIndex) + postgresEpochJulian)
  return { year, month, day, ...timeToFields(time) }
}

export function timeToFields(time: number): {
  hour: number
  minute: number
  second: number
  micros: number
} {
  const hour = Math.floor(time / 3_600_000_000)
  let rest = time - hour * 3_600_000_000
  const minute = Math.floor(rest / 60_000_000)
  rest -= minute * 60_000_000
  const second = Math.floor(rest / 1_000_000)
  return { hour, minute, second, micros: rest - second * 1_000_000 }
}

export function fieldsToTime(hour: number, minute: number, second: number, micros: number): number {
  return ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros
}

/** Days since 2000-01-01 of a calendar date. */
export function dateToDays(year: number, month: number, day: number): number {
  return dateToJulian(year, month, day) - postgresEpochJulian
}

export function daysToDate(days: number): { year: number; month: number; day: number } {
  return julianToDate(days + postgresEpochJulian)
}

/** Joins calendar fields into µs since 2000-01-01; undefined when outside the representable
 * range (PostgreSQL's tm2timestamp failure). */
export function fieldsToTimestamp(f: DateTimeFields): bigint | undefined {
  const days = BigInt(dateToDays(f.year, f.month, f.day))
  const time = BigInt(fieldsToTime(f.hour, f.minute, f.second, f.micros))
  const ts = days * usPerDay + time
  if (ts < timestampMin || ts >= timestampEnd) return undefined
  return ts
}

/** Whether a calendar date lies within the Julian-day range PostgreSQL accepts at all. */
export function isValidJulianDate(year: number, month: number, day: number): boolean {
  if (year < -4713 || (year === -4713 && (month < 11 || (month === 11 && day < 24)))) return false
  return year < 5874898 || (year === 5874898 && month < 6)
}

export function isFiniteTimestamp(ts: bigint): boolean {
  return ts !== timestampInfinity && ts !== timestampMinusInfinity
}

export function isValidTimestamp(ts: bigint): boolean {
  return ts >= timestampMin && ts < timestampEnd
}

export function isValidDate(days: number): boolean {
  return days >= dateMinDays && days < dateEndDays
}

export function timestampOutOfRange(): SqlError {
  return new SqlError(SqlState.datetimeValueOutOfRange, 'timestamp out of range')
}

export function dateOutOfRange(): SqlError {
  return new SqlError(SqlState.datetimeValueOutOfRange, 'date out of range')
}

export function intervalOutOfRange(): SqlError {
  return new SqlError(SqlState.datetimeValueOutOfRange, 'interval out of range')
}

/** Checks a computed timestamp; infinities pass through. */
export function checkTimestamp(ts: bigint): bigint {
  if (!isFiniteTimestamp(ts)) return ts
  if (!isValidTimestamp(ts)) throw timestampOutOfRange()
  return ts
}

/** Day of year (1-based). */
export function dayOfYear(year: number, month: number, day: number): number {
  return dateToJulian(year, month, day) - dateToJulian(year, 1, 1) + 1
}

/** ISO 8601 week number and ISO year of a date. */
export function isoWeek(year: number, month: number, day: number): { week: number; year: number } {
  const julian = dateToJulian(year, month, day)
  const isoDow = ((julianDayOfWeek(julian) + 6) % 7) + 1 // 1 Monday .. 7 Sunday
  const thursday = julian - isoDow + 4
  const thursdayYear = julianToDate(thursday).year
  const jan1 = dateToJulian(thursdayYear, 1, 1)
  return { week: Math.floor((thursday - jan1) / 7) + 1, year: thursdayYear }
}

/** Julian day of the Monday starting ISO week 1 of an ISO year. */
export function isoYearStart(isoYear: number): number {
  const jan4 = dateToJulian(isoYear, 1, 4)
  const isoDow = ((julianDayOfWeek(jan4) + 6) % 7) + 1
  return jan4 - isoDow + 1
}
