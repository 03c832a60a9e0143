/**
 * Text functions with PostgreSQL 15's semantics: lengths in characters (code points), bytes
 * and bits; case mapping per character as glibc's towupper/towlower in a UTF-8 locale (no
 * expansion: upper('ß') stays 'ß'; characters added to Unicode after the server's glibc may map
 * here and not there); substr/overlay/position with 1-based character positions;
 * trimming, padding, repetition (bounded by limits.textBytesMax with 54000), split_part with
 * negative field numbers, chr/ascii, starts_with, to_hex, normalize and unistr.
 */
import { randomUUID } from 'node:crypto'
import { SqlError, SqlState } from '../../../errors/index.js'
import { textBytesMax } from '../../../limits.js'
import {
  codePointLength,
  trimTrailingSpaces,
  utf8Length,
  type Value,
} from '../../../types/index.js'
import type { BuiltinFunction } from '../registry.js'
import {
  asBigInt,
  asInt,
  asText,
  characters,
  checkResultBytes,
  fn,
  hasSurrogates,
  isAscii,
  requestedLengthTooLarge,
} from './text-support.js'

/** Simple upper-case mappings whose full mapping expands (Greek letters with a subscript iota:
 * ᾀ → ᾈ, where JavaScript's toUpperCase gives two letters). */
const simpleUpper = new Map<number, number>([
  ...[0x1f80, 0x1f90, 0x1fa0].flatMap((base) =>
    Array.from({ length: 8 }, (_, i) => [base + i, base + i + 8] as [number, number]),
  ),
  [0x1fb3, 0x1fbc],
  [0x1fc3, 0x1fcc],
  [0x1ff3, 0x1ffc],
])

const upperCache = new Map<string, string>()
const lowerCache = new Map<string, string>()

/** towupper/towlower of one character: the simple mapping, never a longer string. */
function mapCharacter(char: string, toUpper: boolean): string {
  const cache = toUpper ? upperCache : lowerCache
  const cached = cache.get(char)
  if (cached !== undefined) return cached
  const mapped = toUpper ? char.toUpperCase() : char.toLowerCase()
  let result = mapped
  const simple = toUpper ? simpleUpper.get(char.codePointAt(0) ?? 0) : undefined
  if (simple !== undefined) {
    result = String.fromCodePoint(simple)
  } else if (codePointLength(mapped) !== 1) {
    // Only full mappings expand (ß → SS, İ → i̇); the simple one keeps ß and maps İ to i.
    result = toUpper ? char : String.fromCodePoint(mapped.codePointAt(0) ?? 0)
  }
  if (cache.size < 4096) cache.set(char, result)
  return result
}

export function upper(text: string): string {
  if (isAscii(text)) return text.toUpperCase()
  let out = ''
  for (const char of text) out += mapCharacter(char, true)
  return out
}

export function lower(text: string): string {
  if (isAscii(text)) return text.toLowerCase()
  let out = ''
  for (const char of text) out += mapCharacter(char, false)
  return out
}

/** iswalnum in glibc's UTF-8 locales: letters, letter numbers and decimal digits. */
const alnum = /^[\p{Alphabetic}\p{Nd}]$/u

export function initcap(text: string): string {
  let out = ''
  let afterAlnum = false
  for (const char of text) {
    out += mapCharacter(char, !afterAlnum)
    afterAlnum = alnum.test(char)
  }
  return out
}

function negativeLength(): SqlError {
  return new SqlError(SqlState.substringError, 'negative substring length not allowed')
}

function integerOutOfRange(): SqlError {
  return new SqlError(SqlState.numericValueOutOfRange, 'integer out of range')
}

/** Characters start..start+length-1 (1-based, clipped), as text_substring. */
export function substring(text: string, start: number, length?: number): string {
  if (length !== undefined && length < 0) throw negativeLength()
  const first = Math.max(start, 1)
  const end = length === undefined ? Number.POSITIVE_INFINITY : start + length // exclusive
  if (end <= first) return ''
  if (!hasSurrogates(text)) {
    return text.slice(first - 1, end === Number.POSITIVE_INFINITY ? undefined : end - 1)
  }
  const chars = Array.from(text)
  return chars.slice(first - 1, end === Number.POSITIVE_INFINITY ? undefined : end - 1).join('')
}

