/**
 * WAL writer: appends records in memory and makes them durable with group commit.
 *
 * `append` is synchronous (a statement logs its changes as it makes them) and returns the
 * record's LSN. `flush(lsn)` resolves once every record below `lsn` is durable. At most one
 * flush is in flight: commits that arrive while an fsync runs wait together and share the next
 * one, which is what makes many concurrent committers cheap.
 *
 *     append ─▶ pending chunks ─#writePending─▶ segment file ─fsync─▶ durable (lsnDurable)
 *
 * Pending records are encoded straight into a few large chunks (walChunkBytes), reused once
 * written. When more than walPendingBytesMax are pending, `append` writes them out without
 * fsync: a large transaction's records reach the disk before its commit, so the writer's memory
 * does not grow with the transaction (recovery ignores a transaction without a commit record,
 * and the reader treats unsynced bytes at the end as a torn tail).
 *
 * Segments: a record never spans two segment files; once a segment has reached walSegmentBytes
 * the next record starts a new one, named by its start LSN. Everything in a segment (its data
 * and its directory entry) is made durable before anything is written to the next: the async
 * flush awaits that fsync, the synchronous paths (writing out pending records, `flushSync`)
 * block for it. wal-reader.ts relies on it to detect corruption.
 *
 * Invariants:
 *   1. lsnDurable ≤ lsnWritten ≤ lsnEnd; all three only grow. Pending chunks hold exactly the
 *      bytes [lsnWritten, lsnEnd), in order.
 *   2. lsnEnd - lsnWritten < pendingBytesMax after every append.
 *   3. After a write or fsync fails the writer is failed: no flush resolves again, so no commit
 *      is acknowledged that may not be durable (durability contract 4).
 * Imports: vfs, lib, errors, limits. Tests: wal.test.ts.
 */
import type { SqlError } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import {
  walChunkBytes,
  walPendingBytesMax,
  walRecordBytesMax,
  walSegmentBytes,
} from '../../limits.js'
import { failedState, ioError } from '../pager/index.js'
import type { Vfs, VfsFile } from '../vfs/index.js'
import { segmentName } from './segment-name.js'
import { encodeWalRecordInto, walRecordHeaderBytes } from './wal-record.js'

/** A buffer of consecutive records, all in one segment. */
interface Chunk {
  /** Start LSN of the segment its records belong to. */
  segmentStart: number
  /** LSN of bytes[0]. */
  lsn: number
  readonly bytes: Uint8Array
  /** Bytes holding records. */
  used: number
  /** Bytes already written to the segment file (≤ used). */
  written: number
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
  /** Pending bytes beyond which `append` writes them out (tests set it small). */
  readonly pendingBytesMax?: number
}

export class WalWriter {
  readonly #vfs: Vfs
  readonly #directory: string
  readonly #segmentBytes: number
  readonly #pendingBytesMax: number
  readonly #chunkBytes: number
  #lsnEnd: number
  #lsnWritten: number
  #lsnDurable: number
  /** Start LSN of the segment the next record goes to. */
  #segmentStart: number
  #file: VfsFile | undefined
  #fileStart = -1
  /** Whether the current segment's directory entry is known durable. */
  #isFileEntryDurable = false
  /** Records not yet written out, oldest first (invariant 1). */
  #chunks: Chunk[] = []
  /** Written chunks kept for reuse. */
  #spare: Uint8Array[] = []
  #waiters: Waiter[] = []
  #isFlushing = false
  #failure: SqlError | undefined
  /** Growth watch (`watchGrowth`): the next LSN at which to call the hook, and the step. */
  #growthCheckLsn = Number.POSITIVE_INFINITY
  #growthStepBytes = 0
  #onGrowth: () => void = () => {}
  /** The LSN the last requestFlush asked for (so repeated requests start one flush). */
  #lsnFlushRequested = 0
  /** Largest number of pending bytes seen after an append (tests, introspection). */
  #pendingBytesPeak = 0

  constructor(options: WalWriterOptions) {
    this.#vfs = options.vfs
    this.#directory = options.directory
    this.#segmentBytes = options.segmentBytes ?? walSegmentBytes
    this.#pendingBytesMax = options.pendingBytesMax ?? walPendingBytesMax
    this.#chunkBytes = Math.min(walChunkBytes, this.#pendingBytesMax)
    this.#lsnEnd = options.lsnEnd
    this.#lsnWritten = options.lsnEnd
    this.#lsnDurable = options.lsnEnd
    this.#segmentStart = options.tailSegmentStart ?? options.lsnEnd
  }

