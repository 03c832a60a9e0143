/**
 * TortureModel: what the torture's clients know about the database, and the check of a recovered
 * database against it. Pure data and arithmetic, no I/O, so torture-model.test.ts can feed it
 * made-up outcomes and recovered states and prove that it catches a lost, torn or phantom commit.
 *
 * Knowledge. Between two kills, clients journal every transaction attempt here: `begin` when it
 * starts, `commitSent` just before COMMIT is written to the socket, then exactly one of
 * `acknowledged` (COMMIT answered "COMMIT"), `aborted` (the server refused, or the connection
 * died before COMMIT was sent, so the server cannot have committed it) or `inDoubt` (the
 * connection died, or the server answered an unexpected error, after COMMIT was sent: it may or
 * may not be durable). A client whose session runs with synchronous_commit = off ("async") gets
 * acknowledgements that a crash may undo, so its acknowledged commits are uncertain too.
 *
 * Check (`verify`, once per restart), for the two workloads:
 *   Transfers move money between `accounts` rows; the total never changes. The recovered
 *   balances must equal the balances verified after the previous restart, plus every
 *   acknowledged transfer, plus some subset of the in-doubt ones (at most one per client, so the
 *   subsets are few). A wrong total is a torn transfer; no fitting subset is a lost (or phantom)
 *   commit, reported as an unexplained balance.
 *   Pairs live in `pairs_a` and `pairs_b`: every transaction changes the same ids the same way in
 *   both tables (insert, delete or retag), so each id must have identical rows in both (else
 *   torn). Each id must then show its last acknowledged state, or the state its one uncertain
 *   attempt would give; an uncertain attempt over several ids must have applied to all or none
 *   (else torn). A state no client could have committed is a phantom; an older legitimate state
 *   in place of an acknowledged one is a lost commit.
 *   Write-ahead order: when an async commit was acknowledged before another transaction sent its
 *   COMMIT, the first precedes the second in the log, so if the second survived the first must
 *   have too. A violation is an "async hole" (PostgreSQL's asynchronous commit never leaves one).
 * After the check, the recovered state becomes the new known state, and the journal starts over.
 */

/** A pair's state: its tag in both tables, or null when the id is absent from both. */
export type PairState = string | null

export interface TransferEffect {
  readonly kind: 'transfer'
  readonly from: number
  readonly to: number
  readonly amount: number
}

export interface PairChange {
  readonly id: number
  readonly before: PairState
  readonly after: PairState
}

export interface PairsEffect {
  readonly kind: 'pairs'
  readonly op: 'insert' | 'delete' | 'retag'
  readonly changes: readonly PairChange[]
}

export type Effect = TransferEffect | PairsEffect

export type AttemptStatus = 'open' | 'commit-sent' | 'acked' | 'aborted' | 'in-doubt'

export interface Attempt {
  readonly number: number
  readonly client: number
  readonly isAsync: boolean
  readonly effect: Effect
  status: AttemptStatus
  /** Event sequence numbers (one counter for all clients of this process): when COMMIT was
   * written, and when its acknowledgement arrived. They order events across clients. */
  sentSeq: number | undefined
  ackSeq: number | undefined
}

interface PairRecord {
  readonly owner: number
  /** The last state known to be durable (verified, or acknowledged by a synchronous commit). */
  committed: PairState
  /** The one uncertain attempt on this id since the last check (async-acknowledged or in doubt). */
  pending: Attempt | undefined
  /** Every tag some attempt sent COMMIT for: the states this id may legitimately show. */
  readonly history: Set<string>
}

/** The recovered database as read after a restart. */
export interface Snapshot {
  readonly accounts: ReadonlyMap<number, number>
  readonly pairsA: ReadonlyMap<number, string>
  readonly pairsB: ReadonlyMap<number, string>
}

