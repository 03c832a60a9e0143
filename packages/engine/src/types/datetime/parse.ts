/**
 * PostgreSQL's flexible datetime text input, reimplemented from its documented behaviour
 * (Appendix B, "Date/Time Support"): the string is split into fields (numbers, words, dates,
 * times, signed zones), then each field is interpreted by what it looks like and what is
 * already known: ISO 8601 with 'T' or a space, month names, DateStyle field order for
 * ambiguous dates, two-digit years, AD/BC, AM/PM, zone abbreviations and names, special words
 * (epoch, infinity, now, today, tomorrow, yesterday, allballs), and interval syntax (units,
 * 'ago', SQL 'y-m' and 'd h:m:s', ISO 8601 'P1Y2M' and alternative formats).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  type DateTimeFields,
  dateToJulian,
  daysInMonth,
  julianToDate,
  timestampToFields,
} from './calendar.js'
import {
  findZone,
  fixedOffsetOf,
  lookupAbbreviation,
  offsetAtUtc,
  offsetForLocal,
  type Zone,
} from './timezone.js'

/** Why a parse failed; the caller turns it into PostgreSQL's error for its type. */
export type ParseFailure = 'format' | 'field' | 'monthDay' | 'zoneDisplacement' | 'interval'

class Failure {
  readonly reason: ParseFailure
  constructor(reason: ParseFailure) {
    this.reason = reason
  }
}

function fail(reason: ParseFailure): never {
  throw new Failure(reason)
}

/** The SqlError PostgreSQL raises for a failed datetime parse of `text` as `typeName`. */
export function parseError(reason: ParseFailure, text: string, typeName: string): SqlError {
  switch (reason) {
    case 'field':
      return new SqlError(
        SqlState.datetimeFieldOverflow,
        `date/time field value out of range: "${text}"`,
      )
    case 'monthDay':
      return new SqlError(
        SqlState.datetimeFieldOverflow,
        `date/time field value out of range: "${text}"`,
        { hint: 'Perhaps you need a different "datestyle" setting.' },
      )
    case 'interval':
      return new SqlError(
        SqlState.intervalFieldOverflow,
        `interval field value out of range: "${text}"`,
      )
    case 'zoneDisplacement':
      return new SqlError(
        SqlState.invalidTimeZoneDisplacementValue,
        `time zone displacement out of range: "${text}"`,
      )
    default:
      return new SqlError(
        SqlState.invalidDatetimeFormat,
        `invalid input syntax for type ${typeName}: "${text}"`,
      )
  }
}

/** Runs a parse step, turning its failure into the SqlError for the type. */
export function withParseErrors<T>(text: string, typeName: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof Failure) throw parseError(error.reason, text, typeName)
    throw error
  }
}

// --- field splitting --------------------------------------------------------------------------

type FieldType = 'number' | 'string' | 'date' | 'time' | 'tz' | 'special'

interface Field {
  text: string
  type: FieldType
}

const fieldsMax = 25
const fieldBytesMax = 128 + 25

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9'
}
function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
}
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f'
}
function isPunct(c: string | undefined): boolean {
  if (c === undefined) return false
  const code = c.charCodeAt(0)
  return (
    (code >= 0x21 && code <= 0x2f) ||
    (code >= 0x3a && code <= 0x40) ||
    (code >= 0x5b && code <= 0x60) ||
    (code >= 0x7b && code <= 0x7e)
  )
}

/** Splits datetime input into typed fields (PostgreSQL's ParseDateTime). */
export function splitFields(text: string): Field[] {
  const fields: Field[] = []
  let i = 0
  let used = 0
  const n = text.length
  while (i < n) {
    const c = text[i]
    if (isSpace(c)) {
      i++
      continue
    }
    if (fields.length >= fieldsMax) fail('format')
    let buf = ''
    let type: FieldType
    if (isDigit(c)) {
      while (isDigit(text[i])) buf += text[i++]
      const next = text[i]
      if (next === ':') {
        type = 'time'
        while (isDigit(text[i]) || text[i] === ':' || text[i] === '.') buf += text[i++]
      } else if (next === '-' || next === '/' || next === '.') {
        const delim = next
        buf += text[i++]
        if (isDigit(text[i])) {
          type = delim === '.' ? 'number' : 'date'
          while (isDigit(text[i])) buf += text[i++]
          if (text[i] === delim) {
            type = 'date'
            buf += text[i++]
            while (isDigit(text[i]) || text[i] === delim) buf += text[i++]
          }
        } else {
          type = 'date'
          while (isAlpha(text[i]) || isDigit(text[i]) || text[i] === delim) {
            buf += (text[i++] ?? '').toLowerCase()
          }
        }
      } else {
        type = 'number'
      }
    } else if (c === '.') {
      buf += text[i++]
      while (isDigit(text[i])) buf += text[i++]
      type = 'number'
    } else if (isAlpha(c)) {
      type = 'string'
      while (isAlpha(text[i])) buf += (text[i++] ?? '').toLowerCase()
      let isDate = false
      const next = text[i]
      if (next === '-' || next === '/' || next === '.') isDate = true
      else if (next === '+' || isDigit(next)) isDate = coreKeywords.get(keyOf(buf)) === undefined
      if (isDate) {
        type = 'date'
        do {
          buf += (text[i++] ?? '').toLowerCase()
        } while (
          text[i] === '+' ||
          text[i] === '-' ||
          text[i] === '/' ||
          text[i] === '_' ||
          text[i] === '.' ||
          text[i] === ':' ||
          isAlpha(text[i]) ||
          isDigit(text[i])
        )
      }
    } else if (c === '+' || c === '-') {
      buf += text[i++]
      while (isSpace(text[i])) i++
      if (isDigit(text[i])) {
        type = 'tz'
        buf += text[i++]
        while (isDigit(text[i]) || text[i] === ':' || text[i] === '.' || text[i] === '-') {
          buf += text[i++]
        }
      } else if (isAlpha(text[i])) {
        type = 'special'
        while (isAlpha(text[i])) buf += (text[i++] ?? '').toLowerCase()
      } else {
        fail('format')
      }
    } else if (isPunct(c)) {
      i++
      continue
    } else {
      fail('format')
    }
    used += buf.length + 1
    if (used > fieldBytesMax) fail('format')
    fields.push({ text: buf, type })
  }
  return fields
}

// --- keywords -------------------------------------------------------------------------------

type KeywordKind =
  | 'reserved'
  | 'month'
  | 'dow'
  | 'ampm'
  | 'adbc'
  | 'units'
  | 'isotime'
  | 'ignore'
  | 'dstModifier'
  | 'ago'

type Special = 'early' | 'late' | 'epoch' | 'now' | 'today' | 'tomorrow' | 'yesterday' | 'zulu'

export type Unit =
  | 'microsecond'
  | 'millisecond'
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'year'
  | 'decade'
  | 'century'
  | 'millennium'
  | 'julian'
  | 'dow'
  | 'doy'
  | 'isodow'
  | 'isoyear'
  | 'timezone'
  | 'timezone_hour'
  | 'timezone_minute'
  | 'quarter'
  | 'epoch'

interface Keyword {
  readonly kind: KeywordKind
  readonly value: number | Special | Unit
}

