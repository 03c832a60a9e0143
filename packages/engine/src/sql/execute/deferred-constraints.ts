/**
 * DEFERRABLE foreign keys: one transaction's deferral modes (the constraints' INITIALLY
 * DEFERRED / IMMEDIATE, changed by SET CONSTRAINTS) and the checks its statements deferred,
 * which run when the transaction commits (or when SET CONSTRAINTS ... IMMEDIATE names their
 * constraint), as PostgreSQL's deferred RI triggers. A check is kept as what must hold at the
 * end, not as a row version: "a row of `table` with these values needs its referenced row"
 * (passes when the referenced row exists, or when no row has these values any more) and "no
 * row of `table` may still reference these values" (passes when the referenced key exists
 * again). ROLLBACK TO a savepoint forgets the checks queued after it and restores the modes.
 *
 * Only the checks are deferred; ON DELETE / ON UPDATE actions other than NO ACTION run at once
 * (PostgreSQL defers them too: a difference visible only to statements that read the
 * referencing rows between the change and the commit).
 */
import type { ForeignKey } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import { deferredChecksMax } from '../../limits.js'
import type { Value } from '../../types/index.js'

export type DeferredCheck =
  | {
      /** A new or changed referencing row's values, in `table` (by OID). */
      readonly kind: 'referencing'
      readonly table: number
      readonly key: string
      readonly values: readonly Value[]
    }
  | {
      /** A referenced key that went away from `referenced`; `table` holds the foreign key. */
      readonly kind: 'referenced'
      readonly table: number
      readonly key: string
      readonly referenced: number
      readonly values: readonly Value[]
    }

type Mode = 'deferred' | 'immediate'

/** What ROLLBACK TO restores. */
export interface DeferredMark {
  readonly pending: number
  readonly all: Mode | undefined
  readonly named: ReadonlyMap<string, Mode>
}

export class DeferredConstraints {
  #pending: DeferredCheck[] = []
  /** SET CONSTRAINTS ALL, then per constraint name (a later SET for a name wins over ALL). */
  #all: Mode | undefined
  #named = new Map<string, Mode>()

  /** Whether a check of the foreign key waits for the commit now. */
  isDeferred(key: ForeignKey): boolean {
    if (!key.isDeferrable) return false
    const mode = this.#named.get(key.name) ?? this.#all
    return (mode ?? (key.isInitiallyDeferred ? 'deferred' : 'immediate')) === 'deferred'
  }

  defer(check: DeferredCheck): void {
    if (this.#pending.length >= deferredChecksMax) {
      throw new SqlError(
        SqlState.programLimitExceeded,
        `a transaction deferred more than ${deferredChecksMax} constraint checks`,
        { hint: 'Commit more often, or SET CONSTRAINTS ... IMMEDIATE.' },
      )
    }
    this.#pending.push(check)
  }

  /** SET CONSTRAINTS ALL: names set before are forgotten. */
  setAll(mode: Mode): void {
    this.#all = mode
    this.#named = new Map()
  }

  setNamed(name: string, mode: Mode): void {
    this.#named.set(name, mode)
  }

  /** Removes and returns the pending checks that are no longer deferred (all at COMMIT). */
  takeDue(isDue: (check: DeferredCheck) => boolean): DeferredCheck[] {
    const due = this.#pending.filter(isDue)
    if (due.length > 0) this.#pending = this.#pending.filter((check) => !isDue(check))
    return due
  }

  get hasPending(): boolean {
    return this.#pending.length > 0
  }

  mark(): DeferredMark {
    return { pending: this.#pending.length, all: this.#all, named: new Map(this.#named) }
  }

  restore(mark: DeferredMark): void {
    this.#pending.length = Math.min(this.#pending.length, mark.pending)
    this.#all = mark.all
    this.#named = new Map(mark.named)
  }
}
