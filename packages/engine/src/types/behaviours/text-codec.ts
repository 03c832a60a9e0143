/**
 * Byte-level helpers of the text and array families: strict UTF-8 decoding with PostgreSQL's
 * 22021 wording, a reader for PostgreSQL's binary send format (network byte order, 22P03 on a
 * short or overlong message), the memcomparable encodings of strings and byte strings (the same
 * bytes lib/keycode.ts writes for its text kind), and code point counting for typmods.
 */
import { InternalError, SqlError, SqlState } from '../../errors/index.js'
import type { KeyWriter } from '../../lib/keycode.js'
import type { Value } from '../value.js'

const encoder = new TextEncoder()
const fatalDecoder = new TextDecoder('utf-8', { fatal: true })

export function utf8(text: string): Uint8Array {
  return encoder.encode(text)
}

/** Byte length of the UTF-8 form without allocating it. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) bytes += 1
    else if (unit < 0x800) bytes += 2
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

/** The length PostgreSQL's pg_utf_mblen gives a sequence starting with `byte`. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1
  if ((byte & 0xe0) === 0xc0) return 2
  if ((byte & 0xf0) === 0xe0) return 3
  if ((byte & 0xf8) === 0xf0) return 4
  return 1
}

/** Offset of the first byte that does not start a valid UTF-8 character (NUL included), or -1. */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      if (b === 0) return i
      i++
      continue
    }
    const length = sequenceLength(b)
    if (length === 1 || i + length > bytes.length) return i
    const b1 = bytes[i + 1] ?? 0
    if ((b1 & 0xc0) !== 0x80) return i
    if (length === 2) {
      if (b < 0xc2) return i // overlong
    } else if (length === 3) {
      if ((b === 0xe0 && b1 < 0xa0) || (b === 0xed && b1 > 0x9f)) return i // overlong, surrogate
      if (((bytes[i + 2] ?? 0) & 0xc0) !== 0x80) return i
    } else {
      if ((b === 0xf0 && b1 < 0x90) || b > 0xf4 || (b === 0xf4 && b1 > 0x8f)) return i
      if (((bytes[i + 2] ?? 0) & 0xc0) !== 0x80 || ((bytes[i + 3] ?? 0) & 0xc0) !== 0x80) {
        return i
      }
    }
    i += length
  }
  return -1
}

/** 22021 as PostgreSQL reports a bad sequence: the bytes of the character that starts there. */
export function invalidEncoding(bytes: Uint8Array, at: number): SqlError {
  const length = Math.min(sequenceLength(bytes[at] ?? 0), bytes.length - at)
  const shown: string[] = []
  for (let i = at; i < at + length; i++) {
    shown.push(`0x${(bytes[i] ?? 0).toString(16).padStart(2, '0')}`)
  }
  return new SqlError(
    SqlState.characterNotInRepertoire,
    `invalid byte sequence for encoding "UTF8": ${shown.join(' ')}`,
  )
}

/** Decodes UTF-8 as the server encoding check does: invalid sequences and NUL are 22021. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (!bytes.includes(0)) {
    try {
      return fatalDecoder.decode(bytes)
    } catch {
      // fall through to locate the bad sequence
    }
  }
  const at = firstInvalid(bytes)
  if (at >= 0) throw invalidEncoding(bytes, at)
  return fatalDecoder.decode(bytes)
}

/** Text that PostgreSQL could not hold: a NUL character is 22021 in a UTF8 database. */
export function checkNoNul(text: string): string {
  if (text.includes('\0')) {
    throw new SqlError(
      SqlState.characterNotInRepertoire,
      'invalid byte sequence for encoding "UTF8": 0x00',
    )
  }
  return text
}

/** A receive function left bytes unread; arrays and records reword it per element. */
export const incorrectFormatMessage = 'incorrect binary data format'

/** Reading past the end of a binary value: PostgreSQL's pq_getmsg* report it as 08P01. */
export function insufficientData(): SqlError {
  return new SqlError(SqlState.protocolViolation, 'insufficient data left in message')
}

/** An element or column length that the message cannot hold (array_recv, record_recv): 22P03. */
export function itemTooLong(): SqlError {
  return new SqlError(SqlState.invalidBinaryRepresentation, 'insufficient data left in message')
}

/** Reads PostgreSQL's binary send format (big-endian). */
export class BinaryReader {
  readonly bytes: Uint8Array
  #view: DataView
  offset = 0