/** 1-based character position of `needle`, 0 when absent, 1 for ''. */
export function position(text: string, needle: string): number {
  const at = text.indexOf(needle)
  if (at < 0) return 0
  return (hasSurrogates(text) ? codePointLength(text.slice(0, at)) : at) + 1
}

function checkedSum(a: number, b: number): number {
  const sum = a + b
  if (sum > 2147483647 || sum < -2147483648) throw integerOutOfRange()
  return sum
}

export function overlay(text: string, replacement: string, start: number, count?: number): string {
  const length = count ?? codePointLength(replacement)
  const head = substring(text, 1, start - 1) // a start below 1 fails here first, as in PostgreSQL
  const after = checkedSum(start, length)
  return head + replacement + substring(text, after)
}

function trimSet(characterSet: string): Set<string> {
  return new Set(characters(characterSet))
}

export function trim(text: string, set: string, leading: boolean, trailing: boolean): string {
  if (set === ' ') {
    if (leading && trailing) return text.replace(/^ +| +$/g, '')
    return leading ? text.replace(/^ +/, '') : trimTrailingSpaces(text)
  }
  if (set === '' || text === '') return text
  const removable = trimSet(set)
  const chars = characters(text)
  let start = 0
  let end = chars.length
  if (leading) while (start < end && removable.has(chars[start] as string)) start++
  if (trailing) while (end > start && removable.has(chars[end - 1] as string)) end--
  return chars.slice(start, end).join('')
}

function checkPadLength(length: number): void {
  // PostgreSQL refuses before building: length times the longest character must fit.
  if (length * 4 > textBytesMax) throw requestedLengthTooLarge()
}

export function pad(text: string, length: number, fill: string, isLeft: boolean): string {
  if (length <= 0) return ''
  const chars = characters(text)
  if (chars.length >= length) return chars.slice(0, length).join('')
  if (fill === '') return text
  checkPadLength(length)
  const fillChars = characters(fill)
  const missing = length - chars.length
  let padding = ''
  const whole = Math.floor(missing / fillChars.length)
  padding = fill.repeat(whole) + fillChars.slice(0, missing - whole * fillChars.length).join('')
  return isLeft ? padding + text : text + padding
}

export function left(text: string, count: number): string {
  const chars = characters(text)
  if (count >= 0) return chars.slice(0, count).join('')
  return chars.slice(0, Math.max(chars.length + count, 0)).join('')
}

export function right(text: string, count: number): string {
  const chars = characters(text)
  if (count >= 0) return chars.slice(Math.max(chars.length - count, 0)).join('')
  return chars.slice(Math.min(-count, chars.length)).join('')
}

export function repeat(text: string, count: number): string {
  if (count <= 0 || text === '') return ''
  checkResultBytes(utf8Length(text) * count)
  return text.repeat(count)
}

export function reverse(text: string): string {
  return characters(text).reverse().join('')
}

export function splitPart(text: string, delimiter: string, field: number): string {
  if (field === 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'field position must not be zero')
  }
  if (text === '') return ''
  if (delimiter === '') return field === 1 || field === -1 ? text : ''
  const parts = text.split(delimiter)
  const index = field > 0 ? field - 1 : parts.length + field
  return parts[index] ?? ''
}

export function translate(text: string, from: string, to: string): string {
  const fromChars = characters(from)
  const toChars = characters(to)
  const map = new Map<string, string>()
  fromChars.forEach((char, i) => {
    if (!map.has(char)) map.set(char, toChars[i] ?? '')
  })
  if (map.size === 0) return text
  let out = ''
  for (const char of text) out += map.get(char) ?? char
  return out
}

export function chr(code: number): string {
  if (code < 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'character number must be positive')
  }
  if (code === 0) throw new SqlError(SqlState.programLimitExceeded, 'null character not permitted')
  if (code > 0x10ffff) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `requested character too large for encoding: ${code}`,
    )
  }
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new SqlError(
      SqlState.programLimitExceeded,
      `requested character not valid for encoding: ${code}`,
    )
  }
  return String.fromCodePoint(code)
}

export function toHex(value: bigint, bits: 32 | 64): string {
  return BigInt.asUintN(bits, value).toString(16)
}

