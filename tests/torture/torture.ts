/**
 * The process-kill torture (issue #3): the built `bkg-db start` as a child process, concurrent
 * pgwire clients running atomic multi-row transactions against it, a SIGKILL at a seeded moment,
 * a restart on the same data directory, and a check that the recovered database holds every
 * acknowledged commit, no torn transaction and no phantom (torture-model.ts). Cycles accumulate
 * on the same data. docs/reliability.md describes the fault model and the figures of a full run.
 *
 * A cycle:
 *   1. The clients connect and run transactions for a seeded 0.2 to 1.2 s (load).
 *   2. SIGKILL. The clients see their connections die; each journals its last attempt as
 *      aborted (COMMIT not yet sent) or in doubt (COMMIT sent, no answer).
 *   3. Sometimes (seeded) a server is started and killed again during its own recovery.
 *   4. Restart (sometimes with a 1 MiB cache, which forces page eviction); the time from spawn
 *      to GET /healthz 200 is the recovery time.
 *   5. One snapshot of all three tables is checked against the journal.
 *   6. A transfer and a pair insert through a new connection: the server accepts writes.
 * The seed decides load durations, kill-during-recovery, cache sizes and every client's choice
 * of operations; thread timing decides how far each client gets, so a replay is close, not exact.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { Prng } from './prng.js'
import {
  type ConnectOptions,
  field,
  rowsToTags,
  TortureClient,
  toSafeInteger,
} from './torture-client.js'
import { type CycleCheck, type Snapshot, TortureModel } from './torture-model.js'
import {
  describeExit,
  killAllChildren,
  sleep,
  TortureServer,
  type TortureServerOptions,
} from './torture-server.js'

export interface TortureOptions {
  readonly seed: number
  /** The built `bkg-db` command: the checkout's, or a copy of it, so that rebuilding the
   * checkout during a long run does not swap the server under test (see docs/reliability.md). */
  readonly cli: string
  readonly cycles: number
  /** Synchronous-commit clients; they transfer money and write pairs. */
  readonly clients: number
  /** Clients with synchronous_commit = off; they write pairs only. */
  readonly asyncClients: number
  readonly accounts: number
  readonly loadMsMin: number
  readonly loadMsMax: number
  /** Chance per cycle of also killing a server while it recovers. */
  readonly recoveryKillChance: number
  /**
   * Diagnostic mode: each client transfers only between its own accounts, so no two
   * transactions ever write the same row. It takes concurrency control out of the picture to
   * tell a recovery bug from an isolation bug; the standard run has it off.
   */
  readonly disjointAccounts: boolean
  /** Chance per restart of a 1 MiB buffer pool instead of 64 MiB. */
  readonly smallCacheChance: number
  /** Chance per restart of checkpointing every 100-400 ms and 64 kB of WAL, so that checkpoints
   * run under the load and the kill can land in one. */
  readonly frequentCheckpointChance: number
  /** Keep the data directory (and print its path) instead of deleting it. */
  readonly keepData: boolean
  /** Progress lines (one per cycle, and the failures); the caller decides where they go. */
  readonly log: (line: string) => void
}

export interface CycleReport {
  readonly cycle: number
  readonly loadMs: number
  readonly killedDuringRecovery: boolean
  readonly cacheBytes: number
  /** The restarted server's checkpoint_timeout when it checkpoints frequently. */
  readonly checkpointTimeoutMs: number | undefined
  /** Checkpoints the killed server completed during its load (after its recovery's own). */
  readonly checkpointsUnderLoad: number
  readonly recoveryMs: number
  readonly walBytes: number
  readonly dataBytes: number
  readonly check: CycleCheck
}

export interface TortureReport {
  readonly seed: number
  readonly cycles: readonly CycleReport[]
  readonly errorCodes: ReadonlyMap<string, number>
  /** Why the run stopped early, if it did (a violation, or the server failing to restart). */
  readonly failure: string | undefined
  /** Hash of the built packages at the start, and whether they changed during the run (someone
   * rebuilt the checkout: later cycles then ran another server than earlier ones). */
  readonly build: { readonly fingerprint: string; readonly changedDuringRun: boolean }
  readonly durationMs: number
  /** Spawn to /healthz 200 on the empty data directory: process start without any recovery,
   * the floor under every recovery time. */
  readonly firstStartMs: number
}

/** Temporary directories of runs in progress, removed by `cleanUpNow` if the process ends early. */
const liveWorkDirs = new Set<string>()

