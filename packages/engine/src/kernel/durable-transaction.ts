/**
 * DurableTransaction: one transaction of the DurableKernel, implementing snapshot isolation on
 * the version tree. Writes add versions tagged (transaction id, command id); reads pick, per
 * key, the newest version the statement's snapshot sees (mvcc/snapshot.ts). An undo log of
 * the versions written (undo-log.ts: version keys packed into byte chunks) lets a statement be
 * rolled back physically, and the whole transaction too while it is small; a rollback of more
 * than rollbackUndoVersionsMax versions logs an `abandon` record instead and leaves them,
 * aborted and so invisible, to vacuum (as PostgreSQL does), so a rollback costs the same time and
 * log whatever the transaction's size.
 *
 * Savepoints are marks in the undo log (and in a journal of row-lock changes kept while one is
 * open): ROLLBACK TO undoes the versions written since the mark physically, one logged delete
 * each, as a statement rollback does, so readers, conflict checks and recovery (which replays
 * the put and then the delete) never see them, and the transaction goes on under its one id.
 * Unlike a whole rollback it cannot abandon its versions (the transaction may still commit), so
 * its cost grows with the writes it undoes.
 *
 * States:  active ──commit()──▶ committed        active ──rollback()──▶ aborted
 * (a failed commit leaves the transaction aborted; its versions stay until vacuum)
 *
 * Invariants:
 *   1. Every version this transaction wrote is in the undo log until commit or rollback.
 *   2. A write never replaces another transaction's newest version unless that version is
 *      committed and visible to this snapshot (otherwise: wait, restart, or 40001).
 *   3. After rollbackToSavepoint(d) the tree holds exactly the versions this transaction had
 *      written when savepoint d was taken, and it holds exactly the row locks it held then.
 */
import { SqlError, SqlState } from '../errors/index.js'
import { assert } from '../lib/assert.js'
import { compareBytes } from '../lib/keycode.js'
import { abortedWithVersionsMax, rollbackUndoVersionsMax } from '../limits.js'
import type { BTreeEntry } from './btree/index.js'
import { encodeChanges, type KeyChange, type LoggedChange } from './change-feed.js'
import {
  type IsolationLevel,
  type KernelEntry,
  type KernelTransaction,
  type KeyRange,
  type RowDecoder,
  type ScanDirection,
  TransactionConflict,
  type TransactionOptions,
} from './kernel.js'
import type { KernelCore } from './kernel-core.js'
import {
  afterVersionsKey,
  decodeVersionId,
  decodeVersionKey,
  decodeVersionValue,
  encodeVersionKey,
  encodeVersionValue,
  firstVersionKey,
  isVisible,
  isVisibleAt,
  type LockMode,
  type Snapshot,
  type VersionId,
  versionCommandIdAt,
  versionRowStartAt,
  versionSuffixBytes,
  versionTransactionIdAt,
} from './mvcc/index.js'
import { UndoLog } from './undo-log.js'

/** What one read of a key's versions tells a write (invariant 2) and a uniqueness check. */
interface KeyProbe {
  /** What a uniqueness check sees: the row of this transaction's newest version of the key,
   * else of the newest version the snapshot sees; undefined for a deletion or no version. */
  uniqueRow: Uint8Array | undefined
  /** Why a write of the key cannot go ahead (thrown after the lock table is consulted). */
  conflict: Error | undefined
  /** Whether the key has a live version that a write would supersede (autovacuum counts it). */
  isSuperseding: boolean
  /** The conflict is a version committed after this REPEATABLE READ snapshot that holds a row
   * (not a deletion): a uniqueness check reports the duplicate (23505), as PostgreSQL's does,
   * rather than the serialization failure a write of the key gets. */
  isNewerCommittedRow: boolean
}

