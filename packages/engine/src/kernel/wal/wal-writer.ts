/**
 * WAL writer: appends records in memory and makes them durable with group commit.
 *
 * `append` is synchronous (a statement logs its changes as it makes them) and returns the
 * record's LSN. `flush(lsn)` resolves once every record below `lsn` is durable. At most one
 * flush is in flight: commits that arrive while an fsync runs wait together and share the next
 * one, which is what makes many concurrent committers cheap.
 *
 *     append ─▶ pending (memory) ─#writeOut─▶ segment file ─fsync─▶ durable (lsnDurable)
 *
 * Segments: a record never spans two segment files; once a segment has reached walSegmentBytes
 * the next record starts a new one, named by its start LSN. Everything in a segment is fsynced
 * before anything is written to the next (wal-reader.ts relies on it to detect corruption).
 *
 * Invariants:
 *   1. lsnDurable ≤ lsnWritten ≤ lsnEnd; all three only grow.
 *   2. After a write or fsync fails the writer is failed: no flush resolves again, so no commit
 *      is acknowledged that may not be durable (durability contract 4).
 * Imports: vfs, lib, errors, limits. Tests: wal.test.ts.
 */
import type { SqlError } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import { walRecordBytesMax, walSegmentBytes } from '../../limits.js'
import { failedState, ioError } from '../pager/index.js'
import type { Vfs, VfsFile } from '../vfs/index.js'
import { segmentName } from './segment-name.js'
import { encodeWalRecord } from './wal-record.js'

interface PendingSegment {
  readonly startLsn: number
  readonly chunks: Uint8Array[]
}

interface Waiter {
  readonly lsn: number
  readonly resolve: () => void
  readonly reject: (error: SqlError) => void
}

export interface WalWriterOptions {
  readonly vfs: Vfs
  readonly directory: string
  /** Where the valid log ends (from recovery), and the segment it ends in. */
  readonly lsnEnd: number
  readonly tailSegmentStart: number | undefined
  readonly segmentBytes?: number
}

export class WalWriter {
  readonly #vfs: Vfs
  readonly #directory: string
  readonly #segmentBytes: number
  #lsnEnd: number
  #lsnWritten: number
  #lsnDurable: number
  /** Start LSN of the segment the next record goes to. */
  #segmentStart: number
  #file: VfsFile | undefined
  #fileStart = -1
  /** Whether the current segment's directory entry is known durable. */
  #isFileEntryDurable = false
  #pending: PendingSegment[] = []
  #waiters: Waiter[] = []
  #isFlushing = false
  #failure: SqlError | undefined

  constructor(options: WalWriterOptions) {
    this.#vfs = options.vfs
    this.#directory = options.directory
    this.#segmentBytes = options.segmentBytes ?? walSegmentBytes
    this.#lsnEnd = options.lsnEnd
    this.#lsnWritten = options.lsnEnd
    this.#lsnDurable = options.lsnEnd
    this.#segmentStart = options.tailSegmentStart ?? options.lsnEnd
  }

  get lsnEnd(): number {
    return this.#lsnEnd
  }

  /** Every record below this LSN has been written to its segment file (maybe not yet synced). */
  get lsnWritten(): number {
    return this.#lsnWritten
  }

  get lsnDurable(): number {
    return this.#lsnDurable
  }

  get failure(): SqlError | undefined {
    return this.#failure
  }

