/**
 * StatementInterrupt: how a running statement learns that it must stop: its statement_timeout
 * deadline passed, or a cancel request arrived (57014, PostgreSQL's wording for each).
 *
 * Statements run synchronously (ARCHITECTURE.md §2: no other statement interleaves inside one),
 * so nothing outside can run while the executor loops; the executor therefore polls: its loops
 * call `tick()` once per row or unit of work, which reads the clock every `ticksPerCheck` calls
 * (a decrement otherwise), so a statement overruns its deadline by at most that many rows. A
 * cancel request sets a flag; it is seen at the next check, and at once by a statement waiting
 * (for a row lock: the `signal` aborts the wait), which is where it can arrive.
 *
 * Invariants:
 *   1. Once interrupted, every later check throws the same error (the statement cannot resume).
 *   2. `signal` aborts exactly when the statement is interrupted, with that error as its reason.
 */
import { SqlError, SqlState } from '../../errors/index.js'

/** Ticks between clock reads: small enough that even a slow row is a few ms late, large
 * enough that the clock read is negligible per row. */
const ticksPerCheck = 1024

export class StatementInterrupt {
  /** Created when first needed (a lock wait): most statements never wait, and an
   * AbortController per statement is a measurable share of a point query. */
  #controller: AbortController | undefined
  /** Why the statement was interrupted, once it was (invariant 1). */
  #reason: SqlError | undefined
  /** performance.now() at which the statement times out; Infinity: no timeout. */
  #deadlineMs: number
  #ticksLeft = ticksPerCheck
  #timer: NodeJS.Timeout | undefined

  /** `timeoutMs`: statement_timeout in milliseconds, 0 for none. */
  constructor(timeoutMs: number) {
    this.#deadlineMs = timeoutMs > 0 ? performance.now() + timeoutMs : Number.POSITIVE_INFINITY
  }

  /** Aborts with the interruption's error (lock waits listen to it). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController()
      if (this.#reason !== undefined) this.#controller.abort(this.#reason)
    }
    return this.#controller.signal
  }

  get isInterrupted(): boolean {
    return this.#reason !== undefined
  }

  /** Called by the executor once per row or unit of work. */
  tick(): void {
    if (--this.#ticksLeft > 0) return
    this.#ticksLeft = ticksPerCheck
    this.check()
  }

  /** Throws if the statement was cancelled or its deadline passed. */
  check(): void {
    if (this.#reason === undefined && performance.now() >= this.#deadlineMs) {
      this.#interrupt('canceling statement due to statement timeout')
    }
    if (this.#reason !== undefined) throw this.#reason
  }

  /** A cancel request (pgwire's CancelRequest): the statement fails at its next check. */
  cancel(): void {
    this.#interrupt('canceling statement due to user request')
  }

  /**
   * While the statement waits (the event loop runs), the deadline is a timer that aborts the
   * signal; `end` stops it. Call around each wait.
   */
  armTimer(): void {
    if (this.#timer !== undefined || !Number.isFinite(this.#deadlineMs)) return
    const remaining = Math.max(0, this.#deadlineMs - performance.now())
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.#interrupt('canceling statement due to statement timeout')
    }, remaining)
  }

  /** A suspended portal's statement resumes (pgwire's next Execute): a new deadline from now. */
  restart(timeoutMs: number): void {
    this.#deadlineMs = timeoutMs > 0 ? performance.now() + timeoutMs : Number.POSITIVE_INFINITY
    this.#ticksLeft = ticksPerCheck
  }

  /** The statement is over: no timer may outlive it. */
  end(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#deadlineMs = Number.POSITIVE_INFINITY
  }

  #interrupt(message: string): void {
    if (this.#reason !== undefined) return
    this.#reason = new SqlError(SqlState.queryCanceled, message)
    this.#controller?.abort(this.#reason)
  }
}