/**
 * Kills every server still running and deletes the temporary directories of unfinished runs
 * (except kept ones). Synchronous, so that exit and signal handlers can call it.
 */
export function cleanUpNow(): void {
  killAllChildren()
  for (const dir of liveWorkDirs) rmSync(dir, { recursive: true, force: true })
  liveWorkDirs.clear()
}

/** What every life of the server shares: the command, the data directory, the password. */
type Lives = Omit<TortureServerOptions, 'cacheBytes' | 'checkpointTimeoutMs'>

const initialBalance = 10_000
const smallCacheBytes = 1024 * 1024
/** checkpoint_timeout of a frequently checkpointing life: a few checkpoints per load. */
const frequentCheckpointMs = { min: 100, max: 400 } as const
const defaultCacheBytes = 64 * 1024 * 1024
/** Restart deadline: recovery replays at most one checkpoint interval of log. */
const readyTimeoutMs = 60_000
/** After the kill, every client must notice its dead connection within this time. */
const clientsSettleMs = 30_000
/** Bounds each client's loop; the kill normally ends it long before. */
const operationsPerCycleMax = 100_000
/** Per client, the live pairs above which it deletes instead of inserting: keeps tables small. */
const livePairsTarget = 150
const connection = { connectTimeoutMs: 5_000, queryTimeoutMs: 30_000 } as const

export async function runTorture(options: TortureOptions): Promise<TortureReport> {
  if (options.disjointAccounts && options.accounts < 2 * options.clients) {
    throw new Error('disjoint accounts need two accounts per client')
  }
  const started = performance.now()
  const fingerprint = buildFingerprint(options.cli)
  const workDir = mkdtempSync(join(tmpdir(), 'bkg-db-torture-'))
  if (!options.keepData) liveWorkDirs.add(workDir)
  const dataDir = join(workDir, 'data')
  const password = `torture-${options.seed}`
  const model = new TortureModel({
    accountCount: options.accounts,
    initialBalance,
    ownerCount: options.clients + options.asyncClients + 1,
  })
  const verifierId = options.clients + options.asyncClients
  const cycles: CycleReport[] = []
  const errorCodes = new Map<string, number>()
  let failure: string | undefined
  let server: TortureServer | undefined
  let firstStartMs = 0
  options.log(
    `torture: seed ${options.seed}, ${options.cycles} cycles, ${options.clients} clients + ` +
      `${options.asyncClients} async` +
      `${options.disjointAccounts ? ', DISJOINT accounts (diagnostic mode)' : ''}, ` +
      `server build ${fingerprint}, data in ${dataDir}`,
  )
  const lives: Lives = { cli: options.cli, dataDir, password, readyTimeoutMs }
  try {
    server = await TortureServer.start({ ...lives, cacheBytes: defaultCacheBytes })
    server.checkpointsAtReady = await server.checkpointsCompleted()
    await createSchema(server.pgPort, password, options.accounts)
    firstStartMs = server.readyMs ?? 0
    for (let cycle = 1; cycle <= options.cycles && failure === undefined; cycle++) {
      const outcome = await runCycle({ options, lives, model, verifierId, cycle, server })
      server = outcome.server
      mergeCounts(errorCodes, outcome.errorCodes)
      cycles.push(outcome.report)
      failure = outcome.failure
    }
    if (failure === undefined) {
      failure = await cleanShutdownCycle({ server, lives, model, log: options.log })
    }
  } catch (error: unknown) {
    failure = error instanceof Error ? (error.stack ?? error.message) : String(error)
  } finally {
    await server?.kill()
    killAllChildren()
    if (options.keepData) options.log(`torture: kept the data directory ${dataDir}`)
    else rmSync(workDir, { recursive: true, force: true })
    liveWorkDirs.delete(workDir)
  }
  const changedDuringRun = buildFingerprint(options.cli) !== fingerprint
  if (changedDuringRun) options.log('torture: WARNING: the server build changed during the run')
  return {
    seed: options.seed,
    cycles,
    errorCodes,
    failure,
    durationMs: performance.now() - started,
    build: { fingerprint, changedDuringRun },
    firstStartMs,
  }
}

