/**
 * Health: whether the server is ready to serve, as `/healthz` reports it. main.ts moves it
 * through its phases and sets the component checks; the HTTP routes only read it.
 *
 *   starting ──markReady()──▶ ready ──markStopping()──▶ stopping
 *
 * The server is healthy only when ready with every check ok. A check turns unavailable when its
 * component is closed (or, later, when the engine enters its failed state).
 */

export type HealthPhase = 'starting' | 'ready' | 'stopping'
export type CheckStatus = 'ok' | 'unavailable'
export type CheckName = 'database' | 'pgwire'

export interface HealthReport {
  readonly status: 'ok' | 'unavailable'
  readonly phase: HealthPhase
  readonly checks: Readonly<Record<CheckName, CheckStatus>>
  readonly uptimeSeconds: number
}

export class Health {
  #phase: HealthPhase = 'starting'
  readonly #checks: Record<CheckName, CheckStatus> = {
    database: 'unavailable',
    pgwire: 'unavailable',
  }
  readonly #startedAtMs: number
  readonly #nowMs: () => number

  /** `nowMs` is the clock for uptime; tests pass a fixed one. */
  constructor(nowMs: () => number = Date.now) {
    this.#nowMs = nowMs
    this.#startedAtMs = nowMs()
  }

  get phase(): HealthPhase {
    return this.#phase
  }

  /** Ready to take new work: started, not stopping, every check ok. */
  get isReady(): boolean {
    return this.#phase === 'ready' && Object.values(this.#checks).every((check) => check === 'ok')
  }

  setCheck(name: CheckName, status: CheckStatus): void {
    this.#checks[name] = status
  }

  markReady(): void {
    if (this.#phase === 'starting') this.#phase = 'ready'
  }

  markStopping(): void {
    this.#phase = 'stopping'
  }

  report(): HealthReport {
    return {
      status: this.isReady ? 'ok' : 'unavailable',
      phase: this.#phase,
      checks: { ...this.#checks },
      uptimeSeconds: Math.floor((this.#nowMs() - this.#startedAtMs) / 1000),
    }
  }
}
