/**
 * LockTable: row locks taken by SELECT ... FOR UPDATE / FOR SHARE (and the shared lock a DML
 * statement takes on its table's catalog entry, so DROP TABLE waits for it, as PostgreSQL's
 * table locks do). Locks live in memory and last until their transaction ends; after a crash no
 * transaction survives, so neither need they.
 *
 * Conflicts: an update lock conflicts with every other transaction's lock; a share lock with
 * other transactions' update locks. Writes conflict with every other transaction's lock.
 *
 * Invariants:
 *   1. A key has at most one update-lock holder, and then no share holder of another transaction.
 *   2. releaseAll(t) removes every lock of t.
 */
export type LockMode = 'share' | 'update'

interface KeyLocks {
  update: number | undefined
  readonly share: Set<number>
}

export class LockTable {
  readonly #locks = new Map<string, KeyLocks>()
  readonly #held = new Map<number, Set<string>>()

  /** Another transaction whose lock conflicts with `mode` for `transactionId`, if any. */
  findConflict(key: string, transactionId: number, mode: LockMode | 'write'): number | undefined {
    const locks = this.#locks.get(key)
    if (locks === undefined) return undefined
    if (locks.update !== undefined && locks.update !== transactionId) return locks.update
    if (mode === 'share') return undefined
    for (const holder of locks.share) if (holder !== transactionId) return holder
    return undefined
  }

  /** Records the lock; the caller has checked findConflict. */
  add(key: string, transactionId: number, mode: LockMode): void {
    let locks = this.#locks.get(key)
    if (locks === undefined) {
      locks = { update: undefined, share: new Set() }
      this.#locks.set(key, locks)
    }
    if (mode === 'update') locks.update = transactionId
    else locks.share.add(transactionId)
    let held = this.#held.get(transactionId)
    if (held === undefined) {
      held = new Set()
      this.#held.set(transactionId, held)
    }
    held.add(key)
  }

  releaseAll(transactionId: number): void {
    for (const key of this.#held.get(transactionId) ?? []) {
      const locks = this.#locks.get(key)
      if (locks === undefined) continue
      if (locks.update === transactionId) locks.update = undefined
      locks.share.delete(transactionId)
      if (locks.update === undefined && locks.share.size === 0) this.#locks.delete(key)
    }
    this.#held.delete(transactionId)
  }

  get size(): number {
    return this.#locks.size
  }
}
