/**
 * bytea functions and text/bytea conversions: lengths, substr/overlay/position/trim on bytes,
 * get/set_byte and get/set_bit, encode/decode (base64 with PostgreSQL's 76-column lines and
 * padding rules, hex, escape), md5 and the SHA-2 digests, convert_to/convert_from/convert.
 * Encodings: UTF8, SQL_ASCII and LATIN1 convert exactly as PostgreSQL; every other encoding
 * PostgreSQL knows is 0A000 here.
 */
import { createHash } from 'node:crypto'
import { SqlError, SqlState } from '../../../errors/index.js'
import {
  codePointLength,
  decodeEscape,
  decodeHex,
  decodeUtf8,
  utf8,
  type Value,
} from '../../../types/index.js'
import type { BuiltinFunction } from '../registry.js'
import { asBigInt, asBytes, asInt, asText, checkResultBytes, fn } from './text-support.js'

function negativeLength(): SqlError {
  return new SqlError(SqlState.substringError, 'negative substring length not allowed')
}

export function byteaSubstring(bytes: Uint8Array, start: number, length?: number): Uint8Array {
  if (length !== undefined && length < 0) throw negativeLength()
  const first = Math.max(start, 1)
  const end = length === undefined ? bytes.length + 1 : Math.min(start + length, bytes.length + 1)
  if (end <= first) return new Uint8Array(0)
  return bytes.slice(first - 1, end - 1)
}

export function byteaPosition(bytes: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 1
  const at = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(
    Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength),
  )
  return at + 1
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  checkResultBytes(total)
  const out = new Uint8Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

function byteaOverlay(bytes: Uint8Array, replacement: Uint8Array, start: number, count?: number) {
  const length = count ?? replacement.length
  const head = byteaSubstring(bytes, 1, start - 1)
  const after = start + length
  if (after > 2147483647 || after < -2147483648) {
    throw new SqlError(SqlState.numericValueOutOfRange, 'integer out of range')
  }
  return concatBytes([head, replacement, byteaSubstring(bytes, after)])
}

function byteaTrim(bytes: Uint8Array, set: Uint8Array, leading: boolean, trailing: boolean) {
  if (bytes.length === 0 || set.length === 0) return bytes
  const removable = new Set(set)
  let start = 0
  let end = bytes.length
  if (leading) while (start < end && removable.has(bytes[start] ?? -1)) start++
  if (trailing) while (end > start && removable.has(bytes[end - 1] ?? -1)) end--
  return bytes.slice(start, end)
}

function indexOutOfRange(index: number | bigint, max: number | bigint): SqlError {
  return new SqlError(SqlState.arraySubscriptError, `index ${index} out of valid range, 0..${max}`)
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const base64Values = new Map([...base64Alphabet].map((char, i) => [char, i]))

/** base64 with a line break after every 76 characters of whole groups, as PostgreSQL. */
export function encodeBase64(bytes: Uint8Array): string {
  let out = ''
  let line = 0
  let i = 0
  for (; i + 3 <= bytes.length; i += 3) {
    const group = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    out +=
      (base64Alphabet[(group >> 18) & 63] ?? '') +
      (base64Alphabet[(group >> 12) & 63] ?? '') +
      (base64Alphabet[(group >> 6) & 63] ?? '') +
      (base64Alphabet[group & 63] ?? '')
    line += 4
    if (line >= 76) {
      out += '\n'
      line = 0
    }
  }
  const rest = bytes.length - i
  if (rest > 0) {
    const group = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0)
    out += (base64Alphabet[(group >> 18) & 63] ?? '') + (base64Alphabet[(group >> 12) & 63] ?? '')
    out += rest === 2 ? `${base64Alphabet[(group >> 6) & 63] ?? ''}=` : '=='
  }
  return out
}

/**
 * PostgreSQL's base64 decoding: whitespace skipped; '=' allowed from the third position of a
 * group, after which every later group yields as many bytes as that first padded group did.
 */
