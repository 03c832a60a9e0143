/**
 * to_char for timestamps, timestamptz and intervals, and to_timestamp / to_date, with
 * PostgreSQL's template patterns (YYYY, MM, DD, HH24, HH12, MI, SS, MS, US, FF1-6, AM/PM, Mon,
 * Month, Day, Dy, TZ, TZH, TZM, OF, J, Q, RM, CC, IYYY, IW, ID, DDD, W, WW, SSSS), the FM and
 * FX prefixes, TH/th suffixes, and quoted literal text.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import {
  type DateTimeFields,
  dateToJulian,
  daysInMonth,
  isoYearStart,
  julianDayOfWeek,
  julianToDate,
} from './calendar.js'

type Case = 'upper' | 'capital' | 'lower'

interface KeywordDef {
  readonly name: string
  readonly id: string
  readonly textCase?: Case
  /** Whether to_timestamp reads digits for it (a "digit" field). */
  readonly isDigit: boolean
}

function kw(name: string, id: string, isDigit: boolean, textCase?: Case): KeywordDef {
  return textCase === undefined ? { name, id, isDigit } : { name, id, isDigit, textCase }
}

// Longest names first so that a prefix (HH) never hides a longer keyword (HH24).
const keywordList: KeywordDef[] = [
  kw('A.D.', 'AD.', false, 'upper'),
  kw('A.M.', 'AM.', false, 'upper'),
  kw('AD', 'AD', false, 'upper'),
  kw('AM', 'AM', false, 'upper'),
  kw('B.C.', 'AD.', false, 'upper'),
  kw('BC', 'AD', false, 'upper'),
  kw('CC', 'CC', true),
  kw('DAY', 'DAY', false, 'upper'),
  kw('DDD', 'DDD', true),
  kw('DD', 'DD', true),
  kw('DY', 'DY', false, 'upper'),
  kw('Day', 'DAY', false, 'capital'),
  kw('Dy', 'DY', false, 'capital'),
  kw('D', 'D', true),
  kw('FF1', 'FF1', true),
  kw('FF2', 'FF2', true),
  kw('FF3', 'FF3', true),
  kw('FF4', 'FF4', true),
  kw('FF5', 'FF5', true),
  kw('FF6', 'FF6', true),
  kw('FX', 'FX', false),
  kw('HH24', 'HH24', true),
  kw('HH12', 'HH12', true),
  kw('HH', 'HH12', true),
  kw('IDDD', 'IDDD', true),
  kw('ID', 'ID', true),
  kw('IW', 'IW', true),
  kw('IYYY', 'IYYY', true),
  kw('IYY', 'IYY', true),
  kw('IY', 'IY', true),
  kw('I', 'I', true),
  kw('J', 'J', true),
  kw('MI', 'MI', true),
  kw('MM', 'MM', true),
  kw('MONTH', 'MONTH', false, 'upper'),
  kw('MON', 'MON', false, 'upper'),
  kw('MS', 'MS', true),
  kw('Month', 'MONTH', false, 'capital'),
  kw('Mon', 'MON', false, 'capital'),
  kw('OF', 'OF', false),
  kw('P.M.', 'AM.', false, 'upper'),
  kw('PM', 'AM', false, 'upper'),
  kw('Q', 'Q', true),
  kw('RM', 'RM', false, 'upper'),
  kw('SSSSS', 'SSSS', true),
  kw('SSSS', 'SSSS', true),
  kw('SS', 'SS', true),
  kw('TZH', 'TZH', false),
  kw('TZM', 'TZM', true),
  kw('TZ', 'TZ', false, 'upper'),
  kw('US', 'US', true),
  kw('WW', 'WW', true),
  kw('W', 'W', true),
  kw('Y,YYY', 'Y,YYY', true),
  kw('YYYY', 'YYYY', true),
  kw('YYY', 'YYY', true),
  kw('YY', 'YY', true),
  kw('Y', 'Y', true),
  kw('a.d.', 'AD.', false, 'lower'),
  kw('a.m.', 'AM.', false, 'lower'),
  kw('ad', 'AD', false, 'lower'),
  kw('am', 'AM', false, 'lower'),
  kw('b.c.', 'AD.', false, 'lower'),
  kw('bc', 'AD', false, 'lower'),
  kw('cc', 'CC', true),
  kw('day', 'DAY', false, 'lower'),
  kw('ddd', 'DDD', true),
  kw('dd', 'DD', true),
  kw('dy', 'DY', false, 'lower'),
  kw('d', 'D', true),
  kw('ff1', 'FF1', true),
  kw('ff2', 'FF2', true),
  kw('ff3', 'FF3', true),
  kw('ff4', 'FF4', true),
  kw('ff5', 'FF5', true),
  kw('ff6', 'FF6', true),
  kw('fx', 'FX', false),
  kw('hh24', 'HH24', true),
  kw('hh12', 'HH12', true),
  kw('hh', 'HH12', true),
  kw('iddd', 'IDDD', true),
  kw('id', 'ID', true),
  kw('iw', 'IW', true),
  kw('iyyy', 'IYYY', true),
  kw('iyy', 'IYY', true),
  kw('iy', 'IY', true),
  kw('i', 'I', true),
  kw('j', 'J', true),
  kw('mi', 'MI', true),
  kw('mm', 'MM', true),
  kw('month', 'MONTH', false, 'lower'),
  kw('mon', 'MON', false, 'lower'),
  kw('ms', 'MS', true),
  kw('of', 'OF', false),
  kw('p.m.', 'AM.', false, 'lower'),
  kw('pm', 'AM', false, 'lower'),
  kw('q', 'Q', true),
  kw('rm', 'RM', false, 'lower'),
  kw('sssss', 'SSSS', true),
  kw('ssss', 'SSSS', true),
  kw('ss', 'SS', true),
  kw('tzh', 'TZH', false),
  kw('tzm', 'TZM', true),
  kw('tz', 'TZ', false, 'lower'),
  kw('us', 'US', true),
  kw('ww', 'WW', true),
  kw('w', 'W', true),
  kw('y,yyy', 'Y,YYY', true),
  kw('yyyy', 'YYYY', true),
  kw('yyy', 'YYY', true),
  kw('yy', 'YY', true),
  kw('y', 'Y', true),
]
// Match the longest keyword at a position.
const keywordsByLength = [...keywordList].sort((a, b) => b.name.length - a.name.length)