/** Tokens compare on their first 10 characters, as in PostgreSQL (TOKMAXLEN). */
function keyOf(word: string): string {
  return word.length > 10 ? word.slice(0, 10) : word
}

const months = [
  ['jan', 'january'],
  ['feb', 'february'],
  ['mar', 'march'],
  ['apr', 'april'],
  ['may'],
  ['jun', 'june'],
  ['jul', 'july'],
  ['aug', 'august'],
  ['sep', 'sept', 'september'],
  ['oct', 'october'],
  ['nov', 'november'],
  ['dec', 'december'],
]
const weekdays = [
  ['sun', 'sunday'],
  ['mon', 'monday'],
  ['tue', 'tues', 'tuesday'],
  ['wed', 'weds', 'wednesday'],
  ['thu', 'thur', 'thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
]

const coreKeywords = new Map<string, Keyword>([
  ['-infinity', { kind: 'reserved', value: 'early' }],
  ['infinity', { kind: 'reserved', value: 'late' }],
  ['epoch', { kind: 'reserved', value: 'epoch' }],
  ['now', { kind: 'reserved', value: 'now' }],
  ['today', { kind: 'reserved', value: 'today' }],
  ['tomorrow', { kind: 'reserved', value: 'tomorrow' }],
  ['yesterday', { kind: 'reserved', value: 'yesterday' }],
  ['allballs', { kind: 'reserved', value: 'zulu' }],
  ['ad', { kind: 'adbc', value: 0 }],
  ['bc', { kind: 'adbc', value: 1 }],
  ['am', { kind: 'ampm', value: 0 }],
  ['pm', { kind: 'ampm', value: 1 }],
  ['at', { kind: 'ignore', value: 0 }],
  ['on', { kind: 'ignore', value: 0 }],
  ['d', { kind: 'units', value: 'day' }],
  ['h', { kind: 'units', value: 'hour' }],
  ['m', { kind: 'units', value: 'month' }],
  ['mm', { kind: 'units', value: 'minute' }],
  ['s', { kind: 'units', value: 'second' }],
  ['y', { kind: 'units', value: 'year' }],
  ['j', { kind: 'units', value: 'julian' }],
  ['t', { kind: 'isotime', value: 0 }],
  ['dst', { kind: 'dstModifier', value: 3600 }],
])
months.forEach((names, index) => {
  for (const name of names) coreKeywords.set(name, { kind: 'month', value: index + 1 })
})
weekdays.forEach((names, index) => {
  for (const name of names) coreKeywords.set(name, { kind: 'dow', value: index })
})

function lookupCore(word: string): Keyword | undefined {
  return coreKeywords.get(keyOf(word))
}

const unitWords: ReadonlyArray<readonly [Unit, string]> = [
  ['microsecond', 'microsecon us usec usecs usecond useconds'],
  ['millisecond', 'millisecon ms msec msecs msecond mseconds'],
  ['second', 's sec secs second seconds'],
  ['minute', 'm min mins minute minutes'],
  ['hour', 'h hour hours hr hrs'],
  ['day', 'd day days'],
  ['week', 'w week weeks'],
  ['month', 'mon mons month months'],
  ['year', 'y year years yr yrs'],
  ['decade', 'dec decade decades decs'],
  ['century', 'c cent centuries century'],
  ['millennium', 'mil millennia millennium mils'],
  ['quarter', 'qtr quarter'],
  ['timezone', 'timezone'],
  ['timezone_hour', 'timezone_h'],
  ['timezone_minute', 'timezone_m'],
]
const intervalWords = new Map<string, Keyword>([
  ['@', { kind: 'ignore', value: 0 }],
  ['ago', { kind: 'ago', value: 0 }],
])
for (const [unit, words] of unitWords) {
  for (const word of words.split(' ')) intervalWords.set(word, { kind: 'units', value: unit })
}

// --- numbers --------------------------------------------------------------------------------

/** strtol on a prefix: digits with an optional sign; undefined (overflow) past int32. */
function leadingInt(text: string, at: number): { value: number; end: number } {
  const match = /^[ \t\n\r\v\f]*[+-]?\d*/.exec(text.slice(at))
  const raw = match?.[0] ?? ''
  const digits = raw.trim()
  if (!/\d/.test(digits)) return { value: 0, end: at }
  const value = Number(digits)
  if (value > 2147483647 || value < -2147483648) fail('field')
  return { value, end: at + raw.length }
}

/** C's rint: round half to even. */
export function rint(x: number): number {
  const r = Math.round(x)
  if (Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0) return r - 1
  return r
}

/** '.123' → µs, rounded half-even as PostgreSQL's strtod-then-rint does. */
function parseFractionalSecond(text: string): number {
  if (text === '.') return 0
  if (!/^\.\d*$/.test(text)) {
    // strtod accepts '.5e1'-like tails only as a number; anything left over is bad format.
    if (!/^\.\d+([eE][+-]?\d+)?$/.test(text)) fail('format')
  }
  return rint(Number(`0${text}`) * 1_000_000)
}

// --- decoding of dates and times ------------------------------------------------------------

const M = {
  year: 1 << 0,
  month: 1 << 1,
  day: 1 << 2,
  hour: 1 << 3,
  minute: 1 << 4,
  second: 1 << 5,
  millisecond: 1 << 6,
  microsecond: 1 << 7,
  tz: 1 << 8,
  dtz: 1 << 9,
  dtzmod: 1 << 10,
  doy: 1 << 11,
  dow: 1 << 12,
  ampm: 1 << 13,
  adbc: 1 << 14,
  week: 1 << 15,
  decade: 1 << 16,
  century: 1 << 17,
  millennium: 1 << 18,
  julian: 1 << 19,
  reserved: 1 << 20,
} as const
const dateMask = M.year | M.month | M.day
const allSecondsMask = M.second | M.millisecond | M.microsecond
const timeMask = M.hour | M.minute | allSecondsMask

export type DateOrder = 'MDY' | 'DMY' | 'YMD'

/** The field order of a DateStyle setting ('ISO, MDY' → MDY; 'German' alone → DMY). */
export function dateOrderOf(dateStyle: string): DateOrder {
  const upper = dateStyle.toUpperCase()
  if (/\bYMD\b/.test(upper)) return 'YMD'
  if (/\b(DMY|EURO|EUROPEAN)\b/.test(upper)) return 'DMY'
  if (/\b(MDY|US|NONEURO|NONEUROPEAN)\b/.test(upper)) return 'MDY'
  if (/\bGERMAN\b/.test(upper)) return 'DMY'
  return 'MDY'
}

interface State {
  tm: DateTimeFields
  doy: number
  fmask: number
  is2digits: boolean
  isJulian: boolean
  haveTextMonth: boolean
  /** Seconds east of UTC when the input named an offset or abbreviation. */
  tz: number | undefined
  namedZone: Zone | undefined
  isDst: boolean
  order: DateOrder
}

function newState(order: DateOrder): State {
  return {
    tm: { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, micros: 0 },
    doy: 0,
    fmask: 0,
    is2digits: false,
    isJulian: false,
    haveTextMonth: false,
    tz: undefined,
    namedZone: undefined,
    isDst: false,
    order,
  }
}

/** A date written with separators or a text month: '2024-01-05', '5.1.2024', 'jan-05-2024'. */
function decodeDate(text: string, s: State): number {
  const parts: string[] = []
  let i = 0
  while (i < text.length && parts.length < fieldsMax) {
    while (i < text.length && !isAlpha(text[i]) && !isDigit(text[i])) i++
    if (i >= text.length) fail('format')
    const start = i
    if (isDigit(text[i])) while (isDigit(text[i])) i++
    else if (isAlpha(text[i])) while (isAlpha(text[i])) i++
    parts.push(text.slice(start, i))
    if (i < text.length) i++
  }
  let fmask = s.fmask
  let tmask = 0
  const numeric: string[] = []
  for (const part of parts) {
    if (isAlpha(part[0])) {
      const keyword = lookupCore(part)
      if (keyword?.kind === 'ignore') {
        // PostgreSQL skips it here but still reads it as a number below, which fails.
        numeric.push(part)
        continue
      }
      if (keyword?.kind !== 'month') fail('format')
      s.tm.month = keyword.value as number
      s.haveTextMonth = true
      if (fmask & M.month) fail('format')
      fmask |= M.month
      tmask |= M.month
    } else {
      numeric.push(part)
    }
  }
  for (const part of numeric) {
    if (part.length === 0) fail('format')
    const dmask = decodeNumber(part, s.haveTextMonth, fmask, s)
    if (fmask & dmask) fail('format')
    fmask |= dmask
    tmask |= dmask
  }
  if ((fmask & ~(M.doy | M.tz)) !== dateMask) fail('format')
  return tmask
}

/** A lone number: a date part chosen by DateStyle and what is known, or a run-together time. */
function decodeNumber(text: string, haveTextMonth: boolean, fmask: number, s: State): number {
  const { value, end } = leadingInt(text, 0)
  if (end === 0) fail('format')
  const rest = text.slice(end)
  const flen = text.length
  if (rest.startsWith('.')) {
    if (end > 2) return decodeNumberField(text, fmask | dateMask, s)
    s.tm.micros = parseFractionalSecond(rest)
  } else if (rest !== '') {
    fail('format')
  }
  if (flen === 3 && (fmask & dateMask) === M.year && value >= 1 && value <= 366) {
    s.doy = value
    return M.doy | M.month | M.day
  }
  let tmask: number
  switch (fmask & dateMask) {
    case 0:
      if (flen >= 3 || s.order === 'YMD') {
        tmask = M.year
        s.tm.year = value
      } else if (s.order === 'DMY') {
        tmask = M.day
        s.tm.day = value
      } else {
        tmask = M.month
        s.tm.month = value
      }
      break
    case M.year:
      tmask = M.month
      s.tm.month = value
      break
    case M.month:
      if (haveTextMonth && (flen >= 3 || s.order === 'YMD')) {
        tmask = M.year
        s.tm.year = value
      } else {
        tmask = M.day
        s.tm.day = value
      }
      break
    case M.year | M.month:
      if (haveTextMonth && flen >= 3 && s.is2digits) {
        tmask = M.day
        s.tm.day = s.tm.year
        s.tm.year = value
        s.is2digits = false
      } else {
        tmask = M.day
        s.tm.day = value
      }
      break
    case M.day:
      tmask = M.month
      s.tm.month = value
      break
    case M.month | M.day:
      tmask = M.year
      s.tm.year = value
      break
    case dateMask:
      return decodeNumberField(text, fmask, s)
    default:
      fail('format')
  }
  if (tmask === M.year) s.is2digits = flen <= 2
  return tmask
}

/** Run-together digits: yyyymmdd, yymmdd, hhmmss, hhmm, with an optional fraction. */
function decodeNumberField(input: string, fmask: number, s: State): number {
  let text = input
  const dot = text.indexOf('.')
  if (dot >= 0) {
    const fraction = text.slice(dot)
    if (!/^\.\d*([eE][+-]?\d+)?$/.test(fraction) || fraction === '.') fail('format')
    s.tm.micros = rint(Number(`0${fraction}`) * 1_000_000)
    text = text.slice(0, dot)
  } else if ((fmask & dateMask) !== dateMask) {
    if (text.length >= 6) {
      const len = text.length
      // C's atoi: the int wraps on overflow (PostgreSQL then rejects the odd year).
      s.tm.day = Number.parseInt(text.slice(len - 2), 10)
      s.tm.month = Number.parseInt(text.slice(len - 4, len - 2), 10)
      s.tm.year = Number(BigInt.asIntN(32, BigInt(text.slice(0, len - 4))))
      if (len - 4 === 2) s.is2digits = true
      return dateMask
    }
  }
  if ((fmask & timeMask) !== timeMask) {
    if (text.length === 6) {
      s.tm.second = Number.parseInt(text.slice(4), 10)
      s.tm.minute = Number.parseInt(text.slice(2, 4), 10)
      s.tm.hour = Number.parseInt(text.slice(0, 2), 10)
      return timeMask
    }
    if (text.length === 4) {
      s.tm.second = 0
      s.tm.minute = Number.parseInt(text.slice(2), 10)
      s.tm.hour = Number.parseInt(text.slice(0, 2), 10)
      return timeMask
    }
  }
  fail('format')
}

/** hh:mm[:ss[.fff]] or mm:ss.fff; hours are unbounded here (intervals), checked by callers.
 * As in PostgreSQL, a component too large for an integer is a field overflow before any
 * syntax check of what follows, and the range check comes last. */
function decodeTime(
  text: string,
  minuteToSecond: boolean,
): { hour: number; minute: number; second: number; micros: number } {
  const component = (at: number, max: number): [number, number] => {
    const digits = /^\d*/.exec(text.slice(at))?.[0] ?? ''
    const value = digits === '' ? 0 : Number(digits)
    if (value > max) fail('field')
    return [value, at + digits.length]
  }
  let [hour, at] = component(0, 9.3e18)
  if (text[at] !== ':') fail('format')
  let minute: number
  ;[minute, at] = component(at + 1, 2147483647)
  let second = 0
  let micros = 0
  if (at === text.length) {
    if (minuteToSecond) {
      second = minute
      minute = hour
      hour = 0
    }
  } else if (text[at] === '.') {
    micros = parseFractionalSecond(text.slice(at))
    second = minute
    minute = hour
    hour = 0
  } else if (text[at] === ':') {
    ;[second, at] = component(at + 1, 2147483647)
    if (at < text.length) {
      if (text[at] !== '.') fail('format')
      micros = parseFractionalSecond(text.slice(at))
    }
  } else {
    fail('format')
  }
  if (!Number.isSafeInteger(hour) || minute > 59 || second > 60 || micros > 1_000_000) {
    fail('field')
  }
  return { hour, minute, second, micros }
}

/** A signed numeric zone: +hh, +hhmm, +hh:mm, +hh:mm:ss; seconds EAST of UTC. Each part is
 * read like C's strtol (so '--12' is hour -12, out of range). */
function decodeZoneOffset(text: string): number {
  const sign = text[0]
  if (sign !== '+' && sign !== '-') fail('format')
  const part = (at: number): [number, number] => {
    const raw = /^[ \t\n\r\v\f]*[+-]?\d*/.exec(text.slice(at))?.[0] ?? ''
    const trimmed = raw.trim()
    if (!/\d/.test(trimmed)) return [0, at]
    const value = Number(trimmed)
    if (value > 2147483647 || value < -2147483648) fail('zoneDisplacement')
    return [value, at + raw.length]
  }
  let [hour, at] = part(1)
  let minute = 0
  let second = 0
  if (text[at] === ':') {
    ;[minute, at] = part(at + 1)
    if (text[at] === ':') [second, at] = part(at + 1)
  } else if (at === text.length && text.length > 3) {
    minute = hour % 100
    hour = Math.trunc(hour / 100)
  }
  if (hour < 0 || hour > 15 || minute < 0 || minute >= 60 || second < 0 || second >= 60) {
    fail('zoneDisplacement')
  }
  const value = (hour * 60 + minute) * 60 + second
  if (at !== text.length) fail('format')
  return sign === '-' ? -value : value
}

export interface ParseContext {
  readonly order: DateOrder
  /** The session zone: default for input without a zone, and for now/today. */
  readonly zone: Zone
  /** µs since 2000-01-01 UTC of 'now' (the transaction start); read only when needed. */
  readonly now: () => bigint
}

export type DateTimeResult =
  | { kind: 'value'; fields: DateTimeFields; offset: number | undefined }
  | { kind: 'epoch' | 'infinity' | '-infinity' }

function localFieldsOfNow(context: ParseContext): DateTimeFields {
  const now = context.now()
  const offset = offsetAtUtc(context.zone, now)
  return timestampToFields(now + BigInt(offset) * 1_000_000n)
}

function zoneWord(word: string, s: State): number | undefined {
  const abbreviation = lookupAbbreviation(word)
  if (abbreviation === undefined) return undefined
  s.tz = abbreviation.offset
  s.isDst = abbreviation.isDst
  return abbreviation.isDst ? M.tz | M.dtz : M.tz
}

/** ISO 8601 with a space or T, seconds, up to 6 fraction digits and an optional Z or ±hh[[:]mm]
 * offset: what drivers and most applications send. */
const isoDateTimePattern =
  /^(\d{4})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:(Z)|([+-])(\d\d)(?::?(\d\d))?)?$/

