/**
 * TortureServer: one life of the built `bkg-db start` as a child process on a data directory the
 * torture owns (it outlives every server). Unlike tests/support/server-process.ts, the torture
 * keeps only a bounded tail of the output (hundreds of lives), measures the time from spawn to
 * the first GET /healthz 200 (the recovery time), and is meant to be SIGKILLed.
 *
 * Every spawned child is registered in `liveChildren` so that the runner's exit and signal
 * handlers can kill whatever is still running, even when the torture fails half way.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname } from 'node:path'
import { findFreePort } from '../support/find-free-port.js'
import { cleanEnv } from '../support/run-command.js'

/** Output kept per server life for failure reports: enough for a stack trace and the last logs. */
const outputTailCharsMax = 16 * 1024
/** Interval between readiness polls; recovery times are reported at this resolution. */
const readyPollMs = 10
/** Attempts to start when the free port found was taken by someone else before the server bound
 * it (exit code 2): a rare race of findFreePort, not a failure of the server. */
const startAttemptsMax = 3

/** Children alive right now, killed by `killAllChildren` when the runner exits early. */
const liveChildren = new Set<ChildProcess>()

export function killAllChildren(): void {
  for (const child of liveChildren) child.kill('SIGKILL')
  liveChildren.clear()
}

export interface ServerExit {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
}

export interface TortureServerOptions {
  /** The built `bkg-db` command (bkg-db.js) to run. */
  readonly cli: string
  readonly dataDir: string
  readonly password: string
  /** BKG_DB_CACHE_BYTES for this life; small budgets force page eviction and write-back. */
  readonly cacheBytes: number
  /** Checkpoint every this many ms and every 64 kB of WAL (undefined: the server's defaults, 5
   * minutes and 64 MB, which a short life never reaches): checkpoints cut under the load. */
  readonly checkpointTimeoutMs?: number | undefined
  readonly readyTimeoutMs: number
}

export class TortureServer {
  readonly #child: ChildProcess
  readonly #exited: Promise<ServerExit>
  readonly spawnedAt: number
  #output = ''
  #exit: ServerExit | undefined

  private constructor(
    child: ChildProcess,
    readonly httpPort: number,
    readonly pgPort: number,
  ) {
    this.#child = child
    this.spawnedAt = performance.now()
    liveChildren.add(child)
    const keep = (chunk: string): void => {
      this.#output = (this.#output + chunk).slice(-outputTailCharsMax)
    }
    child.stdout?.setEncoding('utf8').on('data', keep)
    child.stderr?.setEncoding('utf8').on('data', keep)
    this.#exited = new Promise((resolve) => {
      const settle = (exit: ServerExit): void => {
        liveChildren.delete(child)
        this.#exit ??= exit
        resolve(this.#exit)
      }
      child.once('exit', (exitCode, signal) => settle({ exitCode, signal }))
      // A spawn failure emits 'error' and no 'exit'; without a listener it would crash the runner.
      child.once('error', (error) => {
        this.#output += `spawn failed: ${error.message}\n`
        settle({ exitCode: null, signal: null })
      })
    })
  }

  /** Spawns a server without waiting for it (a kill during recovery needs the bare process). */
  static async spawn(options: TortureServerOptions): Promise<TortureServer> {
    const [httpPort, pgPort] = [await findFreePort(), await findFreePort()]
    const args = [
      options.cli,
      'start',
      '--data-dir',
      options.dataDir,
      '--http-port',
      String(httpPort),
      '--pg-port',
      String(pgPort),
    ]
    const child = spawn(process.execPath, args, {
      // The parent of the data directory: the torture's own temporary directory, so no
      // bkg-db.yaml of the checkout leaks in (the data directory itself may not exist yet).
      cwd: dirname(options.dataDir),
      env: cleanEnv({
        BKG_DB_PASSWORD: options.password,
        BKG_DB_CACHE_BYTES: String(options.cacheBytes),
        ...(options.checkpointTimeoutMs === undefined
          ? {}
          : {
              BKG_DB_CHECKPOINT_TIMEOUT: `${options.checkpointTimeoutMs}ms`,
              BKG_DB_CHECKPOINT_WAL_BYTES: '64kB',
            }),
        // Warnings and errors only: hundreds of lives of debug logs would be noise.
        BKG_DB_LOG_LEVEL: 'warn',
        BKG_DB_LOG_FORMAT: 'json',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return new TortureServer(child, httpPort, pgPort)
  }

  /** Spawns a server and waits until it is ready; returns it with its recovery time. */
  static async start(options: TortureServerOptions): Promise<TortureServer> {
    let lastError: unknown
    for (let attempt = 0; attempt < startAttemptsMax; attempt++) {
      const server = await TortureServer.spawn(options)
      try {
        await server.waitUntilReady(options.readyTimeoutMs)
        return server
      } catch (error: unknown) {
        lastError = error
        await server.kill()
        // Only a usage exit (a port taken in the meantime) is worth another attempt.
        if (server.exitInfo?.exitCode !== 2) throw error
      }
    }
    throw lastError
  }

  get pid(): number | undefined {
    return this.#child.pid
  }

  get exitInfo(): ServerExit | undefined {
    return this.#exit
  }

  get output(): string {
    return this.#output
  }

  /** Milliseconds from spawn to the first healthy answer, set by waitUntilReady. */
  readyMs: number | undefined

  /** bkg_db_checkpoints_total once ready (recovery's checkpoint), set by the runner. */
  checkpointsAtReady = 0

  /** Polls GET /healthz until 200; rejects if the process exits first or time runs out. */
  async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs
    while (performance.now() < deadline) {
      if (this.#exit !== undefined) {
        throw new Error(
          `bkg-db exited (${describeExit(this.#exit)}) before it was ready\n${this.#output}`,
        )
      }
      if (await this.#isHealthy()) {
        this.readyMs = performance.now() - this.spawnedAt
        return
      }
      await sleep(readyPollMs)
    }
    throw new Error(`bkg-db was not ready within ${timeoutMs} ms\n${this.#output}`)
  }

  /** Checkpoints the server completed since it started (its /metrics counter). */
  async checkpointsCompleted(): Promise<number> {
    const response = await fetch(`http://127.0.0.1:${this.httpPort}/metrics`, {
      signal: AbortSignal.timeout(5000),
    })
    const text = await response.text()
    const value = /^bkg_db_checkpoints_total (\d+)$/m.exec(text)?.[1]
    if (value === undefined) throw new Error('bkg_db_checkpoints_total missing from /metrics')
    return Number(value)
  }

  /** SIGKILL: the process gets no chance to flush, close or remove its lock file. */
  async kill(): Promise<ServerExit> {
    if (this.#exit === undefined) this.#child.kill('SIGKILL')
    return await this.#exited
  }

  /** SIGTERM, a clean shutdown; SIGKILL if it takes longer than `timeoutMs`. */
  async stop(timeoutMs: number): Promise<ServerExit> {
    if (this.#exit === undefined) this.#child.kill('SIGTERM')
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.#exited
    } finally {
      clearTimeout(timer)
    }
  }

  async #isHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`http://127.0.0.1:${this.httpPort}/healthz`, {
        signal: AbortSignal.timeout(1000),
      })
      await response.arrayBuffer()
      return response.status === 200
    } catch {
      return false
    }
  }
}

export function describeExit(exit: ServerExit): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `exit code ${exit.exitCode}`
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
