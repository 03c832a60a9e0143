/**
 * WAL record framing. The log is a sequence of records; a record's LSN is its byte position in
 * the log (segment start LSN + offset in the segment file).
 *
 * Format (version 1), integers big-endian:
 *   0   u32  total length L of the record, header included (28 ≤ L ≤ walRecordBytesMax)
 *   4   u32  CRC-32C of bytes [8, L)
 *   8   u64  LSN of this record (its own position: stale bytes from elsewhere never validate)
 *   16  u64  durable LSN when the record was written: every byte of the log before it had been
 *            fsynced. Recovery uses it to tell a torn tail from corruption (wal-reader.ts).
 *   24  u8   record type (defined by the kernel: kernel/log-records.ts)
 *   25  3    reserved (0)
 *   28  L-28 payload
 * Validity: L in range, the LSN field equals the record's position, the CRC matches.
 */
import { readUint32, readUint53, writeUint32, writeUint53 } from '../../lib/bytes.js'
import { crc32c } from '../../lib/crc32c.js'
import { walRecordBytesMax } from '../../limits.js'

export const walRecordHeaderBytes = 28

export interface WalRecord {
  readonly lsn: number
  readonly type: number
  readonly payload: Uint8Array
}

export function encodeWalRecord(
  lsn: number,
  lsnDurable: number,
  type: number,
  payload: Uint8Array,
): Uint8Array {
  const bytes = new Uint8Array(walRecordHeaderBytes + payload.length)
  encodeWalRecordInto(bytes, 0, lsn, lsnDurable, type, payload)
  return bytes
}

/**
 * Encodes a record at `offset` of `target` (which must have room for it); returns its length.
 * The bytes there must be zero or stale: every byte of the record is written. The payload is
 * the concatenation of `payload` and the optional `more` and `last` parts (a put record is
 * written from its parts, without first building it in a buffer of its own). Integers are
 * written byte by byte (lib/bytes.ts): no DataView, no BigInt, once per record.
 */
export function encodeWalRecordInto(
  target: Uint8Array,
  offset: number,
  lsn: number,
  lsnDurable: number,
  type: number,
  payload: Uint8Array,
  more?: Uint8Array,
  last?: Uint8Array,
): number {
  let at = offset + walRecordHeaderBytes
  target.set(payload, at)
  at += payload.length
  if (more !== undefined) {
    target.set(more, at)
    at += more.length
  }
  if (last !== undefined) {
    target.set(last, at)
    at += last.length
  }
  const length = at - offset
  writeUint32(target, offset, length)
  writeUint53(target, offset + 8, lsn)
  writeUint53(target, offset + 16, lsnDurable)
  target[offset + 24] = type
  target[offset + 25] = 0
  target[offset + 26] = 0
  target[offset + 27] = 0
  writeUint32(target, offset + 4, crc32c(target, offset + 8, at))
  return length
}

export type DecodedRecord =
  | {
      readonly kind: 'record'
      readonly record: WalRecord
      readonly length: number
      readonly lsnDurableAtWrite: number
    }
  | { readonly kind: 'invalid'; readonly reason: string }

/**
 * Decodes the record at `offset` of a buffer whose first byte has LSN `bufferLsn` and whose
 * bytes up to `end` are valid (the rest of a segment's read window is not).
 */
export function decodeWalRecord(
  buffer: Uint8Array,
  offset: number,
  bufferLsn: number,
  end = buffer.length,
): DecodedRecord {
  if (offset + walRecordHeaderBytes > end) return { kind: 'invalid', reason: 'truncated header' }
  const length = readUint32(buffer, offset)
  if (length < walRecordHeaderBytes || length > walRecordBytesMax) {
    return { kind: 'invalid', reason: `record length ${length} out of range` }
  }
  if (offset + length > end) return { kind: 'invalid', reason: 'truncated record' }
  const lsn = readUint53(buffer, offset + 8)
  if (lsn !== bufferLsn + offset) return { kind: 'invalid', reason: `record claims LSN ${lsn}` }
  const crc = crc32c(buffer, offset + 8, offset + length)
  if (crc !== readUint32(buffer, offset + 4))
    return { kind: 'invalid', reason: 'checksum mismatch' }
  return {
    kind: 'record',
    record: {
      lsn,
      type: buffer[offset + 24] as number,
      payload: buffer.subarray(offset + walRecordHeaderBytes, offset + length),
    },
    length,
    lsnDurableAtWrite: readUint53(buffer, offset + 16),
  }
}
