/**
 * Frontend messages: what clients send, protocol version 3.0, and their parsers. Framing (how a
 * message is cut from the byte stream, and the length limits) is message-reader.ts; here each
 * parser gets one message's body, after the type byte and the length.
 *
 * Notation as in backend-message.ts: Int32 is big-endian; String is UTF-8 bytes ended by NUL;
 * the Int32 length counts itself and the body, not the type byte.
 *
 *   Startup packets (the first packets of a connection; no type byte)
 *     StartupMessage  Int32 length, Int32(196608): protocol major version in the high 16 bits
 *                     (3), minor in the low 16 (0), then pairs String name, String value, then
 *                     one more NUL. Names: user (required), database (default: user),
 *                     application_name, options, `_pq_.` protocol options, other run-time
 *                     settings. Validity: the last byte is that final NUL.
 *     SSLRequest      Int32(8) Int32(80877103): answered 'N'; another startup packet follows.
 *     GSSENCRequest   Int32(8) Int32(80877104): answered 'N'; another startup packet follows.
 *     CancelRequest   Int32(16) Int32(80877102) Int32 process id, Int32 secret key (the values
 *                     of the target's BackendKeyData); sent on a fresh connection, not answered.
 *   Regular messages
 *     PasswordMessage Byte1('p') Int32 length, String password. Validity: the String fills the
 *                     body exactly.
 *     Query           Byte1('Q') Int32 length, String query text (one or more statements).
 *                     Validity: the String fills the body exactly and is valid UTF-8.
 *     Sync            Byte1('S') Int32(4)
 *     Terminate       Byte1('X') Int32(4)
 *   The extended query protocol: Parse 'P', Bind 'B', Describe 'D', Execute 'E', Close 'C',
 *   Flush 'H' (extended-message.ts).
 *   Recognised by type byte only, not yet supported (TODO(#6): COPY and the function call
 *   sub-protocol): FunctionCall 'F', CopyData 'd', CopyDone 'c', CopyFail 'f'.
 */
import { assert, SqlError, SqlState } from '@bkg-db/engine'
import { protocolMinorVersionLatest } from './backend-message.js'
import { type ExtendedMessage, parseExtendedMessage } from './extended-message.js'
import { decodeUtf8 } from './utf8-text.js'

const sslRequestCode = 80877103
const gssEncRequestCode = 80877104
const cancelRequestCode = 80877102
const protocolMajorVersion = 3

export type StartupRequest =
  | { readonly kind: 'SslRequest' }
  | { readonly kind: 'GssEncRequest' }
  | { readonly kind: 'CancelRequest'; readonly processId: number; readonly secretKey: number }
  | StartupMessage

export interface StartupMessage {
  readonly kind: 'StartupMessage'
  readonly minorVersion: number
  /** Parameters in the order sent; a repeated name keeps its last value. */
  readonly parameters: ReadonlyMap<string, string>
}

export type FrontendMessage =
  | { readonly kind: 'Query'; readonly sql: string }
  | { readonly kind: 'Sync' }
  | { readonly kind: 'Terminate' }
  /** Parse, Bind, Describe, Execute, Close, Flush: the extended query protocol. */
  | ExtendedMessage
  | { readonly kind: 'FunctionCall' }
  /** CopyData, CopyDone, CopyFail. */
  | { readonly kind: 'CopyInput'; readonly type: string }
  /** A message of a known type whose body breaks its format; reported as an ERROR (then, for
   * an extended query message, the rest is skipped up to Sync). */
  | { readonly kind: 'Malformed'; readonly error: SqlError; readonly isExtended?: boolean }
  | { readonly kind: 'Unknown'; readonly typeCode: number }

/** Parses a startup packet's body (after its length). Throws a FATAL SqlError when invalid. */
export function parseStartupPacket(body: Buffer): StartupRequest {
  assert(body.length >= 4, 'the reader passes startup packets of at least 8 bytes')
  const code = body.readInt32BE(0)
  if (code === sslRequestCode) return { kind: 'SslRequest' }
  if (code === gssEncRequestCode) return { kind: 'GssEncRequest' }
  if (code === cancelRequestCode) {
    if (body.length !== 12) throw protocolViolation('invalid length of startup packet')
    return { kind: 'CancelRequest', processId: body.readInt32BE(4), secretKey: body.readInt32BE(8) }
  }
  const majorVersion = code >>> 16
  const minorVersion = code & 0xffff
  if (majorVersion !== protocolMajorVersion) throw unsupportedProtocolError(code)
  return { kind: 'StartupMessage', minorVersion, parameters: parseStartupParameters(body) }
}

