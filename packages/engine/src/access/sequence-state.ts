/**
 * Sequence state: the last value and is_called of every sequence, shared by all sessions, and
 * its persistence. Not transactional: a value handed out is never handed out again, whatever
 * becomes of the transaction that took it, even across a crash (PostgreSQL's nextval).
 *
 * Memory holds the authoritative state. The kernel holds, per sequence epoch (catalog/objects.ts),
 * a *reservation*: a state at least as far along as every value handed out. nextval logs a new
 * reservation only when the previous one is used up, 32 values ahead beyond the CACHE
 * (PostgreSQL's SEQ_LOG_VALS), through the kernel's autonomous write, which commits at once and
 * apart from the caller's transaction (a rollback cannot undo it). The write returns an LSN;
 * whoever hands the values out flushes the log up to it before they leave the statement, so after
 * a crash recovery finds a reservation past every value a client saw, and the next value is
 * greater (in the sequence's order) than all of them. setval logs its state at once.
 *
 * Key format (version 1):
 *   u8  0x03  (sequence state)
 *   u32 sequence OID, u64 epoch transaction id, u32 epoch step, all big-endian
 * Value: u8 is_called (0 or 1), i64 last value, big-endian.
 *
 * A clean close logs every state exactly (`saveExact`), so only a crash leaves a gap.
 * States of epochs no current definition uses (a dropped sequence, an ALTER that replaced the
 * epoch, a CREATE that rolled back) are deleted when the database opens (`load`).
 *
 * Invariants:
 *   1. The logged reservation of an epoch is never behind a value handed out from it, except
 *      after setval moved the sequence back (then it is exactly the state setval set).
 *   2. Every state change happens synchronously, so two sessions never get the same value.
 */
import type { Catalog, Sequence, SequenceEpoch } from '../catalog/index.js'
import { SqlError, SqlState } from '../errors/index.js'
import type { Kernel, KernelTransaction } from '../kernel/index.js'
import { assert } from '../lib/assert.js'

const stateTag = 0x03
/** Values logged ahead of what nextval hands out (PostgreSQL's SEQ_LOG_VALS). */
export const sequenceLogValues = 32n

interface State {
  last: bigint
  isCalled: boolean
  /** Values nextval may hand out before a new reservation must be logged. */
  logCount: bigint
  /** LSN of the reservation that covers the values handed out now. */
  lsn: number
}

/** What one call of `fetch` hands out: `count` values from `first` to `last`. */
export interface Fetched {
  readonly first: bigint
  readonly last: bigint
  readonly count: bigint
  /** The log must be durable up to here before the values are shown to anyone. */
  readonly lsn: number
}

export class SequenceStates {
  readonly #kernel: Kernel
  readonly #states = new Map<string, State>()

  constructor(kernel: Kernel) {
    this.#kernel = kernel
  }

  /**
   * Reads the logged states of the current epochs (open), and deletes the states of epochs no
   * sequence of `catalog` uses.
   */
  load(transaction: KernelTransaction, catalog: Catalog): void {
    const current = new Set<string>()
    for (const relation of catalog.relations()) {
      if (relation.kind === 'sequence') current.add(stateId(relation.oid, relation.epoch))
    }
    const orphans: Uint8Array[] = []
    const range = {
      lower: { key: new Uint8Array([stateTag]), inclusive: true },
      upper: { key: new Uint8Array([stateTag + 1]), inclusive: false },
    }
    for (const entry of transaction.scan(range, 'forward')) {
      const id = decodeStateKey(entry.key)
      if (!current.has(id)) {
        orphans.push(entry.key.slice())
        continue
      }
      const { last, isCalled } = decodeStateValue(entry.value)
      this.#states.set(id, { last, isCalled, logCount: 0n, lsn: 0 })
    }
    for (const key of orphans) this.#kernel.writeAutonomous(key, undefined)
  }

  /** The state now (ALTER SEQUENCE carries it into the new epoch). */
  peek(sequence: Sequence): { readonly last: bigint; readonly isCalled: boolean } {
    const state = this.#state(sequence)
    return { last: state.last, isCalled: state.isCalled }
  }

