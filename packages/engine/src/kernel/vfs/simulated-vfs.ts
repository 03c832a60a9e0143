/**
 * SimulatedVfs: an in-memory disk that loses power and fails on command, deterministically from a
 * seed, for crash tests (STYLE.md §7). The same seed and the same sequence of calls give the same
 * faults, the same torn sectors and the same state after a crash, so a failing run replays.
 * Learned from TigerBeetle's `src/testing/storage.zig` (clean room; its model is per-zone and
 * latency-driven, ours is per-file and POSIX-shaped).
 *
 * State. Each file (an inode) has a volatile image (what reads return: the OS page cache) and a
 * durable image (what is on the platter), plus the writes and truncates issued since they last
 * agreed, in order. The namespace likewise has a volatile tree and a durable tree, plus the entry
 * changes (create, rename, remove, mkdir) not yet durable, logged per directory.
 *
 * Fault model:
 *   1. Durability. `file.sync()` covers the file's writes and truncates issued before the call;
 *      when it completes successfully they are applied to the durable image. Writes issued while
 *      it is in flight are not covered. `syncDirectory(d)` likewise makes the entry changes in d
 *      durable, and nothing else: a file's data and its name are durable separately, and a new
 *      directory's own entry needs its parent synced.
 *   2. Completion. Syncs complete in issue order, on a later macrotask (`syncCompletion: 'auto'`,
 *      so group commit can gather commits while one is in flight), or when the test calls
 *      `completeSyncs` (`'manual'`, to crash at a chosen point between issue and completion).
 *      `syncBlocking` and `syncDirectoryBlocking` complete at once, ahead of pending syncs.
 *   3. Power loss. `crash()` rejects every pending sync with EIO, invalidates every open handle
 *      (later calls on it fail with EIO), and rebuilds each file from its durable image plus the
 *      part of its unsynced operations that the mode lets through:
 *        'lost' none; 'kept' all (as if the OS flushed everything); 'torn' (the default) a seeded
 *        outcome per file: a quarter of files lose all, a quarter keep all, and the rest are torn
 *        per 512-byte sector: each sector ends in one of the states it passed through (old, new,
 *        or between two unsynced writes), independently of its neighbours, so a page write may
 *        survive half old, half new; the file size ends as after a seeded prefix of the
 *        operations, and bytes past a lost size extension are gone, not garbage.
 *      Directory entry changes not yet durable survive per directory as a prefix of their issue
 *      order ('lost' none, 'kept' all, 'torn' a seeded prefix; a same-directory rename is one
 *      atomic change, a cross-directory rename two). Entries left inside a directory whose own
 *      creation was lost disappear. Synced data is never torn: only unsynced operations are
 *      subject to the mode.
 *   4. Failed writes. A write chosen to fail (by `failAt` or `faultRate`) throws VfsError after
 *      applying part of its buffer to the volatile image: for ENOSPC a seeded prefix of its
 *      sectors (the disk filled up part way), for EIO a seeded subset. The applied part is an
 *      unsynced write like any other. Failed reads and truncates change nothing.
 *   5. Failed syncs. A sync chosen to fail rejects with its code when it completes, and the
 *      operations it covered are settled at once as a crash would tear them ('torn') and are
 *      never retried: a later successful sync does not make them durable, while reads still
 *      return them. This is Linux's behaviour after a writeback error (the "fsyncgate" of 2018:
 *      the failed pages are marked clean), and the reason a failed fsync must stop the database
 *      (ARCHITECTURE.md §2.4). A failed directory sync settles its entry changes as a seeded
 *      prefix, likewise.
 *   6. Injection. `failAt({ operation, nth, code })` fails exactly the nth call of that kind
 *      counted from the `failAt` call (1 is the next one). `faultRate` fails each counted call with
 *      that probability (writes with ENOSPC or EIO, others with EIO). Counted operations are
 *      read, write, truncate, sync and syncDirectory; open and namespace calls never fail here.
 *   7. Bit rot. `corrupt()` overwrites bytes of both images with seeded garbage, for tests of
 *      checksum verification on read.
 *
 * Not modelled: latency and reordering of completions (syncs complete in issue order), misdirected
 * writes, read corruption without a prior `corrupt()`, running out of space by size, and a torn
 * sector (a sector is the unit of atomicity, as on drives with power-loss protection or 512-byte
 * atomic writes; a 4 KiB-sector drive tears less, never more).
 */