export function decodeBase64(text: string): Uint8Array {
  const out: number[] = []
  let group = 0
  let position = 0
  let end = 0
  for (const char of text) {
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue
    let value = 0
    if (char === '=') {
      if (end === 0) {
        if (position === 2) end = 1
        else if (position === 3) end = 2
        else {
          throw new SqlError(
            SqlState.invalidParameterValue,
            'unexpected "=" while decoding base64 sequence',
          )
        }
      }
    } else {
      const found = base64Values.get(char)
      if (found === undefined) {
        throw new SqlError(
          SqlState.invalidParameterValue,
          `invalid symbol "${char}" found while decoding base64 sequence`,
        )
      }
      value = found
    }
    group = (group << 6) | value
    position++
    if (position === 4) {
      out.push((group >> 16) & 0xff)
      if (end === 0 || end > 1) out.push((group >> 8) & 0xff)
      if (end === 0 || end > 2) out.push(group & 0xff)
      group = 0
      position = 0
    }
  }
  if (position !== 0) {
    throw new SqlError(SqlState.invalidParameterValue, 'invalid base64 end sequence', {
      hint: 'Input data is missing padding, is truncated, or is otherwise corrupted.',
    })
  }
  return Uint8Array.from(out)
}

/** encode(..., 'escape'): only NUL, backslash and bytes above 127 are escaped. */
export function encodeEscape(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\'
    else if (byte === 0 || byte >= 0x80) out += `\\${byte.toString(8).padStart(3, '0')}`
    else out += String.fromCharCode(byte)
  }
  return out
}

function unrecognizedEncoding(name: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `unrecognized encoding: "${name}"`)
}

export function encode(bytes: Uint8Array, format: string): string {
  switch (format.toLowerCase()) {
    case 'base64':
      return encodeBase64(bytes)
    case 'hex':
      return Buffer.from(bytes).toString('hex')
    case 'escape':
      return encodeEscape(bytes)
    default:
      throw unrecognizedEncoding(format)
  }
}

export function decode(text: string, format: string): Uint8Array {
  switch (format.toLowerCase()) {
    case 'base64':
      return decodeBase64(text)
    case 'hex':
      return decodeHex(text, 0)
    case 'escape': {
      const bytes = decodeEscape(text)
      if (bytes === undefined) {
        throw new SqlError(
          SqlState.invalidTextRepresentation,
          'invalid input syntax for type bytea',
        )
      }
      return bytes
    }
    default:
      throw unrecognizedEncoding(format)
  }
}

/** PostgreSQL's encoding names, looked up as it does: lower case, non-alphanumerics dropped. */
const encodingNames: ReadonlyMap<string, string> = new Map([
  ...[
    'SQL_ASCII',
    'EUC_JP',
    'EUC_CN',
    'EUC_KR',
    'EUC_TW',
    'EUC_JIS_2004',
    'UTF8',
    'MULE_INTERNAL',
    'LATIN1',
    'LATIN2',
    'LATIN3',
    'LATIN4',
    'LATIN5',
    'LATIN6',
    'LATIN7',
    'LATIN8',
    'LATIN9',
    'LATIN10',
    'WIN1256',
    'WIN1258',
    'WIN866',
    'WIN874',
    'KOI8R',
    'WIN1251',
    'WIN1252',
    'ISO_8859_5',
    'ISO_8859_6',
    'ISO_8859_7',
    'ISO_8859_8',
    'WIN1250',
    'WIN1253',
    'WIN1254',
    'WIN1255',
    'WIN1257',
    'KOI8U',
    'SJIS',
    'BIG5',
    'GBK',
    'UHC',
    'GB18030',
    'JOHAB',
    'SHIFT_JIS_2004',
  ].map((name) => [cleanEncodingName(name), name] as const),
  ['unicode', 'UTF8'],
  ['iso88591', 'LATIN1'],
  ['iso88592', 'LATIN2'],
  ['iso88593', 'LATIN3'],
  ['iso88594', 'LATIN4'],
  ['iso88599', 'LATIN5'],
  ['iso885910', 'LATIN6'],
  ['iso885913', 'LATIN7'],
  ['iso885914', 'LATIN8'],
  ['iso885915', 'LATIN9'],
  ['iso885916', 'LATIN10'],
  ['koi8', 'KOI8R'],
  ['shiftjis', 'SJIS'],
  ['mskanji', 'SJIS'],
  ['win', 'WIN1251'],
  ['alt', 'WIN866'],
  ['windows1250', 'WIN1250'],
  ['windows1251', 'WIN1251'],
  ['windows1252', 'WIN1252'],
  ['windows1253', 'WIN1253'],
  ['windows1254', 'WIN1254'],
  ['windows1255', 'WIN1255'],
  ['windows1256', 'WIN1256'],
  ['windows1257', 'WIN1257'],
  ['windows1258', 'WIN1258'],
  ['windows866', 'WIN866'],
  ['windows874', 'WIN874'],
  ['windows932', 'SJIS'],
  ['windows936', 'GBK'],
  ['windows949', 'UHC'],
  ['windows950', 'BIG5'],
  ['cp936', 'GBK'],
  ['cp949', 'UHC'],
  ['cp932', 'SJIS'],
  ['cp950', 'BIG5'],
  ['tcvn', 'WIN1258'],
  ['tcvn5712', 'WIN1258'],
  ['vscii', 'WIN1258'],
  ['abc', 'WIN1258'],
])