/** One kill cycle: load, SIGKILL, maybe a kill during recovery, restart, check, write probe. */
async function runCycle(context: {
  readonly options: TortureOptions
  readonly lives: Lives
  readonly model: TortureModel
  readonly verifierId: number
  readonly cycle: number
  /** The running server, ready; it is killed here and a new one returned. */
  readonly server: TortureServer
}): Promise<{
  readonly server: TortureServer
  readonly report: CycleReport
  readonly errorCodes: ReadonlyMap<string, number>
  readonly failure: string | undefined
}> {
  const { options, lives, model, cycle } = context
  const { password } = lives
  const prng = Prng.derive(options.seed, cycle)
  const loadMs = prng.between(options.loadMsMin, options.loadMsMax)
  const killed = context.server
  const load = await runLoad({ ...options, server: killed, password, model, cycle, loadMs })
  const killedDuringRecovery = prng.chance(options.recoveryKillChance)
  if (killedDuringRecovery) {
    await killDuringRecovery(lives, prng.between(0, Math.ceil(killed.readyMs ?? 0)))
  }
  const cacheBytes = prng.chance(options.smallCacheChance) ? smallCacheBytes : defaultCacheBytes
  const checkpointTimeoutMs = prng.chance(options.frequentCheckpointChance)
    ? prng.between(frequentCheckpointMs.min, frequentCheckpointMs.max)
    : undefined
  const server = await TortureServer.start({ ...lives, cacheBytes, checkpointTimeoutMs })
  server.checkpointsAtReady = await server.checkpointsCompleted()
  const check = model.verify(await readSnapshot(server.pgPort, password))
  await probeWrites({ port: server.pgPort, password, model, verifierId: context.verifierId, prng })
  const report: CycleReport = {
    cycle,
    loadMs,
    killedDuringRecovery,
    cacheBytes,
    checkpointTimeoutMs,
    checkpointsUnderLoad: load.checkpointsUnderLoad,
    recoveryMs: server.readyMs ?? 0,
    ...measure(lives.dataDir),
    check,
  }
  options.log(formatCycle(report, options.cycles))
  const failure = load.failure ?? describeViolations(check)
  if (failure !== undefined) {
    options.log(`output of the killed server:\n${killed.output}`)
    options.log(`output of the restarted server:\n${server.output}`)
  }
  return { server, report, errorCodes: load.errorCodes, failure }
}

async function createSchema(port: number, password: string, accounts: number): Promise<void> {
  const client = await connectOrThrow(port, password)
  try {
    const rows = Array.from({ length: accounts }, (_, index) => `(${index + 1}, ${initialBalance})`)
    for (const statement of [
      'CREATE TABLE accounts (id int PRIMARY KEY, balance bigint)',
      'CREATE TABLE pairs_a (id bigint PRIMARY KEY, tag text)',
      'CREATE TABLE pairs_b (id bigint PRIMARY KEY, tag text)',
      `INSERT INTO accounts VALUES ${rows.join(', ')}`,
    ]) {
      const result = await client.query(statement)
      if (!result.ok) throw new Error(`setup failed: ${statement}: ${result.message}`)
    }
  } finally {
    await client.close()
  }
}

interface LoadResult {
  readonly errorCodes: Map<string, number>
  readonly failure: string | undefined
  readonly checkpointsUnderLoad: number
}

/** Clients run until the seeded moment; then the server is SIGKILLed under them. */
async function runLoad(options: {
  readonly seed: number
  readonly cycle: number
  readonly loadMs: number
  readonly clients: number
  readonly asyncClients: number
  readonly accounts: number
  readonly disjointAccounts: boolean
  readonly server: TortureServer
  readonly password: string
  readonly model: TortureModel
}): Promise<LoadResult> {
  const { server, model } = options
  let isStopped = false
  const connectOptions: ConnectOptions = {
    ...connection,
    port: server.pgPort,
    password: options.password,
  }
  const clients: TortureClient[] = []
  const runs: Promise<void>[] = []
  for (let id = 0; id < options.clients + options.asyncClients; id++) {
    const prng = Prng.derive(options.seed, options.cycle, 1000 + id)
    const isAsync = id >= options.clients
    runs.push(
      (async () => {
        const client = await TortureClient.connect({
          connection: connectOptions,
          model,
          id,
          isAsync,
        })
        if (client === undefined) return
        clients.push(client)
        try {
          await client.runWorkload({
            prng,
            operationsMax: operationsPerCycleMax,
            livePairsTarget,
            accounts: accountsOf(id, options),
            shouldStop: () => isStopped,
          })
        } finally {
          await client.close()
        }
      })(),
    )
  }
  await sleep(options.loadMs)
  const checkpointsUnderLoad =
    (await server.checkpointsCompleted().catch(() => server.checkpointsAtReady)) -
    server.checkpointsAtReady
  // The flag only stops clients from starting new transactions; the kill lands mid-flight.
  isStopped = true
  const exit = await server.kill()
  let failure: string | undefined
  if (exit.signal !== 'SIGKILL') {
    failure = `the server died by itself (${describeExit(exit)}) before the kill\n${server.output}`
  }
  const settled = await settlesWithin(Promise.all(runs), clientsSettleMs)
  // Clients still running would keep journaling into the model while it is checked.
  if (!settled) throw new Error(`clients did not notice the kill within ${clientsSettleMs} ms`)
  const errorCodes = new Map<string, number>()
  for (const client of clients) mergeCounts(errorCodes, client.stats.errorCodes)
  return { errorCodes, failure, checkpointsUnderLoad }
}

