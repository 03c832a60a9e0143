/**
 * DurableKernel: the storage kernel. Opens (or creates) a data directory through a Vfs,
 * recovers it, and serves transactions with snapshot isolation; commits are durable through the
 * WAL with group commit; checkpoints bound recovery time.
 *
 * Files in the data directory:
 *   main.db         pages (pager/): meta slots, the version tree, free lists
 *   wal/<lsn>       WAL segments (wal/), named by start LSN
 *
 * Open = recovery (recovery.ts): newest valid meta page → tree root and redo LSN; replay the log
 * from there; transactions that did not commit in the log are aborted; a torn log tail is cut.
 * A `:memory:` database is the same kernel over MemoryVfs.
 *
 * Kernel states: open ──(I/O failure in pager or WAL)──▶ failed (no more writes, 58030) ──close
 *
 * Invariants (ARCHITECTURE.md §2, the durability contract):
 *   1. commit() resolves only after the commit record is durable (unless synchronous_commit off).
 *   2. A page is never written before the WAL covering it is durable (pager invariant 2).
 *   3. Recovery replays from the last checkpoint's redo LSN; a torn tail is truncated; damage
 *      before the tail refuses to open (XX001).
 *   4. After a failed fsync or write, nothing more is acknowledged until reopened.
 *   5. Checkpoints start when the log grew by checkpointWalBytes or every checkpointIntervalMs.
 *      The size trigger is checked at each commit and, every checkpointCheckBytes of log, while
 *      records are appended, so a checkpoint also starts during one long transaction and
 *      neither the log nor recovery time grows with a transaction's size.
 * Imports: vfs, pager, btree, wal, mvcc. Tests: durable-kernel.test.ts, tests/crash/.
 */
import { assert } from '../lib/assert.js'
import {
  autovacuumTreeFraction,
  autovacuumVersionsMin,
  checkpointCheckBytes,
  checkpointWalBytes,
  vacuumStepEntries,
} from '../limits.js'
import type { BTree } from './btree/index.js'
import type { ChangeListener } from './change-feed.js'
import { readChangesFromWal } from './change-log-reader.js'
import { DurableTransaction } from './durable-transaction.js'
import type { Kernel, TransactionOptions } from './kernel.js'
import type { CommitClock, KernelCore } from './kernel-core.js'
import { encodeKernelState } from './kernel-state.js'
import { encodeVersionKey, encodeVersionValue } from './mvcc/index.js'
import type { Pager } from './pager/index.js'
import { recover } from './recovery.js'
import { Vacuum } from './vacuum.js'
import type { Vfs } from './vfs/index.js'
import { listSegments, type WalWriter } from './wal/index.js'

export interface DurableKernelOptions {
  readonly vfs: Vfs
  /** Buffer pool budget (storage.cache_bytes). */
  readonly cacheBytes: number
  /** Time-based checkpoint interval; 0 disables the timer (tests). */
  readonly checkpointIntervalMs: number
  /** WAL growth that triggers a checkpoint. */
  readonly checkpointWalBytes?: number
  /** WAL the writer holds in memory before writing it out (tests); default walPendingBytesMax. */
  readonly walPendingBytesMax?: number
  /** WAL segment size (tests: small segments to cross often); default walSegmentBytes. */
  readonly walSegmentBytes?: number
  readonly clock?: CommitClock
}

export const walDirectory = 'wal'
export const dataFileName = 'main.db'

export class DurableKernel implements Kernel {
  readonly #vfs: Vfs
  readonly #pager: Pager
  readonly #wal: WalWriter
  readonly #core: KernelCore
  readonly #checkpointWalBytes: number
  #checkpointsCompleted = 0
  #redoLsn: number
  #checkpointRunning: Promise<void> | undefined
  #timer: NodeJS.Timeout | undefined
  #isClosed = false
  readonly #vacuum: Vacuum
  #vacuumRunning: Promise<void> | undefined
  #vacuumPasses = 0

