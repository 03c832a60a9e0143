/**
 * Time zones: IANA zones through the Intl API (offset of an instant, and local time → UTC with
 * PostgreSQL's choices in DST gaps and overlaps), POSIX-style zone strings as PostgreSQL's
 * pg_tzset accepts them ('UTC+3' is three hours WEST of UTC, '<+02>-02', 'CET-1CEST'), fixed
 * ISO offsets from SET TIME ZONE ('+02', 5.5), and the time zone abbreviations of PostgreSQL's
 * 'Default' abbreviation set (EST, CET, JST...).
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { dateToDays, daysToDate, julianDayOfWeek, postgresEpochJulian } from './calendar.js'
import { loadTzif, tzifAbbreviation } from './tzif.js'

export type Zone =
  | { readonly kind: 'fixed'; readonly offset: number; readonly abbrev: string }
  | { readonly kind: 'iana'; readonly name: string }
  | {
      readonly kind: 'posix'
      readonly stdAbbrev: string
      readonly stdOffset: number
      readonly dst?: {
        readonly abbrev: string
        readonly offset: number
        readonly start: PosixRule
        readonly end: PosixRule
      }
    }

/** A POSIX transition rule: Mm.w.d, Jn (1..365, no leap day) or n (0..365), at `time` seconds
 * of local time. */
interface PosixRule {
  readonly form: 'M' | 'J' | 'n'
  readonly month: number
  readonly week: number
  readonly day: number
  readonly time: number
}

export const utcZone: Zone = { kind: 'fixed', offset: 0, abbrev: 'UTC' }

// PostgreSQL 15's 'Default' timezone_abbreviations (pg_timezone_abbrevs): name, seconds east, d
// when daylight time. Query: select abbrev, utc_offset, is_dst from pg_timezone_abbrevs.
const abbreviationList =
  'acdt:37800d acsst:37800d acst:34200 act:-18000 acwst:31500 adt:-10800d aedt:39600d ' +
  'aesst:39600d aest:36000 aft:16200 akdt:-28800d akst:-32400 almst:25200d almt:21600 ' +
  'amst:14400 amt:-14400 anast:43200 anat:43200 arst:-10800 art:-10800 ast:-14400 ' +
  'awsst:32400d awst:28800 azost:0d azot:-3600 azst:14400 azt:14400 bdst:7200d bdt:21600 ' +
  'bnt:28800 bort:28800 bot:-14400 bra:-10800 brst:-7200d brt:-10800 bst:3600d btt:21600 ' +
  'cadt:37800d cast:34200 cct:28800 cdt:-18000d cest:7200d cet:3600 cetdst:7200d ' +
  'chadt:49500d chast:45900 chut:36000 ckt:-36000 clst:-10800d clt:-10800d cot:-18000 ' +
  'cst:-21600 cxt:25200 davt:25200 ddut:36000 easst:-18000d east:-18000d eat:10800 ' +
  'edt:-14400d eest:10800d eet:7200 eetdst:10800d egst:0d egt:-3600 est:-18000 fet:10800 ' +
  'fjst:46800d fjt:43200 fkst:-10800 fkt:-10800 fnst:-3600d fnt:-7200 galt:-21600 ' +
  'gamt:-32400 gest:14400 get:14400 gft:-10800 gilt:43200 gmt:0 gyt:-14400 hkt:28800 ' +
  'hst:-36000 ict:25200 idt:10800d iot:21600 irkst:28800 irkt:28800 irt:12600 ist:7200 ' +
  'jayt:32400 jst:32400 kdt:36000d kgst:21600d kgt:21600 kost:39600 krast:25200 krat:25200 ' +
  'kst:32400 lhdt:39600d lhst:37800 ligt:36000 lint:50400 lkt:19800 magst:39600 magt:39600 ' +
  'mart:-34200 mawt:18000 mdt:-21600d mest:7200d mesz:7200d met:3600 metdst:7200d mez:3600 ' +
  'mht:43200 mmt:23400 mpt:36000 msd:14400d msk:10800 mst:-25200 must:18000d mut:14400 ' +
  'mvt:18000 myt:28800 ndt:-9000d nft:-12600 novst:25200 novt:25200 npt:20700 nst:-12600 ' +
  'nut:-39600 nzdt:46800d nzst:43200 nzt:43200 omsst:21600 omst:21600 pdt:-25200d pet:-18000 ' +
  'petst:43200 pett:43200 pgt:36000 pht:28800 pkst:21600d pkt:18000 pmdt:-7200d pmst:-10800 ' +
  'pont:39600 pst:-28800 pwt:32400 pyst:-10800d pyt:-10800 ret:14400 sadt:37800d sast:7200 ' +
  'sct:14400 sgt:28800 taht:-36000 tft:18000 tjt:18000 tkt:46800 tmt:18000 tot:46800 ' +
  'trut:36000 tvt:43200 uct:0 ulast:32400d ulat:28800 ut:0 utc:0 uyst:-7200d uyt:-10800 ' +
  'uzst:21600d uzt:18000 vet:-14400 vlast:36000 vlat:36000 volt:10800 vut:39600 ' +
  'wadt:28800d wakt:43200 wast:25200 wat:3600 wdt:32400d wet:0 wetdst:3600d wft:43200 ' +
  'wgst:-7200d wgt:-10800 xjt:21600 yakst:32400 yakt:32400 yapt:36000 yekst:21600d ' +
  'yekt:18000 z:0 zulu:0'