/** Whether `promise` settles within `ms`; the timer is cleared so it cannot hold the process. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true), timeout])
  } finally {
    clearTimeout(timer)
  }
}

function accountsOf(
  client: number,
  options: {
    readonly accounts: number
    readonly clients: number
    readonly disjointAccounts: boolean
  },
): number[] {
  const all = Array.from({ length: options.accounts }, (_, index) => index + 1)
  if (!options.disjointAccounts) return all
  return all.filter((account) => (account - 1) % options.clients === client)
}

/** Starts a server and kills it after `delayMs`, likely while it replays the log. */
async function killDuringRecovery(lives: Lives, delayMs: number): Promise<void> {
  const server = await TortureServer.spawn({ ...lives, cacheBytes: defaultCacheBytes })
  await sleep(delayMs)
  await server.kill()
}

/** All three tables in one repeatable-read snapshot. */
async function readSnapshot(port: number, password: string): Promise<Snapshot> {
  const client = await connectOrThrow(port, password)
  try {
    const results = []
    for (const statement of [
      'BEGIN ISOLATION LEVEL REPEATABLE READ',
      'SELECT id, balance FROM accounts ORDER BY id',
      'SELECT id, tag FROM pairs_a ORDER BY id',
      'SELECT id, tag FROM pairs_b ORDER BY id',
      'COMMIT',
    ]) {
      const result = await client.query(statement)
      if (!result.ok)
        throw new Error(`reading the recovered data failed: ${statement}: ${result.message}`)
      results.push(result.result)
    }
    const [, accountRows, pairsA, pairsB] = results
    if (accountRows === undefined || pairsA === undefined || pairsB === undefined) {
      throw new Error('missing results')
    }
    const accounts = new Map<number, number>()
    for (const row of accountRows.rows as unknown[]) {
      const id = toSafeInteger(field(row, 'id'))
      if (accounts.has(id)) throw new Error(`duplicate account ${id} in the recovered data`)
      accounts.set(id, toSafeInteger(field(row, 'balance')))
    }
    return { accounts, pairsA: rowsToTags(pairsA), pairsB: rowsToTags(pairsB) }
  } finally {
    await client.close()
  }
}

/** After recovery the server must accept writes: one transfer and one pair insert, acknowledged. */
async function probeWrites(options: {
  readonly port: number
  readonly password: string
  readonly model: TortureModel
  readonly verifierId: number
  readonly prng: Prng
}): Promise<void> {
  const { port, password, model, verifierId, prng } = options
  const client = await connectOrThrow(port, password, model, verifierId)
  try {
    const transfer = await client.runTransaction(
      { kind: 'transfer', from: 1, to: 2, amount: 1 },
      [
        'UPDATE accounts SET balance = balance - 1 WHERE id = 1',
        'UPDATE accounts SET balance = balance + 1 WHERE id = 2',
      ],
      false,
    )
    const insert = await client.insertPairs(prng)
    if (transfer !== 'acked' || insert !== 'acked') {
      throw new Error(
        `the restarted server did not accept writes (transfer ${transfer}, insert ${insert})`,
      )
    }
  } finally {
    await client.close()
  }
}

/** After the last cycle, SIGTERM instead of SIGKILL: a clean shutdown must lose nothing either. */
async function cleanShutdownCycle(options: {
  readonly server: TortureServer
  readonly lives: Lives
  readonly model: TortureModel
  readonly log: (line: string) => void
}): Promise<string | undefined> {
  const { server, lives, model } = options
  const { password } = lives
  const exit = await server.stop(15_000)
  if (exit.exitCode !== 0)
    return `clean shutdown exited with ${describeExit(exit)}\n${server.output}`
  const restarted = await TortureServer.start({ ...lives, cacheBytes: defaultCacheBytes })
  try {
    const check = model.verify(await readSnapshot(restarted.pgPort, password))
    const violations = describeViolations(check)
    options.log(
      `clean shutdown (SIGTERM) and restart: ${violations ?? 'nothing lost'}` +
        ` | restart ${Math.round(restarted.readyMs ?? 0)} ms | rows ${check.pairRows}`,
    )
    return violations
  } finally {
    await restarted.stop(15_000)
  }
}

