/**
 * Backend messages: what the server sends, protocol version 3.0 (196608). Each builder returns
 * one complete message; they are the only producers of server bytes.
 *
 * Notation as in PostgreSQL's "Message Formats" page: Int8/Int16/Int32 are big-endian signed
 * integers; String is UTF-8 bytes ended by one NUL (and containing none); Byte1('x') is the type
 * byte. The Int32 after the type byte is the message length: it counts itself and the body, not
 * the type byte. Validity: the length equals the bytes that follow the type byte (MessageWriter
 * computes it, so no builder writes it by hand).
 *
 *   Encryption refusal (answers SSLRequest and GSSENCRequest; not a framed message)
 *     Byte1('N')
 *   AuthenticationOk
 *     Byte1('R') Int32(8) Int32(0)
 *   AuthenticationCleartextPassword
 *     Byte1('R') Int32(8) Int32(3)
 *   NegotiateProtocolVersion (the client asked for a newer minor version or _pq_ options)
 *     Byte1('v') Int32 length, Int32 newest minor version supported,
 *     Int32 n: count of options not recognized, String[n] their names
 *   ParameterStatus
 *     Byte1('S') Int32 length, String name, String value
 *   BackendKeyData (what a CancelRequest must quote)
 *     Byte1('K') Int32(12) Int32 process id, Int32 secret key
 *   ReadyForQuery
 *     Byte1('Z') Int32(5) Byte1 status: 'I' idle, 'T' in a transaction block, 'E' in a failed
 *     transaction block
 *   RowDescription
 *     Byte1('T') Int32 length, Int16 n: field count, then n times: String name, Int32 table OID
 *     (0: computed), Int16 column number (0: computed), Int32 type OID, Int16 type size (negative:
 *     variable length), Int32 type modifier (-1: none), Int16 format code (0 text, 1 binary)
 *   DataRow
 *     Byte1('D') Int32 length, Int16 n: column count, then n times: Int32 value length (-1 is
 *     NULL and no bytes follow), Byte[length] the value in the column's format
 *   CommandComplete
 *     Byte1('C') Int32 length, String command tag ('SELECT 2', 'INSERT 0 1', 'BEGIN')
 *   EmptyQueryResponse (the query string held no statement)
 *     Byte1('I') Int32(4)
 *   ErrorResponse / NoticeResponse
 *     Byte1('E') / Byte1('N'), Int32 length, then fields, each Byte1 code and String value,
 *     ended by Byte1(0). Codes sent: S severity, V severity (never localized), C SQLSTATE,
 *     M message (these four always), then when known: D detail, H hint, P position (decimal,
 *     1-based, in characters of the query string), p internal position, q internal query,
 *     W where (context), s schema, t table, c column, d data type, n constraint, F file,
 *     L line, R routine.
 *   Extended query protocol answers
 *     ParseComplete Byte1('1') Int32(4); BindComplete Byte1('2') Int32(4); CloseComplete
 *     Byte1('3') Int32(4); NoData Byte1('n') Int32(4); PortalSuspended Byte1('s') Int32(4)
 *     ParameterDescription Byte1('t') Int32 length, Int16 n, Int32[n] parameter type OIDs
 */
import type { ColumnDescription, TransactionStatus } from '@bkg-db/engine'
import { assert, assertNever } from '@bkg-db/engine'
import { MessageWriter } from './message-writer.js'

/** The newest minor version of protocol 3 this server speaks. */
export const protocolMinorVersionLatest = 0

/** What ErrorResponse and NoticeResponse carry; SqlError and the engine's Notice both fit. */
export interface ReportFields {
  readonly severity: string
  readonly code: string
  readonly message: string
  readonly detail?: string | undefined
  readonly hint?: string | undefined
  readonly position?: number | undefined
  readonly schema?: string | undefined
  readonly table?: string | undefined
  readonly column?: string | undefined
  readonly dataType?: string | undefined
  readonly constraint?: string | undefined
  /** Context: the call stack of functions and statements the error came from. */
  readonly where?: string | undefined
  /** A position in `internalQuery` (an internally generated command). */
  readonly internalPosition?: number | undefined
  readonly internalQuery?: string | undefined
  /** Source file, line and routine that reported it (PostgreSQL's F, L, R). */
  readonly file?: string | undefined
  readonly line?: number | undefined
  readonly routine?: string | undefined
}

