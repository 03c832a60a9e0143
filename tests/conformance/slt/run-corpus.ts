/**
 * Runs corpus files in child processes (file-worker.ts), `jobs` at a time (one worker per lane,
 * running the lane's files one after another), each file on a fresh database and within a
 * wall-clock budget: a worker still running a file when its budget ends is killed (the lane starts
 * a new one for its next file), and the records it had not finished count as failed. The parent
 * parses each file too, so it knows every record the worker should have reported.
 *
 * On the engine backend each worker opens an in-memory database; on the pg backend the parent
 * creates a database per file (`slt_<pid>_<n>`) and drops it afterwards, even when the worker was
 * killed.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { gitBlobSha1 } from './corpus.js'
import { isTestRecord, parseSlt, planRecords, type SltRecord } from './parse-slt.js'
import { engineName, type RecordResult } from './run-file.js'
import {
  type Backend,
  isWorkerLine,
  type RunFileRequest,
  type WorkerLine,
} from './worker-protocol.js'

export type BackendOption =
  | { readonly kind: 'engine' }
  | { readonly kind: 'pg'; readonly url: string }

export interface CorpusRunOptions {
  readonly corpusDir: string
  /** Corpus-relative paths (`sqlite/select1.test`). */
  readonly files: readonly string[]
  readonly backend: BackendOption
  /** Files run at the same time (child processes). */
  readonly jobs: number
  /** Wall-clock budget of one file, from its request to its last result. */
  readonly fileBudgetMs: number
  /** Date.now() after which no file starts and a running file's budget ends (a bound on the
   * whole run, for the smoke in `npm test`); none by default. */
  readonly deadline?: number
  /** V8 heap limit of a worker, in MiB. */
  readonly workerHeapMbMax: number
  readonly onFileDone?: (outcome: FileOutcome) => void
}

/** A failed record as kept for the report: the first few of each reason per file keep their
 * detail and SQL, the others only their reason (a full run has ~400,000 failures). */
export interface KeptResult extends RecordResult {
  readonly sql?: string
}

export interface FileOutcome {
  readonly file: string
  /** Git blob id of the file that ran. */
  readonly sha1: string
  /** complete: every record ran; timeout: killed at the end of its budget; crashed: the worker
   * died or could not run the file. */
  readonly status: 'complete' | 'timeout' | 'crashed'
  readonly problem: string | undefined
  readonly elapsedMs: number
  readonly skipped: number
  /** One per run record, in file order. */
  readonly results: readonly KeptResult[]
}

/** Failures per reason per file that keep their detail and SQL. */
const detailedPerReasonMax = 5
/** Characters of SQL kept with a failure. */
const sqlCharsMax = 400

export const notRunReasons = {
  timeoutRunning: 'timeout: the record was running when the file budget ran out',
  timeoutNotRun: 'not run: the file budget ran out before this record',
  crashRunning: 'worker crashed while running the record',
  crashNotRun: 'not run: the worker crashed before this record',
} as const

const workerPath = fileURLToPath(new URL('./file-worker.js', import.meta.url))

interface WorkerRun {
  readonly status: FileOutcome['status']
  readonly problem: string | undefined
  readonly results: readonly RecordResult[]
}

/** The telling line of a dead worker's stderr: V8's fatal error (out of memory), or the last. */
function describeStderr(tail: string): string {
  const lines = tail
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return lines.find((line) => line.startsWith('FATAL ERROR')) ?? lines[lines.length - 1] ?? ''
}

/**
 * One worker process: runs the files it is given one at a time. A file that overruns its budget
 * gets the worker killed; a killed or crashed worker takes no more files (the lane starts a new
 * one).
 */
class FileWorker {
  readonly #child: ChildProcessWithoutNullStreams
  #stderrTail = ''
  #isExited = false
  readonly #exited: Promise<string>
  /** Resolves when the worker has loaded (start-up is not charged to the first file's budget). */
  readonly #ready: Promise<void>
  #onReady: (() => void) | undefined
  /** Receives the lines of the file being run. */
  #onLine: ((line: WorkerLine) => void) | undefined