export interface Abbreviation {
  readonly offset: number
  readonly isDst: boolean
}

const abbreviations = new Map<string, Abbreviation>()
for (const entry of abbreviationList.split(' ')) {
  const [name = '', value = ''] = entry.split(':')
  const isDst = value.endsWith('d')
  abbreviations.set(name, { offset: Number.parseInt(value, 10), isDst })
}

/** A time zone abbreviation of the 'Default' set (lower-case name). */
export function lookupAbbreviation(lowerName: string): Abbreviation | undefined {
  return abbreviations.get(lowerName)
}

// --- IANA zones through Intl ---------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>()

function offsetFormatter(name: string): Intl.DateTimeFormat {
  let found = formatters.get(name)
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
    formatters.set(name, found)
  }
  return found
}

/** 400 Gregorian years, in seconds: the calendar (and DST rules by weekday) repeat. */
const cycleSeconds = 146097 * 86400
const jsDateSecondsMax = 8.64e12 - cycleSeconds

function ianaOffset(name: string, utcSeconds: number): number {
  let seconds = utcSeconds
  while (seconds > jsDateSecondsMax)
    seconds -= cycleSeconds * Math.ceil((seconds - jsDateSecondsMax) / cycleSeconds)
  while (seconds < -jsDateSecondsMax)
    seconds += cycleSeconds * Math.ceil((-jsDateSecondsMax - seconds) / cycleSeconds)
  const parts = offsetFormatter(name).formatToParts(new Date(seconds * 1000))
  const text = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT'
  const match = /^GMT([+-])(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text)
  if (match === null) return 0
  const value =
    Number(match[2]) * 3600 +
    Number(match[3]) * 60 +
    (match[4] === undefined ? 0 : Number(match[4]))
  return match[1] === '-' ? -value : value
}

const offsetCache = new Map<string, number>()
const offsetCacheEntriesMax = 8192

function cachedIanaOffset(name: string, utcSeconds: number): number {
  const key = `${name} ${utcSeconds}`
  const hit = offsetCache.get(key)
  if (hit !== undefined) return hit
  const value = ianaOffset(name, utcSeconds)
  if (offsetCache.size >= offsetCacheEntriesMax) offsetCache.clear()
  offsetCache.set(key, value)
  return value
}

// Abbreviations as tzdata spells them, where Intl's English names differ or are missing.
const zoneAbbreviations: Readonly<Record<string, readonly [string, string]>> = {
  'Europe/Moscow': ['MSK', 'MSD'],
  'Asia/Tokyo': ['JST', 'JDT'],
  'Asia/Shanghai': ['CST', 'CDT'],
  'Asia/Seoul': ['KST', 'KDT'],
  'Asia/Jerusalem': ['IST', 'IDT'],
  'Asia/Karachi': ['PKT', 'PKST'],
  'Asia/Jakarta': ['WIB', 'WIB'],
  'Asia/Manila': ['PST', 'PDT'],
  'Asia/Hong_Kong': ['HKT', 'HKST'],
  'Asia/Kolkata': ['IST', 'IST'],
  'Asia/Calcutta': ['IST', 'IST'],
  'Europe/Dublin': ['GMT', 'IST'],
  'Europe/London': ['GMT', 'BST'],
  'Australia/Sydney': ['AEST', 'AEDT'],
  'Australia/Melbourne': ['AEST', 'AEDT'],
  'Australia/Hobart': ['AEST', 'AEDT'],
  'Australia/Brisbane': ['AEST', 'AEDT'],
  'Australia/Adelaide': ['ACST', 'ACDT'],
  'Australia/Darwin': ['ACST', 'ACDT'],
  'Australia/Perth': ['AWST', 'AWDT'],
}

