/**
 * Zone abbreviations from the system's compiled tzdata (TZif files under TZDIR or
 * /usr/share/zoneinfo), where present: they name every period exactly as PostgreSQL prints
 * it ('LMT', 'MMT', '+1030'), which Intl's English names cannot. Offsets still come from Intl.
 * Absent files (another platform, a slim container) leave the caller to its fallback.
 */
import { readFileSync } from 'node:fs'

interface TzifInfo {
  readonly offset: number
  readonly isDst: boolean
  readonly abbrev: string
}

export interface TzifData {
  /** Transition instants, Unix seconds, ascending. */
  readonly times: readonly number[]
  /** For each transition, the index into `infos` in force from it. */
  readonly types: readonly number[]
  readonly infos: readonly TzifInfo[]
  /** The POSIX TZ string for instants after the last transition, or ''. */
  readonly footer: string
}

const cache = new Map<string, TzifData | null>()
const cacheEntriesMax = 256

function zoneDirectory(): string {
  const fromEnv = typeof process === 'undefined' ? undefined : process.env['TZDIR']
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : '/usr/share/zoneinfo'
}

/** The parsed TZif file of an IANA zone, or undefined when there is none to read. */
export function loadTzif(name: string): TzifData | undefined {
  const hit = cache.get(name)
  if (hit !== undefined) return hit ?? undefined
  let data: TzifData | null = null
  if (/^[A-Za-z0-9_+-]+(\/[A-Za-z0-9_+-]+)*$/.test(name) && name.length <= 64) {
    try {
      data = parseTzif(readFileSync(`${zoneDirectory()}/${name}`))
    } catch {
      data = null
    }
  }
  if (cache.size >= cacheEntriesMax) cache.clear()
  cache.set(name, data)
  return data ?? undefined
}

function parseTzif(bytes: Uint8Array): TzifData | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const magic = String.fromCharCode(...bytes.subarray(0, 4))
  if (magic !== 'TZif' || bytes.length < 44) return null
  const version = bytes[4] ?? 0
  const counts = (at: number): number[] =>
    [0, 1, 2, 3, 4, 5].map((i) => view.getUint32(at + 20 + i * 4))
  let at = 0
  let [isUt = 0, isStd = 0, leap = 0, timeCount = 0, typeCount = 0, charCount = 0] = counts(at)
  let timeSize = 4
  if (version >= 0x32) {
    // Skip the 32-bit block; the 64-bit one follows with its own header.
    at += 44 + timeCount * 5 + typeCount * 6 + charCount + leap * 8 + isStd + isUt
    ;[isUt = 0, isStd = 0, leap = 0, timeCount = 0, typeCount = 0, charCount = 0] = counts(at)
    timeSize = 8
  }
  at += 44
  const times: number[] = []
  for (let i = 0; i < timeCount; i++) {
    times.push(timeSize === 8 ? Number(view.getBigInt64(at + i * 8)) : view.getInt32(at + i * 4))
  }
  at += timeCount * timeSize
  const types = Array.from(bytes.subarray(at, at + timeCount))
  at += timeCount
  const raw: [number, boolean, number][] = []
  for (let i = 0; i < typeCount; i++) {
    raw.push([view.getInt32(at + i * 6), bytes[at + i * 6 + 4] === 1, bytes[at + i * 6 + 5] ?? 0])
  }
  at += typeCount * 6
  const chars = bytes.subarray(at, at + charCount)
  at += charCount + leap * (timeSize + 4) + isStd + isUt
  const infos = raw.map(([offset, isDst, index]) => {
    let end = index
    while (end < chars.length && chars[end] !== 0) end++
    return { offset, isDst, abbrev: String.fromCharCode(...chars.subarray(index, end)) }
  })
  let footer = ''
  if (timeSize === 8 && bytes[at] === 0x0a) {
    let end = at + 1
    while (end < bytes.length && bytes[end] !== 0x0a) end++
    footer = String.fromCharCode(...bytes.subarray(at + 1, end))
  }
  if (infos.length === 0) return null
  return { times, types, infos, footer }
}

/** The abbreviation in force at a Unix instant, or undefined when the footer rules apply
 * (the caller evaluates `data.footer` then). */
export function tzifAbbreviation(data: TzifData, unixSeconds: number): string | undefined {
  const { times } = data
  if (times.length === 0 || unixSeconds < (times[0] ?? 0)) return data.infos[0]?.abbrev
  let low = 0
  let high = times.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((times[mid] ?? 0) <= unixSeconds) low = mid
    else high = mid - 1
  }
  if (low === times.length - 1 && data.footer !== '') return undefined
  return data.infos[data.types[low] ?? 0]?.abbrev
}