const encryptionRefusalBytes = Buffer.from('N', 'latin1')

export function encryptionRefusal(): Buffer {
  return encryptionRefusalBytes
}

export function authenticationOk(): Buffer {
  return new MessageWriter('R', 4).int32(0).finish()
}

export function authenticationCleartextPassword(): Buffer {
  return new MessageWriter('R', 4).int32(3).finish()
}

export function negotiateProtocolVersion(optionsUnrecognized: readonly string[]): Buffer {
  const writer = new MessageWriter('v').int32(protocolMinorVersionLatest)
  writer.int32(optionsUnrecognized.length)
  for (const option of optionsUnrecognized) writer.cstring(option)
  return writer.finish()
}

export function parameterStatus(name: string, value: string): Buffer {
  return new MessageWriter('S').cstring(name).cstring(value).finish()
}

export function backendKeyData(processId: number, secretKey: number): Buffer {
  return new MessageWriter('K', 8).int32(processId).int32(secretKey).finish()
}

export function readyForQuery(status: TransactionStatus): Buffer {
  return new MessageWriter('Z', 1).int8(transactionStatusByte(status)).finish()
}

function transactionStatusByte(status: TransactionStatus): number {
  switch (status) {
    case 'idle':
      return 0x49 // 'I'
    case 'transaction':
      return 0x54 // 'T'
    case 'failed':
      return 0x45 // 'E'
    default:
      return assertNever(status, 'transaction status')
  }
}

/** `formats`: one format code per column (0 text, 1 binary); absent: all text. */
export function rowDescription(
  columns: readonly ColumnDescription[],
  formats?: readonly number[],
): Buffer {
  assert(columns.length <= 0x7fff, 'a row description has at most 32767 fields')
  const writer = new MessageWriter('T', 2 + columns.length * 32).int16(columns.length)
  for (const [index, column] of columns.entries()) {
    writer.cstring(column.name).int32(column.tableOid).int16(column.columnNumber)
    writer.int32(column.typeOid).int16(column.typeSize).int32(column.typeModifier)
    writer.int16(formats?.[index] ?? 0)
  }
  return writer.finish()
}

/** A row of values already in text format; null is SQL NULL. */
export function dataRow(values: readonly (string | null)[]): Buffer {
  assert(values.length <= 0x7fff, 'a data row has at most 32767 columns')
  let bodyBytes = 2
  for (const value of values) bodyBytes += 4 + (value === null ? 0 : Buffer.byteLength(value))
  const writer = new MessageWriter('D', bodyBytes).int16(values.length)
  for (const value of values) {
    if (value === null) {
      writer.int32(-1)
    } else {
      writer.int32(Buffer.byteLength(value, 'utf8')).text(value)
    }
  }
  return writer.finish()
}

/** A row of values already encoded (text as UTF-8 or binary); null is SQL NULL. */
export function dataRowEncoded(values: readonly (Uint8Array | null)[]): Buffer {
  assert(values.length <= 0x7fff, 'a data row has at most 32767 columns')
  let bodyBytes = 2
  for (const value of values) bodyBytes += 4 + (value === null ? 0 : value.length)
  const writer = new MessageWriter('D', bodyBytes).int16(values.length)
  for (const value of values) {
    if (value === null) writer.int32(-1)
    else writer.int32(value.length).bytes(value)
  }
  return writer.finish()
}

export function parseComplete(): Buffer {
  return parseCompleteBytes
}

export function bindComplete(): Buffer {
  return bindCompleteBytes
}

