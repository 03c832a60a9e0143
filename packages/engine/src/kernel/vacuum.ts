/**
 * Vacuum: removes row versions that no snapshot can see, so updated and deleted rows give their
 * space back (the B+tree frees and merges emptied pages). It runs incrementally between
 * statements, a bounded number of tree entries per step, so writers are never held up for long.
 *
 * For each key, versions are ordered newest first. Going down the list:
 *   - versions of aborted transactions (cut off by a crash) are dead;
 *   - the first version committed below the horizon (TransactionTable.vacuumHorizon) is what
 *     every snapshot sees at least; every older version of the key is dead;
 *   - if that version is a deletion and nothing newer exists, it is dead too: the key is gone
 *     for everyone.
 * Removals are logged (delete records with transaction id 0), so recovery replays them.
 *
 * Invariants:
 *   1. A version visible to some live or future snapshot is never removed.
 *   2. A pass ends with every crash-aborted transaction known at its start forgotten only if
 *      the pass visited the whole tree.
 */
import { compareBytes } from '../lib/keycode.js'
import type { KernelCore } from './kernel-core.js'
import { decodeVersionId, decodeVersionKey, decodeVersionValue } from './mvcc/index.js'

export interface VacuumStep {
  /** Tree entries examined in this step. */
  readonly examined: number
  readonly removed: number
  /** Whether the pass reached the end of the tree. */
  readonly isPassDone: boolean
}

export class Vacuum {
  readonly #core: KernelCore
  /** Where the pass resumes: the first key of the next user key to examine. */
  #resumeKey: Uint8Array | undefined
  #abortedAtPassStart: readonly number[] = []
  #removedTotal = 0
  /** Entries examined and removed by the pass so far: the tree's size when it ends. */
  #passExamined = 0
  #passRemoved = 0

  constructor(core: KernelCore) {
    this.#core = core
  }

  get removedTotal(): number {
    return this.#removedTotal
  }

  /** Examines about `budget` entries; returns what it did. */
  step(budget: number): VacuumStep {
    if (this.#resumeKey === undefined) this.#startPass()
    const horizon = this.#core.transactions.vacuumHorizon()
    const range =
      this.#resumeKey === undefined ? {} : { lower: { key: this.#resumeKey, inclusive: true } }
    const dead: Uint8Array[] = []
    let examined = 0
    let group: { userKey: Uint8Array; keys: Uint8Array[]; values: Uint8Array[] } | undefined
    let next: Uint8Array | undefined
    for (const entry of this.#core.tree.cursor(range, 'forward')) {
      const { userKey } = decodeVersionKey(entry.key)
      if (group === undefined || compareBytes(group.userKey, userKey) !== 0) {
        if (group !== undefined) {
          dead.push(...this.#deadVersions(group.keys, group.values, horizon))
          if (examined >= budget) {
            next = entry.key.slice()
            break
          }
        }
        group = { userKey: userKey.slice(), keys: [], values: [] }
      }
      group.keys.push(entry.key.slice())
      group.values.push(entry.value)
      examined++
    }
    if (next === undefined && group !== undefined)
      dead.push(...this.#deadVersions(group.keys, group.values, horizon))
    for (const key of dead) this.#core.logDelete(0, key)
    this.#removedTotal += dead.length
    this.#passExamined += examined
    this.#passRemoved += dead.length
    this.#resumeKey = next
    if (next === undefined) this.#endPass()
    return { examined, removed: dead.length, isPassDone: next === undefined }
  }

  #startPass(): void {
    this.#abortedAtPassStart = this.#core.transactions.abortedIds
    this.#passExamined = 0
    this.#passRemoved = 0
  }

  #endPass(): void {
    this.#core.transactions.forgetAborted(this.#abortedAtPassStart)
    // Versions written behind the cursor during the pass are missed: an estimate is enough to
    // scale autovacuum's threshold.
    this.#core.liveVersionsEstimate = this.#passExamined - this.#passRemoved
  }

  /** The dead versions among one key's versions (newest first). */
  #deadVersions(
    keys: readonly Uint8Array[],
    values: readonly Uint8Array[],
    horizon: number,
  ): Uint8Array[] {
    const states = this.#core.transactions
    const dead: Uint8Array[] = []
    let settled = -1
    for (let i = 0; i < keys.length; i++) {
      const version = decodeVersionId(values[i] as Uint8Array)
      const state = states.stateOf(version.transactionId)
      if (state === 'aborted') {
        dead.push(keys[i] as Uint8Array)
        continue
      }
      if (settled >= 0) {
        dead.push(keys[i] as Uint8Array)
        continue
      }
      if (state === 'committed' && version.transactionId < horizon) {
        settled = i
        const isDeletion = decodeVersionValue(values[i] as Uint8Array) === undefined
        const isNewest = values
          .slice(0, i)
          .every((value) => states.stateOf(decodeVersionId(value).transactionId) === 'aborted')
        if (isDeletion && isNewest) dead.push(keys[i] as Uint8Array)
      }
    }
    return dead
  }
}