  private constructor(options: DurableKernelOptions, parts: Awaited<ReturnType<typeof recover>>) {
    this.#vfs = options.vfs
    this.#pager = parts.pager
    this.#wal = parts.wal
    this.#core = parts.core
    this.#redoLsn = parts.redoLsn
    this.#checkpointWalBytes = options.checkpointWalBytes ?? checkpointWalBytes
    this.#vacuum = new Vacuum(this.#core)
    this.#core.onCommitted = () => {
      this.#maybeCheckpoint()
      this.#maybeVacuum()
    }
    // A long transaction grows the log without committing: check the trigger as it grows. The
    // checkpoint's cut runs after an await, so between statements, never inside this append.
    this.#wal.watchGrowth(
      Math.max(1, Math.min(checkpointCheckBytes, Math.floor(this.#checkpointWalBytes / 4))),
      () => this.#maybeCheckpoint(),
    )
    if (options.checkpointIntervalMs > 0) {
      this.#timer = setInterval(() => this.#startCheckpoint(), options.checkpointIntervalMs)
      this.#timer.unref()
    }
  }

  static async open(options: DurableKernelOptions): Promise<DurableKernel> {
    const clock = options.clock ?? { nowMs: () => Date.now() }
    const parts = await recover({
      vfs: options.vfs,
      cacheBytes: options.cacheBytes,
      clock,
      dataFileName,
      walDirectory,
      ...(options.walPendingBytesMax === undefined
        ? {}
        : { walPendingBytesMax: options.walPendingBytesMax }),
      ...(options.walSegmentBytes === undefined
        ? {}
        : { walSegmentBytes: options.walSegmentBytes }),
    })
    const kernel = new DurableKernel(options, parts)
    // Make what recovery replayed durable in the pages, so the next open starts from here.
    if (parts.replayedRecords > 0) await kernel.checkpoint()
    return kernel
  }

  get lsnEnd(): number {
    return this.#wal.lsnEnd
  }

  get lsnDurable(): number {
    return this.#wal.lsnDurable
  }

  /** The last checkpoint's redo LSN: recovery would replay the log from here. */
  get redoLsn(): number {
    return this.#redoLsn
  }

  /** The WAL writer's memory accounting (tests): bytes not yet written to a segment file, their
   * peak since open, and the bytes of buffers it holds. */
  get walMemory(): { pendingBytes: number; pendingBytesPeak: number; bufferBytes: number } {
    return {
      pendingBytes: this.#wal.pendingBytes,
      pendingBytesPeak: this.#wal.pendingBytesPeak,
      bufferBytes: this.#wal.bufferBytes,
    }
  }

  get tree(): BTree {
    return this.#core.tree
  }

  get failure(): Error | undefined {
    return this.#core.failure
  }

  begin(options: TransactionOptions): DurableTransaction {
    assert(!this.#isClosed, 'kernel is open')
    return new DurableTransaction(this.#core, this.#core.transactions.begin(), options)
  }

  /**
   * An autonomous write: begin, put (or delete), commit record, committed, all in one
   * synchronous step, so no snapshot or checkpoint cut ever sees it running. The commit record
   * follows the put in the log, so recovery replays it as committed exactly when the put
   * survived. Not waited for: the caller flushes the returned LSN when it must (a sequence
   * before its values leave the statement); any later durable commit covers it too.
   */
  writeAutonomous(key: Uint8Array, value: Uint8Array | undefined): number {
    assert(!this.#isClosed, 'kernel is open')
    const core = this.#core
    const id = core.transactions.begin()
    try {
      const versionKey = encodeVersionKey(key, core.nextVersionSequence())
      core.logPut(
        id,
        versionKey,
        encodeVersionValue({ transactionId: id, commandId: 1 }, value),
        true,
      )
      const lsn = core.logCommitNow(id)
      core.transactions.markCommitted(id)
      return lsn
    } catch (error: unknown) {
      // The kernel is failed (nothing more is written): the version stays, aborted.
      core.transactions.markAborted(id, true)
      throw error
    }
  }

  flushLog(lsn: number): Promise<void> {
    return this.#core.flushLog(lsn)
  }

  waitFor(waiter: number, holder: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.#core.transactions.waitFor(waiter, holder, timeoutMs, signal)
  }

  /** Runs a checkpoint now (or joins the one running). */
  checkpoint(): Promise<void> {
    this.#startCheckpoint()
    return this.#checkpointRunning ?? Promise.resolve()
  }

  /** Logs each commit's changes from now on, so the change feed can resume from the WAL. */
  enableChangeFeed(): void {
    this.#core.isChangeFeedEnabled = true
  }

  /**
   * Subscribes to committed changes, in commit order. With `fromLsn`, first delivers the
   * transactions that committed after that LSN and are still in the WAL (55000 if the WAL no
   * longer reaches back that far), then live ones; no transaction is delivered twice.
   */
  subscribeChanges(listener: ChangeListener, fromLsn?: number): () => void {
    this.enableChangeFeed()
    if (fromLsn !== undefined) {
      for (const event of readChangesFromWal(
        this.#vfs,
        walDirectory,
        fromLsn,
        this.#wal.lsnDurable,
      ))
        listener(event)
    }
    // Replay is synchronous, so no live event can have been published in between.
    return this.#core.changeFeed.subscribe(listener)
  }

  /** Runs a whole vacuum pass now (VACUUM); resolves when every key has been examined. */
  vacuum(): Promise<void> {
    this.#vacuumRunning ??= this.#runVacuum().finally(() => {
      this.#vacuumRunning = undefined
    })
    return this.#vacuumRunning
  }

  get vacuumRemovedTotal(): number {
    return this.#vacuum.removedTotal
  }

  /** Vacuum passes started since open, by VACUUM or autovacuum. */
  get vacuumPasses(): number {
    return this.#vacuumPasses
  }

  /** Checkpoints completed since open (the one after recovery included). */
  get checkpointsCompleted(): number {
    return this.#checkpointsCompleted
  }

  async close(): Promise<void> {
    if (this.#isClosed) return
    if (this.#timer !== undefined) clearInterval(this.#timer)
    await this.#vacuumRunning?.catch(() => undefined)
    await this.#checkpointRunning?.catch(() => undefined)
    if (this.#core.failure === undefined) await this.checkpoint()
    this.#isClosed = true
    this.#wal.close()
  }

  /** Autovacuum: a pass starts once enough garbage may have accumulated since the last one. */
  #maybeVacuum(): void {
    if (this.#vacuumRunning !== undefined || this.#core.failure !== undefined) return
    if (!this.#isVacuumDue()) return
    this.vacuum().catch(() => undefined)
  }

  /**
   * Due when the versions written over an older version of their key exceed the base plus a
   * fraction of the tree (limits.ts), or when crash-aborted transactions left versions behind.
   * (Rolled-back writes are undone physically, so they leave no garbage.)
   */
  #isVacuumDue(): boolean {
    const core = this.#core
    if (core.transactions.abortedCount > 0) return true
    const threshold = autovacuumVersionsMin + autovacuumTreeFraction * core.liveVersionsEstimate
    return core.versionsSuperseding >= threshold
  }

  /** One pass in steps of vacuumStepEntries, yielding to statements between steps. */
  async #runVacuum(): Promise<void> {
    this.#core.versionsSuperseding = 0
    this.#vacuumPasses++
    while (!this.#isClosed && this.#core.failure === undefined) {
      const step = this.#vacuum.step(vacuumStepEntries)
      if (step.isPassDone) return
      await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  #maybeCheckpoint(): void {
    if (this.#wal.lsnEnd - this.#redoLsn >= this.#checkpointWalBytes) this.#startCheckpoint()
  }

  #startCheckpoint(): void {
    if (this.#checkpointRunning !== undefined || this.#core.failure !== undefined) return
    this.#checkpointRunning = this.#runCheckpoint().finally(() => {
      this.#checkpointRunning = undefined
    })
    // A failed background checkpoint leaves the kernel failed; callers see it on their next write.
    this.#checkpointRunning.catch(() => undefined)
  }

  /**
   * Checkpoint: make the log durable, cut (synchronously: write dirty pages, fix the snapshot
   * with the redo LSN and the transactions still running), make the log durable up to the cut
   * (so commit records before it are durable too), finish (fsync, meta page, fsync), and delete
   * log segments wholly before the redo LSN.
   */
  async #runCheckpoint(): Promise<void> {
    await this.#wal.flush()
    const redoLsn = this.#wal.lsnEnd
    const table = this.#core.transactions
    const inProgress = table.inProgressIds().filter((id) => !this.#core.committing.has(id))
    const state = encodeKernelState({
      treeRoot: this.#core.tree.rootPageNumber,
      xidNext: table.xidNext,
      versionSequenceNext: this.#core.versionSequenceNext,
      aborted: table.abortedIds,
      inProgress,
    })
    const pending = this.#pager.cutCheckpoint(redoLsn, state)
    await this.#wal.flush(redoLsn)
    await this.#pager.finishCheckpoint(pending)
    this.#redoLsn = redoLsn
    this.#checkpointsCompleted++
    this.#wal.removeSegmentsBefore(redoLsn, listSegments(this.#vfs, walDirectory))
  }
}