export class DurableTransaction implements KernelTransaction {
  readonly id: number
  readonly isolation: IsolationLevel
  readonly #core: KernelCore
  readonly #isSynchronousCommit: boolean
  #commandId = 0
  #snapshot: Snapshot | undefined
  readonly #undo = new UndoLog()
  #statementStart = 0
  #state: 'active' | 'committed' | 'aborted' = 'active'
  /** Open savepoints, outermost first: the undo log's count and the lock journal's length then. */
  readonly #savepoints: { readonly undoCount: number; readonly lockCount: number }[] = []
  /** While a savepoint is open, each lock this transaction took or strengthened, with the mode
   * it held before (invariant 3). */
  readonly #lockJournal: { readonly key: string; readonly previous: LockMode | undefined }[] = []

  constructor(core: KernelCore, id: number, options: TransactionOptions) {
    this.#core = core
    this.id = id
    this.isolation = options.isolation
    this.#isSynchronousCommit = options.isSynchronousCommit
  }

  get hasWrites(): boolean {
    return this.#undo.count > 0
  }

  /** Bytes of memory the undo log holds (tests: it must stay a few bytes per write). */
  get undoBytes(): number {
    return this.#undo.allocatedBytes
  }

  beginStatement(): void {
    this.#assertActive()
    this.#commandId++
    this.#statementStart = this.#undo.count
    const table = this.#core.transactions
    if (this.#snapshot === undefined || this.isolation === 'read committed') {
      this.#snapshot = table.snapshot(this.id, this.#commandId)
    } else {
      this.#snapshot = { ...this.#snapshot, commandId: this.#commandId }
    }
  }

  rollbackStatement(): void {
    this.#assertActive()
    this.#undoTo(this.#statementStart)
  }