import { assert, assertNever } from '../../lib/assert.js'
import { Random } from '../../lib/random.js'
import { ByteImage, memoryFileBytesMax } from './byte-image.js'
import { FileTree, type FileTreeChange } from './file-tree.js'
import {
  applyFileOps,
  type CutChooser,
  type FileOp,
  fragmentsOf,
  settleFileOps,
} from './settle-file-ops.js'
import type { Vfs, VfsFile } from './vfs.js'
import { VfsError, type VfsErrorCode } from './vfs-error.js'
import { assertVfsOffset } from './vfs-offset.js'
import { assertVfsPath, parentOf } from './vfs-path.js'

/** What happens at `crash()` to operations that were not yet durable (fault model 3). */
export type CrashUnsynced = 'lost' | 'kept' | 'torn'

/** The calls that fault injection counts and may fail (fault model 6). */
export type FaultOperation = 'read' | 'write' | 'truncate' | 'sync' | 'syncDirectory'

export interface SimulatedVfsOptions {
  /** Seeds every random choice; print it so a failure replays. */
  readonly seed: number
  /** Default mode of `crash()`; 'torn' unless given. */
  readonly crashUnsynced?: CrashUnsynced
  /** Probability that each counted call fails (fault model 6); 0 unless given. */
  readonly faultRate?: number
  /** 'auto' (default): syncs complete on a later macrotask; 'manual': on `completeSyncs`. */
  readonly syncCompletion?: 'auto' | 'manual'
  /** The unit of atomic writes to the durable image; 512 unless given. */
  readonly sectorBytes?: number
}

export interface SimulatedVfsCounters {
  readonly opens: number
  readonly reads: number
  readonly writes: number
  readonly truncates: number
  readonly syncs: number
  readonly syncDirectories: number
  /** Bytes returned by reads and accepted by writes (including partial failed writes). */
  readonly bytesRead: number
  readonly bytesWritten: number
  readonly faults: number
  readonly crashes: number
}

const sectorBytesDefault = 512

/** A file (an inode) of the simulated disk; names in the trees refer to it. */
interface Inode {
  readonly id: number
  volatile: ByteImage
  durable: ByteImage
  /** Writes and truncates since the durable image last caught up, in issue order. */
  pending: FileOp[]
}

/** Entry changes in one directory from one namespace call; atomic at a crash. */
interface NamespaceOp {
  readonly sequence: number
  readonly directory: string
  readonly changes: readonly FileTreeChange<Inode>[]
}

interface PendingSync {
  readonly target: { readonly kind: 'File'; readonly inode: Inode } | { readonly kind: 'Directory' }
  readonly path: string
  /** Operations with a sequence number below this one are covered. */
  readonly sequence: number
  readonly fault: VfsErrorCode | undefined
  readonly resolve: () => void
  readonly reject: (error: VfsError) => void
}

interface ArmedFault {
  readonly operation: FaultOperation
  /** The value of the operation's counter at which the call fails. */
  readonly call: number
  readonly code: VfsErrorCode
}

/** What handles need from their simulator; closures over its private state. */
interface SimulatedDisk {
  readonly epoch: () => number
  readonly read: (inode: Inode, path: string, buffer: Uint8Array, offset: number) => number
  readonly write: (inode: Inode, path: string, buffer: Uint8Array, offset: number) => void
  readonly truncate: (inode: Inode, path: string, length: number) => void
  readonly sync: (inode: Inode, path: string) => Promise<void>
  readonly syncBlocking: (inode: Inode, path: string) => void
}