  constructor(heapMbMax: number) {
    const args = [`--max-old-space-size=${heapMbMax}`, workerPath]
    this.#child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    this.#child.stderr.on('data', (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString('utf8')).slice(-2000)
    })
    // Writing to a worker that just died must not crash the runner; `close` reports the death.
    this.#child.stdin.on('error', () => {})
    const lines = createInterface({
      input: this.#child.stdout,
      crlfDelay: Number.POSITIVE_INFINITY,
    })
    lines.on('line', (text) => {
      let parsed: unknown
      try {
        parsed = JSON.parse(text)
      } catch {
        return // not ours: something in the engine printed to stdout
      }
      if (!isWorkerLine(parsed)) return
      if (parsed.kind === 'ready') this.#onReady?.()
      else this.#onLine?.(parsed)
    })
    this.#ready = new Promise((resolve) => {
      this.#onReady = resolve
    })
    // `close` comes after stdout has ended: every line the worker wrote has been handled.
    this.#exited = new Promise((resolve) => {
      this.#child.on('close', (code, signal) => {
        this.#isExited = true
        const exit = signal === null ? `exit code ${code}` : `signal ${signal}`
        const why = describeStderr(this.#stderrTail)
        resolve(why === '' ? `worker ended (${exit})` : `worker ended (${exit}): ${why}`)
      })
    })
  }

  get isAlive(): boolean {
    return !this.#isExited && this.#child.exitCode === null && this.#child.signalCode === null
  }

  /** Runs one file; the worker is dead afterwards unless the status is complete or the file
   * failed to run at all (a `failed` line). */
  async runFile(request: RunFileRequest, budgetMs: number): Promise<WorkerRun> {
    // A worker that dies while starting resolves `exited` instead; the file then reports that.
    await Promise.race([this.#ready, this.#exited])
    return new Promise((resolve) => {
      const results: RecordResult[] = []
      let isTimedOut = false
      let isFinished = false
      const finish = (run: WorkerRun): void => {
        if (isFinished) return
        isFinished = true
        clearTimeout(timer)
        this.#onLine = undefined
        resolve(run)
      }
      this.#onLine = (line) => {
        if (line.kind === 'result') results.push(line.result)
        else if (line.kind === 'done') finish({ status: 'complete', problem: undefined, results })
        else if (line.kind === 'failed') {
          finish({ status: 'crashed', problem: line.message, results })
        }
      }
      const timer = setTimeout(() => {
        isTimedOut = true
        this.#child.kill('SIGKILL')
      }, budgetMs)
      void this.#exited.then((problem) => {
        const status = isTimedOut ? 'timeout' : 'crashed'
        const why = isTimedOut ? `killed after the file budget of ${budgetMs} ms` : problem
        finish({ status, problem: why, results })
      })
      this.#child.stdin.write(`${JSON.stringify(request)}\n`)
    })
  }

  /** Lets the worker exit (it does when its stdin ends). */
  async close(): Promise<void> {
    this.#child.stdin.end()
    await this.#exited
  }
}

/** Lists the records `postgresql` runs, with the SQL of each. */
function plannedRecords(records: readonly SltRecord[]): {
  run: SltRecord[]
  skipped: number
} {
  const run: SltRecord[] = []
  let skipped = 0
  for (const { record, isSkipped } of planRecords(records, engineName)) {
    if (!isTestRecord(record)) continue
    if (isSkipped) skipped++
    else run.push(record)
  }
  return { run, skipped }
}

/** Lines up the worker's results with the planned records; records without one failed because
 * the worker stopped. Keeps detail and SQL for the first few failures of each reason. */
function completeResults(planned: readonly SltRecord[], run: WorkerRun): KeptResult[] {
  const byLine = new Map(run.results.map((result) => [result.line, result]))
  const perReason = new Map<string, number>()
  let isFirstMissing = true
  return planned.map((record): KeptResult => {
    let result = byLine.get(record.line)
    if (result === undefined) {
      const isTimeout = run.status === 'timeout'
      const reason = isFirstMissing
        ? isTimeout
          ? notRunReasons.timeoutRunning
          : notRunReasons.crashRunning
        : isTimeout
          ? notRunReasons.timeoutNotRun
          : notRunReasons.crashNotRun
      result = { line: record.line, isPass: false, reason, detail: run.problem ?? '' }
      isFirstMissing = false
    }
    if (result.isPass) return result
    const reason = result.reason ?? 'unknown'
    const root = result.cause ?? reason
    const seen = perReason.get(root) ?? 0
    perReason.set(root, seen + 1)
    if (seen >= detailedPerReasonMax) {
      const { line, cause } = result
      return cause === undefined
        ? { line, isPass: false, reason }
        : { line, isPass: false, reason, cause }
    }
    const sql = 'sql' in record ? record.sql : ''
    const clipped = sql.length > sqlCharsMax ? `${sql.slice(0, sqlCharsMax)}…` : sql
    return { ...result, sql: clipped }
  })
}