const abbreviationLocales = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA', 'en-NG', 'en-KE']
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat[]>()

function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hours = Math.floor(abs / 3600)
  const minutes = Math.floor((abs % 3600) / 60)
  const seconds = abs % 60
  let text = `${sign}${String(hours).padStart(2, '0')}`
  if (minutes !== 0 || seconds !== 0) text += String(minutes).padStart(2, '0')
  if (seconds !== 0) text += String(seconds).padStart(2, '0')
  return text
}

/** 2400-01-01 in Unix seconds: later instants map into 2000-2399 for abbreviations, whose
 * rules repeat every 400 years (Intl names far-future instants by their offset only). */
const year2400 = 13569465600

function ianaAbbreviation(name: string, rawSeconds: number, offset: number): string {
  const utcSeconds =
    rawSeconds >= year2400
      ? rawSeconds - Math.ceil((rawSeconds - year2400 + 1) / cycleSeconds) * cycleSeconds
      : rawSeconds
  if (name === 'UTC' || name === 'Etc/UTC' || name === 'Etc/UCT' || name === 'UCT') return 'UTC'
  const tzif = loadTzif(name)
  if (tzif !== undefined) {
    const found = tzifAbbreviation(tzif, rawSeconds)
    if (found !== undefined) return found
    const rules = footerZone(tzif.footer)
    if (rules !== undefined) {
      const sincePostgresEpoch = BigInt(rawSeconds - (postgresEpochJulian - 2440588) * 86400)
      return abbreviationAtUtc(rules, sincePostgresEpoch * 1_000_000n)
    }
  }
  // Before a zone's first transition tzdata calls its local mean time 'LMT'.
  if (offset % 900 !== 0 && offset === ianaOffset(name, -jsDateSecondsMax)) return 'LMT'
  const january = ianaOffset(name, utcSeconds - (utcSeconds % (365 * 86400)))
  const july = ianaOffset(name, utcSeconds - (utcSeconds % (365 * 86400)) + 182 * 86400)
  const isDst = offset > Math.min(january, july)
  const known = zoneAbbreviations[name]
  if (known !== undefined) return isDst ? known[1] : known[0]
  const fromIntl = intlAbbreviation(name, utcSeconds, offset)
  if (fromIntl !== undefined) return fromIntl
  // Intl names old instants by their offset only; the same offset today has the same name.
  for (const recent of [1704067200, 1719792000]) {
    if (ianaOffset(name, recent) === offset) {
      const today = intlAbbreviation(name, recent, offset)
      if (today !== undefined) return today
    }
  }
  return numericAbbreviation(offset)
}

function intlAbbreviation(name: string, utcSeconds: number, offset: number): string | undefined {
  let list = abbreviationFormatters.get(name)
  if (list === undefined) {
    list = abbreviationLocales.map(
      (locale) => new Intl.DateTimeFormat(locale, { timeZone: name, timeZoneName: 'short' }),
    )
    abbreviationFormatters.set(name, list)
  }
  const date = new Date(Math.max(Math.min(utcSeconds, jsDateSecondsMax), -jsDateSecondsMax) * 1000)
  for (const formatter of list) {
    const text = formatter.formatToParts(date).find((part) => part.type === 'timeZoneName')?.value
    if (text !== undefined && /^[A-Z]{2,5}$/.test(text) && text !== 'GMT') return text
    if (text === 'GMT' && offset === 0) return 'GMT'
  }
  return undefined
}

const footerZones = new Map<string, Zone | null>()

function footerZone(footer: string): Zone | undefined {
  const hit = footerZones.get(footer)
  if (hit !== undefined) return hit ?? undefined
  const zone = footer === '' ? null : (parsePosixZone(footer) ?? null)
  if (footerZones.size > 512) footerZones.clear()
  footerZones.set(footer, zone)
  return zone ?? undefined
}

// --- POSIX zone strings ----------------------------------------------------------------------