async function connectOrThrow(
  port: number,
  password: string,
  model?: TortureModel,
  id = 0,
): Promise<TortureClient> {
  const client = await TortureClient.connect({
    connection: { ...connection, port, password },
    model: model ?? new TortureModel({ accountCount: 2, initialBalance: 0, ownerCount: 1 }),
    id,
    isAsync: false,
  })
  if (client === undefined) throw new Error(`cannot connect to the server on port ${port}`)
  return client
}

export function describeViolations(check: CycleCheck): string | undefined {
  const violations =
    check.lost +
    check.torn +
    check.phantom +
    check.unexplainedBalances +
    check.asyncHoles +
    check.tornReads +
    check.unexpectedErrors
  if (violations === 0) return undefined
  // A broken invariant seen by a reader while the server ran happened before any kill.
  const hint =
    check.tornReads > 0
      ? '\n  hint: readers saw the invariant broken while the server was running, before the ' +
        'kill: concurrency control (MVCC, locking) is at fault rather than recovery; ' +
        'DISJOINT_ACCOUNTS=1 takes it out of the picture'
      : ''
  return `violations:\n  ${check.failures.join('\n  ')}${hint}`
}

function measure(dataDir: string): { walBytes: number; dataBytes: number } {
  let walBytes = 0
  let dataBytes = 0
  const walk = (dir: string, isWal: boolean, depth: number): void => {
    // The data directory is shallow; the depth bound only guards against a surprise.
    if (depth > 8) return
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      const stats = statSync(path)
      if (stats.isDirectory()) walk(path, isWal || name === 'wal', depth + 1)
      else if (isWal) walBytes += stats.size
      else dataBytes += stats.size
    }
  }
  walk(dataDir, false, 0)
  return { walBytes, dataBytes }
}

/** SHA-256 over the built JavaScript of every package next to `cli` (packages/server/dist/cli/
 * bkg-db.js), in path order: it names the server under test. */
export function buildFingerprint(cli: string): string {
  const root = resolve(dirname(cli), '../../../..')
  const hash = createHash('sha256')
  const walk = (dir: string, depth: number): void => {
    // dist trees are a few levels deep; the bound only guards against a surprise.
    if (depth > 16) return
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path, depth + 1)
      else if (name.endsWith('.js') && !name.endsWith('.test.js')) {
        hash.update(path.slice(root.length))
        hash.update(readFileSync(path))
      }
    }
  }
  const packagesDir = join(root, 'packages')
  for (const name of readdirSync(packagesDir).sort()) walk(join(packagesDir, name, 'dist'), 0)
  return hash.digest('hex').slice(0, 16)
}

function mergeCounts(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [key, count] of from) into.set(key, (into.get(key) ?? 0) + count)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function formatCycle(report: CycleReport, cycles: number): string {
  const { check } = report
  const width = String(cycles).length
  const notes = [
    report.killedDuringRecovery ? ' (after a kill during recovery)' : '',
    report.cacheBytes === smallCacheBytes ? ' (1 MiB cache)' : '',
    report.checkpointTimeoutMs === undefined
      ? ''
      : ` (next: checkpoints every ${report.checkpointTimeoutMs} ms)`,
  ].join('')
  return [
    `cycle ${String(report.cycle).padStart(width)}/${cycles}`,
    `load ${report.loadMs} ms`,
    `acked ${check.ackedTransfers} transfers + ${check.ackedPairs} pairs + ` +
      `${check.asyncAcked} async (${check.asyncLost} lost)`,
    `in doubt ${check.inDoubt} (${check.inDoubtApplied} applied, ${check.inDoubtLost} lost)`,
    `aborted ${check.aborted}`,
    `checkpoints ${report.checkpointsUnderLoad}`,
    `lost ${check.lost + check.unexplainedBalances} torn ${check.torn + check.tornReads} ` +
      `phantom ${check.phantom}`,
    `recovery ${Math.round(report.recoveryMs)} ms${notes}`,
    `wal ${formatBytes(report.walBytes)} data ${formatBytes(report.dataBytes)} ` +
      `rows ${check.pairRows}`,
  ].join(' | ')
}