function databaseUrl(baseUrl: string, database: string): string {
  const url = new URL(baseUrl)
  url.pathname = `/${database}`
  return url.toString()
}

async function withPgAdmin<T>(url: string, action: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await action(client)
  } finally {
    await client.end()
  }
}

let databaseCounter = 0

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error: unknown) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM'
  }
}

/** Drops the per-file databases a killed runner left behind (`slt_<pid>_<n>`, pid gone). */
async function dropStaleDatabases(url: string): Promise<void> {
  await withPgAdmin(url, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^slt_[0-9]+_[0-9]+$'",
    )
    for (const { datname } of rows) {
      if (isProcessAlive(Number(datname.split('_')[1]))) continue
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`)
    }
  })
}

/** A lane: runs files one after another on a worker, replacing the worker when one dies. */
interface Lane {
  worker: FileWorker | undefined
}

async function runFile(file: string, lane: Lane, options: CorpusRunOptions): Promise<FileOutcome> {
  const path = join(options.corpusDir, file)
  const bytes = readFileSync(path)
  const planned = plannedRecords(parseSlt(bytes.toString('utf8')))
  const started = Date.now()
  const budgetMs = Math.min(options.fileBudgetMs, (options.deadline ?? Infinity) - started)
  const run: WorkerRun =
    budgetMs > 0
      ? await runOnWorker(path, lane, budgetMs, options)
      : {
          status: 'timeout',
          problem: 'not started: the total budget of the run ran out',
          results: [],
        }
  return {
    file,
    sha1: gitBlobSha1(bytes),
    status: run.status,
    problem: run.problem,
    elapsedMs: Date.now() - started,
    skipped: planned.skipped,
    results: completeResults(planned.run, run),
  }
}

/** Runs a file on the lane's worker (started if needed), in a database of its own on pg. */
async function runOnWorker(
  path: string,
  lane: Lane,
  budgetMs: number,
  options: CorpusRunOptions,
): Promise<WorkerRun> {
  let backend: Backend = { kind: 'engine' }
  let database: string | undefined
  if (options.backend.kind === 'pg') {
    database = `slt_${process.pid}_${databaseCounter++}`
    const name = database
    await withPgAdmin(options.backend.url, (client) => client.query(`CREATE DATABASE ${name}`))
    backend = { kind: 'pg', url: databaseUrl(options.backend.url, database) }
  }
  try {
    if (lane.worker?.isAlive !== true) lane.worker = new FileWorker(options.workerHeapMbMax)
    return await lane.worker.runFile({ path, backend }, budgetMs)
  } finally {
    if (options.backend.kind === 'pg' && database !== undefined) {
      const name = database
      await withPgAdmin(options.backend.url, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      )
    }
  }
}

/** Runs the files, `jobs` at a time; outcomes come back in the order of `files`. */
export async function runCorpus(options: CorpusRunOptions): Promise<FileOutcome[]> {
  if (options.backend.kind === 'pg') await dropStaleDatabases(options.backend.url)
  const outcomes = new Array<FileOutcome | undefined>(options.files.length)
  let next = 0
  const runLane = async (): Promise<void> => {
    const lane: Lane = { worker: undefined }
    try {
      while (next < options.files.length) {
        const index = next++
        const file = options.files[index]
        if (file === undefined) continue
        const outcome = await runFile(file, lane, options)
        outcomes[index] = outcome
        options.onFileDone?.(outcome)
      }
    } finally {
      await lane.worker?.close()
    }
  }
  const lanes = Math.max(1, Math.min(options.jobs, options.files.length))
  await Promise.all(Array.from({ length: lanes }, runLane))
  return outcomes.filter((outcome): outcome is FileOutcome => outcome !== undefined)
}
