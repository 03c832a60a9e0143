/**
 * bytea: input in hex ('\x4142', whitespace between byte pairs allowed) or escape format
 * (backslash-octal \ooo and \\, other characters as their UTF-8 bytes); output in hex or, with
 * bytea_output = escape, the escape format. Ordered by unsigned bytes, then length.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import type { TypeBehaviour } from '../type-behaviour.js'
import type { Value } from '../value.js'
import { bytesToLatin1, expectBytes, toHex, utf8, writeBytesKey } from './text-codec.js'

function invalidHexDigit(char: string): SqlError {
  return new SqlError(SqlState.invalidParameterValue, `invalid hexadecimal digit: "${char}"`)
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  return -1
}

/** PostgreSQL's hex decoding (bytea input, decode(..., 'hex')): pairs of hex digits with
 * spaces, tabs and line breaks allowed between pairs. */
export function decodeHex(text: string, start: number): Uint8Array {
  const out = new Uint8Array(Math.ceil((text.length - start) / 2))
  let length = 0
  let i = start
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      i++
      continue
    }
    const high = hexValue(code)
    if (high < 0) throw invalidHexDigit(String.fromCodePoint(text.codePointAt(i) ?? code))
    i++
    if (i >= text.length) {
      throw new SqlError(
        SqlState.invalidParameterValue,
        'invalid hexadecimal data: odd number of digits',
      )
    }
    const low = hexValue(text.charCodeAt(i))
    if (low < 0) throw invalidHexDigit(String.fromCodePoint(text.codePointAt(i) ?? 0))
    i++
    out[length++] = (high << 4) | low
  }
  return out.slice(0, length)
}

function isOctal(code: number | undefined, max = 0x37): boolean {
  return code !== undefined && code >= 0x30 && code <= max
}

/** The escape input format: \\ is a backslash, \ooo (first digit 0-3) an octal byte. */
export function decodeEscape(text: string): Uint8Array | undefined {
  const source = utf8(text)
  const out = new Uint8Array(source.length)
  let length = 0
  for (let i = 0; i < source.length; ) {
    const byte = source[i] ?? 0
    if (byte !== 0x5c) {
      out[length++] = byte
      i++
    } else if (source[i + 1] === 0x5c) {
      out[length++] = 0x5c
      i += 2
    } else if (isOctal(source[i + 1], 0x33) && isOctal(source[i + 2]) && isOctal(source[i + 3])) {
      out[length++] =
        (((source[i + 1] ?? 0) - 0x30) << 6) |
        (((source[i + 2] ?? 0) - 0x30) << 3) |
        ((source[i + 3] ?? 0) - 0x30)
      i += 4
    } else {
      return undefined
    }
  }
  return out.slice(0, length)
}

export function parseBytea(text: string): Uint8Array {
  if (text.startsWith('\\x')) return decodeHex(text, 2)
  const bytes = decodeEscape(text)
  if (bytes === undefined) {
    throw new SqlError(SqlState.invalidTextRepresentation, 'invalid input syntax for type bytea')
  }
  return bytes
}

/** The escape output format: printable ASCII as is, backslash doubled, other bytes \ooo. */
export function formatByteaEscape(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\'
    else if (byte < 0x20 || byte > 0x7e) out += `\\${byte.toString(8).padStart(3, '0')}`
    else out += String.fromCharCode(byte)
  }
  return out
}

export function compareBytea(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0)
    if (d !== 0) return d
  }
  return a.length - b.length
}

function bytes(value: Value): Uint8Array {
  return expectBytes(value, 'bytea')
}

export const byteaBehaviour: TypeBehaviour = {
  input: (text) => parseBytea(text),
  output: (value, _type, context) =>
    context.byteaOutput === 'escape'
      ? formatByteaEscape(bytes(value))
      : `\\x${toHex(bytes(value))}`,
  send: (value) => bytes(value).slice(),
  receive: (input) => input.slice(),
  compare: (a, b) => compareBytea(bytes(a), bytes(b)),
  hashKey: (value) => bytesToLatin1(bytes(value)),
  encodeKey: (value, _type, out) => writeBytesKey(bytes(value), out),
}