const normalForms = new Set(['NFC', 'NFD', 'NFKC', 'NFKD'])

function normalForm(form: string): 'NFC' | 'NFD' | 'NFKC' | 'NFKD' {
  const upperForm = form.toUpperCase()
  if (!normalForms.has(upperForm)) {
    throw new SqlError(SqlState.invalidParameterValue, `invalid normalization form: ${form}`)
  }
  return upperForm as 'NFC' | 'NFD' | 'NFKC' | 'NFKD'
}

function invalidUnicodeEscape(): SqlError {
  return new SqlError(SqlState.syntaxError, 'invalid Unicode escape', {
    hint: 'Unicode escapes must be \\XXXX, \\+XXXXXX, \\uXXXX, or \\UXXXXXXXX.',
  })
}

function invalidSurrogatePair(): SqlError {
  return new SqlError(SqlState.syntaxError, 'invalid Unicode surrogate pair')
}

/** unistr: \XXXX, \+XXXXXX, \uXXXX, \UXXXXXXXX escapes (surrogate pairs combined), \\. */
export function unistr(text: string): string {
  let out = ''
  let pendingHigh = -1
  for (let i = 0; i < text.length; ) {
    const char = text[i] as string
    if (char !== '\\') {
      if (pendingHigh >= 0) throw invalidSurrogatePair()
      out += char
      i++
      continue
    }
    if (text[i + 1] === '\\') {
      if (pendingHigh >= 0) throw invalidSurrogatePair()
      out += '\\'
      i += 2
      continue
    }
    let digits = 0
    let skip = 1
    const kind = text[i + 1]
    if (kind === '+') {
      digits = 6
      skip = 2
    } else if (kind === 'u') {
      digits = 4
      skip = 2
    } else if (kind === 'U') {
      digits = 8
      skip = 2
    } else {
      digits = 4
    }
    const hexDigits = text.slice(i + skip, i + skip + digits)
    if (hexDigits.length !== digits || !/^[0-9a-fA-F]+$/.test(hexDigits)) {
      throw invalidUnicodeEscape()
    }
    const code = Number.parseInt(hexDigits, 16)
    i += skip + digits
    if (pendingHigh >= 0) {
      if (code < 0xdc00 || code > 0xdfff) throw invalidSurrogatePair()
      out += String.fromCodePoint(0x10000 + ((pendingHigh - 0xd800) << 10) + (code - 0xdc00))
      pendingHigh = -1
      continue
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      pendingHigh = code
      continue
    }
    if (code >= 0xdc00 && code <= 0xdfff) throw invalidSurrogatePair()
    if (code === 0 || code > 0x10ffff) {
      throw new SqlError(SqlState.invalidParameterValue, `invalid Unicode code point: ${hexDigits}`)
    }
    out += String.fromCodePoint(code)
  }
  if (pendingHigh >= 0) throw invalidSurrogatePair()
  return out
}

const t = (value: Value | undefined) => asText(value)
const n = (value: Value | undefined) => asInt(value)