/** Parses '[+-]hh[:mm[:ss]]' at `text[at]`; returns seconds and the end index. */
function parsePosixOffset(text: string, at: number): [number, number] | undefined {
  const match = /^([+-]?)(\d+)(?::(\d+)(?::(\d+))?)?/.exec(text.slice(at))
  if (match === null) return undefined
  const hours = Number(match[2])
  const minutes = match[3] === undefined ? 0 : Number(match[3])
  const seconds = match[4] === undefined ? 0 : Number(match[4])
  if (hours > 167 || minutes > 59 || seconds > 59) return undefined
  const value = hours * 3600 + minutes * 60 + seconds
  return [match[1] === '-' ? -value : value, at + match[0].length]
}

/** A POSIX zone abbreviation: '<...>' or a run of characters other than digits, ',', '-', '+'
 * (PostgreSQL's tz code takes any such run, even 'a' or 'foo/bar'). */
function parsePosixName(text: string, at: number): [string, number] | undefined {
  if (text[at] === '<') {
    const close = text.indexOf('>', at)
    if (close < 0) return undefined
    const name = text.slice(at + 1, close)
    if (name.length < 1) return undefined
    return [name, close + 1]
  }
  const match = /^[^0-9,+-]+/.exec(text.slice(at))
  if (match === null) return undefined
  return [match[0], at + match[0].length]
}

function parsePosixRule(text: string): PosixRule | undefined {
  const match = /^(?:M(\d{1,2})\.(\d)\.(\d)|J(\d{1,3})|(\d{1,3}))(?:\/(.*))?$/.exec(text)
  if (match === null) return undefined
  let time = 7200
  if (match[6] !== undefined) {
    const parsed = parsePosixOffset(match[6], 0)
    if (parsed === undefined || parsed[1] !== match[6].length) return undefined
    time = parsed[0]
  }
  if (match[1] !== undefined) {
    const month = Number(match[1])
    const week = Number(match[2])
    const day = Number(match[3])
    if (month < 1 || month > 12 || week < 1 || week > 5 || day > 6) return undefined
    return { form: 'M', month, week, day, time }
  }
  if (match[4] !== undefined) {
    const day = Number(match[4])
    if (day < 1 || day > 365) return undefined
    return { form: 'J', month: 0, week: 0, day, time }
  }
  const day = Number(match[5])
  if (day > 365) return undefined
  return { form: 'n', month: 0, week: 0, day, time }
}

// PostgreSQL's default rules for a POSIX zone without them (its posixrules: US rules).
const defaultStart: PosixRule = { form: 'M', month: 3, week: 2, day: 0, time: 7200 }
const defaultEnd: PosixRule = { form: 'M', month: 11, week: 1, day: 0, time: 7200 }

/** A POSIX TZ string ('UTC+3', '<+02>-02', 'CET-1CEST,M3.5.0,M10.5.0/3', '+02'); offsets in
 * it count west of UTC, the returned zone east. */
export function parsePosixZone(text: string): Zone | undefined {
  let at = 0
  let stdAbbrev = ''
  if (!/^[+-]?\d/.test(text)) {
    const name = parsePosixName(text, 0)
    if (name === undefined) return undefined
    ;[stdAbbrev, at] = name
  }
  const std = parsePosixOffset(text, at)
  if (std === undefined) return undefined
  at = std[1]
  const stdOffset = -std[0]
  if (stdAbbrev === '') stdAbbrev = numericAbbreviation(stdOffset)
  if (at === text.length) return { kind: 'posix', stdAbbrev, stdOffset }
  const dstName = parsePosixName(text, at)
  if (dstName === undefined) return undefined
  at = dstName[1]
  let dstOffset = stdOffset + 3600
  if (at < text.length && text[at] !== ',') {
    const parsed = parsePosixOffset(text, at)
    if (parsed === undefined) return undefined
    dstOffset = -parsed[0]
    at = parsed[1]
  }
  let start = defaultStart
  let end = defaultEnd
  if (at < text.length) {
    const rules = text.slice(at + 1).split(',')
    if (text[at] !== ',' || rules.length !== 2) return undefined
    const first = parsePosixRule(rules[0] ?? '')
    const second = parsePosixRule(rules[1] ?? '')
    if (first === undefined || second === undefined) return undefined
    start = first
    end = second
  }
  return {
    kind: 'posix',
    stdAbbrev,
    stdOffset,
    dst: { abbrev: dstName[0], offset: dstOffset, start, end },
  }
}

