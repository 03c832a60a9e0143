/**
 * MVCC: transaction ids and states, snapshots and visibility, versioned keys, and waiting for
 * conflicting writers (deadlock detection, lock timeout).
 * Not here: applying versions to the B+tree (kernel/durable-kernel.ts), vacuum (kernel/vacuum.ts).
 * Imports: lib, errors. Tests: transaction-table.test.ts, version-key.test.ts.
 */

export { type LockMode, LockTable } from './lock-table.js'
export {
  isVisible,
  isVisibleAt,
  type Snapshot,
  type TransactionState,
  type TransactionStates,
} from './snapshot.js'
export { TransactionTable } from './transaction-table.js'
export {
  afterVersionsKey,
  decodeVersionId,
  decodeVersionKey,
  decodeVersionValue,
  encodeVersionKey,
  encodeVersionValue,
  firstVersionKey,
  isVersionOf,
  type VersionId,
  versionCommandIdAt,
  versionRowStartAt,
  versionSuffixBytes,
  versionTransactionIdAt,
} from './version-key.js'