  constructor(bytes: Uint8Array) {
    this.bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get remaining(): number {
    return this.bytes.length - this.offset
  }

  #need(count: number): void {
    if (count < 0 || this.offset + count > this.bytes.length) throw insufficientData()
  }

  int32(): number {
    this.#need(4)
    const value = this.#view.getInt32(this.offset)
    this.offset += 4
    return value
  }

  uint32(): number {
    this.#need(4)
    const value = this.#view.getUint32(this.offset)
    this.offset += 4
    return value
  }

  byte(): number {
    if (this.offset >= this.bytes.length) {
      throw new SqlError(SqlState.protocolViolation, 'no data left in message')
    }
    return this.bytes[this.offset++] ?? 0
  }

  take(count: number): Uint8Array {
    this.#need(count)
    const slice = this.bytes.subarray(this.offset, this.offset + count)
    this.offset += count
    return slice
  }

  /** Every byte must have been read, as PostgreSQL checks after a type's receive function. */
  end(): void {
    if (this.offset !== this.bytes.length) {
      throw new SqlError(SqlState.invalidBinaryRepresentation, incorrectFormatMessage)
    }
  }
}

/** Builds a binary send message. */
export class BinaryWriter {
  #chunks: Uint8Array[] = []
  #length = 0

  int32(value: number): this {
    const chunk = new Uint8Array(4)
    new DataView(chunk.buffer).setInt32(0, value)
    return this.bytes(chunk)
  }

  uint32(value: number): this {
    const chunk = new Uint8Array(4)
    new DataView(chunk.buffer).setUint32(0, value)
    return this.bytes(chunk)
  }

  bytes(chunk: Uint8Array): this {
    this.#chunks.push(chunk)
    this.#length += chunk.length
    return this
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.#length)
    let offset = 0
    for (const chunk of this.#chunks) {
      out.set(chunk, offset)
      offset += chunk.length
    }
    return out
  }
}

/**
 * The memcomparable form of a byte string: 0x00 escaped as 0x00 0xFF, then the terminator
 * 0x00 0x01, so a proper prefix sorts first. For UTF-8 text these are exactly lib/keycode.ts's
 * text bytes (UTF-8 byte order is code point order, the "C" collation).
 */
export function writeBytesKey(bytes: Uint8Array, out: KeyWriter): void {
  for (const byte of bytes) {
    out.push(byte)
    if (byte === 0) out.push(0xff)
  }
  out.push(0x00)
  out.push(0x01)
}

export function writeTextKey(text: string, out: KeyWriter): void {
  writeBytesKey(utf8(text), out)
}

/** Fixed-width big-endian unsigned integer of `bytes` bytes. */
export function writeUintKey(value: number, bytes: number, out: KeyWriter): void {
  for (let shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
    out.push(Math.floor(value / 2 ** shift) & 0xff)
}

/** Characters (code points) in a string: what PostgreSQL's length() and char(n) count. */
export function codePointLength(text: string): number {
  let count = text.length
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--
        i++
      }
    }
  }
  return count
}

/** Whether a surrogate pair (one code point above U+FFFF) starts at `i`. */
export function isPairAt(text: string, i: number): boolean {
  const unit = text.charCodeAt(i)
  if (unit < 0xd800 || unit > 0xdbff) return false
  const next = text.charCodeAt(i + 1)
  return next >= 0xdc00 && next <= 0xdfff
}

/** The UTF-16 offset of code point number `n` (clamped to the end). */
export function codePointOffset(text: string, n: number): number {
  let offset = 0
  for (let count = 0; count < n && offset < text.length; count++) {
    offset += isPairAt(text, offset) ? 2 : 1
  }
  return offset
}

/** The first `n` code points. */
export function truncateCodePoints(text: string, n: number): string {
  if (text.length <= n) return text
  return text.slice(0, codePointOffset(text, n))
}

/** Without trailing spaces (only U+0020, as PostgreSQL's bpchar semantics). */
export function trimTrailingSpaces(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--
  return end === text.length ? text : text.slice(0, end)
}

/** Hex digits of bytes, lower case. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')
}

/** A string with one char per byte: a compact, exact hash key for byte strings. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
}

/** The value as the representation its type promises (value.ts); anything else is a bug. */
export function expectString(value: Value, what: string): string {
  if (typeof value !== 'string') throw new InternalError(`${what} value is not a string`)
  return value
}

export function expectBytes(value: Value, what: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new InternalError(`${what} value is not bytes`)
  return value
}

export function expectBoolean(value: Value): boolean {
  if (typeof value !== 'boolean') throw new InternalError('boolean value is not a boolean')
  return value
}
