/**
 * KernelCore: the state every transaction of a DurableKernel shares: the version tree, the
 * transaction table, and the write path that logs a change before applying it (write-ahead).
 * Every change to the tree goes through logPut/logDelete, so replaying the log reproduces the
 * tree (kernel/recovery.ts).
 */
import { SqlError, SqlState } from '../errors/index.js'
import { btreeKeyBytesMax, valueBytesMax } from '../limits.js'
import type { BTree } from './btree/index.js'
import { ChangeFeed } from './change-feed.js'
import {
  encodeOutcome,
  encodeWriteHeader,
  logRecordTypes,
  writeHeaderBytes,
} from './log-records.js'
import { LockTable, type TransactionTable } from './mvcc/index.js'
import { failedState, type Pager } from './pager/index.js'
import type { WalWriter } from './wal/index.js'

export interface CommitClock {
  nowMs(): number
}

export class KernelCore {
  readonly tree: BTree
  readonly transactions: TransactionTable
  readonly locks = new LockTable()
  readonly #pager: Pager
  readonly #wal: WalWriter
  readonly #clock: CommitClock
  /** A put's or delete's record header, rewritten for each (the WAL copies it at once). */
  readonly #writeHeader = new Uint8Array(writeHeaderBytes)
  /** Transactions whose commit record is logged but not yet durable (see checkpoint.ts). */
  readonly committing = new Set<number>()
  /** Called after each commit, so the kernel can start a checkpoint when the log has grown. */
  onCommitted: () => void = () => {}
  /**
   * Versions written since the last vacuum pass started that made an older version of their key
   * dead (an update, a deletion, a second write of a key in one transaction): autovacuum's
   * trigger. A version of a new key leaves nothing to remove, so an insert-only load never
   * starts a pass.
   */
  versionsSuperseding = 0
  /**
   * Versions in the tree that are not garbage (about one per live row), estimated: set by each
   * whole vacuum pass to what it left, then raised by every version of a new key. Scales
   * autovacuum's threshold with the size of the data, as PostgreSQL's reltuples does; dead
   * versions are not counted, or garbage would raise its own threshold. (Rolled-back inserts
   * leave it a little high until the next pass.)
   */
  liveVersionsEstimate = 0
  readonly changeFeed = new ChangeFeed()
  /** Next version sequence (mvcc/version-key.ts): newest version = written last. */
  #versionSequenceNext = 1
  /** Whether commits log their changes for the feed (so it can resume from the WAL). */
  isChangeFeedEnabled = false

  constructor(
    tree: BTree,
    transactions: TransactionTable,
    pager: Pager,
    wal: WalWriter,
    clock: CommitClock,
  ) {
    this.tree = tree
    this.transactions = transactions
    this.#pager = pager
    this.#wal = wal
    this.#clock = clock
  }

  nextVersionSequence(): number {
    return this.#versionSequenceNext++
  }

  get versionSequenceNext(): number {
    return this.#versionSequenceNext
  }

  /** Recovery and open: sequences already used (in the checkpoint or the log) are never reused. */
  raiseVersionSequence(next: number): void {
    if (next > this.#versionSequenceNext) this.#versionSequenceNext = next
  }

  get failure(): SqlError | undefined {
    return this.#pager.failure ?? this.#wal.failure
  }

  /** Logs and applies a put; `isSuperseding`: the key already had a version that this one
   * makes dead once it is committed and seen by everyone (counts toward autovacuum). */
  logPut(transactionId: number, key: Uint8Array, value: Uint8Array, isSuperseding = false): void {
    this.#assertUsable()
    if (key.length > btreeKeyBytesMax) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `index row size ${key.length} exceeds btree maximum, ${btreeKeyBytesMax}`,
      )
    }
    if (value.length > valueBytesMax) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `row is too big: size ${value.length}, maximum size ${valueBytesMax}`,
      )
    }
    encodeWriteHeader(this.#writeHeader, transactionId, key.length)
    this.#wal.append(logRecordTypes.put, this.#writeHeader, key, value)
    this.#pager.setLsn(this.#wal.lsnEnd)
    this.tree.put(key, value)
    if (isSuperseding) this.versionsSuperseding++
    else this.liveVersionsEstimate++
  }

  logDelete(transactionId: number, key: Uint8Array): void {
    this.#assertUsable()
    encodeWriteHeader(this.#writeHeader, transactionId, key.length)
    this.#wal.append(logRecordTypes.delete, this.#writeHeader, key)
    this.#pager.setLsn(this.#wal.lsnEnd)
    this.tree.delete(key)
  }

  /**
   * Logs the commit record (after the change-feed record, when given) and, for a synchronous
   * commit, waits until it is durable. Returns the commit record's LSN and time.
   */
  async logCommit(
    transactionId: number,
    isSynchronous: boolean,
    changes: Uint8Array | undefined,
  ): Promise<{ lsn: number; commitTimeMs: number }> {
    this.#assertUsable()
    if (changes !== undefined) this.#wal.append(logRecordTypes.changes, changes)
    const commitTimeMs = this.#clock.nowMs()
    const commitLsn = this.#wal.append(
      logRecordTypes.commit,
      encodeOutcome(transactionId, commitTimeMs),
    )
    const lsn = this.#wal.lsnEnd
    // From here until markCommitted the transaction is "committing": a checkpoint cut in between
    // must not record it as in progress, or recovery would abort a commit whose record lies
    // before the redo LSN. The caller ends this state with commitFinished, in the same tick as
    // markCommitted (or with commitFailed).
    this.committing.add(transactionId)
    if (isSynchronous) await this.#wal.flush(lsn)
    return { lsn: commitLsn, commitTimeMs }
  }

  /** The transaction is marked committed: it leaves `committing`; maybe checkpoint or vacuum. */
  commitFinished(transactionId: number): void {
    this.committing.delete(transactionId)
    this.onCommitted()
  }

  /** The commit record may not be durable (the kernel is failed): it leaves `committing`. */
  commitFailed(transactionId: number): void {
    this.committing.delete(transactionId)
  }

  /**
   * Logs the commit record of an autonomous write (see DurableKernel.writeAutonomous) without
   * waiting for it to be durable; returns the LSN a flush must reach to make it so. No change
   * feed record: such writes are the kernel user's bookkeeping, not row changes.
   */
  logCommitNow(transactionId: number): number {
    this.#assertUsable()
    this.#wal.append(logRecordTypes.commit, encodeOutcome(transactionId, this.#clock.nowMs()))
    return this.#wal.lsnEnd
  }

  /** Resolves once every record below `lsn` is durable (58030 if the log cannot be). */
  flushLog(lsn: number): Promise<void> {
    return this.#wal.flush(Math.min(lsn, this.#wal.lsnEnd))
  }

  logAbort(transactionId: number): void {
    this.#wal.append(logRecordTypes.abort, encodeOutcome(transactionId))
  }

  /** A rollback that leaves the transaction's versions to vacuum (log-records.ts, abandon). */
  logAbandon(transactionId: number): void {
    this.#wal.append(logRecordTypes.abandon, encodeOutcome(transactionId))
  }

  #assertUsable(): void {
    const failure = this.failure
    if (failure !== undefined) throw failedState(failure.message)
  }
}