/**
 * decodeDateTime's result for the common ISO form (isoDateTimePattern) with every field in its
 * ordinary range, without the general field-by-field decoder; undefined for anything else
 * (other forms, hour 24, leap seconds, offsets beyond ±15:59), which the general decoder takes.
 */
export function decodeIsoDateTime(text: string): DateTimeResult | undefined {
  const match = isoDateTimePattern.exec(text)
  if (match === null) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  const day = Number(match[3])
  const hour = Number(match[4])
  const minute = Number(match[5])
  const second = Number(match[6])
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return
  if (hour > 23 || minute > 59 || second > 59) return
  const fraction = match[7]
  const micros = fraction === undefined ? 0 : Number(fraction.padEnd(6, '0'))
  let offset: number | undefined
  if (match[8] !== undefined) offset = 0
  else if (match[9] !== undefined) {
    const offsetHours = Number(match[10])
    const offsetMinutes = Number(match[11] ?? '0')
    if (offsetHours > 15 || offsetMinutes > 59) return
    offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60)
  }
  return { kind: 'value', fields: { year, month, day, hour, minute, second, micros }, offset }
}

/**
 * Decodes a date-and-time string (date, timestamp, timestamptz input). `offset` is the zone
 * offset (seconds east) in effect: the one written, or the session zone's for that local
 * time. Throws Failure; wrap with withParseErrors.
 */
