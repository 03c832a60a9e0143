/**
 * TransactionTable: transaction ids, their states, and waiting for one another.
 *
 * Ids come from a counter that never goes back, even across recovery (the checkpoint records it
 * and recovery raises it past every id in the log). A transaction is in progress from `begin`
 * until its commit is durable (`markCommitted`) or it is rolled back (`markAborted`); only then
 * do other snapshots see its outcome. States of finished transactions are not kept per id: every
 * id below `xidNext` that is neither in progress nor in the aborted set committed. A small
 * rollback undoes its writes physically; the aborted set holds the transactions whose versions
 * remain until vacuum removes them: cut off by a crash, failed at commit, or abandoned by a large
 * rollback (durable-transaction.ts).
 *
 * Waiting: a writer that meets another transaction's uncommitted version waits for it to end
 * (`waitFor`). Waits form a graph; a wait that would close a cycle fails at once with 40P01
 * (deadlock detected), and a wait longer than the session's lock_timeout fails with 55P03.
 *
 * Invariants:
 *   1. Transaction ids increase and are never reused.
 *   2. Each transaction waits for at most one other at a time, and the wait graph has no cycle.
 */
import { SqlError, SqlState } from '../../errors/index.js'
import { assert } from '../../lib/assert.js'
import type { Snapshot, TransactionState, TransactionStates } from './snapshot.js'

interface Waiting {
  readonly resolve: () => void
}

export class TransactionTable implements TransactionStates {
  #xidNext: number
  readonly #inProgress = new Set<number>()
  readonly #aborted: Set<number>
  /** Waiters on each in-progress transaction. */
  readonly #waiters = new Map<number, Waiting[]>()
  /** waiter → the transaction it waits for. */
  readonly #waitsFor = new Map<number, number>()
  /** Per running transaction, the oldest transaction its latest snapshot treats as running. */
  readonly #snapshotXmin = new Map<number, number>()

  constructor(xidNext: number, aborted: Iterable<number>) {
    assert(xidNext >= 1, 'transaction ids start at 1')
    this.#xidNext = xidNext
    this.#aborted = new Set(aborted)
  }

  get xidNext(): number {
    return this.#xidNext
  }

  get inProgressCount(): number {
    return this.#inProgress.size
  }