export class SimulatedVfs implements Vfs {
  readonly seed: number
  readonly #sectorBytes: number
  readonly #crashUnsynced: CrashUnsynced
  readonly #syncCompletion: 'auto' | 'manual'
  #faultRate: number
  /** Separate streams, so that drawing more for one concern does not shift the others. */
  readonly #faultRandom: Random
  readonly #outcomeRandom: Random
  readonly #corruptRandom: Random
  #volatileTree = new FileTree<Inode>()
  readonly #durableTree = new FileTree<Inode>()
  #namespacePending: NamespaceOp[] = []
  #syncsPending: PendingSync[] = []
  #armedFaults: ArmedFault[] = []
  #sequence = 0
  #epoch = 0
  #inodeCount = 0
  readonly #counters: { -readonly [K in keyof SimulatedVfsCounters]: number } = {
    opens: 0,
    reads: 0,
    writes: 0,
    truncates: 0,
    syncs: 0,
    syncDirectories: 0,
    bytesRead: 0,
    bytesWritten: 0,
    faults: 0,
    crashes: 0,
  }
  readonly #disk: SimulatedDisk

  constructor(options: SimulatedVfsOptions) {
    this.seed = options.seed
    this.#sectorBytes = options.sectorBytes ?? sectorBytesDefault
    this.#crashUnsynced = options.crashUnsynced ?? 'torn'
    this.#syncCompletion = options.syncCompletion ?? 'auto'
    this.#faultRate = 0
    this.setFaultRate(options.faultRate ?? 0)
    assert(Number.isSafeInteger(this.#sectorBytes), 'a sector size is an integer')
    assert(this.#sectorBytes > 0, 'a sector holds at least one byte')
    const random = new Random(options.seed)
    this.#faultRandom = random.fork()
    this.#outcomeRandom = random.fork()
    this.#corruptRandom = random.fork()
    this.#disk = {
      epoch: () => this.#epoch,
      read: (inode, path, buffer, offset) => this.#read(inode, path, buffer, offset),
      write: (inode, path, buffer, offset) => this.#write(inode, path, buffer, offset),
      truncate: (inode, path, length) => this.#truncate(inode, path, length),
      sync: (inode, path) => this.#enqueueSync({ kind: 'File', inode }, path, 'sync'),
      syncBlocking: (inode, path) => this.#syncNow({ kind: 'File', inode }, path, 'sync'),
    }
  }

  open(path: string, options: { create: boolean }): VfsFile {
    let inode: Inode
    if (this.#volatileTree.findEntry(path) === undefined && options.create) {
      inode = this.#newInode()
      this.#record(this.#volatileTree.addFile(path, inode, 'open'))
    } else {
      inode = this.#volatileTree.getFile(path, 'open')
    }
    this.#counters.opens++
    return new SimulatedFile(path, inode, this.#epoch, this.#disk)
  }

  exists(path: string): boolean {
    return this.#volatileTree.findEntry(path) !== undefined
  }

  list(directory: string): string[] {
    return this.#volatileTree.list(directory)
  }

  remove(path: string): void {
    this.#record(this.#volatileTree.remove(path))
  }

  rename(from: string, to: string): void {
    this.#record(this.#volatileTree.rename(from, to))
  }

  mkdir(path: string): void {
    this.#record(this.#volatileTree.mkdir(path))
  }

  syncDirectory(path: string): Promise<void> {
    assertVfsPath(path)
    try {
      this.#volatileTree.checkDirectory(path, 'syncDirectory')
    } catch (error) {
      return Promise.reject(error)
    }
    return this.#enqueueSync({ kind: 'Directory' }, path, 'syncDirectory')
  }

  syncDirectoryBlocking(path: string): void {
    this.#volatileTree.checkDirectory(path, 'syncDirectory')
    this.#syncNow({ kind: 'Directory' }, path, 'syncDirectory')
  }

  /**
   * Simulates power loss (fault model 3): pending syncs reject, open handles die, and every file
   * and directory reverts to its durable state plus what `unsynced` lets through. The simulator
   * is then ready for a new engine instance to open the same paths and recover.
   */
  crash(options: { readonly unsynced?: CrashUnsynced } = {}): void {
    const mode = options.unsynced ?? this.#crashUnsynced
    const choose = this.#chooser(mode)
    this.#epoch++
    this.#counters.crashes++
    const syncs = this.#syncsPending
    this.#syncsPending = []
    this.#settleNamespace(choose)
    this.#settleFiles(mode)
    for (const sync of syncs) {
      const operation = sync.target.kind === 'File' ? 'sync' : 'syncDirectory'
      const detail = 'power lost before the sync completed'
      sync.reject(new VfsError({ code: 'EIO', operation, path: sync.path, detail }))
    }
  }

  /** Makes the nth call of `operation` from now fail with `code` (1 is the next call). */
  failAt(fault: { operation: FaultOperation; nth: number; code: VfsErrorCode }): void {
    assert(Number.isSafeInteger(fault.nth) && fault.nth >= 1, 'failAt counts calls from 1')
    const call = this.#callCount(fault.operation) + fault.nth
    const isTaken = this.#armedFaults.some(
      (armed) => armed.operation === fault.operation && armed.call === call,
    )
    assert(!isTaken, `a fault is already armed for ${fault.operation} call ${call}`)
    this.#armedFaults.push({ operation: fault.operation, call, code: fault.code })
  }

  /** Sets the probability that each counted call fails (fault model 6). */
  /** Removes faults armed by `failAt` that have not fired yet (a test's recovery phase). */
  disarmFaults(): void {
    this.#armedFaults.length = 0
  }

  setFaultRate(rate: number): void {
    assert(rate >= 0 && rate <= 1, 'a fault rate is a probability')
    this.#faultRate = rate
  }

  /** Completes up to `count` pending syncs, oldest first; returns how many completed. */
  completeSyncs(count: number = Number.POSITIVE_INFINITY): number {
    const completing = Math.min(count, this.#syncsPending.length)
    for (let index = 0; index < completing; index++) this.#completeOldestSync()
    return completing
  }

  /** Syncs issued and not yet completed. */
  get syncsPending(): number {
    return this.#syncsPending.length
  }

  counters(): SimulatedVfsCounters {
    return { ...this.#counters }
  }

  /** The bytes of the file at `path` that a crash losing all unsynced data would leave, or
   * undefined if that crash would leave no such file. For tests of durability. */
  findDurableBytes(path: string): Uint8Array | undefined {
    const tree = this.#durableTree.clone()
    tree.pruneOrphans()
    const entry = tree.findEntry(path)
    return entry?.kind === 'File' ? entry.file.durable.copyBytes() : undefined
  }

  /** Overwrites `length` bytes at `offset` of the file at `path` with seeded garbage, in the
   * cache and on disk alike (fault model 7). The range must lie within the file. */
  corrupt(target: { path: string; offset: number; length: number }): void {
    const entry = this.#volatileTree.findEntry(target.path)
    assert(entry?.kind === 'File', `corrupt() needs an existing file, not "${target.path}"`)
    assertVfsOffset(target.offset)
    assertVfsOffset(target.length)
    const inode = entry.file
    assert(target.offset + target.length <= inode.volatile.size, 'corrupt() stays within the file')
    const garbage = new Uint8Array(target.length)
    this.#corruptRandom.fill(garbage)
    inode.volatile.write(garbage, target.offset)
    const durableLength = Math.min(target.length, inode.durable.size - target.offset)
    if (durableLength > 0) inode.durable.write(garbage.subarray(0, durableLength), target.offset)
  }

  #read(inode: Inode, path: string, buffer: Uint8Array, offset: number): number {
    const fault = this.#decideFault('read')
    if (fault !== undefined) throw simulatedFault(fault, 'read', path)
    const count = inode.volatile.read(buffer, offset)
    this.#counters.bytesRead += count
    return count
  }

  #write(inode: Inode, path: string, buffer: Uint8Array, offset: number): void {
    const fault = this.#decideFault('write')
    if (offset + buffer.length > memoryFileBytesMax) {
      throw new VfsError({ code: 'ENOSPC', operation: 'write', path, detail: 'file too large' })
    }
    if (fault === undefined) {
      this.#applyWrite(inode, buffer, offset)
      return
    }
    const fragments = fragmentsOf({ offset, bytes: buffer }, this.#sectorBytes)
    // A failing write may have written part of its buffer (fault model 4): a prefix when the
    // disk filled up along the way, any subset of sectors for an I/O error.
    const prefix = fragments.length === 0 ? 0 : this.#faultRandom.nextInt(fragments.length)
    fragments.forEach((fragment, index) => {
      const isApplied = fault === 'ENOSPC' ? index < prefix : this.#faultRandom.chance(0.5)
      if (isApplied) this.#applyWrite(inode, fragment.bytes, fragment.offset)
    })
    throw simulatedFault(fault, 'write', path)
  }

  #applyWrite(inode: Inode, bytes: Uint8Array, offset: number): void {
    if (bytes.length === 0) return
    const copy = bytes.slice()
    inode.volatile.write(copy, offset)
    inode.pending.push({ kind: 'Write', sequence: this.#nextSequence(), offset, bytes: copy })
    this.#counters.bytesWritten += copy.length
  }

  #truncate(inode: Inode, path: string, length: number): void {
    const fault = this.#decideFault('truncate')
    if (fault !== undefined) throw simulatedFault(fault, 'truncate', path)
    if (length > memoryFileBytesMax) {
      throw new VfsError({ code: 'ENOSPC', operation: 'truncate', path, detail: 'file too large' })
    }
    inode.volatile.truncate(length)
    inode.pending.push({ kind: 'Truncate', sequence: this.#nextSequence(), length })
  }

  #enqueueSync(
    target: PendingSync['target'],
    path: string,
    operation: 'sync' | 'syncDirectory',
  ): Promise<void> {
    const fault = this.#decideFault(operation)
    return new Promise((resolve, reject) => {
      const sequence = this.#nextSequence()
      const sync: PendingSync = { target, path, sequence, fault, resolve, reject }
      this.#syncsPending.push(sync)
      if (this.#syncCompletion === 'auto') setImmediate(() => this.#completeThrough(sync))
    })
  }

  /** Completes syncs oldest first up to and including `sync`, if it is still pending (a crash
   * may have dropped it). */
  #completeThrough(sync: PendingSync): void {
    const position = this.#syncsPending.indexOf(sync)
    for (let index = 0; index <= position; index++) this.#completeOldestSync()
  }

  #completeOldestSync(): void {
    const sync = this.#syncsPending.shift()
    assert(sync !== undefined, 'a pending sync exists to complete')
    this.#settleSync(sync.target, sync.path, sync.sequence, sync.fault)
    if (sync.fault === undefined) {
      sync.resolve()
    } else {
      const operation = sync.target.kind === 'File' ? 'sync' : 'syncDirectory'
      sync.reject(simulatedFault(sync.fault, operation, sync.path))
    }
  }

  /** A blocking sync: issued and completed at once, ahead of any pending ones. */
  #syncNow(target: PendingSync['target'], path: string, operation: 'sync' | 'syncDirectory'): void {
    const fault = this.#decideFault(operation)
    this.#settleSync(target, path, this.#nextSequence(), fault)
    if (fault !== undefined) throw simulatedFault(fault, operation, path)
  }

  /** Makes durable what a sync issued at `sequence` covers; after a fault, a torn part of it. */
  #settleSync(
    target: PendingSync['target'],
    path: string,
    sequence: number,
    fault: VfsErrorCode | undefined,
  ): void {
    if (target.kind === 'File') {
      const inode = target.inode
      const covered = inode.pending.filter((op) => op.sequence < sequence)
      inode.pending = inode.pending.filter((op) => op.sequence > sequence)
      // A failed sync's writes are settled now, torn, and never retried (fault model 5).
      if (fault === undefined) applyFileOps(inode.durable, covered)
      else settleFileOps(inode.durable, covered, this.#settleOptions('torn'))
    } else {
      const covered = this.#namespacePending.filter(
        (op) => op.directory === path && op.sequence < sequence,
      )
      this.#namespacePending = this.#namespacePending.filter((op) => !covered.includes(op))
      const cut =
        fault === undefined ? covered.length : this.#outcomeRandom.nextInt(covered.length + 1)
      for (const op of covered.slice(0, cut)) this.#applyDurably(op)
    }
  }

  #settleNamespace(choose: CutChooser): void {
    const byDirectory = new Map<string, NamespaceOp[]>()
    for (const op of this.#namespacePending) {
      const ops = byDirectory.get(op.directory) ?? []
      ops.push(op)
      byDirectory.set(op.directory, ops)
    }
    for (const ops of byDirectory.values()) {
      const cut = choose(ops.length)
      for (const op of ops.slice(0, cut)) this.#applyDurably(op)
    }
    this.#namespacePending = []
    this.#durableTree.pruneOrphans()
    this.#volatileTree = this.#durableTree.clone()
  }

  #settleFiles(mode: CrashUnsynced): void {
    const settled = new Set<Inode>()
    for (const [, entry] of this.#durableTree.entries()) {
      if (entry.kind !== 'File' || settled.has(entry.file)) continue
      const inode = entry.file
      settled.add(inode)
      const choose = this.#chooser(mode === 'torn' ? this.#tornFileMode() : mode)
      settleFileOps(inode.durable, inode.pending, { sectorBytes: this.#sectorBytes, choose })
      inode.pending = []
      inode.volatile = inode.durable.clone()
    }
  }

  #applyDurably(op: NamespaceOp): void {
    for (const change of op.changes) this.#durableTree.apply(change)
  }

  /** Logs entry changes, one atomic op per directory they touch, for crash settlement. */
  #record(changes: readonly FileTreeChange<Inode>[]): void {
    const byDirectory = new Map<string, FileTreeChange<Inode>[]>()
    for (const change of changes) {
      const directory = parentOf(change.path)
      const group = byDirectory.get(directory) ?? []
      group.push(change)
      byDirectory.set(directory, group)
    }
    for (const [directory, group] of byDirectory) {
      this.#namespacePending.push({ sequence: this.#nextSequence(), directory, changes: group })
    }
  }

  #decideFault(operation: FaultOperation): VfsErrorCode | undefined {
    const call = this.#countCall(operation)
    const armedIndex = this.#armedFaults.findIndex(
      (armed) => armed.operation === operation && armed.call === call,
    )
    let code: VfsErrorCode | undefined
    if (armedIndex >= 0) {
      code = this.#armedFaults[armedIndex]?.code
      this.#armedFaults.splice(armedIndex, 1)
    } else if (this.#faultRate > 0 && this.#faultRandom.chance(this.#faultRate)) {
      code = operation === 'write' && this.#faultRandom.chance(0.5) ? 'ENOSPC' : 'EIO'
    }
    if (code !== undefined) this.#counters.faults++
    return code
  }

  /** Counts one call of `operation`; returns its number (1 for the first). */
  #countCall(operation: FaultOperation): number {
    const counters = this.#counters
    switch (operation) {
      case 'read':
        return ++counters.reads
      case 'write':
        return ++counters.writes
      case 'truncate':
        return ++counters.truncates
      case 'sync':
        return ++counters.syncs
      case 'syncDirectory':
        return ++counters.syncDirectories
      default:
        return assertNever(operation, 'fault operation')
    }
  }

  #callCount(operation: FaultOperation): number {
    const counters = this.#counters
    switch (operation) {
      case 'read':
        return counters.reads
      case 'write':
        return counters.writes
      case 'truncate':
        return counters.truncates
      case 'sync':
        return counters.syncs
      case 'syncDirectory':
        return counters.syncDirectories
      default:
        return assertNever(operation, 'fault operation')
    }
  }

  /**
   * How one file's unsynced operations fare in a torn crash: a quarter of files lose them all, a
   * quarter keep them all, half are torn sector by sector. Uniform tearing alone would almost
   * never leave a long unsynced write whole, yet recovery must also handle an intact tail it
   * never acknowledged.
   */
  #tornFileMode(): CrashUnsynced {
    const draw = this.#outcomeRandom.nextInt(4)
    return draw === 0 ? 'lost' : draw === 1 ? 'kept' : 'torn'
  }

  #chooser(mode: CrashUnsynced): CutChooser {
    switch (mode) {
      case 'lost':
        return () => 0
      case 'kept':
        return (count) => count
      case 'torn':
        return (count) => this.#outcomeRandom.nextInt(count + 1)
      default:
        return assertNever(mode, 'crash mode')
    }
  }

  #settleOptions(mode: CrashUnsynced): { sectorBytes: number; choose: CutChooser } {
    return { sectorBytes: this.#sectorBytes, choose: this.#chooser(mode) }
  }

  #newInode(): Inode {
    this.#inodeCount++
    const id = this.#inodeCount
    return { id, volatile: new ByteImage(), durable: new ByteImage(), pending: [] }
  }

  #nextSequence(): number {
    this.#sequence++
    return this.#sequence
  }
}