  /** Calls `hook` (synchronously, at the end of `append`) each time the log has grown by
   * `everyBytes`: the kernel checks its checkpoint trigger there. */
  watchGrowth(everyBytes: number, hook: () => void): void {
    assert(everyBytes > 0, 'the log is watched in steps')
    this.#growthStepBytes = everyBytes
    this.#growthCheckLsn = this.#lsnEnd + everyBytes
    this.#onGrowth = hook
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

  /** Bytes appended but not yet written to a segment file. */
  get pendingBytes(): number {
    return this.#lsnEnd - this.#lsnWritten
  }

  get pendingBytesPeak(): number {
    return this.#pendingBytesPeak
  }

  /** Bytes of memory the writer holds for records: pending chunks and spare ones. */
  get bufferBytes(): number {
    let total = 0
    for (const chunk of this.#chunks) total += chunk.bytes.length
    for (const spare of this.#spare) total += spare.length
    return total
  }

  get failure(): SqlError | undefined {
    return this.#failure
  }

  /**
   * Adds a record; returns its LSN. Durable only after a flush covering it. The payload is
   * `payload` followed by the optional `more` and `last` parts, copied straight into the
   * pending chunk (a put is logged from its header, key and value without joining them first).
   */
  append(type: number, payload: Uint8Array, more?: Uint8Array, last?: Uint8Array): number {
    if (this.#failure !== undefined) throw failedState(this.#failure.message)
    const length = walRecordHeaderBytes + payload.length + (more?.length ?? 0) + (last?.length ?? 0)
    assert(length <= walRecordBytesMax, 'record fits the WAL record limit')
    if (this.#lsnEnd - this.#segmentStart >= this.#segmentBytes) this.#segmentStart = this.#lsnEnd
    const lsn = this.#lsnEnd
    const chunk = this.#chunkFor(length)
    encodeWalRecordInto(chunk.bytes, chunk.used, lsn, this.#lsnDurable, type, payload, more, last)
    chunk.used += length
    this.#lsnEnd += length
    const pending = this.#lsnEnd - this.#lsnWritten
    if (pending > this.#pendingBytesPeak) this.#pendingBytesPeak = pending
    if (pending >= this.#pendingBytesMax) this.#writeOutSync()
    if (this.#lsnEnd >= this.#growthCheckLsn) {
      this.#growthCheckLsn = this.#lsnEnd + this.#growthStepBytes
      this.#onGrowth()
    }
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

  /**
   * Starts making the log durable up to at least `lsn` (to its current end) without waiting:
   * the buffer pool asks for it when its eviction victims would otherwise have to wait for the
   * log (flushSync). Errors put the writer in its failed state, as any flush's do.
   */
  requestFlush(lsn: number): void {
    if (lsn <= this.#lsnDurable || lsn <= this.#lsnFlushRequested) return
    if (this.#failure !== undefined) return
    this.#lsnFlushRequested = this.#lsnEnd
    this.flush(this.#lsnEnd).catch(() => {
      // The failure is recorded (#fail); whoever needs these pages durable sees it.
    })
  }

  /** Makes the log durable up to `lsn` before returning, blocking the event loop. Used by the
   * pager when it must write a page whose WAL is not yet durable (DurableLsnSource). */
  flushSync(lsn: number): void {
    if (lsn <= this.#lsnDurable) return
    assert(lsn <= this.#lsnEnd, 'a flush waits only for records already appended')
    if (this.#failure !== undefined) throw failedState(this.#failure.message)
    try {
      // The current segment first if the next pending record starts a new one; then every
      // pending record; then the segment they end in. An async flush may have written records
      // and still be waiting for their fsync: the blocking one covers them too.
      while (!this.#writePending()) this.#syncCurrentBlocking()
      this.#syncCurrentBlocking()
    } catch (error: unknown) {
      throw this.#fail(ioError('write or fsync', this.#directory, error))
    }
    this.#resolveWaiters()
  }

  /** Too much pending: write it out now, without fsync except to close a full segment. */
  #writeOutSync(): void {
    try {
      while (!this.#writePending()) this.#syncCurrentBlocking()
    } catch (error: unknown) {
      throw this.#fail(ioError('write or fsync', this.#directory, error))
    }
    this.#resolveWaiters()
  }

  async #flushLoop(): Promise<void> {
    this.#isFlushing = true
    try {
      while (
        this.#failure === undefined &&
        this.#waiters.some((waiter) => waiter.lsn > this.#lsnDurable)
      ) {
        // Stops before a record that starts a new segment while the current one is not
        // durable: the sync below makes it so, and the next round writes on.
        this.#writePending()
        await this.#syncCurrent()
        this.#resolveWaiters()
      }
    } catch (error: unknown) {
      this.#fail(ioError('write or fsync', this.#directory, error))
    } finally {
      this.#isFlushing = false
    }
  }

  /** The chunk the next record of `length` bytes goes to (invariant 1: the last one). */
  #chunkFor(length: number): Chunk {
    const last = this.#chunks[this.#chunks.length - 1]
    if (
      last !== undefined &&
      last.segmentStart === this.#segmentStart &&
      last.bytes.length - last.used >= length
    ) {
      return last
    }
    if (last !== undefined && last.written === last.used) {
      // Nothing of it is pending any more (the only chunk, written out): reuse its buffer.
      this.#chunks.pop()
      this.#recycle(last.bytes)
    }
    const bytes =
      length <= this.#chunkBytes
        ? (this.#spare.pop() ?? new Uint8Array(this.#chunkBytes))
        : new Uint8Array(length)
    const chunk: Chunk = {
      segmentStart: this.#segmentStart,
      lsn: this.#lsnEnd,
      bytes,
      used: 0,
      written: 0,
    }
    this.#chunks.push(chunk)
    return chunk
  }

  #recycle(bytes: Uint8Array): void {
    const spareMax = Math.ceil(this.#pendingBytesMax / this.#chunkBytes) + 1
    if (bytes.length === this.#chunkBytes && this.#spare.length < spareMax) this.#spare.push(bytes)
  }

  /**
   * Writes pending records to their segment files, oldest first. Returns false when it stopped
   * at a record that starts a new segment while the current one is not yet durable (the caller
   * syncs it, blocking or not, and calls again); true when nothing is pending.
   */
  #writePending(): boolean {
    for (;;) {
      const chunk = this.#chunks[0]
      if (chunk === undefined) return true
      if (chunk.written === chunk.used) {
        if (this.#chunks.length === 1) return true
        this.#chunks.shift()
        this.#recycle(chunk.bytes)
        continue
      }
      if (chunk.segmentStart !== this.#fileStart) {
        if (this.#file !== undefined && !this.#isCurrentDurable()) return false
        this.#openSegment(chunk.segmentStart)
      }
      const file = this.#file
      assert(file !== undefined, 'a segment is open')
      const from = chunk.lsn + chunk.written
      assert(from === this.#lsnWritten, 'pending records are written in log order')
      file.write(chunk.bytes.subarray(chunk.written, chunk.used), from - chunk.segmentStart)
      chunk.written = chunk.used
      this.#lsnWritten = chunk.lsn + chunk.used
    }
  }

  /** Whether everything written so far, and the current segment's entry, is durable. */
  #isCurrentDurable(): boolean {
    return this.#lsnDurable >= this.#lsnWritten && this.#isFileEntryDurable
  }

  /** Opens (creates) the segment starting at `startLsn` as the current file. */
  #openSegment(startLsn: number): void {
    this.#file?.close()
    this.#file = undefined
    const path = `${this.#directory}/${segmentName(startLsn)}`
    // A segment that exists already (the tail recovery resumes in) has a durable entry.
    this.#isFileEntryDurable = this.#vfs.exists(path)
    this.#file = this.#vfs.open(path, { create: true })
    this.#fileStart = startLsn
  }

  /** Makes everything written so far durable: the current segment's entry and data (earlier
   * segments are durable already, see the header). */
  async #syncCurrent(): Promise<void> {
    const file = this.#file
    if (file === undefined) return
    const written = this.#lsnWritten
    const fileStart = this.#fileStart
    if (!this.#isFileEntryDurable) {
      await this.#vfs.syncDirectory(this.#directory)
      if (this.#fileStart === fileStart) this.#isFileEntryDurable = true
    }
    // A synchronous write-out may have moved to the next segment meanwhile; it made this one
    // durable first (and closed its handle).
    if (this.#fileStart === fileStart) await file.sync()
    if (this.#failure === undefined) this.#lsnDurable = Math.max(this.#lsnDurable, written)
  }

  #syncCurrentBlocking(): void {
    const file = this.#file
    if (file === undefined) return
    const written = this.#lsnWritten
    if (!this.#isFileEntryDurable) this.#syncEntryBlocking()
    file.syncBlocking()
    this.#lsnDurable = Math.max(this.#lsnDurable, written)
  }

  #syncEntryBlocking(): void {
    this.#vfs.syncDirectoryBlocking(this.#directory)
    this.#isFileEntryDurable = true
  }

  #resolveWaiters(): void {
    if (this.#failure !== undefined) return
    const remaining: Waiter[] = []
    for (const waiter of this.#waiters) {
      if (waiter.lsn <= this.#lsnDurable) waiter.resolve()
      else remaining.push(waiter)
    }
    this.#waiters = remaining
  }

  /** Enters the failed state (invariant 3): every waiting flush is rejected. */
  #fail(error: SqlError): SqlError {
    this.#failure ??= error
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error)
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