export function decodeDateTime(text: string, context: ParseContext): DateTimeResult {
  const fields = splitFields(text)
  const s = newState(context.order)
  const tm = s.tm
  let special: 'epoch' | 'infinity' | '-infinity' | undefined
  let isDateValue = true
  let pending: 'time' | 'julian' | Unit | undefined
  let meridian: 'am' | 'pm' | undefined
  let isBc = false
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] as Field
    let tmask = 0
    switch (field.type) {
      case 'date': {
        if (pending === 'julian') {
          const { value, end } = leadingInt(field.text, 0)
          if (value < 0 || end === 0) fail('format')
          const date = julianToDate(value)
          tm.year = date.year
          tm.month = date.month
          tm.day = date.day
          s.isJulian = true
          s.tz = decodeZoneOffset(field.text.slice(end))
          tmask = dateMask | timeMask | M.tz
          pending = undefined
          break
        }
        if (pending !== undefined || (s.fmask & (M.month | M.day)) === (M.month | M.day)) {
          if (isDigit(field.text[0]) || pending !== undefined) {
            if (pending !== undefined) {
              if (pending !== 'time') fail('format')
              pending = undefined
            }
            if ((s.fmask & timeMask) === timeMask) fail('format')
            const dash = field.text.indexOf('-')
            if (dash < 0) fail('format')
            s.tz = decodeZoneOffset(field.text.slice(dash))
            tmask = decodeNumberField(field.text.slice(0, dash), s.fmask, s) | M.tz
          } else {
            s.namedZone = resolveNamedZone(field.text)
            tmask = M.tz
          }
        } else {
          tmask = decodeDate(field.text, s)
        }
        break
      }
      case 'time': {
        if (pending !== undefined) {
          if (pending !== 'time') fail('format')
          pending = undefined
        }
        const t = decodeTime(field.text, false)
        tm.hour = t.hour
        tm.minute = t.minute
        tm.second = t.second
        tm.micros = t.micros
        tmask = timeMask
        if (timeOverflows(tm)) fail('field')
        break
      }
      case 'tz':
        s.tz = decodeZoneOffset(field.text)
        tmask = M.tz
        break
      case 'number': {
        if (pending !== undefined) {
          tmask = decodeLabelledNumber(field.text, pending, s)
          pending = undefined
          break
        }
        const dot = field.text.indexOf('.')
        const flen = field.text.length
        if (dot >= 0 && !(s.fmask & dateMask)) tmask = decodeDate(field.text, s)
        else if (dot >= 0 && dot > 2) tmask = decodeNumberField(field.text, s.fmask, s)
        else if (flen >= 6 && (!(s.fmask & dateMask) || !(s.fmask & timeMask))) {
          tmask = decodeNumberField(field.text, s.fmask, s)
        } else tmask = decodeNumber(field.text, s.haveTextMonth, s.fmask, s)
        break
      }
      case 'string':
      case 'special': {
        const zoneMask = zoneWord(field.text, s)
        if (zoneMask !== undefined) {
          tmask = zoneMask
          break
        }
        const keyword = lookupCore(field.text)
        if (keyword === undefined) {
          const zone = findZone(field.text)
          if (zone === undefined) fail('format')
          s.namedZone = zone
          tmask = M.tz
          break
        }
        switch (keyword.kind) {
          case 'ignore':
            continue
          case 'reserved': {
            tmask = dateMask | timeMask | M.tz
            switch (keyword.value) {
              case 'now': {
                Object.assign(tm, localFieldsOfNow(context))
                s.tz = offsetAtUtc(context.zone, context.now())
                break
              }
              case 'today':
              case 'tomorrow':
              case 'yesterday': {
                tmask = dateMask
                const local = localFieldsOfNow(context)
                const shift = keyword.value === 'today' ? 0 : keyword.value === 'tomorrow' ? 1 : -1
                const date = julianToDate(dateToJulian(local.year, local.month, local.day) + shift)
                tm.year = date.year
                tm.month = date.month
                tm.day = date.day
                break
              }
              case 'zulu':
                tmask = timeMask | M.tz
                tm.hour = 0
                tm.minute = 0
                tm.second = 0
                tm.micros = 0
                s.tz = 0
                break
              case 'epoch':
                tmask = M.reserved
                special = 'epoch'
                isDateValue = false
                break
              case 'late':
                tmask = M.reserved
                special = 'infinity'
                isDateValue = false
                break
              default:
                tmask = M.reserved
                special = '-infinity'
                isDateValue = false
                break
            }
            break
          }
          case 'month': {
            tmask = M.month
            if (
              s.fmask & M.month &&
              !s.haveTextMonth &&
              !(s.fmask & M.day) &&
              tm.month >= 1 &&
              tm.month <= 31
            ) {
              tm.day = tm.month
              tmask = M.day
            }
            s.haveTextMonth = true
            tm.month = keyword.value as number
            break
          }
          case 'dstModifier':
            tmask = M.dtz | M.dtzmod
            s.isDst = true
            s.tz = (s.tz ?? 0) + (keyword.value as number)
            break
          case 'ampm':
            tmask = M.ampm
            meridian = keyword.value === 0 ? 'am' : 'pm'
            break
          case 'adbc':
            tmask = M.adbc
            isBc = keyword.value === 1
            break
          case 'dow':
            tmask = M.dow
            break
          case 'units':
            tmask = 0
            pending = keyword.value as Unit
            break
          case 'isotime': {
            tmask = 0
            if ((s.fmask & dateMask) !== dateMask) fail('format')
            const next = fields[i + 1]
            if (
              next === undefined ||
              (next.type !== 'number' && next.type !== 'time' && next.type !== 'date')
            ) {
              fail('format')
            }
            pending = 'time'
            break
          }
          default:
            fail('format')
        }
        break
      }
    }
    if (tmask & s.fmask) fail('format')
    s.fmask |= tmask
  }
  validateDate(s, isBc)
  if (meridian !== undefined && tm.hour > 12) fail('field')
  if (meridian === 'am' && tm.hour === 12) tm.hour = 0
  else if (meridian === 'pm' && tm.hour !== 12) tm.hour += 12
  if (special !== undefined) return { kind: special }
  if (!isDateValue) fail('format')
  if ((s.fmask & dateMask) !== dateMask) fail('format')
  let offset = s.tz
  if (s.namedZone !== undefined) {
    if (s.fmask & M.dtzmod) fail('format')
    offset = offsetForLocal(s.namedZone, localMicros(tm))
  }
  if (!(s.fmask & M.tz)) {
    if (s.fmask & M.dtzmod) fail('format')
    offset = undefined
  }
  return { kind: 'value', fields: tm, offset }
}

