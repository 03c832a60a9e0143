/**
 * MessageWriter: builds one backend message into a Buffer. A message is a type byte, an int32
 * length that counts itself and the body but not the type byte, then the body; the writer
 * reserves the five header bytes and patches the length in `finish()`. Integers are big-endian
 * (network order), as everywhere in the protocol. The message formats themselves are listed in
 * backend-message.ts.
 */
import { assert } from '@bkg-db/engine'

const headerBytes = 5
const initialBytes = 256

export class MessageWriter {
  #buffer: Buffer
  #offset = headerBytes
  readonly #type: number

  /** `type` is the message's one ASCII type byte, e.g. 'Z' for ReadyForQuery. */
  constructor(type: string, bodyBytesHint = initialBytes) {
    assert(type.length === 1 && type.charCodeAt(0) < 128, 'a message type is one ASCII byte')
    this.#type = type.charCodeAt(0)
    this.#buffer = Buffer.allocUnsafe(headerBytes + Math.max(bodyBytesHint, 0))
  }

  int8(value: number): this {
    this.#reserve(1)
    this.#offset = this.#buffer.writeUInt8(value, this.#offset)
    return this
  }

  int16(value: number): this {
    this.#reserve(2)
    this.#offset = this.#buffer.writeInt16BE(value, this.#offset)
    return this
  }

  int32(value: number): this {
    this.#reserve(4)
    this.#offset = this.#buffer.writeInt32BE(value, this.#offset)
    return this
  }

  /** An unsigned 32-bit integer (an OID). */
  uint32(value: number): this {
    this.#reserve(4)
    this.#offset = this.#buffer.writeUInt32BE(value, this.#offset)
    return this
  }

  /** Raw bytes (a binary DataRow value, after its length). */
  bytes(value: Uint8Array): this {
    this.#reserve(value.length)
    this.#buffer.set(value, this.#offset)
    this.#offset += value.length
    return this
  }

  /** A NUL-terminated UTF-8 string (the protocol's String). It may not contain NUL itself. */
  cstring(value: string): this {
    // A protocol string ends at NUL, so a NUL inside one (say, quoted from bad input in an error
    // message) is written as U+FFFD rather than truncating the message or the connection.
    const text = value.includes('\0') ? value.replaceAll('\0', '\uFFFD') : value
    const bytes = Buffer.byteLength(text, 'utf8')
    this.#reserve(bytes + 1)
    this.#offset += this.#buffer.write(text, this.#offset, bytes, 'utf8')
    this.#offset = this.#buffer.writeUInt8(0, this.#offset)
    return this
  }

  /** UTF-8 bytes of `value` with no terminator (a DataRow value, after its length). */
  text(value: string): this {
    const bytes = Buffer.byteLength(value, 'utf8')
    this.#reserve(bytes)
    this.#offset += this.#buffer.write(value, this.#offset, bytes, 'utf8')
    return this
  }

  /** The finished message; the writer must not be used afterwards. */
  finish(): Buffer {
    assert(this.#offset - 1 <= 0x7fff_ffff, 'a message length fits in an int32')
    this.#buffer.writeUInt8(this.#type, 0)
    this.#buffer.writeInt32BE(this.#offset - 1, 1)
    return this.#buffer.subarray(0, this.#offset)
  }

  #reserve(bytes: number): void {
    const needed = this.#offset + bytes
    if (needed <= this.#buffer.length) return
    const grown = Buffer.allocUnsafe(Math.max(needed, this.#buffer.length * 2))
    this.#buffer.copy(grown, 0, 0, this.#offset)
    this.#buffer = grown
  }
}
