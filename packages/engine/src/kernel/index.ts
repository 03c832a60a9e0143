/**
 * Kernel: a durable, transactional, ordered key/value store. Knows nothing about SQL.
 *
 * Today it is MemoryKernel (everything in memory; issue #2's walking skeleton). Issue #3 replaces
 * it with pages, B+trees, a WAL with group commit, MVCC, checkpoints and recovery, behind the same
 * `Kernel` / `KernelTransaction` contract.
 *
 * Invariants:
 *   1. A transaction's writes become visible to others all at once, at commit, or never.
 *   2. Scans return keys in unsigned byte order (ascending or descending).
 * Imports: lib, errors. Tests: memory-kernel.test.ts.
 */
export type {
  Kernel,
  KernelEntry,
  KernelTransaction,
  KeyBound,
  KeyRange,
  ScanDirection,
} from './kernel.js'
export { MemoryKernel } from './memory-kernel.js'
