/**
 * Text output of dates, times, timestamps and intervals in every DateStyle (ISO, SQL,
 * Postgres, German, with their DMY/MDY order) and IntervalStyle (postgres, postgres_verbose,
 * sql_standard, iso_8601), as PostgreSQL prints them.
 */
import { type DateTimeFields, dateToJulian, julianDayOfWeek } from './calendar.js'

export type DateStyle = 'ISO' | 'SQL' | 'Postgres' | 'German'

/** The output style named first in a DateStyle setting ('SQL, DMY' → SQL). */
const styles = new Map<string, DateStyle>()

export function dateStyleOf(setting: string): DateStyle {
  const cached = styles.get(setting)
  if (cached !== undefined) return cached
  const style = computeDateStyle(setting)
  if (styles.size > 64) styles.clear()
  styles.set(setting, style)
  return style
}

function computeDateStyle(setting: string): DateStyle {
  const upper = setting.toUpperCase()
  if (/\bSQL\b/.test(upper)) return 'SQL'
  if (/\bPOSTGRES\b/.test(upper)) return 'Postgres'
  if (/\bGERMAN\b/.test(upper)) return 'German'
  return 'ISO'
}

/** Whether a DateStyle prints day before month (DMY or EURO order). */
export function isDayFirst(setting: string): boolean {
  const upper = setting.toUpperCase()
  if (/\b(DMY|EURO|EUROPEAN)\b/.test(upper)) return true
  if (/\b(MDY|YMD|US|NONEURO|NONEUROPEAN)\b/.test(upper)) return false
  return /\bGERMAN\b/.test(upper)
}

const monthAbbrevs = [
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
const dayAbbrevs = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0')
}

/** Year as written: astronomical 0 is 1 BC. */
function displayYear(year: number): string {
  return pad(year > 0 ? year : 1 - year, 4)
}

function bcSuffix(year: number): string {
  return year <= 0 ? ' BC' : ''
}

/** Fraction of a second without trailing zeros ('.5', '.000001'), or ''. */
export function fractionText(micros: number): string {
  if (micros === 0) return ''
  return `.${pad(Math.abs(micros), 6).replace(/0+$/, '')}`
}

/** hh:mm:ss[.ffffff] */
export function timeText(hour: number, minute: number, second: number, micros: number): string {
  return `${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}${fractionText(micros)}`
}