function resolveNamedZone(name: string): Zone {
  const zone = findZone(name)
  if (zone === undefined) {
    throw new SqlError(SqlState.invalidParameterValue, `time zone "${name}" not recognized`)
  }
  return zone
}

/** A number after a unit label: 'y 2024', 'm 2', 'd 4', 'h 10', 'mm 30', 's 15.5',
 * 'j 2451545.5' (Julian day), or hhmmss after a 't'. */
function decodeLabelledNumber(text: string, unit: 'time' | 'julian' | Unit, s: State): number {
  const { value, end } = leadingInt(text, 0)
  const rest = text.slice(end)
  if (rest.startsWith('.')) {
    if (unit !== 'julian' && unit !== 'time' && unit !== 'second') fail('format')
  } else if (rest !== '') {
    fail('format')
  }
  const tm = s.tm
  switch (unit) {
    case 'year':
      tm.year = value
      return M.year
    case 'month':
      if (s.fmask & M.month && s.fmask & M.hour) {
        tm.minute = value
        return M.minute
      }
      tm.month = value
      return M.month
    case 'day':
      tm.day = value
      return M.day
    case 'hour':
      tm.hour = value
      return M.hour
    case 'minute':
      tm.minute = value
      return M.minute
    case 'second':
      tm.second = value
      if (rest.startsWith('.')) {
        tm.micros = parseFractionalSecond(rest)
        return allSecondsMask
      }
      return M.second
    case 'julian': {
      if (value < 0) fail('field')
      const date = julianToDate(value)
      tm.year = date.year
      tm.month = date.month
      tm.day = date.day
      s.isJulian = true
      if (!rest.startsWith('.')) return dateMask
      let micros = rint(parseFraction(rest) * 86_400_000_000)
      tm.hour = Math.floor(micros / 3_600_000_000)
      micros -= tm.hour * 3_600_000_000
      tm.minute = Math.floor(micros / 60_000_000)
      micros -= tm.minute * 60_000_000
      tm.second = Math.floor(micros / 1_000_000)
      tm.micros = micros - tm.second * 1_000_000
      return dateMask | timeMask
    }
    case 'time': {
      const mask = decodeNumberField(text, s.fmask | dateMask, s)
      if (mask !== timeMask) fail('format')
      return mask
    }
    default:
      fail('format')
  }
}

function timeOverflows(tm: DateTimeFields): boolean {
  if (tm.hour < 0 || tm.hour > 24 || tm.minute < 0 || tm.minute > 59) return true
  if (tm.second < 0 || tm.second > 60 || tm.micros < 0 || tm.micros > 1_000_000) return true
  const total = ((tm.hour * 60 + tm.minute) * 60 + tm.second) * 1_000_000 + tm.micros
  return total > 86_400_000_000
}

function validateDate(s: State, isBc: boolean): void {
  const tm = s.tm
  if (s.fmask & M.year) {
    if (s.isJulian) {
      // The Julian day already gave an astronomical year.
    } else if (isBc) {
      if (tm.year <= 0) fail('field')
      tm.year = -(tm.year - 1)
    } else if (s.is2digits) {
      if (tm.year < 0) fail('field')
      if (tm.year < 70) tm.year += 2000
      else if (tm.year < 100) tm.year += 1900
    } else if (tm.year <= 0) {
      fail('field')
    }
  }
  if (s.fmask & M.doy) {
    const date = julianToDate(dateToJulian(tm.year, 1, 1) + s.doy - 1)
    tm.year = date.year
    tm.month = date.month
    tm.day = date.day
  }
  if (s.fmask & M.month && (tm.month < 1 || tm.month > 12)) fail('monthDay')
  if (s.fmask & M.day && (tm.day < 1 || tm.day > 31)) fail('monthDay')
  if ((s.fmask & dateMask) === dateMask && tm.day > daysInMonth(tm.year, tm.month)) fail('field')
}

/** Local µs since 2000-01-01 of broken-down fields (for DST lookups; no range check). */
export function localMicros(tm: DateTimeFields): bigint {
  const days = dateToJulian(tm.year, tm.month, tm.day) - 2451545
  return (
    BigInt(days) * 86_400_000_000n +
    BigInt(((tm.hour * 60 + tm.minute) * 60 + tm.second) * 1_000_000 + tm.micros)
  )
}

