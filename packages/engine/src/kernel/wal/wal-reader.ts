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
 * Unsynced bytes at the end are normal too: the writer writes a large transaction's records out
 * before its commit without fsync, and they may reach the disk torn.
 *
 * Memory: WalReader streams, one window of one segment at a time (walReadBytes, or a record's
 * length if larger), so reading the log costs the same whatever its size.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import { readUint32, readUint53 } from '../../lib/bytes.js'
import { walReadBytes, walRecordBytesMax } from '../../limits.js'
import type { Vfs, VfsFile } from '../vfs/index.js'
import { parseSegmentName, segmentName } from './segment-name.js'
import {
  type DecodedRecord,
  decodeWalRecord,
  type WalRecord,
  walRecordHeaderBytes,
} from './wal-record.js'

export interface WalSegment {
  readonly startLsn: number
  readonly path: string
}

/** Where the valid log ends, known once a WalReader has returned its last record. */
export interface WalEnd {
  /** LSN just past the last valid record: where writing resumes. */
  readonly lsnEnd: number
  /** The segment that holds lsnEnd (writing continues in it), if any. */
  readonly tailSegment: WalSegment | undefined
  /** Bytes of a torn tail that the writer must cut off (0 when the log ended cleanly). */
  readonly tornBytes: number
}

export interface WalScan extends WalEnd {
  /** Records from the requested LSN, in order. */
  readonly records: readonly WalRecord[]
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

/**
 * Reads the log from an LSN, one record at a time, holding one window of a segment
 * (walReadBytes, or one record if larger) in memory whatever the size of the log. `next()`
 * returns the next record, or undefined at the end of the valid log (then `end` says where and
 * why it ended); a record's payload is valid only until the next call. Throws XX001 on
 * corruption before the end of the log, naming the file and offset. `close()` releases the open
 * segment (after the end it is already released).
 */
export class WalReader {
  readonly #vfs: Vfs
  readonly #fromLsn: number
  readonly #segments: readonly WalSegment[]
  #index = 0
  #segment: SegmentWindow | undefined
  #offset = 0
  #end: WalEnd | undefined

  constructor(vfs: Vfs, directory: string, fromLsn: number) {
    this.#vfs = vfs
    this.#fromLsn = fromLsn
    this.#segments = listSegments(vfs, directory).filter(
      (_segment, index, all) => (all[index + 1]?.startLsn ?? Number.POSITIVE_INFINITY) > fromLsn,
    )
    const first = this.#segments[0]
    if (first === undefined) {
      this.#end = { lsnEnd: fromLsn, tailSegment: undefined, tornBytes: 0 }
    } else if (first.startLsn > fromLsn) {
      throw corruption(
        segmentPath(directory, fromLsn),
        0,
        `segment holding LSN ${fromLsn} is missing`,
      )
    }
  }