function cleanEncodingName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** The canonical encoding name, or undefined for a name PostgreSQL does not know. */
function findEncoding(name: string): string | undefined {
  return encodingNames.get(cleanEncodingName(name))
}

function unsupportedEncoding(name: string): SqlError {
  return new SqlError(
    SqlState.featureNotSupported,
    `conversion between UTF8 and ${name} is not supported`,
  )
}

function targetEncoding(name: string): string {
  const found = findEncoding(name)
  if (found === undefined) {
    throw new SqlError(
      SqlState.invalidParameterValue,
      `invalid destination encoding name "${name}"`,
    )
  }
  return found
}

function sourceEncoding(name: string): string {
  const found = findEncoding(name)
  if (found === undefined) {
    throw new SqlError(SqlState.invalidParameterValue, `invalid source encoding name "${name}"`)
  }
  return found
}

function hexBytes(bytes: Uint8Array): string {
  return [...bytes].map((byte) => `0x${byte.toString(16).padStart(2, '0')}`).join(' ')
}

/** Text (UTF-8) in the named encoding. */
export function convertTo(text: string, encoding: string): Uint8Array {
  switch (encoding) {
    case 'UTF8':
    case 'SQL_ASCII':
      return utf8(text)
    case 'LATIN1': {
      const out = new Uint8Array(text.length)
      let length = 0
      for (const char of text) {
        const code = char.codePointAt(0) ?? 0
        if (code > 0xff) {
          throw new SqlError(
            SqlState.untranslatableCharacter,
            `character with byte sequence ${hexBytes(utf8(char))} in encoding "UTF8" has no equivalent in encoding "LATIN1"`,
          )
        }
        out[length++] = code
      }
      return out.slice(0, length)
    }
    default:
      throw unsupportedEncoding(encoding)
  }
}

/** Bytes in the named encoding as text; the result must be valid in the server's UTF8. */
export function convertFrom(bytes: Uint8Array, encoding: string): string {
  switch (encoding) {
    case 'UTF8':
    case 'SQL_ASCII':
      return decodeUtf8(bytes)
    case 'LATIN1': {
      const zero = bytes.indexOf(0)
      if (zero >= 0) {
        throw new SqlError(
          SqlState.characterNotInRepertoire,
          'invalid byte sequence for encoding "LATIN1": 0x00',
        )
      }
      return Buffer.from(bytes).toString('latin1')
    }
    default:
      throw unsupportedEncoding(encoding)
  }
}

function digest(algorithm: string, bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(createHash(algorithm).update(bytes).digest())
}

const b = (value: Value | undefined) => asBytes(value)
const t = (value: Value | undefined) => asText(value)
const n = (value: Value | undefined) => asInt(value)

