/**
 * Pager: the data file as numbered pages, cached in a BufferPool, copy-on-write between
 * checkpoints, with checksums verified on every read and the WAL rule enforced on every write.
 *
 * Durable state is a snapshot: the meta page of the last completed checkpoint names the tree
 * roots, the free list and the redo LSN, and no page that snapshot refers to is ever written in
 * place. Pages carry the epoch in which they were written; the current epoch is one past the
 * last checkpoint cut. Editing a page of an older epoch copies it to a fresh page (`edit`), and
 * the old page is only reused once a checkpoint that no longer refers to it is durable. So a
 * crash at any moment leaves the last durable snapshot intact, torn writes included: they can
 * only hit pages that snapshot does not use (or the other meta slot).
 *
 * Checkpoint, in two steps (kernel/checkpoint.ts drives them):
 *   cutCheckpoint()     synchronous, between statements: writes every dirty page, writes the
 *                       free list, starts a new epoch; the snapshot is now fixed in memory.
 *   finishCheckpoint()  asynchronous: fsync the file, write the meta page, fsync again; then
 *                       release pages freed before the cut for reuse.
 *
 * States (the failed state is terminal until the database is reopened):
 *
 *     open ──(any I/O error: #fail)──▶ failed
 *
 * Invariants:
 *   1. A page whose epoch is older than the current one is never written in place.
 *   2. A page is written only after the WAL covering its LSN is durable (DurableLsnSource).
 *   3. A freed page of an older epoch is reused only after a checkpoint taken after its release
 *      is durable.
 *   4. Every page read from the file passes checkPage (checksum, kind, page number) or raises
 *      XX001 naming the file and page.
 * Imports: vfs, lib, errors, limits. Tests: pager.test.ts.
 */
import type { SqlError } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import { pageBytes, pageHeaderBytes } from '../../limits.js'
import type { VfsFile } from '../vfs/index.js'
import { BufferPool, type Frame } from './buffer-pool.js'
import { decodeFreeList, encodeFreeList, freeListCapacity } from './free-list.js'
import { decodeMetaBody, encodeMetaBody, type MetaState } from './meta-page.js'
import { type PageBuffer, PageBuffers } from './page-buffers.js'
import { checkPage, pageKinds, readPageHeader, writePageHeader } from './page-header.js'
import { corruptPage, failedState, ioError } from './storage-error.js'

/** Implemented by the WAL: pages wait for the log that covers them (invariant 2). */
export interface DurableLsnSource {
  /** Every WAL record below this LSN is durable. */
  readonly lsnDurable: number
  /** Makes the WAL durable up to `lsn` before returning (blocking; rare: eviction under load). */
  flushSync(lsn: number): void
  /** Starts making the WAL durable up to at least `lsn` in the background, not blocking (the
   * buffer pool asks when its victims would have to wait); optional. */
  requestFlush?(lsn: number): void
}

export interface PagerOptions {
  readonly file: VfsFile
  readonly cacheBytes: number
  readonly durableLsn: DurableLsnSource
  /** Kernel state for a new, empty file. */
  readonly initialKernelState: Uint8Array
}

/** A checkpoint whose pages are written but whose meta page is not yet durable. */
export interface PendingCheckpoint {
  readonly meta: MetaState
  readonly releasedAfter: readonly number[]
}

const firstDataPage = 2
const minimumCachePages = 64

export class Pager {
  readonly pageBodyBytes = pageBytes - pageHeaderBytes
  readonly #file: VfsFile
  readonly #durable: DurableLsnSource
  readonly #pool: BufferPool
  /** Memory for the pool's pages: slabs, and buffers of frames that left the pool. */
  readonly #buffers: PageBuffers
  #meta: MetaState
  #pageCount: number
  /** The epoch of pages written from now on; one more than the last cut's sequence. */
  #epoch: number
  /** Free pages that no snapshot refers to: reusable now. */
  #free: number[]
  /** Pages of older epochs freed in the current epoch: reusable after the next checkpoint. */
  #pendingFree: number[] = []
  /** Pages holding the free list of the last cut snapshot. */
  #freeListPages: number[]
  #lsnCurrent = 0
  #failure: SqlError | undefined
  #isCheckpointing = false