export interface CycleCheck {
  readonly ackedTransfers: number
  readonly ackedPairs: number
  readonly asyncAcked: number
  readonly asyncSurvived: number
  readonly asyncLost: number
  readonly inDoubt: number
  readonly inDoubtApplied: number
  readonly inDoubtLost: number
  /** In-doubt transfers whose outcome more than one subset explains (the balances still fit). */
  readonly inDoubtAmbiguous: number
  readonly aborted: number
  readonly lost: number
  readonly torn: number
  readonly phantom: number
  readonly unexplainedBalances: number
  readonly asyncHoles: number
  readonly tornReads: number
  readonly unexpectedErrors: number
  readonly pairRows: number
  /** Human-readable details of every violation, capped at `failureDetailsMax`. */
  readonly failures: readonly string[]
}

/** Subsets of in-doubt transfers are enumerated; 2^16 sums of 16 accounts stay instant. */
export const inDoubtTransfersMax = 16
/** Details kept per check: enough to debug, bounded if everything goes wrong at once. */
const failureDetailsMax = 50
/** Ids of one owner are owner * pairIdStride + n; owners are clients plus the verifier. */
export const pairIdStride = 1_000_000_000

export class TortureModel {
  readonly accountCount: number
  /** Owners of pair ids: the clients and the verifier, numbered from 0. */
  readonly ownerCount: number
  readonly total: number
  /** Verified balances of accounts 1..accountCount (index 0 is account 1). */
  readonly #balances: number[]
  readonly #pairs = new Map<number, PairRecord>()
  /** Per owner: ids present with a certain state, the ones a delete or retag may pick. */
  readonly #cleanByOwner = new Map<number, Set<number>>()
  readonly #nextPairNumber = new Map<number, number>()
  #journal: Attempt[] = []
  #tornReads: string[] = []
  #unexpected: string[] = []
  #seq = 0
  #attemptNumber = 0
  #tagSerial = 0

  constructor(options: {
    readonly accountCount: number
    readonly initialBalance: number
    readonly ownerCount: number
  }) {
    if (!Number.isInteger(options.accountCount) || options.accountCount < 2) {
      throw new Error('a transfer needs two accounts')
    }
    this.accountCount = options.accountCount
    this.ownerCount = options.ownerCount
    this.#balances = Array.from({ length: options.accountCount }, () => options.initialBalance)
    this.total = options.accountCount * options.initialBalance
  }

  balances(): readonly number[] {
    return this.#balances
  }

  /** A fresh pair id of `owner`, never handed out before in this run. */
  newPairId(owner: number): number {
    if (!Number.isInteger(owner) || owner < 0 || owner >= this.ownerCount) {
      throw new Error(`owner ${owner} is not one of ${this.ownerCount}`)
    }
    const next = this.#nextPairNumber.get(owner) ?? 1
    this.#nextPairNumber.set(owner, next + 1)
    const id = (owner + 1) * pairIdStride + next
    if (!Number.isSafeInteger(id) || next >= pairIdStride) throw new Error('pair ids exhausted')
    return id
  }

  /** A tag no attempt has used: tags tell every attempt's rows apart. */
  newTag(client: number, padding: number): string {
    this.#tagSerial++
    return `c${client}t${this.#tagSerial}${'x'.repeat(padding)}`
  }