  /**
   * nextval: up to `wanted` (the CACHE) values, stepping by the increment, wrapping with CYCLE,
   * else 2200H at the bound. At least one value is handed out or an error thrown; fewer than
   * `wanted` when the bound comes first.
   */
  fetch(sequence: Sequence, wanted: bigint): Fetched {
    const state = this.#state(sequence)
    let next = state.last
    let first = state.last
    let last = state.last
    let count = 0n
    let fetch = wanted
    let log = state.logCount
    if (!state.isCalled) {
      count = 1n
      fetch--
    }
    const isLogging = log < fetch || !state.isCalled
    if (isLogging) {
      fetch += sequenceLogValues
      log = fetch
    }
    while (fetch > 0n) {
      const stepped = step(sequence, next)
      if (stepped === undefined) {
        if (count > 0n) break
        const word = sequence.increment > 0n ? 'maximum' : 'minimum'
        const bound = sequence.increment > 0n ? sequence.max : sequence.min
        throw new SqlError(
          SqlState.sequenceGeneratorLimitExceeded,
          `nextval: reached ${word} value of sequence "${sequence.name}" (${bound})`,
        )
      }
      next = stepped
      fetch--
      if (count < wanted) {
        log--
        count++
        last = next
        if (count === 1n) first = next
      }
    }
    log -= fetch
    assert(log >= 0n, 'a reservation never runs negative')
    if (isLogging) state.lsn = this.#log(sequence, next, true)
    state.last = last
    state.isCalled = true
    state.logCount = log
    return { first, last, count, lsn: state.lsn }
  }

  /** setval: 22003 outside MINVALUE..MAXVALUE; logged at once. Returns the LSN to flush. */
  set(sequence: Sequence, value: bigint, isCalled: boolean): number {
    if (value < sequence.min || value > sequence.max) {
      throw new SqlError(
        SqlState.numericValueOutOfRange,
        `setval: value ${value} is out of bounds for sequence "${sequence.name}" (${sequence.min}..${sequence.max})`,
      )
    }
    const state = this.#state(sequence)
    state.lsn = this.#log(sequence, value, isCalled)
    state.last = value
    state.isCalled = isCalled
    state.logCount = 0n
    return state.lsn
  }

  /**
   * At a clean close: log each state exactly where it is (not a reservation ahead), so a
   * restart continues without a gap, as PostgreSQL's shutdown checkpoint does. The kernel's
   * close makes the log durable. Only states whose key matters: epochs still in `catalog`.
   */
  saveExact(catalog: Catalog): void {
    for (const relation of catalog.relations()) {
      if (relation.kind !== 'sequence') continue
      const state = this.#states.get(stateId(relation.oid, relation.epoch))
      if (state === undefined || state.logCount === 0n) continue
      this.#log(relation, state.last, state.isCalled)
      state.logCount = 0n
    }
  }

  #state(sequence: Sequence): State {
    const id = stateId(sequence.oid, sequence.epoch)
    let state = this.#states.get(id)
    if (state === undefined) {
      const { value, isCalled } = sequence.initial
      state = { last: value, isCalled, logCount: 0n, lsn: 0 }
      this.#states.set(id, state)
    }
    return state
  }

  #log(sequence: Sequence, last: bigint, isCalled: boolean): number {
    const value = new Uint8Array(9)
    value[0] = isCalled ? 1 : 0
    new DataView(value.buffer).setBigInt64(1, last)
    return this.#kernel.writeAutonomous(stateKey(sequence.oid, sequence.epoch), value)
  }
}

/** The value after `value`, or undefined at the bound without CYCLE (wraps with it). */
function step(sequence: Sequence, value: bigint): bigint | undefined {
  const { increment, min, max } = sequence
  if (increment > 0n) {
    if (value > max - increment) return sequence.cycle ? min : undefined
  } else if (value < min - increment) {
    return sequence.cycle ? max : undefined
  }
  return value + increment
}

function stateId(oid: number, epoch: SequenceEpoch): string {
  return `${oid}/${epoch.transaction}/${epoch.step}`
}

function stateKey(oid: number, epoch: SequenceEpoch): Uint8Array {
  const key = new Uint8Array(17)
  const view = new DataView(key.buffer)
  key[0] = stateTag
  view.setUint32(1, oid)
  view.setBigUint64(5, BigInt(epoch.transaction))
  view.setUint32(13, epoch.step)
  return key
}

function decodeStateKey(key: Uint8Array): string {
  assert(key.length === 17 && key[0] === stateTag, 'a sequence state key')
  const view = new DataView(key.buffer, key.byteOffset, key.byteLength)
  return `${view.getUint32(1)}/${view.getBigUint64(5)}/${view.getUint32(13)}`
}

function decodeStateValue(value: Uint8Array): { last: bigint; isCalled: boolean } {
  assert(value.length === 9, 'a sequence state value')
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength)
  return { isCalled: value[0] === 1, last: view.getBigInt64(1) }
}