  private constructor(
    options: PagerOptions,
    meta: MetaState,
    free: number[],
    freeListPages: number[],
  ) {
    this.#file = options.file
    this.#durable = options.durableLsn
    const capacity = Math.max(minimumCachePages, Math.floor(options.cacheBytes / pageBytes))
    const durable = this.#durable
    this.#pool = new BufferPool(capacity, (frame) => this.#writeFrame(frame), {
      dropped: (frame, isPinned) => {
        if (isPinned) this.#buffers.giveAfterOperation(frame)
        else this.#buffers.give(frame)
      },
      isWritableNow: (frame) => frame.lsn <= durable.lsnDurable,
      requestDurable: (frame) => durable.requestFlush?.(frame.lsn),
      readiness: () => durable.lsnDurable,
    })
    this.#buffers = new PageBuffers(Math.max(minimumCachePages, capacity >> 3))
    this.#meta = meta
    this.#pageCount = meta.pageCount
    this.#epoch = meta.checkpointSequence + 1
    this.#free = free
    this.#freeListPages = freeListPages
  }

  /** Opens the data file, or initialises it when empty. Throws XX001 when no meta page is valid. */
  static async open(options: PagerOptions): Promise<Pager> {
    const file = options.file
    const size = readSize(file)
    if (size === 0) {
      const pager = Pager.#initialise(options)
      // A new file is durable before anything refers to it, so a crash here cannot leave a file
      // without a valid meta page.
      await pager.#sync()
      return pager
    }
    const meta = newestMeta(file)
    // Pages beyond the snapshot's page count were allocated after it and hold nothing durable.
    if (size > meta.pageCount * pageBytes) truncateFile(file, meta.pageCount * pageBytes)
    const pager = new Pager(options, meta, [], [])
    const { pages, listPages } = pager.#readFreeList(meta)
    pager.#free = pages
    pager.#freeListPages = listPages
    return pager
  }

  static #initialise(options: PagerOptions): Pager {
    const meta: MetaState = {
      checkpointSequence: 0,
      redoLsn: 0,
      pageCount: firstDataPage,
      freeListPage: 0,
      freeListCount: 0,
      kernelState: options.initialKernelState,
    }
    const pager = new Pager(options, meta, [], [])
    pager.#writeMeta(meta)
    return pager
  }

  get meta(): MetaState {
    return this.#meta
  }

  get pageCount(): number {
    return this.#pageCount
  }

  get epoch(): number {
    return this.#epoch
  }

  get cachedPages(): number {
    return this.#pool.size
  }

  get freePageCount(): number {
    return this.#free.length + this.#pendingFree.length
  }

  get failure(): SqlError | undefined {
    return this.#failure
  }

  /** The LSN stamped on pages changed from now on (the WAL record being applied). */
  setLsn(lsn: number): void {
    assert(lsn >= this.#lsnCurrent, 'page LSNs never go back')
    this.#lsnCurrent = lsn
  }

  read(pageNumber: number): Uint8Array {
    return this.#frame(pageNumber).body
  }

  edit(pageNumber: number): { pageNumber: number; bytes: Uint8Array } {
    this.#assertWritable()
    const frame = this.#frame(pageNumber)
    if (frame.epoch === this.#epoch) {
      this.#touch(frame)
      return { pageNumber, bytes: frame.body }
    }
    // Invariant 1: a page of an older epoch may belong to the durable snapshot; copy it.
    const copy = this.allocate()
    copy.bytes.set(frame.body)
    this.#pendingFree.push(pageNumber)
    this.#pool.discard(pageNumber)
    return copy
  }

  allocate(): { pageNumber: number; bytes: Uint8Array } {
    this.#assertWritable()
    const reused = this.#free.pop()
    const pageNumber = reused ?? this.#pageCount++
    const { page, body } = this.#buffers.take(true)
    const frame: Frame = {
      pageNumber,
      page,
      body,
      isDirty: true,
      epoch: this.#epoch,
      lsn: this.#lsnCurrent,
    }
    this.#pool.admit(frame)
    return { pageNumber, bytes: frame.body }
  }

  free(pageNumber: number): void {
    this.#assertWritable()
    assert(pageNumber >= firstDataPage && pageNumber < this.#pageCount, 'freed page exists')
    const frame = this.#pool.find(pageNumber)
    const epoch = frame?.epoch ?? this.#readEpoch(pageNumber)
    this.#pool.discard(pageNumber)
    // A page written in the current epoch is in no snapshot: reusable at once (invariant 3).
    if (epoch === this.#epoch) this.#free.push(pageNumber)
    else this.#pendingFree.push(pageNumber)
  }

  endOperation(): void {
    this.#pool.unpinAll()
    this.#buffers.releaseDeferred()
  }

  /**
   * First half of a checkpoint (synchronous): writes every dirty page and the free list, fixes
   * the snapshot's meta state in memory, and starts a new epoch. Call only between statements.
   */
  cutCheckpoint(redoLsn: number, kernelState: Uint8Array): PendingCheckpoint {
    this.#assertWritable()
    assert(!this.#isCheckpointing, 'one checkpoint at a time')
    this.#isCheckpointing = true
    // The old free-list pages belong to the previous snapshot only.
    this.#pendingFree.push(...this.#freeListPages)
    const { listPages, firstPage, count } = this.#writeFreeList([
      ...this.#free,
      ...this.#pendingFree,
    ])
    for (const frame of this.#pool.dirtyFrames()) this.#writeFrame(frame)
    const meta: MetaState = {
      checkpointSequence: this.#epoch,
      redoLsn,
      pageCount: this.#pageCount,
      freeListPage: firstPage,
      freeListCount: count,
      kernelState,
    }
    this.#freeListPages = listPages
    const releasedAfter = this.#pendingFree
    this.#pendingFree = []
    this.#epoch++
    return { meta, releasedAfter }
  }

  /** Second half: makes the snapshot durable, then releases the pages it no longer uses. */
  async finishCheckpoint(pending: PendingCheckpoint): Promise<void> {
    try {
      await this.#sync()
      this.#writeMeta(pending.meta)
      await this.#sync()
      this.#meta = pending.meta
      this.#free.push(...pending.releasedAfter)
    } finally {
      this.#isCheckpointing = false
    }
  }

  #frame(pageNumber: number): Frame {
    this.#assertUsable()
    const cached = this.#pool.find(pageNumber)
    if (cached !== undefined) return cached
    assert(pageNumber >= firstDataPage && pageNumber < this.#pageCount, `page ${pageNumber} exists`)
    const buffer = this.#readPage(pageNumber)
    const header = readPageHeader(buffer.page)
    const frame: Frame = {
      pageNumber,
      page: buffer.page,
      body: buffer.body,
      isDirty: false,
      epoch: header.epoch,
      lsn: header.lsn,
    }
    this.#pool.admit(frame)
    return frame
  }

  #touch(frame: Frame): void {
    frame.isDirty = true
    if (this.#lsnCurrent > frame.lsn) frame.lsn = this.#lsnCurrent
  }

  /** Reads and checks a page into a buffer from #buffers (given back if the page is bad). */
  #readPage(pageNumber: number): PageBuffer {
    const buffer = this.#buffers.take(false)
    const page = buffer.page
    let count: number
    try {
      count = this.#file.read(page, pageNumber * pageBytes)
    } catch (error: unknown) {
      this.#buffers.give(buffer)
      throw this.#fail(ioError('read', this.#file.path, error))
    }
    const problem =
      count === pageBytes ? checkPage(page, pageNumber) : `short read of ${count} bytes`
    if (problem !== undefined) {
      this.#buffers.give(buffer)
      throw corruptPage(this.#file.path, pageNumber, problem)
    }
    return buffer
  }

  #readEpoch(pageNumber: number): number {
    const buffer = this.#readPage(pageNumber)
    const epoch = readPageHeader(buffer.page).epoch
    this.#buffers.give(buffer)
    return epoch
  }

  /** Writes a frame to its place in the file (invariant 2: the WAL covering it first). */
  #writeFrame(frame: Frame): void {
    if (frame.lsn > this.#durable.lsnDurable) this.#durable.flushSync(frame.lsn)
    assert(frame.lsn <= this.#durable.lsnDurable, 'WAL is durable before the page')
    assert(frame.epoch === this.#epoch, 'only pages of the current epoch are written in place')
    writePageHeader(frame.page, {
      kind: pageKinds.data,
      pageNumber: frame.pageNumber,
      epoch: frame.epoch,
      lsn: frame.lsn,
    })
    this.#writeRaw(frame.page, frame.pageNumber)
    frame.isDirty = false
  }

  #writeRaw(page: Uint8Array, pageNumber: number): void {
    try {
      this.#file.write(page, pageNumber * pageBytes)
    } catch (error: unknown) {
      throw this.#fail(ioError('write', this.#file.path, error))
    }
  }

  /** Writes the list of free pages into pages taken from the list itself. */
  #writeFreeList(listed: number[]): { listPages: number[]; firstPage: number; count: number } {
    const listPages: number[] = []
    let remaining = listed.length
    while (remaining > listPages.length * freeListCapacity) {
      const page = this.#free.pop() ?? this.#pageCount++
      const index = listed.indexOf(page)
      if (index >= 0) listed.splice(index, 1)
      listPages.push(page)
      remaining = listed.length
    }
    const chunks = listPages.map((_, i) =>
      listed.slice(i * freeListCapacity, (i + 1) * freeListCapacity),
    )
    for (let i = listPages.length - 1; i >= 0; i--) {
      const page = new Uint8Array(pageBytes)
      encodeFreeList(page.subarray(pageHeaderBytes), listPages[i + 1] ?? 0, chunks[i] ?? [])
      const pageNumber = listPages[i] as number
      writePageHeader(page, { kind: pageKinds.freeList, pageNumber, epoch: this.#epoch, lsn: 0 })
      this.#writeRaw(page, pageNumber)
    }
    return { listPages, firstPage: listPages[0] ?? 0, count: listed.length }
  }

  #readFreeList(meta: MetaState): { pages: number[]; listPages: number[] } {
    const pages: number[] = []
    const listPages: number[] = []
    let next = meta.freeListPage
    while (next !== 0) {
      assert(listPages.length <= meta.pageCount, 'the free list is not a cycle')
      const buffer = this.#readPage(next)
      listPages.push(next)
      const decoded = decodeFreeList(buffer.body)
      this.#buffers.give(buffer)
      pages.push(...decoded.pages)
      next = decoded.next
    }
    if (pages.length !== meta.freeListCount) {
      throw corruptPage(
        this.#file.path,
        meta.freeListPage,
        `free list holds ${pages.length} pages, meta says ${meta.freeListCount}`,
      )
    }
    return { pages, listPages }
  }

  #writeMeta(meta: MetaState): void {
    const page = new Uint8Array(pageBytes)
    encodeMetaBody(page.subarray(pageHeaderBytes), meta)
    const slot = meta.checkpointSequence % 2
    writePageHeader(page, {
      kind: pageKinds.meta,
      pageNumber: slot,
      epoch: meta.checkpointSequence,
      lsn: meta.redoLsn,
    })
    this.#writeRaw(page, slot)
  }

  async #sync(): Promise<void> {
    try {
      await this.#file.sync()
    } catch (error: unknown) {
      throw this.#fail(ioError('fsync', this.#file.path, error))
    }
  }

  #fail(error: SqlError): SqlError {
    this.#failure ??= error
    return error
  }

  #assertUsable(): void {
    if (this.#failure !== undefined) throw failedState(this.#failure.message)
  }

  #assertWritable(): void {
    this.#assertUsable()
  }
}

