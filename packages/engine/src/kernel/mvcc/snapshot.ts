/**
 * Snapshots and visibility. A snapshot fixes which transactions' writes a reader sees: those
 * committed before it was taken. READ COMMITTED takes one per statement, REPEATABLE READ one
 * per transaction (at its first statement), as PostgreSQL does.
 *
 * A version written by transaction x (command c) is visible to snapshot S of transaction t at
 * command C when:
 *   x = t:  c < C (a statement does not see its own changes; earlier statements' it does)
 *   x ≠ t:  x < S.xidNext, x ∉ S.inProgress, and x committed
 */
import type { VersionId } from './version-key.js'

export type TransactionState = 'in-progress' | 'committed' | 'aborted'

export interface Snapshot {
  /** The reading transaction. */
  readonly transactionId: number
  /** Command id of the reading statement. */
  readonly commandId: number
  /** First transaction id not yet assigned when the snapshot was taken. */
  readonly xidNext: number
  /** Transactions running (or committing, not yet durable) when the snapshot was taken. */
  readonly inProgress: ReadonlySet<number>
}

export interface TransactionStates {
  stateOf(transactionId: number): TransactionState
}

export function isVisible(
  version: VersionId,
  snapshot: Snapshot,
  states: TransactionStates,
): boolean {
  return isVisibleAt(version.transactionId, version.commandId, snapshot, states)
}

/** isVisible without a VersionId object: the per-row test of batched scans. */
export function isVisibleAt(
  transactionId: number,
  commandId: number,
  snapshot: Snapshot,
  states: TransactionStates,
): boolean {
  if (transactionId === snapshot.transactionId) return commandId < snapshot.commandId
  if (transactionId >= snapshot.xidNext) return false
  if (snapshot.inProgress.has(transactionId)) return false
  return states.stateOf(transactionId) === 'committed'
}