  /** Transactions aborted by a crash whose versions vacuum has not yet removed. */
  get abortedIds(): readonly number[] {
    return [...this.#aborted].sort((a, b) => a - b)
  }

  /** How many crash-aborted transactions still have versions in the tree. */
  get abortedCount(): number {
    return this.#aborted.size
  }

  inProgressIds(): number[] {
    return [...this.#inProgress]
  }

  begin(): number {
    const id = this.#xidNext++
    this.#inProgress.add(id)
    return id
  }

  /** Recovery: registers a transaction found running in the log, so it can be aborted. */
  adoptInProgress(transactionId: number): void {
    assert(transactionId < this.#xidNext, 'adopted transactions have ids already handed out')
    this.#inProgress.add(transactionId)
  }

  /** Recovery: transaction ids seen in the log must never be handed out again. */
  raiseXidNext(seen: number): void {
    if (seen >= this.#xidNext) this.#xidNext = seen + 1
  }

  stateOf(transactionId: number): TransactionState {
    if (this.#inProgress.has(transactionId)) return 'in-progress'
    if (this.#aborted.has(transactionId) || transactionId >= this.#xidNext) return 'aborted'
    return 'committed'
  }

  snapshot(transactionId: number, commandId: number): Snapshot {
    const inProgress = new Set(this.#inProgress)
    inProgress.delete(transactionId)
    let xmin = this.#xidNext
    for (const id of inProgress) if (id < xmin) xmin = id
    // The oldest transaction this snapshot still treats as running: vacuum keeps what it needs.
    if (this.#inProgress.has(transactionId))
      this.#snapshotXmin.set(transactionId, Math.min(xmin, transactionId))
    return { transactionId, commandId, xidNext: this.#xidNext, inProgress }
  }

  /**
   * Vacuum's horizon: a version committed by a transaction below it is seen by every snapshot
   * that exists or can be taken, so the versions it replaced are dead. It is the oldest of the
   * running transactions and of the transactions any live snapshot still treats as running.
   */
  vacuumHorizon(): number {
    let horizon = this.#xidNext
    for (const id of this.#inProgress) {
      const xmin = this.#snapshotXmin.get(id) ?? id
      if (xmin < horizon) horizon = xmin
    }
    return horizon
  }

  /** The oldest transaction id any current or future snapshot may still need to see as running. */
  oldestInProgress(): number {
    let oldest = this.#xidNext
    for (const id of this.#inProgress) if (id < oldest) oldest = id
    return oldest
  }

  markCommitted(transactionId: number): void {
    this.#finish(transactionId)
  }

  markAborted(transactionId: number, hasVersionsLeft: boolean): void {
    if (hasVersionsLeft) this.#aborted.add(transactionId)
    this.#finish(transactionId)
  }

  /** Vacuum removed every version of these crash-aborted transactions. */
  forgetAborted(ids: Iterable<number>): void {
    for (const id of ids) this.#aborted.delete(id)
  }

  /**
   * Waits until `holder` ends. Rejects with 40P01 when the wait would close a cycle, with
   * 55P03 after `timeoutMs` (0: wait without limit), and with the signal's reason when
   * `signal` aborts (statement timeout, cancel request).
   */
  waitFor(waiter: number, holder: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    assert(waiter !== holder, 'a transaction never waits for itself')
    if (!this.#inProgress.has(holder)) return Promise.resolve()
    if (this.#reaches(holder, waiter)) {
      return Promise.reject(
        new SqlError(SqlState.deadlockDetected, 'deadlock detected', {
          detail: `Transaction ${waiter} waits for transaction ${holder}, which waits for transaction ${waiter}.`,
          hint: 'See server log for query details.',
        }),
      )
    }
    if (signal?.aborted === true) return Promise.reject(signal.reason)
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const settle = (): void => {
        if (timer !== undefined) clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        this.#waitsFor.delete(waiter)
      }
      const entry: Waiting = {
        resolve: () => {
          settle()
          resolve()
        },
      }
      const leave = (error: unknown): void => {
        const remaining = (this.#waiters.get(holder) ?? []).filter((w) => w !== entry)
        this.#waiters.set(holder, remaining)
        settle()
        reject(error)
      }
      const onAbort = (): void => leave(signal?.reason)
      this.#waitsFor.set(waiter, holder)
      const list = this.#waiters.get(holder) ?? []
      list.push(entry)
      this.#waiters.set(holder, list)
      signal?.addEventListener('abort', onAbort, { once: true })
      if (timeoutMs > 0) {
        timer = setTimeout(
          () =>
            leave(
              new SqlError(SqlState.lockNotAvailable, 'canceling statement due to lock timeout'),
            ),
          timeoutMs,
        )
      }
    })
  }

  /**
   * Resumes every transaction waiting for `transactionId` although it still runs: it rolled
   * back to a savepoint, so the versions and locks they waited for may be gone. Each woken
   * waiter runs its statement again and waits anew if it still conflicts (PostgreSQL's waiters
   * wait for the subtransaction, which has ended).
   */
  wakeWaiters(transactionId: number): void {
    const waiting = this.#waiters.get(transactionId) ?? []
    this.#waiters.delete(transactionId)
    for (const entry of waiting) entry.resolve()
  }

  /** Whether following waits from `from` reaches `target` (bounded by the number of waiters). */
  #reaches(from: number, target: number): boolean {
    let current: number | undefined = from
    for (let steps = 0; current !== undefined && steps <= this.#waitsFor.size; steps++) {
      if (current === target) return true
      current = this.#waitsFor.get(current)
    }
    return false
  }

  #finish(transactionId: number): void {
    assert(this.#inProgress.delete(transactionId), 'only a running transaction finishes')
    this.#snapshotXmin.delete(transactionId)
    const waiting = this.#waiters.get(transactionId) ?? []
    this.#waiters.delete(transactionId)
    for (const entry of waiting) entry.resolve()
  }
}