function readSize(file: VfsFile): number {
  try {
    return file.size()
  } catch (error: unknown) {
    throw ioError('stat', file.path, error)
  }
}

function truncateFile(file: VfsFile, length: number): void {
  try {
    file.truncate(length)
  } catch (error: unknown) {
    throw ioError('truncate', file.path, error)
  }
}

/** The valid meta page with the highest checkpoint sequence; XX001 when neither is valid. */
function newestMeta(file: VfsFile): MetaState {
  const candidates: MetaState[] = []
  const problems: string[] = []
  for (const slot of [0, 1]) {
    const page = new Uint8Array(pageBytes)
    let count: number
    try {
      count = file.read(page, slot * pageBytes)
    } catch (error: unknown) {
      throw ioError('read', file.path, error)
    }
    const problem = count === pageBytes ? checkPage(page, slot) : `short read of ${count} bytes`
    const decoded = problem === undefined ? decodeMetaBody(page.subarray(pageHeaderBytes)) : problem
    if (typeof decoded === 'string') problems.push(`slot ${slot}: ${decoded}`)
    else candidates.push(decoded)
  }
  candidates.sort((a, b) => b.checkpointSequence - a.checkpointSequence)
  const newest = candidates[0]
  if (newest === undefined)
    throw corruptPage(file.path, 0, `no valid meta page (${problems.join('; ')})`)
  return newest
}