  /** Where the valid log ends; only after `next()` returned undefined. */
  get end(): WalEnd {
    assert(this.#end !== undefined, 'the end of the log is known once it is reached')
    return this.#end
  }

  next(): WalRecord | undefined {
    while (this.#end === undefined) {
      const segment = this.#segments[this.#index] as WalSegment
      const nextSegment = this.#segments[this.#index + 1]
      let window = this.#segment
      if (window === undefined) {
        window = new SegmentWindow(this.#vfs.open(segment.path, { create: false }), segment)
        this.#segment = window
        this.#offset = this.#index === 0 ? Math.max(0, this.#fromLsn - segment.startLsn) : 0
      }
      const size = window.size
      if (this.#offset < size) {
        const decoded = window.decodeAt(this.#offset)
        if (decoded.kind === 'invalid') {
          if (nextSegment !== undefined)
            throw corruption(segment.path, this.#offset, decoded.reason)
          window.checkTail(this.#offset, decoded.reason)
          this.#finish({
            lsnEnd: segment.startLsn + this.#offset,
            tailSegment: segment,
            tornBytes: size - this.#offset,
          })
          return undefined
        }
        this.#offset += decoded.length
        return decoded.record
      }
      if (nextSegment === undefined) {
        this.#finish({ lsnEnd: segment.startLsn + size, tailSegment: segment, tornBytes: 0 })
        return undefined
      }
      if (nextSegment.startLsn !== segment.startLsn + size) {
        throw corruption(
          nextSegment.path,
          0,
          `segment starts at LSN ${nextSegment.startLsn}, previous one ends at ${segment.startLsn + size}`,
        )
      }
      window.close()
      this.#segment = undefined
      this.#index++
    }
    return undefined
  }

  close(): void {
    this.#segment?.close()
    this.#segment = undefined
  }

  #finish(end: WalEnd): void {
    this.close()
    this.#end = end
  }
}

/** Reads the whole log from `fromLsn` into memory (payloads copied): for tests and small logs;
 * recovery streams with WalReader. Throws XX001 on corruption before the end of the log. */
export function scanWal(vfs: Vfs, directory: string, fromLsn: number): WalScan {
  const reader = new WalReader(vfs, directory, fromLsn)
  try {
    const records: WalRecord[] = []
    for (let record = reader.next(); record !== undefined; record = reader.next())
      records.push({ ...record, payload: record.payload.slice() })
    return { records, ...reader.end }
  } finally {
    reader.close()
  }
}

/** One open segment file and a window of its bytes. */
class SegmentWindow {
  readonly size: number
  readonly #file: VfsFile
  readonly #segment: WalSegment
  #buffer: Uint8Array = new Uint8Array(0)
  /** File offset of #buffer[0], and how many bytes from there it holds. */
  #start = 0
  #length = 0

  constructor(file: VfsFile, segment: WalSegment) {
    this.#file = file
    this.#segment = segment
    this.size = file.size()
  }

  /** The record at `offset`, decoded as decodeWalRecord would from the whole segment; decoded
   * in place in the window (no view or copy but the payload's view). */
  decodeAt(offset: number): DecodedRecord {
    const available = this.size - offset
    if (available < walRecordHeaderBytes) {
      this.#cover(offset, available)
    } else {
      this.#cover(offset, walRecordHeaderBytes)
      const length = readUint32(this.#buffer, offset - this.#start)
      // A length out of range or past the end of the file: the header alone gives the reason.
      const isPlausible =
        length >= walRecordHeaderBytes && length <= walRecordBytesMax && length <= available
      if (isPlausible) this.#cover(offset, length)
      else
        return decodeWalRecord(
          this.#buffer,
          offset - this.#start,
          this.#bufferLsn(),
          offset - this.#start + walRecordHeaderBytes,
        )
    }
    return decodeWalRecord(this.#buffer, offset - this.#start, this.#bufferLsn(), this.#length)
  }

  /**
   * Corruption if a later valid record proves the bad bytes had been made durable: its
   * durable LSN when written lies past them. Looks at every offset after the bad one; only a
   * header claiming exactly its own LSN is decoded in full.
   */
  checkTail(badOffset: number, reason: string): void {
    const badLsn = this.#segment.startLsn + badOffset
    for (let offset = badOffset + 1; offset + walRecordHeaderBytes <= this.size; offset++) {
      const header = this.#view(offset, walRecordHeaderBytes)
      if (readUint53(header, 8) !== this.#segment.startLsn + offset) continue
      const decoded = this.decodeAt(offset)
      if (decoded.kind === 'record' && decoded.lsnDurableAtWrite > badLsn)
        throw corruption(this.#segment.path, badOffset, reason)
    }
  }

  close(): void {
    this.#file.close()
  }

  /** Bytes [offset, offset + length) of the file (length ≤ size - offset), valid until the
   * next call: from the window, or read into it (growing it for a record larger than it). */
  #view(offset: number, length: number): Uint8Array {
    this.#cover(offset, length)
    return this.#buffer.subarray(offset - this.#start, offset - this.#start + length)
  }

  /** Makes the window hold bytes [offset, offset + length) of the file (length ≤ size - offset). */
  #cover(offset: number, length: number): void {
    if (offset >= this.#start && offset + length <= this.#start + this.#length) return
    if (this.#buffer.length < length || this.#buffer.length === 0)
      this.#buffer = new Uint8Array(Math.max(length, Math.min(walReadBytes, this.size)))
    const count = Math.min(this.#buffer.length, this.size - offset)
    const read = this.#file.read(this.#buffer.subarray(0, count), offset)
    assert(read === count, 'a segment reads to its size')
    this.#start = offset
    this.#length = count
  }

  /** The LSN of the window's first byte. */
  #bufferLsn(): number {
    return this.#segment.startLsn + this.#start
  }
}

function segmentPath(directory: string, lsn: number): string {
  return `${directory}/${segmentName(lsn)}`
}