export const stringFunctions: BuiltinFunction[] = [
  ...['length', 'char_length', 'character_length'].flatMap((name) => [
    fn(name, ['text'], 'int4', ([s]) => codePointLength(t(s))),
    fn(name, ['bpchar'], 'int4', ([s]) => codePointLength(trimTrailingSpaces(t(s)))),
  ]),
  fn('textlen', ['text'], 'int4', ([s]) => codePointLength(t(s))),
  fn('octet_length', ['text'], 'int4', ([s]) => utf8Length(t(s))),
  fn('octet_length', ['bpchar'], 'int4', ([s]) => utf8Length(t(s))),
  fn('bit_length', ['text'], 'int4', ([s]) => utf8Length(t(s)) * 8),
  fn('lower', ['text'], 'text', ([s]) => lower(t(s))),
  fn('upper', ['text'], 'text', ([s]) => upper(t(s))),
  fn('initcap', ['text'], 'text', ([s]) => initcap(t(s))),
  ...['substr', 'substring'].flatMap((name) => [
    fn(name, ['text', 'int4'], 'text', ([s, start]) => substring(t(s), n(start))),
    fn(name, ['text', 'int4', 'int4'], 'text', ([s, start, count]) =>
      substring(t(s), n(start), n(count)),
    ),
  ]),
  fn('position', ['text', 'text'], 'int4', ([s, needle]) => position(t(s), t(needle))),
  fn('strpos', ['text', 'text'], 'int4', ([s, needle]) => position(t(s), t(needle))),
  fn('overlay', ['text', 'text', 'int4', 'int4'], 'text', ([s, r, start, count]) =>
    overlay(t(s), t(r), n(start), n(count)),
  ),
  fn('overlay', ['text', 'text', 'int4'], 'text', ([s, r, start]) => overlay(t(s), t(r), n(start))),
  fn('replace', ['text', 'text', 'text'], 'text', ([s, from, to]) => {
    const source = t(s)
    const pattern = t(from)
    if (pattern === '') return source
    const result = source.split(pattern)
    const replacement = t(to)
    checkResultBytes(utf8Length(source) + (result.length - 1) * utf8Length(replacement))
    return result.join(replacement)
  }),
  fn('translate', ['text', 'text', 'text'], 'text', ([s, from, to]) =>
    translate(t(s), t(from), t(to)),
  ),
  fn('btrim', ['text'], 'text', ([s]) => trim(t(s), ' ', true, true)),
  fn('btrim', ['text', 'text'], 'text', ([s, set]) => trim(t(s), t(set), true, true)),
  fn('ltrim', ['text'], 'text', ([s]) => trim(t(s), ' ', true, false)),
  fn('ltrim', ['text', 'text'], 'text', ([s, set]) => trim(t(s), t(set), true, false)),
  fn('rtrim', ['text'], 'text', ([s]) => trim(t(s), ' ', false, true)),
  fn('rtrim', ['text', 'text'], 'text', ([s, set]) => trim(t(s), t(set), false, true)),
  fn('lpad', ['text', 'int4'], 'text', ([s, length]) => pad(t(s), n(length), ' ', true)),
  fn('lpad', ['text', 'int4', 'text'], 'text', ([s, length, fill]) =>
    pad(t(s), n(length), t(fill), true),
  ),
  fn('rpad', ['text', 'int4'], 'text', ([s, length]) => pad(t(s), n(length), ' ', false)),
  fn('rpad', ['text', 'int4', 'text'], 'text', ([s, length, fill]) =>
    pad(t(s), n(length), t(fill), false),
  ),
  fn('left', ['text', 'int4'], 'text', ([s, count]) => left(t(s), n(count))),
  fn('right', ['text', 'int4'], 'text', ([s, count]) => right(t(s), n(count))),
  fn('repeat', ['text', 'int4'], 'text', ([s, count]) => repeat(t(s), n(count))),
  fn('reverse', ['text'], 'text', ([s]) => reverse(t(s))),
  fn('split_part', ['text', 'text', 'int4'], 'text', ([s, delimiter, field]) =>
    splitPart(t(s), t(delimiter), n(field)),
  ),
  fn('chr', ['int4'], 'text', ([code]) => chr(n(code))),
  fn('ascii', ['text'], 'int4', ([s]) => t(s).codePointAt(0) ?? 0),
  fn('starts_with', ['text', 'text'], 'bool', ([s, prefix]) => t(s).startsWith(t(prefix))),
  fn('to_hex', ['int4'], 'text', ([value]) => toHex(asBigInt(value), 32)),
  fn('to_hex', ['int8'], 'text', ([value]) => toHex(asBigInt(value), 64)),
  fn('normalize', ['text'], 'text', ([s]) => t(s).normalize('NFC')),
  fn('normalize', ['text', 'text'], 'text', ([s, form]) => t(s).normalize(normalForm(t(form)))),
  fn('is_normalized', ['text'], 'bool', ([s]) => t(s) === t(s).normalize('NFC')),
  fn('is_normalized', ['text', 'text'], 'bool', ([s, form]) => {
    const text = t(s)
    return text === text.normalize(normalForm(t(form)))
  }),
  fn('unistr', ['text'], 'text', ([s]) => unistr(t(s))),
  fn('gen_random_uuid', [], 'uuid', () => randomUUID(), { volatility: 'volatile' }),
]
