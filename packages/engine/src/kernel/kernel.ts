/**
 * The kernel's contract: a transactional, ordered map from byte keys to byte values. Everything
 * above it (catalog, access, SQL) speaks only this interface, so the storage implementation can
 * change (issue #3 brings pages, B+trees, WAL and MVCC) without touching SQL code.
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

export interface KernelTransaction {
  readonly id: number
  /** The value stored under `key`, as this transaction sees it. */
  get(key: Uint8Array): Uint8Array | undefined
  /** Entries in `range`, ordered by key. The set of entries is fixed when the scan starts, so a
   * statement never sees its own writes mid-scan (no Halloween problem). */
  scan(range: KeyRange, direction: ScanDirection): Iterable<KernelEntry>
  put(key: Uint8Array, value: Uint8Array): void
  delete(key: Uint8Array): void
  /** Makes the transaction's writes visible to later transactions, atomically. Rejects with
   * SqlError 40001 if another transaction committed a write to the same key since this one began. */
  commit(): Promise<void>
  /** Discards the transaction's writes. Idempotent. */
  rollback(): void
}

export interface Kernel {
  begin(): KernelTransaction
  close(): Promise<void>
}