type FormatNode =
  | {
      kind: 'action'
      key: KeywordDef
      fillMode: boolean
      translate: boolean
      suffix: '' | 'TH' | 'th'
    }
  | { kind: 'char'; text: string; isSeparator: boolean; isSpace: boolean }

const formatCache = new Map<string, FormatNode[]>()
const formatCacheEntriesMax = 256

function isSeparatorChar(c: string): boolean {
  return !/[A-Za-z0-9]/.test(c) && c.charCodeAt(0) < 128 && c !== ' '
}

/** Splits a template into keywords (with FM/TM prefixes and TH/th suffixes) and literals. */
export function parseFormat(format: string): FormatNode[] {
  const cached = formatCache.get(format)
  if (cached !== undefined) return cached
  const nodes: FormatNode[] = []
  let i = 0
  while (i < format.length) {
    let fillMode = false
    let translate = false
    let j = i
    for (;;) {
      const two = format.slice(j, j + 2)
      if (two === 'FM' || two === 'fm') {
        fillMode = true
        j += 2
      } else if (two === 'TM' || two === 'tm') {
        translate = true
        j += 2
      } else break
    }
    const key = keywordsByLength.find((k) => format.startsWith(k.name, j))
    if (key !== undefined) {
      j += key.name.length
      let suffix: '' | 'TH' | 'th' = ''
      const two = format.slice(j, j + 2)
      if (two === 'TH' || two === 'th') {
        suffix = two
        j += 2
      }
      nodes.push({ kind: 'action', key, fillMode, translate, suffix })
      i = j
      continue
    }
    const c = format[i] ?? ''
    if (c === '"') {
      i++
      while (i < format.length && format[i] !== '"') {
        if (format[i] === '\\' && i + 1 < format.length) i++
        const ch = format[i] ?? ''
        nodes.push({ kind: 'char', text: ch, isSeparator: false, isSpace: false })
        i++
      }
      i++
      continue
    }
    if (c === '\\' && format[i + 1] === '"') {
      nodes.push({ kind: 'char', text: '"', isSeparator: false, isSpace: false })
      i += 2
      continue
    }
    const cp = format.codePointAt(i) ?? 0
    const ch = String.fromCodePoint(cp)
    nodes.push({
      kind: 'char',
      text: ch,
      isSeparator: isSeparatorChar(ch),
      isSpace: ch === ' ',
    })
    i += ch.length
  }
  if (formatCache.size >= formatCacheEntriesMax) formatCache.clear()
  formatCache.set(format, nodes)
  return nodes
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const romanMonths = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']

function applyCase(text: string, textCase: Case | undefined): string {
  if (textCase === 'upper') return text.toUpperCase()
  if (textCase === 'lower') return text.toLowerCase()
  return text
}

/** C's "%0*d": zero-padded to `width` characters including the sign. */
function zeroPad(value: number | bigint, width: number): string {
  const negative = value < 0
  const digits = (negative ? -BigInt(value) : BigInt(value)).toString()
  if (!negative) return digits.padStart(width, '0')
  return `-${digits.padStart(width - 1, '0')}`
}

function ordinal(value: number | bigint, upper: boolean): string {
  const n = Number(value < 0 ? -BigInt(value) : BigInt(value))
  const lastTwo = n % 100
  let suffix = 'th'
  if (lastTwo < 11 || lastTwo > 13) {
    const last = n % 10
    if (last === 1) suffix = 'st'
    else if (last === 2) suffix = 'nd'
    else if (last === 3) suffix = 'rd'
  }
  return upper ? suffix.toUpperCase() : suffix
}

/** What to_char formats: calendar fields plus the zone (timestamptz) or interval extras. */
export interface ToCharInput {
  /** Astronomical year (timestamps) or the interval's years. */
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number | bigint
  readonly minute: number
  readonly second: number
  readonly micros: number
  /** Seconds east of UTC (0 for timestamp without time zone and intervals). */
  readonly offset: number
  /** The zone abbreviation (timestamptz), or undefined. */
  readonly zoneAbbrev: string | undefined
  readonly isInterval: boolean
  /** Intervals: the approximate span in days (year × 360 + month × 30 + days). */
  readonly yearDay?: number
}

/** PostgreSQL's date2j formula, which also gives its (meaningless but fixed) answer for the
 * month 0 and year 0 of interval fields. */
function pgDateToJulian(year: number, month: number, day: number): number {
  let y = year
  let m = month
  if (m > 2) {
    m += 1
    y += 4800
  } else {
    m += 13
    y += 4799
  }
  const century = Math.trunc(y / 100)
  let julian = y * 365 - 32167
  julian += Math.trunc(y / 4) - century + Math.trunc(century / 4)
  julian += Math.trunc((7834 * m) / 256) + day
  return julian
}

function pgDayOfWeek(julian: number): number {
  const dow = (julian + 1) % 7
  return dow < 0 ? dow + 7 : dow
}

/** date2isoweek and date2isoyear as PostgreSQL computes them from fields. */
function pgIsoWeek(year: number, month: number, day: number): { week: number; year: number } {
  const dayn = pgDateToJulian(year, month, day)
  let isoYear = year
  let day4 = pgDateToJulian(year, 1, 4)
  let day0 = pgDayOfWeek(day4 - 1)
  if (dayn < day4 - day0) {
    day4 = pgDateToJulian(year - 1, 1, 4)
    day0 = pgDayOfWeek(day4 - 1)
    isoYear--
  }
  let week = Math.trunc((dayn - (day4 - day0)) / 7) + 1
  if (week >= 52) {
    const nextDay4 = pgDateToJulian(year + 1, 1, 4)
    const nextDay0 = pgDayOfWeek(nextDay4 - 1)
    if (dayn >= nextDay4 - nextDay0) {
      week = Math.trunc((dayn - (nextDay4 - nextDay0)) / 7) + 1
      isoYear++
    }
  }
  return { week, year: isoYear }
}

function intervalInvalid(): SqlError {
  return new SqlError(
    SqlState.invalidDatetimeFormat,
    'invalid format specification for an interval value',
    { hint: 'Intervals are not tied to specific calendar dates.' },
  )
}

/** to_char of a timestamp, timestamptz or interval. */
export function toChar(input: ToCharInput, format: string): string {
  const nodes = parseFormat(format)
  let out = ''
  const isInterval = input.isInterval
  const adjustYear = (year: number): number => (isInterval ? year : year <= 0 ? 1 - year : year)
  const julian = pgDateToJulian(input.year, input.month, input.day)
  const iso = (): { week: number; year: number } => pgIsoWeek(input.year, input.month, input.day)
  const hour = BigInt(input.hour)
  for (const node of nodes) {
    if (node.kind === 'char') {
      out += node.text
      continue
    }
    const fm = node.fillMode
    const id = node.key.id
    const textCase = node.key.textCase
    let text: string
    let number: number | bigint | undefined
    const pad = (value: number | bigint, width: number): string => {
      number = value
      return fm ? zeroPad(value, 0) : zeroPad(value, width)
    }
    const signedWidth = (value: number | bigint, width: number): number =>
      value >= 0 ? width : width + 1
    switch (id) {
      case 'AM':
      case 'AM.': {
        // C's remainder keeps the sign: a negative interval hour is always AM.
        const isPm = Number(hour % 24n) >= 12
        const word = id === 'AM' ? (isPm ? 'PM' : 'AM') : isPm ? 'P.M.' : 'A.M.'
        text = applyCase(word, textCase)
        break
      }
      case 'AD':
      case 'AD.': {
        if (isInterval) throw intervalInvalid()
        const isBc = input.year <= 0
        const word = id === 'AD' ? (isBc ? 'BC' : 'AD') : isBc ? 'B.C.' : 'A.D.'
        text = applyCase(word, textCase)
        break
      }
      case 'HH24':
        text = pad(hour, signedWidth(hour, 2))
        break
      case 'HH12': {
        const h12 = hour % 12n === 0n ? 12n : hour % 12n
        // The width follows the sign of the hour itself (a negative interval hour that is a
        // multiple of 12 prints as 012).
        text = pad(h12, signedWidth(hour, 2))
        break
      }
      case 'MI':
        text = pad(input.minute, signedWidth(input.minute, 2))
        break
      case 'SS':
        text = pad(input.second, signedWidth(input.second, 2))
        break
      case 'MS':
        text = zeroPad(Math.trunc(input.micros / 1000), 3)
        number = Math.trunc(input.micros / 1000)
        break
      case 'US':
        text = zeroPad(input.micros, 6)
        number = input.micros
        break
      case 'FF1':
      case 'FF2':
      case 'FF3':
      case 'FF4':
      case 'FF5':
      case 'FF6': {
        const digits = Number(id.slice(2))
        const value = Math.trunc(input.micros / 10 ** (6 - digits))
        text = zeroPad(value, digits)
        number = value
        break
      }
      case 'SSSS': {
        const value = hour * 3600n + BigInt(input.minute * 60 + input.second)
        text = value.toString()
        number = value
        break
      }
      case 'TZ':
        if (isInterval) throw intervalInvalid()
        text = input.zoneAbbrev === undefined ? '' : applyCase(input.zoneAbbrev, textCase)
        break
      case 'TZH': {
        if (isInterval) throw intervalInvalid()
        const sign = input.offset >= 0 ? '+' : '-'
        text = `${sign}${zeroPad(Math.floor(Math.abs(input.offset) / 3600), 2)}`
        break
      }
      case 'TZM':
        if (isInterval) throw intervalInvalid()
        text = zeroPad(Math.floor((Math.abs(input.offset) % 3600) / 60), 2)
        break
      case 'OF': {
        if (isInterval) throw intervalInvalid()
        const abs = Math.abs(input.offset)
        text = `${input.offset >= 0 ? '+' : '-'}${zeroPad(Math.floor(abs / 3600), fm ? 0 : 2)}`
        if (abs % 3600 !== 0) text += `:${zeroPad(Math.floor((abs % 3600) / 60), 2)}`
        break
      }
      case 'MONTH':
      case 'MON': {
        if (isInterval) throw intervalInvalid()
        const name = monthNames[input.month - 1] ?? ''
        const word = applyCase(id === 'MON' ? name.slice(0, 3) : name, textCase)
        text = id === 'MONTH' && !fm ? word.padEnd(9, ' ') : word
        break
      }
      case 'MM':
        text = pad(input.month, signedWidth(input.month, 2))
        break
      case 'DAY':
      case 'DY': {
        if (isInterval) throw intervalInvalid()
        const name = dayNames[julianDayOfWeek(julian)] ?? ''
        const word = applyCase(id === 'DY' ? name.slice(0, 3) : name, textCase)
        text = id === 'DAY' && !fm ? word.padEnd(9, ' ') : word
        break
      }
      case 'DDD': {
        const value = isInterval
          ? (input.yearDay ?? 0)
          : julian - dateToJulian(input.year, 1, 1) + 1
        text = pad(value, 3)
        break
      }
      case 'IDDD': {
        const isoYear = iso().year
        const start = pgDateToJulian(isoYear, 1, 4)
        text = pad(julian - (start - ((pgDayOfWeek(start) + 6) % 7)) + 1, 3)
        break
      }
      case 'DD':
        text = pad(input.day, 2)
        break
      case 'D':
        if (isInterval) throw intervalInvalid()
        text = pad(julianDayOfWeek(julian) + 1, 0)
        break
      case 'ID': {
        if (isInterval) throw intervalInvalid()
        const dow = julianDayOfWeek(julian)
        text = pad(dow === 0 ? 7 : dow, 0)
        break
      }
      case 'WW': {
        const yday = isInterval ? (input.yearDay ?? 0) : julian - dateToJulian(input.year, 1, 1) + 1
        text = pad(Math.trunc((yday - 1) / 7) + 1, 2)
        break
      }
      case 'IW':
        text = pad(iso().week, 2)
        break
      case 'W':
        text = pad(Math.trunc((input.day - 1) / 7) + 1, 0)
        break
      case 'Q':
        if (isInterval && input.month === 0) {
          text = ''
          break
        }
        text = pad(Math.trunc((input.month - 1) / 3) + 1, 0)
        break
      case 'CC': {
        const value = isInterval
          ? Math.trunc(input.year / 100)
          : input.year > 0
            ? Math.trunc((input.year - 1) / 100) + 1
            : Math.trunc(input.year / 100) - 1
        text = pad(value, signedWidth(value, 2))
        break
      }
      case 'J':
        text = pad(julian, 0)
        break
      case 'RM': {
        if (input.month === 0 && input.year === 0) {
          text = ''
          break
        }
        let index: number
        if (input.month === 0) index = input.year >= 0 ? 11 : 0
        else if (input.month < 0) index = 12 + (input.month + 1) - 1
        else index = input.month - 1
        const numeral = applyCase(romanMonths[index] ?? '', textCase)
        text = fm ? numeral : numeral.padEnd(4, ' ')
        break
      }
      case 'Y,YYY': {
        const year = adjustYear(input.year)
        text = `${Math.trunc(year / 1000)},${zeroPad(year % 1000, 3)}`
        number = year
        break
      }
      case 'YYYY':
      case 'IYYY': {
        // The width follows the sign of the calendar year, even for the ISO year.
        const year = adjustYear(id === 'YYYY' ? input.year : iso().year)
        text = pad(year, signedWidth(adjustYear(input.year), 4))
        break
      }
      case 'YYY':
      case 'IYY':
      case 'YY':
      case 'IY':
      case 'Y':
      case 'I': {
        const base = id.startsWith('I') ? iso().year : input.year
        const year = adjustYear(base)
        const width = id.replace('I', 'Y').length
        const modulus = 10 ** width
        // Y is printed with a fixed width of 1; the others widen for a negative year.
        const value = (year % modulus) + 0
        text = pad(value, width === 1 ? 1 : signedWidth(adjustYear(input.year), width))
        break
      }
      default:
        // FX has no output.
        text = ''
        break
    }
    if (node.suffix !== '' && number !== undefined) text += ordinal(number, node.suffix === 'TH')
    out += text
  }
  return out
}

// --- to_timestamp / to_date ----------------------------------------------------------------

export interface ParsedTimestamp {
  fields: DateTimeFields
  /** Seconds east of UTC when TZH/TZM/OF were given. */
  offset: number | undefined
}

function badValue(value: string, key: string, detail: string): SqlError {
  return new SqlError(SqlState.invalidDatetimeFormat, `invalid value "${value}" for "${key}"`, {
    detail,
  })
}

function conflict(key: string): SqlError {
  return new SqlError(
    SqlState.invalidDatetimeFormat,
    `conflicting values for "${key}" field in formatting string`,
    { detail: 'This value contradicts a previous setting for the same field type.' },
  )
}

const digitLengths: Readonly<Record<string, number>> = {
  CC: 2,
  DDD: 3,
  DD: 2,
  D: 1,
  FF1: 1,
  FF2: 2,
  FF3: 3,
  FF4: 4,
  FF5: 5,
  FF6: 6,
  HH24: 2,
  HH12: 2,
  IDDD: 3,
  ID: 1,
  IW: 2,
  IYYY: 4,
  IYY: 3,
  IY: 2,
  I: 1,
  J: 7,
  MI: 2,
  MM: 2,
  MS: 3,
  Q: 1,
  SSSS: 5,
  SS: 2,
  TZM: 2,
  US: 6,
  WW: 2,
  W: 1,
  YYYY: 4,
  YYY: 3,
  YY: 2,
  Y: 1,
}

interface Parsed {
  year?: number
  yearDigits?: number
  isBc?: boolean
  century?: number
  month?: number
  day?: number
  dayOfYear?: number
  julian?: number
  hour?: number
  is12Hour?: boolean
  isPm?: boolean
  minute?: number
  second?: number
  micros?: number
  secondsOfDay?: number
  tzHour?: number
  tzMinute?: number
  isoYear?: number
  isoWeek?: number
  isoDay?: number
  week?: number
  isoDow?: number
  tzNegative?: boolean
}

/**
 * Reads `text` with a to_timestamp template. `typeName` words the out-of-range errors
 * ('timestamp' or 'date').
 */
export function parseWithFormat(text: string, format: string): ParsedTimestamp {
  const nodes = parseFormat(format)
  const p: Parsed = {}
  const set = <K extends keyof Parsed>(key: K, value: Parsed[K], name: string): void => {
    const previous = p[key]
    if (previous !== undefined && previous !== 0 && previous !== value) throw conflict(name)
    p[key] = value
  }
  let at = 0
  let isFixed = false
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as FormatNode
    if (node.kind === 'char') {
      if (at >= text.length) continue
      if (node.isSpace || node.isSeparator) {
        if (isFixed) {
          at++
        } else {
          const c = text[at] ?? ''
          if (c === ' ' || isSeparatorChar(c)) at++
        }
      } else {
        at++
      }
      continue
    }
    const key = node.key
    if (key.id === 'FX') {
      isFixed = true
      continue
    }
    if (!isFixed) while (text[at] === ' ' || text[at] === '\t' || text[at] === '\n') at++
    if (at >= text.length) break
    if (key.isDigit) {
      const next = nodes[index + 1]
      // A TH suffix, a literal, a text field or the end of the template ends the number, so
      // it takes all the digits there are; before another number it takes exactly its width.
      const isNextSeparator =
        node.suffix !== '' ||
        next === undefined ||
        (next.kind === 'char' && !/^[0-9]$/.test(next.text)) ||
        (next.kind === 'action' && !next.key.isDigit)
      const maxLength = key.id === 'Y,YYY' ? 5 : (digitLengths[key.id] ?? 2)
      while (/^[ \t\n\r\v\f]$/.test(text[at] ?? '')) at++
      const copy = text.slice(at, at + maxLength)
      const strtol = (source: string): string => /^[ \t\n\r\v\f]*[+-]?\d+/.exec(source)?.[0] ?? ''
      let consumed: string
      if (key.id === 'Y,YYY') {
        consumed = /^[+-]?\d+(,\d+)?/.exec(text.slice(at))?.[0] ?? ''
      } else if (node.fillMode || isNextSeparator) {
        consumed = strtol(text.slice(at))
      } else {
        const remaining = text.length - at
        if (remaining < maxLength) {
          throw new SqlError(
            SqlState.invalidDatetimeFormat,
            `source string too short for "${key.name}" formatting field`,
            {
              detail: `Field requires ${maxLength} characters, but only ${remaining} remain.`,
              hint: 'If your source string is not fixed-width, try using the "FM" modifier.',
            },
          )
        }
        consumed = strtol(copy)
        if (consumed.length > 0 && consumed.length < maxLength) {
          throw new SqlError(
            SqlState.invalidDatetimeFormat,
            `invalid value "${copy}" for "${key.name}"`,
            {
              detail: `Field requires ${maxLength} characters, but only ${consumed.length} could be parsed.`,
              hint: 'If your source string is not fixed-width, try using the "FM" modifier.',
            },
          )
        }
      }
      if (consumed === '') throw badValue(copy, key.name, 'Value must be an integer.')
      const digits = consumed.replace(',', '').trim()
      const end = at + consumed.length
      const length = digits.replace(/^[+-]/, '').length
      const value = Number(digits) + 0
      if (!Number.isSafeInteger(value) || Math.abs(value) > 2147483647) {
        throw new SqlError(
          SqlState.datetimeValueOutOfRange,
          `value for "${key.name}" in source string is out of range`,
          { detail: 'Value must be in the range -2147483648 to 2147483647.' },
        )
      }
      at = end
      if (node.suffix !== '') {
        const suffix = text.slice(at, at + 2).toLowerCase()
        if (['st', 'nd', 'rd', 'th'].includes(suffix)) at += 2
      }
      switch (key.id) {
        case 'YYYY':
        case 'Y,YYY':
          set('year', value, key.name)
          p.yearDigits = length
          break
        case 'YYY':
        case 'YY':
        case 'Y': {
          let year = value
          if (key.id === 'YY' && length <= 2) year = year < 70 ? year + 2000 : year + 1900
          else if (key.id === 'YYY' && length <= 3) year = year < 100 ? year + 2000 : year + 1000
          else if (key.id === 'Y' && length === 1) year += 2000
          set('year', year, key.name)
          p.yearDigits = length
          break
        }
        case 'IYYY':
        case 'IYY':
        case 'IY':
        case 'I': {
          let year = value
          if (key.id === 'IY' && length <= 2) year = year < 70 ? year + 2000 : year + 1900
          else if (key.id === 'IYY' && length <= 3) year = year < 100 ? year + 2000 : year + 1000
          else if (key.id === 'I' && length === 1) year += 2000
          set('isoYear', year, key.name)
          break
        }
        case 'CC':
          set('century', value, key.name)
          break
        case 'MM':
          set('month', value, key.name)
          break
        case 'DD':
          set('day', value, key.name)
          break
        case 'DDD':
          set('dayOfYear', value, key.name)
          break
        case 'IDDD':
          set('isoDay', value, key.name)
          break
        case 'D':
          break
        case 'ID':
          set('isoDow', value, key.name)
          break
        case 'IW':
          set('isoWeek', value, key.name)
          break
        case 'WW':
        case 'W':
          set('week', value, key.name)
          break
        case 'Q':
          break
        case 'J':
          set('julian', value, key.name)
          break
        case 'HH24':
          set('hour', value, key.name)
          break
        case 'HH12':
          set('hour', value, key.name)
          p.is12Hour = true
          break
        case 'MI':
          set('minute', value, key.name)
          break
        case 'SS':
          set('second', value, key.name)
          break
        case 'SSSS':
          set('secondsOfDay', value, key.name)
          break
        case 'MS': {
          const scale = length === 1 ? 100 : length === 2 ? 10 : 1
          set('micros', value * scale * 1000, key.name)
          break
        }
        case 'US':
        case 'FF1':
        case 'FF2':
        case 'FF3':
        case 'FF4':
        case 'FF5':
        case 'FF6':
          set('micros', value * 10 ** Math.max(0, 6 - length), key.name)
          break
        case 'TZM':
          set('tzMinute', value, key.name)
          break
        default:
          break
      }
      continue
    }
    switch (key.id) {
      case 'MONTH':
      case 'MON':
      case 'DAY':
      case 'DY':
      case 'RM': {
        const candidates =
          key.id === 'MONTH'
            ? monthNames
            : key.id === 'MON'
              ? monthNames.map((m) => m.slice(0, 3))
              : key.id === 'DAY'
                ? dayNames
                : key.id === 'DY'
                  ? dayNames.map((d) => d.slice(0, 3))
                  : [...romanMonths].reverse()
        const rest = text.slice(at).toLowerCase()
        let found = -1
        let length = 0
        candidates.forEach((candidate, i) => {
          if (rest.startsWith(candidate.toLowerCase()) && candidate.length > length) {
            found = i
            length = candidate.length
          }
        })
        if (found < 0) {
          const word = /^\S*/.exec(text.slice(at))?.[0] ?? ''
          throw badValue(
            word,
            key.name,
            'The given value did not match any of the allowed values for this field.',
          )
        }
        at += length
        if (key.id === 'MONTH' || key.id === 'MON') set('month', found + 1, key.name)
        else if (key.id === 'RM') set('month', 12 - found, key.name)
        break
      }
      case 'AM':
      case 'AM.': {
        const rest = text.slice(at).toLowerCase()
        const words = key.id === 'AM' ? ['am', 'pm'] : ['a.m.', 'p.m.']
        const found = words.findIndex((w) => rest.startsWith(w))
        if (found < 0) {
          throw badValue(
            text.slice(at, at + (words[0] ?? '').length),
            key.name,
            'The given value did not match any of the allowed values for this field.',
          )
        }
        at += (words[found] ?? '').length
        set('isPm', found === 1, key.name)
        p.is12Hour = true
        break
      }
      case 'AD':
      case 'AD.': {
        const rest = text.slice(at).toLowerCase()
        const words = key.id === 'AD' ? ['ad', 'bc'] : ['a.d.', 'b.c.']
        const found = words.findIndex((w) => rest.startsWith(w))
        if (found < 0) {
          throw badValue(
            text.slice(at, at + (words[0] ?? '').length),
            key.name,
            'The given value did not match any of the allowed values for this field.',
          )
        }
        at += (words[found] ?? '').length
        set('isBc', found === 1, key.name)
        break
      }
      case 'TZH': {
        const match = /^([+-]?)(\d{1,2})/.exec(text.slice(at))
        if (match === null) {
          throw badValue(text.slice(at, at + 3), key.name, 'Value must be an integer.')
        }
        at += match[0].length
        const sign = match[1] === '-' ? -1 : 1
        set('tzHour', sign * Number(match[2]), key.name)
        p.tzNegative = sign < 0
        break
      }
      case 'TZ':
      case 'OF':
        throw new SqlError(
          SqlState.featureNotSupported,
          `formatting field "${key.name}" is only supported in to_char`,
        )
      default:
        break
    }
  }
  return finish(p, text)
}