/** Seconds since 2000-01-01 (local time) at which a rule fires in a year. */
function ruleLocalSeconds(rule: PosixRule, year: number): number {
  let days: number
  if (rule.form === 'M') {
    const first = dateToDays(year, rule.month, 1)
    const firstDow = julianDayOfWeek(first + postgresEpochJulian)
    let day = first + ((rule.day - firstDow + 7) % 7) + (rule.week - 1) * 7
    const monthEnd = dateToDays(rule.month === 12 ? year + 1 : year, (rule.month % 12) + 1, 1)
    while (day >= monthEnd) day -= 7
    days = day
  } else if (rule.form === 'J') {
    const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    days = dateToDays(year, 1, 1) + rule.day - 1 + (isLeap && rule.day >= 60 ? 1 : 0)
  } else {
    days = dateToDays(year, 1, 1) + rule.day
  }
  return days * 86400 + rule.time
}

function posixOffset(zone: Zone & { kind: 'posix' }, utcSeconds: number): [number, boolean] {
  const dst = zone.dst
  if (dst === undefined) return [zone.stdOffset, false]
  const local = utcSeconds + zone.stdOffset
  const year = daysToDate(Math.floor(local / 86400)).year
  const startUtc = ruleLocalSeconds(dst.start, year) - zone.stdOffset
  const endUtc = ruleLocalSeconds(dst.end, year) - dst.offset
  const isDst =
    startUtc < endUtc
      ? utcSeconds >= startUtc && utcSeconds < endUtc
      : utcSeconds >= startUtc || utcSeconds < endUtc
  return isDst ? [dst.offset, true] : [zone.stdOffset, false]
}

// --- resolving zone names ----------------------------------------------------------------

const ianaNames = new Map<string, string | null>()

function canonicalIana(name: string): string | undefined {
  const key = name.toLowerCase()
  const cached = ianaNames.get(key)
  if (cached !== undefined) return cached ?? undefined
  let resolved: string | null = null
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && name.length <= 64) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name })
      // Keep the spelling of the link the user named (Intl may canonicalise 'EST' to a city).
      resolved = canonicalSpelling(name)
    } catch {
      resolved = null
    }
  }
  if (ianaNames.size > 4096) ianaNames.clear()
  ianaNames.set(key, resolved)
  return resolved ?? undefined
}

const supportedZones: ReadonlyMap<string, string> = new Map(
  (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []).map(
    (zone) => [zone.toLowerCase(), zone],
  ),
)

function canonicalSpelling(name: string): string {
  return supportedZones.get(name.toLowerCase()) ?? name
}

/** PostgreSQL's pg_tzset: an IANA zone name (any case) or a POSIX zone string. */
export function findZone(name: string): Zone | undefined {
  if (name.length === 0) return undefined
  const lower = name.toLowerCase()
  if (lower === 'utc' || lower === 'etc/utc' || lower === 'zulu' || lower === 'uct') {
    return { kind: 'fixed', offset: 0, abbrev: 'UTC' }
  }
  if (lower === 'gmt' || lower === 'etc/gmt') return { kind: 'fixed', offset: 0, abbrev: 'GMT' }
  if (lower === 'z' || lower === 'localtime' || lower === 'posixrules' || lower === 'factory') {
    return undefined
  }
  const iana = canonicalIana(name)
  if (iana !== undefined) return { kind: 'iana', name: iana }
  return parsePosixZone(name)
}

const sessionZones = new Map<string, Zone>()

/** The zone of the TimeZone setting as SET TIME ZONE accepts it: a bare number is hours EAST
 * of UTC (ISO sign: '+02', '5.5', '-8'); anything else as pg_tzset. 22023 when unknown. */
export function sessionZone(setting: string): Zone {
  const cached = sessionZones.get(setting)
  if (cached !== undefined) return cached
  let zone: Zone | undefined
  const trimmed = setting.trim()
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
    const seconds = Math.round(Number(trimmed) * 3600)
    if (Math.abs(seconds) <= 168 * 3600) {
      zone = { kind: 'fixed', offset: seconds, abbrev: numericZoneLabel(seconds) }
    }
  } else {
    zone = findZone(setting)
  }
  if (zone === undefined) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `invalid value for parameter "TimeZone": "${setting}"`,
    )
  }
  if (sessionZones.size > 256) sessionZones.clear()
  sessionZones.set(setting, zone)
  return zone
}