export function closeComplete(): Buffer {
  return closeCompleteBytes
}

export function noData(): Buffer {
  return noDataBytes
}

export function portalSuspended(): Buffer {
  return portalSuspendedBytes
}

export function parameterDescription(typeOids: readonly number[]): Buffer {
  assert(typeOids.length <= 0xffff, 'a statement has at most 65535 parameters')
  const writer = new MessageWriter('t', 2 + typeOids.length * 4).int16(typeOids.length)
  for (const oid of typeOids) writer.uint32(oid)
  return writer.finish()
}

const parseCompleteBytes = new MessageWriter('1', 0).finish()
const bindCompleteBytes = new MessageWriter('2', 0).finish()
const closeCompleteBytes = new MessageWriter('3', 0).finish()
const noDataBytes = new MessageWriter('n', 0).finish()
const portalSuspendedBytes = new MessageWriter('s', 0).finish()

/** CopyInResponse ('G') / CopyOutResponse ('H'): the overall format (0 text, 1 binary) and
 * each column's, which COPY keeps equal to it. */
function copyResponse(type: 'G' | 'H', isBinary: boolean, columnCount: number): Buffer {
  assert(columnCount <= 0xffff, 'COPY has at most 65535 columns')
  const format = isBinary ? 1 : 0
  const writer = new MessageWriter(type, 3 + 2 * columnCount).int8(format).int16(columnCount)
  for (let i = 0; i < columnCount; i++) writer.int16(format)
  return writer.finish()
}

export function copyInResponse(isBinary: boolean, columnCount: number): Buffer {
  return copyResponse('G', isBinary, columnCount)
}

export function copyOutResponse(isBinary: boolean, columnCount: number): Buffer {
  return copyResponse('H', isBinary, columnCount)
}

/** CopyData ('d'): a chunk of COPY data, as is. */
export function copyData(data: Uint8Array): Buffer {
  return new MessageWriter('d', data.length).bytes(data).finish()
}

const copyDoneBytes = new MessageWriter('c', 0).finish()

export function copyDone(): Buffer {
  return copyDoneBytes
}

export function commandComplete(commandTag: string): Buffer {
  return new MessageWriter('C').cstring(commandTag).finish()
}

export function emptyQueryResponse(): Buffer {
  return new MessageWriter('I', 0).finish()
}

export function errorResponse(fields: ReportFields): Buffer {
  return writeReport(new MessageWriter('E'), fields)
}

export function noticeResponse(fields: ReportFields): Buffer {
  return writeReport(new MessageWriter('N'), fields)
}

function writeReport(writer: MessageWriter, fields: ReportFields): Buffer {
  writeField(writer, 'S', fields.severity)
  writeField(writer, 'V', fields.severity)
  writeField(writer, 'C', fields.code)
  writeField(writer, 'M', fields.message)
  writeField(writer, 'D', fields.detail)
  writeField(writer, 'H', fields.hint)
  writeField(writer, 'P', fields.position === undefined ? undefined : String(fields.position))
  writeField(
    writer,
    'p',
    fields.internalPosition === undefined ? undefined : String(fields.internalPosition),
  )
  writeField(writer, 'q', fields.internalQuery)
  writeField(writer, 'W', fields.where)
  writeField(writer, 's', fields.schema)
  writeField(writer, 't', fields.table)
  writeField(writer, 'c', fields.column)
  writeField(writer, 'd', fields.dataType)
  writeField(writer, 'n', fields.constraint)
  writeField(writer, 'F', fields.file)
  writeField(writer, 'L', fields.line === undefined ? undefined : String(fields.line))
  writeField(writer, 'R', fields.routine)
  return writer.int8(0).finish()
}

function writeField(writer: MessageWriter, code: string, value: string | undefined): void {
  if (value === undefined) return
  // A NUL would end the field early and shift every field after it; it can only come from a
  // bug, since no query text (a String itself) can carry one into a message.
  writer.int8(code.charCodeAt(0)).cstring(value)
}
