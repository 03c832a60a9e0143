/**
 * TortureClient: one pgwire connection (node-postgres, simple query protocol with inline
 * literals) running the torture's transactions and journaling each attempt in the model:
 * begin, COMMIT sent, then acknowledged / aborted / in doubt (see torture-model.ts). It never
 * guesses: only a COMMIT answered "COMMIT" is acknowledged, and a connection that dies after
 * COMMIT was written leaves the attempt in doubt.
 *
 * Deadlocks (40P01), serialization failures (40001) and lock timeouts (55P03) are expected under
 * contention: the transaction is rolled back and retried, a bounded number of times.
 */
import pg from 'pg'
import type { Prng } from './prng.js'
import {
  type Attempt,
  type Effect,
  type PairChange,
  pairIdStride,
  type TortureModel,
} from './torture-model.js'

/** SQLSTATEs after which the transaction is rolled back and may simply be tried again. */
const retryableCodes = new Set(['40001', '40P01', '55P03'])
/** Tries of one transaction before giving up on it (contention on a few accounts is heavy). */
const attemptsPerTransactionMax = 8
/** Pairs per insert or delete transaction: several, so atomicity spans more than one id. */
const pairsPerTransactionMax = 3
/** Longest padding of a tag: varies row sizes so pages split, merge and hold few or many rows. */
const tagPaddingMax = 400
/** Largest transfer; small next to the initial balance, although balances may go negative. */
const transferAmountMax = 500

export interface ConnectOptions {
  readonly port: number
  readonly password: string
  readonly connectTimeoutMs: number
  /** Bounds one statement, so a hung server fails the run instead of hanging it (0: none). */
  readonly queryTimeoutMs: number
}

/** Outcome of running one transaction. `dead`: the connection is gone (the server was killed). */
type RunResult = 'acked' | 'aborted' | 'retry' | 'dead'

/** Why a query failed: the server answered with an error, or the connection is gone. */
type QueryFailure =
  | { readonly ok: false; readonly kind: 'server'; readonly code: string; readonly message: string }
  | { readonly ok: false; readonly kind: 'connection'; readonly message: string }

type QueryOutcome = { readonly ok: true; readonly result: pg.QueryResult } | QueryFailure

export interface ClientStats {
  /** Error codes the server answered with, counted (40P01, 40001, ...). */
  readonly errorCodes: Map<string, number>
  operations: number
}

export class TortureClient {
  readonly #client: pg.Client
  readonly #model: TortureModel
  readonly id: number
  readonly isAsync: boolean
  readonly stats: ClientStats = { errorCodes: new Map(), operations: 0 }
  #isDead = false

  private constructor(client: pg.Client, model: TortureModel, id: number, isAsync: boolean) {
    this.#client = client
    this.#model = model
    this.id = id
    this.isAsync = isAsync
  }

  /** Connects; returns undefined when the server is already gone (killed while connecting). */
  static async connect(options: {
    readonly connection: ConnectOptions
    readonly model: TortureModel
    readonly id: number
    readonly isAsync: boolean
  }): Promise<TortureClient | undefined> {
    const { connection } = options
    const client = new pg.Client({
      host: '127.0.0.1',
      port: connection.port,
      user: 'postgres',
      password: connection.password,
      database: 'postgres',
      connectionTimeoutMillis: connection.connectTimeoutMs,
      ...(connection.queryTimeoutMs > 0 ? { query_timeout: connection.queryTimeoutMs } : {}),
    })
    // A killed server makes an idle client emit 'error'; without a listener Node would crash.
    client.on('error', () => {})
    try {
      await client.connect()
    } catch {
      await client.end().catch(() => {})
      return undefined
    }
    const torture = new TortureClient(client, options.model, options.id, options.isAsync)
    if (options.isAsync) {
      const set = await torture.query('SET synchronous_commit = off')
      if (!set.ok) {
        if (set.kind === 'server') torture.#unexpected('SET synchronous_commit = off', set)
        await torture.close()
        return undefined
      }
    }
    return torture
  }

  get isDead(): boolean {
    return this.#isDead
  }

