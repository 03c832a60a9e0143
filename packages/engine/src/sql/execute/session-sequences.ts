/**
 * One session's side of sequences: what currval and lastval return (the last value nextval gave
 * this session), the values a CACHE > 1 sequence handed this session ahead (PostgreSQL caches
 * them per backend, so two sessions interleaving nextval on a CACHE 10 sequence get 1, 11, 2,
 * 12, ...), and the log position the statement's values need to be durable (the session flushes
 * it before the statement's result leaves). The shared state is access/sequence-state.ts.
 */
import type { SequenceStates } from '../../access/index.js'
import { type Catalog, Privilege, privilegesOf, type Sequence } from '../../catalog/index.js'
import { SqlError, SqlState } from '../../errors/index.js'
import type { SequenceAccess } from '../functions/index.js'

/** Values of a CACHE > 1 sequence fetched for this session and not yet returned. */
interface Cached {
  last: bigint
  remaining: bigint
  readonly lsn: number
}

export class SessionSequences {
  readonly #states: SequenceStates
  /** currval: per sequence OID, the last value nextval returned in this session. */
  readonly #current = new Map<number, bigint>()
  /** Per sequence epoch (`oid/transaction/step`): values fetched ahead (CACHE > 1). */
  readonly #cached = new Map<string, Cached>()
  /** lastval: the sequence nextval was last called on. */
  #lastUsed: number | undefined
  /** The highest log position a value handed out since the last `takeLsnPending` needs. */
  #lsnPending = 0

  constructor(states: SequenceStates) {
    this.#states = states
  }

  /** The shared state of a sequence now (ALTER SEQUENCE carries it over). */
  peek(sequence: Sequence): { readonly last: bigint; readonly isCalled: boolean } {
    return this.#states.peek(sequence)
  }

  /** DISCARD SEQUENCES: forgets currval, lastval and the values cached ahead. */
  discard(): void {
    this.#current.clear()
    this.#cached.clear()
    this.#lastUsed = undefined
  }

  /** The log position to flush before the values handed out so far are shown; resets it. */
  takeLsnPending(): number {
    const lsn = this.#lsnPending
    this.#lsnPending = 0
    return lsn
  }

  /** The functions' view, resolving OIDs in `catalog()` (the running statement's catalog);
   * `role()` names the current role, whose privileges on the sequence are checked (nextval:
   * USAGE or UPDATE; currval, lastval: SELECT or USAGE; setval: UPDATE). */
  access(catalog: () => Catalog, role: () => string = () => 'postgres'): SequenceAccess {
    const checked = (oid: number, privileges: number): Sequence => {
      const current = catalog()
      const sequence = sequenceOf(current, oid)
      checkSequencePrivilege(current, sequence, role(), privileges)
      return sequence
    }
    return {
      nextval: (oid) => this.#nextval(checked(oid, Privilege.usage | Privilege.update)),
      currval: (oid) => {
        const sequence = checked(oid, Privilege.select | Privilege.usage)
        const value = this.#current.get(oid)
        if (value === undefined) {
          throw new SqlError(
            SqlState.objectNotInPrerequisiteState,
            `currval of sequence "${sequence.name}" is not yet defined in this session`,
          )
        }
        return value
      },
      setval: (oid, value, isCalled) => {
        const sequence = checked(oid, Privilege.update)
        this.#note(this.#states.set(sequence, value, isCalled))
        this.#cached.delete(epochId(sequence))
        if (isCalled) this.#current.set(oid, value)
        return value
      },
      lastval: () => {
        const oid = this.#lastUsed
        const sequence = oid === undefined ? undefined : catalog().findRelationByOid(oid)
        if (oid === undefined || sequence?.kind !== 'sequence') {
          throw new SqlError(
            SqlState.objectNotInPrerequisiteState,
            'lastval is not yet defined in this session',
          )
        }
        checkSequencePrivilege(catalog(), sequence, role(), Privilege.select | Privilege.usage)
        const value = this.#current.get(oid)
        if (value === undefined) throw new SqlError(SqlState.internalError, 'lastval has a value')
        return value
      },
    }
  }

  #nextval(sequence: Sequence): bigint {
    const id = epochId(sequence)
    const cached = this.#cached.get(id)
    let value: bigint
    if (cached !== undefined && cached.remaining > 0n) {
      // A fetch stops at the bound (a CYCLE wrap starts the next fetch): cached values are
      // consecutive steps.
      value = cached.last + sequence.increment
      cached.last = value
      cached.remaining--
      this.#note(cached.lsn)
    } else {
      const fetched = this.#states.fetch(sequence, sequence.cache)
      value = fetched.first
      this.#note(fetched.lsn)
      if (fetched.count > 1n) {
        this.#cached.set(id, { last: value, remaining: fetched.count - 1n, lsn: fetched.lsn })
      } else {
        this.#cached.delete(id)
      }
    }
    this.#current.set(sequence.oid, value)
    this.#lastUsed = sequence.oid
    return value
  }

  #note(lsn: number): void {
    if (lsn > this.#lsnPending) this.#lsnPending = lsn
  }
}

/** The sequence with this OID: XX000 for an OID no relation has, 42809 for another kind. */
/** 42501 `permission denied for sequence s` unless `roleName` holds one of `privileges`. */
function checkSequencePrivilege(
  catalog: Catalog,
  sequence: Sequence,
  roleName: string,
  privileges: number,
): void {
  const role = catalog.findRole(roleName)
  if (role === undefined || role.isSuperuser) return
  if (privilegesOf(catalog, { kind: 'relation', relation: sequence }, role, privileges) !== 0) {
    return
  }
  throw new SqlError(
    SqlState.insufficientPrivilege,
    `permission denied for sequence ${sequence.name}`,
  )
}

function sequenceOf(catalog: Catalog, oid: number): Sequence {
  const relation = catalog.findRelationByOid(oid)
  if (relation === undefined) {
    throw new SqlError(SqlState.internalError, `could not open relation with OID ${oid}`)
  }
  if (relation.kind !== 'sequence') {
    throw new SqlError(SqlState.wrongObjectType, `"${relation.name}" is not a sequence`)
  }
  return relation
}

function epochId(sequence: Sequence): string {
  return `${sequence.oid}/${sequence.epoch.transaction}/${sequence.epoch.step}`
}