export type TimeResult = {
  hour: number
  minute: number
  second: number
  micros: number
  /** Seconds east of UTC (timetz); the session zone's when none was written. */
  offset: number
}

/** Decodes time / timetz input (PostgreSQL's DecodeTimeOnly). */
export function decodeTimeOnly(text: string, context: ParseContext): TimeResult {
  const fields = splitFields(text)
  const s = newState(context.order)
  const tm = s.tm
  let pending: 'time' | 'julian' | Unit | undefined
  let meridian: 'am' | 'pm' | undefined
  let isBc = false
  const nf = fields.length
  for (let i = 0; i < nf; i++) {
    const field = fields[i] as Field
    let tmask = 0
    switch (field.type) {
      case 'date': {
        if (i === 0 && nf >= 2 && (fields[nf - 1]?.type === 'date' || fields[1]?.type === 'time')) {
          tmask = decodeDate(field.text, s)
        } else if (isDigit(field.text[0])) {
          if ((s.fmask & timeMask) === timeMask) fail('format')
          const dash = field.text.indexOf('-')
          if (dash < 0) fail('format')
          s.tz = decodeZoneOffset(field.text.slice(dash))
          tmask = decodeNumberField(field.text.slice(0, dash), s.fmask | dateMask, s) | M.tz
        } else {
          s.namedZone = resolveNamedZone(field.text)
          tmask = M.tz
        }
        break
      }
      case 'time': {
        const t = decodeTime(field.text, false)
        tm.hour = t.hour
        tm.minute = t.minute
        tm.second = t.second
        tm.micros = t.micros
        tmask = timeMask
        break
      }
      case 'tz':
        s.tz = decodeZoneOffset(field.text)
        tmask = M.tz
        break
      case 'number': {
        if (pending !== undefined) {
          tmask = decodeLabelledNumber(field.text, pending, s)
          pending = undefined
          break
        }
        const dot = field.text.indexOf('.')
        const flen = field.text.length
        if (dot >= 0) {
          if (i === 0 && nf >= 2 && fields[nf - 1]?.type === 'date') {
            tmask = decodeDate(field.text, s)
          } else if (dot > 2) {
            tmask = decodeNumberField(field.text, s.fmask | dateMask, s)
          } else fail('format')
        } else if (flen > 4) {
          tmask = decodeNumberField(field.text, s.fmask | dateMask, s)
        } else {
          tmask = decodeNumber(field.text, false, s.fmask | dateMask, s)
        }
        break
      }
      case 'string':
      case 'special': {
        const zoneMask = zoneWord(field.text, s)
        if (zoneMask !== undefined) {
          tmask = zoneMask
          break
        }
        const keyword = lookupCore(field.text)
        if (keyword === undefined) {
          const zone = findZone(field.text)
          if (zone === undefined) fail('format')
          s.namedZone = zone
          tmask = M.tz
          break
        }
        switch (keyword.kind) {
          case 'ignore':
            continue
          case 'reserved':
            if (keyword.value === 'now') {
              tmask = timeMask
              const local = localFieldsOfNow(context)
              tm.hour = local.hour
              tm.minute = local.minute
              tm.second = local.second
              tm.micros = local.micros
            } else if (keyword.value === 'zulu') {
              tmask = timeMask | M.tz
              tm.hour = 0
              tm.minute = 0
              tm.second = 0
              tm.micros = 0
              s.tz = 0
            } else {
              fail('format')
            }
            break
          case 'dstModifier':
            tmask = M.dtz | M.dtzmod
            s.tz = (s.tz ?? 0) + (keyword.value as number)
            break
          case 'ampm':
            tmask = M.ampm
            meridian = keyword.value === 0 ? 'am' : 'pm'
            break
          case 'adbc':
            tmask = M.adbc
            isBc = keyword.value === 1
            break
          case 'units':
            tmask = 0
            pending = keyword.value as Unit
            break
          case 'isotime': {
            tmask = 0
            const next = fields[i + 1]
            if (
              next === undefined ||
              (next.type !== 'number' && next.type !== 'time' && next.type !== 'date')
            ) {
              fail('format')
            }
            pending = 'time'
            break
          }
          default:
            fail('format')
        }
        break
      }
    }
    if (tmask & s.fmask) fail('format')
    s.fmask |= tmask
  }
  validateDate(s, isBc)
  if (meridian !== undefined && tm.hour > 12) fail('field')
  if (meridian === 'am' && tm.hour === 12) tm.hour = 0
  else if (meridian === 'pm' && tm.hour !== 12) tm.hour += 12
  if (timeOverflows(tm)) fail('field')
  if ((s.fmask & timeMask) !== timeMask) fail('format')
  let offset = s.tz ?? 0
  const zone = s.namedZone ?? (s.fmask & M.tz ? undefined : context.zone)
  if (s.namedZone !== undefined && s.fmask & M.dtzmod) fail('format')
  if (zone !== undefined) {
    if (s.namedZone === undefined && s.fmask & M.dtzmod) fail('format')
    const fixed = fixedOffsetOf(zone)
    if (fixed !== undefined) {
      offset = fixed
    } else {
      let date: DateTimeFields
      if ((s.fmask & dateMask) === 0 && s.namedZone === undefined) date = localFieldsOfNow(context)
      else if ((s.fmask & dateMask) !== dateMask) fail('format')
      else date = tm
      offset = offsetForLocal(
        zone,
        localMicros({
          year: date.year,
          month: date.month,
          day: date.day,
          hour: tm.hour,
          minute: tm.minute,
          second: tm.second,
          micros: 0,
        }),
      )
    }
  }
  return { hour: tm.hour, minute: tm.minute, second: tm.second, micros: tm.micros, offset }
}

// --- intervals --------------------------------------------------------------------------------

/** Interval typmod field masks (PostgreSQL's INTERVAL_MASK bits). */
export const intervalFieldMask = {
  month: 1 << 1,
  year: 1 << 2,
  day: 1 << 3,
  hour: 1 << 10,
  minute: 1 << 11,
  second: 1 << 12,
} as const
export const intervalFullRange = 0x7fff
export const intervalFullPrecision = 0xffff

export interface IntervalParts {
  months: number
  days: number
  micros: bigint
}

const int32Max = 2147483647
const int32Min = -2147483648
const int64Max = 9223372036854775807n
const int64Min = -9223372036854775808n

class IntervalBuilder {
  years = 0
  months = 0
  days = 0
  micros = 0n