/** '+05', '-03:30', '+00:09:21': a zone offset given in seconds EAST of UTC. */
export function offsetText(offset: number): string {
  const abs = Math.abs(offset)
  const hours = Math.floor(abs / 3600)
  const minutes = Math.floor(abs / 60) % 60
  const seconds = abs % 60
  const sign = offset >= 0 ? '+' : '-'
  if (seconds !== 0) return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}`
  if (minutes !== 0) return `${sign}${pad(hours, 2)}:${pad(minutes, 2)}`
  return `${sign}${pad(hours, 2)}`
}

export function formatDate(tm: DateTimeFields, setting: string): string {
  const style = dateStyleOf(setting)
  const y = displayYear(tm.year)
  const m = pad(tm.month, 2)
  const d = pad(tm.day, 2)
  const bc = bcSuffix(tm.year)
  switch (style) {
    case 'ISO':
      return `${y}-${m}-${d}${bc}`
    case 'SQL':
      return isDayFirst(setting) ? `${d}/${m}/${y}${bc}` : `${m}/${d}/${y}${bc}`
    case 'German':
      return `${d}.${m}.${y}${bc}`
    default:
      return isDayFirst(setting) ? `${d}-${m}-${y}${bc}` : `${m}-${d}-${y}${bc}`
  }
}

/**
 * A timestamp's text. `zone` is undefined for timestamp without time zone; otherwise the
 * offset (seconds east) and the abbreviation to print in the non-ISO styles.
 */
export function formatTimestamp(
  tm: DateTimeFields,
  setting: string,
  zone: { offset: number; abbrev: string } | undefined,
): string {
  const style = dateStyleOf(setting)
  const y = displayYear(tm.year)
  const m = pad(tm.month, 2)
  const d = pad(tm.day, 2)
  const time = timeText(tm.hour, tm.minute, tm.second, tm.micros)
  const bc = bcSuffix(tm.year)
  switch (style) {
    case 'ISO':
      return `${y}-${m}-${d} ${time}${zone === undefined ? '' : offsetText(zone.offset)}${bc}`
    case 'SQL': {
      const date = isDayFirst(setting) ? `${d}/${m}/${y}` : `${m}/${d}/${y}`
      const tz = zone === undefined ? '' : ` ${zone.abbrev}`
      return `${date} ${time}${tz}${bc}`
    }
    case 'German': {
      const tz = zone === undefined ? '' : ` ${zone.abbrev}`
      return `${d}.${m}.${y} ${time}${tz}${bc}`
    }
    default: {
      const dow = dayAbbrevs[julianDayOfWeek(dateToJulian(tm.year, tm.month, tm.day))] ?? ''
      const mon = monthAbbrevs[tm.month - 1] ?? ''
      const date = isDayFirst(setting) ? `${dow} ${d} ${mon}` : `${dow} ${mon} ${d}`
      const tz = zone === undefined ? '' : ` ${zone.abbrev}`
      return `${date} ${time} ${y}${tz}${bc}`
    }
  }
}

/** Interval fields as PostgreSQL splits them for output (every part carries the sign). */
export interface IntervalFields {
  years: number
  months: number
  days: number
  hours: bigint
  minutes: number
  seconds: number
  micros: number
}

export function splitInterval(months: number, days: number, micros: bigint): IntervalFields {
  const hours = micros / 3_600_000_000n
  let rest = micros - hours * 3_600_000_000n
  const minutes = Number(rest / 60_000_000n)
  rest -= BigInt(minutes) * 60_000_000n
  const seconds = Number(rest / 1_000_000n)
  rest -= BigInt(seconds) * 1_000_000n
  return {
    years: Math.trunc(months / 12),
    months: months % 12 === 0 ? 0 : months % 12,
    days,
    hours,
    minutes,
    seconds,
    micros: Number(rest),
  }
}

function secondsText(seconds: number, micros: number, fillZeros: boolean): string {
  const whole = fillZeros ? pad(Math.abs(seconds), 2) : String(Math.abs(seconds))
  return whole + fractionText(micros)
}

function absBig(value: bigint): bigint {
  return value < 0n ? -value : value
}

export function formatInterval(
  months: number,
  days: number,
  micros: bigint,
  style: string,
): string {
  const f = splitInterval(months, days, micros)
  switch (style.toLowerCase()) {
    case 'sql_standard':
      return sqlStandardInterval(f)
    case 'iso_8601':
      return isoInterval(f)
    case 'postgres_verbose':
      return verboseInterval(f)
    default:
      return postgresInterval(f)
  }
}

function postgresInterval(f: IntervalFields): string {
  let out = ''
  let isZero = true
  let isBefore = false
  const part = (value: number, unit: string): void => {
    if (value === 0) return
    out += `${isZero ? '' : ' '}${isBefore && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`
    isBefore = value < 0
    isZero = false
  }
  part(f.years, 'year')
  part(f.months, 'mon')
  part(f.days, 'day')
  if (isZero || f.hours !== 0n || f.minutes !== 0 || f.seconds !== 0 || f.micros !== 0) {
    const minus = f.hours < 0n || f.minutes < 0 || f.seconds < 0 || f.micros < 0
    const hours = absBig(f.hours).toString().padStart(2, '0')
    out += `${isZero ? '' : ' '}${minus ? '-' : isBefore ? '+' : ''}${hours}:${pad(Math.abs(f.minutes), 2)}:`
    out += secondsText(f.seconds, f.micros, true)
  }
  return out
}

function verboseInterval(f: IntervalFields): string {
  let out = '@'
  let isZero = true
  let isBefore = false
  const part = (raw: number, unit: string): void => {
    if (raw === 0) return
    let value = raw
    if (isZero) {
      isBefore = value < 0
      value = Math.abs(value)
    } else if (isBefore) {
      value = -value
    }
    out += ` ${value} ${unit}${value === 1 ? '' : 's'}`
    isZero = false
  }
  part(f.years, 'year')
  part(f.months, 'mon')
  part(f.days, 'day')
  part(Number(f.hours), 'hour')
  part(f.minutes, 'min')
  if (f.seconds !== 0 || f.micros !== 0) {
    out += ' '
    if (f.seconds < 0 || (f.seconds === 0 && f.micros < 0)) {
      if (isZero) isBefore = true
      else if (!isBefore) out += '-'
    } else if (isBefore) {
      out += '-'
    }
    out += secondsText(f.seconds, f.micros, false)
    out += ` sec${Math.abs(f.seconds) !== 1 || f.micros !== 0 ? 's' : ''}`
    isZero = false
  }
  if (isZero) out += ' 0'
  if (isBefore) out += ' ago'
  return out
}

function sqlStandardInterval(input: IntervalFields): string {
  const f = { ...input }
  const hasNegative =
    f.years < 0 ||
    f.months < 0 ||
    f.days < 0 ||
    f.hours < 0n ||
    f.minutes < 0 ||
    f.seconds < 0 ||
    f.micros < 0
  const hasPositive =
    f.years > 0 ||
    f.months > 0 ||
    f.days > 0 ||
    f.hours > 0n ||
    f.minutes > 0 ||
    f.seconds > 0 ||
    f.micros > 0
  const hasYearMonth = f.years !== 0 || f.months !== 0
  const hasDayTime =
    f.days !== 0 || f.hours !== 0n || f.minutes !== 0 || f.seconds !== 0 || f.micros !== 0
  const isStandard = !(hasNegative && hasPositive) && !(hasYearMonth && hasDayTime)
  let out = ''
  if (hasNegative && isStandard) {
    out += '-'
    f.years = -f.years
    f.months = -f.months
    f.days = -f.days
    f.hours = -f.hours
    f.minutes = -f.minutes
    f.seconds = -f.seconds
    f.micros = -f.micros
  }
  if (!hasNegative && !hasPositive) return '0'
  if (!isStandard) {
    const yearSign = f.years < 0 || f.months < 0 ? '-' : '+'
    const daySign = f.days < 0 ? '-' : '+'
    const secSign = f.hours < 0n || f.minutes < 0 || f.seconds < 0 || f.micros < 0 ? '-' : '+'
    return `${out}${yearSign}${Math.abs(f.years)}-${Math.abs(f.months)} ${daySign}${Math.abs(f.days)} ${secSign}${absBig(f.hours)}:${pad(Math.abs(f.minutes), 2)}:${secondsText(f.seconds, f.micros, true)}`
  }
  if (hasYearMonth) return `${out}${f.years}-${f.months}`
  const time = `${f.hours}:${pad(f.minutes, 2)}:${secondsText(f.seconds, f.micros, true)}`
  if (f.days !== 0) return `${out}${f.days} ${time}`
  return `${out}${time}`
}

function isoInterval(f: IntervalFields): string {
  if (
    f.years === 0 &&
    f.months === 0 &&
    f.days === 0 &&
    f.hours === 0n &&
    f.minutes === 0 &&
    f.seconds === 0 &&
    f.micros === 0
  ) {
    return 'PT0S'
  }
  let out = 'P'
  const part = (value: number | bigint, unit: string): void => {
    if (value !== 0 && value !== 0n) out += `${value}${unit}`
  }
  part(f.years, 'Y')
  part(f.months, 'M')
  part(f.days, 'D')
  if (f.hours !== 0n || f.minutes !== 0 || f.seconds !== 0 || f.micros !== 0) out += 'T'
  part(f.hours, 'H')
  part(f.minutes, 'M')
  if (f.seconds !== 0 || f.micros !== 0) {
    if (f.seconds < 0 || f.micros < 0) out += '-'
    out += `${secondsText(f.seconds, f.micros, false)}S`
  }
  return out
}