/** Days after Monday for an ID value; PostgreSQL counts 0 and anything past 7 as Sunday. */
function isoDowOffset(isoDow: number): number {
  return isoDow >= 1 && isoDow <= 6 ? isoDow - 1 : 6
}

function outOfRange(text: string): SqlError {
  return new SqlError(
    SqlState.datetimeFieldOverflow,
    `date/time field value out of range: "${text}"`,
  )
}

function finish(p: Parsed, text: string): ParsedTimestamp {
  const tm: DateTimeFields = {
    year: 0,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
    micros: 0,
  }
  if (p.year !== undefined && p.year !== 0) {
    if (p.century && (p.yearDigits ?? 4) <= 2) {
      const century = p.isBc === true ? -p.century : p.century
      const low = p.year % 100
      if (low !== 0) {
        tm.year = century >= 0 ? low + (century - 1) * 100 : (century + 1) * 100 - low + 1
      } else {
        tm.year = century * 100 + (century >= 0 ? 0 : 1)
      }
    } else {
      tm.year = p.isBc === true ? 1 - p.year : p.year
    }
  } else if (p.century) {
    const century = p.isBc === true ? -p.century : p.century
    tm.year = century >= 0 ? (century - 1) * 100 + 1 : century * 100 + 1
  }
  if (p.julian !== undefined && p.julian !== 0) {
    const date = julianToDate(p.julian)
    tm.year = date.year
    tm.month = date.month
    tm.day = date.day
  }
  if (p.isoYear && !p.isoWeek && !p.isoDay) {
    // An ISO year alone is read as a plain year.
    tm.year = p.isoYear
  } else if (p.isoWeek || p.isoDay) {
    const isoYear = p.isoYear ?? tm.year
    const start = isoYearStart(isoYear)
    const julian = p.isoDay
      ? start + p.isoDay - 1
      : start + ((p.isoWeek ?? 1) - 1) * 7 + isoDowOffset(p.isoDow ?? 1)
    const date = julianToDate(julian)
    tm.year = date.year
    tm.month = date.month
    tm.day = date.day
  } else if (p.week && !p.month && !p.dayOfYear) {
    const date = julianToDate(dateToJulian(tm.year, 1, 1) + (p.week - 1) * 7)
    tm.month = date.month
    tm.day = date.day
  }
  if (p.month) tm.month = p.month
  if (p.day) tm.day = p.day
  if (p.dayOfYear && (tm.month <= 1 || tm.day <= 1)) {
    // The day of the year fills whichever of month and day the template did not give.
    if (tm.year === 0 && p.isBc !== true) {
      throw new SqlError(
        SqlState.invalidDatetimeFormat,
        'cannot calculate day of year without year information',
      )
    }
    let month = 1
    let before = 0
    while (month <= 12 && p.dayOfYear > before + daysInMonth(tm.year, month)) {
      before += daysInMonth(tm.year, month)
      month++
    }
    if (tm.month <= 1) tm.month = month
    if (tm.day <= 1) tm.day = p.dayOfYear - before
  }
  if (p.secondsOfDay !== undefined) {
    tm.hour = Math.floor(p.secondsOfDay / 3600)
    tm.minute = Math.floor((p.secondsOfDay % 3600) / 60)
    tm.second = p.secondsOfDay % 60
  }
  if (p.hour !== undefined) tm.hour = p.hour
  if (p.minute !== undefined) tm.minute = p.minute
  if (p.second !== undefined) tm.second = p.second
  if (p.micros !== undefined) tm.micros = p.micros
  if (p.is12Hour === true) {
    if (tm.hour < 1 || tm.hour > 12) {
      throw new SqlError(
        SqlState.invalidDatetimeFormat,
        `hour "${tm.hour}" is invalid for the 12-hour clock`,
        { hint: 'Use the 24-hour clock, or give an hour between 1 and 12.' },
      )
    }
    if (p.isPm === true && tm.hour < 12) tm.hour += 12
    else if (p.isPm !== true && tm.hour === 12) tm.hour = 0
  }
  if (tm.month < 1 || tm.month > 12 || tm.day < 1 || tm.day > daysInMonth(tm.year, tm.month)) {
    throw outOfRange(text)
  }
  if (
    tm.hour < 0 ||
    tm.hour > 24 ||
    tm.minute < 0 ||
    tm.minute > 59 ||
    tm.second < 0 ||
    tm.second > 60 ||
    (tm.hour === 24 && (tm.minute > 0 || tm.second > 0 || tm.micros > 0))
  ) {
    throw outOfRange(text)
  }
  let offset: number | undefined
  if (p.tzHour !== undefined || p.tzMinute !== undefined) {
    const hours = p.tzHour ?? 0
    const minutes = p.tzMinute ?? 0
    const sign = p.tzNegative === true ? -1 : 1
    offset = sign * (Math.abs(hours) * 3600 + minutes * 60)
  }
  return { fields: tm, offset }
}