  getForUniqueness(key: Uint8Array): Uint8Array | undefined {
    const snapshot = this.#requireSnapshot()
    for (const entry of this.#core.tree.cursor(versionsOf(key), 'forward')) {
      const version = decodeVersionId(entry.value)
      // This transaction's newest version counts whatever its command: a statement that wrote
      // the key earlier in the same statement must see the duplicate.
      if (
        version.transactionId === this.id ||
        isVisible(version, snapshot, this.#core.transactions)
      ) {
        return decodeVersionValue(entry.value)
      }
    }
    return undefined
  }

  /** One visit of the key's versions (no cursor, no generator): the point lookup path. */
  get(key: Uint8Array): Uint8Array | undefined {
    const snapshot = this.#requireSnapshot()
    const states = this.#core.transactions
    let row: Uint8Array | undefined
    this.#core.tree.visitRange(firstVersionKey(key), afterVersionsKey(key), (_, value) => {
      if (
        !isVisibleAt(
          versionTransactionIdAt(value, 0),
          versionCommandIdAt(value, 0),
          snapshot,
          states,
        )
      ) {
        return true
      }
      // The value is a view into the page: the row is copied out.
      row = decodeVersionValue(value)?.slice()
      return false
    })
    return row
  }

  scan(range: KeyRange, direction: ScanDirection): Iterable<KernelEntry> {
    const snapshot = this.#requireSnapshot()
    const versions = this.#core.tree.cursor(toVersionRange(range), direction)
    return direction === 'forward'
      ? visibleForward(versions, snapshot, this.#core)
      : visibleBackward(versions, snapshot, this.#core)
  }

  *scanBatches<T>(range: KeyRange, decode: RowDecoder<T>): Generator<T[]> {
    const snapshot = this.#requireSnapshot()
    const states = this.#core.transactions
    const cursor = this.#core.tree.cursor(toVersionRange(range), 'forward')
    // Versions arrive newest first per key: the first visible one decides the key. The deciding
    // version key lies in decided[decidedStart, decidedEnd) (in the page while in its leaf, a
    // copy afterwards); its user key is all but its last versionSuffixBytes bytes.
    let decided: Uint8Array | undefined
    let decidedStart = 0
    let decidedEnd = 0
    let batch: T[] = []
    const visit = (bytes: Uint8Array, keyStart: number, keyEnd: number, valueEnd: number) => {
      if (
        decided !== undefined &&
        sameUserKey(decided, decidedStart, decidedEnd, bytes, keyStart, keyEnd)
      ) {
        return
      }
      const transactionId = versionTransactionIdAt(bytes, keyEnd)
      if (!isVisibleAt(transactionId, versionCommandIdAt(bytes, keyEnd), snapshot, states)) return
      decided = bytes
      decidedStart = keyStart
      decidedEnd = keyEnd
      const rowStart = versionRowStartAt(bytes, keyEnd)
      if (rowStart >= 0) batch.push(decode(bytes, rowStart, valueEnd))
    }
    const finish = (): void => {
      if (decided === undefined) return
      decided = decided.slice(decidedStart, decidedEnd)
      decidedStart = 0
      decidedEnd = decided.length
    }
    while (cursor.visitLeaf(visit, finish)) {
      if (batch.length === 0) continue
      yield batch
      batch = []
    }
  }

  lock(key: Uint8Array, mode: LockMode, policy: 'wait' | 'nowait' | 'skip'): boolean {
    const snapshot = this.#requireSnapshot()
    const id = lockKey(key)
    const locks = this.#core.locks
    // Held already, as strongly (a DML statement's table lock, every statement): nobody else
    // can have written the key since it was taken (a write conflicts with the lock), so the
    // checks below would find what they found then.
    const held = locks.heldMode(id, this.id)
    if (held === mode || held === 'update') return true
    const holder = locks.findConflict(id, this.id, mode)
    if (holder !== undefined) return refuse(holder, policy)
    try {
      this.#checkConflict(key, snapshot)
    } catch (error: unknown) {
      if (error instanceof TransactionConflict && error.kind === 'wait')
        return refuse(error.holder, policy)
      throw error
    }
    if (this.#savepoints.length > 0) {
      const previous = locks.heldMode(id, this.id)
      if (previous === undefined || (previous === 'share' && mode === 'update')) {
        this.#lockJournal.push({ key: id, previous })
      }
    }
    locks.add(id, this.id, mode)
    return true
  }

  savepoint(): number {
    this.#assertActive()
    this.#savepoints.push({ undoCount: this.#undo.count, lockCount: this.#lockJournal.length })
    return this.#savepoints.length
  }

  rollbackToSavepoint(depth: number): void {
    this.#assertActive()
    const mark = this.#savepoints[depth - 1]
    assert(depth >= 1 && mark !== undefined, 'the savepoint is open')
    this.#savepoints.length = depth
    this.#undoTo(mark.undoCount)
    this.#statementStart = Math.min(this.#statementStart, mark.undoCount)
    const locks = this.#core.locks
    while (this.#lockJournal.length > mark.lockCount) {
      const change = this.#lockJournal.pop()
      assert(change !== undefined, 'journal entry exists')
      locks.restore(change.key, this.id, change.previous)
    }
    this.#core.transactions.wakeWaiters(this.id)
  }

  releaseSavepoint(depth: number): void {
    this.#assertActive()
    assert(depth >= 1 && depth <= this.#savepoints.length, 'the savepoint is open')
    this.#savepoints.length = depth - 1
    if (depth === 1) this.#lockJournal.length = 0
  }

  /**
   * One read of the key's versions answers both questions of an insert: is there a row for
   * uniqueness (then nothing is written), and may this transaction write the key (conflicts are
   * raised exactly as put raises them). The put then reuses the B+tree's finger on that leaf.
   */
  insertIfAbsent(key: Uint8Array, value: Uint8Array): boolean {
    const snapshot = this.#requireSnapshot()
    const probe = this.#probe(key, snapshot, true)
    // A row is there, but another transaction's newer version of the key (a delete, say) is
    // not settled for this snapshot: its outcome decides, so wait or restart as a write would
    // (PostgreSQL waits for the deleter of a conflicting row, then checks again).
    if (probe.uniqueRow !== undefined && probe.conflict !== undefined) throw probe.conflict
    if (probe.uniqueRow !== undefined || probe.isNewerCommittedRow) return false
    this.#write(key, value, probe)
    return true
  }

  checkWritable(key: Uint8Array): void {
    this.#checkConflict(key, this.#requireSnapshot())
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.#write(key, value)
  }

  delete(key: Uint8Array): void {
    this.#write(key, undefined)
  }

  async commit(beforeVisible?: () => void): Promise<void> {
    this.#assertActive()
    if (this.#undo.count === 0) {
      beforeVisible?.()
      this.#finish('committed')
      return
    }
    const feed = this.#core.isChangeFeedEnabled ? this.#collectChanges() : undefined
    let committed: { lsn: number; commitTimeMs: number }
    try {
      committed = await this.#core.logCommit(
        this.id,
        this.#isSynchronousCommit,
        feed === undefined ? undefined : encodeChanges(this.id, feed.logged),
      )
    } catch (error: unknown) {
      // The commit may not be durable: treat it as aborted (its versions stay for vacuum).
      this.#state = 'aborted'
      this.#undo.clear()
      this.#core.commitFailed(this.id)
      this.#core.locks.releaseAll(this.id)
      this.#core.transactions.markAborted(this.id, true)
      throw error
    }
    beforeVisible?.()
    this.#finish('committed')
    this.#core.commitFinished(this.id)
    if (feed !== undefined && feed.changes.length > 0) {
      this.#core.changeFeed.publish({ ...committed, transactionId: this.id, changes: feed.changes })
    }
  }

  /** Per key this transaction changed: its final version, and the committed version it replaced. */
  #collectChanges(): { logged: LoggedChange[]; changes: KeyChange[] } {
    const finalVersion = new Map<
      string,
      { userKey: Uint8Array; versionKey: Uint8Array; sequence: number }
    >()
    // Views into the undo log: valid here, since nothing is pushed until the transaction ends.
    for (const versionKey of this.#undo.oldestFirst()) {
      const { userKey, sequence } = decodeVersionKey(versionKey)
      finalVersion.set(lockKey(userKey), { userKey, versionKey, sequence })
    }
    const logged: LoggedChange[] = []
    const changes: KeyChange[] = []
    const tree = this.#core.tree
    for (const { userKey, versionKey, sequence } of finalVersion.values()) {
      const stored = tree.get(versionKey)
      const after = stored === undefined ? undefined : decodeVersionValue(stored)
      const before = this.#replacedVersion(userKey)
      if (before === undefined && after === undefined) continue
      const key = userKey.slice()
      logged.push({ key, sequence, before })
      changes.push({ key, before, after: after?.slice() })
    }
    return { logged, changes }
  }

  /** The newest committed version of `key` written by another transaction (the old row). */
  #replacedVersion(key: Uint8Array): Uint8Array | undefined {
    const states = this.#core.transactions
    for (const entry of this.#core.tree.cursor(versionsOf(key), 'forward')) {
      const version = decodeVersionId(entry.value)
      if (version.transactionId === this.id) continue
      if (states.stateOf(version.transactionId) !== 'committed') continue
      return decodeVersionValue(entry.value)?.slice()
    }
    return undefined
  }

  rollback(): void {
    if (this.#state !== 'active') return
    // Versions stay (for vacuum) unless undone here; if undoing fails part way (the log or the
    // pager failed: the kernel is failed), the transaction still ends, aborted, its rest left.
    let hasVersionsLeft = this.#undo.count > 0
    try {
      if (hasVersionsLeft && this.#core.failure === undefined) {
        if (
          this.#undo.count > rollbackUndoVersionsMax &&
          this.#core.transactions.abortedIds.length < abortedWithVersionsMax
        ) {
          this.#core.logAbandon(this.id)
        } else {
          this.#undoTo(0)
          this.#core.logAbort(this.id)
          hasVersionsLeft = false
        }
      }
    } finally {
      this.#undo.clear()
      this.#state = 'aborted'
      this.#core.locks.releaseAll(this.id)
      this.#core.transactions.markAborted(this.id, hasVersionsLeft)
    }
  }

  #finish(state: 'committed'): void {
    this.#undo.clear()
    this.#state = state
    // Locks go first: waiters woken by markCommitted must find them released.
    this.#core.locks.releaseAll(this.id)
    this.#core.transactions.markCommitted(this.id)
  }

  /** `probed`: the key's versions as insertIfAbsent read them in this statement, just before. */
  #write(key: Uint8Array, row: Uint8Array | undefined, probed?: KeyProbe): void {
    const snapshot = this.#requireSnapshot()
    const locks = this.#core.locks
    const holder = locks.mayHold(key)
      ? locks.findConflict(lockKey(key), this.id, 'write')
      : undefined
    if (holder !== undefined) throw new TransactionConflict('wait', holder)
    const isSuperseding = this.#checkConflict(key, snapshot, probed)
    const version: VersionId = { transactionId: this.id, commandId: this.#commandId }
    const versionKey = encodeVersionKey(key, this.#core.nextVersionSequence())
    this.#core.logPut(this.id, versionKey, encodeVersionValue(version, row), isSuperseding)
    this.#undo.push(versionKey)
  }

  /**
   * Invariant 2: look at the newest version another transaction wrote of this key. Returns
   * whether the key has a live (not aborted) version, which a write then supersedes.
   */
  #checkConflict(
    key: Uint8Array,
    snapshot: Snapshot,
    probed: KeyProbe = this.#probe(key, snapshot, false),
  ): boolean {
    if (probed.conflict !== undefined) throw probed.conflict
    return probed.isSuperseding
  }

  /**
   * Reads the key's versions, newest first, in one visit of the tree, until the write question
   * (invariant 2) and, when asked, the uniqueness question are decided. The uniqueness answer
   * never comes before the write answer (it skips every version the write check skips, and
   * more), so one run of versions serves both.
   */
  #probe(key: Uint8Array, snapshot: Snapshot, wantsUniqueness: boolean): KeyProbe {
    const probe: KeyProbe = {
      uniqueRow: undefined,
      conflict: undefined,
      isSuperseding: false,
      isNewerCommittedRow: false,
    }
    const states = this.#core.transactions
    let isWriteDecided = false
    let isUniquenessDecided = !wantsUniqueness
    this.#core.tree.visitRange(firstVersionKey(key), afterVersionsKey(key), (_, value) => {
      const version = decodeVersionId(value)
      if (!isWriteDecided) {
        isWriteDecided = this.#judgeWrite(version, snapshot, probe)
        probe.isNewerCommittedRow =
          probe.conflict instanceof SqlError && decodeVersionValue(value) !== undefined
      }
      // This transaction's newest version counts whatever its command: a statement that wrote
      // the key earlier in the same statement must see the duplicate.
      if (
        !isUniquenessDecided &&
        (version.transactionId === this.id || isVisible(version, snapshot, states))
      ) {
        probe.uniqueRow = decodeVersionValue(value)?.slice()
        isUniquenessDecided = true
      }
      return !(isWriteDecided && isUniquenessDecided)
    })
    return probe
  }

  /** One version, newest first, for invariant 2; true once it decides whether the write may go
   * ahead (recorded in `probe`), false to look at the next older version. */
  #judgeWrite(version: VersionId, snapshot: Snapshot, probe: KeyProbe): boolean {
    const writer = version.transactionId
    if (writer === this.id) {
      probe.isSuperseding = true
      return true
    }
    const state = this.#core.transactions.stateOf(writer)
    if (state === 'aborted') return false
    if (state === 'in-progress') {
      probe.conflict = new TransactionConflict('wait', writer)
      return true
    }
    if (writer < snapshot.xidNext && !snapshot.inProgress.has(writer)) {
      probe.isSuperseding = true
      return true
    }
    probe.conflict =
      this.isolation === 'read committed'
        ? new TransactionConflict('restart', writer)
        : new SqlError(
            SqlState.serializationFailure,
            'could not serialize access due to concurrent update',
          )
    return true
  }

  #undoTo(mark: number): void {
    while (this.#undo.count > mark) {
      const versionKey = this.#undo.pop()
      assert(versionKey !== undefined, 'undo entry exists')
      this.#core.logDelete(this.id, versionKey)
    }
  }

  #requireSnapshot(): Snapshot {
    this.#assertActive()
    if (this.#snapshot === undefined) this.beginStatement()
    assert(this.#snapshot !== undefined, 'a statement has a snapshot')
    return this.#snapshot
  }

  #assertActive(): void {
    if (this.#state !== 'active') {
      throw new SqlError(SqlState.internalError, `transaction ${this.id} is ${this.#state}`)
    }
  }
}