  /** Adds a record; returns its LSN. Durable only after a flush covering it. */
  append(type: number, payload: Uint8Array): number {
    if (this.#failure !== undefined) throw failedState(this.#failure.message)
    assert(payload.length + 28 <= walRecordBytesMax, 'record fits the WAL record limit')
    if (this.#lsnEnd - this.#segmentStart >= this.#segmentBytes) this.#segmentStart = this.#lsnEnd
    const lsn = this.#lsnEnd
    const record = encodeWalRecord(lsn, this.#lsnDurable, type, payload)
    let segment = this.#pending[this.#pending.length - 1]
    if (segment === undefined || segment.startLsn !== this.#segmentStart) {
      segment = { startLsn: this.#segmentStart, chunks: [] }
      this.#pending.push(segment)
    }
    segment.chunks.push(record)
    this.#lsnEnd += record.length
    return lsn
  }

  /** Resolves when every record below `lsn` is durable (group commit). */
  flush(lsn: number = this.#lsnEnd): Promise<void> {
    assert(lsn <= this.#lsnEnd, 'a flush waits only for records already appended')
    if (this.#failure !== undefined) return Promise.reject(failedState(this.#failure.message))
    if (lsn <= this.#lsnDurable) return Promise.resolve()
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ lsn, resolve, reject })
      if (!this.#isFlushing) void this.#flushLoop()
    })
  }

  /** Makes the log durable up to `lsn` before returning, blocking the event loop. Used by the
   * pager when it must write a page whose WAL is not yet durable (DurableLsnSource). */
  flushSync(lsn: number): void {
    if (lsn <= this.#lsnDurable) return
    assert(lsn <= this.#lsnEnd, 'a flush waits only for records already appended')
    if (this.#failure !== undefined) throw failedState(this.#failure.message)
    try {
      // First the current segment: an async flush may have written records to it and still be
      // waiting for its fsync. Then each pending segment, written and synced in turn, so no
      // segment gets data before the one before it is durable.
      this.#file?.syncBlocking()
      if (this.#file !== undefined && !this.#isFileEntryDurable) this.#syncEntryBlocking()
      for (const segment of this.#takePending()) {
        const file = this.#writeSegment(segment)
        if (!this.#isFileEntryDurable) this.#syncEntryBlocking()
        file.syncBlocking()
      }
    } catch (error: unknown) {
      throw this.#fail(ioError('write or fsync', this.#directory, error))
    }
    this.#lsnDurable = Math.max(this.#lsnDurable, this.#lsnWritten)
    this.#resolveWaiters()
  }

  async #flushLoop(): Promise<void> {
    this.#isFlushing = true
    try {
      while (this.#waiters.some((waiter) => waiter.lsn > this.#lsnDurable)) {
        const target = this.#lsnEnd
        for (const segment of this.#takePending()) {
          const file = this.#writeSegment(segment)
          if (!this.#isFileEntryDurable) {
            const fileStart = this.#fileStart
            await this.#vfs.syncDirectory(this.#directory)
            if (this.#fileStart === fileStart) this.#isFileEntryDurable = true
          }
          await file.sync()
        }
        this.#lsnDurable = Math.max(this.#lsnDurable, target)
        this.#resolveWaiters()
      }
    } catch (error: unknown) {
      const failure = this.#fail(ioError('write or fsync', this.#directory, error))
      for (const waiter of this.#waiters.splice(0)) waiter.reject(failure)
    } finally {
      this.#isFlushing = false
    }
  }

  #takePending(): PendingSegment[] {
    const taken = this.#pending
    this.#pending = []
    return taken
  }

  /** Writes one segment's pending records at their offset; opens (creates) the file if needed. */
  #writeSegment(segment: PendingSegment): VfsFile {
    if (this.#file === undefined || this.#fileStart !== segment.startLsn) {
      this.#file?.close()
      const path = `${this.#directory}/${segmentName(segment.startLsn)}`
      // A segment that exists already (the tail recovery resumes in) has a durable entry.
      this.#isFileEntryDurable = this.#vfs.exists(path)
      this.#file = this.#vfs.open(path, { create: true })
      this.#fileStart = segment.startLsn
    }
    const length = segment.chunks.reduce((sum, chunk) => sum + chunk.length, 0)
    const bytes = new Uint8Array(length)
    let at = 0
    for (const chunk of segment.chunks) {
      bytes.set(chunk, at)
      at += chunk.length
    }
    const first = segment.chunks[0]
    assert(first !== undefined, 'a pending segment has records')
    const firstLsn = Number(new DataView(first.buffer, first.byteOffset).getBigUint64(8))
    this.#file.write(bytes, firstLsn - segment.startLsn)
    this.#lsnWritten = firstLsn + bytes.length
    return this.#file
  }

  #syncEntryBlocking(): void {
    this.#vfs.syncDirectoryBlocking(this.#directory)
    this.#isFileEntryDurable = true
  }

  #resolveWaiters(): void {
    const remaining: Waiter[] = []
    for (const waiter of this.#waiters) {
      if (waiter.lsn <= this.#lsnDurable) waiter.resolve()
      else remaining.push(waiter)
    }
    this.#waiters = remaining
  }

  #fail(error: SqlError): SqlError {
    this.#failure ??= error
    return error
  }

  /** Removes segments that end at or before `lsn` (after a checkpoint made them unnecessary). */
  removeSegmentsBefore(lsn: number, segments: readonly { startLsn: number; path: string }[]): void {
    for (let i = 0; i + 1 < segments.length; i++) {
      const segment = segments[i]
      const next = segments[i + 1]
      if (segment === undefined || next === undefined) continue
      if (next.startLsn <= lsn && segment.startLsn !== this.#fileStart)
        this.#vfs.remove(segment.path)
    }
  }

  close(): void {
    this.#file?.close()
    this.#file = undefined
  }
}