  private checkInt32(value: number): number {
    if (value > int32Max || value < int32Min || !Number.isFinite(value)) fail('field')
    return value
  }
  private checkInt64(value: bigint): bigint {
    if (value > int64Max || value < int64Min) fail('field')
    return value
  }
  addFractMicros(fraction: number, scale: number): void {
    if (fraction === 0) return
    const scaled = fraction * scale
    let usec = Math.trunc(scaled)
    const rest = scaled - usec
    if (rest > 0.5) usec++
    else if (rest < -0.5) usec--
    if (!Number.isFinite(usec)) fail('field')
    this.micros = this.checkInt64(this.micros + BigInt(usec))
  }
  addMicros(value: bigint, fraction: number, scale: number): void {
    this.micros = this.checkInt64(this.micros + this.checkInt64(value * BigInt(scale)))
    this.addFractMicros(fraction, scale)
  }
  addFractDays(fraction: number, scale: number): void {
    if (fraction === 0) return
    const scaled = fraction * scale
    const extra = Math.trunc(scaled)
    this.days = this.checkInt32(this.days + extra)
    this.addFractMicros(scaled - extra, 86_400_000_000)
  }
  addDays(value: bigint, scale: number): void {
    if (value > BigInt(int32Max) || value < BigInt(int32Min)) fail('field')
    this.days = this.checkInt32(this.days + this.checkInt32(Number(value) * scale))
  }
  addMonths(value: bigint): void {
    if (value > BigInt(int32Max) || value < BigInt(int32Min)) fail('field')
    this.months = this.checkInt32(this.months + Number(value))
  }
  addYears(value: bigint, scale: number): void {
    if (value > BigInt(int32Max) || value < BigInt(int32Min)) fail('field')
    this.years = this.checkInt32(this.years + this.checkInt32(Number(value) * scale))
  }
  addFractYears(fraction: number, scale: number): void {
    if (fraction === 0) return
    this.months = this.checkInt32(this.months + rint(fraction * scale * 12))
  }
  result(): IntervalParts {
    const months = this.years * 12 + this.months
    if (months > int32Max || months < int32Min) {
      throw new SqlError(SqlState.datetimeValueOutOfRange, 'interval out of range')
    }
    return { months: months + 0, days: this.days + 0, micros: this.micros }
  }
}

/** '.5' → 0.5; only digits after the point (no exponent). */
function parseFraction(text: string): number {
  if (!/^\.\d*$/.test(text)) fail('format')
  return text === '.' ? 0 : Number(`0${text}`)
}

function intervalTime(text: string, range: number, b: IntervalBuilder): void {
  const minuteToSecond = range === (intervalFieldMask.minute | intervalFieldMask.second)
  const t = decodeTime(text, minuteToSecond)
  b.micros =
    BigInt(t.micros) +
    BigInt(t.hour) * 3_600_000_000n +
    BigInt(t.minute) * 60_000_000n +
    BigInt(t.second) * 1_000_000n
  if (b.micros > int64Max) fail('field')
}

/** Decodes interval text ('1 year 2 mons', '-1 day +02:03', '1-2', 'P1Y2M', '@ 1 hour ago').
 * `range` is the typmod's field mask: it picks the unit of a bare trailing number. */
export function decodeInterval(text: string, range: number, isSqlStandard: boolean): IntervalParts {
  try {
    try {
      return decodeIntervalFields(text, range, isSqlStandard)
    } catch (error) {
      if (error instanceof Failure && error.reason === 'format') return decodeIso8601Interval(text)
      throw error
    }
  } catch (error) {
    if (error instanceof Failure && error.reason === 'field') fail('interval')
    throw error
  }
}

function decodeIntervalFields(text: string, range: number, isSqlStandard: boolean): IntervalParts {
  const fields = splitFields(text)
  const b = new IntervalBuilder()
  let forceNegative = false
  if (isSqlStandard && fields.length > 0 && fields[0]?.text.startsWith('-')) {
    forceNegative = !fields.slice(1).some((f) => f.text.startsWith('-') || f.text.startsWith('+'))
  }
  let isBefore = false
  // After 'ago' a bare number has no unit at all: PostgreSQL rejects '5 ago'.
  let type: Unit | 'none' | undefined
  let fmask = 0
  for (let i = fields.length - 1; i >= 0; i--) {
    const field = fields[i] as Field
    let tmask = 0
    let handled = false
    if (field.type === 'time') {
      intervalTime(field.text, range, b)
      tmask = timeMask
      if (forceNegative && b.micros > 0n) b.micros = -b.micros
      type = 'day'
      handled = true
    } else if (field.type === 'tz' && field.text.slice(1).includes(':')) {
      let ok = true
      const saved = b.micros
      try {
        intervalTime(field.text.slice(1), range, b)
      } catch (error) {
        if (!(error instanceof Failure)) throw error
        ok = false
        b.micros = saved
      }
      if (ok) {
        tmask = timeMask
        if (field.text[0] === '-') b.micros = -b.micros
        if (forceNegative && b.micros > 0n) b.micros = -b.micros
        type = 'day'
        handled = true
      }
    }
    if (!handled) {
      if (field.type === 'tz' || field.type === 'date' || field.type === 'number') {
        if (type === undefined) type = unitForRange(range)
        const match = /^[+-]?\d*/.exec(field.text)?.[0] ?? ''
        const hasDigits = /\d/.test(match)
        let value = hasDigits ? BigInt(match) : 0n
        if (value > int64Max || value < int64Min) fail('field')
        const rest = hasDigits ? field.text.slice(match.length) : field.text
        let fraction = 0
        if (rest.startsWith('-') && hasDigits) {
          const m2 = /^[ \t\n\r\v\f]*[+-]?\d*/.exec(rest.slice(1))?.[0] ?? ''
          const months = /\d/.test(m2) ? Number(m2.trim()) : 0
          if (months < 0 || months >= 12) fail('field')
          if (1 + m2.length !== rest.length) fail('format')
          type = 'month'
          const signed = field.text.startsWith('-') ? -months : months
          value = value * 12n + BigInt(signed)
        } else if (rest.startsWith('.') && (hasDigits || match === '' || /^[+-]$/.test(match))) {
          fraction = parseFraction(rest)
          if (field.text.startsWith('-')) fraction = -fraction
        } else if (rest !== '') {
          fail('format')
        }
        if (forceNegative) {
          if (value > 0n) value = -value
          if (fraction > 0) fraction = -fraction
        }
        switch (type) {
          case 'microsecond':
            b.addMicros(value, fraction, 1)
            tmask = M.microsecond
            break
          case 'millisecond':
            b.addMicros(value, fraction, 1000)
            tmask = M.millisecond
            break
          case 'second':
            b.addMicros(value, fraction, 1_000_000)
            tmask = fraction === 0 ? M.second : allSecondsMask
            break
          case 'minute':
            b.addMicros(value, fraction, 60_000_000)
            tmask = M.minute
            break
          case 'hour':
            b.addMicros(value, fraction, 3_600_000_000)
            tmask = M.hour
            type = 'day'
            break
          case 'day':
            b.addDays(value, 1)
            b.addFractMicros(fraction, 86_400_000_000)
            tmask = M.day
            break
          case 'week':
            b.addDays(value, 7)
            b.addFractDays(fraction, 7)
            tmask = M.week
            break
          case 'month':
            b.addMonths(value)
            b.addFractDays(fraction, 30)
            tmask = M.month
            break
          case 'year':
            b.addYears(value, 1)
            b.addFractYears(fraction, 1)
            tmask = M.year
            break
          case 'decade':
            b.addYears(value, 10)
            b.addFractYears(fraction, 10)
            tmask = M.decade
            break
          case 'century':
            b.addYears(value, 100)
            b.addFractYears(fraction, 100)
            tmask = M.century
            break
          case 'millennium':
            b.addYears(value, 1000)
            b.addFractYears(fraction, 1000)
            tmask = M.millennium
            break
          default:
            fail('format')
        }
      } else if (field.type === 'string' || field.type === 'special') {
        const keyword = intervalWords.get(keyOf(field.text))
        if (keyword === undefined) fail('format')
        if (keyword.kind === 'ignore') continue
        if (keyword.kind === 'ago') {
          isBefore = true
          type = 'none'
          continue
        }
        type = keyword.value as Unit
      } else {
        fail('format')
      }
    }
    if (tmask & fmask) fail('format')
    fmask |= tmask
  }
  if (fmask === 0) fail('format')
  if (isBefore) {
    b.micros = -b.micros
    b.days = 0 - b.days
    b.months = 0 - b.months
    b.years = 0 - b.years
  }
  return b.result()
}

