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
 *   3. `mayHold(k)` is true for every key with a lock (the hash filter counts each locked key).
 *   4. `restore(k, t, heldMode(k, t))` changes nothing: a savepoint's journal (durable-
 *      transaction.ts) records the mode held before each change and restores it on ROLLBACK TO.
 */
export type LockMode = 'share' | 'update'

interface KeyLocks {
  update: number | undefined
  readonly share: Set<number>
}

export class LockTable {
  readonly #locks = new Map<string, KeyLocks>()
  readonly #held = new Map<number, Set<string>>()
  /** Locked keys per hash of the key: a filter that spares every write the string conversion
   * of its key when no lock can match it (DML keeps its table's share lock, so the table is
   * rarely empty). */
  readonly #hashes = new Map<number, number>()

  /** False when no lock is held on `key` (no false negatives; false positives are rare). */
  mayHold(key: Uint8Array): boolean {
    return this.#hashes.has(hashBytes(key))
  }

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
      const hash = hashString(key)
      this.#hashes.set(hash, (this.#hashes.get(hash) ?? 0) + 1)
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

  /** The strongest lock `transactionId` holds on `key`. */
  heldMode(key: string, transactionId: number): LockMode | undefined {
    const locks = this.#locks.get(key)
    if (locks === undefined) return undefined
    if (locks.update === transactionId) return 'update'
    return locks.share.has(transactionId) ? 'share' : undefined
  }

  /** Puts `transactionId`'s lock on `key` back to `mode` (undefined: none), which is never
   * stronger than what it holds now: ROLLBACK TO SAVEPOINT releases the locks taken since. */
  restore(key: string, transactionId: number, mode: LockMode | undefined): void {
    const locks = this.#locks.get(key)
    if (locks === undefined) return
    if (mode !== 'update' && locks.update === transactionId) locks.update = undefined
    if (mode === undefined) {
      locks.share.delete(transactionId)
      this.#held.get(transactionId)?.delete(key)
    } else if (mode === 'share') locks.share.add(transactionId)
    if (locks.update === undefined && locks.share.size === 0) {
      this.#locks.delete(key)
      this.#forgetHash(hashString(key))
    }
  }

  releaseAll(transactionId: number): void {
    for (const key of this.#held.get(transactionId) ?? []) {
      const locks = this.#locks.get(key)
      if (locks === undefined) continue
      if (locks.update === transactionId) locks.update = undefined
      locks.share.delete(transactionId)
      if (locks.update === undefined && locks.share.size === 0) {
        this.#locks.delete(key)
        this.#forgetHash(hashString(key))
      }
    }
    this.#held.delete(transactionId)
  }

  get size(): number {
    return this.#locks.size
  }

  #forgetHash(hash: number): void {
    const count = this.#hashes.get(hash) ?? 0
    if (count <= 1) this.#hashes.delete(hash)
    else this.#hashes.set(hash, count - 1)
  }
}

// FNV-1a over the key's bytes; a lock key string holds one char per byte, so both agree.
function hashBytes(key: Uint8Array): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ (key[i] as number), 0x01000193)
  return hash >>> 0
}

function hashString(key: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return hash >>> 0
}