class SimulatedFile implements VfsFile {
  readonly path: string
  readonly #inode: Inode
  /** The simulator's epoch at open; a crash starts a new one and strands this handle. */
  readonly #epoch: number
  readonly #disk: SimulatedDisk
  #isClosed = false

  constructor(path: string, inode: Inode, epoch: number, disk: SimulatedDisk) {
    this.path = path
    this.#inode = inode
    this.#epoch = epoch
    this.#disk = disk
  }

  read(buffer: Uint8Array, offset: number): number {
    this.#check('read')
    assertVfsOffset(offset)
    return this.#disk.read(this.#inode, this.path, buffer, offset)
  }

  write(buffer: Uint8Array, offset: number): void {
    this.#check('write')
    assertVfsOffset(offset)
    this.#disk.write(this.#inode, this.path, buffer, offset)
  }

  size(): number {
    this.#check('size')
    return this.#inode.volatile.size
  }

  truncate(length: number): void {
    this.#check('truncate')
    assertVfsOffset(length)
    this.#disk.truncate(this.#inode, this.path, length)
  }

  sync(): Promise<void> {
    try {
      this.#check('sync')
    } catch (error) {
      if (error instanceof VfsError) return Promise.reject(error)
      throw error
    }
    return this.#disk.sync(this.#inode, this.path)
  }

  syncBlocking(): void {
    this.#check('sync')
    this.#disk.syncBlocking(this.#inode, this.path)
  }

  /** Closing a handle stranded by a crash is allowed: a dying engine may still tidy up. */
  close(): void {
    this.#assertOpen()
    this.#isClosed = true
  }

  #check(operation: 'read' | 'write' | 'size' | 'truncate' | 'sync'): void {
    this.#assertOpen()
    if (this.#epoch !== this.#disk.epoch()) {
      const detail = 'handle opened before a simulated power loss'
      throw new VfsError({ code: 'EIO', operation, path: this.path, detail })
    }
  }

  #assertOpen(): void {
    assert(!this.#isClosed, `file "${this.path}" is used after close`)
  }
}

function simulatedFault(
  code: VfsErrorCode,
  operation: 'read' | 'write' | 'truncate' | 'sync' | 'syncDirectory',
  path: string,
): VfsError {
  return new VfsError({ code, operation, path, detail: 'simulated fault' })
}