function unitForRange(range: number): Unit {
  const f = intervalFieldMask
  switch (range) {
    case f.year:
      return 'year'
    case f.month:
    case f.year | f.month:
      return 'month'
    case f.day:
      return 'day'
    case f.hour:
    case f.day | f.hour:
      return 'hour'
    case f.minute:
    case f.hour | f.minute:
    case f.day | f.hour | f.minute:
      return 'minute'
    default:
      return 'second'
  }
}

/** ISO 8601 durations: 'P1Y2M3DT4H5M6S', 'P0001-02-03T04:05:06', 'P00010203T040506'. */
function decodeIso8601Interval(text: string): IntervalParts {
  const b = new IntervalBuilder()
  if (text.length < 2 || text[0] !== 'P') fail('format')
  let at = 1
  let isDatePart = true
  let haveField = false
  const number = (): { value: bigint; fraction: number; start: number } => {
    const start = at
    const c = text[at]
    if (!(isDigit(c) || c === '-' || c === '.')) fail('format')
    const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(at))
    if (match === null) fail('format')
    at += match[0].length
    const parsed = Number(match[0])
    if (!Number.isFinite(parsed) || Math.abs(parsed) > 9.2e18) fail('field')
    const whole = Math.trunc(parsed)
    return { value: BigInt(whole), fraction: parsed - whole, start }
  }
  const integerWidth = (start: number): number => {
    let i = start
    if (text[i] === '-' || text[i] === '+') i++
    let width = 0
    while (isDigit(text[i])) {
      i++
      width++
    }
    return width
  }
  while (at < text.length) {
    if (text[at] === 'T') {
      isDatePart = false
      haveField = false
      at++
      continue
    }
    const { value, fraction, start } = number()
    const unit = text[at] ?? '\0'
    at++
    if (isDatePart) {
      switch (unit) {
        case 'Y':
          b.addYears(value, 1)
          b.addFractYears(fraction, 1)
          break
        case 'M':
          b.addMonths(value)
          b.addFractDays(fraction, 30)
          break
        case 'W':
          b.addDays(value, 7)
          b.addFractDays(fraction, 7)
          break
        case 'D':
          b.addDays(value, 1)
          b.addFractMicros(fraction, 86_400_000_000)
          break
        case 'T':
        case '\0':
        case '-': {
          if ((unit === 'T' || unit === '\0') && integerWidth(start) === 8 && !haveField) {
            b.addYears(value / 10000n, 1)
            b.addMonths((value / 100n) % 100n)
            b.addDays(value % 100n, 1)
            b.addFractMicros(fraction, 86_400_000_000)
            if (unit === '\0') return b.result()
            isDatePart = false
            haveField = false
            continue
          }
          if (haveField) fail('format')
          b.addYears(value, 1)
          b.addFractYears(fraction, 1)
          if (unit === '\0') return b.result()
          if (unit === 'T') {
            isDatePart = false
            haveField = false
            continue
          }
          const monthPart = number()
          b.addMonths(monthPart.value)
          b.addFractDays(monthPart.fraction, 30)
          if (at >= text.length) return b.result()
          if (text[at] === 'T') {
            isDatePart = false
            haveField = false
            at++
            continue
          }
          if (text[at] !== '-') fail('format')
          at++
          const dayPart = number()
          b.addDays(dayPart.value, 1)
          b.addFractMicros(dayPart.fraction, 86_400_000_000)
          if (at >= text.length) return b.result()
          if (text[at] === 'T') {
            isDatePart = false
            haveField = false
            at++
            continue
          }
          fail('format')
          break
        }
        default:
          fail('format')
      }
    } else {
      switch (unit) {
        case 'H':
          b.addMicros(value, fraction, 3_600_000_000)
          break
        case 'M':
          b.addMicros(value, fraction, 60_000_000)
          break
        case 'S':
          b.addMicros(value, fraction, 1_000_000)
          break
        case '\0':
        case ':': {
          if (unit === '\0' && integerWidth(start) === 6 && !haveField) {
            b.addMicros(value / 10000n, 0, 3_600_000_000)
            b.addMicros((value / 100n) % 100n, 0, 60_000_000)
            b.addMicros(value % 100n, 0, 1_000_000)
            // PostgreSQL 15 adds this fraction as microseconds, not seconds.
            b.addFractMicros(fraction, 1)
            return b.result()
          }
          if (haveField) fail('format')
          b.addMicros(value, fraction, 3_600_000_000)
          if (unit === '\0') return b.result()
          const minutePart = number()
          b.addMicros(minutePart.value, minutePart.fraction, 60_000_000)
          if (at >= text.length) return b.result()
          if (text[at] !== ':') fail('format')
          at++
          const secondPart = number()
          b.addMicros(secondPart.value, secondPart.fraction, 1_000_000)
          if (at >= text.length) return b.result()
          fail('format')
          break
        }
        default:
          fail('format')
      }
    }
    haveField = true
  }
  return b.result()
}

/** A unit word of date_trunc (PostgreSQL's DecodeUnits: interval unit words, 'quarter',
 * 'qtr', and the time zone fields), lower-case; undefined when unknown. */
export function lookupTruncUnit(word: string): Unit | undefined {
  if (word === 'quarter' || word === 'qtr') return 'quarter'
  const keyword = intervalWords.get(keyOf(word))
  return keyword?.kind === 'units' ? (keyword.value as Unit) : undefined
}

/** A unit word of EXTRACT / date_part: DecodeUnits, then the datetime keywords ('epoch',
 * 'dow', 'julian'; other reserved words such as 'now' are 'reserved'). */
const extractOnlyWords: Readonly<Record<string, Unit>> = {
  jd: 'julian',
  julian: 'julian',
  dow: 'dow',
  doy: 'doy',
  isodow: 'isodow',
  isoyear: 'isoyear',
}

export function lookupFieldWord(word: string): Unit | 'reserved' | undefined {
  const unit = lookupTruncUnit(word)
  if (unit !== undefined) return unit
  const extra = extractOnlyWords[word]
  if (extra !== undefined) return extra
  const keyword = lookupCore(word)
  if (keyword === undefined) return undefined
  if (keyword.kind === 'reserved') return keyword.value === 'epoch' ? 'epoch' : 'reserved'
  if (keyword.kind === 'units') return keyword.value as Unit
  return undefined
}
