/**
 * The kernel's contract: a transactional, ordered map from byte keys to byte values, with
 * snapshot isolation. Everything above it (catalog, access, SQL) speaks only this interface.
 *
 * Keys given to the kernel must be prefix-free (no key is a prefix of another): the kernel
 * appends a version suffix to them. Keys built with lib/keycode.ts after a fixed prefix are.
 *
 * Statements: `beginStatement` starts each statement (a new command id, and under READ COMMITTED
 * a new snapshot); a statement never sees its own writes, as in PostgreSQL, so a scan is stable
 * while the same statement writes. `rollbackStatement` undoes the current statement's writes.
 *
 * Savepoints (subtransactions): `savepoint` marks the current point (between statements);
 * `rollbackToSavepoint` undoes exactly the writes and row locks taken since, so other
 * transactions never see them and may write those keys; `releaseSavepoint` merges a savepoint
 * into the level around it. Savepoints nest: the one at depth d holds those at depth > d.
 *
 * Conflicts: writing a key that another running transaction wrote throws TransactionConflict
 * `wait` (the caller undoes its statement, waits with `Kernel.waitFor`, and runs it again);
 * writing a key that a transaction committed after this one's snapshot throws `restart` under
 * READ COMMITTED (run the statement again with a new snapshot) and SqlError 40001 under
 * REPEATABLE READ. So no update is ever lost.
 */

export interface KeyBound {
  readonly key: Uint8Array
  readonly inclusive: boolean
}

/** A key range; an absent bound is open (unbounded) on that side. */
export interface KeyRange {
  readonly lower?: KeyBound
  readonly upper?: KeyBound
}

export type ScanDirection = 'forward' | 'backward'

export interface KernelEntry {
  readonly key: Uint8Array
  readonly value: Uint8Array
}

export type IsolationLevel = 'read committed' | 'repeatable read'

export interface TransactionOptions {
  readonly isolation: IsolationLevel
  /** Wait for the commit record to be durable before commit resolves (synchronous_commit). */
  readonly isSynchronousCommit: boolean
}

/** Decodes the row in bytes[start, end); see KernelTransaction.scanBatches. */
export type RowDecoder<T> = (bytes: Uint8Array, start: number, end: number) => T

export interface KernelTransaction {
  readonly id: number
  readonly isolation: IsolationLevel
  /** Starts the next statement: new command id; new snapshot under READ COMMITTED. */
  beginStatement(): void
  /** Undoes the writes of the current statement. */
  rollbackStatement(): void
  /** The value stored under `key`, as this statement's snapshot sees it. */
  get(key: Uint8Array): Uint8Array | undefined
  /**
   * The value under `key` for a uniqueness check: as `get`, but including what the current
   * statement itself wrote (two rows with one key in one INSERT are a duplicate). Writes of
   * running transactions are not seen here; writing the key then waits for them.
   */
  getForUniqueness(key: Uint8Array): Uint8Array | undefined
  /**
   * Writes `value` under `key` unless getForUniqueness(key) would return a row, or a row
   * committed after a REPEATABLE READ snapshot holds the key (PostgreSQL reports that duplicate
   * too, rather than a serialization failure); then returns false and writes nothing. Other
   * conflicts with other writers are raised exactly as by `put`.
   * The same as that check followed by `put`, in one read of the key.
   */
  insertIfAbsent(key: Uint8Array, value: Uint8Array): boolean
  /**
   * Throws what a write of `key` would throw (TransactionConflict `wait` or `restart`, or 40001
   * under REPEATABLE READ) and writes nothing: whether the version this statement sees is still
   * the key's settled newest one. Row locks are not looked at (INSERT ... ON CONFLICT DO NOTHING
   * checks a conflicting row this way, as PostgreSQL waits for its in-progress writers only).
   */
  checkWritable(key: Uint8Array): void
  /** Entries in `range`, ordered by key, as this statement's snapshot sees them. */
  scan(range: KeyRange, direction: ScanDirection): Iterable<KernelEntry>
  /**
   * The rows of `scan(range, 'forward')`, a leaf at a time, each passed through `decode` while
   * it lies in bytes[start, end) of a page (valid only during the call: decode copies what it
   * keeps). The batch path of sequential scans: no copy, view or entry object per row.
   */
  scanBatches<T>(range: KeyRange, decode: RowDecoder<T>): Iterable<T[]>
  /**
   * Locks the row at `key` against concurrent writers (and, for 'update', other lockers) until
   * this transaction ends: SELECT ... FOR UPDATE / FOR SHARE. Returns false when the row no
   * longer exists (deleted since the snapshot) or, with `policy` 'skip', is locked by another.
   * With 'wait' a conflict throws TransactionConflict; with 'nowait' it fails with 55P03.
   */
  lock(key: Uint8Array, mode: 'share' | 'update', policy: 'wait' | 'nowait' | 'skip'): boolean
  put(key: Uint8Array, value: Uint8Array): void
  delete(key: Uint8Array): void
  /** Marks the current point (between statements) and returns its depth, 1 for the outermost. */
  savepoint(): number
  /**
   * Undoes every write and releases every row lock (or lock upgrade) taken since savepoint
   * `depth`; savepoints inside it are dropped, it stays. Transactions waiting for this one
   * resume (and wait again if they still conflict).
   */
  rollbackToSavepoint(depth: number): void
  /** Drops savepoint `depth` and the ones inside it; their writes stay with the transaction. */
  releaseSavepoint(depth: number): void
  /** Whether the transaction has written anything. */
  readonly hasWrites: boolean
  /** Makes the writes visible to later snapshots, atomically and (unless asked otherwise)
   * durably; rejects with 58030 when the log cannot be made durable. `beforeVisible` runs once
   * the commit is durable, just before other transactions can see it (and before transactions
   * waiting for this one resume): the session publishes its catalog changes there. */
  commit(beforeVisible?: () => void): Promise<void>
  /** Discards every write. Idempotent. */
  rollback(): void
}

export interface Kernel {
  begin(options: TransactionOptions): KernelTransaction
  /**
   * Writes `value` under `key` (undefined: deletes it) in a transaction of its own that commits
   * at once, synchronously, whatever becomes of any transaction the caller has open: what a
   * sequence needs, whose reservations must never be rolled back. Returns the LSN to pass to
   * `flushLog` before relying on the write surviving a crash. No conflict checks: such keys
   * must be written only this way (never by ordinary transactions), and one such write never
   * overlaps another, so none can meet an uncommitted version.
   */
  writeAutonomous(key: Uint8Array, value: Uint8Array | undefined): number
  /** Resolves once the log is durable up to `lsn` (58030 when it cannot be made durable). */
  flushLog(lsn: number): Promise<void>
  /** Waits until transaction `holder` ends; 40P01 on deadlock, 55P03 after `timeoutMs` (0: none),
   * the signal's reason when `signal` aborts. */
  waitFor(waiter: number, holder: number, timeoutMs: number, signal?: AbortSignal): Promise<void>
  /** Removes every version no snapshot can see (VACUUM); autovacuum does the same in steps. */
  vacuum(): Promise<void>
  close(): Promise<void>
}

/** A write met another transaction's version: wait for it, or restart with a new snapshot. */
export class TransactionConflict extends Error {
  override readonly name = 'TransactionConflict'
  readonly kind: 'wait' | 'restart'
  /** The transaction to wait for (kind `wait`). */
  readonly holder: number

  constructor(kind: 'wait' | 'restart', holder: number) {
    super(
      kind === 'wait' ? `must wait for transaction ${holder}` : 'must restart with a new snapshot',
    )
    this.kind = kind
    this.holder = holder
  }
}
