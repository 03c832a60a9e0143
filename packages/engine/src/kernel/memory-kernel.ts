/**
 * MemoryKernel: the walking skeleton's storage, held entirely in memory. It keeps the kernel's
 * contract (ordered byte keys, atomic commit, rollback) but not durability, and it is replaced by
 * the paged, logged kernel of issue #3 (where `:memory:` becomes a Vfs option of that kernel).
 *
 * Isolation, stated plainly: reads see the latest committed data plus the transaction's own
 * writes (read committed without a statement snapshot); two transactions writing one key are
 * detected at commit ("first committer wins"), and the later one fails with 40001. Issue #3 adds
 * real MVCC snapshots and PostgreSQL's wait-then-recheck behaviour.
 *
 * Keys are held as latin1 strings: one char per byte, so JavaScript string order is byte order.
 *
 * Invariants:
 *   1. `#sortedKeys` holds exactly the keys of `#committed`, in ascending order, without repeats.
 *   2. A committed write records its commit sequence number; a transaction that began before it
 *      may not commit a write to the same key.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import type { Kernel, KernelEntry, KernelTransaction, KeyRange, ScanDirection } from './kernel.js'

interface CommittedEntry {
  value: Uint8Array | undefined
  commitSequence: number
}

export class MemoryKernel implements Kernel {
  readonly #committed = new Map<string, CommittedEntry>()
  #sortedKeys: string[] = []
  #commitSequence = 0
  #nextTransactionId = 1
  readonly #active = new Set<MemoryTransaction>()
  /** Keys whose committed entry is a deletion marker, kept only while older transactions run. */
  readonly #tombstones = new Set<string>()

  begin(): KernelTransaction {
    const transaction = new MemoryTransaction(this, this.#nextTransactionId++, this.#commitSequence)
    this.#active.add(transaction)
    return transaction
  }

  async close(): Promise<void> {
    for (const transaction of this.#active) transaction.rollback()
  }

  readCommitted(key: string): Uint8Array | undefined {
    return this.#committed.get(key)?.value
  }

  /** Index range `[start, end)` of committed keys within the bounds. */
  committedIndexRange(range: StringRange): [number, number] {
    const keys = this.#sortedKeys
    const { lower, upper } = range
    const start = lower === undefined ? 0 : lowerIndex(keys, lower.key, lower.inclusive)
    const end = upper === undefined ? keys.length : upperIndex(keys, upper.key, upper.inclusive)
    return [start, Math.max(start, end)]
  }

  committedKeyAt(index: number): string {
    const key = this.#sortedKeys[index]
    assert(key !== undefined, 'committed key index is in range')
    return key
  }

  /** Increases with every commit; scans check it to prove the committed keys did not move. */
  get commitSequence(): number {
    return this.#commitSequence
  }

  applyCommit(
    transaction: MemoryTransaction,
    writes: ReadonlyMap<string, Uint8Array | null>,
  ): void {
    for (const key of writes.keys()) {
      const entry = this.#committed.get(key)
      if (entry !== undefined && entry.commitSequence > transaction.startSequence) {
        throw new SqlError(
          SqlState.serializationFailure,
          'could not serialize access due to concurrent update',
        )
      }
    }
    const sequence = ++this.#commitSequence
    for (const [key, value] of writes) this.#applyWrite(key, value, sequence)
  }

  finish(transaction: MemoryTransaction): void {
    this.#active.delete(transaction)
    if (this.#active.size === 0) this.#dropTombstones()
  }

  #applyWrite(key: string, value: Uint8Array | null, sequence: number): void {
    const existing = this.#committed.get(key)
    const isLive = existing?.value !== undefined
    if (value === null) {
      if (isLive) this.#sortedKeys.splice(lowerIndex(this.#sortedKeys, key, true), 1)
      this.#committed.set(key, { value: undefined, commitSequence: sequence })
      this.#tombstones.add(key)
      return
    }
    this.#tombstones.delete(key)
    if (!isLive) {
      this.#sortedKeys.splice(lowerIndex(this.#sortedKeys, key, true), 0, key)
    }
    this.#committed.set(key, { value, commitSequence: sequence })
  }

  /** Tombstones only matter to transactions that began before them; with none active, drop them. */
  #dropTombstones(): void {
    for (const key of this.#tombstones) this.#committed.delete(key)
    this.#tombstones.clear()
  }
}

interface StringBound {
  readonly key: string
  readonly inclusive: boolean
}
interface StringRange {
  readonly lower?: StringBound
  readonly upper?: StringBound
}

class MemoryTransaction implements KernelTransaction {
  readonly #kernel: MemoryKernel
  readonly id: number
  readonly startSequence: number
  readonly #writes = new Map<string, Uint8Array | null>()
  #isFinished = false

  constructor(kernel: MemoryKernel, id: number, startSequence: number) {
    this.#kernel = kernel
    this.id = id
    this.startSequence = startSequence
  }

  get(key: Uint8Array): Uint8Array | undefined {
    this.#assertOpen()
    const k = toKeyString(key)
    const written = this.#writes.get(k)
    if (written !== undefined) return written ?? undefined
    return this.#kernel.readCommitted(k)
  }

  scan(range: KeyRange, direction: ScanDirection): Iterable<KernelEntry> {
    this.#assertOpen()
    const stringRange = toStringRange(range)
    // The transaction's own writes in range are captured now, so writes made while the scan
    // runs are not seen by it; committed keys cannot change while a statement runs.
    const own = [...this.#writes].filter(([key]) => inRange(key, stringRange))
    own.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return this.#merge(stringRange, own, direction === 'backward')
  }

  /** Merges committed keys and own writes lazily, so a LIMIT stops reading early. */
  *#merge(
    range: StringRange,
    own: readonly (readonly [string, Uint8Array | null])[],
    isBackward: boolean,
  ): Generator<KernelEntry> {
    const kernel = this.#kernel
    const sequence = kernel.commitSequence
    const [start, end] = kernel.committedIndexRange(range)
    const step = isBackward ? -1 : 1
    let c = isBackward ? end - 1 : start
    let w = isBackward ? own.length - 1 : 0
    const hasCommitted = (): boolean => (isBackward ? c >= start : c < end)
    const hasOwn = (): boolean => w >= 0 && w < own.length
    while (hasCommitted() || hasOwn()) {
      assert(kernel.commitSequence === sequence, 'no commit happens while a scan runs')
      const committedKey = hasCommitted() ? kernel.committedKeyAt(c) : undefined
      const write = hasOwn() ? own[w] : undefined
      const takeOwn =
        write !== undefined &&
        (committedKey === undefined ||
          (isBackward ? write[0] >= committedKey : write[0] <= committedKey))
      if (takeOwn) {
        if (committedKey === write[0]) c += step
        w += step
        if (write[1] !== null) yield { key: fromKeyString(write[0]), value: write[1] }
        continue
      }
      assert(committedKey !== undefined, 'a committed key remains')
      c += step
      const value = kernel.readCommitted(committedKey)
      if (value !== undefined) yield { key: fromKeyString(committedKey), value }
    }
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#assertOpen()
    this.#writes.set(toKeyString(key), value)
  }

  delete(key: Uint8Array): void {
    this.#assertOpen()
    this.#writes.set(toKeyString(key), null)
  }

  async commit(): Promise<void> {
    this.#assertOpen()
    this.#isFinished = true
    try {
      if (this.#writes.size > 0) this.#kernel.applyCommit(this, this.#writes)
    } finally {
      this.#kernel.finish(this)
    }
  }

  rollback(): void {
    if (this.#isFinished) return
    this.#isFinished = true
    this.#writes.clear()
    this.#kernel.finish(this)
  }

  #assertOpen(): void {
    assert(!this.#isFinished, 'transaction is still open')
  }
}

function toKeyString(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}

function fromKeyString(key: string): Uint8Array {
  return new Uint8Array(Buffer.from(key, 'latin1'))
}

function toStringRange(range: KeyRange): StringRange {
  const result: { lower?: StringBound; upper?: StringBound } = {}
  if (range.lower)
    result.lower = { key: toKeyString(range.lower.key), inclusive: range.lower.inclusive }
  if (range.upper)
    result.upper = { key: toKeyString(range.upper.key), inclusive: range.upper.inclusive }
  return result
}

function inRange(key: string, range: StringRange): boolean {
  const { lower, upper } = range
  if (lower && (lower.inclusive ? key < lower.key : key <= lower.key)) return false
  if (upper && (upper.inclusive ? key > upper.key : key >= upper.key)) return false
  return true
}

/** First index whose key is >= `key` (inclusive) or > `key` (exclusive). */
function lowerIndex(keys: readonly string[], key: string, inclusive: boolean): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const k = keys[mid] ?? ''
    if (inclusive ? k < key : k <= key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** One past the last index whose key is <= `key` (inclusive) or < `key` (exclusive). */
function upperIndex(keys: readonly string[], key: string, inclusive: boolean): number {
  return lowerIndex(keys, key, !inclusive)
}