/** PostgreSQL's wording for a protocol version it does not speak (also for a repeated
 * SSLRequest, whose code then reads as version 1234.5679). */
export function unsupportedProtocolError(code: number): SqlError {
  const requested = `${code >>> 16}.${code & 0xffff}`
  const newest = `${protocolMajorVersion}.${protocolMinorVersionLatest}`
  const supported = `${protocolMajorVersion}.0 to ${newest}`
  return new SqlError(
    SqlState.featureNotSupported,
    `unsupported frontend protocol ${requested}: server supports ${supported}`,
    { severity: 'FATAL' },
  )
}

/** The request code of an encryption request, for unsupportedProtocolError. */
export function encryptionRequestCode(kind: 'SslRequest' | 'GssEncRequest'): number {
  return kind === 'SslRequest' ? sslRequestCode : gssEncRequestCode
}

function parseStartupParameters(body: Buffer): Map<string, string> {
  const layoutError = 'invalid startup packet layout: expected terminator as last byte'
  if (body[body.length - 1] !== 0) throw protocolViolation(layoutError)
  const parameters = new Map<string, string>()
  let offset = 4
  // Bounded: every pass consumes at least one byte of a body of at most pgStartupPacketBytesMax.
  while (offset < body.length - 1) {
    const name = readString(body, offset, layoutError)
    if (name.text === '') throw protocolViolation(layoutError)
    const value = readString(body, name.end, layoutError)
    parameters.set(name.text, value.text)
    offset = value.end
  }
  if (offset !== body.length - 1) throw protocolViolation(layoutError)
  return parameters
}

/** Parses a PasswordMessage body. Throws a FATAL SqlError when invalid. */
export function parsePasswordMessage(body: Buffer): string {
  if (body.indexOf(0) !== body.length - 1) throw protocolViolation('invalid password packet size')
  return decodeUtf8(body.subarray(0, body.length - 1), 'FATAL')
}

/** A SASLInitialResponse: the mechanism the client chose and its first message. */
export interface SaslInitialResponse {
  readonly mechanism: string
  readonly data: Buffer
}

/** Parses a SASLInitialResponse ('p': mechanism, int32 length or -1, data). FATAL when invalid. */
export function parseSaslInitialResponse(body: Buffer): SaslInitialResponse {
  const end = body.indexOf(0)
  if (end < 0 || end + 5 > body.length) throw protocolViolation('malformed SASL message')
  const mechanism = decodeUtf8(body.subarray(0, end), 'FATAL')
  const length = body.readInt32BE(end + 1)
  const data = body.subarray(end + 5)
  if (length === -1 ? data.length !== 0 : length !== data.length) {
    throw protocolViolation('malformed SASL message')
  }
  return { mechanism, data }
}

/** Parses a regular message that arrives once the connection is ready for queries. */
export function parseFrontendMessage(type: number, body: Buffer): FrontendMessage {
  const letter = String.fromCharCode(type)
  switch (letter) {
    case 'Q':
      return parseQuery(body)
    case 'S':
      return { kind: 'Sync' }
    case 'X':
      return { kind: 'Terminate' }
    case 'P':
    case 'B':
    case 'D':
    case 'E':
    case 'C':
    case 'H':
      try {
        return parseExtendedMessage(letter, body)
      } catch (error) {
        if (error instanceof SqlError) return { kind: 'Malformed', error, isExtended: true }
        throw error
      }
    case 'F':
      return { kind: 'FunctionCall' }
    case 'd':
    case 'c':
    case 'f':
      return { kind: 'CopyInput', type: letter }
    default:
      return { kind: 'Unknown', typeCode: type }
  }
}

function parseQuery(body: Buffer): FrontendMessage {
  const end = body.indexOf(0)
  if (end === -1) {
    return { kind: 'Malformed', error: protocolViolation('invalid string in message', 'ERROR') }
  }
  if (end !== body.length - 1) {
    return { kind: 'Malformed', error: protocolViolation('invalid message format', 'ERROR') }
  }
  try {
    return { kind: 'Query', sql: decodeUtf8(body.subarray(0, end), 'ERROR') }
  } catch (error) {
    if (error instanceof SqlError) return { kind: 'Malformed', error }
    throw error
  }
}

function readString(
  body: Buffer,
  offset: number,
  missingTerminator: string,
): { text: string; end: number } {
  const end = body.indexOf(0, offset)
  if (end === -1) throw protocolViolation(missingTerminator)
  return { text: decodeUtf8(body.subarray(offset, end), 'FATAL'), end: end + 1 }
}

function protocolViolation(message: string, severity: 'ERROR' | 'FATAL' = 'FATAL'): SqlError {
  return new SqlError(SqlState.protocolViolation, message, { severity })
}
