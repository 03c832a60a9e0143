/**
 * The extended query protocol's frontend messages and their parsers (notation as in
 * frontend-message.ts: Int16/Int32 big-endian, String UTF-8 ended by NUL).
 *
 *   Parse     Byte1('P') Int32 length, String statement name ('' unnamed), String query text,
 *             Int16 n, Int32[n] parameter type OIDs (0: inferred)
 *   Bind      Byte1('B') Int32 length, String portal name, String statement name,
 *             Int16 f, Int16[f] parameter format codes (0 text, 1 binary; none: all text, one:
 *             for all), Int16 n, then n times Int32 value length (-1: NULL) and the bytes,
 *             Int16 r, Int16[r] result format codes (same rules, per result column)
 *   Describe  Byte1('D') Int32 length, Byte1 'S' statement or 'P' portal, String name
 *   Execute   Byte1('E') Int32 length, String portal name, Int32 row limit (0: no limit)
 *   Close     Byte1('C') Int32 length, Byte1 'S' or 'P', String name
 *   Flush     Byte1('H') Int32(4)
 *
 * Validity: every field present and the body consumed exactly; strings valid UTF-8; a Bind's
 * parameter format count is 0, 1 or its parameter count. A body that breaks this is an ERROR
 * 08P01 with PostgreSQL's wording ("insufficient data left in message", "invalid message
 * format", ...): the connection survives and skips to Sync, as PostgreSQL does.
 */
import { SqlError, SqlState } from '@bkg-db/engine'
import { decodeUtf8 } from './utf8-text.js'

export type DescribeTarget = 'Statement' | 'Portal'

export type ExtendedMessage =
  | {
      readonly kind: 'Parse'
      readonly statement: string
      readonly sql: string
      readonly paramTypes: readonly number[]
    }
  | {
      readonly kind: 'Bind'
      readonly portal: string
      readonly statement: string
      /** One per parameter, already expanded from Bind's 0 / 1 / n codes. */
      readonly paramFormats: readonly number[]
      readonly params: readonly (Buffer | null)[]
      readonly resultFormats: readonly number[]
    }
  | { readonly kind: 'Describe'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'Execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'Close'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'Flush' }

/** Parses the body of a Parse, Bind, Describe, Execute, Close or Flush message; throws an
 * ERROR-severity SqlError (08P01 or 22021) when the body is malformed. */
export function parseExtendedMessage(letter: string, body: Buffer): ExtendedMessage {
  const reader = new BodyReader(body)
  let message: ExtendedMessage
  switch (letter) {
    case 'P':
      message = parseParse(reader)
      break
    case 'B':
      message = parseBind(reader)
      break
    case 'D':
      message = {
        kind: 'Describe',
        target: target(reader.byte(), 'DESCRIBE'),
        name: reader.string(),
      }
      break
    case 'E':
      message = { kind: 'Execute', portal: reader.string(), maxRows: reader.int32() }
      break
    case 'C':
      message = { kind: 'Close', target: target(reader.byte(), 'CLOSE'), name: reader.string() }
      break
    case 'H':
      message = { kind: 'Flush' }
      break
    default:
      throw protocolViolation(`invalid frontend message type ${letter.charCodeAt(0)}`)
  }
  reader.end()
  return message
}

function parseParse(reader: BodyReader): ExtendedMessage {
  const statement = reader.string()
  const sql = reader.string()
  const count = reader.int16()
  const paramTypes: number[] = []
  // Bounded: each pass reads 4 bytes of a body of at most pgMessageBytesMax.
  for (let index = 0; index < count; index++) paramTypes.push(reader.uint32())
  return { kind: 'Parse', statement, sql, paramTypes }
}

function parseBind(reader: BodyReader): ExtendedMessage {
  const portal = reader.string()
  const statement = reader.string()
  const formatCodes = reader.int16Array()
  const count = reader.int16()
  if (formatCodes.length > 1 && formatCodes.length !== count) {
    throw protocolViolation(
      `bind message has ${formatCodes.length} parameter formats but ${count} parameters`,
    )
  }
  const params: (Buffer | null)[] = []
  // Bounded: each pass reads at least 4 bytes of the body.
  for (let index = 0; index < count; index++) {
    const length = reader.int32()
    params.push(length === -1 ? null : reader.bytes(length))
  }
  const resultFormats = reader.int16Array()
  const paramFormats = params.map((_, index) =>
    formatCodes.length === 1 ? (formatCodes[0] ?? 0) : (formatCodes[index] ?? 0),
  )
  return { kind: 'Bind', portal, statement, paramFormats, params, resultFormats }
}

function target(byte: number, message: 'DESCRIBE' | 'CLOSE'): DescribeTarget {
  if (byte === 0x53) return 'Statement' // 'S'
  if (byte === 0x50) return 'Portal' // 'P'
  throw protocolViolation(`invalid ${message} message subtype ${byte}`)
}

/** Reads one message body front to back; every read checks the bytes are there. */
class BodyReader {
  readonly #body: Buffer
  #offset = 0

  constructor(body: Buffer) {
    this.#body = body
  }

  byte(): number {
    this.#need(1)
    return this.#body.readUInt8(this.#offset++)
  }

  int16(): number {
    this.#need(2)
    const value = this.#body.readInt16BE(this.#offset)
    this.#offset += 2
    return value
  }

  int32(): number {
    this.#need(4)
    const value = this.#body.readInt32BE(this.#offset)
    this.#offset += 4
    return value
  }

  /** OIDs are unsigned 32-bit. */
  uint32(): number {
    this.#need(4)
    const value = this.#body.readUInt32BE(this.#offset)
    this.#offset += 4
    return value
  }

  int16Array(): number[] {
    const count = this.int16()
    const values: number[] = []
    // Bounded: each pass reads 2 bytes of the body.
    for (let index = 0; index < count; index++) values.push(this.int16())
    return values
  }

  bytes(length: number): Buffer {
    if (length < 0) throw protocolViolation('insufficient data left in message')
    this.#need(length)
    const bytes = this.#body.subarray(this.#offset, this.#offset + length)
    this.#offset += length
    return bytes
  }

  string(): string {
    const end = this.#body.indexOf(0, this.#offset)
    if (end === -1) throw protocolViolation('invalid string in message')
    const bytes = this.#body.subarray(this.#offset, end)
    this.#offset = end + 1
    return decodeUtf8(bytes, 'ERROR')
  }

  end(): void {
    if (this.#offset !== this.#body.length) throw protocolViolation('invalid message format')
  }

  #need(bytes: number): void {
    if (this.#offset + bytes > this.#body.length) {
      throw protocolViolation('insufficient data left in message')
    }
  }
}

function protocolViolation(message: string): SqlError {
  return new SqlError(SqlState.protocolViolation, message)
}