  async close(): Promise<void> {
    await this.#client.end().catch(() => {})
  }

  /** One statement; never throws for a server error or a dead connection. */
  async query(text: string): Promise<QueryOutcome> {
    if (this.#isDead) return { ok: false, kind: 'connection', message: 'connection already lost' }
    try {
      return { ok: true, result: await this.#client.query(text) }
    } catch (error: unknown) {
      if (error instanceof pg.DatabaseError) {
        const code = error.code ?? 'unknown'
        this.stats.errorCodes.set(code, (this.stats.errorCodes.get(code) ?? 0) + 1)
        return { ok: false, kind: 'server', code, message: error.message }
      }
      this.#isDead = true
      return {
        ok: false,
        kind: 'connection',
        message: error instanceof Error ? error.message : String(error),
      }
    }
  }

  /** Runs transactions chosen by `prng` until `shouldStop` says so or the connection dies. */
  async runWorkload(options: {
    readonly prng: Prng
    readonly operationsMax: number
    readonly livePairsTarget: number
    /** Accounts this client transfers between: all of them, or its own in the diagnostic
     * disjoint mode where no two clients ever write the same account row. */
    readonly accounts: readonly number[]
    readonly shouldStop: () => boolean
  }): Promise<void> {
    const { prng } = options
    for (let step = 0; step < options.operationsMax; step++) {
      if (options.shouldStop() || this.#isDead) return
      this.stats.operations++
      const roll = prng.nextFloat()
      const ownCount = this.#model.cleanPairs(this.id).length
      const wantsDelete = ownCount > options.livePairsTarget
      // The async client never transfers: a lost async transfer would multiply the subsets
      // of in-doubt transfers the check has to try.
      if (!this.isAsync && roll < 0.45) await this.transfer(prng, options.accounts)
      else if (roll < 0.7) await (wantsDelete ? this.deletePairs(prng) : this.insertPairs(prng))
      else if (roll < 0.82) await this.deletePairs(prng)
      else if (roll < 0.9) await this.retagPair(prng)
      else await this.readCheck(prng)
    }
  }

  /** A transfer between two distinct accounts of `accounts` (ids from 1). */
  async transfer(prng: Prng, accounts: readonly number[]): Promise<RunResult> {
    if (accounts.length < 2) throw new Error('a transfer needs two accounts')
    const fromIndex = prng.nextInt(accounts.length)
    const toIndex = (fromIndex + prng.between(1, accounts.length - 1)) % accounts.length
    const from = accounts[fromIndex] ?? 1
    const to = accounts[toIndex] ?? 2
    const amount = prng.between(1, transferAmountMax)
    // Repeatable read sometimes: a concurrent update then fails with 40001 instead of waiting.
    const isRepeatableRead = prng.chance(0.3)
    const effect: Effect = { kind: 'transfer', from, to, amount }
    // Half the transfers debit first, half credit first, so opposite orders deadlock sometimes.
    const statements = [
      `UPDATE accounts SET balance = balance - ${amount} WHERE id = ${from}`,
      `UPDATE accounts SET balance = balance + ${amount} WHERE id = ${to}`,
    ]
    if (prng.chance(0.5)) statements.reverse()
    return await this.#runWithRetries(effect, statements, isRepeatableRead)
  }

  async insertPairs(prng: Prng): Promise<RunResult> {
    const count = prng.between(1, pairsPerTransactionMax)
    const changes: PairChange[] = []
    for (let index = 0; index < count; index++) {
      const id = this.#model.newPairId(this.id)
      changes.push({ id, before: null, after: this.#model.newTag(this.id, tagPadding(prng)) })
    }
    const values = changes.map((change) => `(${change.id}, '${change.after}')`).join(', ')
    const statements = [
      `INSERT INTO pairs_a VALUES ${values}`,
      `INSERT INTO pairs_b VALUES ${values}`,
    ]
    if (prng.chance(0.5)) statements.reverse()
    return await this.#runWithRetries({ kind: 'pairs', op: 'insert', changes }, statements, false)
  }

  async deletePairs(prng: Prng): Promise<RunResult> {
    const ids = pickDistinct(prng, this.#model.cleanPairs(this.id), pairsPerTransactionMax)
    if (ids.length === 0) return await this.insertPairs(prng)
    const changes = ids.map((id) => ({ id, before: this.#model.pairState(id), after: null }))
    const statements = ids.flatMap((id) => [
      `DELETE FROM pairs_a WHERE id = ${id}`,
      `DELETE FROM pairs_b WHERE id = ${id}`,
    ])
    return await this.#runWithRetries({ kind: 'pairs', op: 'delete', changes }, statements, false)
  }

  async retagPair(prng: Prng): Promise<RunResult> {
    const [id] = pickDistinct(prng, this.#model.cleanPairs(this.id), 1)
    if (id === undefined) return await this.insertPairs(prng)
    const after = this.#model.newTag(this.id, tagPadding(prng))
    const changes = [{ id, before: this.#model.pairState(id), after }]
    const statements = [
      `UPDATE pairs_a SET tag = '${after}' WHERE id = ${id}`,
      `UPDATE pairs_b SET tag = '${after}' WHERE id = ${id}`,
    ]
    return await this.#runWithRetries({ kind: 'pairs', op: 'retag', changes }, statements, false)
  }

  /**
   * Reads inside one snapshot while writers run: the balances must add up to the total, and a
   * range of pairs must look the same in both tables. A failure here is a torn read (a
   * transaction visible half way), recorded in the model.
   */
  async readCheck(prng: Prng): Promise<void> {
    if (prng.chance(0.3)) {
      // A single statement outside a transaction sees one snapshot too.
      const single = await this.query('SELECT id, balance FROM accounts')
      if (single.ok) this.#checkTotal(single.result, 'single-statement read')
      return
    }
    const begin = await this.query('BEGIN ISOLATION LEVEL REPEATABLE READ')
    if (!begin.ok) return
    const low = (prng.nextInt(this.#model.ownerCount) + 1) * pairIdStride
    const range = `WHERE id >= ${low} AND id < ${low + pairIdStride} ORDER BY id`
    const accounts = await this.query('SELECT id, balance FROM accounts ORDER BY id')
    const pairsA = await this.query(`SELECT id, tag FROM pairs_a ${range}`)
    const pairsB = await this.query(`SELECT id, tag FROM pairs_b ${range}`)
    await this.query('COMMIT')
    if (accounts.ok) this.#checkTotal(accounts.result, 'repeatable read snapshot')
    if (!pairsA.ok || !pairsB.ok) return
    const a = rowsToTags(pairsA.result)
    const b = rowsToTags(pairsB.result)
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter(
      (id) => a.get(id) !== b.get(id),
    )
    if (differing.length > 0) {
      this.#model.tornRead(
        `client ${this.id}: one snapshot shows pairs ${differing.slice(0, 5).join(', ')} ` +
          'differently in pairs_a and pairs_b',
      )
    }
  }

  #checkTotal(result: pg.QueryResult, where: string): void {
    let sum = 0
    for (const row of result.rows as unknown[]) sum += toSafeInteger(field(row, 'balance'))
    if (result.rows.length !== this.#model.accountCount || sum !== this.#model.total) {
      this.#model.tornRead(
        `client ${this.id}, ${where}: ${result.rows.length} accounts adding up to ${sum}, ` +
          `not ${this.#model.accountCount} adding up to ${this.#model.total}`,
      )
    }
  }

  async #runWithRetries(
    effect: Effect,
    statements: readonly string[],
    isRepeatableRead: boolean,
  ): Promise<RunResult> {
    for (let attempt = 0; attempt < attemptsPerTransactionMax; attempt++) {
      const result = await this.runTransaction(effect, statements, isRepeatableRead)
      if (result !== 'retry') return result
    }
    return 'aborted'
  }

  /** One attempt: BEGIN, the statements, COMMIT; journaled in the model at every step. */
  async runTransaction(
    effect: Effect,
    statements: readonly string[],
    isRepeatableRead: boolean,
  ): Promise<RunResult> {
    const attempt = this.#model.begin({ client: this.id, isAsync: this.isAsync, effect })
    const begin = isRepeatableRead ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN'
    for (const statement of [begin, ...statements]) {
      const result = await this.query(statement)
      if (!result.ok) return await this.#abandon(attempt, statement, result)
      if (statement !== begin && result.result.rowCount !== expectedRowCount(effect)) {
        this.#model.unexpectedError(
          `client ${this.id}: "${statement.slice(0, 80)}" changed ${result.result.rowCount} rows`,
        )
        await this.query('ROLLBACK')
        this.#model.aborted(attempt)
        return 'aborted'
      }
    }
    this.#model.commitSent(attempt)
    const commit = await this.query('COMMIT')
    if (commit.ok) {
      if (commit.result.command === 'COMMIT') {
        this.#model.acknowledged(attempt)
        return 'acked'
      }
      this.#model.unexpectedError(`client ${this.id}: COMMIT answered ${commit.result.command}`)
      this.#model.aborted(attempt)
      return 'aborted'
    }
    if (commit.kind === 'server' && retryableCodes.has(commit.code)) {
      this.#model.aborted(attempt)
      return 'retry'
    }
    // The connection died after COMMIT was written, or the server failed it in a way that does
    // not say the transaction rolled back (58030 after a failed fsync): it may be durable.
    if (commit.kind === 'server') this.#unexpected('COMMIT', commit)
    this.#model.inDoubt(attempt)
    return commit.kind === 'connection' ? 'dead' : 'aborted'
  }

  /** A statement before COMMIT failed: the transaction cannot have committed. */
  async #abandon(attempt: Attempt, statement: string, failure: QueryFailure): Promise<RunResult> {
    this.#model.aborted(attempt)
    if (failure.kind === 'connection') return 'dead'
    const rollback = await this.query('ROLLBACK')
    if (retryableCodes.has(failure.code)) return rollback.ok ? 'retry' : 'dead'
    this.#unexpected(statement, failure)
    return rollback.ok ? 'aborted' : 'dead'
  }

  #unexpected(statement: string, failure: QueryFailure): void {
    const code = failure.kind === 'server' ? failure.code : 'connection'
    this.#model.unexpectedError(
      `client ${this.id}: "${statement.slice(0, 80)}" failed with ${code}: ${failure.message}`,
    )
  }
}

/** Rows each statement must change: as many as an INSERT lists, else one (one id each). */
function expectedRowCount(effect: Effect): number {
  return effect.kind === 'pairs' && effect.op === 'insert' ? effect.changes.length : 1
}

function tagPadding(prng: Prng): number {
  // Mostly short rows, some long ones: a few long rows fill a page quickly.
  return prng.chance(0.8) ? prng.between(0, 40) : prng.between(41, tagPaddingMax)
}

function pickDistinct(prng: Prng, items: readonly number[], countMax: number): number[] {
  const pool = [...items]
  const count = Math.min(pool.length, prng.between(1, countMax))
  const picked: number[] = []
  for (let index = 0; index < count; index++) {
    const [item] = pool.splice(prng.nextInt(pool.length), 1)
    if (item !== undefined) picked.push(item)
  }
  return picked
}

/** A column of a result row; rows come from the driver as unknown JSON-like objects. */
export function field(row: unknown, name: string): unknown {
  if (typeof row !== 'object' || row === null) throw new Error('a result row is an object')
  return (row as Record<string, unknown>)[name]
}

/** int4 arrives as a number, int8 as a decimal string; both must be safe integers. */
export function toSafeInteger(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new Error(`expected an integer, got ${JSON.stringify(value)}`)
  }
  return number
}

export function rowsToTags(result: pg.QueryResult): Map<number, string> {
  const tags = new Map<number, string>()
  for (const row of result.rows as unknown[]) {
    const tag = field(row, 'tag')
    if (typeof tag !== 'string') throw new Error(`a tag is text, got ${JSON.stringify(tag)}`)
    const id = toSafeInteger(field(row, 'id'))
    if (tags.has(id)) throw new Error(`duplicate primary key ${id} in one result`)
    tags.set(id, tag)
  }
  return tags
}