/** Whether the version keys a[aStart, aEnd) and b[bStart, bEnd) have the same user key. */
function sameUserKey(
  a: Uint8Array,
  aStart: number,
  aEnd: number,
  b: Uint8Array,
  bStart: number,
  bEnd: number,
): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false
  for (let i = aEnd - versionSuffixBytes - aStart - 1; i >= 0; i--) {
    if (a[aStart + i] !== b[bStart + i]) return false
  }
  return true
}

/** Lock table keys: one char per byte. */
function lockKey(key: Uint8Array): string {
  return Buffer.from(key.buffer, key.byteOffset, key.byteLength).toString('latin1')
}

/** A lock held by another transaction: skip the row, fail at once, or wait. */
function refuse(holder: number, policy: 'wait' | 'nowait' | 'skip'): boolean {
  if (policy === 'skip') return false
  if (policy === 'nowait')
    throw new SqlError(SqlState.lockNotAvailable, 'could not obtain lock on row')
  throw new TransactionConflict('wait', holder)
}

function versionsOf(key: Uint8Array): {
  lower: { key: Uint8Array; inclusive: boolean }
  upper: { key: Uint8Array; inclusive: boolean }
} {
  return {
    lower: { key: firstVersionKey(key), inclusive: true },
    upper: { key: afterVersionsKey(key), inclusive: false },
  }
}

