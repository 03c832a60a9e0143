/**
 * Byte helpers for the per-row hot paths (row, key, version and log record codecs), written to
 * avoid what V8 makes expensive for small arrays. A Uint8Array of at most 64 bytes lives on the
 * JS heap; asking for its `.buffer` (a DataView, `subarray`, `Buffer.from(buffer, ...)`) moves
 * it to a separately allocated backing store, and so does allocating an array larger than that.
 * Either costs several times a small allocation and adds work for the garbage collector, once
 * per row. So: integers are read and written byte by byte, 64-bit fields as two 32-bit halves of
 * a plain number (every id, sequence and LSN stays below 2^53), short strings are encoded and
 * decoded in JavaScript, and views are taken only of arrays that are off the heap anyway.
 */
import { assert } from './assert.js'

/** V8's largest typed array kept on the JS heap (v8_typed_array_max_size_in_heap). */
export const onHeapBytesMax = 64

const twoTo32 = 0x1_0000_0000

/** Strings up to this length are encoded and decoded here; longer ones by the native codecs. */
const shortTextMax = 64

const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder('utf-8', { fatal: true })

export function readUint16(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number)
}

export function writeUint16(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 8
  bytes[offset + 1] = value & 0xff
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (bytes[offset] as number) * 0x100_0000 +
    (((bytes[offset + 1] as number) << 16) |
      ((bytes[offset + 2] as number) << 8) |
      (bytes[offset + 3] as number))
  )
}

export function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24
  bytes[offset + 1] = (value >>> 16) & 0xff
  bytes[offset + 2] = (value >>> 8) & 0xff
  bytes[offset + 3] = value & 0xff
}

/** A u64 that holds a safe integer (ids, sequences, LSNs, times). */
export function readUint53(bytes: Uint8Array, offset: number): number {
  return readUint32(bytes, offset) * twoTo32 + readUint32(bytes, offset + 4)
}

export function writeUint53(bytes: Uint8Array, offset: number, value: number): void {
  assert(Number.isSafeInteger(value) && value >= 0, 'a u64 field holds a safe integer')
  const low = value % twoTo32
  writeUint32(bytes, offset, (value - low) / twoTo32)
  writeUint32(bytes, offset + 4, low)
}

/** The rest of `bytes` from `start`: a copy when the array is small (a view would move it off
 * the heap), a view when it is large (a copy would allocate a backing store). */
export function tailOf(bytes: Uint8Array, start: number): Uint8Array {
  return bytes.length <= onHeapBytesMax ? bytes.slice(start) : bytes.subarray(start)
}

/** The first `end` bytes of `bytes`, by the same rule as tailOf. */
export function headOf(bytes: Uint8Array, end: number): Uint8Array {
  return bytes.length <= onHeapBytesMax ? bytes.slice(0, end) : bytes.subarray(0, end)
}

/** Bytes of the UTF-8 encoding of `text` (lone surrogates count as U+FFFD, as TextEncoder). */
export function utf8Length(text: string): number {
  if (text.length > shortTextMax) return textEncoder.encode(text).length
  let length = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) length += 1
    else if (code < 0x800) length += 2
    else if (isSurrogatePair(text, i)) {
      length += 4
      i++
    } else length += 3
  }
  return length
}

/** Writes the UTF-8 encoding of `text` at `offset` (exactly TextEncoder's bytes); returns the
 * offset after it. */
export function writeUtf8(text: string, bytes: Uint8Array, offset: number): number {
  if (text.length > shortTextMax) {
    const encoded = textEncoder.encode(text)
    bytes.set(encoded, offset)
    return offset + encoded.length
  }
  let at = offset
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code < 0x80) {
      bytes[at++] = code
    } else if (code < 0x800) {
      bytes[at++] = 0xc0 | (code >> 6)
      bytes[at++] = 0x80 | (code & 0x3f)
    } else if (isSurrogatePair(text, i)) {
      const point = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00)
      bytes[at++] = 0xf0 | (point >> 18)
      bytes[at++] = 0x80 | ((point >> 12) & 0x3f)
      bytes[at++] = 0x80 | ((point >> 6) & 0x3f)
      bytes[at++] = 0x80 | (point & 0x3f)
      i++
    } else {
      if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd
      bytes[at++] = 0xe0 | (code >> 12)
      bytes[at++] = 0x80 | ((code >> 6) & 0x3f)
      bytes[at++] = 0x80 | (code & 0x3f)
    }
  }
  return at
}

function isSurrogatePair(text: string, i: number): boolean {
  const code = text.charCodeAt(i)
  if (code < 0xd800 || code > 0xdbff || i + 1 >= text.length) return false
  const next = text.charCodeAt(i + 1)
  return next >= 0xdc00 && next <= 0xdfff
}

const asciiCodes: number[] = []

/** The text of UTF-8 bytes [start, end); invalid UTF-8 throws TypeError (fatal decoding). */
export function readUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start
  if (length <= shortTextMax) {
    asciiCodes.length = length
    let isAscii = true
    for (let i = 0; i < length; i++) {
      const byte = bytes[start + i] as number
      if (byte >= 0x80) {
        isAscii = false
        break
      }
      asciiCodes[i] = byte
    }
    if (isAscii) return String.fromCharCode.apply(null, asciiCodes)
  }
  return textDecoder.decode(bytes.subarray(start, end))
}
