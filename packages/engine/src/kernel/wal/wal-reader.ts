/**
 * WAL reader: the records from an LSN to the end of the valid log, for recovery.
 *
 * The end of the log is the first record that does not validate. What lies there decides
 * between a torn tail (normal after a crash: truncate it) and corruption (refuse to start):
 *   - in a segment that is not the last one: corruption. The writer fsyncs a segment completely
 *     before it writes anything to the next, so a later segment with data proves this one was
 *     durable.
 *   - in the last segment: if some valid record further on says the log was durable beyond the
 *     bad position when it was written (its lsnDurableAtWrite), the bad bytes had been fsynced:
 *     corruption. Otherwise they were never acknowledged: a torn tail.
 * Known limit: damage inside the very last fsynced batch, with nothing written after it, looks
 * like a torn tail. Only bit rot can cause that; page checksums catch its effect on data pages.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import type { Vfs } from '../vfs/index.js'
import { parseSegmentName, segmentName } from './segment-name.js'
import { decodeWalRecord, type WalRecord, walRecordHeaderBytes } from './wal-record.js'

export interface WalSegment {
  readonly startLsn: number
  readonly path: string
}

export interface WalScan {
  /** Records from the requested LSN, in order. */
  readonly records: readonly WalRecord[]
  /** LSN just past the last valid record: where writing resumes. */
  readonly lsnEnd: number
  /** The segment that holds lsnEnd (writing continues in it), if any. */
  readonly tailSegment: WalSegment | undefined
  /** Bytes of a torn tail that the writer must cut off (0 when the log ended cleanly). */
  readonly tornBytes: number
}

export function listSegments(vfs: Vfs, directory: string): WalSegment[] {
  const segments: WalSegment[] = []
  for (const name of vfs.list(directory)) {
    const startLsn = parseSegmentName(name)
    if (startLsn !== undefined) segments.push({ startLsn, path: `${directory}/${name}` })
  }
  return segments.sort((a, b) => a.startLsn - b.startLsn)
}

function corruption(path: string, offset: number, reason: string): SqlError {
  return new SqlError(
    SqlState.dataCorrupted,
    `invalid WAL record in file "${path}" at offset ${offset}: ${reason}; the log is damaged before its end, refusing to start`,
    {
      hint: 'Restore the data directory from a backup; the damaged file and offset are named above.',
    },
  )
}

function readWhole(vfs: Vfs, path: string): Uint8Array {
  const file = vfs.open(path, { create: false })
  try {
    const bytes = new Uint8Array(file.size())
    const count = file.read(bytes, 0)
    assert(count === bytes.length, 'whole segment read')
    return bytes
  } finally {
    file.close()
  }
}

/** Reads the log from `fromLsn`. Throws XX001 on corruption before the end of the log. */
export function scanWal(vfs: Vfs, directory: string, fromLsn: number): WalScan {
  const segments = listSegments(vfs, directory).filter(
    (_segment, index, all) => (all[index + 1]?.startLsn ?? Number.POSITIVE_INFINITY) > fromLsn,
  )
  const records: WalRecord[] = []
  const first = segments[0]
  if (first === undefined) return { records, lsnEnd: fromLsn, tailSegment: undefined, tornBytes: 0 }
  if (first.startLsn > fromLsn) {
    throw corruption(
      segmentPath(directory, fromLsn),
      0,
      `segment holding LSN ${fromLsn} is missing`,
    )
  }
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as WalSegment
    const next = segments[i + 1]
    const bytes = readWhole(vfs, segment.path)
    let offset = Math.max(0, fromLsn - segment.startLsn)
    while (offset < bytes.length) {
      const decoded = decodeWalRecord(bytes, offset, segment.startLsn)
      if (decoded.kind === 'invalid') {
        if (next !== undefined) throw corruption(segment.path, offset, decoded.reason)
        checkTail(bytes, offset, segment, decoded.reason)
        return {
          records,
          lsnEnd: segment.startLsn + offset,
          tailSegment: segment,
          tornBytes: bytes.length - offset,
        }
      }
      records.push(decoded.record)
      offset += decoded.length
    }
    if (next !== undefined && next.startLsn !== segment.startLsn + bytes.length) {
      throw corruption(
        next.path,
        0,
        `segment starts at LSN ${next.startLsn}, previous one ends at ${segment.startLsn + bytes.length}`,
      )
    }
    if (next === undefined) {
      return {
        records,
        lsnEnd: segment.startLsn + bytes.length,
        tailSegment: segment,
        tornBytes: 0,
      }
    }
  }
  throw new SqlError(SqlState.internalError, 'unreachable: the last segment ends the scan')
}

/** Corruption if a later valid record proves the bad bytes had been made durable. */
function checkTail(
  bytes: Uint8Array,
  badOffset: number,
  segment: WalSegment,
  reason: string,
): void {
  const badLsn = segment.startLsn + badOffset
  for (let offset = badOffset + 1; offset + walRecordHeaderBytes <= bytes.length; offset++) {
    const decoded = decodeWalRecord(bytes, offset, segment.startLsn)
    if (decoded.kind === 'record' && decoded.lsnDurableAtWrite > badLsn) {
      throw corruption(segment.path, badOffset, reason)
    }
  }
}

function segmentPath(directory: string, lsn: number): string {
  return `${directory}/${segmentName(lsn)}`
}
