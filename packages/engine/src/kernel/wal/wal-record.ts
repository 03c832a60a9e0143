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
import { writeUint32, writeUint53 } from '../../lib/bytes.js'
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
  // Byte by byte (lib/bytes.ts): one record per row written.
  const length = walRecordHeaderBytes + payload.length
  const bytes = new Uint8Array(length)
  writeUint32(bytes, 0, length)
  writeUint53(bytes, 8, lsn)
  writeUint53(bytes, 16, lsnDurable)
  bytes[24] = type
  bytes.set(payload, walRecordHeaderBytes)
  writeUint32(bytes, 4, crc32c(bytes, 8))
  return bytes
}

export type DecodedRecord =
  | {
      readonly kind: 'record'
      readonly record: WalRecord
      readonly length: number
      readonly lsnDurableAtWrite: number
    }
  | { readonly kind: 'invalid'; readonly reason: string }

/** Decodes the record at `offset` of a segment buffer whose first byte has LSN `segmentLsn`. */
export function decodeWalRecord(
  buffer: Uint8Array,
  offset: number,
  segmentLsn: number,
): DecodedRecord {
  if (offset + walRecordHeaderBytes > buffer.length)
    return { kind: 'invalid', reason: 'truncated header' }
  const view = new DataView(buffer.buffer, buffer.byteOffset + offset, buffer.length - offset)
  const length = view.getUint32(0)
  if (length < walRecordHeaderBytes || length > walRecordBytesMax) {
    return { kind: 'invalid', reason: `record length ${length} out of range` }
  }
  if (offset + length > buffer.length) return { kind: 'invalid', reason: 'truncated record' }
  const lsn = Number(view.getBigUint64(8))
  if (lsn !== segmentLsn + offset) return { kind: 'invalid', reason: `record claims LSN ${lsn}` }
  const crc = crc32c(buffer, offset + 8, offset + length)
  if (crc !== view.getUint32(4)) return { kind: 'invalid', reason: 'checksum mismatch' }
  return {
    kind: 'record',
    record: {
      lsn,
      type: view.getUint8(24),
      payload: buffer.subarray(offset + walRecordHeaderBytes, offset + length),
    },
    length,
    lsnDurableAtWrite: Number(view.getBigUint64(16)),
  }
}