  /** Ids of `owner` that are present with a certain state, in a stable order. */
  cleanPairs(owner: number): readonly number[] {
    return [...(this.#cleanByOwner.get(owner) ?? [])]
  }

  pairState(id: number): PairState {
    const record = this.#pairs.get(id)
    if (record === undefined) return null
    return record.committed
  }

  begin(options: { client: number; isAsync: boolean; effect: Effect }): Attempt {
    const { effect } = options
    if (effect.kind === 'pairs') {
      for (const change of effect.changes) this.#assertStartable(options.client, change)
    }
    this.#attemptNumber++
    const attempt: Attempt = {
      number: this.#attemptNumber,
      client: options.client,
      isAsync: options.isAsync,
      effect,
      status: 'open',
      sentSeq: undefined,
      ackSeq: undefined,
    }
    this.#journal.push(attempt)
    return attempt
  }

  commitSent(attempt: Attempt): void {
    this.#expectStatus(attempt, 'open')
    attempt.status = 'commit-sent'
    attempt.sentSeq = ++this.#seq
    if (attempt.effect.kind !== 'pairs') return
    for (const change of attempt.effect.changes) {
      if (change.after !== null) this.#record(change.id).history.add(change.after)
    }
  }

  acknowledged(attempt: Attempt): void {
    this.#expectStatus(attempt, 'commit-sent')
    attempt.status = 'acked'
    attempt.ackSeq = ++this.#seq
    const { effect } = attempt
    if (effect.kind !== 'pairs') return
    for (const change of effect.changes) {
      const record = this.#record(change.id)
      if (attempt.isAsync) {
        record.pending = attempt
        this.#setClean(record.owner, change.id, false)
      } else {
        record.committed = change.after
        this.#setClean(record.owner, change.id, change.after !== null)
      }
    }
  }

  /** The server refused the transaction, or the connection died before COMMIT was sent. */
  aborted(attempt: Attempt): void {
    if (attempt.status !== 'open' && attempt.status !== 'commit-sent') {
      throw new Error(`attempt ${attempt.number} cannot abort from ${attempt.status}`)
    }
    attempt.status = 'aborted'
    if (attempt.effect.kind !== 'pairs') return
    // Its tags are unique to it: seeing one after a restart is a phantom, not a stale state.
    for (const change of attempt.effect.changes) {
      if (change.after !== null) this.#record(change.id).history.delete(change.after)
    }
  }

  inDoubt(attempt: Attempt): void {
    this.#expectStatus(attempt, 'commit-sent')
    attempt.status = 'in-doubt'
    if (attempt.effect.kind !== 'pairs') return
    for (const change of attempt.effect.changes) {
      const record = this.#record(change.id)
      record.pending = attempt
      this.#setClean(record.owner, change.id, false)
    }
  }

  /** A read inside one snapshot saw a broken invariant while the server was running. */
  tornRead(detail: string): void {
    this.#tornReads.push(detail)
  }

  /** The server answered an error no client expects (not a deadlock or serialization retry). */
  unexpectedError(detail: string): void {
    this.#unexpected.push(detail)
  }

  /** Checks a recovered database against the journal, then adopts it as the known state. */
  verify(snapshot: Snapshot): CycleCheck {
    const journal = this.#journal
    const failures: string[] = []
    const fail = (detail: string): void => {
      if (failures.length < failureDetailsMax) failures.push(detail)
    }
    for (const attempt of journal) {
      if (attempt.status === 'open' || attempt.status === 'commit-sent') {
        throw new Error(`attempt ${attempt.number} is unresolved (${attempt.status}) at verify`)
      }
    }
    const transfers = this.#verifyTransfers(snapshot, journal, fail)
    const pairs = this.#verifyPairs(snapshot, journal, fail)
    let maxAppliedSentSeq = transfers.maxAppliedSentSeq
    for (const attempt of journal) {
      if (attempt.status === 'acked' && !attempt.isAsync) {
        maxAppliedSentSeq = Math.max(maxAppliedSentSeq, attempt.sentSeq ?? 0)
      }
    }
    for (const [attempt, isApplied] of pairs.outcomes) {
      if (isApplied) maxAppliedSentSeq = Math.max(maxAppliedSentSeq, attempt.sentSeq ?? 0)
    }
    let asyncHoles = 0
    for (const [attempt, isApplied] of pairs.outcomes) {
      if (!attempt.isAsync || attempt.status !== 'acked' || isApplied) continue
      if ((attempt.ackSeq ?? 0) < maxAppliedSentSeq) {
        asyncHoles++
        fail(
          `async hole: async commit #${attempt.number} (client ${attempt.client}) was lost, but ` +
            'a commit sent after its acknowledgement survived',
        )
      }
    }
    for (const detail of this.#tornReads) fail(`torn read: ${detail}`)
    for (const detail of this.#unexpected) fail(`unexpected error: ${detail}`)
    const count = (predicate: (attempt: Attempt) => boolean): number =>
      journal.filter(predicate).length
    let asyncSurvived = 0
    let inDoubtApplied = transfers.inDoubtApplied
    for (const [attempt, isApplied] of pairs.outcomes) {
      if (attempt.status === 'acked' && isApplied) asyncSurvived++
      if (attempt.status === 'in-doubt' && isApplied) inDoubtApplied++
    }
    const asyncAcked = count((a) => a.status === 'acked' && a.isAsync)
    const inDoubt = count((a) => a.status === 'in-doubt')
    const check: CycleCheck = {
      ackedTransfers: count((a) => a.status === 'acked' && a.effect.kind === 'transfer'),
      ackedPairs: count((a) => a.status === 'acked' && !a.isAsync && a.effect.kind === 'pairs'),
      asyncAcked,
      asyncSurvived,
      asyncLost: asyncAcked - asyncSurvived,
      inDoubt,
      inDoubtApplied,
      inDoubtLost: inDoubt - inDoubtApplied,
      inDoubtAmbiguous: transfers.ambiguous,
      aborted: count((a) => a.status === 'aborted'),
      lost: pairs.lost,
      torn: transfers.torn + pairs.torn,
      phantom: transfers.phantom + pairs.phantom,
      unexplainedBalances: transfers.unexplained,
      asyncHoles,
      tornReads: this.#tornReads.length,
      unexpectedErrors: this.#unexpected.length,
      pairRows: snapshot.pairsA.size + snapshot.pairsB.size,
      failures,
    }
    this.#journal = []
    this.#tornReads = []
    this.#unexpected = []
    return check
  }

  #verifyTransfers(
    snapshot: Snapshot,
    journal: readonly Attempt[],
    fail: (detail: string) => void,
  ): {
    torn: number
    phantom: number
    unexplained: number
    inDoubtApplied: number
    ambiguous: number
    maxAppliedSentSeq: number
  } {
    const result = {
      torn: 0,
      phantom: 0,
      unexplained: 0,
      inDoubtApplied: 0,
      ambiguous: 0,
      maxAppliedSentSeq: 0,
    }
    const observed: number[] = []
    for (let account = 1; account <= this.accountCount; account++) {
      const balance = snapshot.accounts.get(account)
      if (balance === undefined) {
        fail(`account ${account} is missing`)
        result.unexplained++
        return result
      }
      observed.push(balance)
    }
    for (const id of snapshot.accounts.keys()) {
      if (id < 1 || id > this.accountCount) {
        result.phantom++
        fail(`phantom account row ${id}`)
      }
    }
    const sum = observed.reduce((total, balance) => total + balance, 0)
    if (sum !== this.total) {
      result.torn++
      fail(`torn transfer: the balances add up to ${sum}, not ${this.total}`)
    }
    const expected = [...this.#balances]
    const inDoubt: Attempt[] = []
    for (const attempt of journal) {
      if (attempt.effect.kind !== 'transfer') continue
      if (attempt.status === 'acked') applyTransfer(expected, attempt.effect, 1)
      if (attempt.status === 'in-doubt') inDoubt.push(attempt)
    }
    const solutions = explainingSubsets(expected, observed, inDoubt)
    if (solutions === 'too many') {
      result.unexplained++
      fail(`${inDoubt.length} in-doubt transfers, over ${inDoubtTransfersMax}: cannot check`)
    } else if (solutions.length === 0) {
      result.unexplained++
      fail(
        `unexplained balances: expected ${JSON.stringify(expected)} plus a subset of ` +
          `${inDoubt.length} in-doubt transfers ` +
          `${JSON.stringify(inDoubt.map(describeTransfer))}, ` +
          `recovered ${JSON.stringify(observed)} (an acknowledged transfer lost, or an ` +
          'unacknowledged one applied)',
      )
    } else {
      const [chosen] = solutions
      if (solutions.length > 1) result.ambiguous = inDoubt.length
      for (let index = 0; index < inDoubt.length; index++) {
        if (((chosen ?? 0) & (1 << index)) === 0) continue
        result.inDoubtApplied++
        const attempt = inDoubt[index]
        // Only a unique explanation says for sure which in-doubt transfer survived.
        if (solutions.length === 1 && attempt !== undefined) {
          result.maxAppliedSentSeq = Math.max(result.maxAppliedSentSeq, attempt.sentSeq ?? 0)
        }
      }
    }
    for (let index = 0; index < this.accountCount; index++) {
      this.#balances[index] = observed[index] ?? 0
    }
    return result
  }

  #verifyPairs(
    snapshot: Snapshot,
    journal: readonly Attempt[],
    fail: (detail: string) => void,
  ): { lost: number; torn: number; phantom: number; outcomes: Map<Attempt, boolean> } {
    let lost = 0
    let torn = 0
    let phantom = 0
    const ids = new Set<number>([
      ...this.#pairs.keys(),
      ...snapshot.pairsA.keys(),
      ...snapshot.pairsB.keys(),
    ])
    /** Per uncertain attempt, whether each of its ids shows it applied. */
    const appliedByAttempt = new Map<Attempt, boolean[]>()
    for (const id of [...ids].sort((x, y) => x - y)) {
      const inA = snapshot.pairsA.get(id) ?? null
      const inB = snapshot.pairsB.get(id) ?? null
      if (inA !== inB) {
        torn++
        fail(`torn pair ${id}: pairs_a has ${describe(inA)}, pairs_b has ${describe(inB)}`)
      }
      const observed = inA
      const record = this.#pairs.get(id)
      if (record === undefined) {
        if (observed !== null || inB !== null) {
          phantom++
          fail(`phantom pair ${id}: no client ever wrote this id`)
        }
        continue
      }
      const pending = record.pending
      const pendingAfter = pending === undefined ? undefined : afterOf(pending, id)
      if (pending !== undefined && observed === pendingAfter) {
        pushFlag(appliedByAttempt, pending, true)
      } else if (observed === record.committed) {
        if (pending !== undefined) pushFlag(appliedByAttempt, pending, false)
      } else if (observed === null || record.history.has(observed)) {
        lost++
        fail(
          `lost commit on pair ${id} (owner ${record.owner}): ` +
            `expected ${describe(record.committed)}` +
            `${pending === undefined ? '' : ` or ${describe(pendingAfter ?? null)}`}, recovered ` +
            `${describe(observed)}`,
        )
      } else {
        phantom++
        fail(`phantom state of pair ${id}: ${describe(observed)} was never committed`)
      }
      record.committed = observed
      record.pending = undefined
      this.#setClean(record.owner, id, observed !== null)
    }
    const outcomes = new Map<Attempt, boolean>()
    for (const [attempt, flags] of appliedByAttempt) {
      const applied = flags.filter(Boolean).length
      if (applied !== 0 && applied !== flags.length) {
        torn++
        fail(
          `torn transaction #${attempt.number} (client ${attempt.client}, ${attempt.status}): ` +
            `applied to ${applied} of its ${flags.length} pairs`,
        )
      }
      outcomes.set(attempt, applied === flags.length)
    }
    for (const attempt of journal) {
      if (attempt.effect.kind !== 'pairs') continue
      const isUncertain =
        attempt.status === 'in-doubt' || (attempt.status === 'acked' && attempt.isAsync)
      // An uncertain attempt whose ids all showed neither state was counted lost above.
      if (isUncertain && !outcomes.has(attempt)) outcomes.set(attempt, false)
    }
    return { lost, torn, phantom, outcomes }
  }

  #assertStartable(client: number, change: PairChange): void {
    const record = this.#pairs.get(change.id)
    if (record === undefined) {
      if (change.before !== null) throw new Error(`pair ${change.id} is unknown`)
      this.#pairs.set(change.id, {
        owner: ownerOf(change.id),
        committed: null,
        pending: undefined,
        history: new Set(),
      })
      return
    }
    if (record.pending !== undefined) {
      throw new Error(
        `pair ${change.id} has an uncertain attempt; client ${client} may not touch it`,
      )
    }
    if (record.committed !== change.before) {
      throw new Error(
        `pair ${change.id} is ${describe(record.committed)}, not ${describe(change.before)}`,
      )
    }
  }