function toVersionRange(range: KeyRange): KeyRange {
  const out: {
    lower?: { key: Uint8Array; inclusive: boolean }
    upper?: { key: Uint8Array; inclusive: boolean }
  } = {}
  if (range.lower !== undefined) {
    out.lower = range.lower.inclusive
      ? { key: firstVersionKey(range.lower.key), inclusive: true }
      : { key: afterVersionsKey(range.lower.key), inclusive: true }
  }
  if (range.upper !== undefined) {
    out.upper = range.upper.inclusive
      ? { key: afterVersionsKey(range.upper.key), inclusive: false }
      : { key: firstVersionKey(range.upper.key), inclusive: false }
  }
  return out
}

/** Versions arrive newest first per key: the first visible one decides the key. */
function* visibleForward(
  versions: Iterable<BTreeEntry>,
  snapshot: Snapshot,
  core: KernelCore,
): Generator<KernelEntry> {
  let decided: Uint8Array | undefined
  for (const entry of versions) {
    const { userKey } = decodeVersionKey(entry.key)
    const version = decodeVersionId(entry.value)
    if (decided !== undefined && compareBytes(decided, userKey) === 0) continue
    if (!isVisible(version, snapshot, core.transactions)) continue
    decided = userKey.slice()
    const row = decodeVersionValue(entry.value)
    if (row !== undefined) yield { key: decided, value: row.slice() }
  }
}

/** Backward, versions arrive oldest first per key: keep the newest visible until the key changes. */
function* visibleBackward(
  versions: Iterable<BTreeEntry>,
  snapshot: Snapshot,
  core: KernelCore,
): Generator<KernelEntry> {
  let current: Uint8Array | undefined
  let best: Uint8Array | undefined
  let hasBest = false
  for (const entry of versions) {
    const { userKey } = decodeVersionKey(entry.key)
    const version = decodeVersionId(entry.value)
    if (current !== undefined && compareBytes(current, userKey) !== 0) {
      if (hasBest && best !== undefined) yield { key: current, value: best }
      hasBest = false
      best = undefined
    }
    current = userKey.slice()
    if (isVisible(version, snapshot, core.transactions)) {
      const row = decodeVersionValue(entry.value)
      hasBest = row !== undefined
      best = row?.slice()
    }
  }
  if (current !== undefined && hasBest && best !== undefined) yield { key: current, value: best }
}
