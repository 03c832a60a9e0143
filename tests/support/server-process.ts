/**
 * ServerProcess: the built `bkg-db start` as a child process, on free ports, with its own
 * temporary data directory and working directory (so no ./bkg-db.yaml of the repo leaks in).
 * `start()` resolves once GET /healthz answers 200; it rejects with the server's output if the
 * process exits first or is not ready in time. The admin key and password are read from
 * credentials.json (generated on first start) unless the test configured them.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findFreePort } from './find-free-port.js'
import { repoPaths } from './repo-paths.js'
import { cleanEnv } from './run-command.js'

export interface ServerProcessOptions {
  /** Reuse a data directory (restart tests); default: a fresh temporary one. */
  readonly dataDir?: string
  readonly env?: Readonly<Record<string, string>>
  readonly args?: readonly string[]
  readonly readyTimeoutMs?: number
}

export interface ServerExit {
  readonly exitCode: number | null
  readonly signal: NodeJS.Signals | null
}

export class ServerProcess {
  readonly #child: ChildProcess
  readonly #exited: Promise<ServerExit>
  readonly #ownsWorkDir: string
  #stdout = ''
  #stderr = ''

  private constructor(
    child: ChildProcess,
    readonly httpPort: number,
    readonly pgPort: number,
    readonly dataDir: string,
    workDir: string,
  ) {
    this.#child = child
    this.#ownsWorkDir = workDir
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.#stdout += chunk))
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk))
    this.#exited = new Promise((resolve) => {
      child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }))
    })
  }

  static async start(options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const workDir = mkdtempSync(join(tmpdir(), 'bkg-db-e2e-'))
    const dataDir = options.dataDir ?? join(workDir, 'data')
    const [httpPort, pgPort] = [await findFreePort(), await findFreePort()]
    const args = [
      repoPaths.cli,
      'start',
      '--data-dir',
      dataDir,
      '--http-port',
      String(httpPort),
      '--pg-port',
      String(pgPort),
      ...(options.args ?? []),
    ]
    const child = spawn(process.execPath, args, {
      cwd: workDir,
      env: cleanEnv({ BKG_DB_LOG_LEVEL: 'debug', ...options.env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const server = new ServerProcess(child, httpPort, pgPort, dataDir, workDir)
    try {
      await server.#waitUntilReady(options.readyTimeoutMs ?? 20_000)
    } catch (error: unknown) {
      await server.dispose()
      throw error
    }
    return server
  }

  /** Process id of the server, for sending it signals directly. */
  get pid(): number {
    const pid = this.#child.pid
    if (pid === undefined) throw new Error('bkg-db did not start')
    return pid
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`
  }

  get stdout(): string {
    return this.#stdout
  }

  get stderr(): string {
    return this.#stderr
  }

  /** The JSON log records written so far (the banner's lines are not JSON and are skipped). */
  logRecords(): Record<string, unknown>[] {
    return this.#stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
  }

  get exited(): Promise<ServerExit> {
    return this.#exited
  }

  /** node-postgres settings for the superuser postgres on this server's pgwire port. */
  pgClientConfig(): {
    host: string
    port: number
    user: string
    password: string
    database: string
  } {
    return {
      host: '127.0.0.1',
      port: this.pgPort,
      user: 'postgres',
      password: this.credentials().password,
      database: 'postgres',
    }
  }

  /** The credentials the server uses: configured through env, else from credentials.json. */
  credentials(env: Readonly<Record<string, string>> = {}): { adminKey: string; password: string } {
    const stored = JSON.parse(readFileSync(join(this.dataDir, 'credentials.json'), 'utf8')) as {
      adminKey?: string
      password?: string
    }
    const adminKey = env['BKG_DB_ADMIN_KEY'] ?? stored.adminKey
    const password = env['BKG_DB_PASSWORD'] ?? stored.password
    if (adminKey === undefined || password === undefined)
      throw new Error('credentials.json lacks a secret')
    return { adminKey, password }
  }

  /** Sends `signal` and waits for the exit; kills the process if it takes over `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<ServerExit> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill(signal)
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs)
    try {
      return await this.#exited
    } finally {
      clearTimeout(timer)
    }
  }

  /** Stops the server if still running and deletes its temporary directories. */
  async dispose(): Promise<void> {
    await this.stop('SIGKILL')
    rmSync(this.#ownsWorkDir, { recursive: true, force: true })
  }

  async #waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    let hasExited = false
    void this.#exited.then(() => {
      hasExited = true
    })
    while (Date.now() < deadline) {
      if (hasExited) throw new Error(`bkg-db exited before it was ready\n${this.#output()}`)
      if (await this.#isHealthy()) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    throw new Error(`bkg-db was not ready within ${timeoutMs} ms\n${this.#output()}`)
  }

  async #isHealthy(): Promise<boolean> {
    try {
      const response = await fetch(`${this.httpUrl}/healthz`, { signal: AbortSignal.timeout(1000) })
      await response.arrayBuffer()
      return response.status === 200
    } catch {
      return false
    }
  }

  #output(): string {
    return `stdout:\n${this.#stdout}\nstderr:\n${this.#stderr}`
  }
}