  #record(id: number): PairRecord {
    const record = this.#pairs.get(id)
    if (record === undefined) throw new Error(`pair ${id} was never begun`)
    return record
  }

  #setClean(owner: number, id: number, isClean: boolean): void {
    let clean = this.#cleanByOwner.get(owner)
    if (clean === undefined) {
      clean = new Set()
      this.#cleanByOwner.set(owner, clean)
    }
    if (isClean) clean.add(id)
    else clean.delete(id)
  }

  #expectStatus(attempt: Attempt, status: AttemptStatus): void {
    if (attempt.status !== status) {
      throw new Error(`attempt ${attempt.number} is ${attempt.status}, expected ${status}`)
    }
  }
}

export function ownerOf(id: number): number {
  return Math.floor(id / pairIdStride) - 1
}

function afterOf(attempt: Attempt, id: number): PairState {
  if (attempt.effect.kind !== 'pairs') throw new Error('a pending attempt changes pairs')
  const change = attempt.effect.changes.find((candidate) => candidate.id === id)
  if (change === undefined) throw new Error(`attempt ${attempt.number} does not touch ${id}`)
  return change.after
}

function pushFlag(map: Map<Attempt, boolean[]>, attempt: Attempt, flag: boolean): void {
  const flags = map.get(attempt)
  if (flags === undefined) map.set(attempt, [flag])
  else flags.push(flag)
}

