/**
 * Kernel: a durable, transactional, ordered key/value store with snapshot isolation. Knows
 * nothing about SQL.
 *
 * Layers, bottom-up: vfs/ (file I/O seam: disk, memory, simulated faulty disk) → pager/ (pages,
 * checksums, buffer pool, copy-on-write, free list, meta pages) → btree/ (copy-on-write B+tree
 * of byte keys) → wal/ (log records, segments, group commit, reader) → mvcc/ (transaction ids,
 * snapshots, visibility, waits) → durable-kernel.ts (transactions over the version tree,
 * recovery.ts, checkpoints).
 *
 * Invariants:
 *   1. A transaction's writes become visible to others all at once, at commit, or never.
 *   2. Scans return keys in unsigned byte order (ascending or descending).
 *   3. The durability contract of ARCHITECTURE.md §2 (see durable-kernel.ts).
 * Imports: lib, errors, limits. Tests: beside each layer, durable-kernel.test.ts, tests/crash/.
 */
export type { ChangeEvent, ChangeListener, KeyChange } from './change-feed.js'
export { DurableKernel, type DurableKernelOptions } from './durable-kernel.js'
export type {
  IsolationLevel,
  Kernel,
  KernelEntry,
  KernelTransaction,
  KeyBound,
  KeyRange,
  RowDecoder,
  ScanDirection,
  TransactionOptions,
} from './kernel.js'
export { TransactionConflict } from './kernel.js'
export { MemoryVfs, NodeVfs, SimulatedVfs, type Vfs } from './vfs/index.js'
