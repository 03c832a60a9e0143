/**
 * The pgwire codec: bytes ⇄ messages of PostgreSQL's protocol version 3.0, with no sockets and
 * no state beyond the bytes of one partly received message.
 *
 * Formats are documented byte by byte where they are implemented: framing and its length limits
 * in message-reader.ts, client messages in frontend-message.ts, server messages in
 * backend-message.ts.
 *
 * Invariants:
 *   1. No declared length above pgStartupPacketBytesMax / pgMessageBytesMax is ever awaited or
 *      buffered: the header is checked before the body (message-reader.ts).
 *   2. Every backend message's length field equals the bytes after its type byte
 *      (MessageWriter.finish computes it).
 *   3. Errors for bad input are SqlErrors with a SQLSTATE and PostgreSQL's wording; FATAL ones
 *      leave the stream unreadable, so the connection must close.
 * Imports: @bkg-db/engine (SqlError, result types), ../limits.js. Tests: *.test.ts here.
 */
export * from './backend-message.js'
export type { DescribeTarget, ExtendedMessage } from './extended-message.js'
export {
  encryptionRequestCode,
  type FrontendMessage,
  parseFrontendMessage,
  parsePasswordMessage,
  parseSaslInitialResponse,
  parseStartupPacket,
  type SaslInitialResponse,
  type StartupMessage,
  type StartupRequest,
  unsupportedProtocolError,
} from './frontend-message.js'
export { type Frame, MessageReader } from './message-reader.js'
export { decodeUtf8 } from './utf8-text.js'