function applyTransfer(balances: number[], effect: TransferEffect, sign: 1 | -1): void {
  const fromIndex = effect.from - 1
  const toIndex = effect.to - 1
  balances[fromIndex] = (balances[fromIndex] ?? 0) - sign * effect.amount
  balances[toIndex] = (balances[toIndex] ?? 0) + sign * effect.amount
}

/**
 * The subsets (as bit masks over `inDoubt`) that turn `expected` into `observed`. The search is
 * exhaustive, which is why the number of in-doubt transfers is kept small (one per client).
 */
export function explainingSubsets(
  expected: readonly number[],
  observed: readonly number[],
  inDoubt: readonly Attempt[],
): number[] | 'too many' {
  if (inDoubt.length > inDoubtTransfersMax) return 'too many'
  const solutions: number[] = []
  const subsetCount = 2 ** inDoubt.length
  for (let mask = 0; mask < subsetCount; mask++) {
    const balances = [...expected]
    for (let index = 0; index < inDoubt.length; index++) {
      const effect = inDoubt[index]?.effect
      if ((mask & (1 << index)) !== 0 && effect?.kind === 'transfer') {
        applyTransfer(balances, effect, 1)
      }
    }
    if (balances.every((balance, index) => balance === observed[index])) solutions.push(mask)
  }
  return solutions
}

function describeTransfer(attempt: Attempt): string {
  const { effect } = attempt
  if (effect.kind !== 'transfer') return `#${attempt.number}`
  return `#${attempt.number}: ${effect.amount} from ${effect.from} to ${effect.to}`
}

function describe(state: PairState): string {
  if (state === null) return 'no row'
  return `tag ${state.length > 24 ? `${state.slice(0, 24)}...` : state}`
}