/** '+02', '-08', '+05:30': how PostgreSQL names a fixed ISO-offset zone. */
function numericZoneLabel(offset: number): string {
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hours = Math.floor(abs / 3600)
  const minutes = Math.floor((abs % 3600) / 60)
  const seconds = abs % 60
  let text = `${sign}${String(hours).padStart(2, '0')}`
  if (minutes !== 0 || seconds !== 0) text += `:${String(minutes).padStart(2, '0')}`
  if (seconds !== 0) text += `:${String(seconds).padStart(2, '0')}`
  return text
}

/** The zone named in AT TIME ZONE / timezone(text, ...): an abbreviation first, then pg_tzset;
 * 22023 'time zone "x" not recognized' otherwise. */
export function zoneForFunction(name: string): Zone {
  const abbreviation = lookupAbbreviation(name.toLowerCase())
  if (abbreviation !== undefined) {
    return { kind: 'fixed', offset: abbreviation.offset, abbrev: name.toUpperCase() }
  }
  const zone = findZone(name)
  if (zone === undefined) {
    throw new SqlError(SqlState.invalidParameterValue, `time zone "${name}" not recognized`)
  }
  return zone
}

/** The offset of a zone that has only ever had one (PostgreSQL's pg_get_timezone_offset):
 * fixed offsets, POSIX zones whose daylight offset equals the standard one, Etc/ zones. */
export function fixedOffsetOf(zone: Zone): number | undefined {
  if (zone.kind === 'fixed') return zone.offset
  if (zone.kind === 'posix') {
    if (zone.dst === undefined || zone.dst.offset === zone.stdOffset) return zone.stdOffset
    return undefined
  }
  if (/^etc\//i.test(zone.name)) return offsetAtUtc(zone, 0n)
  return undefined
}

/** Seconds east of UTC in effect at an instant (µs since 2000-01-01 UTC). */
export function offsetAtUtc(zone: Zone, utc: bigint): number {
  if (zone.kind === 'fixed') return zone.offset
  const seconds = Number(utc / 1_000_000n) - (utc < 0n && utc % 1_000_000n !== 0n ? 1 : 0)
  const unixSeconds = seconds + (postgresEpochJulian - 2440588) * 86400
  if (zone.kind === 'posix') return posixOffset(zone, seconds)[0]
  return cachedIanaOffset(zone.name, unixSeconds)
}

/** The abbreviation in effect at an instant ('EST', 'CEST', '+04'). */
export function abbreviationAtUtc(zone: Zone, utc: bigint): string {
  if (zone.kind === 'fixed') return zone.abbrev
  const seconds = Number(utc / 1_000_000n) - (utc < 0n && utc % 1_000_000n !== 0n ? 1 : 0)
  if (zone.kind === 'posix') {
    const [, isDst] = posixOffset(zone, seconds)
    return isDst && zone.dst !== undefined ? zone.dst.abbrev : zone.stdAbbrev
  }
  const unixSeconds = seconds + (postgresEpochJulian - 2440588) * 86400
  return ianaAbbreviation(zone.name, unixSeconds, cachedIanaOffset(zone.name, unixSeconds))
}

/**
 * The offset (seconds east) to read a local time (µs since 2000-01-01, wall clock) in a zone,
 * as PostgreSQL decides: in a spring-forward gap the offset from before the transition, in a
 * fall-back overlap the offset from after it.
 */
export function offsetForLocal(zone: Zone, local: bigint): number {
  if (zone.kind === 'fixed') return zone.offset
  const before = offsetAtUtc(zone, local - 86_400_000_000n)
  const after = offsetAtUtc(zone, local + 86_400_000_000n)
  const isBeforeValid = offsetAtUtc(zone, local - BigInt(before) * 1_000_000n) === before
  if (before === after) {
    if (isBeforeValid) return before
    // Two transitions within two days: take the offset at the guessed instant.
    return offsetAtUtc(zone, local - BigInt(before) * 1_000_000n)
  }
  const isAfterValid = offsetAtUtc(zone, local - BigInt(after) * 1_000_000n) === after
  if (isAfterValid) return after
  if (isBeforeValid) return before
  return before
}

/** Local wall-clock time → UTC instant. */
export function localToUtc(zone: Zone, local: bigint): bigint {
  return local - BigInt(offsetForLocal(zone, local)) * 1_000_000n
}

/** UTC instant → local wall-clock time. */
export function utcToLocal(zone: Zone, utc: bigint): bigint {
  return utc + BigInt(offsetAtUtc(zone, utc)) * 1_000_000n
}