export const byteaFunctions: BuiltinFunction[] = [
  fn('octet_length', ['bytea'], 'int4', ([s]) => b(s).length),
  fn('length', ['bytea'], 'int4', ([s]) => b(s).length),
  fn('bit_length', ['bytea'], 'int4', ([s]) => b(s).length * 8),
  ...['substr', 'substring'].flatMap((name) => [
    fn(name, ['bytea', 'int4'], 'bytea', ([s, start]) => byteaSubstring(b(s), n(start))),
    fn(name, ['bytea', 'int4', 'int4'], 'bytea', ([s, start, count]) =>
      byteaSubstring(b(s), n(start), n(count)),
    ),
  ]),
  fn('position', ['bytea', 'bytea'], 'int4', ([s, needle]) => byteaPosition(b(s), b(needle))),
  fn('overlay', ['bytea', 'bytea', 'int4', 'int4'], 'bytea', ([s, r, start, count]) =>
    byteaOverlay(b(s), b(r), n(start), n(count)),
  ),
  fn('overlay', ['bytea', 'bytea', 'int4'], 'bytea', ([s, r, start]) =>
    byteaOverlay(b(s), b(r), n(start)),
  ),
  fn('btrim', ['bytea', 'bytea'], 'bytea', ([s, set]) => byteaTrim(b(s), b(set), true, true)),
  fn('ltrim', ['bytea', 'bytea'], 'bytea', ([s, set]) => byteaTrim(b(s), b(set), true, false)),
  fn('rtrim', ['bytea', 'bytea'], 'bytea', ([s, set]) => byteaTrim(b(s), b(set), false, true)),
  fn('get_byte', ['bytea', 'int4'], 'int4', ([s, index]) => {
    const bytes = b(s)
    const i = n(index)
    if (i < 0 || i >= bytes.length) throw indexOutOfRange(i, bytes.length - 1)
    return bytes[i] ?? 0
  }),
  fn('set_byte', ['bytea', 'int4', 'int4'], 'bytea', ([s, index, value]) => {
    const bytes = b(s).slice()
    const i = n(index)
    if (i < 0 || i >= bytes.length) throw indexOutOfRange(i, bytes.length - 1)
    bytes[i] = n(value) & 0xff
    return bytes
  }),
  fn('get_bit', ['bytea', 'int8'], 'int4', ([s, index]) => {
    const bytes = b(s)
    const i = asBigInt(index)
    if (i < 0n || i >= BigInt(bytes.length) * 8n) {
      throw indexOutOfRange(i, BigInt(bytes.length) * 8n - 1n)
    }
    const bit = Number(i)
    return ((bytes[Math.floor(bit / 8)] ?? 0) >> (bit % 8)) & 1
  }),
  fn('set_bit', ['bytea', 'int8', 'int4'], 'bytea', ([s, index, value]) => {
    const bytes = b(s).slice()
    const i = asBigInt(index)
    if (i < 0n || i >= BigInt(bytes.length) * 8n) {
      throw indexOutOfRange(i, BigInt(bytes.length) * 8n - 1n)
    }
    const bit = n(value)
    if (bit !== 0 && bit !== 1) {
      throw new SqlError(SqlState.invalidParameterValue, 'new bit must be 0 or 1')
    }
    const at = Number(i)
    const byte = Math.floor(at / 8)
    bytes[byte] =
      bit === 1 ? (bytes[byte] ?? 0) | (1 << (at % 8)) : (bytes[byte] ?? 0) & ~(1 << (at % 8))
    return bytes
  }),
  fn('encode', ['bytea', 'text'], 'text', ([s, format]) => encode(b(s), t(format))),
  fn('decode', ['text', 'text'], 'bytea', ([s, format]) => decode(t(s), t(format))),
  fn('md5', ['text'], 'text', ([s]) =>
    createHash('md5')
      .update(utf8(t(s)))
      .digest('hex'),
  ),
  fn('md5', ['bytea'], 'text', ([s]) => createHash('md5').update(b(s)).digest('hex')),
  fn('sha224', ['bytea'], 'bytea', ([s]) => digest('sha224', b(s))),
  fn('sha256', ['bytea'], 'bytea', ([s]) => digest('sha256', b(s))),
  fn('sha384', ['bytea'], 'bytea', ([s]) => digest('sha384', b(s))),
  fn('sha512', ['bytea'], 'bytea', ([s]) => digest('sha512', b(s))),
  fn(
    'convert_to',
    ['text', 'name'],
    'bytea',
    ([s, encoding]) => convertTo(t(s), targetEncoding(t(encoding))),
    { volatility: 'stable' },
  ),
  fn(
    'convert_from',
    ['bytea', 'name'],
    'text',
    ([s, encoding]) => convertFrom(b(s), sourceEncoding(t(encoding))),
    { volatility: 'stable' },
  ),
  fn(
    'convert',
    ['bytea', 'name', 'name'],
    'bytea',
    ([s, from, to]) => {
      const source = sourceEncoding(t(from))
      const target = targetEncoding(t(to))
      return convertTo(convertFrom(b(s), source), target)
    },
    { volatility: 'stable' },
  ),
  fn(
    'length',
    ['bytea', 'name'],
    'int4',
    ([s, encoding]) => codePointLength(convertFrom(b(s), sourceEncoding(t(encoding)))),
    { volatility: 'stable' },
  ),
]
